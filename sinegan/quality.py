"""Quality measures for generated curves.

A generator in this library draws curves y = a sin(b x + c) sampled at the points `x`.
This module asks four questions of a batch of generated curves, each against real curves:

1. Are they sinusoids at all?  `fit_sines` fits a sin(b x + c) + d to every curve;
   `sine_like_fraction` counts the curves it fits well.
2. Are the fitted parameters distributed like the data's?  `parameter_distances`
   compares amplitude, frequency and phase with the Wasserstein-1 distance.
3. Can the two samples be told apart as 64-D points?  `kernel_mmd` is the unbiased
   squared Maximum Mean Discrepancy with a Gaussian kernel (Gretton et al. 2012,
   "A Kernel Two-Sample Test", JMLR 13:723-773); `mmd_floor` shows the value for
   two halves of the *same* data, i.e. what "indistinguishable" looks like.
4. Fidelity versus coverage: `knn_precision_recall` (Kynkaanniemi et al. 2019,
   "Improved Precision and Recall Metric for Assessing Generative Models",
   arXiv:1904.06991), `diversity_ratio` and `mode_collapse_alarm`.

Everything is plain numpy and scipy. Bad input raises `ValueError`.
"""
from dataclasses import dataclass

import numpy as np
from scipy.spatial.distance import cdist, pdist
from scipy.stats import wasserstein_distance


def _check_curves(curves, name, minimum_count=1):
    """Return `curves` as a finite float64 array of shape (n_curves, n_points)."""
    array = np.asarray(curves, dtype=np.float64)
    if array.ndim != 2 or array.shape[1] == 0:
        raise ValueError(f"Expected `{name}` to be a 2-D array of curves, shape (n_curves, "
                         f"n_points). Received: {name}.shape={array.shape}")
    if array.shape[0] < minimum_count:
        raise ValueError(f"Expected `{name}` to hold at least {minimum_count} curves. "
                         f"Received: {name}.shape={array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"Expected `{name}` to contain only finite values. Received: "
                         f"{name} with {np.sum(~np.isfinite(array))} NaN/inf entries")
    return array


def _check_same_length(first, first_name, second, second_name):
    if first.shape[1] != second.shape[1]:
        raise ValueError(f"Expected `{first_name}` and `{second_name}` to have the same number "
                         f"of points per curve. Received: {first_name}.shape={first.shape}, "
                         f"{second_name}.shape={second.shape}")


def _check_positive(value, name):
    if (isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating))
            or not np.isfinite(value) or value <= 0):
        raise ValueError(f"Expected `{name}` to be a positive finite number. Received: {name}={value!r}")


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
    angle = frequencies[:, None] * x[None, :]                                # (n_frequencies, n_points)
    return np.stack([np.sin(angle), np.cos(angle), np.ones_like(angle)], axis=2)


def _linear_coefficients(curves, x, frequency):
    """Least-squares (A, B, d) of y = A sin(b x) + B cos(b x) + d, one b per curve.

    With M = [sin(b x), cos(b x), 1] = Q R (QR factorisation): (A, B, d) = R^-1 Q^T y.
    """
    orthonormal, triangular = np.linalg.qr(_sine_basis(frequency, x))       # (n_curves, n_points, 3), (n_curves, 3, 3)
    projected = np.einsum("npk,np->nk", orthonormal, curves)                 # (n_curves, 3)
    return np.linalg.solve(triangular, projected[:, :, None])[:, :, 0]       # (n_curves, 3)


