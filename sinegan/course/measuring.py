"""Lesson 5's exercises: two of the measures, written by the student.

- ``precision_recall(generated, real, k)``: the k-nearest-neighbour precision and recall of
  Kynkäänniemi et al. (2019), as ``sinegan.measure.distances.knn_precision_recall`` defines
  them: every curve gets a ball reaching to its k-th nearest neighbour in its own set
  (itself not counted); precision is the share of generated curves inside some real ball,
  recall the share of real curves inside some generated ball.
- ``wasserstein1(a, b)``: the Wasserstein-1 distance between two samples of numbers of the
  same size, the mean of |sorted a − sorted b|: what ``evaluate_curves`` reports as W1(b).

Both trials are plain NumPy on a few dozen numbers, so they run the same on every backend.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial.distance import cdist
from scipy.stats import wasserstein_distance

from ..measure.distances import knn_precision_recall
from .checking import Exercise, check, expect, written


def sample_wasserstein1(first, second) -> float:
    """Wasserstein-1 distance between two 1-D samples: the area between their cumulative
    distributions (scipy.stats.wasserstein_distance); for samples of one size, the mean of
    |sorted first − sorted second|."""
    return float(wasserstein_distance(np.ravel(first), np.ravel(second)))


def _share_inside(queries, centres, radii) -> float:
    """The share of ``queries`` within ``radii[j]`` of some centre j."""
    return float(np.mean(np.any(cdist(queries, centres) <= radii[None, :], axis=1)))


def _radii(points, column) -> np.ndarray:
    """Each point's distance to the point in column ``column`` of its sorted distances
    (column 0 is the point itself)."""
    return np.sort(cdist(points, points), axis=1)[:, column]


def _variant(generated, real, k, *, column_shift=0, recall_radii_from_real=False):
    """Precision and recall computed the way a common mistake computes them."""
    real_radii = _radii(real, k + column_shift)
    generated_radii = _radii(generated, k + column_shift)
    if recall_radii_from_real:
        generated_radii = real_radii
    precision = _share_inside(generated, real, real_radii)
    return precision, _share_inside(real, generated, generated_radii)


def _curves(rng, n, frequency_high, noise):
    """``n`` sinusoids at 12 points, b from 0.5 to ``frequency_high``, with some noise."""
    x = np.linspace(-5.0, 5.0, 12)
    b = rng.uniform(0.5, frequency_high, (n, 1))
    c = rng.uniform(1.0, np.pi, (n, 1))
    return np.sin(b * x + c) + noise * rng.normal(size=(n, 12))


def _pair(result) -> tuple[float, float]:
    """The student's answer as two floats, or a Mistake saying what it should be."""
    result = written(result)
    expect(
        isinstance(result, (tuple, list)) and len(result) == 2,
        f"return two numbers, (precision, recall); got {type(result).__name__}",
    )
    return tuple(float(np.asarray(value)) for value in result)


def _same(first, second) -> bool:
    return bool(np.allclose(first, second, atol=1e-9))


def _trial_precision_recall(function):
    rng = np.random.default_rng(5)
    real = _curves(rng, 30, 2.0, 0.05)  # the data: b from 0.5 to 2
    generated = _curves(rng, 24, 1.25, 0.15)  # a G that keeps low frequencies, drawn shakily
    for k in (3, 2):
        result = _pair(function(generated.copy(), real.copy(), k))
        expected = knn_precision_recall(generated, real, k)
        if _same(result, expected):
            continue
        expect(
            not _same(result, expected[::-1]),
            "precision and recall are swapped: precision asks whether the generated curves "
            "fall inside the real curves' balls, recall whether the real ones fall inside "
            "the generated curves' balls",
        )
        expect(
            not _same(result, _variant(generated, real, k, column_shift=-1)),
            "each curve counted itself as its own nearest neighbour: after sorting a row of "
            "distances, column 0 is the curve itself (distance 0), so the k-th neighbour "
            "is column k",
        )
        expect(
            k == 3 or not _same(result, knn_precision_recall(generated, real, 3)),
            "with k = 2 the answer is the one for k = 3: use the argument k for the "
            "neighbour that sets each ball's radius, not a fixed 3",
        )
        expect(
            not _same(result, _variant(generated, real, k, column_shift=1)),
            f"each ball reaches one neighbour too far: with k = {k}, a curve's radius is its "
            f"distance to neighbour number {k} of its own set, column {k} of its sorted row",
        )
        expect(
            not _same(result, _variant(generated, real, k, recall_radii_from_real=True)),
            "recall used the real curves' radii: for recall, each generated curve's ball "
            "reaches to its k-th nearest generated neighbour",
        )
        expect(
            False,
            f"with k = {k}, on 24 generated and 30 real curves, the reference gives "
            f"precision {expected[0]:.3f} and recall {expected[1]:.3f}, this gives "
            f"{result[0]:.3f} and {result[1]:.3f}: a curve is inside a ball when its "
            "distance to the centre is at most the radius",
        )


