"""Lesson 3's exercises: the best discriminator D*, and the non-saturating generator loss.

- ``optimal_discriminator(data_density, generated_density)``: D*(x) = p_data(x) /
  (p_data(x) + p_g(x)) at each point (Proposition 1 of Goodfellow et al. 2014). The
  reference is sinegan.lectures.theory.optimal_discriminator.
- ``non_saturating_loss(scores)``: G's loss -mean(log D(G(z))) over a batch of D's
  answers, the slides' cross-entropy against "real". The reference is
  sinegan.engines.losses.non_saturating_generator_loss, the loss the library trains with.

Each trial runs the student's function on four numbers and compares with the formula
and with the usual wrong forms of it (NumPy only: quick on every backend).
"""

from __future__ import annotations

import numpy as np

from ..engines.losses import non_saturating_generator_loss
from ..lectures.theory import optimal_discriminator
from .checking import Exercise, Mistake, check, expect, written_array

# Four points of two densities, and four answers of D: each wrong form differs here.
_DATA_DENSITY = np.array([0.1, 0.4, 0.0, 0.3])
_GENERATED_DENSITY = np.array([0.3, 0.1, 0.2, 0.3])
_SCORES = np.array([0.9, 0.2, 0.6, 0.05], dtype=np.float32)  # D(G(z)) for 4 latent vectors


def _trial_optimal_discriminator(function):
    p, q = _DATA_DENSITY, _GENERATED_DENSITY
    got = written_array(function(p.copy(), q.copy()))
    expected = optimal_discriminator(p, q)
    expect(got.shape == p.shape, f"expected one value per point, shape {p.shape}; got {got.shape}")
    if np.allclose(got, expected):
        return
    with np.errstate(divide="ignore", invalid="ignore"):
        mistakes = [
            (
                q / (p + q),
                "that is the share of generated samples: D*(x) = p_data / (p_data + p_g),"
                " the probability that x is real",
            ),
            (p / q, "divide by the sum p_data + p_g, not by p_g alone"),
        ]
    for wrong, hint in mistakes:
        expect(not np.allclose(got, wrong), hint)
    raise Mistake(
        f"D* differs from p_data / (p_data + p_g) on 4 points: got {np.round(got, 3)},"
        f" expected {np.round(expected, 3)}"
    )


def _trial_non_saturating_loss(function):
    p = _SCORES.astype(np.float64)
    got = written_array(function(_SCORES.copy()))
    expected = -np.mean(np.log(p))
    expect(
        got.size == 1,
        f"the loss is one number, the mean over the batch; got {got.size} numbers: take the mean",
    )
    got = float(got.ravel()[0])
    if np.isclose(got, expected, rtol=1e-4):
        return
    mistakes = [
        (
            np.mean(np.log(1 - p)),
            "that is the minimax loss log(1 − D(G(z))): the non-saturating loss is −log D(G(z))",
        ),
        (np.mean(np.log(p)), "the sign is missing: the loss is −log D(G(z)), which is positive"),
        (-np.sum(np.log(p)), "that is the sum over the batch: take the mean, as Keras' losses do"),
        (
            -np.mean(np.log(1 - p)),
            "that is the cross-entropy against 0 ('generated'): G's target is 1, so the loss is"
            " −log D(G(z))",
        ),
        (-np.log(np.mean(p)), "take the logarithm of each score, then the mean, not the reverse"),
    ]
    for wrong, hint in mistakes:
        expect(not np.isclose(got, wrong, rtol=1e-4), hint)
    raise Mistake(
        f"the loss differs from −mean(log D(G(z))) on a batch of 4 scores: got {got:.4f},"
        f" expected {expected:.4f}"
    )


OPTIMAL_DISCRIMINATOR = Exercise(
    name="optimal_discriminator",
    lesson=3,
    task="return p_data / (p_data + p_g) at each point",
    reference=optimal_discriminator,
    trial=_trial_optimal_discriminator,
    solution="03_optimal_discriminator.py",
)
NON_SATURATING_LOSS = Exercise(
    name="non_saturating_loss",
    lesson=3,
    task="return −mean(log D(G(z))) over the batch of D's answers",
    reference=non_saturating_generator_loss,
    trial=_trial_non_saturating_loss,
    solution="03_non_saturating_loss.py",
)
EXERCISES = (OPTIMAL_DISCRIMINATOR, NON_SATURATING_LOSS)


def check_optimal_discriminator(function):
    """Check the student's optimal_discriminator (lesson 3): D* = p_data / (p_data + p_g) at each
    point; on 4 points of two densities."""
    return check(OPTIMAL_DISCRIMINATOR, function)


def check_non_saturating_loss(function):
    """Check the student's non_saturating_loss (lesson 3): −mean(log D(G(z))) over a batch of
    D's answers; on 4 scores."""
    return check(NON_SATURATING_LOSS, function)
