"""A run directory: what ``sinegan train`` writes, and what the other commands read.

    config.json            the GANConfig, field by field
    checkpoint.npz         the whole training state (sinegan.tool.checkpoint), rewritten after
                           every epoch
    history.csv            one row per epoch: mean losses and accuracies, seconds, and the
                           quality measures in the epochs they were taken
    generator.keras        G, in Keras' own format (keras.saving.load_model reads it)
    averaged_generator.keras   G with averaged weights, when generator_average_decay is set
    discriminator.keras    D
    samples.npz            x (the 64 grid points) and curves (1,000 from fresh latent vectors)
    training_curves.png, generated_vs_real.png, snapshots.png, history.png   the figures
                           of examples/sine_gan.py

Every file is written atomically, so a run stopped at any moment leaves each
file either in its previous version or in its new one.
"""

from __future__ import annotations

import csv
import os

import keras
import numpy as np

from ..figures.run import plot_run
from ..harness.history import METRICS, History
from ..recipe import curves_for
from .checkpoint import config_to_json, save_checkpoint, trainer_from_checkpoint
from .files import atomic_write, save_figures

CONFIG, CHECKPOINT, HISTORY, SAMPLES = "config.json", "checkpoint.npz", "history.csv", "samples.npz"
SAMPLE_COUNT = 1000  # curves in samples.npz, as in the example


def checkpoint_path(run_directory) -> str:
    return os.path.join(os.fspath(run_directory), CHECKPOINT)


def require_run(run_directory) -> str:
    """The checkpoint's path, or FileNotFoundError naming what is missing."""
    if not os.path.isdir(run_directory):
        raise FileNotFoundError(f"No run directory. Received: run={os.fspath(run_directory)!r}")
    path = checkpoint_path(run_directory)
    if not os.path.isfile(path):
        raise FileNotFoundError(
            f"No {CHECKPOINT} in the run directory. Received: run={os.fspath(run_directory)!r}"
        )
    return path


def open_run(run_directory, epochs: int | None = None):
    """The Trainer saved in a run directory, exactly as it was after its last finished epoch."""
    return trainer_from_checkpoint(require_run(run_directory), epochs=epochs)


def write_config(config, run_directory):
    atomic_write(
        os.path.join(run_directory, CONFIG),
        lambda path: _write_text(path, config_to_json(config) + "\n"),
    )


def write_checkpoint(trainer, run_directory):
    save_checkpoint(trainer, checkpoint_path(run_directory))


def history_rows(history: History) -> list[dict]:
    """One dict per epoch: the epoch means of METRICS, the seconds, and any quality measures."""
    quality = {entry["epoch"]: entry for entry in history.quality}
    means = history.epoch_means()
    rows = []
    for index, seconds in enumerate(history.epoch_seconds):
        row = {
            "epoch": index + 1,
            **{name: float(means[name][index]) for name in METRICS},
            "seconds": seconds,
        }
        measures = {
            name: value for name, value in quality.get(index + 1, {}).items() if name != "epoch"
        }
        rows.append({**row, **measures})
    return rows


def write_history(history: History, run_directory):
    rows = history_rows(history)
    columns = ["epoch", *METRICS, "seconds"]
    columns += sorted({name for row in rows for name in row} - set(columns))  # the quality measures

    def write(path):
        with open(path, "w", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=columns, restval="")
            writer.writeheader()
            writer.writerows(rows)

    atomic_write(os.path.join(run_directory, HISTORY), write)


def write_run(trainer, run_directory, sample_seed: int | None = None):
    """Every file of a run directory, for the trainer's current state."""
    config, data = trainer.config, trainer.dataset
    write_config(config, run_directory)
    write_checkpoint(trainer, run_directory)
    write_history(trainer.history, run_directory)
    models = {"generator.keras": trainer.generator, "discriminator.keras": trainer.discriminator}
    if trainer.parts.averaged:
        models["averaged_generator.keras"] = trainer.sampling_generator
    for name, model in models.items():
        atomic_write(
            os.path.join(run_directory, name),
            lambda path, model=model: model.save(path, overwrite=True),
        )
    seed = config.seed if sample_seed is None else sample_seed
    curves = curves_for(trainer.sampling_generator, config, SAMPLE_COUNT, seed=seed)  # (1000, 64)
    atomic_write(
        os.path.join(run_directory, SAMPLES), lambda path: save_curves(path, data.x, curves)
    )
    save_figures(run_directory, plot_run(data.x, data.curves, curves, trainer.history))


def save_curves(path, x, curves):
    with open(path, "wb") as file:
        np.savez(file, x=x, curves=curves)


class EpochCheckpoint(keras.callbacks.Callback):
    """Rewrite the run's checkpoint after every finished epoch.

    ``Trainer.train`` checks each epoch for NaN and infinity before calling
    callbacks, so this file only ever holds a good epoch.
    """

    def __init__(self, trainer, run_directory):
        super().__init__()
        self.trainer, self.run_directory = trainer, run_directory

    def on_epoch_end(self, epoch, logs=None):
        write_checkpoint(self.trainer, self.run_directory)


def _write_text(path, text):
    with open(path, "w") as file:
        file.write(text)
