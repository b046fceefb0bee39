"""Common wrong answers to lesson 2's discriminator_step."""

import numpy as np


def forgets_the_toggle(discriminator, real, generated):
    x = np.concatenate([real, generated])
    labels = np.concatenate([np.ones(len(real)), np.zeros(len(generated))])
    return discriminator.train_on_batch(x, labels)  # D is still frozen from the G step


def flips_the_labels(discriminator, real, generated):
    x = np.concatenate([real, generated])
    labels = np.concatenate([np.zeros(len(real)), np.ones(len(generated))])
    discriminator.trainable = True
    return discriminator.train_on_batch(x, labels)


def two_updates(discriminator, real, generated):
    discriminator.trainable = True
    discriminator.train_on_batch(real, np.ones(len(real)))
    return discriminator.train_on_batch(generated, np.zeros(len(generated)))


def real_curves_only(discriminator, real, generated):
    discriminator.trainable = True
    return discriminator.train_on_batch(real, np.ones(len(real)))


def forgets_to_return(discriminator, real, generated):
    x = np.concatenate([real, generated])
    labels = np.concatenate([np.ones(len(real)), np.zeros(len(generated))])
    discriminator.trainable = True
    discriminator.train_on_batch(x, labels)


HINTS = {
    "forgets_the_toggle": "set discriminator.trainable = True before discriminator.train_on_batch",
    "flips_the_labels": "the labels flipped",
    "two_updates": "D was updated 2 times",
    "real_curves_only": "D's update differs from the slides'",
    "forgets_to_return": "return what discriminator.train_on_batch returns",
}
