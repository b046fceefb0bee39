"""Common wrong answers to lesson 5's wasserstein1."""

import numpy as np


def forgets_to_sort(a, b):
    return float(np.mean(np.abs(a - b)))


def compares_the_means(a, b):
    return float(abs(np.mean(a) - np.mean(b)))


def sums_the_gaps(a, b):
    return float(np.sum(np.abs(np.sort(a) - np.sort(b))))


def sorts_only_one(a, b):
    return float(np.mean(np.abs(np.sort(a) - b)))


HINTS = {
    "forgets_to_sort": "sort both first",
    "compares_the_means": "gap between the two means",
    "sums_the_gaps": "divide by the number of values",
    "sorts_only_one": "only one sample was sorted",
}
