"""Step 2 of the slides: the discriminator D.

D reads one curve (64 values) and returns D(x), the probability that the curve
is a real sinusoid rather than a fake. It is a plain binary classifier: two
dense hidden layers with dropout, and a sigmoid output, trained with binary
cross-entropy.

A conditional D (sinegan.conditional) reads [curve, b]; with
``discriminator_conditioning="projection"`` it scores the curve's features
against an embedding of b instead of reading b as a 65th input value.

References: Goodfellow et al. 2014, arXiv:1406.2661, section 3 (D outputs the
probability that x came from the data rather than from the generator); Miyato
and Koyama 2018, "cGANs with Projection Discriminator", arXiv:1802.05637.
"""

from __future__ import annotations

import keras
from keras import layers

from .config import GANConfig, _require_config


def build_discriminator(config: GANConfig) -> keras.Model:
    """Dense 64 relu -> Dropout 0.4 -> Dense 64 relu -> Dropout 0.4 -> Dense 1 sigmoid.

    (relu is ``config.hidden_activation``; the improved preset uses leaky relu.
    With ``loss="wgan-gp"`` the last layer is linear: D is a critic.)

    8,385 weights with the slides' sizes: 64·64+64, 64·64+64 and 64+1.
    A conditional D with ``discriminator_conditioning="projection"``: see
    :func:`_build_projection_discriminator`.
    """
    _require_config(config)
    if config.discriminator_conditioning == "projection":
        return _compile(_build_projection_discriminator(config), config)
    units, dropout = config.discriminator_units, config.discriminator_dropout
    critic = config.loss == "wgan-gp"
    discriminator = keras.Sequential(
        [
            keras.Input(shape=(config.discriminator_inputs,)),  # (batch, 64) one curve per row (+ b if conditional)
            layers.Dense(units, activation=config.hidden_activation),  # (batch, 64)
            layers.Dropout(dropout),  # DIS_DROPOUT
            # The slide code writes Dense(SAMPLE_LEN, ...): SAMPLE_LEN is never
            # defined there; it means TRAIN_LEN, which is what units holds.
            layers.Dense(units, activation=config.hidden_activation),  # (batch, 64)
            layers.Dropout(dropout),
            # Not on the slides: off unless config.minibatch_std_group is set.
            *([MinibatchStandardDeviation(config.minibatch_std_group)] if config.minibatch_std_group else []),
            # D(x) = P(x is real). Not on the slides: a WGAN-GP critic's output is a
            # real-valued score, with no sigmoid (Gulrajani et al. 2017).
            layers.Dense(1, activation=None if critic else "sigmoid"),  # (batch, 1)
        ],
        name="discriminator",
    )
    return _compile(discriminator, config)


def _compile(discriminator: keras.Model, config: GANConfig) -> keras.Model:
    critic = config.loss == "wgan-gp"
    # optimizer="adam" on the slides: Adam with its default learning rate 0.001.
    optimizer = keras.optimizers.Adam(config.learning_rate, beta_1=config.adam_beta_1, beta_2=config.adam_beta_2)
    if critic:
        # Only step 3 uses this compile: a critic is pre-trained as a logistic
        # classifier on its score, where score > 0 means "real".
        discriminator.compile(optimizer=optimizer, loss=keras.losses.BinaryCrossentropy(from_logits=True),
                              metrics=[keras.metrics.BinaryAccuracy(threshold=0.0)])
    else:
        discriminator.compile(optimizer=optimizer, loss="binary_crossentropy", metrics=["accuracy"])
    return discriminator


def _build_projection_discriminator(config: GANConfig) -> keras.Model:
    """A conditional D with a projection (Miyato and Koyama 2018, arXiv:1802.05637): not on the slides.

    logit(x, b) = w·phi(x) + e(b)·phi(x), where phi(x) are the hidden features of the
    curve alone (the same layers as the concatenating D) and e(b) an embedding of b by
    a small dense network. The input is still [curve, b], (batch, 65).
    """
    units, dropout = config.discriminator_units, config.discriminator_dropout
    inputs = keras.Input(shape=(config.discriminator_inputs,))  # (batch, 65): a curve, then its b
    curves, condition = inputs[:, :config.train_len], inputs[:, config.train_len:]  # (batch, 64), (batch, 1)
    features = layers.Dense(units, activation=config.hidden_activation, name="features_1")(curves)  # (batch, 64)
    features = layers.Dropout(dropout)(features)
    features = layers.Dense(units, activation=config.hidden_activation, name="features_2")(features)  # (batch, 64)
    features = layers.Dropout(dropout)(features)
    if config.minibatch_std_group:
        features = MinibatchStandardDeviation(config.minibatch_std_group)(features)  # (batch, 65)
    # e(b): a scalar b has no lookup table of class embeddings, so a small dense network embeds it.
    embedding = layers.Dense(units, activation=config.hidden_activation, name="embedding_1")(condition)  # (batch, 64)
    embedding = layers.Dense(features.shape[-1], name="embedding_2")(embedding)  # (batch, width of phi)
    agreement = layers.Dot(axes=1)([features, embedding])  # (batch, 1) e(b)·phi(x)
    logit = layers.Add()([layers.Dense(1, name="score")(features), agreement])  # (batch, 1)
    scores = layers.Activation(None if config.loss == "wgan-gp" else "sigmoid")(logit)  # (batch, 1)
    return keras.Model(inputs, scores, name="discriminator")


@keras.saving.register_keras_serializable(package="sinegan")  # so discriminator.keras loads back
class MinibatchStandardDeviation(layers.Layer):
    """Append one feature: how much a group of ``group_size`` consecutive rows varies.

    Karras et al. 2018 (arXiv:1710.10196), section 3: the standard deviation of
    each feature over the group, averaged over features, is given to every row
    of the group. Real curves vary a lot, so a collapsed generator's groups
    stand out. The batch size must be a multiple of ``group_size``; the trainer
    feeds 64 real rows then 64 generated rows, so no group mixes the two.
    """

    def __init__(self, group_size: int, **kwargs):
        super().__init__(**kwargs)
        self.group_size = group_size

    def call(self, features):  # (batch, units)
        batch, units = features.shape[0], features.shape[-1]
        if batch is not None and batch % self.group_size:  # known whenever D is called on an array
            raise ValueError(f"the batch must be a multiple of group_size={self.group_size}, so that every "
                             f"curve has a group. Received: batch size {batch}")
        groups = keras.ops.reshape(features, (-1, self.group_size, units))  # (batch / g, g, units)
        spread = keras.ops.sqrt(keras.ops.var(groups, axis=1) + 1e-8)  # (batch / g, units)
        spread = keras.ops.mean(spread, axis=1, keepdims=True)  # (batch / g, 1)
        spread = keras.ops.repeat(spread, self.group_size, axis=0)  # (batch, 1)
        return keras.ops.concatenate([features, spread], axis=1)  # (batch, units + 1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], input_shape[-1] + 1)

    def get_config(self):
        return {**super().get_config(), "group_size": self.group_size}
