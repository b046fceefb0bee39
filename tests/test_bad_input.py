"""Bad input is refused with a message naming the parameter and the value received:
ValueError (or FileNotFoundError) in Python, one line and exit status 2 at the command line."""

import json
import math
import os
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sinegan import IMPROVED, SLIDES, GANConfig, History, Trainer, build_gan, preset
from sinegan.figures.animation import animate_snapshots
from sinegan.figures.run import (
    plot_generated_vs_real,
    plot_history,
    plot_snapshots,
    plot_training_curves,
)
from sinegan.harness.monitor import QualityMonitor
from sinegan.measure.evaluate import evaluate_curves
from sinegan.seeding import seed_everything
from sinegan.slides.dataset import (
    make_dataset,
    make_noise_curves,
    random_parameters,
    sinusoids,
    x_coords,
)
from sinegan.slides.discriminator import build_discriminator
from sinegan.slides.generator import build_generator
from sinegan.slides.sampling import generate_curves, sample_curves, sample_latent
from sinegan.tool.checkpoint import (
    config_from_dict,
    read_checkpoint,
    restore_checkpoint,
    save_checkpoint,
)
from sinegan.tool.cli import main
from sinegan.tool.files import atomic_write
from sinegan.tool.rundir import open_run

ROOT = Path(__file__).resolve().parents[1]
ENVIRONMENT = {
    **os.environ,
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
}
CONFIG = GANConfig(train_size=256, pretrain_batches=1, epochs=1)
X = np.linspace(-5, 5, 64)
CURVES = np.sin(np.outer(np.linspace(0.5, 2, 10), X))  # (10, 64) ten true sinusoids
RNG = np.random.default_rng(0)


@pytest.fixture(scope="module")
def trainer():
    return Trainer(CONFIG)


def with_nan(array):
    array = np.array(array, dtype=np.float64)
    array.flat[3] = np.nan
    return array


