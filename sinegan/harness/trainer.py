"""The harness around the slides' loop: one object that runs a whole training run.

``Trainer`` builds steps 1, 2 and 4 for a config (sinegan.recipe.assemble makes
the parts), runs step 3 and then step 5 epoch by epoch with one of two engines
(sinegan.engines), and keeps the history. The slides' loop itself is
sinegan.slides.training; this module only wraps it from outside:

- the engine: ``"literal"`` runs the slides' loop as written (``train_on_batch``
  per update, ``predict`` for the fakes: tens of milliseconds a step); ``"fast"``
  (default) runs the same loop body compiled into one call per epoch on
  TensorFlow and JAX, and as eager steps on PyTorch;
- every epoch: the finite check, the timing, the history and the snapshot of a
  fixed latent batch, the slides' table, then Keras callbacks: first the
  quality measures and the (b, c) plane every few epochs (sinegan.harness.monitor),
  then the user's (which may stop training).
"""

from __future__ import annotations

import time

import keras
import numpy as np
from keras import ops

from .. import backends, engines
from ..config_checks import check_engine
from ..presets import SLIDES
from ..recipe import assemble
from ..seeding import seed_everything
from ..slides.config import GANConfig, require_config
from ..slides.dataset import make_dataset
from ..slides.sampling import generate_curves
from ..slides.training import pretrain_discriminator
from ..validation import require_int
from .history import METRICS, History, TrainingDiverged, check_finite, check_finite_weights
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
        self.dataset = make_dataset(config, data_rng)  # step 1: X_TRAIN and NOISE
        self.parts = assemble(
            config, self.dataset
        )  # steps 2 and 4: D, G, the GAN, and what they read
        # A fixed latent batch, shown after every epoch: "curves improving as accuracy improves".
        self.monitor_latent = self.parts.latent_sampler(config.monitor_curves, data_rng)
        self.monitor = QualityMonitor(config, self.dataset, data_rng, self.parts.latent_sampler)
        self.history = History(
            snapshots=[generate_curves(self.sampling_generator, self.monitor_latent)]
        )
        self.epoch = 0
        self._run_epoch = None  # the engine's epoch: made (and traced) on first use
        self._epoch_end = (
            None  # the finite check and the snapshot, one compiled call: traced on first use
        )

    # The parts a user reads most, by name (all are in ``self.parts``).
    discriminator = property(lambda self: self.parts.discriminator, doc="D (step 2)")
    generator = property(lambda self: self.parts.generator, doc="G (step 4)")
    gan = property(lambda self: self.parts.gan, doc="the GAN: G followed by the frozen D (step 4)")
    sampling_generator = property(
        lambda self: self.parts.sampling_generator,
        doc="the G curves are drawn from: G, or its averaged copy",
    )
    real_inputs = property(
        lambda self: self.parts.real_inputs, doc="what D reads of each row of X_TRAIN"
    )

    # --- Step 3 ------------------------------------------------------------------
    def pretrain_discriminator(self, log=print) -> list:
        """Pre-train D on sinusoids (1) against NOISE curves (0); returns the accuracies."""
        config = self.config
        _log(log, " batch | D loss  | D accuracy")
        batches = pretrain_discriminator(
            self.discriminator,
            self.real_inputs,
            self.parts.noise_inputs,
            config.pretrain_batches,
            config.half_batch,
            self.rng,
        )
        for batch in range(1, config.pretrain_batches + 1):
            try:
                loss, accuracy = next(batches)
            except (
                Exception
            ):  # PyTorch's cross-entropy raises on a NaN, where TensorFlow's returns NaN
                if not self._discriminator_diverged():
                    raise
                loss, accuracy = float("nan"), float("nan")  # D diverged: training will report it
            self.history.pretrain_loss.append(loss)
            self.history.pretrain_accuracy.append(accuracy)
            _log(log, f" {batch:5d} | {loss:.5f} | {accuracy:.5f}")
            if not np.isfinite(loss):
                break
        return list(self.history.pretrain_accuracy)

    # --- Step 5 ------------------------------------------------------------------
    def train(self, epochs: int | None = None, log=print, callbacks=None) -> History:
        """Train the GAN for ``epochs`` more epochs (default: ``config.epochs``).

        ``callbacks`` are ``keras.callbacks.Callback`` objects, attached to the
        GAN model. They run after ``RecordQuality`` (sinegan.harness.monitor), so
        each epoch's ``logs`` hold the epoch means of ``METRICS`` and, when
        measured, the quality measures. A callback may stop training by setting
        ``model.stop_training``. A non-finite loss or weight raises
        ``TrainingDiverged`` before any callback sees the bad epoch.
        """
        epochs = self.config.epochs if epochs is None else epochs
        require_int("epochs", epochs, minimum=0)
        callbacks = list(callbacks or [])
        if not all(isinstance(callback, keras.callbacks.Callback) for callback in callbacks):
            raise ValueError(
                f"callbacks expected keras.callbacks.Callback objects. Received: callbacks={callbacks!r}"
            )
        monitor = RecordQuality(
            self, last_epoch=self.epoch + epochs, log=log
        )  # first: the others see its measures
        callback_list = keras.callbacks.CallbackList(
            [monitor, *callbacks], model=self.gan, epochs=epochs, steps=self.config.steps_per_epoch
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
                check_finite_weights(
                    self.epoch + 1, self._models()
                )  # names a weight that is not finite
                if self._discriminator_diverged():
                    raise TrainingDiverged(
                        f"Training diverged at epoch {self.epoch + 1}: the discriminator's "
                        "output is not finite",
                        self.epoch + 1,
                        None,
                    ) from error
                raise
            weights_finite, snapshot = self._finite_and_snapshot()
            if not (weights_finite and np.all(np.isfinite(metrics))):
                check_finite(metrics, self.epoch + 1, self._models())  # names what is not finite
            logs = self._record_epoch(metrics, snapshot, time.perf_counter() - start, log)
            callback_list.on_epoch_end(self.epoch - 1, logs)  # Keras numbers epochs from 0
            if self.gan.stop_training:
                break
        callback_list.on_train_end()
        return self.history

    def draw_epoch_batches(self):
        """The random choices of one epoch, drawn up front so both engines share them.

        Returns ``indices`` (steps, k, 64): the rows n of X_TRAIN for each of the
        k discriminator updates of each step (k = 1 on the slides), and ``latent``
        (steps, k, 64, latent_dim): the generator's inputs, which are the same
        rows of NOISE on the slides, or fresh vectors if ``fresh_latent``.
        """
        config = self.config
        indices = self.rng.integers(
            0,
            config.train_size,
            size=(config.steps_per_epoch, config.discriminator_steps, config.half_batch),
        )  # (steps, k, 64)
        if config.fresh_latent:
            return indices, self.parts.latent_sampler(
                indices.shape, self.rng
            )  # (steps, k, 64, latent_dim)
        return indices, self.dataset.noise[indices]  # (steps, k, 64, 64) NOISE[n]

    def run_epoch(self, indices, latent) -> np.ndarray:
        """One epoch of GAN steps with this trainer's engine; returns (steps, 4) metrics.

        ``train`` calls this with ``draw_epoch_batches()``; it touches no history.
        """
        if self._run_epoch is None:
            self._run_epoch = engines.epoch_runner(self.engine, self.parts, self.config)
        return self._run_epoch(indices, latent)

    # --- Around each epoch ---------------------------------------------------------
    def _models(self) -> dict:
        models = {"generator": self.generator, "discriminator": self.discriminator}
        if self.parts.averaged:
            models["averaged generator"] = self.sampling_generator
        return models

    def _discriminator_diverged(self) -> bool:
        """Whether D's weights, or its scores of a few real curves, are NaN or infinite
        (huge but finite weights can give a NaN score)."""
        scores = ops.convert_to_numpy(
            self.discriminator(self.real_inputs[:8], training=False)
        )  # (8, 1)
        weights = self.discriminator.get_weights()
        return not (
            np.all(np.isfinite(scores)) and all(np.all(np.isfinite(weight)) for weight in weights)
        )

    def _finite_and_snapshot(self):
        """Whether every weight is finite, and G's curves for the fixed latent batch: one compiled call.

        Reading each weight back into NumPy (sinegan.harness.history.check_finite)
        and a ``predict_on_batch`` cost ~20% of an epoch of the fast engine;
        this costs one crossing into compiled code.
        """
        if self._epoch_end is None:
            weights = [weight for model in self._models().values() for weight in model.weights]
            latent = ops.convert_to_tensor(
                self.monitor_latent
            )  # (monitor_curves, generator_inputs)

            def finite_and_snapshot():
                finite = ops.all(ops.stack([ops.all(ops.isfinite(weight)) for weight in weights]))
                return finite, self.sampling_generator(
                    latent, training=False
                )  # (), (monitor_curves, 64)

            read = {
                id(variable): variable
                for variable in [*weights, *self.sampling_generator.variables]
            }
            self._epoch_end = backends.current().compile_function(
                finite_and_snapshot, read.values()
            )
        finite, snapshot = self._epoch_end()
        return bool(finite), snapshot

    def _record_epoch(self, metrics, snapshot, seconds, log) -> dict:
        self.history.epoch_seconds.append(seconds)
        self.history.step_metrics.append(metrics)
        self.history.snapshots.append(snapshot)
        self.epoch += 1
        means = metrics.mean(axis=0)  # (4,)
        d_loss, d_accuracy, g_loss, g_accuracy = means
        _log(
            log,
            f" {self.epoch:5d} | {d_loss:.5f} | {g_loss:.5f} | {d_accuracy:10.5f} | {g_accuracy:10.5f}",
        )
        return dict(zip(METRICS, map(float, means)))


def _log(log, line):
    if log is not None:
        log(line)
