"""The lab's game without its page: one ``Trainer`` stepped by hand, and what the page draws.

``LabSession`` is everything the lab does, as plain method calls a test or a
notebook can make: one D update, one G update, whole rounds of the slides' loop,
knobs changed mid-run, a reset, a saved run, and a ``LabFrame`` of numbers to draw.
The page (sinegan.lab.page) only calls these methods and draws the frames.

It trains with sinegan's own loop: the Trainer's batches
(``Trainer.draw_epoch_batches``) and the fast engine's loops (whole rounds, or D's
or G's updates alone: sinegan.engines.fast.EngineSteps). Every
``steps_per_epoch`` rounds close an epoch of the Trainer's history
(``Trainer.end_epoch``), and ``measure`` adds the quality measures and the (b, c)
frame to it, at most once an epoch, so a saved lab run is a run directory like any
other. Single D or G updates move the networks and the counters, but are not rows
of an epoch's history (an epoch is made of rounds).

What the page draws of a moment, a ``LabFrame``, and how its arrows are
measured: sinegan.lab.frame.
"""

from __future__ import annotations

import dataclasses
import os
import re
import time

import numpy as np

from ..harness.checks import raise_if_diverged
from ..harness.history import TrainingDiverged
from ..harness.monitor import record_quality
from ..harness.trainer import Trainer
from ..presets import SLIDES
from ..slides.config import GANConfig, require_config
from ..tool.rundir import write_run
from ..validation import fail, require_int
from .frame import LabFrame, draw_frame
from .randomness import BUILD_LOCK, OwnRandomState

RUN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


