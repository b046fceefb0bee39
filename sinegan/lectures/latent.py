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
    norm0, norm1 = np.linalg.norm(z0), np.linalg.norm(z1)
    cosine = np.dot(z0, z1) / (norm0 * norm1) if norm0 and norm1 else 1.0
    angle = np.arccos(np.clip(cosine, -1.0, 1.0))
    if method == "linear" or angle < 1e-6:  # (anti-)parallel ends: the great circle is not unique
        path = (1 - fractions) * z0 + fractions * z1  # (steps, latent_dim)
    else:
        unit0, unit1 = z0 / norm0, z1 / norm1
        directions = (
            np.sin((1 - fractions) * angle) * unit0 + np.sin(fractions * angle) * unit1
        ) / np.sin(angle)
        path = directions * ((1 - fractions) * norm0 + fractions * norm1)  # (steps, latent_dim)
    path[0], path[-1] = z0, z1  # exact ends, free of rounding
    return path.astype(np.float32)


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


def _check_vector(name, value) -> np.ndarray:
    array = np.asarray(value, dtype=np.float64)
    if array.ndim != 1 or array.size == 0 or not np.all(np.isfinite(array)):
        raise ValueError(f"{name} expected a finite 1-D latent vector. Received: {name}={value!r}")
    return array
