"""Lesson 6's exercises: the WGAN-GP critic's loss, and its gradient penalty.

The student writes both with ``keras.ops``, so they run on any Keras backend; the
penalty's gradient comes from ``sinegan.backends.input_gradient``, the one function
that differs between TensorFlow, JAX and PyTorch. The references are the library's own,
in sinegan.extras.wgan_gp.
"""

from __future__ import annotations

import functools

import numpy as np

from ..extras.wgan_gp import critic_loss, gradient_penalty
from .checking import Exercise, Mistake, check, expect, written

# The trials' small batch: 4 pairs of curves of 3 points, and one ε per pair.
_BATCH, _POINTS = 4, 3


def _number(value, what) -> float:
    """The student's scalar as a float; a hint when it is not one number."""
    from keras import ops

    try:
        array = np.asarray(ops.convert_to_numpy(written(value)), dtype=np.float64)
    except (TypeError, ValueError, AttributeError, RuntimeError):
        raise Mistake(f"return {what} as one number (a scalar tensor)") from None
    expect(
        array.size == 1,
        f"return {what} as one number: a mean over the batch, not an array of shape {array.shape}",
    )
    return float(array.reshape(()))


def _trial_critic_loss(function):
    from keras import ops

    rng = np.random.default_rng(6)
    real = rng.normal(1.0, 1.0, _BATCH).astype("float32")  # (4,) scores of real curves
    generated = rng.normal(-0.5, 1.0, _BATCH).astype("float32")  # (4,) scores of G's curves
    scores = ops.convert_to_tensor(real), ops.convert_to_tensor(generated)
    loss = _number(function(*scores), "the loss")
    expected = float(generated.mean() - real.mean())
    expect(
        not np.isclose(loss, -expected, rtol=1e-4),
        "the sign is flipped: the critic maximises mean D(x) - mean D(G(z)), so its loss, "
        "what it minimises, is mean(generated_scores) - mean(real_scores)",
    )
    expect(
        not np.isclose(loss, _BATCH * expected, rtol=1e-4),
        "average the scores over the batch (ops.mean), not add them up (ops.sum)",
    )
    logistic = float(np.mean(np.logaddexp(0, -real)) + np.mean(np.logaddexp(0, generated)))
    expect(
        not (np.isclose(loss, logistic, rtol=1e-3) or np.isclose(loss, logistic / 2, rtol=1e-3)),
        "a critic's scores are not probabilities: no sigmoid, no log, no cross-entropy, "
        "just mean(generated_scores) - mean(real_scores)",
    )
    expect(
        np.isclose(loss, expected, rtol=1e-4, atol=1e-6),
        f"on real scores {np.round(real, 2)} and generated scores {np.round(generated, 2)} the "
        f"loss is mean(generated) - mean(real) = {expected:+.4f}, not {loss:+.4f}",
    )


@functools.cache
def _small_critic():
    """A critic of 3 points -> 1 score with fixed weights; tanh, so the gradient varies."""
    import keras

    critic = keras.Sequential(
        [keras.Input((_POINTS,)), keras.layers.Dense(5, "tanh"), keras.layers.Dense(1)]
    )
    rng = np.random.default_rng(60)
    critic.set_weights([rng.normal(0, 0.8, w.shape).astype("float32") for w in critic.weights])
    return critic


def _penalties(critic, real, generated, mixing) -> dict:
    """The right penalty and the common wrong ones, by name, computed in NumPy from gradients."""
    from keras import ops

    from .. import backends

    def gradient_at(curves):
        gradients = backends.input_gradient(critic, ops.convert_to_tensor(curves))
        return np.asarray(ops.convert_to_numpy(gradients), dtype=np.float64)  # (4, 3)

    def penalty_at(curves):
        return np.mean((np.linalg.norm(gradient_at(curves), axis=1) - 1) ** 2)

    gradients = gradient_at(mixing * real + (1 - mixing) * generated)
    norms = np.linalg.norm(gradients, axis=1)  # (4,)
    return {
        "right": np.mean((norms - 1) ** 2),
        "no -1": np.mean(norms**2),
        "squared norm": np.mean((norms**2 - 1) ** 2),
        "whole batch": (np.linalg.norm(gradients) - 1) ** 2,
        "swapped": penalty_at(mixing * generated + (1 - mixing) * real),
        "at real": penalty_at(real),
        "at generated": penalty_at(generated),
        "one mixing": penalty_at(mixing[0] * real + (1 - mixing[0]) * generated),
    }


