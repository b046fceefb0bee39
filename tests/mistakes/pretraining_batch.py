"""Common wrong answers to lesson 1's pretraining_batch."""

import numpy as np


def flips_the_labels(real_curves, noise_curves, rows):
    inputs = np.concatenate([real_curves[rows], noise_curves[rows]])
    return inputs, np.concatenate([np.zeros(len(rows)), np.ones(len(rows))])


def joins_side_by_side(real_curves, noise_curves, rows):
    inputs = np.concatenate([real_curves[rows], noise_curves[rows]], axis=1)
    return inputs, np.concatenate([np.ones(len(rows)), np.zeros(len(rows))])


def noise_first(real_curves, noise_curves, rows):
    inputs = np.concatenate([noise_curves[rows], real_curves[rows]])
    return inputs, np.concatenate([np.zeros(len(rows)), np.ones(len(rows))])


def other_noise_rows(real_curves, noise_curves, rows):
    inputs = np.concatenate([real_curves[rows], noise_curves[: len(rows)]])
    return inputs, np.concatenate([np.ones(len(rows)), np.zeros(len(rows))])


def returns_the_curves_only(real_curves, noise_curves, rows):
    return np.concatenate([real_curves[rows], noise_curves[rows]])


HINTS = {
    "flips_the_labels": "the labels are flipped",
    "joins_side_by_side": "concatenate along axis 0",
    "noise_first": "put the real curves first",
    "other_noise_rows": "the same rows n of NOISE",
    "returns_the_curves_only": "return inputs, labels",
}
