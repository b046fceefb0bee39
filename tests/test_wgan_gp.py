"""WGAN-GP: the penalty and losses by hand, a linear critic, and a run that keeps the freeze."""

import keras
import numpy as np
import pytest
from keras import ops

from sinegan import GANConfig, Trainer, discriminator_for
from sinegan.backends import input_gradient
from sinegan.extras.wgan_gp import critic_loss, gradient_penalty, wasserstein_generator_loss

from helpers import (
    all_changed,
    fast_step_changes,
    first_step_standing_still,
    same,
    to_numpy,
    weights,
)

WGAN = GANConfig(train_size=128, pretrain_batches=0, loss="wgan-gp", discriminator_dropout=0.0)


def linear_critic(weights):
    critic = keras.Sequential([keras.Input(shape=(len(weights),)), keras.layers.Dense(1)])
    critic.layers[0].set_weights(
        [np.array(weights, "float32")[:, None], np.array([0.7], "float32")]
    )
    return critic


def test_gradient_penalty_of_a_linear_critic_is_the_weight_norm_minus_one_squared():
    # D(x) = w·x + b has gradient w everywhere: ||w|| = ||(3, 4, 0)|| = 5, penalty (5 - 1)^2 = 16.
    real, generated = np.ones((4, 3), "float32"), np.zeros((4, 3), "float32")
    mixing = np.array([[0.0], [0.3], [0.5], [1.0]], "float32")
    assert float(
        gradient_penalty(linear_critic([3, 4, 0]), real, generated, mixing)
    ) == pytest.approx(16, rel=1e-5)
    assert float(
        gradient_penalty(linear_critic([0.6, 0.8, 0]), real, generated, mixing)
    ) == pytest.approx(0, abs=1e-6)


def test_gradient_penalty_is_taken_at_the_interpolates():
    # D(x) = ||x||^2 / 2 has gradient x. Between real (2, 0) and generated (0, 0):
    # eps = 1 -> x_hat = (2, 0), (2 - 1)^2 = 1; eps = 0.5 -> (1, 0), 0;
    # eps = 0 -> (0, 0), (0 - 1)^2 = 1.
    def critic(x, training):
        return ops.sum(x**2, axis=1, keepdims=True) / 2

    real, generated = np.array([[2, 0]] * 3, "float32"), np.zeros((3, 2), "float32")
    mixing = np.array([[1.0], [0.5], [0.0]], "float32")
    assert float(gradient_penalty(critic, real, generated, mixing)) == pytest.approx(
        (1 + 0 + 1) / 3, abs=1e-5
    )


def test_critic_and_generator_losses_by_hand():
    real, generated = np.array([2.0, 4.0], "float32"), np.array([-1.0, 0.0], "float32")
    assert float(critic_loss(real, generated)) == pytest.approx(-0.5 - 3.0)
    assert float(wasserstein_generator_loss(generated)) == pytest.approx(0.5)


def test_the_critic_has_a_linear_output():
    config = GANConfig(train_len=3, discriminator_units=2, latent_dim=3, loss="wgan-gp")
    critic = discriminator_for(config)
    last = critic.layers[-1]
    assert last.activation.__name__ == "linear"
    last.set_weights([np.full((2, 1), 10.0, "float32"), np.array([-50.0], "float32")])
    scores = to_numpy(critic(np.zeros((2, 3), "float32")))
    assert np.all(scores < -1)  # no sigmoid squashes the score into (0, 1)


def test_fast_engine_reports_the_wasserstein_losses_by_hand():
    """Learning rates at 0: D loss = mean D(G(z)) - mean D(x) + 10·penalty, G loss = -mean D(G(z)).

    The engine draws its interpolation weights eps from a generator seeded with
    config.seed, so the same draw can be repeated here."""
    trainer = Trainer(WGAN)
    (d_loss, d_accuracy, g_loss, g_accuracy), real, latent = first_step_standing_still(trainer)
    generated = to_numpy(trainer.generator(latent))
    real_scores = to_numpy(trainer.discriminator(real))[:, 0]
    generated_scores = to_numpy(trainer.discriminator(generated))[:, 0]
    mixing = to_numpy(keras.random.uniform((64, 1), seed=keras.random.SeedGenerator(WGAN.seed)))
    interpolates = mixing * real + (1 - mixing) * generated  # (64, 64)
    input_gradients = input_gradient(lambda x: trainer.discriminator(x), interpolates)  # (64, 64)
    norms = np.linalg.norm(ops.convert_to_numpy(input_gradients), axis=1)  # (64,)
    penalty = np.mean((norms - 1) ** 2)
    # An untrained critic's input gradients are far from norm 1: the penalty is a sizeable part of
    # the loss (its size depends on the initial weights, which each backend draws its own way).
    assert 10 * penalty > 0.1
    np.testing.assert_allclose(
        d_loss, generated_scores.mean() - real_scores.mean() + 10 * penalty, rtol=1e-4
    )
    np.testing.assert_allclose(g_loss, -generated_scores.mean(), rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(
        d_accuracy, (np.sum(real_scores > 0) + np.sum(generated_scores <= 0)) / 128
    )
    np.testing.assert_allclose(g_accuracy, np.mean(generated_scores > 0))


def test_wgan_gp_run_with_several_critic_steps_trains_and_keeps_the_freeze():
    trainer = Trainer(WGAN.replace(discriminator_steps=3, adam_beta_1=0.0, adam_beta_2=0.9))
    trainer.gan.optimizer.learning_rate.assign(0.0)
    g_before, d_before = weights(trainer.generator), weights(trainer.discriminator)
    trainer.run_epoch(*trainer.draw_epoch_batches())
    assert same(g_before, weights(trainer.generator))  # the critic steps touched the critic only
    d_after = weights(trainer.discriminator)
    assert all_changed(d_before[:-1], d_after[:-1])
    # The critic's output bias adds the same to every score, so it cancels in
    # mean D(G(z)) - mean D(x) and the penalty: its gradient is exactly 0.
    assert np.array_equal(d_before[-1], d_after[-1])
    _, d_changed, g_all, _ = fast_step_changes(trainer, 0.0, 0.001)
    assert not d_changed and g_all  # the G step moved every weight of G, none of the critic
    history = trainer.train(epochs=1, log=None)
    assert np.all(np.isfinite(history.step_metrics[0]))


def test_a_critic_can_be_pre_trained_on_its_score():
    trainer = Trainer(WGAN.replace(pretrain_batches=2))
    accuracies = trainer.pretrain_discriminator(log=None)
    assert len(accuracies) == 2 and all(0 <= accuracy <= 1 for accuracy in accuracies)


def test_literal_engine_refuses_wgan_gp():
    with pytest.raises(ValueError, match="loss='wgan-gp'"):
        Trainer(WGAN, engine="literal")


@pytest.mark.parametrize(
    "changes, parameter",
    [
        ({"loss": "hinge"}, "loss='hinge'"),
        ({"loss": "wgan-gp", "generator_loss": "minimax"}, "generator_loss='minimax'"),
        ({"loss": "wgan-gp", "real_label": 0.9}, "real_label=0.9"),
        ({"gradient_penalty_weight": -1.0}, "gradient_penalty_weight=-1.0"),
        ({"adam_beta_2": 1.0}, "adam_beta_2=1.0"),
    ],
)
def test_bad_wgan_options_raise_value_error(changes, parameter):
    with pytest.raises(ValueError, match=parameter):
        GANConfig(**changes)
