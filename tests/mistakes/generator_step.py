"""Common wrong answers to lesson 2's generator_step."""

import numpy as np


def forgets_the_freeze(gan, discriminator, latent):
    return gan.train_on_batch(latent, np.ones(len(latent)))  # D is still trainable from its step


def freezes_after_the_call(gan, discriminator, latent):
    result = gan.train_on_batch(latent, np.ones(len(latent)))
    discriminator.trainable = False
    return result


def trains_towards_zero(gan, discriminator, latent):
    discriminator.trainable = False
    return gan.train_on_batch(latent, np.zeros(len(latent)))


def two_updates(gan, discriminator, latent):
    discriminator.trainable = False
    gan.train_on_batch(latent, np.ones(len(latent)))
    return gan.train_on_batch(latent, np.ones(len(latent)))


def trains_the_generator_alone(gan, discriminator, latent):
    discriminator.trainable = False
    generator = gan.layers[0]
    return generator.train_on_batch(latent, np.ones((len(latent), 5)))


HINTS = {
    "forgets_the_freeze": "changed during the G step: set discriminator.trainable = False",
    "freezes_after_the_call": "D was still trainable when gan.train_on_batch ran",
    "trains_towards_zero": "G was trained towards 0: the GAN's target for generated curves is 1",
    "two_updates": "the GAN was updated 2 times",
    "trains_the_generator_alone": "G was trained on its own, not through D",
}
