"""Lesson 8's exercises: what a conditional generator reads, and how often it obeys.

- ``conditional_input(latent, frequency, frequency_range)``: the generator's input [z, b],
  b scaled from frequency_range to [-1, 1] by ``encode_frequency`` and appended after z,
  as ``sinegan.extras.conditional.sample_conditional_curves`` builds it;
- ``hit_rate(fitted, asked, rmse, tolerance, rmse_threshold)``: the share of curves that are
  sine-like with a fitted b within the tolerance of the b asked for, the count
  ``frequency_hit_rates`` makes at each requested b.

Each trial runs on a few fixed numbers with NumPy, in milliseconds on every backend.
"""

from __future__ import annotations

import numpy as np

from ..extras.latent_prior import encode_frequency
from ..slides.config import GANConfig
from .checking import Exercise, check, expect, written


def conditional_input(latent, frequency, frequency_range) -> np.ndarray:
    """[z, b] row by row: ``latent`` (n, latent_dim), then b scaled to [-1, 1]: (n, latent_dim + 1).

    ``frequency`` (n,) holds each row's b; ``frequency_range`` (low, high) the data's
    range, which the scaling maps to -1 and 1.
    """
    config = GANConfig(frequency_range=tuple(frequency_range))
    latent = np.asarray(latent, dtype=np.float32)
    return np.concatenate([latent, encode_frequency(config, frequency)], axis=1)


LATENT = np.round(np.random.default_rng(8).uniform(-1, 1, (4, 4)), 2)  # 4 rows of 4 numbers
ASKED = np.array([0.5, 2.0, 1.25, 0.8])
RANGES = ((0.5, 2.0), (1.0, 3.0))  # the data's range, then another: no fixed numbers


def _trial_conditional_input(function):
    for low, high in RANGES:
        got = written(function(LATENT.copy(), ASKED.copy(), (low, high)))
        got = np.asarray(got, dtype=np.float64)
        expect(
            got.shape != (5, 4),
            "b became a fifth row: it is one more column of each row, "
            "so concatenate on axis 1, the last axis",
        )
        expect(
            got.shape == (4, 5),
            f"return one row [z, b] per latent vector, shape (4, 5) here, not {got.shape}",
        )
        scaled = 2 * (ASKED - low) / (high - low) - 1
        expect(
            not np.allclose(got[:, 1:], LATENT, atol=1e-6),
            "b goes after z, in the last column, as the library's generator reads it: "
            "[z, b], not [b, z]",
        )
        expect(np.allclose(got[:, :4], LATENT, atol=1e-6), "the first columns must be z unchanged")
        last = got[:, 4]
        if np.allclose(last, scaled, atol=1e-5):
            continue
        expect(
            not np.allclose(last, ASKED, atol=1e-5),
            "b entered unscaled: map it from frequency_range to [-1, 1], "
            "2·(b − low)/(high − low) − 1",
        )
        expect(
            not np.allclose(last, (ASKED - low) / (high - low), atol=1e-5),
            "b was scaled to [0, 1]: the other inputs lie in [-1, 1], so use "
            "2·(b − low)/(high − low) − 1",
        )
        expect(
            (low, high) == RANGES[0] or not np.allclose(last, 2 * (ASKED - 0.5) / 1.5 - 1),
            "read low and high from frequency_range, not the fixed numbers 0.5 and 2.0",
        )
        expect(
            False,
            f"the last column differs from b scaled to [-1, 1]: for b = {ASKED.tolist()} and "
            f"frequency_range = {(low, high)} expected {scaled.round(3).tolist()}",
        )


CONDITIONAL_INPUT = Exercise(
    name="conditional_input",
    lesson=8,
    task="return [z, b] for each row, b scaled from frequency_range to [-1, 1] after z",
    reference=conditional_input,
    trial=_trial_conditional_input,
    solution="08_conditional_input.py",
)


def hit_rate(fitted, asked, rmse, tolerance=0.1, rmse_threshold=0.1) -> float:
    """The share of curves that are sine-like (rmse < rmse_threshold) and whose fitted
    frequency lies within ``tolerance`` of the frequency asked for.

    ``fitted``, ``asked`` and ``rmse`` are (n,) arrays, one entry per curve.
    """
    fitted, asked, rmse = (np.asarray(value, dtype=np.float64) for value in (fitted, asked, rmse))
    hits = (rmse < rmse_threshold) & (np.abs(fitted - asked) < tolerance)
    return float(hits.mean())


# Ten curves: 4 hits; misses below, above, and curves that are no sines.
FITTED = np.array([1.05, 0.80, 1.30, 1.02, 0.96, 1.65, 1.50, 1.00, 1.95, 2.00])
ASKED_B = np.array([1.00, 1.00, 1.00, 1.00, 1.00, 1.50, 1.50, 1.00, 2.00, 2.00])
RMSE = np.array([0.02, 0.03, 0.01, 0.30, 0.05, 0.04, 0.50, 0.20, 0.01, 0.02])


def _trial_hit_rate(function):
    got = written(function(FITTED.copy(), ASKED_B.copy(), RMSE.copy(), 0.1, 0.1))
    got = np.asarray(got, dtype=np.float64)
    expect(got.size == 1, f"return one number, the share of hits, not an array of {got.size}")
    got = float(got.reshape(()))
    expect(
        not np.isclose(got, 4.0), "return the share of hits, a number from 0 to 1, not their count"
    )
    expect(
        not np.isclose(got, 0.5),
        "a miss below the asked b counts too: compare the size of the error, "
        "|b fitted − b asked| < tolerance",
    )
    expect(
        not np.isclose(got, 0.7),
        "a curve that is no sine is no hit: require rmse < rmse_threshold as well",
    )
    expect(
        not np.isclose(got, 4 / 7),
        "divide by all the curves asked for, not only by the sine-like ones",
    )
    right = hit_rate(FITTED, ASKED_B, RMSE)
    expect(
        np.isclose(got, right),
        f"on 10 curves with 4 hits the share is {right:g}, not {got:g}: a hit is rmse < "
        "rmse_threshold and |b fitted − b asked| < tolerance",
    )
    other = float(np.asarray(function(FITTED.copy(), ASKED_B.copy(), RMSE.copy(), 0.03, 0.25)))
    expect(
        np.isclose(other, hit_rate(FITTED, ASKED_B, RMSE, 0.03, 0.25)),
        "use the arguments tolerance and rmse_threshold, not fixed numbers",
    )


HIT_RATE = Exercise(
    name="hit_rate",
    lesson=8,
    task="return the share of curves that are sine-like with |b fitted − b asked| < tolerance",
    reference=hit_rate,
    trial=_trial_hit_rate,
    solution="08_hit_rate.py",
)


def check_conditional_input(function):
    """Check the student's conditional_input(latent, frequency, frequency_range) (lesson 8):
    [z, b] per row, b scaled from frequency_range to [-1, 1] and appended after z."""
    return check(CONDITIONAL_INPUT, function)


def check_hit_rate(function):
    """Check the student's hit_rate(fitted, asked, rmse, tolerance, rmse_threshold) (lesson 8):
    the share of all curves that are sine-like and within the tolerance of the b asked for."""
    return check(HIT_RATE, function)


EXERCISES = (CONDITIONAL_INPUT, HIT_RATE)
