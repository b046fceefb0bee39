"""The callback through which a trial tells the sweep how it is doing: ``ReportMeasures``.

It is an ordinary ``keras.callbacks.Callback``, so it runs on every backend,
and it knows nothing of Ray: it hands a row to whatever ``report`` function it
was given (``ray.tune.report`` in a sweep, ``list.append`` in a test). The
trainer runs its quality monitor first after every epoch
(sinegan.harness.monitor.RecordQuality), so at a monitored epoch the epoch's
``logs`` already hold the measures; this callback passes them on, and stays
quiet at the other epochs.
"""

from __future__ import annotations

import keras

from .spec import MEASURES


class ReportMeasures(keras.callbacks.Callback):
    """After every monitored epoch: ``report(trial_row(trainer, fixed, logs, done=False))``."""

    def __init__(self, trainer, report, fixed: dict):
        super().__init__()
        self.trainer, self.report, self.fixed = trainer, report, fixed

    def on_epoch_end(self, epoch, logs=None):
        if logs and all(name in logs for name in MEASURES):
            self.report(trial_row(self.trainer, self.fixed, logs, done=False))


def trial_row(trainer, fixed: dict, measures: dict, done: bool) -> dict:
    """One row of a sweep's table: what names the trial (``fixed``), its measures, the epochs
    trained, the seconds the GAN's epochs took (resumed runs count every epoch once) and
    whether the trial trained all its epochs."""
    return {
        **fixed,
        **{name: float(measures[name]) for name in MEASURES},
        "mode_collapse": bool(measures["mode_collapse"]),
        "epoch": trainer.epoch,
        "train_seconds": float(sum(trainer.history.epoch_seconds)),
        "done": done,
    }
