"""Lesson 1: step 3's batch, real curves (label 1) then noise curves (label 0)."""

import numpy as np


def pretraining_batch(real_curves, noise_curves, rows):
    """The rows n of X_TRAIN, then the same rows of NOISE; labels 1 then 0."""
    inputs = np.concatenate([real_curves[rows], noise_curves[rows]])  # (2 len(rows), points)
    labels = np.concatenate([np.ones(len(rows)), np.zeros(len(rows))])  # (2 len(rows),)
    return inputs, labels
