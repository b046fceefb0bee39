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

import numpy as np
import keras

from .config import GANConfig
from .dataset import SineDataset
from .quality import fit_sines
from .sampling import encode_frequency, generate_curves, latent_vectors


def attach_conditions(config: GANConfig, curves, conditions):
    """D's input: ``curves`` (n, 64), followed by their encoded frequencies (n, 1) when conditional.

    Unconditional recipes get ``curves`` back unchanged. Works on NumPy arrays
    and on TensorFlow tensors inside the fast engine's graph.
    """
    if not config.conditional:
        return curves
    return keras.ops.concatenate([curves, conditions], axis=-1)  # (n, 65)


def real_discriminator_inputs(config: GANConfig, dataset: SineDataset) -> np.ndarray:
    """What D reads for each row of X_TRAIN: the curve, and its own frequency when conditional."""
    if not config.conditional:
        return dataset.curves  # (train_size, 64)
    return np.concatenate([dataset.curves, encode_frequency(config, dataset.frequency)], axis=1)  # (train_size, 65)


def build_conditional_gan(generator: keras.Model, discriminator: keras.Model, config: GANConfig) -> keras.Model:
    """[z, b] -> G([z, b]) -> D([G([z, b]), b]): the GAN, passing the condition on to D."""
    inputs = keras.Input(shape=(config.generator_inputs,))  # (batch, latent_dim + 1): z, then b
    curves = generator(inputs)  # (batch, 64)
    condition = inputs[:, config.latent_dim:]  # (batch, 1) the b G was asked for
    scores = discriminator(keras.layers.Concatenate()([curves, condition]))  # (batch, 1)
    return keras.Model(inputs, scores, name="gan")


def frequency_hit_rates(generator, config: GANConfig, x, frequencies, curves_per_frequency=100, seed=0,
                        tolerance=0.1, rmse_threshold=0.1) -> np.ndarray:
    """For each requested b: the share of G's curves that a sine fits (RMSE < rmse_threshold)
    with a fitted frequency within ``tolerance`` of b. Returns (len(frequencies),) floats."""
    frequencies = np.asarray(frequencies, dtype=np.float64)
    asked = np.repeat(frequencies, curves_per_frequency)  # (n * curves_per_frequency,)
    fit = fit_sines(sample_conditional_curves(generator, config, asked, seed), x)
    hits = (fit.rmse < rmse_threshold) & (np.abs(fit.frequency - asked) < tolerance)
    return hits.reshape(len(frequencies), curves_per_frequency).mean(axis=1)


def sample_conditional_curves(generator: keras.Model, config: GANConfig, frequencies, seed: int = 0) -> np.ndarray:
    """One curve per requested frequency from a conditional G; the same seed gives the same curves.

    ``frequencies`` is a 1-D sequence of b values; repeat a value to get several curves of it.
    """
    if not config.conditional:
        raise ValueError("sample_conditional_curves needs a conditional recipe. "
                         f"Received: conditional={config.conditional}")
    frequencies = np.asarray(frequencies, dtype=np.float64)
    if frequencies.ndim != 1 or len(frequencies) == 0 or not np.all(np.isfinite(frequencies)):
        raise ValueError("frequencies expected a non-empty 1-D sequence of finite numbers. "
                         f"Received: frequencies.shape={frequencies.shape}")
    latent = latent_vectors(config, len(frequencies), np.random.default_rng(seed))  # (n, latent_dim)
    inputs = np.concatenate([latent, encode_frequency(config, frequencies)], axis=1)  # (n, latent_dim + 1)
    return generate_curves(generator, inputs)  # (n, train_len)
