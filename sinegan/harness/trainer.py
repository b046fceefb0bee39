"""The harness around the slides' loop: one object that runs a whole training run.

``Trainer`` builds steps 1, 2 and 4 for a config (sinegan.recipe.assemble makes
the parts), runs step 3 and then step 5 epoch by epoch with one of two engines
(sinegan.engines), and keeps the history. The slides' loop itself is
sinegan.slides.training; this module only wraps it from outside:

- the engine: ``"literal"`` runs the slides' loop as written (tens of milliseconds
  a step); ``"fast"`` (default) runs the same loop body compiled (sinegan.engines);
- every epoch: the finite check, the timing, the history and the snapshot of a
  fixed latent batch, the slides' table, then Keras callbacks: first the quality
  measures and the (b, c) plane (sinegan.harness.monitor), then the user's;
- mid-run, ``retune`` changes what the networks do not depend on (the lab's knobs).
"""

from __future__ import annotations

import time

import keras
import numpy as np

from .. import engines
from ..config_checks import check_engine
from ..config_fields import retuned
from ..presets import SLIDES
from ..recipe import assemble, dataset_for
from ..seeding import seed_everything
from ..slides.config import GANConfig, require_config
from ..slides.sampling import generate_curves
from ..slides.training import pretrain_discriminator
from ..validation import require_bool, require_int
from .checks import compile_epoch_end, discriminator_diverged, raise_if_diverged
from .history import METRICS, History, check_finite
from .monitor import QualityMonitor, RecordQuality


