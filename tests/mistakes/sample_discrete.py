"""Common wrong answers to lesson 0's sample_discrete."""

import numpy as np


def forgets_to_normalise(weights, u):
    return np.searchsorted(np.cumsum(weights), u, side="right")


def counts_from_one(weights, u):
    return np.searchsorted(np.cumsum(weights) / np.sum(weights), u, side="right") + 1


def includes_the_right_edge(weights, u):
    return np.searchsorted(np.cumsum(weights) / np.sum(weights), u, side="left")


def ignores_the_weights(weights, u):
    return np.floor(u * len(weights)).astype(int)


HINTS = {
    "forgets_to_normalise": "divide the cumulative sums by the total weight",
    "counts_from_one": "numbered from 0",
    "includes_the_right_edge": "not u <= F(k)",
    "ignores_the_weights": "as long as its weight",
}
