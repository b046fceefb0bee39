"""Lesson 8: the share of curves that are sine-like and have the frequency asked for."""

import numpy as np


def hit_rate(fitted, asked, rmse, tolerance=0.1, rmse_threshold=0.1):
    sine_like = np.asarray(rmse) < rmse_threshold
    close = np.abs(np.asarray(fitted) - np.asarray(asked)) < tolerance
    return np.mean(sine_like & close)
