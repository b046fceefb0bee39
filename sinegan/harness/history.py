"""What a training run records, and the error that stops it when it diverges.

This module imports NumPy only, so figures and the command line can read a
history without loading TensorFlow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

METRICS = ("discriminator_loss", "discriminator_accuracy", "generator_loss", "generator_accuracy")


class TrainingDiverged(RuntimeError):
    """A loss or a weight became NaN or infinite; ``epoch`` and ``step`` (1-based) say where."""

    def __init__(self, message, epoch, step):
        super().__init__(message)
        self.epoch, self.step = epoch, step


@dataclass
class History:
    """What training produced, kept for the tables and the figures."""

    pretrain_loss: list = field(default_factory=list)  # one float per step-3 batch
    pretrain_accuracy: list = field(default_factory=list)
    step_metrics: list = field(default_factory=list)  # per epoch: (steps, 4) array, columns METRICS
    # G(fixed z): [0] before training, [e] after epoch e
    snapshots: list = field(default_factory=list)
    epoch_seconds: list = field(default_factory=list)
    # every monitor_every epochs: {"epoch": e, measures...}
    quality: list = field(default_factory=list)
    # the same epochs: a PlaneFrame (sinegan.measure.plane)
    plane: list = field(default_factory=list)

    def epoch_means(self) -> dict:
        """Each metric averaged over the steps of each epoch: name -> (epochs,) array."""
        if not self.step_metrics:
            return {name: np.zeros(0) for name in METRICS}
        means = np.stack([metrics.mean(axis=0) for metrics in self.step_metrics])  # (epochs, 4)
        return {name: means[:, column] for column, name in enumerate(METRICS)}


def check_finite(metrics, epoch, models):
    """Raise TrainingDiverged if a step's loss or any weight of ``models`` is NaN or infinite.

    ``metrics`` is one epoch's (steps, 4) array, ``epoch`` its 1-based number and
    ``models`` a {name: keras.Model} dict. The trainer calls this before the
    epoch enters the history, so a checkpoint always holds the last good epoch.
    """
    bad_rows = np.flatnonzero(~np.all(np.isfinite(metrics), axis=1))
    if bad_rows.size:
        step = int(bad_rows[0])
        row = zip(METRICS, metrics[step], strict=True)
        names = [name for name, value in row if not np.isfinite(value)]
        raise TrainingDiverged(
            f"Training diverged at epoch {epoch}, step {step + 1} of {len(metrics)}: "
            f"{', '.join(names)} not finite",
            epoch,
            step + 1,
        )
    check_finite_weights(epoch, models)


def check_finite_weights(epoch, models):
    """Raise TrainingDiverged naming the first weight of ``models`` that is NaN or infinite."""
    for model_name, model in models.items():
        for weight in model.weights:
            if not np.all(np.isfinite(np.asarray(weight))):
                raise TrainingDiverged(
                    f"Training diverged at epoch {epoch}: the {model_name}'s weight "
                    f"{weight.path} is not finite",
                    epoch,
                    None,
                )
