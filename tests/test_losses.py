"""The generator losses against hand-computed values, and a minimax run that trains."""

import math

import numpy as np
import pytest
from keras import ops

from sinegan import GANConfig, Trainer
from sinegan.backends import input_gradient
from sinegan.engines.losses import (
    discriminator_loss,
    minimax_generator_loss,
    non_saturating_generator_loss,
)

from helpers import fast_step_changes, first_step_standing_still, to_numpy, weights


def loss_and_gradient(loss, probability):
    """The loss at D(G(z)) = probability, and its derivative with respect to D's logit."""
    # sigmoid(logit) = probability
    logit = np.array([math.log(probability / (1 - probability))], "float32")
    value = loss(ops.sigmoid(logit))
    return float(value), float(
        ops.convert_to_numpy(input_gradient(lambda x: loss(ops.sigmoid(x)), logit))[0]
    )


def test_losses_and_their_logit_gradients_by_hand_at_d_equal_0_1():
    # minimax: log(1 - 0.1) = log 0.9 = -0.10536; d/dl log(1 - sigmoid(l)) = -sigmoid(l) = -0.1
    loss, gradient = loss_and_gradient(minimax_generator_loss, 0.1)
    assert loss == pytest.approx(-0.1053605, rel=1e-4) and gradient == pytest.approx(-0.1, rel=1e-4)
    # non-saturating: -log 0.1 = 2.302585; d/dl -log sigmoid(l) = -(1 - sigmoid(l)) = -0.9
    loss, gradient = loss_and_gradient(non_saturating_generator_loss, 0.1)
    assert loss == pytest.approx(2.302585, rel=1e-4) and gradient == pytest.approx(-0.9, rel=1e-4)


def test_minimax_gradient_vanishes_when_d_rejects_the_curves_and_the_other_does_not():
    _, minimax = loss_and_gradient(minimax_generator_loss, 0.001)
    _, non_saturating = loss_and_gradient(non_saturating_generator_loss, 0.001)
    assert minimax == pytest.approx(-0.001, rel=1e-3) and non_saturating == pytest.approx(
        -0.999, rel=1e-3
    )
    # near D(G(z)) = 1 the roles swap: both then matter little, since G already fools D
    _, minimax = loss_and_gradient(minimax_generator_loss, 0.9)
    assert minimax == pytest.approx(-0.9, rel=1e-4)


def test_losses_average_over_a_batch():
    probabilities = np.array([0.2, 0.5, 0.8], "float32")
    np.testing.assert_allclose(
        minimax_generator_loss(probabilities), np.mean(np.log(1 - probabilities)), rtol=1e-5
    )
    np.testing.assert_allclose(
        non_saturating_generator_loss(probabilities), -np.mean(np.log(probabilities)), rtol=1e-5
    )
    labels = np.array([1, 1, 0], "float32")
    np.testing.assert_allclose(
        discriminator_loss(labels, probabilities),
        -np.mean([np.log(0.2), np.log(0.5), np.log(0.2)]),
        rtol=1e-5,
    )


def test_fast_engine_reports_the_minimax_loss_by_hand():
    """Learning rates at 0: the reported G loss is mean log(1 - D(G(z))) of the batch."""
    config = GANConfig(
        train_size=128, pretrain_batches=0, discriminator_dropout=0.0, generator_loss="minimax"
    )
    trainer = Trainer(config)
    (_, _, g_loss, g_accuracy), _, latent = first_step_standing_still(trainer)
    p = to_numpy(trainer.gan(latent))[:, 0].astype(np.float64)
    np.testing.assert_allclose(g_loss, np.mean(np.log(1 - p)), rtol=1e-4)
    np.testing.assert_allclose(g_accuracy, np.mean(p > 0.5), atol=1e-6)


def test_minimax_run_trains_and_keeps_the_freeze():
    trainer = Trainer(GANConfig(train_size=128, pretrain_batches=0, generator_loss="minimax"))
    g_changed, _, _, d_all = fast_step_changes(trainer, 0.001, 0.0)
    assert not g_changed and d_all  # the D update touched D only
    _, d_changed, g_all, _ = fast_step_changes(trainer, 0.0, 0.001)
    assert not d_changed and g_all  # the minimax G update moved every weight of G, none of D


def test_literal_engine_compiles_the_gan_with_the_minimax_loss():
    config = GANConfig(
        train_size=256, pretrain_batches=0, discriminator_dropout=0.0, generator_loss="minimax"
    )
    literal, fast = Trainer(config, engine="literal"), Trainer(config)
    batches = literal.draw_epoch_batches()
    before = weights(literal.generator)
    np.testing.assert_allclose(literal.run_epoch(*batches), fast.run_epoch(*batches), atol=1e-5)
    assert not all(
        np.array_equal(a, b) for a, b in zip(before, weights(literal.generator), strict=True)
    )
    for a, b in zip(literal.generator.weights, fast.generator.weights, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-5)


def test_unknown_generator_loss_is_refused():
    with pytest.raises(ValueError, match="generator_loss='wasserstein'"):
        GANConfig(generator_loss="wasserstein")
