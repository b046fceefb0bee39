"""Conditional sines: ask the generator for a frequency.

The lecture on GAN theory ends with conditional generation: generation
controlled by a property. Here the property is the frequency b of the curve
y = a·sin(b·x + c). Following Mirza and Osindero 2014 ("Conditional Generative
Adversarial Nets", arXiv:1411.1784), both networks receive the condition by
concatenation:

- G reads [z, b]: a latent vector and the frequency it is asked for;
- D reads [curve, b]: a curve and the frequency it is said to have.

Real curves come with their own b (``SineDataset.frequency``); generated curves
with the b G was asked for. A generator that ignores b draws curves whose
frequency does not match their label, and D, which only ever sees matching
pairs as real, learns to reject them; so G must obey the condition.

b enters the networks scaled from ``frequency_range`` to [-1, 1], the range of
the other inputs.

With ``discriminator_conditioning="projection"`` D still receives [curve, b], but
reads the curve alone into features phi(x) and adds e(b)·phi(x), an embedding
of b projected on those features, to its logit (Miyato and Koyama 2018, "cGANs
with Projection Discriminator", arXiv:1802.05637). The ``conditional`` preset
keeps concatenation, which reached every frequency on the improved recipe.
"""

from __future__ import annotations

import keras
import numpy as np

from ..measure.sine_fit import fit_sines
from ..slides.config import GANConfig
from ..slides.dataset import SineDataset
from ..slides.sampling import generate_curves
from .latent_prior import encode_frequency, latent_vectors


def conditional_discriminator_inputs(config: GANConfig, dataset: SineDataset):
    """What D reads in steps 3 and 5, for each row n: [X_TRAIN[n], b_n] and [NOISE[n], b_n].

    Each NOISE curve of pre-training is labelled with the b of its real partner,
    the row of X_TRAIN shown beside it. Returns two (train_size, 65) arrays.
    """
    frequency = encode_frequency(config, dataset.frequency)  # (train_size, 1) each curve's own b
    return (
        np.concatenate([dataset.curves, frequency], axis=1),  # (train_size, 65)
        np.concatenate([dataset.noise, frequency], axis=1),
    )


def conditional_drawer(generator: keras.Model) -> keras.Model:
    """[z, b] -> [G([z, b]), b]: what D reads of a fake, the curve G drew and the b G was asked for.

    The slides' loop asks this model for D's fakes, and the GAN is this model
    followed by D, so the loop itself needs no change for conditional sines.
    """
    inputs = keras.Input(shape=generator.input_shape[1:])  # (batch, latent_dim + 1): z, then b
    curves = generator(inputs)  # (batch, 64)
    condition = inputs[:, -1:]  # (batch, 1) the b G was asked for
    return keras.Model(
        inputs, keras.layers.Concatenate()([curves, condition]), name="conditional_generator"
    )


def frequency_hit_rates(
    generator,
    config: GANConfig,
    x,
    frequencies,
    curves_per_frequency=100,
    seed=0,
    tolerance=0.1,
    rmse_threshold=0.1,
) -> np.ndarray:
    """For each requested b: the share of G's curves that a sine fits (RMSE < rmse_threshold)
    with a fitted frequency within ``tolerance`` of b. Returns (len(frequencies),) floats."""
    frequencies = np.asarray(frequencies, dtype=np.float64)
    asked = np.repeat(frequencies, curves_per_frequency)  # (n * curves_per_frequency,)
    fit = fit_sines(sample_conditional_curves(generator, config, asked, seed), x)
    hits = (fit.rmse < rmse_threshold) & (np.abs(fit.frequency - asked) < tolerance)
    return hits.reshape(len(frequencies), curves_per_frequency).mean(axis=1)


def sample_conditional_curves(
    generator: keras.Model, config: GANConfig, frequencies, seed: int = 0
) -> np.ndarray:
    """One curve per requested frequency from a conditional G; the same seed gives the same curves.

    ``frequencies`` is a 1-D sequence of b values; repeat a value to get several curves of it.
    """
    if not config.conditional:
        raise ValueError(
            "sample_conditional_curves needs a conditional recipe. "
            f"Received: conditional={config.conditional}"
        )
    frequencies = np.asarray(frequencies, dtype=np.float64)
    if frequencies.ndim != 1 or len(frequencies) == 0 or not np.all(np.isfinite(frequencies)):
        raise ValueError(
            "frequencies expected a non-empty 1-D sequence of finite numbers. "
            f"Received: frequencies.shape={frequencies.shape}"
        )
    # (n, latent_dim)
    latent = latent_vectors(config, (len(frequencies),), np.random.default_rng(seed))
    # (n, latent_dim + 1)
    inputs = np.concatenate([latent, encode_frequency(config, frequencies)], axis=1)
    return generate_curves(generator, inputs)  # (n, train_len)
