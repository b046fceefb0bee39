"""One trial of a sweep: a sinegan run directory, trained or resumed, its measures reported.

A trial lives in ``<sweep>/trials/<name>/``, a run directory like the one
``sinegan train`` writes (sinegan.tool.rundir), named after its swept values and
seed (``spec.trial_name``). So a trial is never trained twice:

- a trial whose folder holds ``result.json`` has finished: it reports that row again;
- a trial whose folder holds a checkpoint resumes from it, exactly (the
  checkpoint has the weights, the optimizers, the random states and the
  history), and ends with the numbers an uninterrupted trial ends with;
- otherwise it starts: step 3, a checkpoint at epoch 0, then step 5, with a
  checkpoint after every epoch.

This is what makes a sweep survive faults: Ray restarts a trial whose worker
died, and the trial goes on from its last checkpoint. This module imports no
Ray and loads Keras only when a trial trains, in the process that trains it.
"""

from __future__ import annotations

import json
import os

from ..tool.files import atomic_write
from .spec import SweepSpec, trial_name, value_label

TRIALS = "trials"  # the sweep's folder for its run directories
RESULT = "result.json"  # in a trial's folder once it has finished: its last row


def trial_folder(folder, labels: dict, seed: int) -> str:
    """The run directory of one trial of the sweep in ``folder``."""
    return os.path.join(os.fspath(folder), TRIALS, trial_name(labels, seed))


def read_result(run) -> dict | None:
    """The row a finished trial stored, or None if it has not finished."""
    path = os.path.join(run, RESULT)
    if not os.path.isfile(path):
        return None
    with open(path) as file:
        return json.load(file)


def train_trial(spec: SweepSpec, labels: dict, seed: int, run, report, node: str = "") -> dict:
    """Train (or resume, or recall) the trial of ``labels`` (swept field -> value label) and
    ``seed`` in the run directory ``run``; returns its last row, also given to ``report``.

    ``report(row)`` is called after every monitored epoch and once at the end.
    ``node`` names the machine, for the table (Ray's node id in a sweep).
    """
    stored = read_result(run)
    if stored is not None:
        report(stored)
        return stored
    from .. import backends  # loads Keras, in the process that trains
    from ..tool.checkpoint import checkpoint_backend, read_checkpoint, trainer_from_checkpoint
    from ..tool.rundir import (
        EpochCheckpoint,
        checkpoint_path,
        write_checkpoint,
        write_config,
        write_run,
    )
    from .callback import ReportMeasures, trial_row

    backends.current().make_deterministic()  # a resumed trial computes what it would have
    config = spec.config(spec.point(labels), seed)
    os.makedirs(run, exist_ok=True)
    if os.path.isfile(checkpoint_path(run)):
        checkpoint = read_checkpoint(checkpoint_path(run))
        if checkpoint_backend(checkpoint) != backends.name():
            raise ValueError(
                f"backend expected {checkpoint_backend(checkpoint)!r}, the backend this trial "
                f"was trained on. Received: backend={backends.name()!r}, run={run!r}"
            )
        trainer = trainer_from_checkpoint(checkpoint, epochs=config.epochs)
        if trainer.config != config:
            raise ValueError(
                f"run expected a trial of this sweep's config, and its checkpoint holds another. "
                f"Received: run={run!r}"
            )
    else:
        from ..harness.trainer import Trainer

        trainer = Trainer(config)
        write_config(config, run)
        trainer.pretrain_discriminator(log=None)
        write_checkpoint(trainer, run)  # epoch 0: from here on the trial can be resumed
    point = spec.point(labels)
    fixed = {
        "trial": os.path.basename(os.path.normpath(run)),
        **{name: _cell(value) for name, value in point.items()},
        "seed": seed,
        "backend": backends.name(),
        "node": node,
    }
    callbacks = [EpochCheckpoint(trainer, run), ReportMeasures(trainer, report, fixed)]
    trainer.train(config.epochs - trainer.epoch, log=None, callbacks=callbacks)
    write_run(trainer, run)
    # The same fixed latent batch as every monitored epoch: the last epoch's measures.
    row = trial_row(trainer, fixed, trainer.monitor.measure(trainer.sampling_generator), True)
    atomic_write(os.path.join(run, RESULT), lambda path: _write_json(path, row))
    report(row)
    return row


def _cell(value):
    """A swept value as a table cell: numbers, strings and booleans as they are, tuples as
    their labels (``[64,128]``)."""
    return value_label(value) if isinstance(value, tuple) else value


def _write_json(path, row):
    with open(path, "w") as file:
        json.dump(row, file, indent=2)
        file.write("\n")
