"""The lectures' first GAN: a generator that learns the pattern 1, 0, 1, 0.

The lecture builds it in PyTorch; this is the same idea in Keras. The real data
source always gives the pattern 1, 0, 1, 0 with a little noise: the first and
third values are drawn from U(0.8, 1.0), the second and fourth from U(0.0, 0.2).
The generator turns a random latent vector into 4 values; the discriminator
reads 4 values and says how likely they are to be real. Training repeats the
lecture's three steps:

1. show D real patterns with target 1.0, and update D only;
2. show D generated patterns with target 0.0, and update D only: G must not be
   rewarded for being caught;
3. show D generated patterns with target 1.0, and update G only: G learns to
   fool D, and D is not taught to be wrong.

Each step names the network it updates and that network's optimizer, rather
than toggling ``trainable`` around ``train_on_batch``. With three different
updates of two networks, naming them makes "update D only" and "update G only"
visible on the line that does it (sinegan.backends differentiates with
respect to that network's trainable variables only, on any Keras backend). All
steps between two reports run as one compiled loop (sinegan.backends), so
Python is crossed once per report, not three times per step.

Reference: Goodfellow et al. 2014, arXiv:1406.2661, Algorithm 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import keras
import numpy as np
from keras import layers, ops

from .. import backends
from ..seeding import seed_everything
from ..validation import require_int, require_positive
from .pattern_source import real_patterns


def build_pattern_generator(latent_dim: int, hidden_units: int) -> keras.Sequential:
    """z -> Dense relu -> Dense 4 sigmoid: four values in (0, 1), like the pattern."""
    return keras.Sequential(
        [
            keras.Input(shape=(latent_dim,)),  # (batch, latent_dim)
            layers.Dense(hidden_units, activation="relu"),  # (batch, hidden_units)
            layers.Dense(4, activation="sigmoid"),  # (batch, 4) one pattern
        ],
        name="pattern_generator",
    )


def build_pattern_discriminator(hidden_units: int) -> keras.Sequential:
    """4 values -> Dense relu -> Dense 1 sigmoid: the probability that they are real."""
    return keras.Sequential(
        [
            keras.Input(shape=(4,)),  # (batch, 4)
            layers.Dense(hidden_units, activation="relu"),  # (batch, hidden_units)
            layers.Dense(1, activation="sigmoid"),  # (batch, 1) D(x) = P(real)
        ],
        name="pattern_discriminator",
    )


@dataclass
class PatternHistory:
    """What training produced: every step's losses and the mean generated pattern at each report."""

    # per report: (steps, 3) array, columns pattern_source.LOSS_NAMES
    losses: list = field(default_factory=list)
    steps: list = field(default_factory=list)  # training steps done at each snapshot
    snapshots: list = field(default_factory=list)  # per report: mean generated pattern, (4,)

    def loss_table(self) -> np.ndarray:
        """Every step's three losses, shape (steps, 3)."""
        return np.concatenate(self.losses) if self.losses else np.zeros((0, 3), np.float32)