PYTHON_CASES = {  # id: (call, exception, words the message must contain)
    "config size zero": (lambda t: GANConfig(train_size=0), ValueError, "train_size=0"),
    "config NaN rate": (
        lambda t: GANConfig(learning_rate=math.nan),
        ValueError,
        "learning_rate=nan",
    ),
    "config float size": (lambda t: GANConfig(batch_size=128.0), ValueError, "batch_size=128.0"),
    "unknown preset": (lambda t: preset("best"), ValueError, "preset='best'"),
    "unknown field": (lambda t: SLIDES.replace(speed=3), ValueError, "speed=3"),
    "config dict not a dict": (lambda t: config_from_dict([1]), ValueError, "config=[1]"),
    "x_coords not a config": (lambda t: x_coords("slides"), ValueError, "config='slides'"),
    "sinusoids NaN x": (lambda t: sinusoids(with_nan(X), [1], [1], [0]), ValueError, "x="),
    "sinusoids 2-D x": (lambda t: sinusoids(CURVES, [1], [1], [0]), ValueError, "x="),
    "sinusoids lengths": (
        lambda t: sinusoids(X, [1, 1], [1], [0, 0]),
        ValueError,
        "lengths=2, 1, 2",
    ),
    "sinusoids text": (lambda t: sinusoids(X, ["a"], [1], [0]), ValueError, "amplitude=['a']"),
    "dataset rng": (lambda t: make_dataset(CONFIG, 0), ValueError, "rng=0"),
    "noise n zero": (lambda t: make_noise_curves(CONFIG, 0, RNG), ValueError, "n=0"),
    "parameters n negative": (lambda t: random_parameters(CONFIG, -3, RNG), ValueError, "n=-3"),
    "latent shape zero": (lambda t: sample_latent(CONFIG, 0, RNG), ValueError, "shape=0"),
    "latent shape tuple": (
        lambda t: sample_latent(CONFIG, (2, 0), RNG),
        ValueError,
        "shape=(2, 0)",
    ),
    "sample n zero": (lambda t: sample_curves(t.generator, CONFIG, 0), ValueError, "n=0"),
    "sample n float": (lambda t: sample_curves(t.generator, CONFIG, 2.5), ValueError, "n=2.5"),
    "sample seed negative": (
        lambda t: sample_curves(t.generator, CONFIG, 5, seed=-1),
        ValueError,
        "seed=-1",
    ),
    "generate NaN latent": (
        lambda t: generate_curves(t.generator, with_nan(np.zeros((4, 64)))),
        ValueError,
        "latent.shape=(4, 64)",
    ),
    "generate wrong width": (
        lambda t: generate_curves(t.generator, np.zeros((4, 3))),
        ValueError,
        "latent.shape=(4, 3)",
    ),
    "generate not a model": (
        lambda t: generate_curves("G", np.zeros((4, 64))),
        ValueError,
        "generator='G'",
    ),
    "trainer config": (lambda t: Trainer("slides"), ValueError, "config='slides'"),
    "trainer engine": (lambda t: Trainer(CONFIG, engine="turbo"), ValueError, "engine='turbo'"),
    "train epochs negative": (lambda t: t.train(-1, log=None), ValueError, "epochs=-1"),
    "train epochs bool": (lambda t: t.train(True, log=None), ValueError, "epochs=True"),
    "train callback type": (
        lambda t: t.train(1, log=None, callbacks=[print]),
        ValueError,
        "Received: callbacks=[<built-in function print>]",
    ),
    "plot inf curves": (
        lambda t: plot_training_curves(X, CURVES * np.inf),
        ValueError,
        "curves with",
    ),
    "plot x length": (lambda t: plot_training_curves(X[:10], CURVES), ValueError, "x.shape=(10,)"),
    "plot count zero": (
        lambda t: plot_generated_vs_real(X, CURVES, CURVES, count=0),
        ValueError,
        "count=0",
    ),
    "plot history type": (lambda t: plot_history({"loss": []}), ValueError, "history={'loss': []}"),
    "snapshots panels": (lambda t: plot_snapshots(X, t.history, panels=0), ValueError, "panels=0"),
    "animation empty": (
        lambda t: animate_snapshots(X, History()),
        ValueError,
        "history.snapshots=[]",
    ),
    "animation interval": (
        lambda t: animate_snapshots(X, t.history, interval=0),
        ValueError,
        "interval=0",
    ),
    "evaluate 1-D": (lambda t: evaluate_curves(X, CURVES, X), ValueError, "generated.shape=(64,)"),
    "checkpoint missing": (
        lambda t: read_checkpoint("no-such.npz"),
        FileNotFoundError,
        "no-such.npz",
    ),
    "run missing": (lambda t: open_run("no-such-run"), FileNotFoundError, "run='no-such-run'"),
    "seed negative": (lambda t: seed_everything(-1), ValueError, "seed=-1"),
    "generator config": (
        lambda t: build_generator({"latent_dim": 64}),
        ValueError,
        "config={'latent_dim': 64}",
    ),
    "discriminator config": (lambda t: build_discriminator(None), ValueError, "config=None"),
    "monitor dataset": (
        lambda t: QualityMonitor(CONFIG, CURVES, RNG, t.parts.latent_sampler),
        ValueError,
        "dataset=array(",
    ),
    # A slides' builder refuses a config that asks for parts beyond the slides (sinegan.recipe
    # builds those).
    "slides D, improved config": (
        lambda t: build_discriminator(IMPROVED),
        ValueError,
        "Received: hidden_activation='leaky_relu'",
    ),
    "slides D, critic": (
        lambda t: build_discriminator(CONFIG.replace(loss="wgan-gp")),
        ValueError,
        "Received: loss='wgan-gp'",
    ),
    "slides G, dcgan": (
        lambda t: build_generator(CONFIG.replace(generator_architecture="dcgan")),
        ValueError,
        "Received: generator_architecture='dcgan'",
    ),
    "slides GAN, minimax": (
        lambda t: build_gan(t.generator, t.discriminator, CONFIG.replace(generator_loss="minimax")),
        ValueError,
        "Received: generator_loss='minimax'",
    ),
    "slides latent, normal": (
        lambda t: sample_latent(
            CONFIG.replace(fresh_latent=True, latent_distribution="normal"), 3, RNG
        ),
        ValueError,
        "Received: latent_distribution='normal'",
    ),
    "slides curves, conditional": (
        lambda t: sample_curves(
            t.generator, CONFIG.replace(fresh_latent=True, conditional=True), 3
        ),
        ValueError,
        "Received: conditional=True",
    ),
    "save not a trainer": (
        lambda t: save_checkpoint("trainer", "checkpoint.npz"),
        ValueError,
        "trainer='trainer'",
    ),
    "write to missing folder": (
        lambda t: atomic_write("no-such-folder/f.txt", print),
        FileNotFoundError,
        "no-such-folder",
    ),
}


