"""What each ``sinegan`` command does, once sinegan.tool.cli has checked its arguments.

Training survives faults:

- the checkpoint is rewritten after every finished epoch, atomically;
- Ctrl-C (SIGINT) only raises a flag, because an epoch runs inside one
  compiled call: training stops after the epoch in progress, the
  command prints how to resume and exits with status 130 (a second Ctrl-C
  stops at once; the checkpoint of the last finished epoch is on disk);
- a NaN or infinite loss or weight stops training with ``TrainingDiverged``
  and exit status 1, and the checkpoint keeps the last good epoch.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import sys

import keras
import numpy as np
from matplotlib.animation import PillowWriter

from .. import backends
from ..figures.animation import animate_snapshots
from ..figures.plane import animate_plane
from ..figures.run import plot_generated_vs_real
from ..harness.history import TrainingDiverged
from ..harness.trainer import Trainer
from ..measure.evaluate import evaluate_curves
from ..recipe import curves_for
from .checkpoint import checkpoint_backend, plane_frames, read_checkpoint, trainer_from_checkpoint
from .errors import EXIT_DIVERGED, EXIT_INTERRUPTED
from .files import atomic_write, save_figure
from .progress import EpochProgress
from .rundir import (
    EpochCheckpoint,
    checkpoint_path,
    save_curves,
    write_checkpoint,
    write_config,
    write_history,
    write_run,
)


class StopOnFlag(keras.callbacks.Callback):
    """Ask the trainer to stop after this epoch once ``flag["stop"]`` is set (by the SIGINT
    handler)."""

    def __init__(self, flag):
        super().__init__()
        self.flag = flag

    def on_epoch_end(self, epoch, logs=None):
        if self.flag["stop"]:
            self.model.stop_training = True


def train(arguments, prog):
    # Identical results from identical states, so a resumed run equals an uninterrupted one.
    backends.current().make_deterministic()
    run = arguments.out if arguments.out is not None else arguments.resume
    if arguments.out is not None:
        trainer = Trainer(arguments.config, engine=arguments.engine or "fast")
        total = trainer.config.epochs
    else:
        written_on = checkpoint_backend(arguments.checkpoint)
        # dropout masks and batches would differ: not the same run
        if written_on != backends.name():
            raise ValueError(
                f"backend expected {written_on!r}, the backend this run was trained on: a run "
                f"resumes exactly only there (add --backend {written_on}; sample, evaluate and "
                f"animate work on any backend). Received: backend={backends.name()!r}"
            )
        trainer = trainer_from_checkpoint(arguments.checkpoint, epochs=arguments.epochs)
        total = trainer.config.epochs  # cli.py checked it is at least the epochs already done
    write_config(trainer.config, run)
    resume_line = f"Resume with: {prog} train --resume {shlex.quote(run)} --epochs {total}"
    flag = {"stop": False}

    def on_sigint(signal_number, frame):
        if flag["stop"]:  # the second Ctrl-C: stop now
            raise KeyboardInterrupt
        flag["stop"] = True

    progress, diverged = EpochProgress(total - trainer.epoch), None
    previous_handler = signal.signal(signal.SIGINT, on_sigint)
    try:
        if arguments.out is not None:
            print(
                "Step 3: pre-training the discriminator "
                f"({trainer.config.pretrain_batches} batches)",
                flush=True,
            )
            trainer.pretrain_discriminator(log=None)
            write_checkpoint(trainer, run)  # epoch 0: from here on the run can be resumed
        if not flag["stop"] and trainer.epoch < total:
            print(
                f"Step 5: training the GAN, epochs {trainer.epoch + 1}-{total} of {total}",
                flush=True,
            )
            callbacks = [EpochCheckpoint(trainer, run), progress, StopOnFlag(flag)]
            trainer.train(total - trainer.epoch, log=None, callbacks=callbacks)
    except TrainingDiverged as error:
        diverged = error
    except KeyboardInterrupt:
        flag["stop"] = True
    finally:
        signal.signal(signal.SIGINT, previous_handler)
    if diverged is not None:
        print(
            f"{prog}: error: {diverged}; {checkpoint_path(run)} keeps the last good epoch",
            file=sys.stderr,
        )
        return EXIT_DIVERGED
    if flag["stop"]:
        if not os.path.isfile(checkpoint_path(run)):
            print(
                "Interrupted before the first checkpoint: nothing to resume.",
                file=sys.stderr,
                flush=True,
            )
            return EXIT_INTERRUPTED
        saved_epoch = read_checkpoint(checkpoint_path(run))["metadata"]["epoch"]
        write_history(trainer.history, run)
        print(
            f"Interrupted: {checkpoint_path(run)} holds epoch {saved_epoch}. {resume_line}",
            file=sys.stderr,
            flush=True,
        )
        return EXIT_INTERRUPTED
    try:
        write_run(trainer, run)
    except KeyboardInterrupt:
        print(f"Interrupted while writing the results. {resume_line}", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED
    print(f"Trained {trainer.epoch} epochs. Wrote the run to {run}")
    return 0


def sample(arguments, prog):
    trainer = trainer_from_checkpoint(arguments.checkpoint)
    x, real = trainer.dataset.x, trainer.dataset.curves
    # (n, 64)
    curves = curves_for(
        trainer.sampling_generator, trainer.config, arguments.n, seed=arguments.seed
    )
    if arguments.output.lower().endswith(".png"):
        figure = plot_generated_vs_real(x, curves, real, count=min(12, arguments.n))
        save_figure(arguments.output, figure)
    else:
        atomic_write(arguments.output, lambda path: save_curves(path, x, curves))
    print(f"Wrote {arguments.n} curves to {arguments.output}")
    return 0


def evaluate(arguments, prog):
    trainer = trainer_from_checkpoint(arguments.checkpoint)
    data = trainer.dataset
    generated = curves_for(
        trainer.sampling_generator, trainer.config, arguments.n, seed=arguments.seed
    )
    rows = np.random.default_rng(arguments.seed).choice(
        len(data.curves), min(arguments.n, len(data.curves)), replace=False
    )
    # As many real curves as generated ones, up to the whole data; k-NN compares equal sizes
    # (paired).
    report = evaluate_curves(
        generated, data.curves[rows], data.x, seed=arguments.seed, paired=len(rows)
    )
    result = {
        "epoch": trainer.epoch,
        "samples": arguments.n,
        "seed": arguments.seed,
        **report.to_dict(),
    }
    print(json.dumps(result, indent=2, default=float))
    return 0


def animate(arguments, prog):
    if arguments.view == "plane":  # the frames are in the checkpoint's history: no network to build
        frames = plane_frames(arguments.checkpoint)  # cli.py checked there is at least one
        animation = animate_plane(frames, arguments.checkpoint["metadata"]["config"])
    else:
        trainer = trainer_from_checkpoint(arguments.checkpoint)
        frames = trainer.history.snapshots
        animation = animate_snapshots(
            trainer.dataset.x, trainer.history, real=trainer.dataset.curves
        )
    atomic_write(
        arguments.output, lambda path: animation.save(path, writer=PillowWriter(fps=arguments.fps))
    )
    print(f"Wrote {len(frames)} frames to {arguments.output}")
    return 0
