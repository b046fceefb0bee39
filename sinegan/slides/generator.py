"""Step 4 of the slides: the generator G, and the GAN that chains G into D.

G turns a random latent vector z (64 uniform values on the slides) into a curve
of 64 points. Its last layer is tanh, so every point lies in (-1, 1), the range
of the sinusoids. The GAN is simply ``Sequential([G, D])``: it maps z to
D(G(z)). Training the GAN to output 1 ("real") with D frozen moves only G's
weights, towards curves that D takes for sinusoids.

Reference: Goodfellow et al. 2014, arXiv:1406.2661, section 3 and Algorithm 1.
"""

from __future__ import annotations

import keras
from keras import layers

from ..config_fields import require_slides_values
from .config import GANConfig, require_config
from .discriminator import adam


def build_generator(
    config: GANConfig,
    *,
    inputs: int | None = None,
    activation: str = "relu",
    optimizer: keras.optimizers.Optimizer | None = None,
) -> keras.Sequential:
    """Dense 64 relu -> Dense 256 relu -> Dense 64 tanh.

    37,248 weights with the slides' sizes: 64·64+64, 64·256+256 and 256·64+64,
    from ``config`` (``latent_dim``, ``generator_units``, ``train_len``). The
    keyword arguments are plug points for recipes beyond the slides
    (sinegan.recipe): ``inputs``, the width of G's input (default
    ``latent_dim``); ``activation`` of the hidden layers; ``optimizer``.
    """
    require_config(config)
    require_slides_values(config, "build_generator")
    hidden = [
        layers.Dense(units, activation=activation, name=f"hidden_{number}")
        for number, units in enumerate(config.generator_units, start=1)
    ]
    generator = keras.Sequential(
        [
            keras.Input(shape=(inputs or config.latent_dim,)),  # (batch, 64) latent vectors z
            *hidden,  # (batch, 64) then (batch, 256)
            # (batch, 64) in (-1, 1)
            layers.Dense(config.train_len, activation="tanh", name="output"),
        ],
        name="generator",
    )
    compile_generator(generator, optimizer or adam(config.learning_rate, "generator_optimizer"))
    return generator


def compile_generator(generator: keras.Model, optimizer: keras.optimizers.Optimizer):
    """The slides compile G with adam and mse. That compile is never used: G only
    learns inside the GAN. We keep it so the model matches the slide."""
    generator.compile(optimizer=optimizer, loss="mse")


def build_gan(
    generator: keras.Model,
    discriminator: keras.Model,
    config: GANConfig,
    *,
    loss="binary_crossentropy",
    optimizer: keras.optimizers.Optimizer | None = None,
) -> keras.Sequential:
    """The GAN: z -> G(z) -> D(G(z)), built with D frozen as on the slides.

    ``loss`` and ``optimizer`` are where recipes beyond the slides plug in
    (sinegan.recipe); the slides' binary cross-entropy against label 1 is
    -log D(G(z)), and their optimizer the slides' ``adam`` at ``learning_rate``.

    Freezing D here, before ``compile``, does *not* by itself fix what the GAN
    trains on Keras 3: the training loop sets the flag again before every
    update (why: sinegan.slides.training).
    """
    require_config(config)
    require_slides_values(config, "build_gan")
    discriminator.trainable = False
    gan = keras.Sequential([generator, discriminator], name="gan")
    # The GAN's optimizer moves G's weights only: D is frozen inside the GAN.
    gan.compile(
        optimizer=optimizer or adam(config.learning_rate, "gan_optimizer"),
        loss=loss,
        metrics=["accuracy"],
    )
    return gan
