import math

import numpy as np
import pytest

from sinegan import GANConfig, make_dataset, make_noise_curves, preset, x_coords


def test_grid_is_the_slides_x_coords():
    x = x_coords(GANConfig())
    assert x.shape == (64,)
    assert x[0] == -5.0 and x[-1] == 5.0
    np.testing.assert_allclose(np.diff(x), 10 / 63)


def test_every_row_is_numpy_sin_at_its_own_parameters():
    config = GANConfig(train_size=256)
    data = make_dataset(config, np.random.default_rng(1))
    assert data.curves.shape == (256, 64) and data.curves.dtype == np.float32
    for row in range(0, 256, 17):
        # the slides' own per-point formula
        expected = [
            data.amplitude[row] * math.sin(data.frequency[row] * x + data.phase[row])
            for x in data.x
        ]
        np.testing.assert_allclose(data.curves[row], expected, atol=1e-6)


def test_parameters_follow_the_slide_code_ranges_including_the_phase_quirk():
    data = make_dataset(GANConfig(), np.random.default_rng(2))
    assert np.all(data.amplitude == 1.0)
    assert 0.5 <= data.frequency.min() < 0.52 and 1.98 < data.frequency.max() <= 2.0
    # uniform(np.math.pi) means uniform(low=pi, high=1): phases lie in [1, pi], not anywhere.
    assert 1.0 <= data.phase.min() < 1.01 and math.pi - 0.01 < data.phase.max() <= math.pi


def test_noise_curves_are_uniform_in_y_range():
    noise = make_noise_curves(GANConfig(), 4096, np.random.default_rng(3))
    assert noise.shape == (4096, 64) and noise.dtype == np.float32
    assert -1.0 <= noise.min() < -0.999 and 0.999 < noise.max() <= 1.0
    assert abs(noise.mean()) < 0.01  # mean of U(-1, 1) is 0
    assert abs(noise.var() - 1 / 3) < 0.01  # variance of U(-1, 1) is 1/3


def test_same_seed_same_data_other_seed_other_data():
    config = GANConfig(train_size=128)
    first, second = (make_dataset(config, np.random.default_rng(7)) for _ in range(2))
    np.testing.assert_array_equal(first.curves, second.curves)
    np.testing.assert_array_equal(first.noise, second.noise)
    other = make_dataset(config, np.random.default_rng(8))
    assert not np.array_equal(first.curves, other.curves)


def test_slides_preset_is_the_default_config():
    assert preset("slides") == GANConfig()
    config = GANConfig()
    assert (config.train_len, config.train_size, config.batch_size, config.epochs) == (
        64,
        8192,
        128,
        64,
    )
    assert config.steps_per_epoch == 64 and config.pretrain_batches == 32
    assert config.discriminator_dropout == 0.4 and config.fresh_latent is False


@pytest.mark.parametrize(
    "changes, parameter",
    [
        ({"train_len": 0}, "train_len=0"),
        ({"train_size": -5}, "train_size=-5"),
        ({"batch_size": 7}, "batch_size=7"),
        ({"batch_size": 1024, "train_size": 512}, "batch_size=1024"),
        ({"epochs": -1}, "epochs=-1"),
        ({"epochs": 2.5}, "epochs=2.5"),
        ({"discriminator_dropout": 1.0}, "discriminator_dropout=1.0"),
        ({"learning_rate": float("nan")}, "learning_rate=nan"),
        ({"frequency_range": (2.0, 0.5)}, "frequency_range=(2.0, 0.5)"),
        ({"phase_range": 3.0}, "phase_range=3.0"),
        ({"x_min": 5.0}, "x_min, x_max=(5.0, 5.0)"),
        ({"generator_units": (64, 0)}, "generator_units=(64, 0)"),
        ({"latent_dim": 10}, "latent_dim=10"),
        ({"fresh_latent": "yes"}, "fresh_latent='yes'"),
        ({"no_such_field": 1}, "no_such_field=1"),
    ],
)
def test_bad_config_raises_value_error_naming_the_value(changes, parameter):
    with pytest.raises(
        ValueError, match="Received: " + parameter.replace("(", r"\(").replace(")", r"\)")
    ):
        GANConfig().replace(**changes)


def test_unknown_preset_is_a_value_error():
    with pytest.raises(ValueError, match="preset='best'"):
        preset("best")


def test_fresh_latent_allows_another_latent_size():
    assert GANConfig(fresh_latent=True, latent_dim=16).latent_dim == 16
