"""Latent-space walks: interpolation ends at G(z0) and G(z1), the frequency direction is found,
and latent arithmetic carries a frequency that is linear in z."""

import importlib.util
from pathlib import Path

import keras
import numpy as np
import pytest

from sinegan import GANConfig, generate_curves, generator_for, x_coords
from sinegan.lectures.latent import (
    frequency_direction,
    interpolate_curves,
    interpolate_latent,
    latent_arithmetic,
    measure_arithmetic,
    move_along,
    slerp,
)

CONFIG = GANConfig(fresh_latent=True, latent_distribution="normal", latent_dim=4)
Z0, Z1 = np.array([1.0, 0.0, -0.5, 2.0]), np.array([0.0, 1.0, 0.5, -1.0])


def test_interpolation_ends_at_the_generators_outputs():
    generator = generator_for(CONFIG)
    for method in ("linear", "spherical"):
        path, curves = interpolate_curves(generator, Z0, Z1, steps=9, method=method)
        assert path.shape == (9, 4) and curves.shape == (9, 64)
        np.testing.assert_array_equal(path[[0, -1]], np.float32([Z0, Z1]))
        np.testing.assert_allclose(
            curves[[0, -1]], generate_curves(generator, np.float32([Z0, Z1])), atol=1e-6
        )
    assert not np.allclose(curves[4], curves[0], atol=1e-3)  # the middle is neither end


def test_linear_path_is_evenly_spaced_on_the_segment():
    path = interpolate_latent(Z0, Z1, steps=5)
    np.testing.assert_allclose(
        path, [Z0 + t * (Z1 - Z0) for t in (0, 0.25, 0.5, 0.75, 1)], rtol=1e-6
    )


def test_spherical_path_keeps_the_norm_that_linear_loses():
    east, north = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    middle = interpolate_latent(east, north, steps=3, method="spherical")[1]
    # on the unit circle
    np.testing.assert_allclose(middle, [np.sqrt(0.5), np.sqrt(0.5)], rtol=1e-6)
    assert np.linalg.norm(interpolate_latent(east, north, steps=3)[1]) == pytest.approx(
        np.sqrt(0.5)
    )


def test_slerp_is_one_stop_of_the_spherical_path():
    path = interpolate_latent(Z0, Z1, steps=5, method="spherical")
    for stop, t in enumerate((0.0, 0.25, 0.5, 0.75, 1.0)):
        np.testing.assert_allclose(slerp(Z0, Z1, t), path[stop], rtol=1e-6, atol=1e-7)
    middle = slerp(Z0, Z1, 0.5)
    assert np.linalg.norm(middle) == pytest.approx((np.linalg.norm(Z0) + np.linalg.norm(Z1)) / 2)


@pytest.mark.parametrize("t", [-0.1, 1.5, True, "half", np.nan])
def test_slerp_refuses_a_fraction_outside_0_to_1(t):
    with pytest.raises(ValueError, match="Received: t="):
        slerp(Z0, Z1, t)


@pytest.mark.parametrize(
    "z0, z1, steps, method, name",
    [
        (Z0, Z1, 1, "linear", "steps"),
        (Z0, Z1, 2.5, "linear", "steps"),
        (Z0, Z1[:3], 4, "linear", "z0"),
        ([np.nan, 0, 0, 0], Z1, 4, "linear", "z0"),
        (Z0, [0, np.inf, 0, 0], 4, "linear", "z1"),
        (Z0, Z1, 4, "cubic", "method"),
        (np.ones((2, 4)), Z1, 4, "linear", "z0"),
    ],
)
def test_bad_interpolation_input_raises(z0, z1, steps, method, name):
    with pytest.raises(ValueError, match=f"Received: {name}"):
        interpolate_latent(z0, z1, steps, method)


def known_generator():
    """A 'generator' whose frequency is known: sin(b x + 1.5), b = 1.2 + 0.3 z[0] - 0.1 z[2]."""
    x = keras.ops.convert_to_tensor(x_coords(CONFIG), "float32")  # (64,)
    weights = keras.ops.convert_to_tensor([0.3, 0.0, -0.1, 0.0], "float32")

    def curves(z):  # (batch, 4)
        frequency = 1.2 + keras.ops.sum(z * weights, axis=1, keepdims=True)  # (batch, 1)
        return keras.ops.sin(frequency * x[None, :] + 1.5)  # (batch, 64)

    return keras.Sequential(
        [keras.Input(shape=(4,)), keras.layers.Lambda(curves, output_shape=(64,))]
    )