def fit_sines(curves, x, frequency_range=(0.05, 4.0), grid_size=300, refinement_steps=20):
    """Fit y = a sin(b x + c) + d to every curve by least squares.

    Minimises, per curve, S(a, b, c, d) = sum_i (y_i - a sin(b x_i + c) - d)^2.

    Step 1, global grid search. For fixed b the model is linear in (A, B, d):
    a sin(b x + c) + d = A sin(b x) + B cos(b x) + d, with A = a cos c, B = a sin c.
    If Q_b is an orthonormal basis of [sin(b x), cos(b x), 1], the best residual is
    S(b) = |y|^2 - |Q_b^T y|^2, so one matrix product scores every curve at every grid
    frequency, and the best grid b avoids the local minima of S.
    Step 2, refinement: vectorised Levenberg-Marquardt on (A, B, b, d). b is then
    clipped to `frequency_range` and (A, B, d) re-solved exactly for that b.
    Finally a = sqrt(A^2 + B^2), c = atan2(B, A) mod 2 pi, rmse = sqrt(S / n_points).
    """
    curves = _check_curves(curves, "curves")
    x = np.asarray(x, dtype=np.float64)
    if x.shape != (curves.shape[1],) or x.size < 4 or not np.all(np.isfinite(x)):
        raise ValueError(f"Expected `x` to be a finite 1-D array of length n_points="
                         f"{curves.shape[1]} (at least 4). Received: x.shape={x.shape}")
    low, high = (float(value) for value in np.ravel(frequency_range))
    if not 0 < low < high:
        raise ValueError(f"Expected `frequency_range` to be (low, high) with 0 < low < high. "
                         f"Received: frequency_range={frequency_range!r}")
    if int(grid_size) < 2:
        raise ValueError(f"Expected `grid_size` >= 2. Received: grid_size={grid_size!r}")

    # Step 1: score every grid frequency for every curve at once.
    grid = np.linspace(low, high, int(grid_size))                            # (n_grid,)
    orthonormal, _ = np.linalg.qr(_sine_basis(grid, x))                      # (n_grid, n_points, 3)
    projections = curves @ orthonormal.transpose(1, 0, 2).reshape(len(x), -1)  # (n_curves, n_grid * 3)
    explained = (projections.reshape(len(curves), len(grid), 3) ** 2).sum(axis=2)  # (n_curves, n_grid)
    frequency = grid[np.argmax(explained, axis=1)]                           # (n_curves,)
    sine_weight, cosine_weight, offset = _linear_coefficients(curves, x, frequency).T

    # Step 2: Levenberg-Marquardt on theta = (A, B, b, d); one 4x4 system per curve.
    def residual_and_jacobian(theta):
        A, B, b, d = (theta[:, j:j + 1] for j in range(4))                   # each (n_curves, 1)
        sine, cosine = np.sin(b * x), np.cos(b * x)                          # (n_curves, n_points)
        residual = curves - (A * sine + B * cosine + d)                      # (n_curves, n_points)
        jacobian = np.stack([sine, cosine, x * (A * cosine - B * sine), np.ones_like(sine)], axis=2)
        return residual, jacobian                                            # jacobian (n_curves, n_points, 4)

    theta = np.stack([sine_weight, cosine_weight, frequency, offset], axis=1)  # (n_curves, 4)
    damping = np.full(len(curves), 1e-3)                                     # (n_curves,)
    residual, jacobian = residual_and_jacobian(theta)
    cost = (residual ** 2).sum(axis=1)                                       # (n_curves,)
    for _ in range(int(refinement_steps)):
        normal = jacobian.transpose(0, 2, 1) @ jacobian                      # (n_curves, 4, 4)
        gradient = np.einsum("npk,np->nk", jacobian, residual)               # (n_curves, 4)
        scale = damping[:, None] * (np.einsum("nkk->nk", normal) + 1e-12)    # (n_curves, 4)
        step = np.linalg.solve(normal + scale[:, :, None] * np.eye(4), gradient[:, :, None])[:, :, 0]
        new_residual, new_jacobian = residual_and_jacobian(theta + step)
        new_cost = (new_residual ** 2).sum(axis=1)
        better = new_cost < cost                                             # (n_curves,) accept the step?
        theta[better] += step[better]
        residual[better], jacobian[better], cost[better] = new_residual[better], new_jacobian[better], new_cost[better]
        damping = np.where(better, damping / 10, damping * 10).clip(1e-12, 1e12)

    frequency = np.clip(theta[:, 2], low, high)                              # (n_curves,)
    coefficients = _linear_coefficients(curves, x, frequency)                # (n_curves, 3)
    fitted = np.einsum("npk,nk->np", _sine_basis(frequency, x), coefficients)  # (n_curves, n_points)
    return SineFit(
        amplitude=np.hypot(coefficients[:, 0], coefficients[:, 1]),
        frequency=frequency,
        phase=np.mod(np.arctan2(coefficients[:, 1], coefficients[:, 0]), 2 * np.pi),
        offset=coefficients[:, 2],
        rmse=np.sqrt(np.mean((curves - fitted) ** 2, axis=1)),
    )


