"""A training history as a checkpoint's arrays, and back (sinegan.tool.checkpoint).

Each list of the history becomes one stacked array under ``history/NAME``, and
the (b, c) plane's frames one array per PlaneFrame field under
``history/plane/FIELD``; the quality measures travel in the checkpoint's JSON metadata.
"""

from __future__ import annotations

import numpy as np

from ..measure.plane import PlaneFrame

# + a PlaneFrame field: that field of every frame, stacked (absent: no frames)
PLANE = "history/plane/"
PLANE_FIELDS = (
    "epoch",
    "frequency_grid",
    "phase_grid",
    "scores",
    "frequency",
    "phase",
    "sine_like",
)


def history_arrays(history, config) -> dict:
    """The arrays of ``history`` (a sinegan History) by checkpoint key, the plane's included."""
    steps, curves = config.steps_per_epoch, config.monitor_curves
    metrics = np.asarray(history.step_metrics, dtype=np.float32).reshape(-1, steps, 4)
    snapshots = np.asarray(history.snapshots, dtype=np.float32)
    arrays = {
        "history/pretrain_loss": np.asarray(history.pretrain_loss, dtype=np.float64),
        "history/pretrain_accuracy": np.asarray(history.pretrain_accuracy, dtype=np.float64),
        "history/step_metrics": metrics,  # (epochs, steps, 4)
        "history/snapshots": snapshots.reshape(-1, curves, config.train_len),  # (epochs + 1, ...)
        "history/epoch_seconds": np.asarray(history.epoch_seconds, dtype=np.float64),
    }
    arrays.update(_plane_arrays(history.plane))
    return arrays


def restore_history(history, checkpoint):
    """Put the history a checkpoint holds (what ``read_checkpoint`` returned) into ``history``."""
    for name in ("pretrain_loss", "pretrain_accuracy", "epoch_seconds"):
        setattr(history, name, checkpoint[f"history/{name}"].tolist())
    history.step_metrics = list(checkpoint["history/step_metrics"])  # (steps, 4) per epoch
    # (monitor_curves, 64) per epoch, and one before the first
    history.snapshots = list(checkpoint["history/snapshots"])
    history.quality = list(checkpoint["metadata"]["quality"])
    history.plane = plane_frames(checkpoint)


def plane_frames(checkpoint) -> list:
    """The (b, c) plane's frames a checkpoint holds (what ``read_checkpoint`` returned),
    oldest first.

    A run written before sinegan recorded them has none: the list is empty.
    """
    if PLANE + "epoch" not in checkpoint:
        return []
    fields = {name: checkpoint[PLANE + name] for name in PLANE_FIELDS}  # each (frames, ...)

    def frame(index):
        values = {name: values[index] for name, values in fields.items()}
        return PlaneFrame(**{**values, "epoch": int(values["epoch"])})

    return [frame(index) for index in range(len(fields["epoch"]))]


def _plane_arrays(frames) -> dict:
    """Each PlaneFrame field of every frame, stacked: (frames,), (frames, nb) ..."""
    if not frames:
        return {}
    if len({(frame.scores.shape, frame.frequency.shape) for frame in frames}) > 1:
        raise ValueError(
            "history.plane expected frames of one grid and one number of curves, as the trainer "
            f"records them. Received: {len(frames)} frames of several sizes"
        )
    return {
        PLANE + name: np.stack([np.asarray(getattr(frame, name)) for frame in frames])
        for name in PLANE_FIELDS
    }
