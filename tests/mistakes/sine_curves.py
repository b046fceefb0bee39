"""Common wrong answers to lesson 1's sine_curves."""

import numpy as np


def swaps_frequency_and_phase(x, amplitude, frequency, phase):
    return amplitude[:, None] * np.sin(phase[:, None] * x[None, :] + frequency[:, None])


def uses_cosine(x, amplitude, frequency, phase):
    return amplitude[:, None] * np.cos(frequency[:, None] * x[None, :] + phase[:, None])


def converts_to_radians(x, amplitude, frequency, phase):
    return amplitude[:, None] * np.sin(np.radians(frequency[:, None] * x[None, :] + phase[:, None]))


def one_curve_per_column(x, amplitude, frequency, phase):
    return amplitude[None, :] * np.sin(x[:, None] * frequency[None, :] + phase[None, :])


def forgets_the_amplitude(x, amplitude, frequency, phase):
    return np.sin(frequency[:, None] * x[None, :] + phase[:, None])


def phase_inside_the_product(x, amplitude, frequency, phase):
    return amplitude[:, None] * np.sin(frequency[:, None] * (x[None, :] + phase[:, None]))


HINTS = {
    "swaps_frequency_and_phase": "b and c are swapped",
    "uses_cosine": "that is a cosine",
    "converts_to_radians": "already in radians",
    "one_curve_per_column": "came out as columns",
    "forgets_the_amplitude": "the amplitude a is missing",
    "phase_inside_the_product": "not sin(b·(x + c))",
}
