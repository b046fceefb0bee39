"""A projection discriminator for conditional sines (not on the slides).

With ``discriminator_conditioning="projection"`` a conditional D still receives
[curve, b], but reads the curve alone into features phi(x) and adds
e(b)·phi(x), an embedding of b projected on those features, to its logit: D
then scores how well curve and b agree directly, instead of having to learn
that comparison in its first layer. Without R1 (400 epochs) it lifted the worst
b from 87-92% hits to 94% or more (seeds 0-2); with the improved recipe's R1,
concatenation already hits every b, so the ``conditional`` preset keeps it.

Reference: Miyato and Koyama 2018, "cGANs with Projection Discriminator", arXiv:1802.05637.
"""

from __future__ import annotations

import keras
from keras import layers

from ..slides.config import GANConfig
from .minibatch_std import MinibatchStandardDeviation


def build_projection_discriminator(config: GANConfig, output_activation="sigmoid") -> keras.Model:
    """A conditional D with projection (Miyato and Koyama 2018, arXiv:1802.05637).

    logit(x, b) = w·phi(x) + e(b)·phi(x), where phi(x) are the hidden features of the
    curve alone (the same layers as the concatenating D) and e(b) an embedding of b by
    a small dense network. The input is still [curve, b], (batch, 65).
    """
    units, dropout = config.discriminator_units, config.discriminator_dropout
    inputs = keras.Input(shape=(config.discriminator_inputs,))  # (batch, 65): a curve, then its b
    # (batch, 64), (batch, 1)
    curves, condition = (
        inputs[:, : config.train_len],
        inputs[:, config.train_len :],
    )
    # (batch, 64)
    features = layers.Dense(units, activation=config.hidden_activation, name="features_1")(curves)
    features = layers.Dropout(dropout, name="dropout_1")(features)
    # (batch, 64)
    features = layers.Dense(units, activation=config.hidden_activation, name="features_2")(features)
    features = layers.Dropout(dropout, name="dropout_2")(features)
    if config.minibatch_std_group:
        features = MinibatchStandardDeviation(config.minibatch_std_group)(features)  # (batch, 65)
    # e(b): a scalar b has no lookup table of class embeddings, so a small dense network embeds it.
    # (batch, 64)
    embedding = layers.Dense(units, activation=config.hidden_activation, name="embedding_1")(
        condition
    )
    # (batch, width of phi)
    embedding = layers.Dense(features.shape[-1], name="embedding_2")(embedding)
    agreement = layers.Dot(axes=1)([features, embedding])  # (batch, 1) e(b)·phi(x)
    logit = layers.Add()([layers.Dense(1, name="score")(features), agreement])  # (batch, 1)
    scores = layers.Activation(output_activation)(logit)  # (batch, 1)
    return keras.Model(inputs, scores, name="discriminator")
