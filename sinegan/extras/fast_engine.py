"""The fast engine: one epoch of step 5 of the slides as a single TensorFlow graph.

``gan_step`` is the slides' loop body (sinegan.slides.training), toggles included: k discriminator
updates with ``discriminator.trainable = True``, then one generator update
through the GAN with ``discriminator.trainable = False`` (Goodfellow et al.
2014, arXiv:1406.2661, Algorithm 1). TensorFlow runs its Python code once,
while tracing, and that is exactly when Keras 3 reads ``trainable``; so each
update's variable list is chosen by the same flag, in the same order, as in
the literal engine. The traced graph then runs all steps of an epoch without
returning to Python.

What each update minimises comes from sinegan.extras.losses and the config:
the slides' cross-entropy game with the non-saturating or the minimax
generator loss (``generator_loss``), optionally with D's R1 penalty
(``r1_penalty_weight``, Mescheder et al. 2018, arXiv:1801.04406), or WGAN-GP (``loss="wgan-gp"``, Gulrajani
et al. 2017, arXiv:1704.00028), whose critic steps add the gradient penalty on
random interpolates. Only this engine runs WGAN-GP: ``train_on_batch`` cannot
express a loss that needs the critic's gradient with respect to its input.
"""

from __future__ import annotations

import tensorflow as tf

from ..slides.config import GANConfig
from .losses import GENERATOR_LOSSES, discriminator_loss, hard_accuracy, r1_penalty


def compile_fast_epoch(generator, discriminator, gan, real_inputs, config: GANConfig, after_generator_step=None):
    """``run_epoch(indices, latent) -> (steps, 4) metrics``, traced on its first call.

    ``generator`` is what draws D's fakes: G itself, or the conditional G that
    hands D the requested b too (the GAN's first layer). ``real_inputs`` is
    what D reads for each row of X_TRAIN, (train_size, 64), with each curve's
    own b when conditional.
    ``after_generator_step``, if given, runs after every G update, inside the
    graph (the averaged generator's update: sinegan.extras.averaging).
    """
    real_inputs = tf.constant(real_inputs)  # (train_size, 64) X_TRAIN
    generator_loss = GENERATOR_LOSSES[config.generator_loss]

    # Build the optimizers outside the graph if no train_on_batch call did yet.
    discriminator.trainable = True
    if not discriminator.optimizer.built:
        discriminator.optimizer.build(discriminator.trainable_variables)
    discriminator.trainable = False
    if not gan.optimizer.built:
        gan.optimizer.build(gan.trainable_variables)  # G's variables only: D is frozen

    def update(model, loss_and_accuracy):
        """One train_on_batch: forward, loss, gradients, Adam, on the variables trainable now."""
        with tf.GradientTape() as tape:
            loss, accuracy = loss_and_accuracy()
        variables = model.trainable_variables  # read now, at trace time, as Keras does
        model.optimizer.apply(tape.gradient(loss, variables), variables)
        return loss, accuracy

    def discriminator_losses(real, generated):  # (64, 64) each
        ones = tf.ones(tf.shape(real)[0])  # (64,)
        labels = tf.concat([config.real_label * ones, tf.zeros_like(ones)], axis=0)  # (128,)
        probabilities = discriminator(tf.concat([real, generated], axis=0), training=True)[:, 0]  # (128,)
        loss = discriminator_loss(labels, probabilities)
        if config.r1_penalty_weight:  # traced only when on: the slides' graph is unchanged
            loss += 0.5 * config.r1_penalty_weight * r1_penalty(discriminator, real)
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
        for rows, latent in zip(tf.unstack(step_rows), tf.unstack(step_latent)):  # k = 1 on the slides
            generated = generator(latent, training=False)  # (64, 64) generator.predict on the slides
            real = tf.gather(real_inputs, rows)  # (64, 64) X_TRAIN[n]
            discriminator.trainable = True
            d_metrics.append(update(discriminator, lambda: discriminator_objective(real, generated)))
        discriminator.trainable = False
        # The G update reuses the latent vectors of the step's last D update, as the slides do.
        g_loss, g_accuracy = update(gan, lambda: generator_objective(latent))
        if after_generator_step is not None:
            after_generator_step()
        d_loss_and_accuracy = tf.reduce_mean(tf.stack(d_metrics), axis=0)  # (2,) mean over the k D updates
        return tf.concat([d_loss_and_accuracy, tf.stack([g_loss, g_accuracy])], axis=0)  # (4,)

    # XLA (jit_compile=True) saves ~10% per step here but costs ~3 s of compile
    # on a 2-core CPU, more than it saves over the 64 epochs of the slides.
    @tf.function(jit_compile=False)
    def run_epoch(indices, latent):  # (steps, k, 64) int32, (steps, k, 64, latent_dim)
        steps = tf.shape(indices)[0]
        metrics = tf.TensorArray(tf.float32, size=steps)
        for step in tf.range(steps):
            metrics = metrics.write(step, gan_step(indices[step], latent[step]))
        return metrics.stack()  # (steps, 4)

    def run(indices, latent):  # NumPy in, NumPy out: (steps, k, 64), (steps, k, 64, latent_dim) -> (steps, 4)
        return run_epoch(tf.constant(indices, tf.int32), tf.constant(latent, tf.float32)).numpy()

    return run
