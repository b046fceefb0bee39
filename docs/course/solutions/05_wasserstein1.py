"""Lesson 5: the Wasserstein-1 distance between two samples of one size."""

import numpy as np


def wasserstein1(a, b):
    """The mean distance each value of a must move to turn a into b: pair the sorted values."""
    return float(np.mean(np.abs(np.sort(a) - np.sort(b))))
