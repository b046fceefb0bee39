"""Step 4 of the slides: the generator G, and the GAN that chains G into D.

G turns a random latent vector z (64 uniform values on the slides) into a curve
of 64 points. Its last layer is tanh, so every point lies in (-1, 1), the range
of the sinusoids. The GAN is simply ``Sequential([G, D])``: it maps z to
D(G(z)). Training the GAN to output 1 ("real") with D frozen moves only G's
weights, towards curves that D takes for sinusoids.

Not on the slides: ``generator_architecture="dcgan"`` builds G from transposed
convolutions instead, the upsampling generator of the lecture's DCGAN slides.

References: Goodfellow et al. 2014, arXiv:1406.2661, section 3 and Algorithm 1;
Radford et al. 2015, arXiv:1511.06434 (DCGAN); Odena et al. 2016, "Deconvolution
and Checkerboard Artifacts", Distill (kernel size a multiple of the stride).
"""

from __future__ import annotations

import keras
from keras import layers

from .conditional import build_conditional_gan
from .config import GANConfig, _require_config
from .losses import keras_generator_loss


def build_generator(config: GANConfig) -> keras.Sequential:
    """Dense 64 relu -> Dense 256 relu -> Dense 64 tanh.

    37,248 weights with the slides' sizes: 64·64+64, 64·256+256 and 256·64+64.
    With ``config.generator_architecture == "dcgan"``: see :func:`build_dcgan_generator`.
    """
    _require_config(config)
    if config.generator_architecture == "dcgan":
        generator = build_dcgan_generator(config)
    else:
        generator = _build_dense_generator(config)
    # The slides compile G with adam and mse. That compile is never used: G only
    # learns inside the GAN. We keep it so the model matches the slide.
    generator.compile(optimizer=keras.optimizers.Adam(config.learning_rate, beta_1=config.adam_beta_1), loss="mse")
    return generator


def _build_dense_generator(config: GANConfig) -> keras.Sequential:
    hidden = [layers.Dense(units, activation=config.hidden_activation) for units in config.generator_units]
    generator = keras.Sequential(
        [
            keras.Input(shape=(config.generator_inputs,)),  # (batch, 64) latent vectors z (+ b if conditional)
            *hidden,  # (batch, 64) then (batch, 256)
            layers.Dense(config.train_len, activation="tanh"),  # (batch, 64) a curve in (-1, 1)
        ],
        name="generator",
    )
    return generator


def build_dcgan_generator(config: GANConfig) -> keras.Sequential:
    """Dense -> reshape to a short curve with many channels -> stride-2 Conv1DTranspose stages.

    With the defaults (train_len 64, generator_channels (64, 32, 16)):
    z (8) -> Dense 512 -> (8, 64) -> (16, 32) -> (32, 16) -> (64, 1) tanh -> (64,).
    Each transposed convolution doubles the length, as the lecture's C-transpose
    matrix maps a small output back to a larger input (see sinegan.convolution).
    """
    channels = config.generator_channels
    start_length = config.train_len // 2 ** len(channels)  # 64 // 8 = 8 points
    activation = config.hidden_activation
    # Kernel 4 = 2 x stride: every output point gets the same number of
    # contributions, which avoids checkerboard artefacts (Odena et al. 2016).
    upsampling = [layers.Conv1DTranspose(width, kernel_size=4, strides=2, padding="same", activation=activation)
                  for width in channels[1:]]  # (batch, 16, 32) then (batch, 32, 16)
    return keras.Sequential(
        [
            keras.Input(shape=(config.generator_inputs,)),  # (batch, latent_dim) z (+ b if conditional)
            layers.Dense(start_length * channels[0], activation=activation),  # (batch, 512)
            layers.Reshape((start_length, channels[0])),  # (batch, 8, 64): a short curve, 64 channels
            *upsampling,
            # Departure from DCGAN: no batch normalisation. The trainer draws the D
            # step's fakes with training=False, where batch norm would use its moving
            # averages, not the batch statistics the G step trains with.
            layers.Conv1DTranspose(1, kernel_size=4, strides=2, padding="same", activation="tanh"),  # (batch, 64, 1)
            layers.Reshape((config.train_len,)),  # (batch, 64) a curve in (-1, 1), as D expects
        ],
        name="generator",
    )


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
