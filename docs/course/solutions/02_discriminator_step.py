"""Lesson 2: D's update, as on the slides: D trainable, real curves (1) then generated ones (0)."""

import numpy as np


def discriminator_step(discriminator, real, generated):
    """Train D once on real curves (label 1) and generated ones (label 0); return loss, accuracy."""
    x = np.concatenate([real, generated])  # (2 batch, points)
    labels = np.concatenate([np.ones(len(real)), np.zeros(len(generated))])
    discriminator.trainable = True  # D learns at this step
    return discriminator.train_on_batch(x, labels)
