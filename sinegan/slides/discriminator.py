"""Step 2 of the slides: the discriminator D.

D reads one curve (64 values) and returns D(x), the probability that the curve
is a real sinusoid rather than a fake. It is a plain binary classifier: two
dense hidden layers with dropout, and a sigmoid output, trained with binary
cross-entropy.

Reference: Goodfellow et al. 2014, arXiv:1406.2661, section 3 (D outputs the
probability that x came from the data rather than from the generator).
"""

from __future__ import annotations

import keras
from keras import layers

from .config import GANConfig, require_config


def build_discriminator(config: GANConfig, before_output=(), output_activation="sigmoid") -> keras.Sequential:
    """Dense 64 relu -> Dropout 0.4 -> Dense 64 relu -> Dropout 0.4 -> Dense 1 sigmoid.

    8,385 weights with the slides' sizes: 64·64+64, 64·64+64 and 64+1.
    ``before_output`` and ``output_activation`` are where recipes beyond the
    slides plug in (sinegan.extras.recipe): a minibatch layer before the output,
    a linear output for a WGAN critic. The slides use neither.
    """
    require_config(config)
    units, dropout = config.discriminator_units, config.discriminator_dropout
    discriminator = keras.Sequential(
        [
            keras.Input(shape=(config.discriminator_inputs,)),  # (batch, 64) one curve per row
            layers.Dense(units, activation=config.hidden_activation, name="hidden_1"),  # (batch, 64)
            layers.Dropout(dropout, name="dropout_1"),  # DIS_DROPOUT
            # The slide code writes Dense(SAMPLE_LEN, ...): SAMPLE_LEN is never
            # defined there; it means TRAIN_LEN, which is what units holds.
            layers.Dense(units, activation=config.hidden_activation, name="hidden_2"),  # (batch, 64)
            layers.Dropout(dropout, name="dropout_2"),
            *before_output,
            layers.Dense(1, activation=output_activation, name="output"),  # (batch, 1) D(x) = P(x is real)
        ],
        name="discriminator",
    )
    compile_discriminator(discriminator, config)
    return discriminator


def compile_discriminator(discriminator: keras.Model, config: GANConfig):
    """compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"]), as on the slides."""
    # optimizer="adam" on the slides: Adam with its default learning rate 0.001.
    optimizer = keras.optimizers.Adam(config.learning_rate, beta_1=config.adam_beta_1, beta_2=config.adam_beta_2,
                                      name="discriminator_optimizer")
    discriminator.compile(optimizer=optimizer, loss="binary_crossentropy", metrics=["accuracy"])
