"""examples/sine_gan.py, run as a student runs it: a real process."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sinegan.measure.sine_fit import fit_sines, sine_like_fraction

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sine_gan.py"
ENVIRONMENT = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}


def run_example(*arguments):
    return subprocess.run(
        [sys.executable, str(EXAMPLE), *arguments],
        capture_output=True,
        text=True,
        env=ENVIRONMENT,
        timeout=300,
    )


def test_example_trains_prints_both_tables_and_writes_samples_and_figures(tmp_path):
    result = run_example("--epochs", "2", "--seed", "1", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert " batch | D loss  | D accuracy" in result.stdout  # step 3 table
    assert " epoch | D loss  | G loss  | D accuracy | G accuracy" in result.stdout  # step 5 table
    epoch_rows = [
        row for row in result.stdout.split("G accuracy")[1].splitlines() if row.count("|") == 4
    ]
    assert [row.split("|")[0].strip() for row in epoch_rows] == ["1", "2"]
    assert "quality after epoch 2: sine-like" in result.stdout  # measured at the last epoch
    samples = np.load(tmp_path / "samples.npz")
    assert samples["curves"].shape == (1000, 64) and samples["x"].shape == (64,)
    assert np.all(np.abs(samples["curves"]) < 1)  # tanh output
    np.testing.assert_allclose(samples["x"], np.linspace(-5, 5, 64))
    for name in ("training_curves", "generated_vs_real", "snapshots", "history"):
        assert (tmp_path / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [
            "samples.npz",
            "training_curves.png",
            "generated_vs_real.png",
            "snapshots.png",
            "history.png",
        ]
    )
    # The printed measures are those of the saved curves.
    fit = fit_sines(samples["curves"], samples["x"])
    low, high = np.percentile(fit.frequency, [5, 95])
    assert f"  sine-like (sine fit RMSE < 0.1): {sine_like_fraction(fit):.1%}\n" in result.stdout
    assert (
        f"  fitted frequencies, 5th-95th percentile: {low:.2f}-{high:.2f} (data: " in result.stdout
    )
    assert "  k-NN precision " in result.stdout


def test_improved_preset_runs_with_the_same_outputs(tmp_path):
    result = run_example("--preset", "improved", "--epochs", "2", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "quality after epoch 2" in result.stdout
    assert np.load(tmp_path / "samples.npz")["curves"].shape == (1000, 64)
    assert len(list(tmp_path.glob("*.png"))) == 4


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--epochs", "0"], "--epochs: expected a positive integer, received '0'"),
        (["--epochs", "many"], "--epochs: expected a positive integer, received 'many'"),
        (["--seed", "-1"], "--seed: expected a non-negative integer, received '-1'"),
        (["--preset", "best"], "--preset: invalid choice: 'best'"),
        (["--engine", "turbo"], "--engine: invalid choice: 'turbo'"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(arguments, message):
    result = run_example(*arguments)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_unwritable_output_folder_fails_before_training(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_example("--out", str(blocker / "run"))
    assert result.returncode != 0
    assert "cannot write to --out" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "epoch" not in result.stdout
