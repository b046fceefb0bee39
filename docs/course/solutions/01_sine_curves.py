"""Lesson 1: the slides' curves a·sin(b·x + c), one per row."""

import numpy as np


def sine_curves(x, amplitude, frequency, phase):
    """a·sin(b·x + c) for each (a, b, c), at the points x: one curve per row."""
    a, b, c = amplitude[:, None], frequency[:, None], phase[:, None]  # (n, 1) each: one per row
    return a * np.sin(b * x[None, :] + c)  # (n, len(x))
