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
"""

from __future__ import annotations

import numpy as np
import keras

from .config import GANConfig
from .dataset import SineDataset


def encode_frequency(config: GANConfig, frequency) -> np.ndarray:
    """b scaled from frequency_range to [-1, 1], as one input column: (..., 1) float32."""
    low, high = config.frequency_range
    scaled = 2.0 * (np.asarray(frequency, dtype=np.float64) - low) / (high - low) - 1.0
    return scaled[..., None].astype(np.float32)  # (..., 1)


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


def frequency_hits(generated_fit, frequencies, tolerance=0.1, rmse_threshold=0.1) -> np.ndarray:
    """Per curve: a sine fits it (RMSE < rmse_threshold) with |b_fitted - b_asked| < tolerance."""
    frequencies = np.asarray(frequencies, dtype=np.float64)
    return (generated_fit.rmse < rmse_threshold) & (np.abs(generated_fit.frequency - frequencies) < tolerance)
