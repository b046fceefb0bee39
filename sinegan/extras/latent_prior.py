"""Latent vectors beyond the slides' uniform ones: N(0, 1), N(0, 1) cut at ±2, and a requested b.

The slides feed G rows of NOISE, uniform in [-1, 1]. DCGAN practice draws z
from N(0, 1) (``latent_distribution="normal"``). ``"truncated_normal"`` cuts
N(0, 1) at ±TRUNCATION: G never sees, so never has to draw, the rare far-out z
whose curves overshoot the data's frequencies and flatten against tanh.

A conditional G (sinegan.extras.conditional) also reads, encoded by ``encode_frequency``,
the frequency b it
must draw; here b is drawn uniformly from ``frequency_range``, the distribution
the data's b come from.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import truncnorm

from ..slides.config import GANConfig
from ..slides.sampling import sample_latent

TRUNCATION = 2.0  # where "truncated_normal" cuts N(0, 1)


def sample_prior(config: GANConfig, leading: tuple, rng: np.random.Generator) -> np.ndarray:
    """(*leading, generator_inputs) float32: z from the config's distribution, then b if
    conditional."""
    latent = latent_vectors(config, leading, rng)  # (*leading, latent_dim)
    if not config.conditional:
        return latent
    frequency = rng.uniform(*config.frequency_range, size=leading)  # (*leading,)
    # (*leading, latent_dim + 1)
    return np.concatenate([latent, encode_frequency(config, frequency)], axis=-1)


def latent_vectors(config: GANConfig, leading: tuple, rng: np.random.Generator) -> np.ndarray:
    """The latent vectors z alone: (*leading, latent_dim) float32."""
    size = (*leading, config.latent_dim)
    if config.latent_distribution == "truncated_normal":
        return truncnorm.rvs(-TRUNCATION, TRUNCATION, size=size, random_state=rng).astype(
            np.float32
        )
    if config.latent_distribution == "normal":
        return rng.standard_normal(size).astype(np.float32)
    return sample_latent(config.slides_only(), leading, rng)  # the slides' uniform z


def encode_frequency(config: GANConfig, frequency) -> np.ndarray:
    """b scaled from frequency_range to [-1, 1], the range of the other inputs: (..., 1) float32."""
    low, high = config.frequency_range
    scaled = 2.0 * (np.asarray(frequency, dtype=np.float64) - low) / (high - low) - 1.0
    return scaled[..., None].astype(np.float32)  # (..., 1)
