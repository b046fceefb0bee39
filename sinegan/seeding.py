"""The one place where randomness is seeded.

``seed_everything(seed)`` seeds Python, NumPy and Keras with its backend (weight
initialisation and dropout masks), and returns independent NumPy generators for
the data and for the training batches, so the same seed gives the same dataset,
the same weights and the same samples.
"""

from __future__ import annotations

import keras
import numpy as np

from .validation import require_int


def seed_everything(seed: int) -> tuple[np.random.Generator, np.random.Generator]:
    """Seed every library; return (data_rng, training_rng), two separate streams."""
    require_int("seed", seed, minimum=0)
    keras.utils.set_random_seed(seed)
    # Two streams, so that changing the number of epochs never changes the data.
    return np.random.default_rng([seed, 0]), np.random.default_rng([seed, 1])
