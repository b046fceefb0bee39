"""One function measures generated curves against the data: ``evaluate_curves``.

The trainer's quality monitor, ``sinegan evaluate``, the examples and the
benchmarks all call it, so every number sinegan prints about a generator is
measured the same way. ``QualityReport.summary()`` gives the few measures
printed while training.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..validation import require_curves, require_positive
from .distances import (diversity_ratio, kernel_mmd, knn_precision_recall, median_heuristic_bandwidth, mmd_floor,
                        parameter_distances)
from .sine_fit import SineFit, fit_sines, sine_like_fraction


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

    def summary(self) -> dict:
        """The measures the trainer records and prints every few epochs, as plain floats."""
        frequency = self.parameter_distances["frequency"]
        return {
            "sine_like": self.generated_sine_like_fraction,  # share of curves a sine fits within RMSE 0.1
            "precision": self.precision,  # share of generated curves that look like some real curve
            "recall": self.recall,  # share of real curves that some generated curve looks like
            "frequency_w1": frequency["wasserstein1"],  # distance between frequency distributions
            "frequency_p5": frequency["generated_p5"],
            "frequency_p95": frequency["generated_p95"],
            "diversity": self.diversity_ratio,  # spread of generated curves / spread of real curves
            "mode_collapse": self.mode_collapse,  # diversity below the alarm's threshold
        }


def evaluate_curves(generated, real, x, k=3, seed=0, collapse_threshold=0.5, real_fit=None):
    """Every measure of sinegan.measure for one generated sample against real curves, but D's accuracy.

    MMD^2 and its real-versus-real floor (split drawn with `seed`) share one bandwidth,
    the median heuristic on the pooled generated and real curves, so they are comparable.
    ``real_fit``, if given, is ``fit_sines(real, x)`` computed once by the caller.
    """
    precision, recall = knn_precision_recall(generated, real, k)             # validates the inputs and k
    generated, real = require_curves(generated, "generated", 2), require_curves(real, "real", 4)
    generated_fit = fit_sines(generated, x)
    real_fit = fit_sines(real, x) if real_fit is None else real_fit
    bandwidth = median_heuristic_bandwidth(generated, real)
    ratio = diversity_ratio(generated, real)
    require_positive(collapse_threshold, "collapse_threshold")
    return QualityReport(
        generated_fit=generated_fit, real_fit=real_fit,
        generated_sine_like_fraction=sine_like_fraction(generated_fit),
        real_sine_like_fraction=sine_like_fraction(real_fit),
        parameter_distances=parameter_distances(generated_fit, real_fit),
        mmd=kernel_mmd(generated, real, bandwidth), mmd_floor=mmd_floor(real, seed, bandwidth),
        mmd_bandwidth=bandwidth, precision=precision, recall=recall, k=int(k),
        diversity_ratio=ratio, mode_collapse=bool(ratio < collapse_threshold),
    )
