"""One function measures generated curves against the data: ``evaluate_curves``.

The trainer's quality monitor, ``sinegan evaluate``, the examples and the
benchmarks all call it, so every number sinegan prints about a generator is
measured the same way. ``QualityReport.summary()`` gives the few measures
printed while training; ``QualityReport.to_dict()`` gives them all.

"Against the data" always means against the real curves passed in, fitted by
the same sine fit as the generated ones. On the clean sinusoids of the dataset
the fit recovers each curve's frequency b to about 1e-8, so comparing with the
fitted b of the real curves is comparing with their true b.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validation import fail, is_int, require_curves, require_positive
from .distances import (
    diversity_ratio,
    kernel_mmd,
    knn_precision_recall,
    median_heuristic_bandwidth,
    mmd_floor,
    parameter_distances,
)
from .sine_fit import SineFit, fit_sines, sine_like_fraction


def _percentiles(fit):
    """5th, 50th and 95th percentiles of every field of a SineFit, as plain floats."""
    return {
        name: dict(
            zip(
                ("p5", "p50", "p95"),
                np.percentile(getattr(fit, name), [5, 50, 95]).tolist(),
                strict=True,
            )
        )
        for name in ("amplitude", "frequency", "phase", "offset", "rmse")
    }


@dataclass(frozen=True)
class QualityReport:
    """Every measure of `evaluate_curves` for one generated sample against the data.

    The fits, the sine-like fractions and the parameter distances use every curve of
    both samples; the two-sample measures (MMD and its floor, precision and recall,
    diversity) the first ``paired`` curves of each, or all of both when ``paired`` is None.
    """

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
    paired: int | None
    diversity_ratio: float
    mode_collapse: bool

    def to_dict(self):
        """Plain JSON-serialisable dict; each SineFit becomes its 5/50/95th percentiles."""
        result = {name: getattr(self, name) for name in self.__dataclass_fields__}
        result["generated_fit"], result["real_fit"] = (
            _percentiles(self.generated_fit),
            _percentiles(self.real_fit),
        )
        return result

    def summary(self) -> dict:
        """The measures the trainer records and prints every few epochs, as plain floats."""
        frequency = self.parameter_distances["frequency"]
        return {
            # the share of curves a sine fits within RMSE 0.1
            "sine_like": self.generated_sine_like_fraction,
            "precision": self.precision,  # share of generated curves that look like some real curve
            "recall": self.recall,  # share of real curves that some generated curve looks like
            "frequency_w1": frequency["wasserstein1"],  # distance between frequency distributions
            "frequency_p5": frequency["generated_p5"],
            "frequency_p95": frequency["generated_p95"],
            "diversity": self.diversity_ratio,  # spread of generated curves / spread of real curves
            "mode_collapse": self.mode_collapse,  # diversity below the alarm's threshold
        }


def evaluate_curves(
    generated, real, x, k=3, seed=0, collapse_threshold=0.5, real_fit=None, paired=None
):
    """Every measure of sinegan.measure, but D's accuracy, for one generated sample against real
    curves.

    Measured on every curve of both samples (m generated, n real):
      - the sine fits, their sine-like fractions (rmse < 0.1) and percentiles;
      - parameter_distances: W1 = integral |F_generated(t) - F_real(t)| dt between the
        fitted amplitudes, frequencies and phases, and their 5th and 95th percentiles.
    Measured on the first ``paired`` curves of each sample (None, the default: all of both):
      - k-NN precision and recall, MMD^2 and its real-versus-real floor, diversity.

    ``paired`` is there because the k-NN balls shrink as a sample grows: precision and
    recall are comparable only between samples of equal size (Kynkaanniemi et al. 2019
    compare equal sizes), so a caller that fits many curves may still compare, say,
    500 against 500. MMD^2 and its floor (split drawn with ``seed``) share one bandwidth,
    the median heuristic on the pooled paired curves, so they are comparable.
    ``real_fit``, if given, is ``fit_sines(real, x)`` computed once by the caller.
    """
    generated, real = require_curves(generated, "generated", 2), require_curves(real, "real", 4)
    largest = min(len(generated), len(real))
    if paired is not None and (not is_int(paired) or not 4 <= paired <= largest):
        fail(
            "paired",
            f"None or an integer from 4 to min(len(generated), len(real))={largest}",
            paired,
        )
    generated_paired, real_paired = generated[:paired], real[:paired]  # [:None] keeps every curve
    # validates the lengths and k
    precision, recall = knn_precision_recall(generated_paired, real_paired, k)
    require_positive("collapse_threshold", collapse_threshold)
    generated_fit = fit_sines(generated, x)
    real_fit = fit_sines(real, x) if real_fit is None else real_fit
    bandwidth = median_heuristic_bandwidth(generated_paired, real_paired)
    ratio = diversity_ratio(generated_paired, real_paired)
    return QualityReport(
        generated_fit=generated_fit,
        real_fit=real_fit,
        generated_sine_like_fraction=sine_like_fraction(generated_fit),
        real_sine_like_fraction=sine_like_fraction(real_fit),
        parameter_distances=parameter_distances(generated_fit, real_fit),
        mmd=kernel_mmd(generated_paired, real_paired, bandwidth),
        mmd_floor=mmd_floor(real_paired, seed, bandwidth),
        mmd_bandwidth=bandwidth,
        precision=precision,
        recall=recall,
        k=int(k),
        paired=paired,
        diversity_ratio=ratio,
        mode_collapse=bool(ratio < collapse_threshold),
    )
