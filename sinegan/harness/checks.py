"""The checks around each epoch that need Keras: is every weight still finite, and has D diverged?

sinegan.harness.history holds the checks on NumPy arrays and the error they
raise, ``TrainingDiverged``; the trainer calls these first, because they are cheap.
"""

from __future__ import annotations

import numpy as np
from keras import ops

from .. import backends
from .history import TrainingDiverged, check_finite_weights


def compile_epoch_end(models: dict, sampling_generator, latent):
    """``epoch_end() -> (finite, snapshot)``: whether every weight of ``models`` is finite, and
    ``sampling_generator``'s curves for the fixed ``latent`` batch, in one compiled call.

    Reading each weight back into NumPy (sinegan.harness.history.check_finite)
    and a ``predict_on_batch`` cost ~20% of an epoch of the fast engine; this
    costs one crossing into compiled code.
    """
    weights = [weight for model in models.values() for weight in model.weights]
    latent = ops.convert_to_tensor(latent)  # (monitor_curves, generator_inputs)

    def finite_and_snapshot():
        finite = ops.all(ops.stack([ops.all(ops.isfinite(weight)) for weight in weights]))
        # (), (monitor_curves, 64)
        return finite, sampling_generator(latent, training=False)

    read = {id(variable): variable for variable in [*weights, *sampling_generator.variables]}
    compiled = backends.current().compile_function(finite_and_snapshot, read.values())

    def epoch_end():
        finite, snapshot = compiled()
        return bool(finite), snapshot

    return epoch_end


def discriminator_diverged(discriminator, real_inputs) -> bool:
    """Whether D's weights, or its scores of a few real curves, are NaN or infinite
    (huge but finite weights can give a NaN score)."""
    scores = ops.convert_to_numpy(discriminator(real_inputs[:8], training=False))  # (8, 1)
    weights = discriminator.get_weights()
    return not (np.all(np.isfinite(scores)) and all(np.all(np.isfinite(w)) for w in weights))


def raise_if_diverged(models: dict, parts, epoch: int, error: Exception):
    """``TrainingDiverged`` if a weight of ``models`` or D's output is not finite at ``epoch``
    (``error``, raised by the backend, came of it); nothing otherwise."""
    check_finite_weights(epoch, models)  # names a weight that is not finite
    if discriminator_diverged(parts.discriminator, parts.real_inputs):
        message = f"Training diverged at epoch {epoch}: the discriminator's output is not finite"
        raise TrainingDiverged(message, epoch, None) from error
