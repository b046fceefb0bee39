"""Lesson 0: sampling outcomes 0, 1, ..., K-1 with given weights, through cumulative sums."""

import numpy as np


def sample_discrete(weights, u):
    """For each uniform u, the first outcome k whose cumulative probability F(k) is above u."""
    cumulative = np.cumsum(weights) / np.sum(weights)  # F(0), F(1), ..., F(K-1) = 1
    return np.searchsorted(cumulative, u, side="right")
