"""Watching what the generator learns while it trains.

A GAN's losses say little about its samples (lecture on GAN theory: "the
generator loss does not track sample quality"). So every few epochs the
trainer asks the generator for curves from one fixed batch of latent vectors
and measures them against real curves with ``sinegan.quality``: are they
sinusoids, do they cover the data (k-NN precision and recall, Kynkäänniemi et
al. 2019, arXiv:1904.06991), are their frequencies distributed like the data's,
and have they collapsed onto a few shapes?
"""

from __future__ import annotations

import numpy as np

from .config import GANConfig, _require_config, _require_rng
from .dataset import SineDataset
from .quality import diversity_ratio, fit_sines, knn_precision_recall, parameter_distances, sine_like_fraction
from .sampling import generate_curves, sample_latent

COLLAPSE_DIVERSITY = 0.5  # the alarm: generated curves less than half as spread out as real ones


class QualityMonitor:
    """Measures G on a fixed latent batch against a fixed set of real curves."""

    def __init__(self, config: GANConfig, dataset: SineDataset, rng: np.random.Generator):
        _require_config(config)
        if not isinstance(dataset, SineDataset):
            raise ValueError(f"dataset expected a SineDataset. Received: dataset={dataset!r}")
        _require_rng(rng)
        count = min(config.monitor_samples, config.train_size)
        self.x = dataset.x
        self.latent = sample_latent(config, count, rng)  # (count, latent_dim), the same every time
        self.real = dataset.curves[:count]  # (count, 64)
        self.real_fit = fit_sines(self.real, self.x)  # fitted once

    def measure(self, generator) -> dict:
        """The measures of one moment of training, as plain floats."""
        curves = generate_curves(generator, self.latent)  # (count, 64)
        fit = fit_sines(curves, self.x)
        precision, recall = knn_precision_recall(curves, self.real, k=3)
        frequency = parameter_distances(fit, self.real_fit)["frequency"]
        diversity = diversity_ratio(curves, self.real)
        return {
            "sine_like": sine_like_fraction(fit),  # share of curves a sine fits within RMSE 0.1
            "precision": precision,  # share of generated curves that look like some real curve
            "recall": recall,  # share of real curves that some generated curve looks like
            "frequency_w1": frequency["wasserstein1"],  # distance between frequency distributions
            "frequency_p5": frequency["generated_p5"],
            "frequency_p95": frequency["generated_p95"],
            "diversity": diversity,  # spread of generated curves / spread of real curves
            "mode_collapse": bool(diversity < COLLAPSE_DIVERSITY),
        }


def describe(epoch: int, measures: dict) -> str:
    """One line for the training log."""
    line = (f"   quality after epoch {epoch}: sine-like {measures['sine_like']:.0%}, "
            f"precision {measures['precision']:.2f}, recall {measures['recall']:.2f}, "
            f"frequencies {measures['frequency_p5']:.2f}-{measures['frequency_p95']:.2f} "
            f"(W1 {measures['frequency_w1']:.3f}), diversity {measures['diversity']:.2f}")
    if measures["mode_collapse"]:
        line += f"\n   MODE COLLAPSE: the curves are {measures['diversity']:.0%} as diverse as the data"
    return line
