"""The 1010 pattern GAN: the real source, the three steps' freezing, and what G learns."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sinegan.lectures.pattern1010 import PatternGAN, real_patterns

from helpers import all_changed, same, weights

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "pattern_1010.py"


def test_real_source_is_the_noisy_1010_pattern():
    patterns = real_patterns(20000, np.random.default_rng(0))
    assert patterns.shape == (20000, 4)
    for column, (low, high) in enumerate([(0.8, 1.0), (0.0, 0.2), (0.8, 1.0), (0.0, 0.2)]):
        assert low <= patterns[:, column].min() and patterns[:, column].max() <= high
        # uniform: mean at the centre
        assert abs(patterns[:, column].mean() - (low + high) / 2) < 0.002
    with pytest.raises(ValueError, match="Received: count=0"):
        real_patterns(0, np.random.default_rng(0))


def test_each_step_updates_only_its_own_network():
    gan = PatternGAN(seed=0)
    real = real_patterns(gan.batch_size, np.random.default_rng(1))  # (64, 4)
    latent = (
        np.random.default_rng(2).standard_normal((gan.batch_size, gan.latent_dim)).astype("float32")
    )
    for step in (
        lambda: gan.discriminator_step_real(real),
        lambda: gan.discriminator_step_generated(latent),
    ):
        g_before, d_before = weights(gan.generator), weights(gan.discriminator)
        step()
        assert same(g_before, weights(gan.generator))  # G is never rewarded for being caught
        assert all_changed(d_before, weights(gan.discriminator))
    g_before, d_before = weights(gan.generator), weights(gan.discriminator)
    gan.generator_step(latent)
    assert same(d_before, weights(gan.discriminator))  # D is not taught to be wrong
    assert all_changed(g_before, weights(gan.generator))


def test_traced_training_loop_keeps_the_freeze():
    """Inside the tf.function loop too: with G's rate at 0 only D moves, and vice versa."""
    gan = PatternGAN(seed=0)
    gan.generator_optimizer.learning_rate.assign(0.0)
    g_before = weights(gan.generator)
    gan.train(5, reports=1, log=None)
    assert same(g_before, weights(gan.generator))
    gan.generator_optimizer.learning_rate.assign(0.001)
    gan.discriminator_optimizer.learning_rate.assign(0.0)
    d_before, g_before = weights(gan.discriminator), weights(gan.generator)
    gan.train(5, reports=1, log=None)
    assert same(d_before, weights(gan.discriminator)) and all_changed(
        g_before, weights(gan.generator)
    )


def test_trained_generator_draws_the_pattern():
    gan = PatternGAN(seed=0)
    before = gan.sample(1000).mean(axis=0)
    assert np.abs(before - [0.9, 0.1, 0.9, 0.1]).max() > 0.3  # untrained: far from the pattern
    history = gan.train(2000, log=None)
    samples = gan.sample(1000)  # (1000, 4)
    assert samples.shape == (1000, 4)
    np.testing.assert_allclose(samples.mean(axis=0), [0.9, 0.1, 0.9, 0.1], atol=0.1)
    assert history.loss_table().shape == (2000, 3) and history.steps == list(range(0, 2001, 200))


def test_same_seed_same_networks_and_batches():
    first, second, other = PatternGAN(seed=3), PatternGAN(seed=3), PatternGAN(seed=4)
    np.testing.assert_array_equal(first.sample(10), second.sample(10))
    assert not np.array_equal(first.sample(10), other.sample(10))
    np.testing.assert_array_equal(real_patterns(5, first.rng), real_patterns(5, second.rng))


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--steps", "0"], "--steps: expected a positive integer, received '0'"),
        (["--seed", "x"], "--seed: expected a non-negative integer, received 'x'"),
    ],
)
def test_example_bad_arguments_exit_2_with_one_line(arguments, message):
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), *arguments], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_example_runs_end_to_end(tmp_path):
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), "--steps", "30", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    assert result.returncode == 0, result.stderr
    assert "Mean of 1000 generated patterns" in result.stdout
    samples = np.load(tmp_path / "samples.npz")["samples"]
    assert samples.shape == (1000, 4) and np.all((samples > 0) & (samples < 1))  # sigmoid output
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "pattern_losses.png",
        "pattern_training.png",
        "samples.npz",
    ]


@pytest.mark.parametrize(
    "arguments, name",
    [
        ({"seed": -1}, "seed"),
        ({"batch_size": 0}, "batch_size"),
        ({"learning_rate": float("nan")}, "learning_rate"),
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"latent_dim": 2.5}, "latent_dim"),
    ],
)
def test_bad_settings_raise(arguments, name):
    with pytest.raises(ValueError, match=f"Received: {name}="):
        PatternGAN(**arguments)
