"""Lesson 7's exercises: a stop on the spherical path, and the direction of the frequency.

- ``slerp(z0, z1, t)``: the point at fraction t of the spherical path from z0 to z1, the
  formula of ``sinegan.lectures.latent.slerp`` (the reference);
- ``least_squares_direction(latent, frequency)``: the unit vector w/|w| of the least-squares
  fit b ≈ w·z + b0, the regression inside ``frequency_direction``.

Each trial runs on a few fixed vectors with NumPy: no network, so it takes milliseconds on
every backend.
"""

from __future__ import annotations

import numpy as np

from ..lectures.latent import slerp
from .checking import Exercise, check, expect, written

# Two latent vectors of different lengths whose plain dot product (0.16) is no cosine (0.06).
Z0 = np.array([1.6, 0.4, -0.8, 0.5])
Z1 = np.array([0.3, 1.1, 0.7, -0.4])
T = 0.3  # an uneven fraction, so that swapped ends show

SWAPPED = (
    "at t = 0 slerp must return z0 and at t = 1 z1, not the other way round: "
    "z0's weight is sin((1 − t)θ) and z1's is sin(tθ)"
)
LINEAR = (
    "slerp returned the straight path's point (1 − t)·z0 + t·z1: walk the arc, "
    "[sin((1 − t)θ)·u0 + sin(tθ)·u1] / sin θ, times the length (1 − t)·|z0| + t·|z1|"
)
ANGLE = (
    "the angle θ is wrong: take it between the unit vectors, "
    "θ = arccos(z0·z1 / (|z0|·|z1|)); the plain dot product z0·z1 is no cosine"
)
UNIT = "slerp returned a unit vector: multiply the direction by the length (1 − t)·|z0| + t·|z1|"
RAW_WEIGHTS = (
    "the weights sin((1 − t)θ)/sin θ and sin(tθ)/sin θ go on the unit vectors u0 = z0/|z0| "
    "and u1 = z1/|z1|; the length (1 − t)·|z0| + t·|z1| multiplies their sum afterwards"
)


def _arc(z0, z1, t, angle, units=True):
    """The spherical formula with a given angle; ``units=False`` weights z0 and z1 themselves."""
    norm0, norm1 = np.linalg.norm(z0), np.linalg.norm(z1)
    if not units:
        return (np.sin((1 - t) * angle) * z0 + np.sin(t * angle) * z1) / np.sin(angle)
    sum_ = np.sin((1 - t) * angle) * z0 / norm0 + np.sin(t * angle) * z1 / norm1
    return sum_ / np.sin(angle) * ((1 - t) * norm0 + t * norm1)


def _trial_slerp(function):
    got = np.asarray(written(function(Z0.copy(), Z1.copy(), T)), dtype=np.float64)
    expect(got.shape == Z0.shape, f"slerp must return one vector of z0's shape {Z0.shape}")
    plain = np.arccos(np.clip(np.dot(Z0, Z1), -1, 1))  # the angle of the unnormalised vectors
    expect(np.all(np.isfinite(got)), ANGLE)

    def near(value):
        return np.allclose(got, value, atol=1e-4)

    right = slerp(Z0, Z1, T)
    if not near(right):
        expect(not near(slerp(Z0, Z1, 1 - T)), SWAPPED)
        expect(not near((1 - T) * Z0 + T * Z1), LINEAR)
        expect(not near(_arc(Z0, Z1, T, plain)) and not near(_arc(Z0, Z1, T, plain, False)), ANGLE)
        expect(not np.isclose(np.linalg.norm(got), 1.0, atol=1e-4), UNIT)
        angle = np.arccos(np.dot(Z0, Z1) / np.linalg.norm(Z0) / np.linalg.norm(Z1))
        expect(not near(_arc(Z0, Z1, T, angle, False)), RAW_WEIGHTS)
        expect(
            False,
            f"slerp(z0, z1, {T}) differs from the lesson's formula by up to "
            f"{np.max(np.abs(got - right)):.3g} for z0 = {Z0.tolist()}, z1 = {Z1.tolist()}",
        )
    for t, end in ((0.0, Z0), (1.0, Z1)):
        at_end = np.asarray(written(function(Z0.copy(), Z1.copy(), t)), dtype=np.float64)
        expect(np.allclose(at_end, end, atol=1e-4), f"slerp(z0, z1, {t:g}) must return z{int(t)}")


