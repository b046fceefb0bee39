"""The fast engine: one epoch of step 5 of the slides as a single compiled call, on any Keras backend.

``gan_step`` is the slides' loop body (sinegan.slides.training), toggles included: k discriminator
updates with ``discriminator.trainable = True``, then one generator update
through the GAN with ``discriminator.trainable = False`` (Goodfellow et al.
2014, arXiv:1406.2661, Algorithm 1). It is written with ``keras.ops`` only;
sinegan.backends supplies the gradients and the loop. On TensorFlow and JAX
the step's Python code runs once, while tracing, and that is exactly when
Keras reads ``trainable``; so each update's variable list is chosen by the same
flag, in the same order, as in the literal engine. The traced loop then runs
all steps of an epoch without returning to Python. On PyTorch the step runs
eagerly, flags included, once per step.

What each update minimises comes from sinegan.extras.losses and the config:
the slides' cross-entropy game with the non-saturating or the minimax
generator loss (``generator_loss``), optionally with D's R1 penalty
(``r1_penalty_weight``, Mescheder et al. 2018, arXiv:1801.04406), or WGAN-GP (``loss="wgan-gp"``, Gulrajani
et al. 2017, arXiv:1704.00028), whose critic steps add the gradient penalty on
random interpolates. Only this engine runs WGAN-GP: ``train_on_batch`` cannot
express a loss that needs the critic's gradient with respect to its input.
"""

from __future__ import annotations

import numpy as np
from keras import ops

from .. import backends
from ..slides.config import GANConfig
from .losses import GENERATOR_LOSSES, discriminator_loss, hard_accuracy, r1_penalty


def compile_fast_epoch(generator, discriminator, gan, real_inputs, config: GANConfig, after_generator_step=None,
                       also_updated=()):
    """``run_epoch(indices, latent) -> (steps, 4) metrics``, traced on its first call.

    ``generator`` is what draws D's fakes: G itself, or the conditional G that
    hands D the requested b too (the GAN's first layer). ``real_inputs`` is
    what D reads for each row of X_TRAIN, (train_size, 64), with each curve's
    own b when conditional.
    ``after_generator_step``, if given, runs after every G update, inside the
    compiled loop (the averaged generator's update: sinegan.extras.averaging);
    ``also_updated`` are the variables it writes.
    """
    backend = backends.current()
    real_inputs = ops.convert_to_tensor(np.asarray(real_inputs, dtype="float32"))  # (train_size, 64) X_TRAIN
    generator_loss = GENERATOR_LOSSES[config.generator_loss]

    # Build the optimizers outside the loop if no train_on_batch call did yet.
    discriminator.trainable = True
    if not discriminator.optimizer.built:
        discriminator.optimizer.build(discriminator.trainable_variables)
    discriminator.trainable = False
    if not gan.optimizer.built:
        gan.optimizer.build(gan.trainable_variables)  # G's variables only: D is frozen

    def discriminator_losses(real, generated):  # (64, 64) each
        ones = ops.ones((ops.shape(real)[0],))  # (64,)
        labels = ops.concatenate([config.real_label * ones, ops.zeros_like(ones)], axis=0)  # (128,)
        probabilities = discriminator(ops.concatenate([real, generated], axis=0), training=True)[:, 0]  # (128,)
        loss = discriminator_loss(labels, probabilities)
        if config.r1_penalty_weight:  # traced only when on: the slides' graph is unchanged
            loss = loss + 0.5 * config.r1_penalty_weight * r1_penalty(discriminator, real)
        return loss, hard_accuracy(probabilities > 0.5, labels > 0.5)

    def generator_losses(latent):  # (64, latent_dim)
        probabilities = gan(latent, training=True)[:, 0]  # (64,) D(G(z))
        return generator_loss(probabilities), hard_accuracy(probabilities > 0.5, True)

    if config.loss == "wgan-gp":  # the critic's game, imported only when asked for
        from .wgan_gp import wgan_gp_objectives

        discriminator_objective, generator_objective = wgan_gp_objectives(discriminator, gan, config)
    else:
        discriminator_objective, generator_objective = discriminator_losses, generator_losses

    def gan_step(step_rows, step_latent):  # (k, 64), (k, 64, latent_dim)
        d_metrics = []
        for update in range(config.discriminator_steps):  # k = 1 on the slides
            latent = step_latent[update]  # (64, latent_dim)
            # generator.predict on the slides: no gradient flows back into G.
            generated = ops.stop_gradient(generator(latent, training=False))  # (64, 64)
            real = ops.take(real_inputs, step_rows[update], axis=0)  # (64, 64) X_TRAIN[n]
            discriminator.trainable = True
            d_metrics.append(backend.update(discriminator, lambda real=real, generated=generated:
                                            discriminator_objective(real, generated)))
        discriminator.trainable = False
        # The G update reuses the latent vectors of the step's last D update, as the slides do.
        g_loss, g_accuracy = backend.update(gan, lambda: generator_objective(latent))
        if after_generator_step is not None:
            after_generator_step()
        d_loss_and_accuracy = ops.mean(ops.stack([ops.stack(pair) for pair in d_metrics]), axis=0)  # (2,) mean of k
        return ops.concatenate([d_loss_and_accuracy, ops.stack([g_loss, g_accuracy])], axis=0)  # (4,)

    # Everything a step reads or writes: weights, dropout's random seeds, the optimizers' state.
    state = _unique([*gan.variables, *generator.variables, *discriminator.variables, *also_updated,
                     *discriminator.optimizer.variables, *gan.optimizer.variables])
    run_epoch = backend.compile_loop(gan_step, state)

    def run(indices, latent):  # NumPy in, NumPy out: (steps, k, 64), (steps, k, 64, latent_dim) -> (steps, 4)
        return run_epoch(np.asarray(indices, dtype="int32"), np.asarray(latent, dtype="float32"))

    return run


def _unique(variables):
    seen = set()
    return [v for v in variables if not (id(v) in seen or seen.add(id(v)))]