@pytest.mark.parametrize("call, exception, words", PYTHON_CASES.values(), ids=PYTHON_CASES.keys())
def test_python_functions_name_the_bad_value(trainer, call, exception, words):
    with pytest.raises(exception) as caught:
        call(trainer)
    assert words in str(caught.value)


@pytest.fixture(scope="module")
def saved(trainer, tmp_path_factory):
    """A real checkpoint of an untrained run, and broken copies of it."""
    folder = tmp_path_factory.mktemp("checkpoints")
    save_checkpoint(trainer, folder / "checkpoint.npz")
    whole = (folder / "checkpoint.npz").read_bytes()
    for name, content in (("truncated", whole[: len(whole) // 2]), ("text", b"not a checkpoint\n")):
        (folder / name).mkdir()
        (folder / name / "checkpoint.npz").write_bytes(content)
    (folder / "empty").mkdir()
    return folder


@pytest.mark.parametrize("name", ["truncated", "text"])
def test_a_broken_checkpoint_is_refused(saved, name):
    path = saved / name / "checkpoint.npz"
    with pytest.raises(ValueError, match="truncated or corrupted.*Received: checkpoint="):
        read_checkpoint(path)


def test_a_checkpoint_of_another_config_is_refused(saved):
    with pytest.raises(ValueError, match="another config"):
        restore_checkpoint(Trainer(CONFIG.replace(seed=5)), saved / "checkpoint.npz")


def test_a_checkpoint_whose_variables_differ_is_refused_naming_them(saved):
    """Variables are matched by key: a missing, an extra or a reshaped one is named, and nothing
    is set."""
    checkpoint = read_checkpoint(saved / "checkpoint.npz")
    del checkpoint["generator/generator/output/bias"]
    checkpoint["generator/generator/hidden_3/kernel"] = np.zeros((4, 4), np.float32)
    checkpoint["discriminator/discriminator/hidden_1/kernel"] = np.zeros((64, 32), np.float32)
    # would be set
    checkpoint["discriminator/discriminator/hidden_2/kernel"] = np.ones((64, 64), np.float32)
    fresh = Trainer(CONFIG)
    before = [variable.numpy() for variable in fresh.discriminator.variables]
    with pytest.raises(ValueError) as caught:
        restore_checkpoint(fresh, checkpoint)
    assert str(caught.value).endswith(
        "Received: missing=[generator/generator/output/bias], "
        "extra=[generator/generator/hidden_3/kernel], "
        "shapes=[discriminator/discriminator/hidden_1/kernel saved (64, 32) model (64, 64)]"
    )
    assert all(
        np.array_equal(a, b.numpy())
        for a, b in zip(before, fresh.discriminator.variables, strict=True)
    )


def test_a_checkpoint_of_sinegan_0_1_is_refused_with_one_line(saved, tmp_path, capsys):
    """sinegan 0.1 wrote format 1: each variable keyed by its position in its group
    ("generator/003")."""
    with np.load(saved / "checkpoint.npz") as current:
        metadata = {**json.loads(str(current["metadata"])), "format": 1}
        arrays = {name: current[name] for name in current.files if name.startswith("history/")}
        for group in ("discriminator", "generator", "discriminator_optimizer", "gan_optimizer"):
            names = [name for name in current.files if name.startswith(group + "/")]
            arrays.update(
                {f"{group}/{index:03d}": current[name] for index, name in enumerate(names)}
            )
    run = tmp_path / "old-run"
    run.mkdir()
    np.savez(run / "checkpoint.npz", metadata=np.array(json.dumps(metadata)), **arrays)
    expected = (
        "checkpoint was written by sinegan 0.1 (format 1); "
        "this sinegan reads format 2: train again. "
        f"Received: checkpoint={str(run / 'checkpoint.npz')!r}"
    )
    with pytest.raises(ValueError) as caught:
        read_checkpoint(run / "checkpoint.npz")
    assert str(caught.value) == expected
    with pytest.raises(SystemExit) as stop:
        main(["train", "--resume", str(run)])
    assert stop.value.code == 2 and capsys.readouterr().err == f"sinegan: error: {expected}\n"
    result = run_cli("sample", "--run", str(run), "--output", str(tmp_path / "curves.npz"))
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.stderr.endswith(
        f"sinegan: error: {expected}\n"
    )


def run_cli(*arguments, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "sinegan", *arguments],
        capture_output=True,
        text=True,
        env=ENVIRONMENT,
        timeout=60,
        cwd=cwd,
    )


# id: (arguments, words of the one-line message); RUN, BROKEN, EMPTY, OUT are filled in
CLI_CASES = {
    "size zero": (
        ["train", "--out", "OUT", "--set", "train_size=0"],
        "train_size expected a positive integer",
    ),
    "set wrong type": (
        ["train", "--out", "OUT", "--set", "learning_rate=fast"],
        "learning_rate expected a value of type float. Received: learning_rate='fast'",
    ),
    "set bad bool": (
        ["train", "--out", "OUT", "--set", "fresh_latent=maybe"],
        "fresh_latent='maybe'",
    ),
    "set bad tuple": (
        ["train", "--out", "OUT", "--set", "generator_units=64,x"],
        "generator_units='64,x'",
    ),
    "set unknown field": (
        ["train", "--out", "OUT", "--set", "speed=3"],
        "unknown config field. Received: 'speed=3'",
    ),
    "set without value": (["train", "--out", "OUT", "--set", "train_size"], "expected FIELD=VALUE"),
    "set NaN": (["train", "--out", "OUT", "--set", "learning_rate=nan"], "learning_rate=nan"),
    "unknown preset": (["train", "--out", "OUT", "--preset", "best"], "invalid choice: 'best'"),
    "negative epochs": (["train", "--out", "OUT", "--epochs", "-1"], "received '-1'"),
    "out and resume": (["train", "--out", "OUT", "--resume", "RUN"], "not allowed with argument"),
    "out under a file": (["train", "--out", "FILE/run"], "cannot write to"),
    "out already a run": (["train", "--out", "RUN"], "already holds a run"),
    "resume missing": (["train", "--resume", "no-such-run"], "run='no-such-run'"),
    "resume with set": (
        ["train", "--resume", "RUN", "--set", "seed=1"],
        "--set cannot change a run",
    ),
    "resume with preset": (
        ["train", "--resume", "RUN", "--preset", "improved"],
        "--preset cannot change a run",
    ),
    "sample missing run": (
        ["sample", "--run", "no-such-run", "--output", "OUT.npz"],
        "run='no-such-run'",
    ),
    "sample truncated": (
        ["sample", "--run", "BROKEN", "--output", "OUT.npz"],
        "truncated or corrupted",
    ),
    "sample no checkpoint": (
        ["sample", "--run", "EMPTY", "--output", "OUT.npz"],
        "No checkpoint file",
    ),
    "sample n zero": (
        ["sample", "--run", "RUN", "--n", "0", "--output", "OUT.npz"],
        "received '0'",
    ),
    "sample bad suffix": (
        ["sample", "--run", "RUN", "--output", "OUT.txt"],
        "ending in .npz or .png",
    ),
    "sample folder missing": (
        ["sample", "--run", "RUN", "--output", "FILE/curves.npz"],
        "cannot be written",
    ),
    "animate bad suffix": (["animate", "--run", "RUN", "--output", "OUT.png"], "ending in .gif"),
    "evaluate seed": (["evaluate", "--run", "RUN", "--seed", "x"], "received 'x'"),
    "no command": ([], "required: command"),
    "lab port too high": (["lab", "--port", "70000"], "up to 65535"),
    "lab port zero": (["lab", "--port", "0"], "received '0'"),
    "lab bad setting": (["lab", "--set", "learning_rate=-1"], "learning_rate=-1"),
    "lab runs dir a file": (["lab", "--runs-dir", "FILE"], "writable directory"),
    "lab no sessions": (["lab", "--max-sessions", "0"], "received '0'"),
    "lab unknown preset": (["lab", "--preset", "best"], "invalid choice: 'best'"),
}


@pytest.mark.parametrize("arguments, words", CLI_CASES.values(), ids=CLI_CASES.keys())
def test_command_line_exits_2_with_one_line(saved, tmp_path, capsys, arguments, words):
    """In this process (the checks run before TensorFlow is needed; the test below runs a real
    one)."""
    (tmp_path / "file").write_text("a file, not a folder")
    places = {
        "RUN": saved,
        "BROKEN": saved / "truncated",
        "EMPTY": saved / "empty",
        "FILE": tmp_path / "file",
        "OUT": tmp_path / "out",
    }
    arguments = [
        next(
            (
                str(path) + argument[len(name) :]
                for name, path in places.items()
                if argument.startswith(name)
            ),
            argument,
        )
        for argument in arguments
    ]
    with pytest.raises(SystemExit) as stop:
        main(arguments)
    stderr = capsys.readouterr().err
    assert stop.value.code == 2, stderr
    assert len(stderr.strip().splitlines()) == 1 and words in stderr, stderr
    assert not (tmp_path / "out").exists() or not os.listdir(tmp_path / "out")


def test_a_real_process_exits_2_with_one_line_and_no_traceback(saved):
    result = run_cli("sample", "--run", str(saved / "truncated"), "--output", "curves.npz")
    assert result.returncode == 2, result.stderr
    assert (
        len(result.stderr.strip().splitlines()) == 1 and "truncated or corrupted" in result.stderr
    )


def test_bad_input_is_refused_before_tensorflow_is_imported(tmp_path):
    code = (
        "import sys; from sinegan.tool.cli import main\n"
        "try: main(['train', '--out', sys.argv[1], '--set', 'batch_size=3'])\n"
        "except SystemExit as stop: print(json.dumps([stop.code, 'tensorflow' in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import json\n" + code, str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=ENVIRONMENT,
        timeout=60,
    )
    assert json.loads(result.stdout) == [2, False], result.stderr
    assert "batch_size expected an even number" in result.stderr


def test_the_lab_on_a_port_already_taken_exits_2_with_one_line(tmp_path, capsys):
    pytest.importorskip("panel")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as stop:
            main(["lab", "--port", str(port), "--runs-dir", str(tmp_path / "runs")])
    stderr = capsys.readouterr().err
    assert stop.value.code == 2 and len(stderr.strip().splitlines()) == 1, stderr
    assert "port expected a free port on 127.0.0.1" in stderr and f"port={port}" in stderr
