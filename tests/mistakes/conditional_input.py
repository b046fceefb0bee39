"""Wrong answers to lesson 8's conditional_input."""

import numpy as np


def leaves_b_unscaled(latent, frequency, frequency_range):
    return np.concatenate([latent, np.asarray(frequency)[:, None]], axis=1)


def scales_b_to_0_1(latent, frequency, frequency_range):
    low, high = frequency_range
    return np.concatenate([latent, ((np.asarray(frequency) - low) / (high - low))[:, None]], axis=1)


def puts_b_in_front(latent, frequency, frequency_range):
    low, high = frequency_range
    scaled = 2 * (np.asarray(frequency) - low) / (high - low) - 1
    return np.concatenate([scaled[:, None], latent], axis=1)


def stacks_b_as_a_row(latent, frequency, frequency_range):
    low, high = frequency_range
    scaled = 2 * (np.asarray(frequency) - low) / (high - low) - 1
    return np.vstack([latent, scaled])


def fixes_the_range(latent, frequency, frequency_range):
    scaled = 2 * (np.asarray(frequency) - 0.5) / 1.5 - 1
    return np.concatenate([latent, scaled[:, None]], axis=1)


HINTS = {
    "leaves_b_unscaled": "b entered unscaled",
    "scales_b_to_0_1": "b was scaled to [0, 1]",
    "puts_b_in_front": "not [b, z]",
    "stacks_b_as_a_row": "concatenate on axis 1",
    "fixes_the_range": "not the fixed numbers 0.5 and 2.0",
}
