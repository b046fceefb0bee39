"""The 1010 GAN's real data source, and the names of its three training steps.

Real data are always the pattern 1, 0, 1, 0 with a little noise: the first and
third values come from U(0.8, 1.0), the second and fourth from U(0.0, 0.2).
This module imports NumPy only, so the figures can use it without TensorFlow.
"""

from __future__ import annotations

import numpy as np

from ..validation import require_int

PATTERN = np.array([1.0, 0.0, 1.0, 0.0], dtype=np.float32)  # the lecture's "1010"
HIGH_RANGE, LOW_RANGE = (0.8, 1.0), (0.0, 0.2)  # noise around the ones and the zeros
LOSS_NAMES = ("discriminator on real", "discriminator on generated", "generator")


def real_patterns(count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` noisy 1010 patterns, shape (count, 4): the lecture's real data source."""
    require_int("count", count, minimum=1)
    high = rng.uniform(*HIGH_RANGE, size=(count, 2))  # (count, 2) values 1 and 3
    low = rng.uniform(*LOW_RANGE, size=(count, 2))  # (count, 2) values 2 and 4
    # (count, 4)
    return np.stack([high[:, 0], low[:, 0], high[:, 1], low[:, 1]], axis=1).astype(np.float32)
