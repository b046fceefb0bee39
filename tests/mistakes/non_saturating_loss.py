"""Common wrong answers to lesson 3's non_saturating_loss."""

import numpy as np


def minimax_form(scores):
    return np.mean(np.log(1 - scores))


def forgets_the_minus(scores):
    return np.mean(np.log(scores))


def sums_the_batch(scores):
    return -np.sum(np.log(scores))


def target_zero(scores):
    return -np.mean(np.log(1 - scores))


def forgets_the_mean(scores):
    return -np.log(scores)


HINTS = {
    "minimax_form": "that is the minimax loss",
    "forgets_the_minus": "the sign is missing",
    "sums_the_batch": "take the mean",
    "target_zero": "the cross-entropy against 0",
    "forgets_the_mean": "the loss is one number",
}
