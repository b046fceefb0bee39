"""Common wrong answers to lesson 6's gradient_penalty."""

from keras import ops

from sinegan import backends


def _norms(gradients):
    return ops.sqrt(ops.sum(ops.square(gradients), axis=1))


def forgets_the_minus_one(critic, real, generated, mixing):
    gradients = backends.input_gradient(critic, mixing * real + (1 - mixing) * generated)
    return ops.mean(ops.square(_norms(gradients)))


def uses_the_squared_norm(critic, real, generated, mixing):
    gradients = backends.input_gradient(critic, mixing * real + (1 - mixing) * generated)
    return ops.mean(ops.square(ops.sum(ops.square(gradients), axis=1) - 1))


def takes_the_gradient_at_the_real_curves(critic, real, generated, mixing):
    gradients = backends.input_gradient(critic, real)
    return ops.mean(ops.square(_norms(gradients) - 1))


def one_norm_for_the_batch(critic, real, generated, mixing):
    gradients = backends.input_gradient(critic, mixing * real + (1 - mixing) * generated)
    return ops.square(ops.sqrt(ops.sum(ops.square(gradients))) - 1)


def one_epsilon_for_the_batch(critic, real, generated, mixing):
    epsilon = mixing[0]  # the first pair's ε, for every pair
    gradients = backends.input_gradient(critic, epsilon * real + (1 - epsilon) * generated)
    return ops.mean(ops.square(_norms(gradients) - 1))


HINTS = {
    "forgets_the_minus_one": "not of norm²",
    "uses_the_squared_norm": "not its squared norm",
    "takes_the_gradient_at_the_real_curves": "not at the real curves",
    "one_norm_for_the_batch": "one norm per interpolate",
    "one_epsilon_for_the_batch": "not one ε for the whole batch",
}
