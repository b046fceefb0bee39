"""Lesson 0's library: pseudo-random numbers, inverse-transform sampling, a GAN on one number."""

import numpy as np
import pytest
from scipy.stats import wasserstein_distance

from sinegan.lectures.sampling import (
    LCG_INCREMENT,
    LCG_MODULUS,
    LCG_MULTIPLIER,
    SineValueGAN,
    exponential_density,
    exponential_inverse_cdf,
    lcg_uniform,
    sample_discrete,
    sine_value_density,
    sine_value_inverse_cdf,
    sine_values,
)


def test_the_lcg_repeats_its_stream_for_a_seed_and_stays_in_the_unit_interval():
    stream = lcg_uniform(10_000, seed=42)
    assert np.array_equal(stream, lcg_uniform(10_000, seed=42))
    assert not np.array_equal(stream, lcg_uniform(10_000, seed=43))
    assert stream[0] == ((LCG_MULTIPLIER * 42 + LCG_INCREMENT) % LCG_MODULUS) / LCG_MODULUS
    assert 0.0 <= stream.min() and stream.max() < 1.0
    assert abs(stream.mean() - 0.5) < 0.01
    assert np.all(np.abs(np.histogram(stream, bins=10, range=(0, 1))[0] / 1000 - 1) < 0.1)
    with pytest.raises(ValueError, match="Received: count=0"):
        lcg_uniform(0, seed=1)


def test_the_exponential_inverse_cdf_inverts_the_cdf_and_samples_the_density():
    u = np.linspace(0.0, 0.99, 100)
    x = exponential_inverse_cdf(u, rate=2.0)
    assert np.allclose(1 - np.exp(-2.0 * x), u)  # F(F⁻¹(u)) = u
    samples = exponential_inverse_cdf(np.random.default_rng(0).uniform(size=100_000), rate=2.0)
    assert abs(samples.mean() - 0.5) < 0.01
    grid = np.linspace(-1, 20, 200_001)
    assert abs(exponential_density(grid, 2.0).sum() * (grid[1] - grid[0]) - 1) < 1e-3
    with pytest.raises(ValueError, match=r"u expected numbers in \[0, 1\)"):
        exponential_inverse_cdf(np.array([0.5, 1.0]))
    with pytest.raises(ValueError, match="Received: rate=0"):
        exponential_inverse_cdf(0.5, rate=0)


def test_sampling_a_discrete_distribution_follows_the_weights():
    weights = np.array([1.0, 0.0, 3.0])  # outcome 1 can never come out
    assert sample_discrete(weights, np.array([0.0, 0.2499, 0.25, 0.9999])).tolist() == [0, 0, 2, 2]
    draws = sample_discrete(weights, np.random.default_rng(0).uniform(size=100_000))
    assert np.allclose(np.bincount(draws, minlength=3) / 100_000, [0.25, 0.0, 0.75], atol=0.01)
    for wrong in ([1.0, -1.0], [0.0, 0.0], []):
        with pytest.raises(ValueError, match="weights expected"):
            sample_discrete(wrong, np.array([0.5]))


def test_both_ways_of_drawing_a_sine_value_give_the_arcsine_distribution():
    by_phase = sine_values(50_000, np.random.default_rng(0))
    by_inverse = sine_value_inverse_cdf(np.random.default_rng(1).uniform(size=50_000))
    assert wasserstein_distance(by_phase, by_inverse) < 0.01
    quantiles = np.array([0.1, 0.25, 0.5, 0.75, 0.9])
    exact = sine_value_inverse_cdf(quantiles)
    assert np.allclose(np.quantile(by_phase, quantiles), exact, atol=0.02)
    grid = np.linspace(-0.999, 0.999, 100_001)
    area = sine_value_density(grid).sum() * (grid[1] - grid[0])
    assert 0.97 < area < 1.0  # the last 0.001 at each end holds the missing ~2%
    assert sine_value_density(np.array([-1.0, 1.5])).tolist() == [0.0, 0.0]


def test_the_one_number_gan_is_repeatable_for_a_seed():
    first, again, other = (SineValueGAN(seed=seed) for seed in (0, 0, 1))
    for gan in (first, again, other):
        gan.train(10)
    assert np.array_equal(first.sample(100), again.sample(100))
    assert not np.array_equal(first.sample(100), other.sample(100))
    assert first.steps_done == 10 and first.sample(100, seed=0).shape == (100,)


def test_the_one_number_gan_learns_the_sine_values():
    gan = SineValueGAN(seed=0)
    real = sine_values(2000, np.random.default_rng(10))
    before = wasserstein_distance(gan.sample(2000), real)
    losses = gan.train(400)
    after = wasserstein_distance(gan.sample(2000), real)
    assert losses.shape == (400, 2) and np.all(np.isfinite(losses))
    assert after < 0.2 and after < before / 2  # real against real: about 0.02 for 2000 values


def test_the_one_number_gan_refuses_bad_settings():
    with pytest.raises(ValueError, match="Received: discriminator_units=0"):
        SineValueGAN(discriminator_units=0)
    with pytest.raises(ValueError, match="Received: learning_rate=-1"):
        SineValueGAN(learning_rate=-1)
    with pytest.raises(ValueError, match=r"latent expected numbers in \[0, 1\)"):
        SineValueGAN(seed=0).generate(np.array([2.0]))
