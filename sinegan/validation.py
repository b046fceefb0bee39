"""Every check of user input, in one place and one style.

Each check raises ``ValueError`` with a message of the form

    NAME expected WHAT IT MUST BE. Received: NAME=VALUE

so the message names the parameter and the value that was received (the
style of Keras' own argument errors). The checks of a whole
``GANConfig`` are in sinegan.config_checks, built
from these.

This module imports NumPy only: the command line uses it before TensorFlow loads.
"""

from __future__ import annotations

import math

import numpy as np

# The largest integers the library can use. A size becomes a NumPy or TensorFlow
# dimension, which is an int64; Keras and NumPy seed with 32-bit integers.
INT64_MAX = 2**63 - 1
SEED_MAX = 2**32 - 1
LIMIT_NAMES = {
    INT64_MAX: "2**63 - 1, the largest int64: NumPy's and TensorFlow's sizes",
    SEED_MAX: "2**32 - 1, the largest seed NumPy and Keras accept",
}
# The largest float32: the curves, the NOISE matrix and the latent vectors are float32.
FLOAT32_MAX = float(np.finfo(np.float32).max)  # about 3.4e38


def fail(name, expected, value, also=""):
    """Raise the house ValueError: "NAME expected EXPECTED. Received: NAME=VALUE[, ALSO]"."""
    raise ValueError(
        f"{name} expected {expected}. Received: {name}={value!r}{', ' + also if also else ''}"
    )


def refuse(name, expected, value):
    """``fail``, with a long value (an array, a long list) summarised to keep the message short."""
    shown = repr(value)
    if isinstance(value, np.ndarray) or isinstance(value, (list, tuple)) and len(value) > 6:
        try:
            shown = np.array2string(np.asarray(value), threshold=6, edgeitems=2)
        except ValueError:  # a ragged list: NumPy cannot make one array of it
            pass
    if len(shown) > 80:
        shown = shown[:77] + "..."
    raise ValueError(f"{name} expected {expected}. Received: {name}={shown}")


def require_vector(name, value, length=None) -> np.ndarray:
    """``value`` as a finite, non-empty 1-D float64 array (of ``length`` values, if given)."""
    expected = "a finite, non-empty 1-D array of numbers"
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        refuse(name, expected, value)
    if array.ndim != 1 or len(array) == 0 or not np.all(np.isfinite(array)):
        refuse(name, expected, value)
    if length is not None and len(array) != length:
        refuse(name, f"{length} values, one per point of the grid", value)
    return array


def is_int(value) -> bool:
    """An integer, NumPy's included (a size often comes from an array); never a bool."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def is_number(value) -> bool:
    """A real number, NumPy's included; never a bool."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )


def is_finite(value) -> bool:
    """A real number that is finite as a float64; an int too large for a float (10**400) is not."""
    try:
        return is_number(value) and math.isfinite(value)
    except OverflowError:  # math.isfinite(10**400): "int too large to convert to float"
        return False


def require_int(name, value, minimum=1, maximum=INT64_MAX):
    """An integer in [minimum, maximum], NumPy's included; never a bool."""
    if not is_int(value) or value < minimum:
        kind = {0: "a non-negative integer", 1: "a positive integer"}.get(
            minimum, f"an integer >= {minimum}"
        )
        fail(name, kind, value)
    if value > maximum:
        fail(name, f"an integer <= {LIMIT_NAMES.get(maximum, maximum)}", value)


def require_finite(name, value):
    if not is_finite(value):
        fail(name, "a finite number", value)


def require_interval(name, value, low, high, closed_high=False):
    """A finite number in [low, high), or [low, high] when ``closed_high``."""
    require_finite(name, value)
    if not (low <= value <= high if closed_high else low <= value < high):
        fail(name, f"a number in [{low}, {high}{']' if closed_high else ')'}", value)


def require_choice(name, value, choices):
    if not isinstance(value, str) or value not in choices:
        fail(name, f"one of {choices}", value)


def require_bool(name, value):
    if not isinstance(value, (bool, np.bool_)):
        fail(name, "True or False", value)


def require_range(name, bounds, strict):
    """A (low, high) pair of numbers within float32's range, low < high (``strict``) or low <= high.

    Every range of a GANConfig ends in float32 numbers: the curves (x, amplitude,
    frequency and phase), or NOISE and the latent vectors (y).
    """
    if not (isinstance(bounds, tuple) and len(bounds) == 2 and all(map(is_finite, bounds))):
        fail(name, "a (low, high) pair of finite numbers", bounds)
    if max(abs(float(bound)) for bound in bounds) > FLOAT32_MAX:
        fail(
            name,
            f"a (low, high) pair within float32's range, |value| <= {FLOAT32_MAX:.4g}: the curves, "
            "NOISE and the latent vectors are float32",
            bounds,
        )
    # as the computations compare them: a float16 would compare in float16
    low, high = map(float, bounds)
    if (low >= high) if strict else (low > high):
        fail(name, f"low {'<' if strict else '<='} high", bounds)
    if math.copysign(1.0, high - low) < 0:  # only (0.0, -0.0) gets here
        fail(
            name,
            "low <= high, and not (0.0, -0.0): NumPy's uniform reads its width -0.0 as negative",
            bounds,
        )