class LabSession:
    """One student's game. Not thread-safe: one thread drives it (sinegan.lab.worker)."""

    def __init__(
        self,
        config: GANConfig = SLIDES,
        *,
        curves: int = 200,
        grid: int = 32,
        runs_dir: str | None = None,
        pretrain: bool = True,
    ):
        require_config(config)
        require_int("curves", curves, minimum=2)
        require_int("grid", grid, minimum=2)
        self.curves, self.grid = int(curves), int(grid)
        self.runs_dir, self.pretrain = runs_dir, pretrain
        self.reset(config)

    # --- The game --------------------------------------------------------------------
    def reset(self, config: GANConfig | None = None):
        """New data and networks for ``config`` (default: the current one), D pre-trained."""
        config = self.config if config is None else config
        require_config(config)
        with BUILD_LOCK:  # seeds the whole process: one session at a time (lab.randomness)
            trainer = Trainer(config)
            self._randomness = OwnRandomState()
        if self.pretrain:  # step 3, as the slides do
            self.in_own_random_state(lambda: trainer.pretrain_discriminator(log=None))
        self.trainer, self.config = trainer, config
        # The points of the plane: G's curves for one fixed batch of latent vectors.
        self.latent = trainer.parts.latent_sampler(self.curves, np.random.default_rng(config.seed))
        self.rounds = self.discriminator_updates = self.generator_updates = 0
        self.losses = []  # (generator_updates, D loss, D accuracy, G loss, G accuracy) rows
        self.measures = []  # {"step": generator_updates, "sine_like": ..., ...}
        self.diverged_at, self.moved, self.last_frame = None, {}, None
        self._epoch_rows, self._epoch_seconds = [], 0.0

    def discriminator_step(self) -> np.ndarray:
        """One round's D updates alone (k of them): D's weights move, G's do not."""
        indices, latent = self._draw(1)
        metrics = self._moving(lambda: self.trainer.engine_steps().discriminator(indices, latent))
        self.discriminator_updates += self.config.discriminator_steps
        self._record(d=metrics[0])
        return metrics[0]  # (2,) D loss, D accuracy

    def generator_step(self) -> np.ndarray:
        """One G update alone, on the latent vectors of a fresh draw: G moves, D does not."""
        _, latent = self._draw(1)
        metrics = self._moving(lambda: self.generator_update(latent))
        self.generator_updates += 1
        self._record(g=metrics[0])
        return metrics[0]  # (2,) G loss, G accuracy

    def play_rounds(self, steps: int = 1) -> np.ndarray:
        """``steps`` rounds of the slides' loop, with the Trainer's engine; (steps, 4) metrics."""
        require_int("steps", steps, minimum=1)
        indices, latent = self._draw(steps)
        start = time.perf_counter()
        metrics = self._run(lambda: self.trainer.run_epoch(indices, latent))
        self.rounds += steps
        self.discriminator_updates += steps * self.config.discriminator_steps
        self.generator_updates += steps
        self._record(d=metrics.mean(axis=0)[:2], g=metrics.mean(axis=0)[2:])
        self._close_epochs(metrics, time.perf_counter() - start)
        return metrics

    def retune(self, **changes) -> str:
        """Change knobs mid-run (``Trainer.retune``): "now" or "trace"; ValueError otherwise."""
        cost = self.trainer.retune(**changes)
        self.config = self.trainer.config
        return cost

    # --- What the page draws ------------------------------------------------------------
    def frame(self) -> LabFrame:
        """The plane with its arrows, a few curves and the counters, now (sinegan.lab.frame).

        After a divergence, G's curves are not finite: the frame is the last one drawn,
        with today's counters and status.
        """
        if self.diverged_at is not None and self.last_frame is not None:
            return dataclasses.replace(
                self.last_frame,
                rounds=self.rounds,
                discriminator_updates=self.discriminator_updates,
                generator_updates=self.generator_updates,
                status=self.status,
            )
        self.last_frame = self.in_own_random_state(lambda: draw_frame(self))
        return self.last_frame

    def in_own_random_state(self, action):
        """``action()`` with this session's share of the process's random state (PyTorch)."""
        return self._randomness.run(action)

    def measure(self) -> dict:
        """The quality measures of G now (sinegan.measure.evaluate), kept in ``measures``.

        Once an epoch at most, they also go into the Trainer's history with their (b, c)
        frame, as ``Trainer.train``'s monitor records them: the lab measures on its clock
        (the page: every 1.6 s of play) rather than every ``monitor_every`` epochs.
        """
        trainer = self.trainer
        history, epoch = trainer.history, trainer.epoch
        if epoch > 0 and (not history.quality or history.quality[-1]["epoch"] < epoch):
            measures = record_quality(trainer, epoch)  # as Trainer.train's monitor records
        else:
            measures = trainer.monitor.measure(trainer.sampling_generator)
        summary = {"step": self.generator_updates, **measures}
        self.measures.append(summary)
        return summary

    @property
    def status(self) -> str:
        if self.diverged_at is not None:
            return f"diverged at step {self.diverged_at}: press Reset"
        return "ready"

    def save(self, name: str | None = None) -> str:
        """Write a run directory under ``runs_dir`` (``sinegan sample``, ``evaluate`` and
        ``animate`` read it); returns its path. ``name`` is a plain name, not a path."""
        if self.runs_dir is None:
            fail("runs_dir", "a directory chosen when the lab started, to save runs under", None)
        if name is None:
            name = f"lab-seed{self.config.seed}-step{self.generator_updates}"
        if not (isinstance(name, str) and RUN_NAME.fullmatch(name)):
            fail("name", "a plain name of letters, digits, '.', '_' and '-'", name)
        path = os.path.join(self.runs_dir, name)
        os.makedirs(path, exist_ok=True)
        write_run(self.trainer, path)
        return path

    # --- Inside --------------------------------------------------------------------------
    def _draw(self, steps: int):
        if self.diverged_at is not None:
            raise ValueError(f"training {self.status}. Received: a training step")
        return self.trainer.draw_epoch_batches(steps)

    def generator_update(self, latent):
        """G alone, on the last of each step's k latent batches: latent (steps, k, 64, dim)."""
        return self.trainer.engine_steps().generator(latent[:, -1])

    def _run(self, update) -> np.ndarray:
        """``update()``'s metrics; a step that makes anything non-finite marks the divergence."""
        step = self.generator_updates + 1
        try:
            metrics = np.asarray(self.in_own_random_state(update))
        except Exception as error:  # PyTorch's cross-entropy raises on a NaN, for one
            trainer = self.trainer  # the Trainer's own check: a weight or D's output not finite
            models = {"generator": trainer.generator, "discriminator": trainer.discriminator}
            try:
                raise_if_diverged(models, trainer.parts, step, error)
            except TrainingDiverged:
                metrics = np.full((1, 4), np.nan)
            else:
                raise
        # A weight that is not finite makes the losses so: the metrics are checked every
        # step, the weights (slower to read) only when a step raised.
        if not np.all(np.isfinite(metrics)):
            self.diverged_at = step
            self.trainer.gan.stop_training = True
        return metrics

    def _moving(self, update) -> np.ndarray:
        """``_run(update)``, noting in ``moved`` how far each network's weights moved."""
        models = {"D": self.trainer.discriminator, "G": self.trainer.generator}
        before = {name: model.get_weights() for name, model in models.items()}
        metrics = self._run(update)
        self.moved = {}
        for name, model in models.items():
            pairs = zip(before[name], model.get_weights(), strict=True)
            self.moved[name] = max(float(np.max(np.abs(a - b))) for a, b in pairs)
        return metrics

    def describe_move(self) -> str:
        """The last single step's effect, as the page says it: which weights moved."""
        return "; ".join(
            f"{name}'s weights moved (by up to {change:.1e})"
            if change
            else f"{name}'s weights did not move"
            for name, change in self.moved.items()
        )

    def _record(self, d=(np.nan, np.nan), g=(np.nan, np.nan)):
        self.losses.append((self.generator_updates, *map(float, d), *map(float, g)))

    def _close_epochs(self, metrics, seconds):
        """Every ``steps_per_epoch`` rounds, one epoch of the Trainer's history."""
        if self.diverged_at is not None:
            return
        self._epoch_rows.extend(metrics)
        self._epoch_seconds += seconds
        per_epoch, trainer = self.config.steps_per_epoch, self.trainer
        while len(self._epoch_rows) >= per_epoch:
            rows = np.stack(self._epoch_rows[:per_epoch])
            del self._epoch_rows[:per_epoch]
            try:
                trainer.end_epoch(rows, self._epoch_seconds, log=None)
            except TrainingDiverged:
                self.diverged_at = self.generator_updates
                return
            self._epoch_seconds = 0.0