def sine_like_fraction(fit, threshold=0.1):
    """Share of curves the sine model fits well: (1 / n) #{i : rmse_i < threshold}."""
    _check_positive(threshold, "threshold")
    rmse = np.asarray(fit.rmse, dtype=np.float64)                            # (n_curves,)
    if rmse.ndim != 1 or rmse.size == 0:
        raise ValueError(f"Expected `fit.rmse` to be a non-empty 1-D array. Received: fit.rmse.shape={rmse.shape}")
    return float(np.mean(rmse < threshold))


def parameter_distances(generated_fit, real_fit):
    """Wasserstein-1 distance and 5th/95th percentiles of amplitude, frequency and phase.

    W1 = integral |F_generated(t) - F_real(t)| dt, where F are the empirical cumulative
    distribution functions of the fitted parameter (scipy.stats.wasserstein_distance).

    The phase is circular, but here it is compared as a plain number on [0, 2 pi), as
    `fit_sines` wraps it: phases just below 2 pi and just above 0 count as far apart.
    That is adequate when the data's phases stay away from 0 (e.g. phase ~ U(1, pi)).
    """
    distances = {}
    for name in ("amplitude", "frequency", "phase"):
        values = {}
        for label, fit in (("generated", generated_fit), ("real", real_fit)):
            values[label] = np.asarray(getattr(fit, name), dtype=np.float64)  # (n_curves,)
            if values[label].ndim != 1 or values[label].size == 0 or not np.all(np.isfinite(values[label])):
                raise ValueError(f"Expected `{label}_fit.{name}` to be a non-empty finite 1-D array. "
                                 f"Received: {label}_fit.{name}.shape={values[label].shape}")
        distances[name] = {"wasserstein1": float(wasserstein_distance(values["generated"], values["real"]))}
        for label in ("generated", "real"):
            p5, p95 = np.percentile(values[label], [5, 95])
            distances[name].update({f"{label}_p5": float(p5), f"{label}_p95": float(p95)})
    return distances


def median_heuristic_bandwidth(*samples):
    """Kernel bandwidth sigma = median of all pairwise Euclidean distances in the pooled samples."""
    pooled = np.concatenate([_check_curves(sample, "samples") for sample in samples])  # (n_pooled, n_points)
    sigma = float(np.median(pdist(pooled))) if len(pooled) > 1 else 0.0
    if not sigma > 0:
        raise ValueError(f"The median heuristic needs distinct curves. Received: median pairwise distance={sigma}")
    return sigma


def kernel_mmd(generated, real, bandwidth=None):
    """Unbiased estimate of the squared Maximum Mean Discrepancy (Gretton et al. 2012, eq. 3).

    With the Gaussian kernel k(u, v) = exp(-|u - v|^2 / (2 sigma^2)), m generated curves g
    and n real curves r:

        MMD^2 = 1/(m(m-1)) sum_{i != j} k(g_i, g_j) + 1/(n(n-1)) sum_{i != j} k(r_i, r_j)
                - 2/(m n) sum_{i, j} k(g_i, r_j)

    Its expectation is 0 when both come from the same distribution, so it can be slightly
    negative. `bandwidth` sigma defaults to the median heuristic on the pooled curves.
    """
    generated = _check_curves(generated, "generated", 2)
    real = _check_curves(real, "real", 2)
    _check_same_length(generated, "generated", real, "real")
    if bandwidth is None:
        bandwidth = median_heuristic_bandwidth(generated, real)
    _check_positive(bandwidth, "bandwidth")

    def mean_kernel(first, second, skip_diagonal):
        kernel = np.exp(-cdist(first, second, "sqeuclidean") / (2 * bandwidth ** 2))  # (len(first), len(second))
        if skip_diagonal:
            return (kernel.sum() - np.trace(kernel)) / (len(first) * (len(first) - 1))
        return kernel.mean()

    return float(mean_kernel(generated, generated, True) + mean_kernel(real, real, True)
                 - 2 * mean_kernel(generated, real, False))


