"""The R1 penalty: by hand on a logistic D, inside the fast engine's D loss, and its checks."""

import keras
import numpy as np
import pytest

from sinegan import GANConfig, Trainer
from sinegan.extras.r1 import r1_penalty

from helpers import first_step_standing_still, to_numpy

R1 = GANConfig(train_size=128, pretrain_batches=0, discriminator_dropout=0.0, r1_penalty_weight=2.0)


def logistic_discriminator(weights, bias):
    discriminator = keras.Sequential(
        [keras.Input(shape=(len(weights),)), keras.layers.Dense(1, activation="sigmoid")]
    )
    discriminator.layers[0].set_weights(
        [np.array(weights, "float32")[:, None], np.array([bias], "float32")]
    )
    return discriminator


def test_r1_of_a_logistic_discriminator_is_the_squared_weight_norm():
    # D(x) = sigmoid(w·x + b): its logit w·x + b has gradient w at every x, so
    # ||w||^2 = 9 + 16 = 25.
    real = np.array([[0.0, 0.0], [1.0, -1.0], [0.5, 0.2]], "float32")
    steep, flat = (
        float(to_numpy(r1_penalty(logistic_discriminator(w, 0.1), real)))
        for w in ([3.0, 4.0], [0.0, 0.0])
    )
    assert steep == pytest.approx(25.0, rel=1e-3)
    assert flat == pytest.approx(0.0, abs=1e-9)


def test_fast_engine_adds_half_gamma_times_r1_on_the_real_curves():
    """Learning rates at 0: D loss = cross-entropy + gamma / 2 · R1, R1 taken on the real rows
    only."""
    without, with_r1 = Trainer(R1.replace(r1_penalty_weight=0.0)), Trainer(R1)
    batches = with_r1.draw_epoch_batches()
    (d_loss, *_), real, _ = first_step_standing_still(with_r1, batches)
    # Same seed: same weights; same batches: the very same step without the penalty.
    (plain_loss, *_), _, _ = first_step_standing_still(without, batches)
    penalty = float(to_numpy(r1_penalty(with_r1.discriminator, real)))
    assert penalty > 1e-3  # an untrained D is not flat, so the check below can fail
    np.testing.assert_allclose(d_loss, plain_loss + 0.5 * R1.r1_penalty_weight * penalty, rtol=1e-4)


def test_r1_changes_what_d_learns():
    plain, regularised = (
        Trainer(R1.replace(r1_penalty_weight=0.0)),
        Trainer(R1.replace(r1_penalty_weight=50.0)),
    )
    indices, latent = regularised.draw_epoch_batches()  # same seed: same start, same batches
    plain.run_epoch(indices, latent)
    regularised.run_epoch(indices, latent)
    changed = [
        not np.allclose(a, b)
        for a, b in zip(
            plain.discriminator.get_weights(), regularised.discriminator.get_weights(), strict=True
        )
    ]
    assert any(changed)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"r1_penalty_weight": -1.0}, "r1_penalty_weight=-1.0"),
        ({"r1_penalty_weight": float("nan")}, "r1_penalty_weight=nan"),
        ({"r1_penalty_weight": 1.0, "loss": "wgan-gp"}, "loss='wgan-gp'"),
    ],
)
def test_bad_r1_settings_are_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        GANConfig(**changes)


def test_the_literal_engine_refuses_r1():
    with pytest.raises(ValueError, match="r1_penalty_weight=2.0"):
        Trainer(R1, engine="literal")
