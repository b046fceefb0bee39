"""The sinegan command, run as a user runs it: real processes, real signals, real files."""

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pytest

from sinegan import GANConfig, Trainer, sample_curves
from sinegan.tool.checkpoint import read_checkpoint
from sinegan.tool.cli import main

ROOT = Path(__file__).resolve().parents[1]
ENVIRONMENT = {
    **os.environ,
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
}
TINY = [
    "--set",
    "train_size=512",
    "--set",
    "pretrain_batches=4",
    "--set",
    "monitor_every=0",
    "--set",
    "monitor_samples=50",
]


def sinegan(*arguments, **options):
    return subprocess.Popen(
        [sys.executable, "-m", "sinegan", *arguments],
        env=ENVIRONMENT,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **options,
    )


def saved_epoch(run):
    try:
        return read_checkpoint(run / "checkpoint.npz")["metadata"]["epoch"]
    except (FileNotFoundError, ValueError):
        return -1


@contextlib.contextmanager
def process_wide_determinism_left_off():
    """``train`` turns on the backend's determinism, which is process-wide: in the test
    process, leave it off, so that the tests after these find the process as it was."""
    from sinegan import backends

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(backends.current(), "make_deterministic", lambda: None)
        yield


@pytest.fixture(scope="module")
def interrupted_run(tmp_path_factory):
    """A run stopped by Ctrl-C after a few epochs (a real process, a real signal), then
    resumed for two more in this process (one TensorFlow start-up fewer)."""
    run = tmp_path_factory.mktemp("runs") / "slides"
    process = sinegan("train", "--epochs", "5000", *TINY, "--out", str(run))
    deadline = time.monotonic() + 120
    # Reading the checkpoint while it is rewritten every epoch also proves the writes are atomic.
    while saved_epoch(run) < 1 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    interrupted = {"returncode": process.returncode, "stderr": stderr, "epoch": saved_epoch(run)}
    stdout, stderr = io.StringIO(), io.StringIO()
    with (
        process_wide_determinism_left_off(),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
        warnings.catch_warnings(),
    ):
        # Keras's own model.save under NumPy 2; a separate process used to keep it out of sight.
        warnings.filterwarnings(
            "ignore", "__array__ implementation doesn't accept a copy keyword", DeprecationWarning
        )
        status = main(["train", "--resume", str(run), "--epochs", str(interrupted["epoch"] + 2)])
    resume = subprocess.CompletedProcess([], status, stdout.getvalue(), stderr.getvalue())
    return run, interrupted, resume


def test_ctrl_c_saves_the_last_epoch_says_how_to_resume_and_exits_130(interrupted_run):
    run, interrupted, _ = interrupted_run
    assert interrupted["returncode"] == 130, interrupted["stderr"]
    assert 1 <= interrupted["epoch"] < 5000
    advice = [line for line in interrupted["stderr"].splitlines() if "Resume with" in line]
    assert advice == [
        f"Interrupted: {run / 'checkpoint.npz'} holds epoch {interrupted['epoch']}. "
        f"Resume with: python -m sinegan train --resume {run} --epochs 5000"
    ]
    assert "Traceback" not in interrupted["stderr"]
    assert not [name for name in os.listdir(run) if "partial" in name]  # no half-written file left


def test_resume_continues_from_the_checkpoint_and_writes_the_whole_run(interrupted_run):
    run, interrupted, resume = interrupted_run
    assert resume.returncode == 0, resume.stderr
    epochs = interrupted["epoch"] + 2
    assert f"epochs {interrupted['epoch'] + 1}-{epochs} of {epochs}" in resume.stdout
    assert saved_epoch(run) == epochs
    assert json.loads((run / "config.json").read_text())["epochs"] == epochs
    rows = (run / "history.csv").read_text().splitlines()
    assert rows[0].startswith(
        "epoch,discriminator_loss,discriminator_accuracy,generator_loss,generator_accuracy"
    )
    assert [row.split(",")[0] for row in rows[1:]] == [str(epoch) for epoch in range(1, epochs + 1)]
    expected = [
        "checkpoint.npz",
        "config.json",
        "discriminator.keras",
        "generated_vs_real.png",
        "generator.keras",
        "history.csv",
        "history.png",
        "samples.npz",
        "snapshots.png",
        "training_curves.png",
    ]
    assert sorted(os.listdir(run)) == expected


