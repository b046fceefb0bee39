"""Where the config picks the parts: the slides' own, or what plugs in beyond them.

Every recipe is built from the slides' functions (sinegan.slides) with the
plug points they offer; this module reads the config and decides what goes
into each plug. A module of sinegan.extras is imported only when the config
asks for it, so the slides' recipe loads none of them.

    field                          what it plugs in                          where
    minibatch_std_group > 0        a layer before D's output                 extras.minibatch_std
    loss = "wgan-gp"               a critic: linear output, its own compile  extras.wgan_gp
    discriminator_conditioning     a projection D                            extras.projection
      = "projection"
    generator_architecture         an upsampling G                           extras.dcgan
      = "dcgan"
    generator_loss = "minimax"     the GAN's compiled loss                   extras.losses
    conditional = True             G and D read b; the GAN hands b to D      extras.conditional
    generator_average_decay > 0    an averaged copy of G, after each G step  extras.averaging
    latent_distribution, or        z ~ N(0, 1) or cut at ±2, and b           extras.latent_prior
      conditional = True           for a conditional G
    engine = "fast"                one compiled call per epoch               extras.fast_engine
"""

from __future__ import annotations

import keras
import numpy as np

from ..slides import discriminator as slides_discriminator
from ..slides import generator as slides_generator
from ..slides import sampling as slides_sampling
from ..slides.config import GANConfig, require_config
from ..slides.dataset import SineDataset


def build_discriminator(config: GANConfig) -> keras.Model:
    """Step 2 for any recipe: the slides' D, with whatever the config plugs in."""
    require_config(config)
    output_activation = None if config.loss == "wgan-gp" else "sigmoid"  # a critic's score is linear
    if config.discriminator_conditioning == "projection":
        from .projection import build_projection_discriminator

        discriminator = build_projection_discriminator(config, output_activation)
        slides_discriminator.compile_discriminator(discriminator, config)
    else:
        before_output = []
        if config.minibatch_std_group:
            from .minibatch_std import MinibatchStandardDeviation

            before_output.append(MinibatchStandardDeviation(config.minibatch_std_group, name="minibatch_std"))
        discriminator = slides_discriminator.build_discriminator(config, before_output, output_activation)
    if config.loss == "wgan-gp":
        from .wgan_gp import make_critic

        make_critic(discriminator, config)
    return discriminator


def build_generator(config: GANConfig) -> keras.Model:
    """Step 4's G for any recipe: the slides' dense G, or the DCGAN one."""
    require_config(config)
    if config.generator_architecture == "dcgan":
        from .dcgan import build_dcgan_generator

        return build_dcgan_generator(config)
    return slides_generator.build_generator(config)


def build_gan(generator: keras.Model, discriminator: keras.Model, config: GANConfig) -> keras.Model:
    """Step 4's GAN for any recipe: Sequential([G, D]) with D frozen.

    A conditional recipe's GAN starts with the conditional G, which hands D the
    curve and the b G was asked for (``gan.layers[0]`` draws D's fakes).
    """
    require_config(config)
    loss = "binary_crossentropy"  # the slides' non-saturating loss
    if config.generator_loss == "minimax":
        from .losses import keras_generator_loss

        loss = keras_generator_loss(config.generator_loss)
    if config.conditional:
        from .conditional import conditional_drawer

        generator = conditional_drawer(generator)
    return slides_generator.build_gan(generator, discriminator, config, loss=loss)


def sample_latent(config: GANConfig, shape, rng: np.random.Generator) -> np.ndarray:
    """G's inputs for any recipe, (*shape, generator_inputs) float32: the slides' uniform z,
    or z from another distribution, followed by the requested b for a conditional G."""
    if config.latent_distribution == "uniform" and not config.conditional:
        return slides_sampling.sample_latent(config, shape, rng)
    from .latent_prior import sample_prior

    return sample_prior(config, slides_sampling.latent_shape(config, shape, rng), rng)


def sample_curves(generator: keras.Model, config: GANConfig, n: int, seed: int = 0) -> np.ndarray:
    """Step 6 for any recipe: n fresh curves from G, whose inputs are drawn as the config says."""
    return slides_sampling.sample_curves(generator, config, n, seed, latent_sampler=sample_latent)


def discriminator_inputs(config: GANConfig, dataset: SineDataset):
    """What D reads for each row n in steps 3 and 5: X_TRAIN[n] and NOISE[n] (with b_n if conditional)."""
    if config.conditional:
        from .conditional import conditional_discriminator_inputs

        return conditional_discriminator_inputs(config, dataset)
    return dataset.curves, dataset.noise


def sampling_generator(generator: keras.Model, config: GANConfig):
    """The G that draws the curves, and what keeps it up to date after each G step (or None)."""
    if not config.generator_average_decay:
        return generator, None
    from .averaging import averaged_copy, update_average

    average = averaged_copy(generator)
    return average, lambda: update_average(average.weights, generator.weights, config.generator_average_decay)
