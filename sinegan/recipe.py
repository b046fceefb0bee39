"""Where the config picks the parts: the slides' own, and what plugs in beyond them.

Every recipe is built from the slides' functions (sinegan.slides) through the
plug points they offer; this module reads the config's fields beyond the
slides and decides what goes into each plug. A module of sinegan.extras is
imported only when the config asks for it, so the slides' recipe loads none.

    field                          what it plugs in                          where
    hidden_activation, adam_beta_1 the hidden layers' activation, Adam's      the slides' builders
      adam_beta_2                  betas                                     (arguments)
    minibatch_std_group > 0        a layer before D's output                 extras.minibatch_std
    loss = "wgan-gp"               a critic: linear output, its own compile  extras.wgan_gp
    discriminator_conditioning     a projection D                            extras.projection
      = "projection"
    generator_architecture         an upsampling G                           extras.dcgan
      = "dcgan"
    generator_loss = "minimax"     the GAN's compiled loss                   engines.losses
    conditional = True             G and D read b; the GAN hands b to D      extras.conditional
    generator_average_decay > 0    an averaged copy of G, after each G step  extras.averaging
    latent_distribution, or        z ~ N(0, 1) or cut at ±2, and b           extras.latent_prior
      conditional = True           for a conditional G
    data_regions                   the data's (b, c), from several rectangles extras.regions

``dataset_for(config, rng)`` draws step 1's data; ``assemble(config, dataset)``
makes every part a training run needs, in one frozen ``GANParts``; the other
``*_for`` functions make one part each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import keras
import numpy as np

from .slides import dataset as slides_dataset
from .slides import discriminator as slides_discriminator
from .slides import generator as slides_generator
from .slides import sampling as slides_sampling
from .slides.config import GANConfig, require_config
from .slides.dataset import SineDataset


@dataclass(frozen=True, eq=False)
class GANParts:
    """Everything a training run is made of, for one config (``assemble`` builds it)."""

    discriminator: keras.Model  # step 2: D (a critic for WGAN-GP)
    generator: keras.Model  # step 4: G
    gan: keras.Model  # step 4: the drawer followed by the frozen D
    drawer: keras.Model  # what draws D's fakes: G, or the conditional G that also hands D its b
    # (train_size, 64) what D reads of row n of X_TRAIN (+ b_n if conditional)
    real_inputs: np.ndarray
    noise_inputs: np.ndarray  # (train_size, 64) the same for NOISE: step 3's fakes
    latent_sampler: Callable  # (shape, rng) -> G's inputs, (*shape, generator_inputs) float32
    sampling_generator: keras.Model  # the G that curves are drawn from: G, or its averaged copy
    after_generator_step: Callable | None  # runs after each G update (the average), or None

    @property
    def averaged(self) -> bool:
        """Whether curves come from an averaged copy of G rather than G itself."""
        return self.sampling_generator is not self.generator


def dataset_for(config: GANConfig, rng: np.random.Generator) -> SineDataset:
    """Step 1 for any recipe: the slides' X_TRAIN and NOISE, whose (b, c) come from the config's
    ``data_regions`` when it sets them; without them, the slides' data, draw for draw."""
    require_config(config)
    if not config.data_regions:
        return slides_dataset.make_dataset(config, rng)
    from .extras.regions import region_parameters

    return slides_dataset.make_dataset(config, rng, parameters=region_parameters)


def assemble(config: GANConfig, dataset: SineDataset) -> GANParts:
    """Steps 2 and 4 for ``config``: D, G and the GAN, and what the loop and the sampling need."""
    require_config(config)
    discriminator = discriminator_for(config)  # step 2
    generator = generator_for(config)  # step 4
    drawer = fake_drawer_for(generator, config)
    real_inputs, noise_inputs = discriminator_inputs_for(config, dataset)
    sampling_generator, after_generator_step = sampling_generator_for(generator, config)
    return GANParts(
        discriminator=discriminator,
        generator=generator,
        gan=gan_for(drawer, discriminator, config),
        drawer=drawer,
        real_inputs=real_inputs,
        noise_inputs=noise_inputs,
        latent_sampler=partial(latent_for, config),
        sampling_generator=sampling_generator,
        after_generator_step=after_generator_step,
    )


def _adam(config: GANConfig, name: str) -> keras.optimizers.Adam:
    return slides_discriminator.adam(
        config.learning_rate, name, config.adam_beta_1, config.adam_beta_2
    )


