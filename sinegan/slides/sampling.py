"""Step 6 of the slides: ask the trained generator for new curves.

Feed G a batch of random latent vectors and read back curves. Once trained,
only this forward pass of G is used (the lecture's "after training" slide).
"""

from __future__ import annotations

import keras
import numpy as np

from ..config_fields import require_slides_values
from ..validation import is_int, require_instance, require_int, require_rng
from .config import GANConfig, require_config


def sample_curves(
    generator: keras.Model, config: GANConfig, n: int, seed: int = 0, latent_sampler=None
) -> np.ndarray:
    """n fresh curves from G; the same seed gives the same curves.

    ``latent_sampler(config, n, rng)`` draws G's inputs: the slides' uniform z
    (``sample_latent`` below) unless a recipe beyond the slides plugs in another
    (sinegan.recipe.curves_for does).
    """
    require_config(config)
    if latent_sampler is None:
        require_slides_values(config, "sample_curves")
    require_int("n", n, minimum=1)
    require_int("seed", seed, minimum=0)
    # (n, latent_dim)
    latent = (latent_sampler or sample_latent)(config, int(n), np.random.default_rng(seed))
    return generate_curves(generator, latent)  # (n, train_len)


def generate_curves(generator: keras.Model, latent) -> np.ndarray:
    """G(z) for each row of ``latent``: one curve per row, float32.

    The slides call ``generator.predict`` here. For a single batch,
    ``predict_on_batch`` gives the same values without building a tf.data
    pipeline on every call (about 0.5 ms instead of 60-85 ms).
    """
    require_instance("generator", generator, keras.Model, "a keras.Model")
    latent = np.asarray(latent, dtype=np.float32)
    expected = generator.input_shape[-1]
    if latent.ndim != 2 or latent.shape[1] != expected or not np.all(np.isfinite(latent)):
        raise ValueError(
            f"latent expected a finite array of shape (n, {expected}). "
            f"Received: latent.shape={latent.shape}"
        )
    return np.asarray(generator.predict_on_batch(latent))  # (n, train_len)


def sample_latent(config: GANConfig, shape, rng: np.random.Generator) -> np.ndarray:
    """G's inputs z: uniform in [Y_MIN, Y_MAX], like the rows of NOISE (the slides).

    ``shape`` is the number of vectors, or a tuple of leading dimensions: the
    result is (*shape, latent_dim) float32. Recipes beyond the slides draw z from
    another distribution, or add the frequency b a conditional G must draw
    (sinegan.recipe.latent_for draws for any config).
    """
    require_config(config)
    require_slides_values(config, "sample_latent")
    size = (*latent_shape(config, shape, rng), config.latent_dim)
    return rng.uniform(config.y_min, config.y_max, size=size).astype(np.float32)


def latent_shape(config: GANConfig, shape, rng: np.random.Generator) -> tuple:
    """The leading dimensions of a request for latent vectors, checked, as a tuple."""
    require_config(config)
    require_rng(rng)
    leading = (shape,) if np.isscalar(shape) else tuple(shape)
    if not leading or not all(is_int(size) and size >= 1 for size in leading):
        raise ValueError(
            f"shape expected a positive integer or a tuple of them. Received: shape={shape!r}"
        )
    return leading
