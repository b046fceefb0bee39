"""Tests for sinegan.measure, checked against independent references (scipy, brute force, hand
values)."""

import json
import subprocess
import sys
import time

import numpy as np
import pytest
from scipy.optimize import curve_fit
from scipy.stats import wasserstein_distance

from sinegan.measure.distances import (
    discriminator_accuracy,
    diversity_ratio,
    kernel_mmd,
    knn_precision_recall,
    mmd_floor,
    mode_collapse_alarm,
    parameter_distances,
)
from sinegan.measure.evaluate import QualityReport, evaluate_curves
from sinegan.measure.sine_fit import SineFit, fit_sines, sine_like_fraction

X = np.linspace(-5, 5, 64)


def sine_curves(rng, n, frequency_range=(0.5, 2.0), phase_range=(1.0, np.pi), amplitude=1.0):
    """The course's data: amplitude * sin(b x + c), b and c uniform. Returns (curves, b, c)."""
    frequency = rng.uniform(*frequency_range, n)
    phase = rng.uniform(*phase_range, n)
    return amplitude * np.sin(frequency[:, None] * X + phase[:, None]), frequency, phase


def sine_model(x, a, b, c, d):
    return a * np.sin(b * x + c) + d


def circular_difference(first, second):
    return np.abs(np.angle(np.exp(1j * (first - second))))


@pytest.fixture(scope="module")
def samples():
    rng = np.random.default_rng(1234)
    return {
        "real": sine_curves(rng, 500)[0],
        "real_again": sine_curves(rng, 500)[0],
        "noise": rng.uniform(-1, 1, (500, 64)),
        "partial": sine_curves(rng, 500, frequency_range=(0.55, 1.15))[0],
    }


# ---------------------------------------------------------------- fit_sines
def test_fit_sines_recovers_clean_parameters():
    rng = np.random.default_rng(0)
    n = 400
    a, b = rng.uniform(0.5, 1.5, n), rng.uniform(0.5, 2.0, n)
    c, d = rng.uniform(-10, 10, n), rng.uniform(-0.2, 0.2, n)
    fit = fit_sines(sine_model(X, a[:, None], b[:, None], c[:, None], d[:, None]), X)
    np.testing.assert_allclose(fit.amplitude, a, atol=1e-8)
    np.testing.assert_allclose(fit.frequency, b, atol=1e-8)
    np.testing.assert_allclose(fit.offset, d, atol=1e-8)
    assert circular_difference(fit.phase, c).max() < 1e-8
    assert fit.rmse.max() < 1e-8
    assert np.all((fit.phase >= 0) & (fit.phase < 2 * np.pi))
    assert all(
        getattr(fit, name).shape == (n,) and getattr(fit, name).dtype == np.float64
        for name in ("amplitude", "frequency", "phase", "offset", "rmse")
    )


def test_fit_sines_noisy_matches_curve_fit_reference():
    rng = np.random.default_rng(1)
    n, sigma = 40, 0.02
    a, b = rng.uniform(0.5, 1.5, n), rng.uniform(0.5, 2.0, n)
    c, d = rng.uniform(0, 2 * np.pi, n), rng.uniform(-0.2, 0.2, n)
    curves = sine_model(X, a[:, None], b[:, None], c[:, None], d[:, None]) + rng.normal(
        0, sigma, (n, 64)
    )
    fit = fit_sines(curves, X)
    for i in range(n):
        reference, _ = curve_fit(sine_model, X, curves[i], p0=[a[i], b[i], c[i], d[i]])
        reference_rmse = np.sqrt(np.mean((curves[i] - sine_model(X, *reference)) ** 2))
        if reference[0] < 0:  # bring scipy's answer to the a >= 0 convention
            reference[0], reference[2] = -reference[0], reference[2] + np.pi
        np.testing.assert_allclose(
            [fit.amplitude[i], fit.frequency[i], fit.offset[i]], reference[[0, 1, 3]], atol=1e-5
        )
        assert circular_difference(fit.phase[i], reference[2]) < 1e-5
        assert fit.rmse[i] == pytest.approx(reference_rmse, abs=1e-8)
    # Four fitted parameters take a little of the noise: expected rmse = sigma * sqrt(60 / 64).
    assert fit.rmse.mean() == pytest.approx(sigma * np.sqrt(60 / 64), rel=0.1)


