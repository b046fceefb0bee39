"""Lesson 7: the unit vector of the least-squares fit b ≈ w·z + b0."""

import numpy as np


def least_squares_direction(latent, frequency):
    design = np.column_stack([latent, np.ones(len(latent))])  # each row: z, then 1 for b0
    coefficients, *_ = np.linalg.lstsq(design, frequency, rcond=None)
    weights = coefficients[:-1]  # w; the last coefficient is b0
    return weights / np.linalg.norm(weights)