def mmd_floor(real, rng=None, bandwidth=None):
    """Real-versus-real reference: kernel_mmd between two random disjoint halves of `real`.

    A generated sample whose MMD^2 against the data is about this size is as hard to tell
    from the data as the data is from itself. It is one random draw around 0 (halves are
    smaller, so it is a bit noisier than a full-size comparison). `rng`: seed or Generator.
    """
    real = _check_curves(real, "real", 4)
    order = np.random.default_rng(rng).permutation(len(real))               # (n_real,)
    half = len(real) // 2
    return kernel_mmd(real[order[:half]], real[order[half:2 * half]], bandwidth)


def _inside_any_ball(queries, centres, radii, chunk_size=1024):
    """For each query q: True when |q - c_j| <= radius_j for at least one centre c_j."""
    inside = np.zeros(len(queries), dtype=bool)                              # (n_queries,)
    for start in range(0, len(queries), chunk_size):
        distances = cdist(queries[start:start + chunk_size], centres)        # (chunk, n_centres)
        inside[start:start + chunk_size] = np.any(distances <= radii[None, :], axis=1)
    return inside


def _nearest_neighbour_radii(points, k):
    """Distance from each point to its k-th nearest neighbour in its own set, itself excluded."""
    distances = cdist(points, points)                                        # (n, n); column 0 after sorting is itself
    return np.partition(distances, k, axis=1)[:, k]                          # (n,)


def knn_precision_recall(generated, real, k=3):
    """Improved precision and recall (Kynkaanniemi et al. 2019, eq. 1-3).

    Each curve phi in a set S gets a ball of radius NN_k(phi, S), the distance to its k-th
    nearest neighbour in S. With f(phi, S) = 1 if |phi - phi'| <= NN_k(phi', S) for some
    phi' in S, else 0:

        precision = (1/m) sum_g f(g, real)         (share of generated curves that look real)
        recall    = (1/n) sum_r f(r, generated)    (share of real curves the generator covers)
    """
    generated = _check_curves(generated, "generated")
    real = _check_curves(real, "real")
    _check_same_length(generated, "generated", real, "real")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k <= 0:
        raise ValueError(f"Expected `k` to be a positive integer. Received: k={k!r}")
    if min(len(generated), len(real)) <= k:
        raise ValueError(f"Expected more than k={k} curves in each set. Received: "
                         f"generated.shape={generated.shape}, real.shape={real.shape}")
    precision = _inside_any_ball(generated, real, _nearest_neighbour_radii(real, k)).mean()
    recall = _inside_any_ball(real, generated, _nearest_neighbour_radii(generated, k)).mean()
    return float(precision), float(recall)


def diversity_ratio(generated, real):
    """ratio = mean_{i<j} |g_i - g_j| / mean_{i<j} |r_i - r_j| (mean pairwise Euclidean distances).

    About 1: the generated curves are as spread out as the data; 0: all identical.
    """
    generated = _check_curves(generated, "generated", 2)
    real = _check_curves(real, "real", 2)
    _check_same_length(generated, "generated", real, "real")
    real_spread = pdist(real).mean()
    if not real_spread > 0:
        raise ValueError("Expected `real` to contain at least two different curves. Received: all identical")
    return float(pdist(generated).mean() / real_spread)


def mode_collapse_alarm(generated, real, threshold=0.5):
    """True when diversity_ratio(generated, real) < threshold.

    Under mode collapse the generator draws (nearly) one curve for every noise vector, so
    the spread of its curves shrinks towards 0, while real-versus-real gives about 1.
    The default 0.5 flags a generator that has lost half the data's spread; a partial
    collapse (e.g. only part of the frequency range) scores about 0.75 and does not fire.
    Collapse onto a *few* distinct curves can keep the ratio high: low recall from
    `knn_precision_recall` is the measure that catches that.
    """
    _check_positive(threshold, "threshold")
    return bool(diversity_ratio(generated, real) < threshold)


