"""How the theory lecture's functions (sinegan.lectures.theory) check what they are given.

Each refusal reads "NAME expected .... Received: NAME=VALUE", the house style of
sinegan.validation, on which these checks are built.
"""

from __future__ import annotations

import numpy as np

from ..validation import refuse, require_vector


def require_rows(name, value, expected, allow_1d=False) -> np.ndarray:
    """``value`` as a float32 (n, features) array, n >= 1.

    A 1-D array is n samples of one feature.
    """
    try:
        array = np.asarray(value, dtype=np.float32)
    except (TypeError, ValueError):
        refuse(name, expected, value)
    if allow_1d and array.ndim == 1:
        array = array[:, None]  # (n, 1)
    if array.ndim != 2 or 0 in array.shape or not np.all(np.isfinite(array)):
        refuse(name, expected, value)
    return array


def require_grid(x) -> np.ndarray:
    """``x`` as an increasing 1-D float64 grid of at least 2 points."""
    x = require_vector("x", x)
    if len(x) < 2 or np.any(np.diff(x) <= 0):
        refuse("x", "an increasing grid of at least 2 points", x)
    return x


def require_densities(
    data_density, generated_density, length=None, names=("data_density", "generated_density")
):
    """Both densities as non-negative 1-D arrays of the same length (``length`` if given)."""
    arrays = []
    for name, value in zip(names, (data_density, generated_density), strict=True):
        array = require_vector(name, value)
        if np.any(array < 0):
            refuse(name, "non-negative values (a density)", array)
        expected = length if length is not None else len(arrays[0]) if arrays else len(array)
        if len(array) != expected:
            refuse(name, f"one value per point of the grid, {expected} values", array)
        arrays.append(array)
    return arrays


def require_probabilities(name, value, strict=False) -> np.ndarray:
    """``value`` as a flat float64 array of probabilities, in [0, 1] (or (0, 1) if ``strict``)."""
    try:
        # any shape of scores: (n,) or Keras' (n, 1)
        array = np.ravel(np.asarray(value, dtype=np.float64))
    except (TypeError, ValueError):
        refuse(name, "an array of probabilities", value)
    if len(array) == 0 or not np.all(np.isfinite(array)):
        refuse(name, "a finite, non-empty array of probabilities", value)
    if np.any((array <= 0) | (array >= 1)) if strict else np.any((array < 0) | (array > 1)):
        refuse(
            name,
            "probabilities strictly between 0 and 1" if strict else "probabilities in [0, 1]",
            value,
        )
    return array


def trapezoid(x, y) -> float:
    """The trapezoid rule, written out (numpy.trapezoid is NumPy 2 only)."""
    return float(np.sum((y[1:] + y[:-1]) / 2 * np.diff(x)))
