"""Where a generator's randomness comes from, and the smallest GAN: one number in, one number out.

A computer is deterministic, so its "random" numbers are pseudo-random: a formula that,
from a seed, produces a stream of numbers that look uniform on [0, 1). Every other
distribution is made from those uniform numbers. Inverse-transform sampling is the
classic recipe: if F is the cumulative distribution function (CDF) of a distribution on
the real line and u is uniform on [0, 1), then F⁻¹(u) is drawn from that distribution.

A GAN's generator does the same job without knowing F: it learns a map from a latent
number z to a sample x. With one uniform latent number and one output, the map it must
learn is F⁻¹ itself (or F⁻¹(1 - z), which draws the same). ``SineValueGAN`` learns it
for the values of a sine wave read at a random moment, sin(θ) with θ uniform on [0, 2π):
the arcsine distribution on (-1, 1), whose F⁻¹(u) = sin(π (u - 1/2)) is known exactly.
"""

from __future__ import annotations

import keras
import numpy as np
from keras import layers, ops

from .. import backends
from ..seeding import seed_everything
from ..validation import refuse, require_int, require_positive

# A linear congruential generator's constants (the ones of Numerical Recipes): x -> (a x + c) mod m.
LCG_MULTIPLIER, LCG_INCREMENT, LCG_MODULUS = 1664525, 1013904223, 2**32


def lcg_uniform(count: int, seed: int) -> np.ndarray:
    """``count`` pseudo-random numbers in [0, 1) from a linear congruential generator.

    The state starts at ``seed``; each step replaces it by (a·state + c) mod m and
    hands out state / m. The same seed always gives the same stream.
    """
    require_int("count", count, minimum=1)
    require_int("seed", seed, minimum=0)
    state, stream = seed % LCG_MODULUS, np.empty(count)
    for index in range(count):
        state = (LCG_MULTIPLIER * state + LCG_INCREMENT) % LCG_MODULUS
        stream[index] = state / LCG_MODULUS
    return stream


def _uniform_numbers(name, u) -> np.ndarray:
    """``u`` as a float64 array of numbers in [0, 1), or the house ValueError."""
    array = np.asarray(u, dtype=np.float64)
    if array.size == 0 or not np.all((array >= 0.0) & (array < 1.0)):
        refuse(name, "numbers in [0, 1)", u)
    return array


def exponential_inverse_cdf(u, rate: float = 1.0) -> np.ndarray:
    """F⁻¹(u) = -ln(1 - u) / rate: the exponential distribution's inverse CDF.

    The CDF is F(x) = 1 - exp(-rate·x) for x >= 0; solving u = F(x) for x gives this.
    """
    require_positive("rate", rate)
    return -np.log1p(-_uniform_numbers("u", u)) / rate


def exponential_density(x, rate: float = 1.0) -> np.ndarray:
    """The exponential distribution's density, rate·exp(-rate·x) for x >= 0 (0 below)."""
    require_positive("rate", rate)
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0.0, rate * np.exp(-rate * np.maximum(x, 0.0)), 0.0)


def sample_discrete(weights, u) -> np.ndarray:
    """The outcome k in 0 .. K-1 for each uniform number u, outcome k with chance weights[k] / sum.

    The inverse CDF of a discrete distribution: the cumulative sums F(0), F(1), ... split
    [0, 1) into one interval per outcome, [F(k - 1), F(k)), as long as its probability;
    u falls in outcome k's interval when k is the first outcome with u < F(k).
    """
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim != 1 or weights.size == 0 or np.any(weights < 0) or weights.sum() <= 0:
        refuse("weights", "a 1-D array of non-negative numbers with a positive sum", weights)
    cumulative = np.cumsum(weights) / weights.sum()  # F(0), F(1), ..., F(K - 1) = 1
    outcomes = np.searchsorted(cumulative, _uniform_numbers("u", u), side="right")
    return np.minimum(outcomes, weights.size - 1)  # rounding can leave F(K - 1) a hair under 1