_PENALTY_HINTS = {
    "no -1": "penalise the distance of each gradient norm from 1: the mean of (norm - 1)², "
    "not of norm²",
    "squared norm": "use the gradient's norm, ops.sqrt(ops.sum(gradients**2, axis=1)), not "
    "its squared norm",
    "whole batch": "take one norm per interpolate (ops.sum over axis=1), not one norm of the "
    "whole batch's gradients",
    "swapped": "mixing weighs the real curve: x̂ = mixing * real + (1 - mixing) * generated",
    "at real": "take the gradient at the interpolates x̂, not at the real curves",
    "at generated": "take the gradient at the interpolates x̂, not at the generated curves",
    "one mixing": "use each pair's own ε, mixing of shape (batch, 1), not one ε for the whole "
    "batch",
}


def _trial_gradient_penalty(function):
    from keras import ops

    rng = np.random.default_rng(61)
    real = rng.normal(0.0, 1.0, (_BATCH, _POINTS)).astype("float32")
    generated = rng.normal(0.0, 1.0, (_BATCH, _POINTS)).astype("float32")
    mixing = np.array([[0.1], [0.4], [0.7], [0.95]], "float32")  # (4, 1) one ε per pair
    critic = _small_critic()
    tensors = [ops.convert_to_tensor(array) for array in (real, generated, mixing)]
    penalty = _number(function(critic, *tensors), "the penalty")
    candidates = _penalties(critic, real, generated, mixing)
    right = candidates.pop("right")
    if not np.isclose(penalty, right, rtol=1e-3, atol=1e-6):
        for name, value in candidates.items():
            expect(not np.isclose(penalty, value, rtol=1e-3, atol=1e-6), _PENALTY_HINTS[name])
    expect(
        np.isclose(penalty, right, rtol=1e-3, atol=1e-6),
        f"on a batch of {_BATCH} pairs the penalty mean((‖∇D(x̂)‖₂ - 1)²) is {right:.4f}, not "
        f"{penalty:.4f}: interpolate, take backends.input_gradient(critic, x̂), then the norms",
    )


CRITIC_LOSS = Exercise(
    name="critic_loss",
    lesson=6,
    task="return mean(generated_scores) - mean(real_scores), the critic's loss without penalty",
    reference=critic_loss,
    trial=_trial_critic_loss,
    solution="06_critic_loss.py",
)
GRADIENT_PENALTY = Exercise(
    name="gradient_penalty",
    lesson=6,
    task="return mean((‖∇D(x̂)‖₂ - 1)²) at x̂ = mixing * real + (1 - mixing) * generated",
    reference=gradient_penalty,
    trial=_trial_gradient_penalty,
    solution="06_gradient_penalty.py",
)
EXERCISES = (CRITIC_LOSS, GRADIENT_PENALTY)


def check_critic_loss(function):
    """Check the student's critic_loss (lesson 6): given the critic's scores of real and of
    generated curves, it returns mean(generated) - mean(real), the WGAN critic's loss."""
    return check(CRITIC_LOSS, function)


def check_gradient_penalty(function):
    """Check the student's gradient_penalty (lesson 6): given a critic, real and generated
    curves and one ε per pair, it returns mean((‖∇D(x̂)‖₂ - 1)²) on the interpolates."""
    return check(GRADIENT_PENALTY, function)
