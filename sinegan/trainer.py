"""Steps 3 and 5 of the slides: pre-train the discriminator, then train the GAN.

Step 3 teaches D to tell sinusoids (label 1) from NOISE curves (label 0).
Step 5 repeats, for every batch, the two moves of Goodfellow et al.'s
Algorithm 1 (arXiv:1406.2661), with one discriminator step per generator step:

1. D step: show D 64 real curves (label 1) and 64 curves from G (label 0), and
   update D only, with ``discriminator.trainable = True``;
2. G step: show the GAN the same 64 latent vectors with label 1 ("real"), and
   update G only, with ``discriminator.trainable = False``.

Keras 3 reads ``trainable`` when it *traces* a train function, not when the
model is compiled (TensorFlow backend). The slides' habit of setting the flag
right before every update is therefore what makes the alternation correct; the
tests compare weights before and after every update to prove it.

Two engines run this same algorithm on the same batches:

- ``"literal"``: the slides' loop as written: ``generator.predict``, then two
  ``train_on_batch`` calls per step. Each call crosses from Python into a
  TensorFlow graph, and ``predict`` builds a tf.data pipeline every time, so a
  step costs tens of milliseconds. Use it to show what the slides do.
- ``"fast"`` (default): the same step, traced once into a TensorFlow graph that
  runs a whole epoch of steps per call (``sinegan.steps``), so Python is crossed
  64 times per training run instead of about 12,000 times.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import keras
import tensorflow as tf

from .conditional import attach_conditions, real_discriminator_inputs
from .config import ENGINES, SLIDES, GANConfig, _require_int
from .dataset import make_dataset
from .discriminator import build_discriminator
from .generator import build_gan, build_generator
from .monitor import QualityMonitor, describe
from .sampling import generate_curves, sample_latent
from .seeding import seed_everything
from .steps import compile_fast_epoch, update_average

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
    snapshots: list = field(default_factory=list)  # G(fixed z): [0] before training, [e] after epoch e
    epoch_seconds: list = field(default_factory=list)
    quality: list = field(default_factory=list)  # every monitor_every epochs: {"epoch": e, measures...}

    def epoch_means(self) -> dict:
        """Each metric averaged over the steps of each epoch: name -> (epochs,) array."""
        if not self.step_metrics:
            return {name: np.zeros(0) for name in METRICS}
        means = np.stack([metrics.mean(axis=0) for metrics in self.step_metrics])  # (epochs, 4)
        return {name: means[:, column] for column, name in enumerate(METRICS)}


class Trainer:
    """Owns the data, the three models and the history of one training run.

    >>> trainer = Trainer(GANConfig(epochs=2))
    >>> trainer.pretrain_discriminator()   # step 3
    >>> trainer.train()                    # step 5
    """

    def __init__(self, config: GANConfig = SLIDES, engine: str = "fast"):
        if not isinstance(config, GANConfig):
            raise ValueError(f"config expected a GANConfig. Received: config={config!r}")
        if engine not in ENGINES:
            raise ValueError(f"engine expected one of {ENGINES}. Received: engine={engine!r}")
        if engine == "literal" and config.loss != "gan":
            raise ValueError("engine='literal' runs train_on_batch, which cannot add WGAN-GP's gradient "
                             f"penalty; use engine='fast'. Received: loss={config.loss!r}")
        if engine == "literal" and config.r1_penalty_weight:
            raise ValueError("engine='literal' runs train_on_batch, which cannot add the R1 gradient "
                             f"penalty; use engine='fast'. Received: r1_penalty_weight={config.r1_penalty_weight}")
        if engine == "literal" and config.real_label != 1.0:
            # train_on_batch's accuracy would compare predictions with 0.9 and read 0.
            raise ValueError("engine='literal' runs the slides' train_on_batch loop, which needs hard "
                             f"labels. Received: real_label={config.real_label}")
        self.config, self.engine = config, engine
        data_rng, self.rng = seed_everything(config.seed)
        self.dataset = make_dataset(config, data_rng)  # step 1: X_TRAIN and NOISE
        self.discriminator = build_discriminator(config)  # step 2
        self.generator = build_generator(config)  # step 4
        self.gan = build_gan(self.generator, self.discriminator, config)
        # A fixed latent batch, shown after every epoch: "curves improving as accuracy improves".
        self.monitor_latent = sample_latent(config, config.monitor_curves, data_rng)
        self.monitor = QualityMonitor(config, self.dataset, data_rng)
        # G with averaged weights (generator_average_decay), or G itself when that is off.
        self.sampling_generator = self.generator
        if config.generator_average_decay:
            self.sampling_generator = keras.models.clone_model(self.generator)
            self.sampling_generator.set_weights(self.generator.get_weights())
        self.history = History(snapshots=[generate_curves(self.sampling_generator, self.monitor_latent)])
        self.epoch = 0
        self._fast_epoch = None  # traced on first use

    @cached_property
    def real_inputs(self) -> np.ndarray:
        """What D reads for each row of X_TRAIN: the curve (and its frequency b if conditional)."""
        return real_discriminator_inputs(self.config, self.dataset)  # (train_size, 64)

    # --- Step 3 ------------------------------------------------------------------
    def pretrain_discriminator(self, log=print) -> list:
        """Pre-train D on sinusoids (1) against NOISE curves (0); returns the accuracies.

        Each batch is 64 random rows of X_TRAIN followed by the *same* 64 rows of
        NOISE, as on the slides.
        """
        half = self.config.half_batch
        labels = np.concatenate([np.ones(half), np.zeros(half)]).astype(np.float32)  # (128,)
        _log(log, " batch | D loss  | D accuracy")
        for batch in range(self.config.pretrain_batches):
            rows = self.rng.integers(0, self.config.train_size, size=half)  # n on the slides
            real = self.real_inputs[rows]  # (64, 64) X_TRAIN[n]
            # A conditional D sees each NOISE curve labelled with its real partner's b.
            noise = attach_conditions(self.config, self.dataset.noise[rows], real[:, self.config.train_len:])
            x = np.concatenate([real, noise])  # (128, 64)
            # build_gan froze D. It must be trainable when its train function is
            # traced (the first call), or D would never learn, on this step or later.
            self.discriminator.trainable = True
            loss, accuracy = self.discriminator.train_on_batch(x, labels)
            self.history.pretrain_loss.append(float(loss))
            self.history.pretrain_accuracy.append(float(accuracy))
            _log(log, f" {batch + 1:5d} | {loss:.5f} | {accuracy:.5f}")
        return list(self.history.pretrain_accuracy)

    # --- Step 5 ------------------------------------------------------------------
    def train(self, epochs: int | None = None, log=print, callbacks=None) -> History:
        """Train the GAN for ``epochs`` more epochs (default: ``config.epochs``).

        ``callbacks`` are ``keras.callbacks.Callback`` objects, attached to the
        GAN model: each epoch's ``logs`` hold the epoch means of ``METRICS`` and,
        when measured, the quality measures. A callback may stop training by
        setting ``model.stop_training``. A non-finite loss or weight raises
        ``TrainingDiverged`` before any callback sees the bad epoch.
        """
        epochs = self.config.epochs if epochs is None else epochs
        _require_int("epochs", epochs, minimum=0)
        if not all(isinstance(callback, keras.callbacks.Callback) for callback in callbacks or []):
            raise ValueError("callbacks expected keras.callbacks.Callback objects. "
                             f"Received: callbacks={list(callbacks)!r}")
        callback_list = keras.callbacks.CallbackList(list(callbacks or []), model=self.gan, epochs=epochs,
                                                     steps=self.config.steps_per_epoch)
        self.gan.stop_training = False
        callback_list.on_train_begin()
        # The slides print the last step's accuracies; we print the epoch's mean,
        # because a single batch of 128 is too noisy to read.
        _log(log, " epoch | D loss  | G loss  | D accuracy | G accuracy")
        last_epoch = self.epoch + epochs
        for _ in range(epochs):
            callback_list.on_epoch_begin(self.epoch)
            indices, latent = self.draw_epoch_batches()
            start = time.perf_counter()
            metrics = self.run_epoch(indices, latent)  # (steps, 4)
            self._check_finite(metrics)
            self.history.epoch_seconds.append(time.perf_counter() - start)
            self.history.step_metrics.append(metrics)
            self.history.snapshots.append(generate_curves(self.sampling_generator, self.monitor_latent))
            self.epoch += 1
            d_loss, d_accuracy, g_loss, g_accuracy = metrics.mean(axis=0)
            _log(log, f" {self.epoch:5d} | {d_loss:.5f} | {g_loss:.5f} | {d_accuracy:10.5f} | {g_accuracy:10.5f}")
            logs = dict(zip(METRICS, map(float, metrics.mean(axis=0))))
            every = self.config.monitor_every
            if self.epoch == last_epoch or (every and self.epoch % every == 0):
                measures = self.monitor.measure(self.sampling_generator)
                self.history.quality.append({"epoch": self.epoch, **measures})
                _log(log, describe(self.epoch, measures))
                logs.update(measures)
            # Keras numbers epochs from 0: the epoch just finished is self.epoch - 1.
            callback_list.on_epoch_end(self.epoch - 1, logs)
            if self.gan.stop_training:
                break
        callback_list.on_train_end()
        return self.history

    def _check_finite(self, metrics):
        """Raise TrainingDiverged if a step's loss or any weight is NaN or infinite.

        Called before the epoch enters the history, so a checkpoint written by a
        callback always holds the last good epoch.
        """
        bad_rows = np.flatnonzero(~np.all(np.isfinite(metrics), axis=1))
        if bad_rows.size:
            step = int(bad_rows[0])
            names = [name for name, value in zip(METRICS, metrics[step]) if not np.isfinite(value)]
            raise TrainingDiverged(f"Training diverged at epoch {self.epoch + 1}, step {step + 1} of "
                                   f"{len(metrics)}: {', '.join(names)} not finite", self.epoch + 1, step + 1)
        models = {"generator": self.generator, "discriminator": self.discriminator,
                  "averaged generator": self.sampling_generator}
        for model_name, model in models.items():
            for weight in model.weights:
                if not np.all(np.isfinite(np.asarray(weight))):
                    raise TrainingDiverged(f"Training diverged at epoch {self.epoch + 1}: the {model_name}'s "
                                           f"weight {weight.path} is not finite", self.epoch + 1, None)

    def draw_epoch_batches(self):
        """The random choices of one epoch, drawn up front so both engines share them.

        Returns ``indices`` (steps, k, 64): the rows n of X_TRAIN for each of the
        k discriminator updates of each step (k = 1 on the slides), and ``latent``
        (steps, k, 64, latent_dim): the generator's inputs, which are the same
        rows of NOISE on the slides, or fresh vectors if ``fresh_latent``. The
        generator update reuses the latent vectors of the step's last D update,
        as the slides do.
        """
        config = self.config
        indices = self.rng.integers(0, config.train_size, size=(
            config.steps_per_epoch, config.discriminator_steps, config.half_batch))  # (steps, k, 64)
        if config.fresh_latent:
            latent = sample_latent(config, indices.shape, self.rng)  # (steps, k, 64, latent_dim)
        else:
            latent = self.dataset.noise[indices]  # (steps, k, 64, 64) NOISE[n]
        return indices, latent

    def run_epoch(self, indices, latent) -> np.ndarray:
        """Run one epoch of GAN steps with this trainer's engine; returns (steps, 4) metrics.

        ``train`` calls this with ``draw_epoch_batches()``; it touches no history.
        """
        if self.engine == "literal":
            return self._run_literal_epoch(indices, latent)
        return self._run_fast_epoch(indices, latent)

    def _run_literal_epoch(self, indices, latent) -> np.ndarray:
        """The slides' inner loop, line by line."""
        metrics = []
        for step_rows, step_latent in zip(indices, latent):  # (k, 64), (k, 64, latent_dim)
            d_metrics = []
            for rows, noise in zip(step_rows, step_latent):  # k = 1 on the slides
                ones = np.ones(len(rows), dtype=np.float32)  # (64,) "real"
                labels = np.concatenate([ones, np.zeros_like(ones)])  # (128,) real then generated
                # Slide bug, kept on purpose in this engine: Keras 3's predict builds
                # a tf.data pipeline on every call (~70 ms), most of a step's time.
                generated = self.generator.predict(noise, verbose=0)  # (64, 64)
                generated = attach_conditions(self.config, generated, noise[:, self.config.latent_dim:])
                x = np.concatenate([self.real_inputs[rows], generated])  # (128, 64)
                self.discriminator.trainable = True
                d_metrics.append(self.discriminator.train_on_batch(x, labels))
            self.discriminator.trainable = False
            g_loss, g_accuracy = self.gan.train_on_batch(noise, ones)
            if self.sampling_generator is not self.generator:
                update_average(self.sampling_generator.weights, self.generator.weights,
                                self.config.generator_average_decay)
            metrics.append((*np.mean(d_metrics, axis=0), g_loss, g_accuracy))
        return np.asarray(metrics, dtype=np.float32)  # (steps, 4)

    def _run_fast_epoch(self, indices, latent) -> np.ndarray:
        if self._fast_epoch is None:
            self._fast_epoch = compile_fast_epoch(self.generator, self.discriminator, self.gan,
                                                  self.real_inputs, self.config, self.sampling_generator)
        return self._fast_epoch(tf.constant(indices, tf.int32), tf.constant(latent, tf.float32)).numpy()


def _log(log, line):
    if log is not None:
        log(line)
