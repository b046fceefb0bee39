"""Lesson 6: the WGAN critic's loss, minus its estimate of the Wasserstein distance."""

from keras import ops


def critic_loss(real_scores, generated_scores):
    return ops.mean(generated_scores) - ops.mean(real_scores)
