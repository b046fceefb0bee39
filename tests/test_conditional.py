"""Conditional sines: the wiring of the frequency into G, D and the GAN, by hand."""

import dataclasses

import keras
import numpy as np
import pytest

from sinegan import GANConfig, GANParts, Trainer, encode_frequency, latent_for
from sinegan.extras.conditional import frequency_hit_rates, sample_conditional_curves

from helpers import fast_step_changes, to_numpy

CONDITIONAL = GANConfig(
    train_size=128,
    pretrain_batches=0,
    fresh_latent=True,
    latent_dim=8,
    conditional=True,
    discriminator_dropout=0.0,
)
PROJECTION = CONDITIONAL.replace(
    discriminator_conditioning="projection", discriminator_units=4, hidden_activation="leaky_relu"
)


@pytest.mark.parametrize(
    "config", [GANConfig(train_size=128), CONDITIONAL], ids=["slides", "conditional"]
)
def test_one_frozen_assembly_names_every_part_and_the_gan_is_the_drawer_then_d(config):
    parts = Trainer(config).parts
    assert isinstance(parts, GANParts)
    with pytest.raises(dataclasses.FrozenInstanceError):
        parts.drawer = parts.generator
    assert parts.gan.layers == [parts.drawer, parts.discriminator]
    # the slides' G draws D's fakes itself; a conditional one through a model that hands D the b it
    # was asked for
    assert (parts.drawer is parts.generator) == (not config.conditional)
    assert parts.drawer.output_shape == (None, parts.discriminator.input_shape[-1])
    assert parts.latent_sampler(5, np.random.default_rng(0)).shape == (
        5,
        parts.generator.input_shape[-1],
    )
    assert parts.sampling_generator is parts.generator and parts.after_generator_step is None


def test_frequency_is_scaled_to_minus_one_one():
    np.testing.assert_allclose(encode_frequency(CONDITIONAL, [0.5, 1.25, 2.0]), [[-1], [0], [1]])


def test_networks_read_the_frequency_beside_their_usual_input():
    trainer = Trainer(CONDITIONAL)
    assert trainer.generator.input_shape == (None, 8 + 1) and trainer.generator.output_shape == (
        None,
        64,
    )
    assert trainer.discriminator.input_shape == (None, 64 + 1) and trainer.gan.input_shape == (
        None,
        8 + 1,
    )
    real = trainer.real_inputs
    np.testing.assert_array_equal(real[:, :64], trainer.dataset.curves)  # each curve with its own b
    np.testing.assert_allclose(
        real[:, 64], 2 * (trainer.dataset.frequency - 0.5) / 1.5 - 1, rtol=1e-6
    )
    latent = latent_for(CONDITIONAL, 1000, np.random.default_rng(0))
    assert (
        latent.shape == (1000, 9)
        and -1 <= latent[:, 8].min() < -0.9
        and 0.9 < latent[:, 8].max() <= 1
    )
    # The GAN hands D the curve G drew and the b G was asked for.
    curves = to_numpy(trainer.generator(latent[:5]))
    expected = to_numpy(trainer.discriminator(np.concatenate([curves, latent[:5, 8:]], axis=1)))
    np.testing.assert_allclose(to_numpy(trainer.gan(latent[:5])), expected, rtol=1e-5)


def test_the_condition_changes_the_curves_and_the_seed_fixes_them():
    trainer = Trainer(CONDITIONAL)
    low = sample_conditional_curves(trainer.generator, CONDITIONAL, [0.5] * 4, seed=3)
    high = sample_conditional_curves(trainer.generator, CONDITIONAL, [2.0] * 4, seed=3)
    assert low.shape == (4, 64) and np.abs(low - high).max() > 1e-3  # same z, other b
    np.testing.assert_array_equal(
        low, sample_conditional_curves(trainer.generator, CONDITIONAL, [0.5] * 4, seed=3)
    )


@pytest.mark.parametrize("config", [CONDITIONAL, PROJECTION], ids=["concatenate", "projection"])
def test_conditional_training_keeps_the_freeze(config):
    trainer = Trainer(config)
    g_changed, _, _, d_all = fast_step_changes(trainer, 0.001, 0.0)
    assert not g_changed and d_all
    _, d_changed, g_all, _ = fast_step_changes(trainer, 0.0, 0.001)
    assert not d_changed and g_all


def test_literal_engine_feeds_d_the_same_conditions_as_the_fast_engine():
    literal, fast = Trainer(CONDITIONAL, engine="literal"), Trainer(CONDITIONAL)
    batches = literal.draw_epoch_batches()
    np.testing.assert_allclose(literal.run_epoch(*batches), fast.run_epoch(*batches), atol=1e-5)
    for a, b in zip(literal.discriminator.weights, fast.discriminator.weights, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-5)


