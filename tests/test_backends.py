"""Keras backends: choosing one, and moving a run between them.

The suite runs once per backend (``KERAS_BACKEND``); these tests also start the
other installed backends in child processes, so a run trained on this
process's backend is read back on each of the others.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from sinegan import GANConfig, Trainer, backends, sample_curves
from sinegan.tool.checkpoint import read_checkpoint
from sinegan.tool.cli import main
from sinegan.tool.rundir import write_checkpoint

from helpers import to_numpy

ROOT = Path(__file__).resolve().parents[1]
ENVIRONMENT = {
    **os.environ,
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
}
HERE = backends.name()
OTHERS = [name for name in backends.NAMES if name != HERE and backends.installed(name)]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """A run of 2 epochs trained on this process's backend, its checkpoint written as
    `sinegan train` does."""
    folder = tmp_path_factory.mktemp("runs") / "small"
    folder.mkdir()
    trainer = Trainer(
        GANConfig(train_size=512, pretrain_batches=4, epochs=2, monitor_every=0, monitor_samples=50)
    )
    trainer.pretrain_discriminator(log=None)
    trainer.train(log=None)
    write_checkpoint(trainer, str(folder))
    return folder, trainer


def test_the_checkpoint_records_the_backend_that_wrote_it(run):
    folder, _ = run
    assert read_checkpoint(folder / "checkpoint.npz")["metadata"]["backend"] == HERE


@pytest.mark.parametrize(
    "other",
    OTHERS
    or [
        pytest.param(
            None,
            marks=pytest.mark.skip(
                reason="no other Keras backend is installed here "
                '(pip install "sinegan[jax]" or "sinegan[torch]")'
            ),
        )
    ],
)
def test_a_run_samples_evaluates_and_animates_on_another_backend_and_refuses_to_resume_there(
    run, other, tmp_path, capsys
):
    folder, trainer = run
    script = textwrap.dedent(f"""
        import contextlib, json, sys
        from sinegan.tool.cli import main
        run, out = {str(folder)!r}, {str(tmp_path)!r}
        codes = [main(["sample", "--backend", {other!r}, "--run", run, "--n", "40", "--seed", "3",
                       "--output", out + "/curves.npz"]),
                 main(["animate", "--backend", {other!r}, "--run", run,
                       "--output", out + "/training.gif"])]
        with open(out + "/evaluate.json", "w") as report, contextlib.redirect_stdout(report):
            codes.append(main(["evaluate", "--backend", {other!r}, "--run", run,
                               "--n", "60", "--seed", "1"]))
        try:
            main(["train", "--backend", {other!r}, "--resume", run, "--epochs", "3"])
        except SystemExit as stop:
            codes.append(stop.code)
        import keras
        print(json.dumps([keras.backend.backend(), codes]))
    """)
    result = subprocess.run(
        [sys.executable, "-c", script], env=ENVIRONMENT, text=True, capture_output=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    ran_on, codes = json.loads(result.stdout.strip().splitlines()[-1])
    assert ran_on == other and codes == [0, 0, 0, 2]
    # The same weights give the same curves on both backends, to float precision.
    here = sample_curves(trainer.generator, trainer.config, 40, seed=3)  # (40, 64)
    np.testing.assert_allclose(np.load(tmp_path / "curves.npz")["curves"], here, atol=1e-5)
    assert (tmp_path / "training.gif").read_bytes()[:6] == b"GIF89a"
    there = json.loads((tmp_path / "evaluate.json").read_text())
    assert main(["evaluate", "--run", str(folder), "--n", "60", "--seed", "1"]) == 0
    here_measures = json.loads(capsys.readouterr().out)
    for name in ("generated_sine_like_fraction", "precision", "recall", "diversity_ratio"):
        assert there[name] == pytest.approx(here_measures[name], abs=0.02), name
    refusal = [line for line in result.stderr.splitlines() if line.startswith("sinegan: error:")]
    assert refusal == [
        f"sinegan: error: backend expected {HERE!r}, the backend this run was trained on: a run "
        f"resumes exactly only there (add --backend {HERE}; sample, evaluate and animate work on "
        f"any backend). Received: backend={other!r}"
    ]
    # the refusal changed nothing
    assert read_checkpoint(folder / "checkpoint.npz")["metadata"]["epoch"] == 2


def test_the_discriminator_scores_the_same_on_every_backend(run, tmp_path):
    """The run's D, read back on each other backend, scores 16 curves as it does here."""
    folder, trainer = run
    curves = trainer.dataset.curves[:16]  # (16, 64)
    np.save(tmp_path / "curves.npy", curves)
    here = to_numpy(trainer.discriminator(curves, training=False))[:, 0]  # (16,)
    for other in OTHERS:
        script = textwrap.dedent(f"""
            import numpy as np
            from sinegan import backends
            backends.select({other!r})
            from keras import ops
            from sinegan.tool.checkpoint import trainer_from_checkpoint
            trainer = trainer_from_checkpoint({str(folder / "checkpoint.npz")!r})
            scores = trainer.discriminator(
                np.load({str(tmp_path / "curves.npy")!r}), training=False
            )
            np.save({str(tmp_path / other)!r} + ".npy", ops.convert_to_numpy(scores)[:, 0])
        """)
        result = subprocess.run(
            [sys.executable, "-c", script],
            env=ENVIRONMENT,
            text=True,
            capture_output=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        np.testing.assert_allclose(np.load(tmp_path / f"{other}.npy"), here, atol=1e-5)


def test_select_refuses_an_unknown_backend_and_a_second_one_in_this_process():
    with pytest.raises(
        ValueError,
        match=r"backend expected one of tensorflow, jax, torch\. "
        r"Received: backend='theano'",
    ):
        backends.select("theano")
    backends.select(HERE)  # the backend already running: nothing to do
    for other in OTHERS:
        with pytest.raises(
            ValueError,
            match=rf"backend expected '{HERE}': Keras is already running on it in this "
            rf"process.*Received: backend='{other}'",
        ):
            backends.select(other)


def test_select_names_the_extra_to_install_for_a_missing_library(monkeypatch):
    monkeypatch.setattr(backends, "installed", lambda name: False)
    with pytest.raises(
        ValueError,
        match=r'JAX is not installed \(pip install "sinegan\[jax\]"\)\. '
        r"Received: backend='jax'",
    ):
        backends.select("jax")


def test_the_command_line_refuses_a_missing_backend_in_one_line_before_keras_loads(tmp_path):
    """Run in a fresh process where no backend library can be found."""
    script = textwrap.dedent("""
        import importlib.util, json, sys
        real_find_spec = importlib.util.find_spec
        importlib.util.find_spec = lambda name, *rest: (
            None if name == "torch" else real_find_spec(name, *rest)
        )
        from sinegan.tool.cli import main
        try:
            main(["sample", "--backend", "torch", "--run", ".", "--output", "x.npz"])
        except SystemExit as stop:
            print(json.dumps([stop.code, "keras" in sys.modules]))
    """)
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=ENVIRONMENT,
        text=True,
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert json.loads(result.stdout) == [2, False]
    assert result.stderr.strip().splitlines()[-1] == (
        "sinegan: error: backend expected an installed "
        "backend: PyTorch is not installed (pip install "
        "\"sinegan[torch]\"). Received: backend='torch'"
    )
