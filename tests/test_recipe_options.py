"""The config fields beyond the slides: each one does what its comment says."""

import keras
import numpy as np
import pytest

from sinegan import GANConfig, Trainer, discriminator_for, generator_for, latent_for

from helpers import CallRecorder, fast_step_changes, first_step_standing_still, to_numpy


def test_normal_latent_is_standard_normal():
    config = GANConfig(fresh_latent=True, latent_distribution="normal", latent_dim=8)
    z = latent_for(config, 20000, np.random.default_rng(0))
    assert z.shape == (20000, 8)
    # not uniform in [-1, 1]
    assert abs(z.mean()) < 0.02 and abs(z.std() - 1) < 0.02 and z.min() < -3


def test_truncated_normal_latent_is_cut_at_two_and_redrawn():
    config = GANConfig(fresh_latent=True, latent_distribution="truncated_normal", latent_dim=8)
    z = latent_for(config, 20000, np.random.default_rng(0))
    assert z.shape == (20000, 8) and np.abs(z).max() <= 2.0
    # Redrawn, not clipped: 0.11% of values lie in 1.99 < |z| <= 2 (clipping would pile
    # 4.6% at ±2), and the spread is that of N(0, 1) cut at 2σ, 0.880.
    assert np.mean(np.abs(z) > 1.99) < 0.003
    assert abs(z.mean()) < 0.02 and abs(z.std() - 0.880) < 0.01
    same = latent_for(config, 20000, np.random.default_rng(0))
    assert np.array_equal(z, same)


def test_leaky_relu_and_adam_beta_reach_both_networks():
    config = GANConfig(hidden_activation="leaky_relu", adam_beta_1=0.5)
    for model in (discriminator_for(config), generator_for(config)):
        hidden = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)][:-1]
        assert [layer.activation.__name__ for layer in hidden] == ["leaky_relu"] * len(hidden)
        assert float(model.optimizer.beta_1) == 0.5
    # leaky relu lets negative values through with slope 0.2
    np.testing.assert_allclose(
        keras.activations.get("leaky_relu")(np.array([-1.0, 2.0])), [-0.2, 2.0]
    )


def test_k_discriminator_steps_in_the_literal_engine():
    config = GANConfig(train_size=256, pretrain_batches=0, discriminator_steps=3)
    trainer = Trainer(config, engine="literal")
    recorder = CallRecorder(trainer)
    indices, latent = trainer.draw_epoch_batches()
    assert indices.shape == (2, 3, 64) and latent.shape == (2, 3, 64, 64)
    trainer.run_epoch(indices, latent)
    # per step: 3 D calls, 1 GAN call
    assert recorder.calls == 2 * (3 + 1) and recorder.failures == []


def test_k_discriminator_steps_in_the_fast_engine_keep_the_freeze():
    trainer = Trainer(GANConfig(train_size=128, pretrain_batches=0, discriminator_steps=2))
    g_changed, *_ = fast_step_changes(trainer, 0.001, 0.0)
    assert not g_changed
    _, d_changed, g_all, _ = fast_step_changes(trainer, 0.0, 0.001)
    assert not d_changed and g_all


def test_fast_engine_k_steps_match_the_literal_engine():
    config = GANConfig(
        train_size=256, pretrain_batches=0, discriminator_dropout=0.0, discriminator_steps=2
    )
    literal, fast = Trainer(config, engine="literal"), Trainer(config)
    batches = literal.draw_epoch_batches()
    np.testing.assert_allclose(literal.run_epoch(*batches), fast.run_epoch(*batches), atol=1e-5)
    for a, b in zip(literal.generator.weights, fast.generator.weights, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-5)


def test_label_smoothing_sets_the_real_target_in_the_loss():
    """With learning rates at 0 nothing moves, so the reported D loss must equal
    binary cross-entropy against targets 0.9 (real) and 0 (generated), by hand."""
    config = GANConfig(
        train_size=128, pretrain_batches=0, discriminator_dropout=0.0, real_label=0.9
    )
    trainer = Trainer(config)
    (d_loss, d_accuracy, g_loss, _), real, latent = first_step_standing_still(trainer)
    generated = to_numpy(trainer.generator(latent))
    p = to_numpy(trainer.discriminator(np.concatenate([real, generated])))[:, 0].astype(np.float64)
    targets = np.r_[np.full(64, 0.9), np.zeros(64)]
    p = np.clip(p, 1e-7, 1 - 1e-7)
    expected = -np.mean(targets * np.log(p) + (1 - targets) * np.log(1 - p))
    np.testing.assert_allclose(d_loss, expected, rtol=1e-4)
    np.testing.assert_allclose(d_accuracy, np.mean((p > 0.5) == (targets > 0.5)), atol=1e-6)
    np.testing.assert_allclose(g_loss, -np.mean(np.log(p[64:])), rtol=1e-4)  # G's target stays 1


