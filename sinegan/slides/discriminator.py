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

from ..config_fields import require_slides_values
from .config import GANConfig, require_config


def build_discriminator(
    config: GANConfig,
    *,
    inputs: int | None = None,
    activation: str = "relu",
    before_output=(),
    output_activation: str | None = "sigmoid",
    optimizer: keras.optimizers.Optimizer | None = None,
) -> keras.Sequential:
    """Dense 64 relu -> Dropout 0.4 -> Dense 64 relu -> Dropout 0.4 -> Dense 1 sigmoid.

    8,385 weights with the slides' sizes: 64·64+64, 64·64+64 and 64+1. The sizes
    come from ``config`` (``train_len``, ``discriminator_units``,
    ``discriminator_dropout``, ``learning_rate``). The keyword arguments are
    where recipes beyond the slides plug in (sinegan.recipe), the slides using
    none of them: ``inputs``, the width of a row (default ``train_len``, one
    curve); ``activation`` of the hidden layers; ``before_output``, layers before
    the output (a minibatch layer); ``output_activation`` (``None``: a WGAN
    critic's linear score); ``optimizer`` (default: the slides' ``adam``).
    """
    require_config(config)
    require_slides_values(config, "build_discriminator")
    units, dropout = config.discriminator_units, config.discriminator_dropout
    discriminator = keras.Sequential(
        [
            keras.Input(shape=(inputs or config.train_len,)),  # (batch, 64) one curve per row
            layers.Dense(units, activation=activation, name="hidden_1"),  # (batch, 64)
            layers.Dropout(dropout, name="dropout_1"),  # DIS_DROPOUT
            # The slide code writes Dense(SAMPLE_LEN, ...): SAMPLE_LEN is never
            # defined there; it means TRAIN_LEN, which is what units holds.
            layers.Dense(units, activation=activation, name="hidden_2"),  # (batch, 64)
            layers.Dropout(dropout, name="dropout_2"),
            *before_output,
            # (batch, 1) D(x) = P(real)
            layers.Dense(1, activation=output_activation, name="output"),
        ],
        name="discriminator",
    )
    compile_discriminator(
        discriminator, optimizer or adam(config.learning_rate, "discriminator_optimizer")
    )
    return discriminator


def compile_discriminator(discriminator: keras.Model, optimizer: keras.optimizers.Optimizer):
    """As on the slides: compile(optimizer="adam", loss="binary_crossentropy", metrics=[...])."""
    discriminator.compile(optimizer=optimizer, loss="binary_crossentropy", metrics=["accuracy"])


def adam(
    learning_rate: float, name: str, beta_1: float = 0.9, beta_2: float = 0.999
) -> keras.optimizers.Adam:
    """``optimizer="adam"`` on the slides: Adam, with Keras' default betas unless a recipe says.

    The slides' learning rate is Keras' default, 0.001 (``GANConfig.learning_rate``).
    Every optimizer of the sine GAN is made here, named, so that a checkpoint finds
    its moments under the same key in every process (sinegan.tool.state).
    """
    return keras.optimizers.Adam(learning_rate, beta_1=beta_1, beta_2=beta_2, name=name)
