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

from .config import GANConfig


def build_discriminator(config: GANConfig) -> keras.Sequential:
    """Dense 64 relu -> Dropout 0.4 -> Dense 64 relu -> Dropout 0.4 -> Dense 1 sigmoid.

    (relu is ``config.hidden_activation``; the improved preset uses leaky relu.)

    8,385 weights with the slides' sizes: 64·64+64, 64·64+64 and 64+1.
    """
    units, dropout = config.discriminator_units, config.discriminator_dropout
    discriminator = keras.Sequential(
        [
            keras.Input(shape=(config.train_len,)),  # (batch, 64) one curve per row
            layers.Dense(units, activation=config.hidden_activation),  # (batch, 64)
            layers.Dropout(dropout),  # DIS_DROPOUT
            # The slide code writes Dense(SAMPLE_LEN, ...): SAMPLE_LEN is never
            # defined there; it means TRAIN_LEN, which is what units holds.
            layers.Dense(units, activation=config.hidden_activation),  # (batch, 64)
            layers.Dropout(dropout),
            layers.Dense(1, activation="sigmoid"),  # (batch, 1) D(x) = P(x is real)
        ],
        name="discriminator",
    )
    # optimizer="adam" on the slides: Adam with its default learning rate 0.001.
    discriminator.compile(optimizer=keras.optimizers.Adam(config.learning_rate, beta_1=config.adam_beta_1),
                          loss="binary_crossentropy", metrics=["accuracy"])
    return discriminator