def test_literal_engine_refuses_smoothed_labels():
    with pytest.raises(ValueError, match="real_label=0.9"):
        Trainer(GANConfig(real_label=0.9, train_size=256), engine="literal")


@pytest.mark.parametrize(
    "changes, parameter",
    [
        ({"latent_distribution": "cauchy", "fresh_latent": True}, "latent_distribution='cauchy'"),
        # NOISE rows are uniform
        (
            {"latent_distribution": "normal"},
            "latent_distribution='normal'",
        ),
        ({"hidden_activation": "gelu"}, "hidden_activation='gelu'"),
        ({"adam_beta_1": 1.0}, "adam_beta_1=1.0"),
        ({"real_label": 0.4}, "real_label=0.4"),
        ({"discriminator_steps": 0}, "discriminator_steps=0"),
        ({"monitor_every": -1}, "monitor_every=-1"),
        ({"monitor_samples": 0}, "monitor_samples=0"),
    ],
)
def test_bad_options_raise_value_error(changes, parameter):
    with pytest.raises(ValueError, match=parameter):
        GANConfig().replace(**changes)


def test_quality_is_monitored_and_collapse_is_reported(capsys):
    config = GANConfig(
        train_size=256, pretrain_batches=0, epochs=3, monitor_every=2, monitor_samples=200
    )
    trainer = Trainer(config)
    # Collapse the generator by hand: zero output kernel, so every z gives the same curve.
    output_layer = trainer.generator.layers[-1]
    kernel, bias = output_layer.get_weights()
    output_layer.set_weights([np.zeros_like(kernel), np.sin(trainer.dataset.x).astype("float32")])
    trainer.gan.optimizer.learning_rate.assign(0.0)  # keep it collapsed
    history = trainer.train(log=print)
    assert [entry["epoch"] for entry in history.quality] == [2, 3]  # every 2 epochs, and the last
    last = history.quality[-1]
    assert last["diversity"] < 1e-6 and last["mode_collapse"] and last["recall"] < 0.05
    assert last["sine_like"] == 1.0  # a perfect sine, just always the same one
    assert "MODE COLLAPSE" in capsys.readouterr().out


def test_minibatch_standard_deviation_by_hand():
    from sinegan.extras.minibatch_std import MinibatchStandardDeviation

    layer = MinibatchStandardDeviation(group_size=2)
    features = np.array([[1, 2], [3, 4], [5, 5], [5, 5]], "float32")  # two groups of two rows
    out = to_numpy(layer(features))
    # group 1: per-feature std of (1, 3) and (2, 4) is 1 and 1, mean 1; group 2: identical rows, 0
    np.testing.assert_allclose(out[:, :2], features)
    np.testing.assert_allclose(out[:, 2], [1, 1, 1e-4, 1e-4], rtol=1e-3)
    with pytest.raises(ValueError, match="group_size=2.*Received: batch size 3"):
        layer(features[:3])  # the third row would have no partner


def test_minibatch_standard_deviation_in_the_discriminator_keeps_the_freeze():
    config = GANConfig(train_size=128, pretrain_batches=0, minibatch_std_group=4)
    discriminator = discriminator_for(config)
    assert discriminator.count_params() == 8385 + 1  # one more input to the last Dense layer
    trainer = Trainer(config)
    g_changed, *_ = fast_step_changes(trainer, 0.001, 0.0)
    assert not g_changed
    _, d_changed, g_all, _ = fast_step_changes(trainer, 0.0, 0.001)
    assert not d_changed and g_all


def test_minibatch_group_must_not_mix_real_and_generated_rows():
    with pytest.raises(ValueError, match="minibatch_std_group=5"):
        GANConfig(minibatch_std_group=5)


@pytest.mark.parametrize("engine", ["fast", "literal"])
def test_averaged_generator_follows_the_running_average(engine):
    # 1 step per epoch
    config = GANConfig(train_size=128, pretrain_batches=0, generator_average_decay=0.75)
    trainer = Trainer(config, engine=engine)
    assert trainer.sampling_generator is not trainer.generator
    start = [w.numpy() for w in trainer.generator.weights]
    trainer.train(epochs=1, log=None)
    after_one = [w.numpy() for w in trainer.generator.weights]
    for average, w0, w1 in zip(trainer.sampling_generator.weights, start, after_one, strict=True):
        np.testing.assert_allclose(average.numpy(), 0.75 * w0 + 0.25 * w1, rtol=1e-5, atol=1e-7)
    assert not all(np.array_equal(a, b) for a, b in zip(start, after_one, strict=True))


def test_without_averaging_the_sampling_generator_is_the_generator():
    trainer = Trainer(GANConfig(train_size=128))
    assert trainer.sampling_generator is trainer.generator
