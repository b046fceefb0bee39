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

from .config import GANConfig, require_config


def build_generator(config: GANConfig) -> keras.Sequential:
    """Dense 64 relu -> Dense 256 relu -> Dense 64 tanh.

    37,248 weights with the slides' sizes: 64·64+64, 64·256+256 and 256·64+64.
    """
    require_config(config)
    hidden = [layers.Dense(units, activation=config.hidden_activation, name=f"hidden_{number}")
              for number, units in enumerate(config.generator_units, start=1)]
    generator = keras.Sequential(
        [
            keras.Input(shape=(config.generator_inputs,)),  # (batch, 64) latent vectors z
            *hidden,  # (batch, 64) then (batch, 256)
            layers.Dense(config.train_len, activation="tanh", name="output"),  # (batch, 64) a curve in (-1, 1)
        ],
        name="generator",
    )
    compile_generator(generator, config)
    return generator


def compile_generator(generator: keras.Model, config: GANConfig):
    """The slides compile G with adam and mse. That compile is never used: G only
    learns inside the GAN. We keep it so the model matches the slide."""
    optimizer = keras.optimizers.Adam(config.learning_rate, beta_1=config.adam_beta_1, name="generator_optimizer")
    generator.compile(optimizer=optimizer, loss="mse")


def build_gan(generator: keras.Model, discriminator: keras.Model, config: GANConfig,
              loss="binary_crossentropy") -> keras.Sequential:
    """The GAN: z -> G(z) -> D(G(z)), built with D frozen as on the slides.

    ``loss`` is where another generator loss plugs in (sinegan.extras.recipe);
    the slides' binary cross-entropy against label 1 is -log D(G(z)).

    Careful on Keras 3: freezing D here, before ``compile``, does *not* fix what
    the GAN trains. Keras 3 reads ``trainable`` later: on TensorFlow when a
    train function is traced, at the first ``train_on_batch`` call for a batch
    shape; on JAX and PyTorch at every call. That is why the training loop sets
    the flag right before every update.
    """
    require_config(config)
    discriminator.trainable = False
    gan = keras.Sequential([generator, discriminator], name="gan")
    # The GAN's optimizer moves G's weights only: D is frozen inside the GAN.
    optimizer = keras.optimizers.Adam(config.learning_rate, beta_1=config.adam_beta_1, beta_2=config.adam_beta_2,
                                      name="gan_optimizer")
    gan.compile(optimizer=optimizer, loss=loss, metrics=["accuracy"])
    return gan