def discriminator_for(config: GANConfig) -> keras.Model:
    """Step 2 for any recipe: the slides' D, with whatever the config plugs in."""
    require_config(config)
    # a critic's score is linear
    output_activation = None if config.loss == "wgan-gp" else "sigmoid"
    optimizer = _adam(config, "discriminator_optimizer")
    if config.discriminator_conditioning == "projection":
        from .extras.projection import build_projection_discriminator

        discriminator = build_projection_discriminator(config, output_activation)
        slides_discriminator.compile_discriminator(discriminator, optimizer)
    else:
        before_output = []
        if config.minibatch_std_group:
            from .extras.minibatch_std import MinibatchStandardDeviation

            before_output.append(
                MinibatchStandardDeviation(config.minibatch_std_group, name="minibatch_std")
            )
        discriminator = slides_discriminator.build_discriminator(
            config.slides_only(),
            inputs=config.discriminator_inputs,
            activation=config.hidden_activation,
            before_output=before_output,
            output_activation=output_activation,
            optimizer=optimizer,
        )
    if config.loss == "wgan-gp":
        from .extras.wgan_gp import make_critic

        make_critic(discriminator, config)
    return discriminator


def generator_for(config: GANConfig) -> keras.Model:
    """Step 4's G for any recipe: the slides' dense G, or the DCGAN one."""
    require_config(config)
    optimizer = _adam(config, "generator_optimizer")
    if config.generator_architecture == "dcgan":
        from .extras.dcgan import build_dcgan_generator

        return build_dcgan_generator(config, optimizer)
    return slides_generator.build_generator(
        config.slides_only(),
        inputs=config.generator_inputs,
        activation=config.hidden_activation,
        optimizer=optimizer,
    )


def fake_drawer_for(generator: keras.Model, config: GANConfig) -> keras.Model:
    """What draws D's fakes from G's inputs: G itself, or for a conditional recipe a model
    that hands D the curve and the b G was asked for (sinegan.extras.conditional)."""
    require_config(config)
    if not config.conditional:
        return generator
    from .extras.conditional import conditional_drawer

    return conditional_drawer(generator)


def gan_for(drawer: keras.Model, discriminator: keras.Model, config: GANConfig) -> keras.Model:
    """Step 4's GAN for any recipe: Sequential([drawer, D]), D frozen, with the config's G loss."""
    require_config(config)
    loss = "binary_crossentropy"  # the slides' non-saturating loss
    if config.generator_loss == "minimax":
        from .engines.losses import keras_generator_loss

        loss = keras_generator_loss(config.generator_loss)
    return slides_generator.build_gan(
        drawer,
        discriminator,
        config.slides_only(),
        loss=loss,
        optimizer=_adam(config, "gan_optimizer"),
    )


def latent_for(config: GANConfig, shape, rng: np.random.Generator) -> np.ndarray:
    """G's inputs for any recipe, (*shape, generator_inputs) float32: the slides' uniform z,
    or z from another distribution, followed by the requested b for a conditional G."""
    require_config(config)
    if config.latent_distribution == "uniform" and not config.conditional:
        return slides_sampling.sample_latent(config.slides_only(), shape, rng)
    from .extras.latent_prior import sample_prior

    return sample_prior(config, slides_sampling.latent_shape(config, shape, rng), rng)


def curves_for(generator: keras.Model, config: GANConfig, n: int, seed: int = 0) -> np.ndarray:
    """Step 6 for any recipe: n fresh curves from G, whose inputs are drawn as the config says."""
    return slides_sampling.sample_curves(generator, config, n, seed, latent_sampler=latent_for)


def discriminator_inputs_for(config: GANConfig, dataset: SineDataset):
    """What D reads of row n in steps 3 and 5: X_TRAIN[n] and NOISE[n] (+ b_n if conditional)."""
    require_config(config)
    if config.conditional:
        from .extras.conditional import conditional_discriminator_inputs

        return conditional_discriminator_inputs(config, dataset)
    return dataset.curves, dataset.noise


def sampling_generator_for(generator: keras.Model, config: GANConfig):
    """The G that draws the curves, and what keeps it up to date after each G step (or None)."""
    require_config(config)
    if not config.generator_average_decay:
        return generator, None
    from .extras.averaging import averaged_copy, update_average

    average = averaged_copy(generator)
    return average, lambda: update_average(
        average.weights, generator.weights, config.generator_average_decay
    )
