"""The fast engine: one epoch of the slides' step 5 as a single compiled call, on any backend.

``gan_step`` below is the slides' loop body (sinegan.slides.training), toggles
included: k discriminator updates with ``discriminator.trainable = True``,
then one generator update through the GAN with ``discriminator.trainable = False``
(Goodfellow et al. 2014, arXiv:1406.2661, Algorithm 1). It is written with
``keras.ops`` only; sinegan.backends supplies the gradients and the loop. On
TensorFlow and JAX the step's Python code runs once, while tracing, and Keras
reads the flags then (why that is enough: sinegan.slides.training), so each
update's variable list is chosen by the same flag, in the same order, as in the
literal engine; the traced loop then runs all steps of an epoch without
returning to Python. On PyTorch the step runs eagerly, flags included.

What each update minimises: the slides' cross-entropy game with the
non-saturating or the minimax generator loss (sinegan.engines.losses,
``generator_loss``), optionally with D's R1 penalty (``r1_penalty_weight``,
sinegan.extras.r1), or WGAN-GP (``loss="wgan-gp"``, sinegan.extras.wgan_gp),
whose critic steps add the gradient penalty on random interpolates. Only this
engine runs the two penalties: ``train_on_batch`` cannot express a loss that
needs D's gradient with respect to its input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from keras import ops

from .. import backends
from ..slides.config import GANConfig
from . import prepare_optimizers
from .losses import GENERATOR_LOSSES, discriminator_loss, hard_accuracy


class EngineSteps(NamedTuple):
    """The fast engine's loops, each ``NumPy in -> (steps, n) NumPy metrics``.

    ``rounds(indices, latent)``: whole steps of the slides' loop (k D updates, then one G
    update), (steps, 4). ``discriminator(indices, latent)``: the k D updates of each step
    alone, (steps, 2). ``generator(latent)``: one G update per row of ``latent``
    (steps, 64, latent_dim), alone, (steps, 2). An epoch is ``rounds``; the lab
    (sinegan.lab) steps D and G one at a time with the other two.
    """

    rounds: Callable
    discriminator: Callable
    generator: Callable


def make_epoch(parts, config: GANConfig):
    """``run_epoch(indices, latent) -> (steps, 4) metrics``: ``make_steps(...).rounds``."""
    return make_steps(parts, config).rounds


def make_steps(parts, config: GANConfig) -> EngineSteps:
    """The loops of ``EngineSteps`` for ``parts`` (sinegan.recipe.GANParts).

    Each loop is traced on its first call. ``parts.drawer`` draws D's fakes (G,
    or the conditional G that also hands D the requested b), ``parts.real_inputs``
    is what D reads of each row of X_TRAIN, and ``parts.after_generator_step``,
    if any, runs after every G update inside the compiled loop (the averaged
    generator's update: sinegan.extras.averaging).
    """
    backend = backends.current()
    generator, discriminator, gan = parts.drawer, parts.discriminator, parts.gan
    after_generator_step = parts.after_generator_step
    # (train_size, 64)
    real_inputs = ops.convert_to_tensor(np.asarray(parts.real_inputs, dtype="float32"))
    generator_loss = GENERATOR_LOSSES[config.generator_loss]
    prepare_optimizers(discriminator, gan)  # outside the loop, if no train_on_batch call did yet
    if config.r1_penalty_weight:  # imported only when asked for: the slides' recipe loads no extra
        from ..extras.r1 import r1_penalty

    def discriminator_losses(real, generated):  # (64, 64) each
        ones = ops.ones((ops.shape(real)[0],))  # (64,)
        labels = ops.concatenate([config.real_label * ones, ops.zeros_like(ones)], axis=0)  # (128,)
        # (128,)
        probabilities = discriminator(ops.concatenate([real, generated], axis=0), training=True)[
            :, 0
        ]
        loss = discriminator_loss(labels, probabilities)
        if config.r1_penalty_weight:  # traced only when on: the slides' graph is unchanged
            loss = loss + 0.5 * config.r1_penalty_weight * r1_penalty(discriminator, real)
        return loss, hard_accuracy(probabilities > 0.5, labels > 0.5)

    def generator_losses(latent):  # (64, latent_dim)
        probabilities = gan(latent, training=True)[:, 0]  # (64,) D(G(z))
        return generator_loss(probabilities), hard_accuracy(probabilities > 0.5, True)

    if config.loss == "wgan-gp":  # the critic's game, imported only when asked for
        from ..extras.wgan_gp import wgan_gp_objectives

        discriminator_objective, generator_objective = wgan_gp_objectives(
            discriminator, gan, config
        )
    else:
        discriminator_objective, generator_objective = discriminator_losses, generator_losses

    def discriminator_round(step_rows, step_latent):  # (k, 64), (k, 64, latent_dim)
        d_metrics = []
        for update in range(config.discriminator_steps):  # k = 1 on the slides
            latent = step_latent[update]  # (64, latent_dim)
            # generator.predict on the slides: no gradient flows back into G.
            generated = ops.stop_gradient(generator(latent, training=False))  # (64, 64)
            real = ops.take(real_inputs, step_rows[update], axis=0)  # (64, 64) X_TRAIN[n]
            discriminator.trainable = True
            d_metrics.append(
                backend.update(
                    discriminator,
                    lambda real=real, generated=generated: discriminator_objective(real, generated),
                )
            )
        # (2,) mean of k
        return ops.mean(ops.stack([ops.stack(pair) for pair in d_metrics]), axis=0)

    def generator_update(latent):  # (64, latent_dim)
        discriminator.trainable = False
        g_loss, g_accuracy = backend.update(gan, lambda: generator_objective(latent))
        if after_generator_step is not None:
            after_generator_step()
        return ops.stack([g_loss, g_accuracy])  # (2,)

    def gan_step(step_rows, step_latent):  # (k, 64), (k, 64, latent_dim)
        d_loss_and_accuracy = discriminator_round(step_rows, step_latent)
        # The G update reuses the latent vectors of the step's last D update, as the slides do.
        g_loss_and_accuracy = generator_update(step_latent[-1])
        return ops.concatenate([d_loss_and_accuracy, g_loss_and_accuracy], axis=0)  # (4,)

    # NumPy in, NumPy out. Each loop is traced on its first call.
    state = training_state(parts)
    run_rounds = backend.compile_loop(gan_step, state)
    run_discriminator = backend.compile_loop(discriminator_round, state)
    run_generator = backend.compile_loop(generator_update, state)
    return EngineSteps(
        rounds=lambda indices, latent: run_rounds(_rows(indices), _floats(latent)),
        discriminator=lambda indices, latent: run_discriminator(_rows(indices), _floats(latent)),
        generator=lambda latent: run_generator(_floats(latent)),
    )


def training_state(parts) -> list:
    """Everything a step reads or writes: weights, dropout's random seeds, the optimizers' state.

    ``after_generator_step`` writes the averaged generator's weights, if any.
    """
    averaged = parts.sampling_generator.variables if parts.averaged else ()
    gan, generator, discriminator = parts.gan, parts.drawer, parts.discriminator
    return _unique(
        [
            *gan.variables,
            *generator.variables,
            *discriminator.variables,
            *averaged,
            *discriminator.optimizer.variables,
            *gan.optimizer.variables,
        ]
    )


def _rows(indices):
    return np.asarray(indices, dtype="int32")


def _floats(latent):
    return np.asarray(latent, dtype="float32")


def _unique(variables):
    seen = set()
    return [v for v in variables if not (id(v) in seen or seen.add(id(v)))]
