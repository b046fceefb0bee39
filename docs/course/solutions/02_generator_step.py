"""Lesson 2: G's update through the GAN, as on the slides: D frozen, target 1 ("real")."""

import numpy as np


def generator_step(gan, discriminator, latent):
    """Train the GAN (G then D) towards 1 with D frozen; return its loss and accuracy."""
    discriminator.trainable = False  # only G learns at this step
    return gan.train_on_batch(latent, np.ones(len(latent)))
