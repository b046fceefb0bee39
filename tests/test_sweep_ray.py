"""``sinegan sweep`` on a real local Ray: the trials, the table, the report, a resume, a search.

Ray binds to the machine's network address, so these tests run only when asked
(SINEGAN_RAY_TESTS=1), inside a network namespace that has only the loopback
interface, where Ray listens on 127.0.0.1:

    unshare -n bash -c 'ip link set lo up; SINEGAN_RAY_TESTS=1 pytest tests/test_sweep_ray.py'

Each trial is tiny (256 curves, 2 epochs); the file takes two to three minutes on two
shared CPUs (three Ray starts, six trials).
"""

import os

import pytest

if os.environ.get("SINEGAN_RAY_TESTS") != "1":
    pytest.skip(
        "Ray tests run with SINEGAN_RAY_TESTS=1 (see the docstring)", allow_module_level=True
    )
pytest.importorskip("ray")
pandas = pytest.importorskip("pandas")

from sinegan.tool.cli import main  # noqa: E402

TINY = ["--epochs", "2", "--cpus", "2", "--quiet"]
for setting in ("train_size=256", "pretrain_batches=2", "monitor_every=1", "monitor_samples=50"):
    TINY += ["--set", setting]


def stamps(folder):
    """Each trial's checkpoint's modification time, by trial name."""
    trials = folder / "trials"
    return {trial.name: (trial / "checkpoint.npz").stat().st_mtime_ns for trial in trials.iterdir()}


@pytest.fixture(scope="module")
def grid_sweep(tmp_path_factory):
    """Two learning rates x two seeds, trained once for the tests of this module."""
    folder = tmp_path_factory.mktemp("sweeps") / "grid"
    grid = ["--grid", "learning_rate=0.001,0.002", "--seeds", "0-1"]
    status = main(["sweep", *grid, *TINY, "--out", str(folder)])
    return folder, status


def test_every_trial_is_a_run_directory_and_a_row(grid_sweep):
    folder, status = grid_sweep
    assert status == 0
    table = pandas.read_parquet(folder / "results.parquet")
    assert len(table) == 4 and table["done"].all() and (table["epoch"] == 2).all()
    assert sorted(zip(table["learning_rate"], table["seed"], strict=True)) == [
        (0.001, 0),
        (0.001, 1),
        (0.002, 0),
        (0.002, 1),
    ]
    assert set(table["backend"]) == {"tensorflow"} and table["node"].str.len().min() > 10
    assert (table["train_seconds"] > 0).all() and table["sine_like"].between(0, 1).all()
    assert pandas.read_csv(folder / "results.csv")["trial"].tolist() == table["trial"].tolist()
    for name in table["trial"]:
        for file in ("checkpoint.npz", "history.csv", "result.json", "config.json"):
            assert (folder / "trials" / name / file).is_file(), (name, file)
    assert (folder / "sweep.json").is_file() and (folder / "ray").is_dir()  # Ray's records


def test_each_trial_reported_every_monitored_epoch_to_ray(grid_sweep):
    folder, _ = grid_sweep
    progress = list((folder / "ray").glob("*/progress.csv"))
    assert len(progress) == 4
    for path in progress:
        reported = pandas.read_csv(path)
        assert reported["epoch"].tolist() == [1, 2, 2]  # each monitored epoch, then the row
        assert reported["done"].tolist() == [False, False, True]


def test_a_resumed_sweep_trains_no_finished_trial_again(grid_sweep):
    folder, _ = grid_sweep
    before, table = stamps(folder), pandas.read_parquet(folder / "results.parquet")
    assert main(["sweep", "--resume", str(folder), "--cpus", "2", "--quiet"]) == 0
    assert stamps(folder) == before
    pandas.testing.assert_frame_equal(pandas.read_parquet(folder / "results.parquet"), table)


def test_the_report_of_a_real_sweep(grid_sweep, capsys):
    folder, _ = grid_sweep
    assert main(["sweep", "report", str(folder)]) == 0
    printed = capsys.readouterr().out
    assert "The best 2 of 2 configs by sine_like (max):" in printed
    assert {path.name for path in (folder / "report").iterdir()} == {
        "best.png",
        "collapse.png",
        "measures_learning_rate.png",
    }


def test_a_search_trains_its_budget_of_trials(tmp_path):
    folder = tmp_path / "search"
    search = ["--search", "diversity", "--mode", "max", "--trials", "2", "--early-stop", "asha"]
    grid = ["--grid", "learning_rate=0.001,0.002", "--grid", "generator_units=[16],[32,32]"]
    assert main(["sweep", *grid, *search, *TINY, "--out", str(folder)]) == 0
    table = pandas.read_parquet(folder / "results.parquet")
    assert len(table) == 2 and set(table["seed"]) == {0}
    assert set(table["generator_units"]) <= {"[16]", "[32,32]"}
    assert len(list((folder / "trials").iterdir())) == 2
