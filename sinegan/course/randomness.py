"""Lesson 0's exercises: turning uniform numbers into samples of another distribution.

- ``exponential_inverse_cdf(u, rate)``: the inverse of the exponential CDF, F⁻¹(u) = -ln(1 - u) / λ;
- ``sample_discrete(weights, u)``: the outcome each uniform number picks, through the
  cumulative sums of the weights.

Both trials use NumPy only, on a handful of numbers: they run in milliseconds on any backend.
"""

from __future__ import annotations

import numpy as np

from ..lectures.sampling import exponential_inverse_cdf, sample_discrete
from .checking import Exercise, check, expect, written

# A few uniform numbers, 0 included, and a rate that is not 1 (so that λ's place shows).
_U = np.array([0.0, 0.1, 0.25, 0.5, 0.75, 0.9])
_RATE = 2.0


def _values(function, *arguments) -> np.ndarray:
    """What ``function`` returned, as a float64 array (a blank body returns None or ...)."""
    with np.errstate(divide="ignore", invalid="ignore"):  # ln(0) is a mistake the trial names
        return np.asarray(written(function(*arguments)), dtype=np.float64)


def _trial_exponential_inverse_cdf(function):
    got = _values(function, _U.copy(), _RATE)
    expect(got.shape == _U.shape, f"return one value per u: {_U.shape[0]} u in, {got.shape} out")
    expect(
        np.all(np.isfinite(got)),
        "u = 0 gave an infinite value: take the logarithm of 1 - u, not of u",
    )
    expected = exponential_inverse_cdf(_U, _RATE)

    def looks_like(values):
        return np.allclose(got, values, rtol=1e-6, atol=1e-9)

    expect(
        not looks_like(-expected),
        "the values are negative: keep the minus sign, -ln(1 - u) is positive for u in [0, 1)",
    )
    expect(
        not looks_like(expected * _RATE**2),
        "the values grow with λ: divide -ln(1 - u) by the rate λ, do not multiply by it",
    )
    expect(not looks_like(expected * _RATE), "divide -ln(1 - u) by the rate λ")
    expect(
        not looks_like(1.0 - np.exp(-_RATE * _U)),
        "that is the CDF F(x) = 1 - exp(-λx) itself: solve u = F(x) for x instead",
    )
    expect(
        looks_like(expected),
        f"F⁻¹(0.5) must be ln 2 / λ = {expected[3]:.4f} for λ = {_RATE:g}; "
        f"yours gives {got[3]:.4f}",
    )


def _trial_sample_discrete(function):
    # Weights 1, 1, 2 of the total 4: cumulative sums 0.25, 0.5, 1. Each u is an edge of an
    # interval or a point inside one, so every way of getting the edges wrong shows.
    weights = np.array([1.0, 1.0, 2.0])
    u = np.array([0.0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.99])
    got = _values(function, weights.copy(), u.copy())
    expect(got.shape == u.shape, f"return one outcome per u: {u.shape[0]} u in, {got.shape} out")
    expected = sample_discrete(weights, u)  # 0, 0, 1, 1, 2, 2, 2
    expect(
        not np.array_equal(got, expected + 1),
        "the outcomes are numbered from 0: return the index k, not k + 1",
    )
    expect(
        not np.all(got == 0),
        "every u gave outcome 0: divide the cumulative sums by the total weight, so the last is 1",
    )
    expect(
        not np.array_equal(got, np.searchsorted(np.cumsum(weights) / 4, u, side="left")),
        "u = F(k) exactly belongs to outcome k + 1: pick the first k with u < F(k), not u <= F(k)",
    )
    expect(
        not np.array_equal(got, np.floor(u * weights.size)),
        "every outcome got the same share of [0, 1): make each interval as long as its weight",
    )
    expect(
        np.array_equal(got, expected),
        f"for weights {weights.tolist()} and u {u.tolist()} the outcomes are "
        f"{expected.tolist()}; yours are {got.tolist()}",
    )


EXPONENTIAL_INVERSE_CDF = Exercise(
    name="exponential_inverse_cdf",
    lesson=0,
    task="return F⁻¹(u) for each u, where F(x) = 1 - exp(-rate·x) is the exponential CDF",
    reference=exponential_inverse_cdf,
    trial=_trial_exponential_inverse_cdf,
    solution="00_exponential_inverse_cdf.py",
)
SAMPLE_DISCRETE = Exercise(
    name="sample_discrete",
    lesson=0,
    task="return, for each u, the outcome k whose interval [F(k - 1), F(k)) holds it",
    reference=sample_discrete,
    trial=_trial_sample_discrete,
    solution="00_sample_discrete.py",
)
EXERCISES = (EXPONENTIAL_INVERSE_CDF, SAMPLE_DISCRETE)


def check_exponential_inverse_cdf(function):
    """Check the student's exponential_inverse_cdf (lesson 0): u in [0, 1) -> -ln(1 - u) / rate."""
    return check(EXPONENTIAL_INVERSE_CDF, function)


def check_sample_discrete(function):
    """Check the student's sample_discrete (lesson 0): each u -> the outcome its interval names."""
    return check(SAMPLE_DISCRETE, function)
