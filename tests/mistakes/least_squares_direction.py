"""Wrong answers to lesson 7's least_squares_direction."""

import numpy as np


def fits_through_the_origin(latent, frequency):
    weights, *_ = np.linalg.lstsq(latent, frequency, rcond=None)
    return weights / np.linalg.norm(weights)


def returns_the_weights(latent, frequency):
    design = np.column_stack([latent, np.ones(len(latent))])
    coefficients, *_ = np.linalg.lstsq(design, frequency, rcond=None)
    return coefficients[:-1]


def keeps_the_intercept(latent, frequency):
    design = np.column_stack([latent, np.ones(len(latent))])
    coefficients, *_ = np.linalg.lstsq(design, frequency, rcond=None)
    return coefficients / np.linalg.norm(coefficients)


def uses_the_covariance(latent, frequency):
    centred = latent - latent.mean(axis=0)
    slope = centred.T @ (frequency - frequency.mean())
    return slope / np.linalg.norm(slope)


HINTS = {
    "fits_through_the_origin": "fit the intercept b0 too",
    "returns_the_weights": "not the weights w themselves",
    "keeps_the_intercept": "without the intercept b0",
    "uses_the_covariance": "no least-squares slope",
}
