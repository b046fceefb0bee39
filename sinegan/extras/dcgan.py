"""A DCGAN generator for the sinusoids: upsampling with transposed convolutions.

Not on the slides: ``generator_architecture="dcgan"`` builds G from transposed
convolutions instead of the slides' dense layers, the upsampling generator of
the lecture's DCGAN slides. A short many-channel curve grows, stage by stage,
into the 64-point curve; each stride-2 ``Conv1DTranspose`` doubles its length,
as the lecture's C-transpose matrix maps a small output back to a larger input
(sinegan.lectures.convolution).

References: Radford et al. 2015, arXiv:1511.06434 (DCGAN); Odena et al. 2016,
"Deconvolution and Checkerboard Artifacts", Distill (kernel size a multiple of
the stride).
"""

from __future__ import annotations

import keras
from keras import layers

from ..slides.config import GANConfig, require_config
from ..slides.generator import compile_generator


def build_dcgan_generator(
    config: GANConfig, optimizer: keras.optimizers.Optimizer
) -> keras.Sequential:
    """Dense -> reshape to a short curve with many channels -> stride-2 Conv1DTranspose stages.

    With the defaults (train_len 64, generator_channels (64, 32, 16)):
    z (8) -> Dense 512 -> (8, 64) -> (16, 32) -> (32, 16) -> (64, 1) tanh -> (64,).
    Each transposed convolution doubles the length, as the lecture's C-transpose
    matrix maps a small output back to a larger input (see sinegan.lectures.convolution).
    """
    require_config(config)
    channels = config.generator_channels
    start_length = config.train_len // 2 ** len(channels)  # 64 // 8 = 8 points
    activation = config.hidden_activation
    # Kernel 4 = 2 x stride: every output point gets the same number of
    # contributions, which avoids checkerboard artefacts (Odena et al. 2016).
    # (batch, 16, 32) then (batch, 32, 16)
    upsampling = [
        layers.Conv1DTranspose(
            width,
            kernel_size=4,
            strides=2,
            padding="same",
            activation=activation,
            name=f"upsample_{number}",
        )
        for number, width in enumerate(channels[1:], start=1)
    ]
    generator = keras.Sequential(
        [
            # (batch, latent_dim) z (+ b if conditional)
            keras.Input(shape=(config.generator_inputs,)),
            # (batch, 512)
            layers.Dense(start_length * channels[0], activation=activation, name="hidden_1"),
            # (batch, 8, 64): a short curve with 64 channels
            layers.Reshape((start_length, channels[0]), name="to_short_curve"),
            *upsampling,
            # Departure from DCGAN: no batch normalisation. The trainer draws the D
            # step's fakes with training=False, where batch norm would use its moving
            # averages, not the batch statistics the G step trains with.
            # (batch, 64, 1)
            layers.Conv1DTranspose(
                1, kernel_size=4, strides=2, padding="same", activation="tanh", name="output"
            ),
            # (batch, 64) a curve in (-1, 1), as D expects
            layers.Reshape((config.train_len,), name="to_curve"),
        ],
        name="generator",
    )
    compile_generator(generator, optimizer)  # as the slides compile their G
    return generator