def sine_values(count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` values sin(θ) with θ uniform on [0, 2π): a sine wave read at random moments."""
    require_int("count", count, minimum=1)
    return np.sin(rng.uniform(0.0, 2.0 * np.pi, size=count))


def sine_value_inverse_cdf(u) -> np.ndarray:
    """F⁻¹(u) = sin(π (u - 1/2)) for the values of sin(θ): the map a generator can learn."""
    return np.sin(np.pi * (_uniform_numbers("u", u) - 0.5))


def sine_value_density(x) -> np.ndarray:
    """The density of sin(θ): 1 / (π √(1 - x²)) on (-1, 1), 0 outside (the arcsine law)."""
    x = np.asarray(x, dtype=np.float64)
    inside = np.abs(x) < 1.0
    return np.where(inside, 1.0 / (np.pi * np.sqrt(np.where(inside, 1.0 - x**2, 1.0))), 0.0)


def build_value_generator(hidden_units: int) -> keras.Sequential:
    """z -> Dense tanh -> Dense tanh -> Dense 1: one latent number to one value.

    The output is linear, not tanh: a tanh output would have to saturate to reach the
    values near ±1, where sin(θ) spends most of its time, and saturated units stop learning.
    """
    return keras.Sequential(
        [
            keras.Input(shape=(1,)),  # (batch, 1) z, uniform on [0, 1)
            layers.Dense(hidden_units, activation="tanh"),  # (batch, hidden_units)
            layers.Dense(hidden_units, activation="tanh"),  # (batch, hidden_units)
            layers.Dense(1),  # (batch, 1) x = G(z)
        ],
        name="value_generator",
    )


def build_value_discriminator(hidden_units: int) -> keras.Sequential:
    """x -> Dense relu -> Dense relu -> Dense 1 sigmoid: the probability that x is real."""
    return keras.Sequential(
        [
            keras.Input(shape=(1,)),  # (batch, 1) one value
            layers.Dense(hidden_units, activation="relu"),  # (batch, hidden_units)
            layers.Dense(hidden_units, activation="relu"),  # (batch, hidden_units)
            layers.Dense(1, activation="sigmoid"),  # (batch, 1) D(x) = P(real)
        ],
        name="value_discriminator",
    )


class SineValueGAN:
    """A GAN whose G turns one uniform number z into one value, and learns the values of sin(θ).

    Each step updates D on a batch of real values (target 1) and generated ones (target 0),
    then G through D (target 1), each update moving only its own network's weights, as in
    the 1010 GAN (sinegan.lectures.pattern1010). All the steps of one ``train`` call run
    as one compiled loop. D is wider than G: with as few units as G, D reacts too slowly,
    and G's values drift back and forth instead of settling.

    >>> gan = SineValueGAN(seed=0)
    >>> gan.train(3000)
    >>> gan.sample(1000)   # 1000 values, distributed like sin(θ)
    """

    def __init__(
        self,
        seed: int = 0,
        generator_units: int = 16,
        discriminator_units: int = 64,
        batch_size: int = 256,
        learning_rate: float = 0.003,
        halving_steps: int = 1000,
    ):
        require_int("seed", seed, minimum=0)
        for name, value in (
            ("generator_units", generator_units),
            ("discriminator_units", discriminator_units),
            ("batch_size", batch_size),
            ("halving_steps", halving_steps),
        ):
            require_int(name, value, minimum=1)
        require_positive("learning_rate", learning_rate)
        self.batch_size, self.steps_done = batch_size, 0
        self.data_rng, self.rng = seed_everything(seed)
        self.generator = build_value_generator(generator_units)
        self.discriminator = build_value_discriminator(discriminator_units)
        # The rate halves every ``halving_steps`` steps: a GAN's two players keep chasing each
        # other around the equilibrium, and smaller steps let them settle near it.
        rate = keras.optimizers.schedules.ExponentialDecay(learning_rate, halving_steps, 0.5)
        self.generator_optimizer = keras.optimizers.Adam(rate, beta_1=0.5)
        self.discriminator_optimizer = keras.optimizers.Adam(rate, beta_1=0.5)
        # Built here, so that no optimizer variable is created inside the traced loop.
        self.generator_optimizer.build(self.generator.trainable_variables)
        self.discriminator_optimizer.build(self.discriminator.trainable_variables)
        self.binary_crossentropy = keras.losses.BinaryCrossentropy()
        state = [
            *self.generator.variables,
            *self.discriminator.variables,
            *self.generator_optimizer.variables,
            *self.discriminator_optimizer.variables,
        ]
        self._train_steps = backends.current().compile_loop(self._train_step, state)

    def _loss(self, probabilities, targets):  # (batch, 1), (batch, 1) -> (loss,)
        return (self.binary_crossentropy(targets, probabilities),)

    def _train_step(self, real, latent):  # (batch, 1), (batch, 1) -> (2,) D loss, G loss
        generated = ops.stop_gradient(self.generator(latent, training=False))  # (batch, 1)
        values = ops.concatenate([real, generated], axis=0)  # (2 batch, 1)
        targets = ops.concatenate([ops.ones_like(real), ops.zeros_like(generated)], axis=0)
        update = backends.current().update
        (d_loss,) = update(
            self.discriminator,
            lambda: self._loss(self.discriminator(values, training=True), targets),
            self.discriminator_optimizer,
        )
        (g_loss,) = update(
            self.generator,
            lambda: self._loss(
                self.discriminator(self.generator(latent, training=True), training=False),
                ops.ones_like(real),
            ),
            self.generator_optimizer,
        )
        return ops.stack([d_loss, g_loss])

    def train(self, steps: int) -> np.ndarray:
        """Run ``steps`` training steps; every step's losses, shape (steps, 2): D's, then G's."""
        require_int("steps", steps, minimum=1)
        real = sine_values(steps * self.batch_size, self.data_rng)
        latent = self.rng.uniform(size=steps * self.batch_size)
        shape = (steps, self.batch_size, 1)
        losses = self._train_steps(
            real.reshape(shape).astype(np.float32), latent.reshape(shape).astype(np.float32)
        )
        self.steps_done += steps
        return losses

    def generate(self, latent) -> np.ndarray:
        """G(z) for each latent number z in [0, 1): the learned map, one value per z."""
        latent = _uniform_numbers("latent", latent).astype(np.float32).reshape(-1, 1)
        return np.asarray(self.generator.predict_on_batch(latent))[:, 0]

    def sample(self, count: int, seed: int = 0) -> np.ndarray:
        """``count`` values from the generator: G(z) for uniform z; the same seed, the same ones."""
        require_int("count", count, minimum=1)
        return self.generate(np.random.default_rng(seed).uniform(size=count))