def test_frequency_direction_recovers_a_known_direction():
    generator, x = known_generator(), x_coords(CONFIG)
    latent = np.random.default_rng(0).uniform(-1, 1, (300, 4))
    found = frequency_direction(generator, x, latent)
    expected = np.array([0.3, 0.0, -0.1, 0.0])
    np.testing.assert_allclose(found.weights, expected, atol=2e-3)
    np.testing.assert_allclose(found.direction, expected / np.linalg.norm(expected), atol=5e-3)
    assert found.r_squared > 0.999 and found.curves_used == 300 and found.sine_like == 1.0
    assert found.frequency_per_unit == pytest.approx(np.sqrt(0.1), abs=2e-3)
    # Moving along it raises the frequency by |w| per unit, as claimed.
    _, curves = move_along(generator, np.zeros(4), found.direction, [0.0, 1.0])
    from sinegan.measure.sine_fit import fit_sines

    frequencies = fit_sines(curves, x).frequency
    assert frequencies[1] - frequencies[0] == pytest.approx(np.sqrt(0.1), abs=5e-3)


def test_frequency_direction_refuses_curves_that_are_not_sines():
    flat = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(64, activation="tanh")])
    # the same noisy curve for every z
    flat.layers[0].set_weights(
        [
            np.zeros((4, 64), "float32"),
            np.random.default_rng(0).uniform(-1, 1, 64).astype("float32"),
        ]
    )
    with pytest.raises(ValueError, match="Too few sine-like curves"):
        frequency_direction(
            flat, x_coords(CONFIG), np.random.default_rng(0).standard_normal((50, 4))
        )


def test_example_draws_both_figures(tmp_path, capsys):
    path = Path(__file__).resolve().parents[1] / "examples" / "latent_space.py"
    spec = importlib.util.spec_from_file_location("latent_space", path)
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    example.main(["--epochs", "1", "--out", str(tmp_path)])
    output = capsys.readouterr().out
    assert "Interpolating from z0 to z1" in output
    written = sorted(path.name for path in tmp_path.iterdir())
    # After one epoch G may draw too few sines for a direction; then it says so and skips that
    # figure.
    if "No frequency direction" in output:
        assert written == ["latent_interpolation.png"]
    else:
        assert "R² =" in output and written == [
            "frequency_direction.png",
            "latent_interpolation.png",
        ]


def test_latent_arithmetic_is_a_minus_b_plus_c_row_by_row():
    rows = np.arange(24, dtype=np.float64).reshape(3, 2, 4)
    result = latent_arithmetic(*rows)
    assert result.dtype == np.float32 and result.shape == (2, 4)
    np.testing.assert_array_equal(result, rows[0] - rows[1] + rows[2])
    np.testing.assert_array_equal(latent_arithmetic(Z0, Z1, Z0), np.float32(2 * Z0 - Z1))


@pytest.mark.parametrize(
    "z_a, z_b, z_c, name",
    [
        (Z0, Z1[:3], Z0, "z_b"),
        (Z0, Z1, [np.nan, 0, 0, 0], "z_c"),
        (np.ones((2, 2, 4)), np.ones((2, 2, 4)), np.ones((2, 2, 4)), "z_a"),
    ],
)
def test_bad_arithmetic_input_raises(z_a, z_b, z_c, name):
    with pytest.raises(ValueError, match=f"Received: {name}.shape"):
        latent_arithmetic(z_a, z_b, z_c)


def test_arithmetic_carries_a_frequency_that_is_linear_in_z():
    generator, x = known_generator(), x_coords(CONFIG)
    z_a, z_b, z_c = np.random.default_rng(1).uniform(-1, 1, (3, 20, 4))
    measured = measure_arithmetic(generator, x, z_a, z_b, z_c)
    assert measured.frequencies.shape == (20, 4) and measured.sine_like.all()
    np.testing.assert_allclose(measured.latent, np.float32(z_a - z_b + z_c))
    # b = 1.2 + 0.3 z[0] - 0.1 z[2] exactly, so b of the result is b_a - b_b + b_c.
    np.testing.assert_allclose(measured.error, 0.0, atol=5e-3)
    with pytest.raises(ValueError, match="Received: z_a.shape"):
        measure_arithmetic(generator, x, Z0, Z1, Z0)