SLERP = Exercise(
    name="slerp",
    lesson=7,
    task="return the point at fraction t of the spherical path from z0 to z1",
    reference=slerp,
    trial=_trial_slerp,
    solution="07_slerp.py",
)


def least_squares_direction(latent, frequency) -> np.ndarray:
    """w/|w| of the least-squares fit frequency ≈ w·z + b0 over the rows z of ``latent``.

    ``latent`` is (n, latent_dim), ``frequency`` (n,); the result is (latent_dim,),
    the direction along which the fitted frequency rises fastest.
    """
    latent = np.asarray(latent, dtype=np.float64)
    design = np.column_stack([latent, np.ones(len(latent))])  # (n, latent_dim + 1): z and 1
    coefficients, *_ = np.linalg.lstsq(design, np.asarray(frequency, np.float64), rcond=None)
    weights = coefficients[:-1]  # drop b0
    return weights / np.linalg.norm(weights)


# Latent vectors away from 0 and of unequal spread, so the intercept and the least squares matter.
_RNG = np.random.default_rng(7)
LATENT = _RNG.uniform(0.0, 2.0, (40, 4)) * np.array([1.0, 0.3, 2.0, 0.7])  # (40, 4)
LATENT[:, 2] += 0.8 * LATENT[:, 0]  # correlated coordinates
FREQUENCY = 1.2 + LATENT @ np.array([0.3, 0.0, -0.1, 0.05]) + _RNG.normal(0, 0.01, 40)  # (40,)


def _unit(vector):
    return vector / np.linalg.norm(vector)


def _trial_least_squares_direction(function):
    got = np.asarray(written(function(LATENT.copy(), FREQUENCY.copy())), dtype=np.float64)
    expect(
        got.shape != (5,),
        "return the 4 weights of z only, without the intercept b0 (drop the last coefficient)",
    )
    expect(got.shape == (4,), f"return one weight per latent number, shape (4,), not {got.shape}")
    right = least_squares_direction(LATENT, FREQUENCY)
    if np.allclose(got, right, atol=1e-4):
        return
    expect(
        not np.allclose(_unit(got), right, atol=1e-4),
        "return the unit vector w/|w|, not the weights w themselves",
    )
    through_origin, *_ = np.linalg.lstsq(LATENT, FREQUENCY, rcond=None)
    expect(
        not np.allclose(_unit(got), _unit(through_origin), atol=1e-4),
        "fit the intercept b0 too: add a column of ones to z before the least squares, "
        "then keep only the weights of z",
    )
    centred = LATENT - LATENT.mean(axis=0)
    covariances = (_unit(LATENT.T @ FREQUENCY), _unit(centred.T @ (FREQUENCY - FREQUENCY.mean())))
    expect(
        not any(np.allclose(_unit(got), value, atol=1e-4) for value in covariances),
        "zᵀ·b is no least-squares slope when the latent numbers are correlated or of unequal "
        "spread: solve the least squares with np.linalg.lstsq on [z, 1]",
    )
    expect(
        False,
        f"the direction differs from the least-squares one by up to "
        f"{np.max(np.abs(got - right)):.3g} on 40 vectors: fit b ≈ w·z + b0, return w/|w|",
    )


LEAST_SQUARES_DIRECTION = Exercise(
    name="least_squares_direction",
    lesson=7,
    task="return the unit vector w/|w| of the least-squares fit frequency ≈ w·z + b0",
    reference=least_squares_direction,
    trial=_trial_least_squares_direction,
    solution="07_least_squares_direction.py",
)


def check_slerp(function):
    """Check the student's slerp(z0, z1, t) (lesson 7): the point at fraction t of the
    spherical path, directions along the arc and length interpolated."""
    return check(SLERP, function)


def check_least_squares_direction(function):
    """Check the student's least_squares_direction(latent, frequency) (lesson 7): the unit
    vector of the least-squares slope of b on z, intercept included."""
    return check(LEAST_SQUARES_DIRECTION, function)


EXERCISES = (SLERP, LEAST_SQUARES_DIRECTION)
