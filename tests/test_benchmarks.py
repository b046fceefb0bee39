"""The benchmarks: the FLOP count, checked by hand on a tiny recipe, and the quality columns,
measured on one short run by the same path as the monitor and ``sinegan evaluate``."""

import json

import numpy as np
import pytest
from scipy.stats import wasserstein_distance

from benchmarks.bench_training import dense_multiply_adds, flops_per_step
from benchmarks.measures import PAIRED_SAMPLES, SAMPLE_SEED, SAMPLES, discriminator_fakes, measure
from sinegan import CONDITIONAL, GANConfig, Trainer, curves_for, generate_curves, latent_for
from sinegan.measure.distances import (
    diversity_ratio,
    kernel_mmd,
    knn_precision_recall,
    median_heuristic_bandwidth,
    mmd_floor,
)
from sinegan.measure.evaluate import evaluate_curves
from sinegan.measure.sine_fit import fit_sines, sine_like_fraction
from sinegan.tool.cli import main
from sinegan.tool.rundir import write_checkpoint


def test_dense_multiply_adds_sums_in_times_out():
    assert dense_multiply_adds([4, 3, 2]) == 4 * 3 + 3 * 2
    assert dense_multiply_adds([5]) == 0


def test_flops_per_step_on_a_tiny_recipe():
    # Half batch h = 2; G: 4 -> 3 -> 4, so 12 + 12 = 24 multiply-adds per row;
    # D: 4 -> 2 -> 2 -> 1, so 8 + 4 + 2 = 14 multiply-adds per row.
    config = GANConfig(
        train_len=4,
        latent_dim=4,
        train_size=8,
        batch_size=4,
        generator_units=(3,),
        discriminator_units=2,
    )
    generate = 2 * 2 * 24  # G forward on 2 latent vectors: 96
    train_discriminator = 3 * 2 * 4 * 14  # D trained on 4 curves: 336
    train_generator = 3 * 2 * 2 * 24 + 2 * 2 * 2 * 14  # G trained 288, frozen D 112
    assert generate + train_discriminator + train_generator == 832
    assert flops_per_step(config) == 832


def test_flops_per_step_on_the_slides_recipe():
    # 8 h G + 16 h D with h = 64, G = 36,864 and D = 8,256.
    assert flops_per_step(GANConfig()) == 8 * 64 * 36_864 + 16 * 64 * 8_256 == 27_328_512


# ---------------------------------------------------------------- one measurement path
@pytest.fixture(scope="module")
def trained():
    """The slides' recipe after one short epoch: poor curves, which is all the checks need."""
    trainer = Trainer(GANConfig(train_size=512, pretrain_batches=4, epochs=1, monitor_samples=100))
    trainer.pretrain_discriminator(log=None)
    trainer.train(log=None)
    return trainer


def test_monitor_and_sinegan_evaluate_report_what_evaluate_curves_measures(
    trained, tmp_path, capsys
):
    generator, x, monitor = trained.sampling_generator, trained.dataset.x, trained.monitor
    expected = evaluate_curves(
        generate_curves(generator, monitor.latent), monitor.real, x
    ).summary()
    assert monitor.measure(generator) == expected
    assert trained.history.quality[-1] == {"epoch": 1, **expected}  # what training recorded
    write_checkpoint(trained, tmp_path)
    assert main(["evaluate", "--run", str(tmp_path), "--n", "60", "--seed", "1"]) == 0
    printed = json.loads(capsys.readouterr().out)
    rows = np.random.default_rng(1).choice(512, 60, replace=False)
    report = evaluate_curves(
        curves_for(generator, trained.config, 60, seed=1),
        trained.dataset.curves[rows],
        x,
        seed=1,
        paired=60,
    )
    assert printed == {
        "epoch": 1,
        "samples": 60,
        "seed": 1,
        **json.loads(json.dumps(report.to_dict())),
    }


def test_benchmark_columns_keep_their_definitions(trained):
    # Each column against its definition, computed here from the measures themselves.
    row, data = measure(trained), trained.dataset
    # (2000, 64)
    generated = generate_curves(
        trained.sampling_generator,
        latent_for(trained.config, SAMPLES, np.random.default_rng(SAMPLE_SEED)),
    )
    # (500, 64)
    real = data.curves[
        np.random.default_rng(SAMPLE_SEED).choice(512, PAIRED_SAMPLES, replace=False)
    ]
    fit = fit_sines(generated, data.x)
    p5, p95 = np.percentile(fit.frequency, [5, 95])
    data_p5, data_p95 = np.percentile(data.frequency, [5, 95])  # the true b of every training curve
    bandwidth = median_heuristic_bandwidth(generated[:PAIRED_SAMPLES], real)
    assert row["sine-like"] == sine_like_fraction(fit) and row["rmse p50"] == pytest.approx(
        np.median(fit.rmse)
    )
    assert (row["b p5"], row["b p95"]) == pytest.approx((p5, p95))
    assert (row["b p5 gap"], row["b p95 gap"]) == pytest.approx(
        (abs(p5 - data_p5), abs(p95 - data_p95)), abs=1e-6
    )
    assert row["W1(b)"] == pytest.approx(
        wasserstein_distance(fit.frequency, data.frequency), abs=1e-6
    )
    assert (row["prec"], row["rec"]) == knn_precision_recall(generated[:PAIRED_SAMPLES], real, k=3)
    assert row["MMD"] == pytest.approx(kernel_mmd(generated[:PAIRED_SAMPLES], real, bandwidth))
    assert row["floor"] == pytest.approx(mmd_floor(real, SAMPLE_SEED, bandwidth))
    assert row["diversity"] == pytest.approx(diversity_ratio(generated[:PAIRED_SAMPLES], real))
    assert 0 <= row["D acc"] <= 1


def test_a_conditional_discriminator_reads_each_fake_with_the_b_it_was_asked_for():
    trainer = Trainer(
        CONDITIONAL.replace(train_size=512, pretrain_batches=4, epochs=1, monitor_samples=100)
    )
    # (64, latent_dim + 1): z, then b
    latent = latent_for(trainer.config, 64, np.random.default_rng(0))
    fakes = discriminator_fakes(trainer, latent)
    # the averaged G, as every other column
    curves = generate_curves(trainer.sampling_generator, latent)
    np.testing.assert_allclose(fakes, np.concatenate([curves, latent[:, -1:]], axis=1), atol=1e-6)
    assert 0 <= measure(trainer)["D acc"] <= 1  # D reads (512, 65) real and generated inputs
