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

from .conditional import build_conditional_gan
from .config import GANConfig
from .losses import keras_generator_loss


def build_generator(config: GANConfig) -> keras.Sequential:
    """Dense 64 relu -> Dense 256 relu -> Dense 64 tanh.

    37,248 weights with the slides' sizes: 64·64+64, 64·256+256 and 256·64+64.
    """
    hidden = [layers.Dense(units, activation=config.hidden_activation) for units in config.generator_units]
    generator = keras.Sequential(
        [
            keras.Input(shape=(config.generator_inputs,)),  # (batch, 64) latent vectors z (+ b if conditional)
            *hidden,  # (batch, 64) then (batch, 256)
            layers.Dense(config.train_len, activation="tanh"),  # (batch, 64) a curve in (-1, 1)
        ],
        name="generator",
    )
    # The slides compile G with adam and mse. That compile is never used: G only
    # learns inside the GAN. We keep it so the model matches the slide.
    generator.compile(optimizer=keras.optimizers.Adam(config.learning_rate, beta_1=config.adam_beta_1), loss="mse")
    return generator


def build_gan(generator: keras.Model, discriminator: keras.Model, config: GANConfig) -> keras.Sequential:
    """The GAN: z -> G(z) -> D(G(z)), built with D frozen as on the slides.

    Careful on Keras 3: freezing D here, before ``compile``, does *not* fix what
    the GAN trains. Keras 3 (TensorFlow backend) reads ``trainable`` when a
    train function is traced, at the first ``train_on_batch`` call for a batch
    shape. That is why the trainer sets the flag right before every update.
    """
    discriminator.trainable = False
    if config.conditional:  # not on the slides: D also reads the frequency G was asked for
        gan = build_conditional_gan(generator, discriminator, config)
    else:
        gan = keras.Sequential([generator, discriminator], name="gan")
    gan.compile(optimizer=keras.optimizers.Adam(config.learning_rate, beta_1=config.adam_beta_1,
                                                beta_2=config.adam_beta_2),
                loss=keras_generator_loss(config.generator_loss), metrics=["accuracy"])
    return gan