def test_fit_sines_sign_convention_and_flat_curves():
    fit = fit_sines(np.stack([-2 * np.sin(1.5 * X), np.zeros(64), np.full(64, 0.3)]), X)
    assert fit.amplitude[0] == pytest.approx(2) and fit.frequency[0] == pytest.approx(1.5)
    assert fit.phase[0] == pytest.approx(np.pi)
    np.testing.assert_allclose(fit.amplitude[1:], 0, atol=1e-12)
    np.testing.assert_allclose(fit.offset[1:], [0, 0.3], atol=1e-12)
    assert np.all(fit.frequency > 0) and np.all(fit.rmse < 1e-12)


def test_fit_sines_is_fast_for_1000_curves():
    curves = sine_curves(np.random.default_rng(2), 1000)[0]
    start = time.perf_counter()
    fit_sines(curves, X)
    assert time.perf_counter() - start < 2.0


def test_sine_like_fraction(samples):
    assert sine_like_fraction(fit_sines(samples["real"], X)) == 1.0
    assert sine_like_fraction(fit_sines(samples["noise"], X)) <= 0.01
    noisy = samples["real"] + np.random.default_rng(3).normal(0, 0.02, (500, 64))
    assert sine_like_fraction(fit_sines(noisy, X)) == 1.0
    assert sine_like_fraction(
        SineFit(*[np.array([0.05, 0.2, 0.09])] * 5), threshold=0.1
    ) == pytest.approx(2 / 3)


# ---------------------------------------------------------------- parameter distances
def test_parameter_distances_match_scipy_and_hand_value():
    rng = np.random.default_rng(4)
    real, real_frequency, _ = sine_curves(rng, 400)
    shifted, shifted_frequency, _ = sine_curves(rng, 400, frequency_range=(1.0, 2.5))
    distances = parameter_distances(fit_sines(shifted, X), fit_sines(real, X))
    w1 = distances["frequency"]["wasserstein1"]
    # For equal-size samples W1 is the mean gap between the sorted values.
    hand = np.mean(np.abs(np.sort(shifted_frequency) - np.sort(real_frequency)))
    assert w1 == pytest.approx(hand, abs=1e-7)
    assert w1 == pytest.approx(wasserstein_distance(shifted_frequency, real_frequency), abs=1e-7)
    assert w1 == pytest.approx(0.5, abs=0.1)  # population value: the shift between the two uniforms
    assert distances["frequency"]["real_p5"] == pytest.approx(
        np.percentile(real_frequency, 5), abs=1e-7
    )
    assert distances["frequency"]["generated_p95"] == pytest.approx(
        np.percentile(shifted_frequency, 95), abs=1e-7
    )
    assert distances["amplitude"]["wasserstein1"] < 1e-7
    assert set(distances) == {"amplitude", "frequency", "phase"}


# ---------------------------------------------------------------- kernel MMD
def brute_force_mmd(first, second, sigma):
    def k(u, v):
        return np.exp(-np.sum((u - v) ** 2) / (2 * sigma**2))

    m, n = len(first), len(second)
    xx = sum(k(first[i], first[j]) for i in range(m) for j in range(m) if i != j) / (m * (m - 1))
    yy = sum(k(second[i], second[j]) for i in range(n) for j in range(n) if i != j) / (n * (n - 1))
    xy = sum(k(first[i], second[j]) for i in range(m) for j in range(n)) / (m * n)
    return xx + yy - 2 * xy


def test_kernel_mmd_matches_brute_force(samples):
    generated, real = samples["partial"][:12], samples["real"][:9]
    assert kernel_mmd(generated, real, bandwidth=3.0) == pytest.approx(
        brute_force_mmd(generated, real, 3.0), rel=1e-10
    )
    pooled = np.concatenate([generated, real])
    median = np.median(
        [np.linalg.norm(u - v) for i, u in enumerate(pooled) for v in pooled[i + 1 :]]
    )
    assert kernel_mmd(generated, real) == pytest.approx(
        brute_force_mmd(generated, real, median), rel=1e-10
    )


def test_kernel_mmd_real_versus_real_and_noise(samples):
    same = kernel_mmd(samples["real_again"], samples["real"])
    floor = mmd_floor(samples["real"], rng=0)
    noise = kernel_mmd(samples["noise"], samples["real"])
    # Unbiased MMD^2 of two samples of one distribution scatters around 0 (|value| ~ 0.001 here).
    assert abs(same) < 0.005 and abs(floor) < 0.005
    assert noise > 0.05 and noise > 10 * max(abs(same), abs(floor))
    assert kernel_mmd(samples["partial"], samples["real"]) > 10 * max(abs(same), abs(floor))
    assert mmd_floor(samples["real"], rng=7) == mmd_floor(
        samples["real"], rng=np.random.default_rng(7)
    )


