"""Lesson 3: the slides' generator loss, the non-saturating one."""

from keras import ops


def non_saturating_loss(scores):
    """−mean(log D(G(z))) over a batch of D's answers D(G(z))."""
    return -ops.mean(ops.log(scores))