def discriminator_accuracy(discriminator, held_out_real, generated):
    """Accuracy of a discriminator D on curves it was not trained on.

        real = (1/n) #{r : D(r) > 0.5},   generated = (1/m) #{g : D(g) <= 0.5},
        overall = (real + generated) / 2.

    Near the GAN equilibrium D cannot tell the two apart and `overall` is near 0.5.
    `discriminator` maps an (n, n_points) float32 array to probabilities, shape (n,) or (n, 1).
    """
    if not callable(discriminator):
        raise ValueError(f"Expected `discriminator` to be callable. Received: discriminator={discriminator!r}")
    held_out_real = _check_curves(held_out_real, "held_out_real")
    generated = _check_curves(generated, "generated")
    _check_same_length(held_out_real, "held_out_real", generated, "generated")
    accuracy = {}
    for label, curves, is_correct in (("real", held_out_real, np.greater), ("generated", generated, np.less_equal)):
        probabilities = np.asarray(discriminator(curves.astype(np.float32)), dtype=np.float64)
        if probabilities.shape not in ((len(curves),), (len(curves), 1)) or not np.all(np.isfinite(probabilities)):
            raise ValueError(f"Expected `discriminator` to return finite values of shape ({len(curves)},) "
                             f"or ({len(curves)}, 1). Received: output shape={probabilities.shape}")
        accuracy[label] = float(np.mean(is_correct(probabilities.ravel(), 0.5)))
    accuracy["overall"] = (accuracy["real"] + accuracy["generated"]) / 2
    return accuracy


def _percentiles(fit):
    """5th, 50th and 95th percentiles of every field of a SineFit, as plain floats."""
    return {name: dict(zip(("p5", "p50", "p95"), np.percentile(getattr(fit, name), [5, 50, 95]).tolist()))
            for name in ("amplitude", "frequency", "phase", "offset", "rmse")}


@dataclass(frozen=True)
class QualityReport:
    """Every measure of `evaluate_curves` for one generated sample against the data."""
    generated_fit: SineFit
    real_fit: SineFit
    generated_sine_like_fraction: float
    real_sine_like_fraction: float
    parameter_distances: dict
    mmd: float
    mmd_floor: float
    mmd_bandwidth: float
    precision: float
    recall: float
    k: int
    diversity_ratio: float
    mode_collapse: bool

    def to_dict(self):
        """Plain JSON-serialisable dict; each SineFit becomes its 5/50/95th percentiles."""
        result = {name: getattr(self, name) for name in self.__dataclass_fields__}
        result["generated_fit"], result["real_fit"] = _percentiles(self.generated_fit), _percentiles(self.real_fit)
        return result


def evaluate_curves(generated, real, x, k=3, seed=0, collapse_threshold=0.5):
    """Compute every measure of this module except discriminator accuracy.

    MMD^2 and its real-versus-real floor (split drawn with `seed`) share one bandwidth,
    the median heuristic on the pooled generated and real curves, so they are comparable.
    """
    precision, recall = knn_precision_recall(generated, real, k)             # validates the inputs and k
    generated, real = _check_curves(generated, "generated", 2), _check_curves(real, "real", 4)
    generated_fit, real_fit = fit_sines(generated, x), fit_sines(real, x)
    bandwidth = median_heuristic_bandwidth(generated, real)
    ratio = diversity_ratio(generated, real)
    _check_positive(collapse_threshold, "collapse_threshold")
    return QualityReport(
        generated_fit=generated_fit, real_fit=real_fit,
        generated_sine_like_fraction=sine_like_fraction(generated_fit),
        real_sine_like_fraction=sine_like_fraction(real_fit),
        parameter_distances=parameter_distances(generated_fit, real_fit),
        mmd=kernel_mmd(generated, real, bandwidth), mmd_floor=mmd_floor(real, seed, bandwidth),
        mmd_bandwidth=bandwidth, precision=precision, recall=recall, k=int(k),
        diversity_ratio=ratio, mode_collapse=bool(ratio < collapse_threshold),
    )
