"""Step 6 of the slides: ask the trained generator for new curves.

Feed G a batch of random latent vectors and read back curves. Once trained,
only this forward pass of G is used (the lecture's "after training" slide).
"""

from __future__ import annotations

import numpy as np
import keras

from .config import GANConfig, _is_int, _require_config, _require_int, _require_rng

# Where "truncated_normal" cuts N(0, 1): G never sees, so never has to draw, the rare
# far-out z whose curves overshoot the data's frequencies and flatten against tanh.
TRUNCATION = 2.0


def sample_latent(config: GANConfig, shape, rng: np.random.Generator) -> np.ndarray:
    """G's inputs: latent vectors z, uniform in [Y_MIN, Y_MAX] like the rows of NOISE (slides), or N(0, 1).

    ``shape`` is the number of vectors, or a tuple of leading dimensions. A
    conditional G also reads the frequency b it must draw: it is drawn
    uniformly from ``frequency_range``, the distribution the data's b come from.
    """
    latent = latent_vectors(config, shape, rng)  # (*shape, latent_dim)
    if not config.conditional:
        return latent
    frequency = rng.uniform(*config.frequency_range, size=latent.shape[:-1])  # (*shape,)
    return np.concatenate([latent, encode_frequency(config, frequency)], axis=-1)  # (*shape, latent_dim + 1)


def latent_vectors(config: GANConfig, shape, rng: np.random.Generator) -> np.ndarray:
    """The latent vectors z alone: (*shape, latent_dim) float32.

    ``"truncated_normal"`` is N(0, 1) with every value beyond ±TRUNCATION drawn again.
    """
    _check_latent_request(config, shape, rng)
    size = ((shape,) if np.isscalar(shape) else tuple(shape)) + (config.latent_dim,)
    if config.latent_distribution in ("normal", "truncated_normal"):
        latent = rng.standard_normal(size)  # (*shape, latent_dim)
        outside = np.abs(latent) > TRUNCATION if config.latent_distribution == "truncated_normal" else None
        while outside is not None and outside.any():  # ~4.6% of values, then ~0.2% ...
            latent[outside] = rng.standard_normal(np.count_nonzero(outside))
            outside = np.abs(latent) > TRUNCATION
        return latent.astype(np.float32)
    return rng.uniform(config.y_min, config.y_max, size=size).astype(np.float32)  # (*shape, latent_dim)


def encode_frequency(config: GANConfig, frequency) -> np.ndarray:
    """A conditional G's extra input: b scaled from frequency_range to [-1, 1], (..., 1) float32.

    [-1, 1] is the range of the other inputs; see sinegan.conditional.
    """
    low, high = config.frequency_range
    scaled = 2.0 * (np.asarray(frequency, dtype=np.float64) - low) / (high - low) - 1.0
    return scaled[..., None].astype(np.float32)  # (..., 1)


def generate_curves(generator: keras.Model, latent) -> np.ndarray:
    """G(z) for each row of ``latent``: one curve per row, float32.

    The slides call ``generator.predict`` here. For a single batch,
    ``predict_on_batch`` gives the same values without building a tf.data
    pipeline on every call (about 0.5 ms instead of 60-85 ms).
    """
    if not isinstance(generator, keras.Model):
        raise ValueError(f"generator expected a keras.Model. Received: generator={generator!r}")
    latent = np.asarray(latent, dtype=np.float32)
    expected = generator.input_shape[-1]
    if latent.ndim != 2 or latent.shape[1] != expected or not np.all(np.isfinite(latent)):
        raise ValueError(f"latent expected a finite array of shape (n, {expected}). "
                         f"Received: latent.shape={latent.shape}")
    return np.asarray(generator.predict_on_batch(latent))  # (n, train_len)


def sample_curves(generator: keras.Model, config: GANConfig, n: int, seed: int = 0) -> np.ndarray:
    """n fresh curves from G; the same seed gives the same curves."""
    _require_config(config)
    _require_int("n", n, minimum=1)
    _require_int("seed", seed, minimum=0)
    latent = sample_latent(config, int(n), np.random.default_rng(seed))  # (n, latent_dim)
    return generate_curves(generator, latent)  # (n, train_len)


def _check_latent_request(config, shape, rng):
    _require_config(config)
    _require_rng(rng)
    leading = (shape,) if np.isscalar(shape) else tuple(shape)
    if not leading or not all(_is_int(size) and size >= 1 for size in leading):
        raise ValueError(f"shape expected a positive integer or a tuple of them. Received: shape={shape!r}")
