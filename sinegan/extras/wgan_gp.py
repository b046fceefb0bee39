"""WGAN-GP: the lecture's Wasserstein GAN, in its gradient-penalty form.

With ``loss="wgan-gp"`` D is a critic with a real-valued score (a linear last
layer, no sigmoid) and the game's losses become

    critic:    E[D(G(z))] - E[D(x)] + lambda * E[(||grad_x_hat D(x_hat)||_2 - 1)^2],
    generator: -E[D(G(z))],

with x_hat = eps * x + (1 - eps) * G(z), eps ~ U(0, 1), a random point between a
real and a generated curve (the paper's Algorithm 1, lambda = 10).

Only the fast engine (sinegan.engines.fast) runs it: ``train_on_batch``
cannot express a loss that needs the critic's gradient with respect to its input.

Reference: Gulrajani et al. 2017, "Improved Training of Wasserstein GANs", arXiv:1704.00028.
"""

from __future__ import annotations

import keras
from keras import ops

from .. import backends
from ..engines.losses import hard_accuracy


def make_critic(critic: keras.Model, config):
    """Turn D, built with a linear output, into the critic the fast engine trains.

    Its compile is used by step 3 only: a critic is pre-trained as a logistic
    classifier on its score, where score > 0 means "real". The critic also holds
    the random stream of the penalty's mixing weights eps, so a checkpoint saves
    it and a resumed run draws the same eps as an uninterrupted one.
    """
    # PyTorch keeps a seed in an int32: larger seeds wrap around (the same draws for any seed
    # below 2**31).
    critic.mixing_seeds = keras.random.SeedGenerator(config.seed % 2**31)
    # The same optimizer as the slides' compile gave it (sinegan.recipe made it), with the
    # critic's loss.
    critic.compile(
        optimizer=critic.optimizer,
        loss=keras.losses.BinaryCrossentropy(from_logits=True),
        metrics=[keras.metrics.BinaryAccuracy(threshold=0.0)],
    )


def critic_loss(real_scores, generated_scores):
    """mean(D(G(z))) - mean(D(x)): minus the critic's estimate of the Wasserstein distance."""
    return ops.mean(generated_scores) - ops.mean(real_scores)


def wasserstein_generator_loss(generated_scores):
    """-mean(D(G(z))): G raises the critic's score of its curves."""
    return -ops.mean(generated_scores)


def gradient_penalty(critic, real, generated, mixing):
    """mean((||grad_x_hat D(x_hat)||_2 - 1)^2) at x_hat = mixing * real + (1 - mixing) * generated.

    ``real`` and ``generated`` are (batch, n) inputs of the critic and ``mixing``
    is (batch, 1), one eps ~ U(0, 1) per pair. Each row's gradient norm is
    pushed towards 1: the soft form of the 1-Lipschitz constraint.
    """
    interpolates = mixing * real + (1.0 - mixing) * generated  # (batch, n)
    # (batch, n). With minibatch_std_group a row's gradient also carries its group's
    # scores (through the group's spread), so the penalty is then only roughly per curve.
    gradients = backends.current().input_gradient(lambda x: critic(x, training=True), interpolates)
    # The tiny constant keeps the square root differentiable at a zero gradient.
    norms = ops.sqrt(ops.sum(ops.square(gradients), axis=1) + 1e-12)  # (batch,)
    return ops.mean(ops.square(norms - 1.0))


def wgan_gp_objectives(critic, gan, config):
    """The two objectives the fast engine minimises, each returning (loss, accuracy):
    the critic's on (real, generated) inputs, and G's on latent vectors through the GAN."""

    def critic_losses(real, generated):  # (64, 64) each
        scores = critic(ops.concatenate([real, generated], axis=0), training=True)[:, 0]  # (128,)
        real_scores, generated_scores = ops.split(scores, 2)  # (64,) each
        # (64, 1) one eps per pair
        mixing = keras.random.uniform((ops.shape(real)[0], 1), seed=critic.mixing_seeds)
        penalty = gradient_penalty(critic, real, generated, mixing)
        loss = critic_loss(real_scores, generated_scores) + config.gradient_penalty_weight * penalty
        # A critic has no probabilities: its accuracy reads a positive score as "real".
        is_real = ops.arange(ops.shape(scores)[0]) < ops.shape(real)[0]  # (128,) the first 64 rows
        return loss, hard_accuracy(scores > 0, is_real)

    def wasserstein_generator_losses(latent):  # (64, latent_dim)
        scores = gan(latent, training=True)[:, 0]  # (64,) D(G(z))
        return wasserstein_generator_loss(scores), hard_accuracy(scores > 0, True)

    return critic_losses, wasserstein_generator_losses
