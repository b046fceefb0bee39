"""Lesson 6: the gradient penalty of WGAN-GP, on interpolates between real and generated curves."""

from keras import ops

from sinegan import backends


def gradient_penalty(critic, real, generated, mixing):
    interpolates = mixing * real + (1 - mixing) * generated  # (batch, n): one ε per row
    gradients = backends.input_gradient(critic, interpolates)  # (batch, n): ∇D at each x̂
    norms = ops.sqrt(ops.sum(ops.square(gradients), axis=1))  # (batch,)
    return ops.mean(ops.square(norms - 1))
