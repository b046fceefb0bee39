"""Lesson 0: the inverse of the exponential CDF F(x) = 1 - exp(-rate·x)."""

import numpy as np


def exponential_inverse_cdf(u, rate):
    """u in [0, 1) -> the x with F(x) = u: solve u = 1 - exp(-rate·x) for x."""
    return -np.log(1 - u) / rate
