"""The TimeGAN benchmark's Sines data and its two post-hoc scores.

The data are checked against their formula, drawn again here with NumPy; the
scores against what they must say at their two ends: two real draws cannot be told
apart (discriminative score near 0), constant series always can (near 0.5), and a
predictor trained on real series predicts real ones better than one trained on
constant series. Training is cut to a few hundred steps to keep the file fast.
"""

import keras
import numpy as np
import pytest

from sinegan.extras.timegan_sines import timegan_sines
from sinegan.measure.stacked import side_by_side, stacked_gru
from sinegan.measure.timegan import discriminative_score, predictive_score, repeated_score

STEPS = 200  # training steps per score: enough to separate the ends, and fast


@pytest.fixture(scope="module")
def real():
    return timegan_sines(n=800, seed=0)


@pytest.fixture(scope="module")
def other_real():
    return timegan_sines(n=800, seed=1)


def test_the_data_have_the_benchmarks_shape_type_and_range():
    data = timegan_sines(n=300, seed=3)
    assert data.shape == (300, 24, 5) and data.dtype == np.float32
    assert 0.0 <= data.min() and data.max() <= 1.0
    assert timegan_sines().shape == (10_000, 24, 5)  # the benchmark's size by default


def test_each_feature_is_its_own_slow_sinusoid_of_the_formula():
    data = timegan_sines(n=50, seed=7)
    rng = np.random.default_rng(7)  # the draws in the documented order: frequencies, phases
    frequencies, phases = rng.uniform(0, 0.1, (50, 5)), rng.uniform(0, 0.1, (50, 5))
    for i in (0, 31, 49):
        for k in range(5):
            expected = (np.sin(frequencies[i, k] * np.arange(24) + phases[i, k]) + 1) / 2
            np.testing.assert_allclose(data[i, :, k], expected, atol=1e-6)
    # and the frequency and phase can be read back from the curve itself
    sine = 2 * data[0, :, 2].astype(np.float64) - 1
    rising = (np.arange(24) < np.argmax(sine)) & (sine < 0.9)  # arcsin inverts sin there
    slope, intercept = np.polyfit(np.arange(24)[rising], np.arcsin(sine[rising]), 1)
    np.testing.assert_allclose([slope, intercept], [frequencies[0, 2], phases[0, 2]], atol=1e-4)


def test_seeds_repeat_and_differ():
    np.testing.assert_array_equal(timegan_sines(n=20, seed=5), timegan_sines(n=20, seed=5))
    assert not np.allclose(timegan_sines(n=20, seed=5), timegan_sines(n=20, seed=6))


def test_two_real_draws_cannot_be_told_apart(real, other_real):
    assert discriminative_score(real, other_real, iterations=STEPS) < 0.1


def test_constant_series_are_told_apart_from_real_ones(real):
    assert discriminative_score(real, np.zeros_like(real), iterations=STEPS) > 0.4


def test_training_on_real_series_predicts_real_ones_better_than_on_constant_ones(real, other_real):
    on_real = predictive_score(real, other_real, iterations=STEPS)
    on_constant = predictive_score(real, np.full_like(real, 0.5), iterations=STEPS)
    assert np.isfinite(on_real) and 0 < on_real < on_constant


def test_repeats_are_the_single_scores_with_consecutive_seeds(real, other_real):
    """The repeats train side by side in one network; each is still its own run."""
    options = {"iterations": 40, "batch_size": 32}
    singles = [predictive_score(real, other_real, seed=s, **options) for s in (4, 5)]
    mean, std = repeated_score(predictive_score, real, other_real, repeats=2, seed=4, **options)
    assert mean == pytest.approx(np.mean(singles), rel=1e-4)
    assert std == pytest.approx(np.std(singles), rel=1e-2)
    assert abs(singles[0] - singles[1]) > 1e-3  # the seeds really differ


def test_runs_side_by_side_start_as_alone_and_never_see_each_other(real):
    first, second = real[:64], real[64:128]
    alone = stacked_gru(1, 24, 5, 2, seeds=[11])
    together = stacked_gru(2, 24, 5, 2, seeds=[11, 12])
    outputs = keras.ops.convert_to_numpy(together(side_by_side([first, second])))
    np.testing.assert_allclose(
        outputs[:, 0], keras.ops.convert_to_numpy(alone(first))[:, 0], atol=1e-6
    )
    changed = keras.ops.convert_to_numpy(together(side_by_side([first, 1 - second])))
    np.testing.assert_array_equal(changed[:, 0], outputs[:, 0])  # run 0 never sees run 1's input
    assert not np.allclose(changed[:, 1], outputs[:, 1])


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (np.zeros((400, 24, 4)), r"real expected a 3-D array of series, shape \(n_series, 24, 5\)"),
        (np.zeros((400, 23, 5)), r"Received: real.shape=\(400, 23, 5\)"),
        (np.zeros((400, 120)), r"Received: real.shape=\(400, 120\)"),
        (np.zeros((100, 24, 5)), r"real expected at least 160 series: .*batch_size=128"),
        (np.full((400, 24, 5), np.nan), "real expected only finite float32 values"),
        (np.full((400, 24, 5), 1e39), "real expected only finite float32 values"),
        ("curves", "real expected an array of numbers"),
    ],
)
def test_a_score_refuses_a_bad_real_sample(bad, message, other_real):
    with pytest.raises(ValueError, match=message):
        discriminative_score(bad, other_real, iterations=1)


def test_a_score_refuses_a_bad_synthetic_sample_or_setting(real):
    with pytest.raises(ValueError, match=r"synthetic expected .*\(n_series, 24, 5\)"):
        predictive_score(real, real[..., :4], iterations=1)
    with pytest.raises(ValueError, match="synthetic expected at least 128 series"):
        predictive_score(real, real[:127], iterations=1)
    with pytest.raises(ValueError, match="synthetic expected only finite"):
        predictive_score(real, np.where(real > 0.9, np.inf, real), iterations=1)
    with pytest.raises(ValueError, match="iterations expected a positive integer"):
        discriminative_score(real, real, iterations=0)
    with pytest.raises(ValueError, match="score expected discriminative_score or"):
        repeated_score(np.mean, real, real)
    with pytest.raises(ValueError, match="n expected a positive integer"):
        timegan_sines(n=0)