def require_rectangles(name, value):
    """A flat tuple of rectangles, four numbers each: (x_low, x_high, y_low, y_high, x_low, ...),
    every number within float32's range (as ``require_range`` asks) and low < high on both axes."""
    if not (isinstance(value, tuple) and len(value) % 4 == 0 and all(map(is_finite, value))):
        fail(
            name, "a flat tuple of finite numbers, four per rectangle (low, high, low, high)", value
        )
    if max((abs(float(number)) for number in value), default=0.0) > FLOAT32_MAX:
        fail(name, f"numbers within float32's range, |value| <= {FLOAT32_MAX:.4g}", value)
    for start in range(0, len(value), 4):
        x_low, x_high, y_low, y_high = map(float, value[start : start + 4])
        if not (x_low < x_high and y_low < y_high):
            fail(
                name,
                f"low < high on both axes of each rectangle, not of rectangle {start // 4}",
                value,
            )


def require_sizes(name, value):
    """A non-empty tuple of positive integers, such as a network's layer widths."""
    if not (
        isinstance(value, tuple) and value and all(is_int(size) and size >= 1 for size in value)
    ):
        fail(name, "a non-empty tuple of positive integers", value)
    if max(value) > INT64_MAX:
        fail(name, f"sizes <= {LIMIT_NAMES[INT64_MAX]}", value)


def require_instance(name, value, kind, description):
    if not isinstance(value, kind):
        fail(name, description, value)


def require_rng(rng):
    require_instance("rng", rng, np.random.Generator, "a numpy.random.Generator")


def require_curves(curves, name, minimum_count=1):
    """``curves`` as a finite float64 array (n_curves, n_points), n_curves >= minimum_count."""
    array = np.asarray(curves, dtype=np.float64)
    if array.ndim != 2 or array.shape[1] == 0:
        raise ValueError(
            f"{name} expected a 2-D array of curves, shape (n_curves, n_points). "
            f"Received: {name}.shape={array.shape}"
        )
    return _enough_and_finite(array, name, minimum_count, "curves")


def require_same_length(first, first_name, second, second_name):
    """Two arrays of curves with the same number of points per curve."""
    if first.shape[1] != second.shape[1]:
        raise ValueError(
            f"{first_name} and {second_name} expected the same number of points per curve. "
            f"Received: {first_name}.shape={first.shape}, {second_name}.shape={second.shape}"
        )


def require_positive(name, value):
    """A finite number > 0."""
    if not is_finite(value) or value <= 0:
        fail(name, "a positive finite number", value)


def require_series(series, name, shape=(None, None), minimum_count=1, why=""):
    """``series`` as a finite float32 array (n_series, n_steps, n_features), n_series >=
    minimum_count (``why`` says what needs that many); ``shape`` fixes (n_steps, n_features)
    where it gives a number rather than None."""
    try:
        with np.errstate(over="ignore"):  # beyond float32's range: inf, refused below
            array = np.asarray(series, dtype=np.float32)
    except (TypeError, ValueError):
        refuse(name, "an array of numbers, shape (n_series, n_steps, n_features)", series)
    if array.ndim != 3 or any(
        want not in (None, got) for want, got in zip(shape, array.shape[1:], strict=True)
    ):
        names = ("n_steps", "n_features")
        steps, features = (want or name for want, name in zip(shape, names, strict=True))
        raise ValueError(
            f"{name} expected a 3-D array of series, shape (n_series, {steps}, {features}). "
            f"Received: {name}.shape={array.shape}"
        )
    return _enough_and_finite(array, name, minimum_count, "series", why, "finite float32 values")


def _enough_and_finite(array, name, minimum_count, rows, why="", values="finite values"):
    """``array`` once it has at least ``minimum_count`` ``rows`` (``why`` says what needs
    that many) and only finite values."""
    if array.shape[0] < minimum_count:
        raise ValueError(
            f"{name} expected at least {minimum_count} {rows}{why and ': ' + why}. "
            f"Received: {name}.shape={array.shape}"
        )
    if not np.all(np.isfinite(array)):
        raise ValueError(
            f"{name} expected only {values}. Received: {name} with "
            f"{np.sum(~np.isfinite(array))} NaN/inf entries"
        )
    return array