class PatternGAN:
    """The 1010 GAN: two small networks, their optimizers, and the three steps.

    >>> gan = PatternGAN(seed=0)
    >>> gan.train(2000)
    >>> gan.sample(1000).mean(axis=0)   # close to (0.9, 0.1, 0.9, 0.1)
    """

    def __init__(
        self,
        seed: int = 0,
        latent_dim: int = 4,
        hidden_units: int = 32,
        batch_size: int = 64,
        learning_rate: float = 0.001,
    ):
        require_int("seed", seed, minimum=0)
        for name, value in (
            ("latent_dim", latent_dim),
            ("hidden_units", hidden_units),
            ("batch_size", batch_size),
        ):
            require_int(name, value, minimum=1)
        require_positive("learning_rate", learning_rate)
        self.seed, self.latent_dim, self.batch_size = seed, latent_dim, batch_size
        self.data_rng, self.rng = seed_everything(seed)
        self.generator = build_pattern_generator(latent_dim, hidden_units)
        self.discriminator = build_pattern_discriminator(hidden_units)
        # beta_1 = 0.5, the DCGAN advice (Radford et al. 2015): 0.9 oscillates more.
        self.discriminator_optimizer = keras.optimizers.Adam(learning_rate, beta_1=0.5)
        self.generator_optimizer = keras.optimizers.Adam(learning_rate, beta_1=0.5)
        # Built here, so that no optimizer variable is created inside the traced loop.
        self.discriminator_optimizer.build(self.discriminator.trainable_variables)
        self.generator_optimizer.build(self.generator.trainable_variables)
        self.binary_crossentropy = keras.losses.BinaryCrossentropy()
        # fixed z
        self.monitor_latent = self.rng.standard_normal((256, latent_dim)).astype(np.float32)
        self.history = PatternHistory()
        self._record_snapshot(0)
        # Everything a step reads or writes: both networks and both optimizers.
        state = [
            *self.generator.variables,
            *self.discriminator.variables,
            *self.discriminator_optimizer.variables,
            *self.generator_optimizer.variables,
        ]
        self._train_steps = backends.current().compile_loop(self._train_step, state)

    # --- The lecture's three steps ------------------------------------------------
    def _update(self, model, optimizer, inputs, target, probability_of):
        """One gradient step on ``model``'s variables only: BCE of D's output against ``target``."""

        def objective():
            probabilities = probability_of(inputs)[:, 0]  # (batch,)
            return (
                self.binary_crossentropy(ops.full(ops.shape(probabilities), target), probabilities),
            )

        # Only ``model``'s trainable variables are differentiated and moved.
        return backends.current().update(model, objective, optimizer)[0]

    def discriminator_step_real(self, real):  # (batch, 4)
        """Step 1: real patterns, target 1.0, update D only."""
        return self._update(
            self.discriminator,
            self.discriminator_optimizer,
            real,
            1.0,
            lambda x: self.discriminator(x, training=True),
        )

    def discriminator_step_generated(self, latent):  # (batch, latent_dim)
        """Step 2: generated patterns, target 0.0, update D only (G is not rewarded for being
        caught)."""
        # (batch, 4); PyTorch's detach()
        generated = ops.stop_gradient(self.generator(latent, training=False))
        return self._update(
            self.discriminator,
            self.discriminator_optimizer,
            generated,
            0.0,
            lambda x: self.discriminator(x, training=True),
        )

    def generator_step(self, latent):  # (batch, latent_dim)
        """Step 3: generated patterns, target 1.0, update G only (D is not taught to be wrong)."""
        return self._update(
            self.generator,
            self.generator_optimizer,
            latent,
            1.0,
            lambda z: self.discriminator(self.generator(z, training=True), training=False),
        )

    def _train_step(self, real, latent):  # (batch, 4), (batch, latent_dim) -> (3,) the three losses
        return ops.stack(
            [
                self.discriminator_step_real(real),
                self.discriminator_step_generated(latent),
                self.generator_step(latent),
            ]
        )

    # --- Training and sampling --------------------------------------------------------
    def train(self, steps: int, reports: int = 10, log=print) -> PatternHistory:
        """Run ``steps`` rounds of the three steps, reporting ``reports`` times."""
        for name, value in (("steps", steps), ("reports", reports)):
            require_int(name, value, minimum=1)
        done = self.history.steps[-1]
        if log is not None:
            log("   step | D loss real | D loss generated | G loss | mean generated pattern")
        for chunk in np.array_split(np.arange(steps), min(reports, steps)):
            # Departure from the lecture: a batch of patterns per step, not one, so
            # each step's gradient is less noisy; drawn up front from one seeded stream.
            # (chunk, batch, 4)
            real = np.stack([real_patterns(self.batch_size, self.rng) for _ in chunk])
            # (chunk, batch, z)
            latent = self.rng.standard_normal((len(chunk), self.batch_size, self.latent_dim))
            # (chunk, 3)
            losses = self._train_steps(real.astype(np.float32), latent.astype(np.float32))
            self.history.losses.append(losses)
            done += len(chunk)
            mean = self._record_snapshot(done)
            if log is not None:
                real_loss, generated_loss, generator_loss = losses.mean(axis=0)
                log(
                    f" {done:6d} | {real_loss:11.4f} | {generated_loss:16.4f} | "
                    f"{generator_loss:6.4f} | " + " ".join(f"{value:.3f}" for value in mean)
                )
        return self.history

    def sample(self, count: int, seed: int = 0) -> np.ndarray:
        """``count`` patterns from the generator, shape (count, 4); the same seed, the same ones."""
        require_int("count", count, minimum=1)
        latent = (
            np.random.default_rng(seed).standard_normal((count, self.latent_dim)).astype(np.float32)
        )
        return np.asarray(self.generator.predict_on_batch(latent))  # (count, 4)

    def _record_snapshot(self, steps_done):
        mean = np.asarray(self.generator.predict_on_batch(self.monitor_latent)).mean(axis=0)  # (4,)
        self.history.steps.append(steps_done)
        self.history.snapshots.append(mean)
        return mean
