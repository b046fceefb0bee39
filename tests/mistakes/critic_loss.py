"""Common wrong answers to lesson 6's critic_loss."""

from keras import ops


def flips_the_sign(real_scores, generated_scores):
    return ops.mean(real_scores) - ops.mean(generated_scores)


def uses_the_cross_entropy(real_scores, generated_scores):
    real_term = -ops.mean(ops.log(ops.sigmoid(real_scores)))
    generated_term = -ops.mean(ops.log(1 - ops.sigmoid(generated_scores)))
    return real_term + generated_term


def sums_instead_of_averaging(real_scores, generated_scores):
    return ops.sum(generated_scores) - ops.sum(real_scores)


HINTS = {
    "flips_the_sign": "the sign is flipped",
    "uses_the_cross_entropy": "a critic's scores are not probabilities",
    "sums_instead_of_averaging": "not add them up",
}
