"""Is a curve a sinusoid? Fit y = a·sin(b·x + c) + d to every curve, fast.

``fit_sines`` fits the four parameters of every curve of a batch at once and
``sine_like_fraction`` counts the curves it fits well (RMSE < 0.1): the first
question sinegan asks of a generator ("are these sinusoids at all?"), and the
fitted frequencies b feed the other measures (sinegan.measure.distances).

Everything is plain NumPy. Bad input raises ``ValueError``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validation import require_curves, require_positive

SINE_LIKE_THRESHOLD = 0.1  # a curve is "sine-like" when the fit's RMSE is below this


@dataclass(frozen=True)
class SineFit:
    """Fitted y = amplitude sin(frequency x + phase) + offset, one entry per curve.

    Every field is a float64 array of shape (n_curves,). Convention: amplitude >= 0,
    frequency > 0, phase in [0, 2 pi). rmse = sqrt(mean over the points of residual^2).
    """

    amplitude: np.ndarray
    frequency: np.ndarray
    phase: np.ndarray
    offset: np.ndarray
    rmse: np.ndarray


def _sine_basis(frequencies, x):
    """Columns [sin(b x), cos(b x), 1] for every frequency b: shape (n_frequencies, n_points, 3)."""
    angle = frequencies[:, None] * x[None, :]  # (n_frequencies, n_points)
    return np.stack([np.sin(angle), np.cos(angle), np.ones_like(angle)], axis=2)


def _linear_coefficients(curves, x, frequency):
    """Least-squares (A, B, d) of y = A sin(b x) + B cos(b x) + d, one b per curve.

    With M = [sin(b x), cos(b x), 1] = Q R (QR factorisation): (A, B, d) = R^-1 Q^T y.
    """
    # (n_curves, n_points, 3), (n_curves, 3, 3)
    orthonormal, triangular = np.linalg.qr(_sine_basis(frequency, x))
    projected = np.einsum("npk,np->nk", orthonormal, curves)  # (n_curves, 3)
    return np.linalg.solve(triangular, projected[:, :, None])[:, :, 0]  # (n_curves, 3)


def fit_sines(
    curves,
    x,
    frequency_range=(0.05, 4.0),
    grid_size=300,
    refinement_steps=20,
    *,
    initial_frequency=None,
):
    """Fit y = a sin(b x + c) + d to every curve by least squares.

    Minimises, per curve, S(a, b, c, d) = sum_i (y_i - a sin(b x_i + c) - d)^2.

    Step 1, global grid search. For fixed b the model is linear in (A, B, d):
    a sin(b x + c) + d = A sin(b x) + B cos(b x) + d, with A = a cos c, B = a sin c.
    If Q_b is an orthonormal basis of [sin(b x), cos(b x), 1], the best residual is
    S(b) = |y|^2 - |Q_b^T y|^2, so one matrix product scores every curve at every grid
    frequency, and the best grid b avoids the local minima of S.
    Step 2, refinement: vectorised Levenberg-Marquardt on (A, B, b, d). b is then
    clipped to `frequency_range` and (A, B, d) re-solved exactly for that b.
    `initial_frequency` (n_curves,), if given, replaces step 1: the refinement starts
    from it (the lab refits curves that one update has barely moved).
    Finally a = sqrt(A^2 + B^2), c = atan2(B, A) mod 2 pi, rmse = sqrt(S / n_points).
    """
    curves = require_curves(curves, "curves")
    x = np.asarray(x, dtype=np.float64)
    if x.shape != (curves.shape[1],) or x.size < 4 or not np.all(np.isfinite(x)):
        raise ValueError(
            f"x expected a finite 1-D array of length n_points="
            f"{curves.shape[1]} (at least 4). Received: x.shape={x.shape}"
        )
    low, high = (float(value) for value in np.ravel(frequency_range))
    if not 0 < low < high:
        raise ValueError(
            f"frequency_range expected (low, high) with 0 < low < high. "
            f"Received: frequency_range={frequency_range!r}"
        )
    if int(grid_size) < 2:
        raise ValueError(f"grid_size expected an integer >= 2. Received: grid_size={grid_size!r}")

    if initial_frequency is not None:
        frequency = np.asarray(initial_frequency, dtype=np.float64)
        if frequency.shape != (len(curves),) or not np.all(np.isfinite(frequency)):
            raise ValueError(
                f"initial_frequency expected one finite b per curve, shape ({len(curves)},). "
                f"Received: initial_frequency.shape={frequency.shape}"
            )
        frequency = np.clip(frequency, low, high)  # (n_curves,)
    else:  # Step 1: score every grid frequency for every curve at once.
        grid = np.linspace(low, high, int(grid_size))  # (n_grid,)
        orthonormal, _ = np.linalg.qr(_sine_basis(grid, x))  # (n_grid, n_points, 3)
        # (n_curves, n_grid * 3)
        projections = curves @ orthonormal.transpose(1, 0, 2).reshape(len(x), -1)
        # (n_curves, n_grid)
        explained = (projections.reshape(len(curves), len(grid), 3) ** 2).sum(axis=2)
        frequency = grid[np.argmax(explained, axis=1)]  # (n_curves,)
    sine_weight, cosine_weight, offset = _linear_coefficients(curves, x, frequency).T

    # Step 2: Levenberg-Marquardt on theta = (A, B, b, d); one 4x4 system per curve.
    def residual_and_jacobian(theta):
        A, B, b, d = (theta[:, j : j + 1] for j in range(4))  # each (n_curves, 1)
        sine, cosine = np.sin(b * x), np.cos(b * x)  # (n_curves, n_points)
        residual = curves - (A * sine + B * cosine + d)  # (n_curves, n_points)
        jacobian = np.stack([sine, cosine, x * (A * cosine - B * sine), np.ones_like(sine)], axis=2)
        return residual, jacobian  # jacobian (n_curves, n_points, 4)

    theta = np.stack([sine_weight, cosine_weight, frequency, offset], axis=1)  # (n_curves, 4)
    damping = np.full(len(curves), 1e-3)  # (n_curves,)
    residual, jacobian = residual_and_jacobian(theta)
    cost = (residual**2).sum(axis=1)  # (n_curves,)
    for _ in range(int(refinement_steps)):
        normal = jacobian.transpose(0, 2, 1) @ jacobian  # (n_curves, 4, 4)
        gradient = np.einsum("npk,np->nk", jacobian, residual)  # (n_curves, 4)
        scale = damping[:, None] * (np.einsum("nkk->nk", normal) + 1e-12)  # (n_curves, 4)
        step = np.linalg.solve(normal + scale[:, :, None] * np.eye(4), gradient[:, :, None])[
            :, :, 0
        ]
        new_residual, new_jacobian = residual_and_jacobian(theta + step)
        new_cost = (new_residual**2).sum(axis=1)
        better = new_cost < cost  # (n_curves,) accept the step?
        theta[better] += step[better]
        residual[better], jacobian[better], cost[better] = (
            new_residual[better],
            new_jacobian[better],
            new_cost[better],
        )
        damping = np.where(better, damping / 10, damping * 10).clip(1e-12, 1e12)

    frequency = np.clip(theta[:, 2], low, high)  # (n_curves,)
    coefficients = _linear_coefficients(curves, x, frequency)  # (n_curves, 3)
    # (n_curves, n_points)
    fitted = np.einsum("npk,nk->np", _sine_basis(frequency, x), coefficients)
    return SineFit(
        amplitude=np.hypot(coefficients[:, 0], coefficients[:, 1]),
        frequency=frequency,
        phase=np.mod(np.arctan2(coefficients[:, 1], coefficients[:, 0]), 2 * np.pi),
        offset=coefficients[:, 2],
        rmse=np.sqrt(np.mean((curves - fitted) ** 2, axis=1)),
    )


def sine_like_fraction(fit, threshold=SINE_LIKE_THRESHOLD):
    """Share of curves the sine model fits well: (1 / n) #{i : rmse_i < threshold}."""
    require_positive("threshold", threshold)
    rmse = np.asarray(fit.rmse, dtype=np.float64)  # (n_curves,)
    if rmse.ndim != 1 or rmse.size == 0:
        raise ValueError(
            f"fit.rmse expected a non-empty 1-D array. Received: fit.rmse.shape={rmse.shape}"
        )
    return float(np.mean(rmse < threshold))
