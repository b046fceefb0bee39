"""Lesson 8: the conditional generator's input [z, b], b scaled to [-1, 1]."""

import numpy as np


def conditional_input(latent, frequency, frequency_range):
    low, high = frequency_range
    scaled = 2 * (np.asarray(frequency) - low) / (high - low) - 1  # low -> -1, high -> 1
    return np.concatenate([latent, scaled[:, None]], axis=1)  # b in the last column
