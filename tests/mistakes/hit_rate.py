"""Wrong answers to lesson 8's hit_rate."""

import numpy as np


def forgets_the_absolute_value(fitted, asked, rmse, tolerance=0.1, rmse_threshold=0.1):
    return np.mean((rmse < rmse_threshold) & (fitted - asked < tolerance))


def counts_curves_that_are_no_sines(fitted, asked, rmse, tolerance=0.1, rmse_threshold=0.1):
    return np.mean(np.abs(fitted - asked) < tolerance)


def returns_the_count(fitted, asked, rmse, tolerance=0.1, rmse_threshold=0.1):
    return np.sum((rmse < rmse_threshold) & (np.abs(fitted - asked) < tolerance))


def divides_by_the_sine_like_curves(fitted, asked, rmse, tolerance=0.1, rmse_threshold=0.1):
    sine_like = rmse < rmse_threshold
    return np.mean(np.abs(fitted[sine_like] - asked[sine_like]) < tolerance)


def fixes_the_thresholds(fitted, asked, rmse, tolerance=0.1, rmse_threshold=0.1):
    return np.mean((rmse < 0.1) & (np.abs(fitted - asked) < 0.1))


HINTS = {
    "forgets_the_absolute_value": "a miss below the asked b counts too",
    "counts_curves_that_are_no_sines": "a curve that is no sine is no hit",
    "returns_the_count": "not their count",
    "divides_by_the_sine_like_curves": "not only by the sine-like ones",
    "fixes_the_thresholds": "not fixed numbers",
}