def test_a_resumed_run_draws_exactly_what_an_uninterrupted_run_draws(interrupted_run, tmp_path):
    """Dropout 0.4 (slides): the masks' random state must be in the checkpoint too."""
    run, interrupted, _ = interrupted_run
    epochs = interrupted["epoch"] + 2
    straight = Trainer(
        GANConfig(
            train_size=512, pretrain_batches=4, monitor_every=0, monitor_samples=50, epochs=epochs
        )
    )
    straight.pretrain_discriminator(log=None)
    straight.train(log=None)
    assert (
        main(
            [
                "sample",
                "--run",
                str(run),
                "--n",
                "50",
                "--seed",
                "7",
                "--output",
                str(tmp_path / "a.npz"),
            ]
        )
        == 0
    )
    curves = np.load(tmp_path / "a.npz")["curves"]  # (50, 64)
    np.testing.assert_array_equal(
        curves, sample_curves(straight.generator, straight.config, 50, seed=7)
    )


def test_sample_same_seed_same_curves_and_png(interrupted_run, tmp_path):
    run, _, _ = interrupted_run
    for name, seed in (("first.npz", 3), ("again.npz", 3), ("other.npz", 4)):
        arguments = ["--n", "20", "--seed", str(seed), "--output", str(tmp_path / name)]
        assert main(["sample", "--run", str(run), *arguments]) == 0
    first, again, other = (
        np.load(tmp_path / name) for name in ("first.npz", "again.npz", "other.npz")
    )
    assert first["curves"].shape == (20, 64) and np.all(np.abs(first["curves"]) < 1)  # tanh output
    np.testing.assert_allclose(first["x"], np.linspace(-5, 5, 64))
    np.testing.assert_array_equal(first["curves"], again["curves"])
    assert not np.allclose(first["curves"], other["curves"])
    assert (
        main(["sample", "--run", str(run), "--n", "5", "--output", str(tmp_path / "curves.png")])
        == 0
    )
    assert (tmp_path / "curves.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_evaluate_prints_the_quality_measures_as_json(interrupted_run, capsys):
    run, interrupted, _ = interrupted_run
    assert main(["evaluate", "--run", str(run), "--n", "60", "--seed", "1"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["epoch"] == interrupted["epoch"] + 2 and result["samples"] == 60
    assert (
        0 <= result["generated_sine_like_fraction"] <= 1
        and result["real_sine_like_fraction"] == 1.0
    )
    assert 0 <= result["precision"] <= 1 and 0 <= result["recall"] <= 1
    assert (
        result["real_fit"]["frequency"]["p5"] >= 0.5
        and result["real_fit"]["frequency"]["p95"] <= 2.0
    )


def test_animate_writes_one_gif_frame_per_snapshot(interrupted_run, tmp_path):
    from PIL import Image

    run, interrupted, _ = interrupted_run
    assert (
        main(
            ["animate", "--run", str(run), "--output", str(tmp_path / "training.gif"), "--fps", "4"]
        )
        == 0
    )
    with Image.open(tmp_path / "training.gif") as gif:
        # before training, then each epoch
        assert gif.format == "GIF" and gif.n_frames == interrupted["epoch"] + 3


def test_divergence_stops_with_one_line_and_keeps_the_good_checkpoint(tmp_path, capsys):
    run = tmp_path / "diverged"
    with process_wide_determinism_left_off():
        status = main(
            ["train", "--epochs", "3", *TINY, "--set", "learning_rate=1e30", "--out", str(run)]
        )
    error = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert error[-1].startswith("sinegan: error: Training diverged at epoch 1, step 1 of 4")
    assert saved_epoch(run) == 0  # the checkpoint written after pre-training, not the NaN state


def test_the_sinegan_script_is_declared_and_answers_help():
    import importlib

    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, function = scripts["sinegan"].split(":")
    assert getattr(importlib.import_module(module), function) is main
    result = subprocess.run(
        [sys.executable, "-m", "sinegan", "--help"],
        env=ENVIRONMENT,
        text=True,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert all(command in result.stdout for command in ("train", "sample", "evaluate", "animate"))