# ---------------------------------------------------------------- precision / recall / diversity
def brute_force_precision_recall(generated, real, k):
    def radii(points):
        return np.array([np.sort([np.linalg.norm(p - q) for q in points])[k] for p in points])

    def covered(queries, centres, centre_radii):
        return np.mean(
            [
                any(np.linalg.norm(q - c) <= r for c, r in zip(centres, centre_radii, strict=True))
                for q in queries
            ]
        )

    return covered(generated, real, radii(real)), covered(real, generated, radii(generated))


def test_knn_precision_recall_matches_brute_force(samples):
    generated, real = samples["partial"][:40], samples["real"][:30]
    for k in (1, 3, 5):
        assert knn_precision_recall(generated, real, k) == pytest.approx(
            brute_force_precision_recall(generated, real, k)
        )


def test_knn_precision_recall_behaviour(samples):
    precision, recall = knn_precision_recall(samples["real_again"], samples["real"], k=3)
    assert precision >= 0.95 and recall >= 0.95  # about 0.97-0.99 for 500 vs 500
    collapsed = samples["real"][:1] + np.random.default_rng(5).normal(0, 1e-3, (500, 64))
    precision, recall = knn_precision_recall(collapsed, samples["real"])
    assert precision == 1.0 and recall <= 0.02
    precision, _ = knn_precision_recall(samples["noise"], samples["real"])
    assert precision <= 0.02


def test_diversity_ratio_and_mode_collapse_alarm(samples):
    real = samples["real"]
    assert diversity_ratio(samples["real_again"], real) == pytest.approx(1.0, abs=0.05)
    copies = np.repeat(real[:1], 500, axis=0)
    assert diversity_ratio(copies, real) == 0.0
    assert mode_collapse_alarm(copies, real) and not mode_collapse_alarm(
        samples["real_again"], real
    )
    assert mode_collapse_alarm(
        copies + np.random.default_rng(6).normal(0, 1e-3, copies.shape), real
    )


def test_partial_collapse_is_visible(samples):
    real, full, partial = samples["real"], samples["real_again"], samples["partial"]
    real_fit = fit_sines(real, X)
    w1_full = parameter_distances(fit_sines(full, X), real_fit)["frequency"]["wasserstein1"]
    w1_partial = parameter_distances(fit_sines(partial, X), real_fit)["frequency"]["wasserstein1"]
    assert w1_partial > 0.3 > 5 * w1_full
    recall_full = knn_precision_recall(full, real)[1]
    recall_partial = knn_precision_recall(partial, real)[1]
    assert recall_partial < 0.6 < 0.95 < recall_full
    # only a part of the range is lost: the alarm stays quiet
    assert not mode_collapse_alarm(partial, real)


# ---------------------------------------------------------------- discriminator accuracy
def test_discriminator_accuracy_with_hand_written_callable():
    received = []

    def discriminator(curves):  # "real" when the first point is positive
        received.append(curves.dtype)
        # shape (n, 1); 0.5 itself counts as "generated"
        return np.where(curves[:, :1] > 0, 0.9, 0.5)

    real = np.array([[1.0] * 64, [1.0] * 64, [1.0] * 64, [-1.0] * 64])
    generated = np.array([[-1.0] * 64, [1.0] * 64])
    accuracy = discriminator_accuracy(discriminator, real, generated)
    assert accuracy == {"real": 0.75, "generated": 0.5, "overall": 0.625}
    assert received == [np.float32, np.float32]
    assert discriminator_accuracy(lambda c: np.full(len(c), 0.5), real, generated)["overall"] == 0.5


# ---------------------------------------------------------------- full report
def test_evaluate_curves_report(samples):
    report = evaluate_curves(samples["real_again"], samples["real"], X, k=3, seed=0)
    assert isinstance(report, QualityReport)
    as_dict = json.loads(json.dumps(report.to_dict()))
    assert as_dict["precision"] == report.precision and as_dict["mode_collapse"] is False
    assert (
        as_dict["real_sine_like_fraction"] == 1.0 and as_dict["generated_sine_like_fraction"] == 1.0
    )
    # 5% into U(0.5, 2)
    assert as_dict["real_fit"]["frequency"]["p5"] == pytest.approx(0.575, abs=0.03)
    assert as_dict["parameter_distances"]["frequency"]["real_p95"] == pytest.approx(1.925, abs=0.03)
    assert (report.precision, report.recall) == knn_precision_recall(
        samples["real_again"], samples["real"]
    )
    assert report.mmd == pytest.approx(kernel_mmd(samples["real_again"], samples["real"]))
    assert abs(report.mmd_floor) < 0.005 and report.diversity_ratio == pytest.approx(1.0, abs=0.05)
    collapsed = evaluate_curves(np.repeat(samples["real"][:1], 50, axis=0), samples["real"], X)
    assert collapsed.mode_collapse and collapsed.recall < 0.02


