"""The latent space: walks between latent vectors, and a direction that means something.

The lecture's theory part notes two things about a trained generator's inputs z:

- **interpolation**: the curves G(z) along the straight line from z0 to z1 morph
  one output smoothly into the other (Radford et al. 2015, section 6.1);
- **vector arithmetic**: directions in z-space can carry meaning (their example:
  "smiling woman" - "neutral woman" + "neutral man" = "smiling man", section 6.3).

For sinusoids the meaningful properties are the frequency b and the phase c.
``frequency_direction`` looks for the direction of z-space along which b
grows: it fits a sine to the curve of each of many random z
(sinegan.measure.sine_fit) and regresses the fitted frequency on z by least
squares, b ≈ w·z + b0. Moving z along w/|w| should then raise the frequency;
``move_along`` draws the curves that tell whether it does. The regression's
R² says how much of the frequency a straight direction explains at all: G is
nonlinear, so the answer need not be "all of it".

``latent_arithmetic`` computes z_a − z_b + z_c, and ``measure_arithmetic`` tells whether
the frequencies follow: if b were exactly w·z + b0, the curve of z_a − z_b + z_c would
have the frequency b_a − b_b + b_c.

References: Radford et al. 2015, arXiv:1511.06434 (interpolation, arithmetic);
White 2016, "Sampling Generative Networks", arXiv:1609.04468 (spherical
interpolation, for Gaussian latent vectors).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..measure.sine_fit import fit_sines, sine_like_fraction
from ..slides.sampling import generate_curves

INTERPOLATIONS = ("linear", "spherical")


def interpolate_latent(z0, z1, steps: int, method: str = "linear") -> np.ndarray:
    """``steps`` latent vectors from z0 to z1, both ends included: shape (steps, latent_dim).

    "linear" walks the straight segment. "spherical" (slerp) walks the great
    circle and interpolates the length, so the middle vectors keep a typical
    norm for N(0, I) samples instead of shrinking towards 0.
    """
    z0, z1 = _check_vector("z0", z0), _check_vector("z1", z1)
    if z0.shape != z1.shape:
        raise ValueError(
            f"z0 and z1 expected the same shape. Received: z0.shape={z0.shape}, z1.shape={z1.shape}"
        )
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 2:
        raise ValueError(f"steps expected an integer >= 2 (both ends). Received: steps={steps!r}")
    if method not in INTERPOLATIONS:
        raise ValueError(f"method expected one of {INTERPOLATIONS}. Received: method={method!r}")
    fractions = np.linspace(0.0, 1.0, steps)[:, None]  # (steps, 1)
    if method == "linear":
        path = (1 - fractions) * z0 + fractions * z1  # (steps, latent_dim)
    else:
        path = _spherical(z0, z1, fractions)
    path[0], path[-1] = z0, z1  # exact ends, free of rounding
    return path.astype(np.float32)


def slerp(z0, z1, t: float) -> np.ndarray:
    """The point at fraction t (0 at z0, 1 at z1) of the spherical path: shape (latent_dim,).

    With u0 = z0/|z0|, u1 = z1/|z1| and θ the angle between them (from their dot
    product): [sin((1 − t)θ)·u0 + sin(tθ)·u1] / sin θ, a unit vector, times the
    length (1 − t)·|z0| + t·|z1|.
    """
    z0, z1 = _check_vector("z0", z0), _check_vector("z1", z1)
    if z0.shape != z1.shape:
        raise ValueError(
            f"z0 and z1 expected the same shape. Received: z0.shape={z0.shape}, z1.shape={z1.shape}"
        )
    if isinstance(t, bool) or not isinstance(t, (int, float, np.number)) or not 0 <= t <= 1:
        raise ValueError(f"t expected a number from 0 to 1. Received: t={t!r}")
    return _spherical(z0, z1, np.array([[float(t)]]))[0]


def _spherical(z0, z1, fractions) -> np.ndarray:
    """The spherical path at ``fractions`` (steps, 1): (steps, latent_dim)."""
    norm0, norm1 = np.linalg.norm(z0), np.linalg.norm(z1)
    cosine = np.dot(z0, z1) / (norm0 * norm1) if norm0 and norm1 else 1.0
    angle = np.arccos(np.clip(cosine, -1.0, 1.0))
    if angle < 1e-6:  # parallel ends: the arc is the segment
        return (1 - fractions) * z0 + fractions * z1
    unit0, unit1 = z0 / norm0, z1 / norm1
    directions = (
        np.sin((1 - fractions) * angle) * unit0 + np.sin(fractions * angle) * unit1
    ) / np.sin(angle)
    return directions * ((1 - fractions) * norm0 + fractions * norm1)  # (steps, latent_dim)


def interpolate_curves(generator, z0, z1, steps: int, method: str = "linear"):
    """The latent path from z0 to z1 and G's curve at each point.

    Returns (steps, latent_dim) and (steps, train_len) arrays.
    """
    path = interpolate_latent(z0, z1, steps, method)
    return path, generate_curves(generator, path)


@dataclass(frozen=True)
class FrequencyDirection:
    """b ≈ weights·z + intercept, fitted on the sine-like curves of random latent vectors."""

    direction: np.ndarray  # (latent_dim,) unit vector: weights / |weights|
    weights: np.ndarray  # (latent_dim,) least-squares slope of the fitted frequency on z
    intercept: float
    r_squared: float  # share of the frequency's variance that the linear fit explains
    curves_used: int  # sine-like curves the regression used
    sine_like: float  # their share of all the curves drawn

    @property
    def frequency_per_unit(self) -> float:
        """Predicted rise of b per unit step along ``direction``: |weights|."""
        return float(np.linalg.norm(self.weights))


def frequency_direction(generator, x, latent, rmse_threshold: float = 0.1) -> FrequencyDirection:
    """Regress the fitted frequency of G(z) on z, over the rows of ``latent`` (n, latent_dim).

    Only curves that a sine fits within ``rmse_threshold`` are used: a frequency
    fitted to a curve that is no sine means nothing.
    """
    latent = np.asarray(latent, dtype=np.float64)
    if latent.ndim != 2 or not np.all(np.isfinite(latent)):
        raise ValueError(
            f"latent expected a finite 2-D array. Received: latent.shape={latent.shape}"
        )
    fit = fit_sines(generate_curves(generator, latent), x)
    good = fit.rmse < rmse_threshold
    if good.sum() <= latent.shape[1] + 1:
        raise ValueError(
            f"Too few sine-like curves ({int(good.sum())}) to fit a direction in "
            f"{latent.shape[1]} dimensions. Received: latent.shape={latent.shape}"
        )
    design = np.column_stack([latent[good], np.ones(good.sum())])  # (curves, latent_dim + 1)
    coefficients, *_ = np.linalg.lstsq(design, fit.frequency[good], rcond=None)
    predicted = design @ coefficients  # (curves,)
    frequencies = fit.frequency[good]
    r_squared = 1.0 - np.sum((frequencies - predicted) ** 2) / np.sum(
        (frequencies - frequencies.mean()) ** 2
    )
    weights = coefficients[:-1]
    return FrequencyDirection(
        direction=weights / np.linalg.norm(weights),
        weights=weights,
        intercept=float(coefficients[-1]),
        r_squared=float(r_squared),
        curves_used=int(good.sum()),
        sine_like=sine_like_fraction(fit, rmse_threshold),
    )


def move_along(generator, z, direction, distances):
    """G(z + t·direction) for each t in ``distances``: the latent vectors and the curves."""
    z, direction = _check_vector("z", z), _check_vector("direction", direction)
    if z.shape != direction.shape:
        raise ValueError(
            f"z and direction expected the same shape. Received: z.shape={z.shape}, "
            f"direction.shape={direction.shape}"
        )
    distances = np.asarray(distances, dtype=np.float64)
    if distances.ndim != 1 or not np.all(np.isfinite(distances)):
        raise ValueError(
            f"distances expected a finite 1-D array. Received: distances={distances!r}"
        )
    # (len(distances), latent_dim)
    path = (z[None, :] + distances[:, None] * direction[None, :]).astype(np.float32)
    return path, generate_curves(generator, path)


def latent_arithmetic(z_a, z_b, z_c) -> np.ndarray:
    """z_a − z_b + z_c, row by row: the lecture's vector arithmetic on latent vectors.

    Each argument is one latent vector (latent_dim,) or a stack of them (n, latent_dim);
    the result has their common shape, float32, ready for the generator.
    """
    arrays = {"z_a": z_a, "z_b": z_b, "z_c": z_c}
    arrays = {name: np.asarray(value, dtype=np.float64) for name, value in arrays.items()}
    for name, array in arrays.items():
        if array.ndim not in (1, 2) or array.size == 0 or not np.all(np.isfinite(array)):
            raise ValueError(
                f"{name} expected finite latent vectors, (latent_dim,) or (n, latent_dim). "
                f"Received: {name}.shape={array.shape}"
            )
        if array.shape != arrays["z_a"].shape:
            raise ValueError(
                f"{name} expected the shape of z_a, {arrays['z_a'].shape}. "
                f"Received: {name}.shape={array.shape}"
            )
    return (arrays["z_a"] - arrays["z_b"] + arrays["z_c"]).astype(np.float32)


@dataclass(frozen=True)
class Arithmetic:
    """The fitted frequencies of G(z_a), G(z_b), G(z_c) and G(z_a − z_b + z_c), row by row."""

    latent: np.ndarray  # (n, latent_dim) the results z_a − z_b + z_c
    frequencies: np.ndarray  # (n, 4) fitted b of the curves of z_a, z_b, z_c and the result
    sine_like: np.ndarray  # (n, 4) bool: a sine fits that curve within the threshold

    @property
    def target(self) -> np.ndarray:
        """b_a − b_b + b_c: the frequency the result would have if b were linear in z. (n,)"""
        return self.frequencies[:, 0] - self.frequencies[:, 1] + self.frequencies[:, 2]

    @property
    def error(self) -> np.ndarray:
        """The result's fitted b minus the target. (n,)"""
        return self.frequencies[:, 3] - self.target


def measure_arithmetic(generator, x, z_a, z_b, z_c, rmse_threshold: float = 0.1) -> Arithmetic:
    """Draw G at z_a, z_b, z_c (each (n, latent_dim)) and at z_a − z_b + z_c; fit a sine to each."""
    result = latent_arithmetic(z_a, z_b, z_c)
    if result.ndim != 2:
        raise ValueError(
            "z_a expected a stack of latent vectors (n, latent_dim). "
            f"Received: z_a.shape={result.shape}"
        )
    stacked = np.concatenate([np.float32(z_a), np.float32(z_b), np.float32(z_c), result])
    fit = fit_sines(generate_curves(generator, stacked), x)  # 4n curves
    n = len(result)
    return Arithmetic(
        latent=result,
        frequencies=fit.frequency.reshape(4, n).T,
        sine_like=(fit.rmse < rmse_threshold).reshape(4, n).T,
    )


def _check_vector(name, value) -> np.ndarray:
    array = np.asarray(value, dtype=np.float64)
    if array.ndim != 1 or array.size == 0 or not np.all(np.isfinite(array)):
        raise ValueError(f"{name} expected a finite 1-D latent vector. Received: {name}={value!r}")
    return array