def sine_generator(config, fixed_frequency=None):
    """A stand-in G that draws sin(b·x + 1) exactly, for the b it reads (or a fixed b)."""
    x = np.linspace(config.x_min, config.x_max, config.train_len).astype("float32")

    def draw(inputs):  # (batch, latent_dim + 1)
        low, high = config.frequency_range
        b = (
            (inputs[:, -1:] + 1) / 2 * (high - low) + low
            if fixed_frequency is None
            else fixed_frequency
        )
        return keras.ops.sin(b * x[None, :] + 1.0)  # (batch, 64)

    return keras.Sequential(
        [keras.Input(shape=(config.generator_inputs,)), keras.layers.Lambda(draw)]
    )


def test_frequency_hit_rates_against_sines_of_known_frequency():
    x = np.linspace(-5, 5, 64)
    asked = [0.5, 1.0, 2.0]
    obedient = frequency_hit_rates(sine_generator(CONDITIONAL), CONDITIONAL, x, asked, 20)
    stubborn = frequency_hit_rates(
        sine_generator(CONDITIONAL, fixed_frequency=1.0), CONDITIONAL, x, asked, 20
    )
    np.testing.assert_array_equal(obedient, [1, 1, 1])
    np.testing.assert_array_equal(stubborn, [0, 1, 0])


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: GANConfig(conditional=True), "fresh_latent=False"),
        (lambda: GANConfig(conditional=1, fresh_latent=True), "conditional=1"),
        (lambda: sample_conditional_curves(None, GANConfig(), [1.0]), "conditional=False"),
        (
            lambda: sample_conditional_curves(None, CONDITIONAL, [[1.0]]),
            r"frequencies.shape=\(1, 1\)",
        ),
    ],
)
def test_bad_conditional_input_raises_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_pretraining_labels_each_noise_curve_with_its_real_partners_frequency():
    trainer = Trainer(CONDITIONAL.replace(pretrain_batches=1))
    seen = []
    train_on_batch = trainer.discriminator.train_on_batch
    trainer.discriminator.train_on_batch = lambda x, y: (
        seen.append(np.asarray(x)) or train_on_batch(x, y)
    )
    trainer.pretrain_discriminator(log=None)
    x = seen[0]  # (128, 65): 64 real curves, then 64 NOISE curves
    np.testing.assert_array_equal(x[64:, 64], x[:64, 64])
    assert set(map(tuple, x[:64])) <= set(map(tuple, trainer.real_inputs))


def test_projection_discriminator_matches_its_formula_by_hand(tmp_path):
    from sinegan import discriminator_for

    discriminator = discriminator_for(PROJECTION)
    rng = np.random.default_rng(0)
    weights = {
        layer.name: [rng.normal(size=w.shape).astype("float32") for w in layer.get_weights()]
        for layer in discriminator.layers
        if layer.get_weights()
    }
    for name, values in weights.items():
        discriminator.get_layer(name).set_weights(values)
    inputs = np.concatenate(
        [rng.uniform(-1, 1, (5, 64)), rng.uniform(-1, 1, (5, 1))], axis=1
    ).astype("float32")

    def leaky(values):
        return np.where(values > 0, values, 0.2 * values)

    # (5, 4) phi(x): the curve alone
    features = leaky(
        leaky(inputs[:, :64] @ weights["features_1"][0] + weights["features_1"][1])
        @ weights["features_2"][0]
        + weights["features_2"][1]
    )
    # (5, 4) e(b)
    embedding = (
        leaky(inputs[:, 64:] @ weights["embedding_1"][0] + weights["embedding_1"][1])
        @ weights["embedding_2"][0]
        + weights["embedding_2"][1]
    )
    logit = (
        features @ weights["score"][0][:, 0]
        + weights["score"][1][0]
        + np.sum(features * embedding, axis=1)
    )
    expected = 1 / (1 + np.exp(-logit))
    np.testing.assert_allclose(
        to_numpy(discriminator(inputs))[:, 0], expected, rtol=1e-4, atol=1e-6
    )
    discriminator.save(tmp_path / "discriminator.keras")  # the run folder saves D whole
    loaded = keras.models.load_model(tmp_path / "discriminator.keras", compile=False)
    np.testing.assert_allclose(to_numpy(loaded(inputs)), to_numpy(discriminator(inputs)), rtol=1e-6)


def test_projection_needs_a_conditional_recipe():
    with pytest.raises(ValueError, match="conditional=False"):
        GANConfig(discriminator_conditioning="projection")
    with pytest.raises(ValueError, match="discriminator_conditioning='dot'"):
        CONDITIONAL.replace(discriminator_conditioning="dot")
