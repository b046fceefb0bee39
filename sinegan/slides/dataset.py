"""Step 1 of the slides: the dataset of sinusoids, and the random curves.

Each training curve is y = a·sin(b·x + c), with a the amplitude, b the frequency
and c the phase, sampled on the grid ``X_COORDS`` (64 points from -5 to 5). The
slides stack 8192 of them into the matrix ``X_TRAIN``. The same step also draws
``NOISE``, a matrix of uniform random values in [-1, 1] of the same shape: the
discriminator is pre-trained to tell sinusoids from these (step 3), and the
slides feed its rows to the generator as latent vectors (step 5).

Reference: Goodfellow et al. 2014, "Generative Adversarial Networks",
arXiv:1406.2661 (the data distribution p_data is this set of curves).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config_fields import require_slides_values
from ..validation import fail, require_int, require_rng
from .config import GANConfig, require_config


@dataclass(frozen=True)
class SineDataset:
    x: np.ndarray  # (train_len,) X_COORDS
    curves: np.ndarray  # (train_size, train_len) X_TRAIN, float32
    amplitude: np.ndarray  # (train_size,) a of each curve
    frequency: np.ndarray  # (train_size,) b of each curve
    phase: np.ndarray  # (train_size,) c of each curve
    noise: np.ndarray  # (train_size, train_len) NOISE, float32


def x_coords(config: GANConfig) -> np.ndarray:
    """X_COORDS: the points every curve is sampled at."""
    require_config(config)
    return np.linspace(config.x_min, config.x_max, config.train_len)  # (train_len,)


def sinusoids(x, amplitude, frequency, phase) -> np.ndarray:
    """a·sin(b·x + c) for each (a, b, c), sampled at ``x``: one curve per row."""
    values = {"x": x, "amplitude": amplitude, "frequency": frequency, "phase": phase}
    for name, value in values.items():
        array = np.asarray(value)
        numbers = array.ndim == 1 and np.issubdtype(array.dtype, np.number)
        if not (numbers and np.all(np.isfinite(array))):
            fail(name, "a finite 1-D array of numbers", value)
    if not len(amplitude) == len(frequency) == len(phase):
        raise ValueError(
            "amplitude, frequency and phase expected the same length. Received: lengths="
            f"{len(amplitude)}, {len(frequency)}, {len(phase)}"
        )
    # (n, 1) each
    amplitude, frequency, phase = (
        np.asarray(v, dtype=np.float64)[:, None] for v in (amplitude, frequency, phase)
    )
    # (n, len(x))
    return amplitude * np.sin(frequency * np.asarray(x, dtype=np.float64)[None, :] + phase)


def random_parameters(config: GANConfig, n: int, rng: np.random.Generator):
    """Draw n (amplitude, frequency, phase) triples from the config's ranges."""
    require_config(config)
    require_int("n", n, minimum=1)
    require_rng(rng)
    amplitude = rng.uniform(*config.amplitude_range, size=n)  # (n,)
    frequency = rng.uniform(*config.frequency_range, size=n)  # (n,)
    phase = rng.uniform(*config.phase_range, size=n)  # (n,) [1, pi] on the slides
    return amplitude, frequency, phase


def make_dataset(config: GANConfig, rng: np.random.Generator, parameters=None) -> SineDataset:
    """X_TRAIN and NOISE, drawn from ``rng`` (the same seed gives the same data).

    The slides fill X_TRAIN one row at a time with a Python loop over
    ``np.sin(scale * x + phase) for x in X_COORDS``; here one vectorised call
    computes the same values. ``parameters(config, n, rng)`` draws each curve's
    (a, b, c): ``random_parameters`` unless a recipe plugs in another (sinegan.recipe.dataset_for).
    """
    require_config(config)
    if parameters is None:
        require_slides_values(config, "make_dataset")
    require_rng(rng)
    x = x_coords(config)
    amplitude, frequency, phase = (parameters or random_parameters)(config, config.train_size, rng)
    curves = sinusoids(x, amplitude, frequency, phase).astype(np.float32)  # (train_size, train_len)
    noise = make_noise_curves(config, config.train_size, rng)  # (train_size, train_len)
    return SineDataset(
        x=x, curves=curves, amplitude=amplitude, frequency=frequency, phase=phase, noise=noise
    )


def make_noise_curves(config: GANConfig, n: int, rng: np.random.Generator) -> np.ndarray:
    """n curves of independent uniform values in [Y_MIN, Y_MAX]: the slides' NOISE."""
    require_config(config)
    require_int("n", n, minimum=1)
    require_rng(rng)
    # (n, train_len)
    return rng.uniform(config.y_min, config.y_max, size=(n, config.train_len)).astype(np.float32)
