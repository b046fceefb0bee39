"""Watching what the generator learns while it trains.

A GAN's losses say little about its samples (lecture on GAN theory: "the
generator loss does not track sample quality"). So every few epochs the
trainer asks the generator for curves from one fixed batch of latent vectors
and measures them against real curves with sinegan.measure.evaluate: are they
sinusoids, do they cover the data (k-NN precision and recall), are their
frequencies distributed like the data's, and have they collapsed onto a few shapes?
The same curves, fitted once, also place G in the (b, c) plane beside D's
score of every sinusoid (sinegan.measure.plane): the game in one picture.

``QualityMonitor`` measures; ``RecordQuality`` is the Keras callback, in the
manner of the ``GANMonitor`` of the keras.io GAN examples, that the trainer runs
first after every epoch, so that the user's callbacks and the checkpoint see the
epoch's measures in ``logs``.
"""

from __future__ import annotations

import keras
import numpy as np

from ..measure.evaluate import evaluate_curves
from ..measure.plane import PlaneFrame, measure_plane
from ..measure.sine_fit import fit_sines
from ..slides.config import GANConfig, require_config
from ..slides.dataset import SineDataset
from ..slides.sampling import generate_curves
from ..validation import require_instance, require_rng


class QualityMonitor:
    """Measures G on a fixed latent batch against a fixed set of real curves."""

    def __init__(
        self, config: GANConfig, dataset: SineDataset, rng: np.random.Generator, latent_sampler
    ):
        """``latent_sampler(shape, rng)`` draws G's inputs (``GANParts.latent_sampler``)."""
        require_config(config)
        require_instance("dataset", dataset, SineDataset, "a SineDataset")
        require_rng(rng)
        self.config = config
        count = min(config.monitor_samples, config.train_size)
        self.x = dataset.x
        self.latent = latent_sampler(count, rng)  # (count, latent_dim), the same every time
        self.real = dataset.curves[:count]  # (count, 64)
        self.real_fit = fit_sines(self.real, self.x)  # fitted once

    def measure(self, generator) -> dict:
        """The measures of one moment of training, as plain floats."""
        curves = generate_curves(generator, self.latent)  # (count, 64)
        return evaluate_curves(curves, self.real, self.x, real_fit=self.real_fit).summary()

    def measure_with_plane(self, generator, discriminator, epoch: int) -> tuple[dict, PlaneFrame]:
        """``measure``'s floats, and the (b, c) plane of the same curves: their fit serves both."""
        curves = generate_curves(generator, self.latent)  # (count, 64)
        report = evaluate_curves(curves, self.real, self.x, real_fit=self.real_fit)
        return report.summary(), measure_plane(
            discriminator, curves, self.config, epoch, fit=report.generated_fit
        )


class RecordQuality(keras.callbacks.Callback):
    """After every ``monitor_every``-th epoch and the last epoch of a ``train`` call: measure.

    It records the measures in ``trainer.history.quality`` and the (b, c) frame
    of the same curves in ``trainer.history.plane`` (one callback, because the
    frame reuses the measures' sine fit), prints one line, and adds the measures
    to the epoch's ``logs``. ``Trainer.train`` puts it before every other callback.
    """

    def __init__(self, trainer, last_epoch: int, log=print):
        super().__init__()
        self.trainer, self.last_epoch, self.log = trainer, last_epoch, log

    def on_epoch_end(self, epoch, logs=None):
        epoch += 1  # Keras numbers epochs from 0, the history from 1
        every = self.trainer.config.monitor_every
        if epoch != self.last_epoch and not (every and epoch % every == 0):
            return
        measures = record_quality(self.trainer, epoch)
        if self.log is not None:
            self.log(describe(epoch, measures))
        if logs is not None:
            logs.update(measures)


def record_quality(trainer, epoch: int) -> dict:
    """Measure ``trainer``'s G now; record the measures and the (b, c) frame of the same
    curves in its history, as those of ``epoch``; return the measures."""
    measures, frame = trainer.monitor.measure_with_plane(
        trainer.sampling_generator, trainer.discriminator, epoch
    )
    trainer.history.quality.append({"epoch": epoch, **measures})
    trainer.history.plane.append(frame)
    return measures


def describe(epoch: int, measures: dict) -> str:
    """One line for the training log."""
    line = (
        f"   quality after epoch {epoch}: sine-like {measures['sine_like']:.0%}, "
        f"precision {measures['precision']:.2f}, recall {measures['recall']:.2f}, "
        f"frequencies {measures['frequency_p5']:.2f}-{measures['frequency_p95']:.2f} "
        f"(W1 {measures['frequency_w1']:.3f}), diversity {measures['diversity']:.2f}"
    )
    if measures["mode_collapse"]:
        line += (
            f"\n   MODE COLLAPSE: the curves are {measures['diversity']:.0%} as diverse as the data"
        )
    return line