class Trainer:
    """Owns the data, the networks and the history of one training run.

    >>> trainer = Trainer(GANConfig(epochs=2))
    >>> trainer.pretrain_discriminator()   # step 3
    >>> trainer.train()                    # step 5
    """

    def __init__(self, config: GANConfig = SLIDES, engine: str = "fast"):
        require_config(config)
        check_engine(config, engine)
        self.config, self.engine = config, engine
        data_rng, self.rng = seed_everything(config.seed)
        self.dataset = dataset_for(config, data_rng)  # step 1: X_TRAIN and NOISE
        # Steps 2 and 4: D, G, the GAN, and what they read (sinegan.recipe.GANParts).
        self.parts = assemble(config, self.dataset)
        # A fixed latent batch, shown after every epoch: "curves improving as accuracy improves".
        self.monitor_latent = self.parts.latent_sampler(config.monitor_curves, data_rng)
        self.monitor = QualityMonitor(config, self.dataset, data_rng, self.parts.latent_sampler)
        first_snapshot = generate_curves(self.sampling_generator, self.monitor_latent)
        self.history = History(snapshots=[first_snapshot])
        self.epoch = 0
        self._run_epoch = self._steps = None  # the engine's loops: made (and traced) on first use
        self._epoch_end = None  # the finite check and the snapshot: compiled on first use

    # The parts a user reads most, by name (all of them are in ``self.parts``).
    @property
    def discriminator(self):
        """D (step 2)."""
        return self.parts.discriminator

    @property
    def generator(self):
        """G (step 4)."""
        return self.parts.generator

    @property
    def gan(self):
        """The GAN: G followed by the frozen D (step 4)."""
        return self.parts.gan

    @property
    def sampling_generator(self):
        """The G that curves are drawn from: G, or its averaged copy."""
        return self.parts.sampling_generator

    @property
    def real_inputs(self):
        """What D reads of each row of X_TRAIN."""
        return self.parts.real_inputs

    # --- Step 3 ------------------------------------------------------------------
    def pretrain_discriminator(self, log=print) -> list:
        """Pre-train D on sinusoids (1) against NOISE curves (0); returns the accuracies."""
        config = self.config
        _log(log, " batch | D loss  | D accuracy")
        real, noise = self.real_inputs, self.parts.noise_inputs
        batches = pretrain_discriminator(
            self.discriminator, real, noise, config.pretrain_batches, config.half_batch, self.rng
        )
        for batch in range(1, config.pretrain_batches + 1):
            try:
                loss, accuracy = next(batches)
            # PyTorch's cross-entropy raises on a NaN, where TensorFlow's returns NaN.
            except Exception:
                if not discriminator_diverged(self.discriminator, self.real_inputs):
                    raise
                loss, accuracy = float("nan"), float("nan")  # D diverged: training will report it
            self.history.pretrain_loss.append(loss)
            self.history.pretrain_accuracy.append(accuracy)
            _log(log, f" {batch:5d} | {loss:.5f} | {accuracy:.5f}")
            if not np.isfinite(loss):
                break
        return list(self.history.pretrain_accuracy)

    # --- Step 5 ------------------------------------------------------------------
    def train(
        self, epochs: int | None = None, log=print, callbacks=None, monitor: bool = True
    ) -> History:
        """Train the GAN for ``epochs`` more epochs (default: ``config.epochs``).

        ``callbacks`` are ``keras.callbacks.Callback`` objects, attached to the
        GAN model. They run after ``RecordQuality`` (sinegan.harness.monitor), so
        each epoch's ``logs`` hold the epoch means of ``METRICS`` and, when
        measured, the quality measures. ``monitor=False`` leaves that callback
        out: no quality measure and no (b, c) frame is recorded (a benchmark of
        the loop alone). A callback may stop training by setting
        ``model.stop_training``. A non-finite loss or weight raises
        ``TrainingDiverged`` before any callback sees the bad epoch.
        """
        epochs = self.config.epochs if epochs is None else epochs
        require_int("epochs", epochs, minimum=0)
        require_bool("monitor", monitor)
        callbacks = list(callbacks or [])
        if not all(isinstance(callback, keras.callbacks.Callback) for callback in callbacks):
            raise ValueError(
                "callbacks expected keras.callbacks.Callback objects. "
                f"Received: callbacks={callbacks!r}"
            )
        if monitor:  # first, so that the other callbacks see its measures
            callbacks.insert(0, RecordQuality(self, last_epoch=self.epoch + epochs, log=log))
        callback_list = keras.callbacks.CallbackList(
            callbacks, model=self.gan, epochs=epochs, steps=self.config.steps_per_epoch
        )
        self.gan.stop_training = False
        callback_list.on_train_begin()
        # The slides print the last step's accuracies; we print the epoch's mean,
        # because a single batch of 128 is too noisy to read.
        _log(log, " epoch | D loss  | G loss  | D accuracy | G accuracy")
        for _ in range(epochs):
            callback_list.on_epoch_begin(self.epoch)
            start = time.perf_counter()
            try:
                metrics = self.run_epoch(*self.draw_epoch_batches())  # (steps, 4): the slides' loop
            except Exception as error:  # PyTorch's cross-entropy raises on a NaN, for one
                raise_if_diverged(self._models(), self.parts, self.epoch + 1, error)
                raise
            logs = self.end_epoch(metrics, time.perf_counter() - start, log)
            callback_list.on_epoch_end(self.epoch - 1, logs)  # Keras numbers epochs from 0
            if self.gan.stop_training:
                break
        callback_list.on_train_end()
        return self.history

    def draw_epoch_batches(self, steps: int | None = None):
        """The random choices of one epoch (or of ``steps`` steps), drawn up front so both
        engines share them.

        Returns ``indices`` (steps, k, 64): the rows n of X_TRAIN for each of the
        k discriminator updates of each step (k = 1 on the slides), and ``latent``
        (steps, k, 64, latent_dim): the generator's inputs, which are the same
        rows of NOISE on the slides, or fresh vectors if ``fresh_latent``.
        """
        config = self.config
        steps = config.steps_per_epoch if steps is None else steps
        require_int("steps", steps, minimum=1)
        shape = (steps, config.discriminator_steps, config.half_batch)
        indices = self.rng.integers(0, config.train_size, size=shape)  # (steps, k, 64)
        if config.fresh_latent:
            return indices, self.parts.latent_sampler(shape, self.rng)  # (steps, k, 64, latent_dim)
        return indices, self.dataset.noise[indices]  # (steps, k, 64, 64) NOISE[n]

    def run_epoch(self, indices, latent) -> np.ndarray:
        """One epoch of GAN steps with this trainer's engine; returns (steps, 4) metrics.

        ``train`` calls this with ``draw_epoch_batches()``; it touches no history.
        """
        if self._run_epoch is None:
            self._run_epoch = engines.epoch_runner(self.engine, self.parts, self.config)
        return self._run_epoch(indices, latent)

    def engine_steps(self):
        """The engine's loops, for a D or a G update alone (sinegan.engines.fast.EngineSteps)."""
        if self._steps is None:
            self._steps = engines.step_loops(self.engine, self.parts, self.config)
        return self._steps

    def retune(self, **changes) -> str:
        """Change fields mid-run, keeping the weights and the optimizers' moments.

        Returns "now" if every change applies at the next step, or "trace" if the engine's
        loops are traced again (config_fields.RETUNE_COST). A field that needs new networks,
        or a value the config refuses, raises ``ValueError`` and changes nothing.
        """
        config, cost = retuned(self.config, changes)
        for optimizer in (self.discriminator.optimizer, self.gan.optimizer):
            optimizer.learning_rate = config.learning_rate  # assigned to its variable
            optimizer.beta_1, optimizer.beta_2 = config.adam_beta_1, config.adam_beta_2
        self.config = config
        if cost == "trace":
            self._run_epoch = self._steps = None  # traced again on their next call
        return cost

    # --- Around each epoch ---------------------------------------------------------
    def end_epoch(self, metrics, seconds: float, log=print) -> dict:
        """Close an epoch of ``metrics`` (steps, 4) that took ``seconds``: the finite check,
        the snapshot, the history and the slides' table line; returns the epoch's logs.

        ``train`` calls it after every epoch; the lab (sinegan.lab) after every
        epoch's worth of steps. ``TrainingDiverged`` names what is not finite.
        """
        if self._epoch_end is None:
            self._epoch_end = compile_epoch_end(
                self._models(), self.sampling_generator, self.monitor_latent
            )
        weights_finite, snapshot = self._epoch_end()
        if not (weights_finite and np.all(np.isfinite(metrics))):
            check_finite(metrics, self.epoch + 1, self._models())  # names what is not finite
        return self._record_epoch(metrics, snapshot, seconds, log)

    def _models(self) -> dict:
        models = {"generator": self.generator, "discriminator": self.discriminator}
        if self.parts.averaged:
            models["averaged generator"] = self.sampling_generator
        return models

    def _record_epoch(self, metrics, snapshot, seconds, log) -> dict:
        self.history.epoch_seconds.append(seconds)
        self.history.step_metrics.append(metrics)
        self.history.snapshots.append(snapshot)
        self.epoch += 1
        means = metrics.mean(axis=0)  # (4,)
        d_loss, d_accuracy, g_loss, g_accuracy = means
        columns = f"{d_loss:.5f} | {g_loss:.5f} | {d_accuracy:10.5f} | {g_accuracy:10.5f}"
        _log(log, f" {self.epoch:5d} | {columns}")
        return dict(zip(METRICS, map(float, means), strict=True))


def _log(log, line):
    if log is not None:
        log(line)