def test_evaluate_curves_paired_fits_every_curve_and_pairs_the_first(samples):
    # 500 generated curves fitted, k-NN, MMD and diversity on the first 100 of each sample.
    generated, real = samples["real_again"], samples["real"]
    report = evaluate_curves(generated, real, X, seed=3, paired=100)
    whole = evaluate_curves(generated, real, X, seed=3)
    paired = evaluate_curves(generated[:100], real[:100], X, seed=3)
    assert report.paired == 100 and whole.paired is None
    assert report.generated_fit.frequency.shape == (500,) and report.real_fit.frequency.shape == (
        500,
    )
    assert report.parameter_distances == whole.parameter_distances
    assert (report.precision, report.recall) == knn_precision_recall(generated[:100], real[:100])
    for name in ("precision", "recall", "mmd", "mmd_floor", "mmd_bandwidth", "diversity_ratio"):
        assert getattr(report, name) == getattr(paired, name)
    assert json.loads(json.dumps(report.to_dict()))["paired"] == 100


def test_measure_modules_import_no_tensorflow():
    code = (
        "import sys, sinegan.measure.evaluate, sinegan.measure.distances, "
        "sinegan.measure.sine_fit; "
        "print(sorted(name for name in ('tensorflow', 'keras') if name in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "call, message",
    [
        (lambda real: fit_sines(np.zeros(3), X), r"curves\.shape=\(3,\)"),
        (lambda real: fit_sines(real, X[:10]), r"x\.shape=\(10,\)"),
        (
            lambda real: fit_sines(np.full((2, 64), np.nan), X),
            r"curves expected only finite values.*NaN/inf",
        ),
        (
            lambda real: fit_sines(real, X, frequency_range=(2.0, 1.0)),
            r"frequency_range=\(2\.0, 1\.0\)",
        ),
        (lambda real: kernel_mmd(real[:, :10], real), r"generated\.shape=\(20, 10\)"),
        (
            lambda real: kernel_mmd(real[:1], real),
            r"generated expected at least 2.*generated\.shape=\(1, 64\)",
        ),
        (lambda real: kernel_mmd(real, real, bandwidth=-1.0), r"bandwidth=-1\.0"),
        (lambda real: mmd_floor(real[:3]), r"real\.shape=\(3, 64\)"),
        (lambda real: knn_precision_recall(real, real, k=0), r"k=0"),
        (lambda real: knn_precision_recall(real, real, k=2.5), r"k=2\.5"),
        (
            lambda real: knn_precision_recall(real[:3], real, k=3),
            r"k=3.*generated\.shape=\(3, 64\)",
        ),
        (
            lambda real: knn_precision_recall(real, np.inf * real),
            r"real expected only finite values.*NaN/inf",
        ),
        (
            lambda real: diversity_ratio(real, np.repeat(real[:1], 5, axis=0)),
            r"real expected at least two different curves",
        ),
        (lambda real: mode_collapse_alarm(real, real, threshold=0), r"threshold=0"),
        (
            lambda real: sine_like_fraction(fit_sines(real, X), threshold=float("nan")),
            r"threshold=nan",
        ),
        (
            lambda real: discriminator_accuracy("not callable", real, real),
            r"discriminator='not callable'",
        ),
        (
            lambda real: discriminator_accuracy(lambda c: np.ones((len(c), 2)), real, real),
            r"shape=\(20, 2\)",
        ),
        (lambda real: evaluate_curves(real, real, X, k=-1), r"k=-1"),
        (
            lambda real: evaluate_curves(real, real, X, paired=21),
            r"from 4 to .*=20\. Received: paired=21",
        ),
        (lambda real: evaluate_curves(real, real, X, paired=2.5), r"paired=2\.5"),
    ],
)
def test_bad_input_raises_value_error_naming_the_parameter(call, message):
    real = sine_curves(np.random.default_rng(8), 20)[0]
    with pytest.raises(ValueError, match=message):
        call(real)
