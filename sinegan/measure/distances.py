"""How far are the generated curves from the data? Distances between two samples of curves.

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

The sine fit itself is in sinegan.measure.sine_fit; sinegan.measure.evaluate puts
every measure together. Everything is plain NumPy and SciPy. Bad input raises `ValueError`.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial.distance import cdist, pdist
from scipy.stats import wasserstein_distance

from ..validation import require_curves, require_int, require_positive, require_same_length


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
            if (
                values[label].ndim != 1
                or values[label].size == 0
                or not np.all(np.isfinite(values[label]))
            ):
                raise ValueError(
                    f"{label}_fit.{name} expected a non-empty finite 1-D array. "
                    f"Received: {label}_fit.{name}.shape={values[label].shape}"
                )
        distances[name] = {
            "wasserstein1": float(wasserstein_distance(values["generated"], values["real"]))
        }
        for label in ("generated", "real"):
            p5, p95 = np.percentile(values[label], [5, 95])
            distances[name].update({f"{label}_p5": float(p5), f"{label}_p95": float(p95)})
    return distances


def median_heuristic_bandwidth(*samples):
    """Kernel bandwidth sigma = median of all pairwise Euclidean distances in the pooled samples."""
    # (n_pooled, n_points)
    pooled = np.concatenate([require_curves(sample, "samples") for sample in samples])
    sigma = float(np.median(pdist(pooled))) if len(pooled) > 1 else 0.0
    if not sigma > 0:
        raise ValueError(
            "samples expected distinct curves for the median heuristic. "
            f"Received: samples with median pairwise distance={sigma}"
        )
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
    generated = require_curves(generated, "generated", 2)
    real = require_curves(real, "real", 2)
    require_same_length(generated, "generated", real, "real")
    if bandwidth is None:
        bandwidth = median_heuristic_bandwidth(generated, real)
    require_positive("bandwidth", bandwidth)

    def mean_kernel(first, second, skip_diagonal):
        # (len(first), len(second))
        kernel = np.exp(-cdist(first, second, "sqeuclidean") / (2 * bandwidth**2))
        if skip_diagonal:
            return (kernel.sum() - np.trace(kernel)) / (len(first) * (len(first) - 1))
        return kernel.mean()

    return float(
        mean_kernel(generated, generated, True)
        + mean_kernel(real, real, True)
        - 2 * mean_kernel(generated, real, False)
    )


def mmd_floor(real, rng=None, bandwidth=None):
    """Real-versus-real reference: kernel_mmd between two random disjoint halves of `real`.

    A generated sample whose MMD^2 against the data is about this size is as hard to tell
    from the data as the data is from itself. It is one random draw around 0 (halves are
    smaller, so it is a bit noisier than a full-size comparison). `rng`: seed or Generator.
    """
    real = require_curves(real, "real", 4)
    order = np.random.default_rng(rng).permutation(len(real))  # (n_real,)
    half = len(real) // 2
    return kernel_mmd(real[order[:half]], real[order[half : 2 * half]], bandwidth)


def _inside_any_ball(queries, centres, radii, chunk_size=1024):
    """For each query q: True when |q - c_j| <= radius_j for at least one centre c_j."""
    inside = np.zeros(len(queries), dtype=bool)  # (n_queries,)
    for start in range(0, len(queries), chunk_size):
        distances = cdist(queries[start : start + chunk_size], centres)  # (chunk, n_centres)
        inside[start : start + chunk_size] = np.any(distances <= radii[None, :], axis=1)
    return inside


def _nearest_neighbour_radii(points, k):
    """Distance from each point to its k-th nearest neighbour in its own set, itself excluded."""
    distances = cdist(points, points)  # (n, n); column 0 after sorting is itself
    return np.partition(distances, k, axis=1)[:, k]  # (n,)


def knn_precision_recall(generated, real, k=3):
    """Improved precision and recall (Kynkaanniemi et al. 2019, eq. 1-3).

    Each curve phi in a set S gets a ball of radius NN_k(phi, S), the distance to its k-th
    nearest neighbour in S. With f(phi, S) = 1 if |phi - phi'| <= NN_k(phi', S) for some
    phi' in S, else 0:

        precision = (1/m) sum_g f(g, real)         (share of generated curves that look real)
        recall    = (1/n) sum_r f(r, generated)    (share of real curves the generator covers)
    """
    generated = require_curves(generated, "generated")
    real = require_curves(real, "real")
    require_same_length(generated, "generated", real, "real")
    require_int("k", k, minimum=1)
    if min(len(generated), len(real)) <= k:
        raise ValueError(
            f"k expected fewer than the curves of each set. Received: k={k}, "
            f"generated.shape={generated.shape}, real.shape={real.shape}"
        )
    precision = _inside_any_ball(generated, real, _nearest_neighbour_radii(real, k)).mean()
    recall = _inside_any_ball(real, generated, _nearest_neighbour_radii(generated, k)).mean()
    return float(precision), float(recall)


def diversity_ratio(generated, real):
    """ratio = mean_{i<j} |g_i - g_j| / mean_{i<j} |r_i - r_j| (mean pairwise Euclidean distances).

    About 1: the generated curves are as spread out as the data; 0: all identical.
    """
    generated = require_curves(generated, "generated", 2)
    real = require_curves(real, "real", 2)
    require_same_length(generated, "generated", real, "real")
    real_spread = pdist(real).mean()
    if not real_spread > 0:
        raise ValueError(
            "real expected at least two different curves. Received: real with all curves identical"
        )
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
    require_positive("threshold", threshold)
    return bool(diversity_ratio(generated, real) < threshold)


def discriminator_accuracy(discriminator, held_out_real, generated):
    """Accuracy of a discriminator D on curves it was not trained on.

        real = (1/n) #{r : D(r) > 0.5},   generated = (1/m) #{g : D(g) <= 0.5},
        overall = (real + generated) / 2.

    Near the GAN equilibrium D cannot tell the two apart and `overall` is near 0.5.
    `discriminator` maps an (n, n_points) float32 array to probabilities, shape (n,) or (n, 1).
    """
    if not callable(discriminator):
        raise ValueError(
            f"discriminator expected a callable. Received: discriminator={discriminator!r}"
        )
    held_out_real = require_curves(held_out_real, "held_out_real")
    generated = require_curves(generated, "generated")
    require_same_length(held_out_real, "held_out_real", generated, "generated")
    accuracy = {}
    for label, curves, is_correct in (
        ("real", held_out_real, np.greater),
        ("generated", generated, np.less_equal),
    ):
        probabilities = _to_numpy(discriminator(curves.astype(np.float32)))
        if probabilities.shape not in ((len(curves),), (len(curves), 1)) or not np.all(
            np.isfinite(probabilities)
        ):
            raise ValueError(
                f"discriminator expected to return finite values of shape ({len(curves)},) "
                f"or ({len(curves)}, 1). Received: output shape={probabilities.shape}"
            )
        accuracy[label] = float(np.mean(is_correct(probabilities.ravel(), 0.5)))
    accuracy["overall"] = (accuracy["real"] + accuracy["generated"]) / 2
    return accuracy


def _to_numpy(values) -> np.ndarray:
    """What a callable returned, as float64 NumPy: a NumPy array, or any Keras backend's tensor."""
    if hasattr(values, "detach"):  # a PyTorch tensor, which may carry a gradient
        values = values.detach().cpu()
    return np.asarray(values, dtype=np.float64)
