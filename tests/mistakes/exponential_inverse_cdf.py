"""Common wrong answers to lesson 0's exponential_inverse_cdf."""

import numpy as np


def multiplies_by_the_rate(u, rate):
    return -np.log(1 - u) * rate


def forgets_the_rate(u, rate):
    return -np.log(1 - u)


def forgets_the_minus_sign(u, rate):
    return np.log(1 - u) / rate


def returns_the_cdf(u, rate):
    return 1 - np.exp(-rate * u)


def takes_the_log_of_u(u, rate):
    return -np.log(u) / rate


HINTS = {
    "multiplies_by_the_rate": "do not multiply by it",
    "forgets_the_rate": "divide -ln(1 - u) by the rate λ",
    "forgets_the_minus_sign": "keep the minus sign",
    "returns_the_cdf": "that is the CDF",
    "takes_the_log_of_u": "not of u",
}
