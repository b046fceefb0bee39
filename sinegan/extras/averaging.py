"""Sampling from a running average of the generator's weights (not on the slides).

With ``generator_average_decay = d`` a copy of G follows, after every G update,

    w_avg <- d·w_avg + (1 - d)·w

and the curves are drawn from that copy. It smooths out the generator's
oscillation around the equilibrium, the slides' "trembling hand".

Reference: Yazıcı et al. 2019, "The Unusual Effectiveness of Averaging in GAN
Training", arXiv:1806.04498.
"""

from __future__ import annotations

import keras


def averaged_copy(generator: keras.Model) -> keras.Model:
    """A second G with the same weights, to hold the running average."""
    copy = keras.models.clone_model(generator)
    copy.set_weights(generator.get_weights())
    return copy


def update_average(averages, variables, decay):
    """w_avg <- decay * w_avg + (1 - decay) * w, for each weight of G."""
    for average, variable in zip(averages, variables, strict=True):
        average.assign(decay * average + (1.0 - decay) * variable)