def _trial_wasserstein1(function):
    rng = np.random.default_rng(7)
    a = rng.uniform(0.5, 2.0, 12)  # the data's frequencies
    b = rng.uniform(0.5, 1.25, 12) + 0.2  # a G's frequencies: a narrower band
    wide = 1.0 + 0.8 * rng.standard_normal(12)
    narrow = wide.mean() + 0.1 * (wide - wide.mean())  # the same mean, a tenth of the spread
    for first, second in ((a, b), (wide, narrow)):
        result = float(np.asarray(written(function(first.copy(), second.copy()))))
        expected = sample_wasserstein1(first, second)
        if abs(result - expected) < 1e-9:
            continue
        expect(
            abs(abs(result) - abs(first.mean() - second.mean())) > 1e-9,
            "this is the gap between the two means: W1 compares the whole distributions, "
            "so take the mean of |sorted a − sorted b|, pair by pair",
        )
        expect(
            abs(result - np.mean(np.abs(first - second))) > 1e-9,
            "the samples were paired in the order they came: sort both first, so that the "
            "smallest of a meets the smallest of b, and so on",
        )
        sorted_gaps = np.abs(np.sort(first) - np.sort(second))
        expect(
            abs(result - sorted_gaps.sum()) > 1e-9,
            "this is the sum of the gaps: W1 is their mean, so divide by the number of values",
        )
        one_sorted = (
            np.abs(np.sort(first) - second).mean(),
            np.abs(first - np.sort(second)).mean(),
        )
        expect(
            min(abs(result - value) for value in one_sorted) > 1e-9,
            "only one sample was sorted: sort both, then pair them",
        )
        expect(
            False,
            f"on two samples of 12 numbers the reference gives {expected:.4f}, this gives "
            f"{result:.4f}: W1 is the mean of |sorted a − sorted b|",
        )


PRECISION_RECALL = Exercise(
    name="precision_recall",
    lesson=5,
    task="return (precision, recall) of generated against real curves with k-NN balls",
    reference=knn_precision_recall,
    trial=_trial_precision_recall,
    solution="05_precision_recall.py",
)
WASSERSTEIN1 = Exercise(
    name="wasserstein1",
    lesson=5,
    task="return the Wasserstein-1 distance of two samples of one size: mean |sorted a − sorted b|",
    reference=sample_wasserstein1,
    trial=_trial_wasserstein1,
    solution="05_wasserstein1.py",
)
EXERCISES = (PRECISION_RECALL, WASSERSTEIN1)


def check_precision_recall(function):
    """Check the student's precision_recall (lesson 5): for ``generated`` and ``real``
    curves (2-D arrays, one curve a row) and ``k``, it returns (precision, recall) as
    ``knn_precision_recall`` defines them."""
    return check(PRECISION_RECALL, function)


def check_wasserstein1(function):
    """Check the student's wasserstein1 (lesson 5): for two 1-D samples ``a`` and ``b`` of
    one size, it returns the mean of |sorted a − sorted b|."""
    return check(WASSERSTEIN1, function)
