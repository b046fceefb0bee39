"""A sweep's trial without Ray: a run directory that reports its measures through a Keras
callback, resumes exactly from its checkpoint, and is never trained twice."""

import os
import shutil

import pytest

from sinegan import backends
from sinegan.sweep.spec import SweepSpec, parse_grid
from sinegan.sweep.trial import train_trial, trial_folder

SPEC = SweepSpec(
    grid=dict([parse_grid("learning_rate=0.001,0.002")]),
    seeds=(0,),
    settings={
        "train_size": 256,
        "pretrain_batches": 2,
        "epochs": 4,
        "monitor_every": 1,
        "monitor_samples": 50,
    },
).check()
LABELS = {"learning_rate": "0.002"}


@pytest.fixture(scope="module", autouse=True)
def process_wide_determinism_left_off():
    """A trial turns on the backend's determinism, process-wide: leave it off in the tests'
    process (a trial's worker is its own process)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(backends.current(), "make_deterministic", lambda: None)
        yield


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """One trial trained whole: its run directory, its reports and its row."""
    reports = []
    run = trial_folder(tmp_path_factory.mktemp("sweep"), LABELS, 0)
    row = train_trial(SPEC, LABELS, 0, run, reports.append, node="here")
    return run, reports, row


class Killed(Exception):
    """What a worker killed after its second report would leave: a checkpoint, no result."""


def test_a_trial_reports_every_monitored_epoch_then_its_row(finished):
    run, reports, row = finished
    assert [report["epoch"] for report in reports] == [1, 2, 3, 4, 4]
    assert [report["done"] for report in reports] == [False] * 4 + [True]
    assert reports[-1] == row
    assert row["trial"] == "learning_rate=0.002_seed=0" and row["learning_rate"] == 0.002
    assert (row["seed"], row["backend"], row["node"]) == (0, backends.name(), "here")
    assert 0 <= row["sine_like"] <= 1 and row["train_seconds"] > 0
    assert isinstance(row["mode_collapse"], bool)
    # the last monitored epoch measured the same curves as the final row
    assert {name: reports[-2][name] for name in ("recall", "diversity")} == {
        name: row[name] for name in ("recall", "diversity")
    }
    for name in ("checkpoint.npz", "history.csv", "generator.keras", "result.json"):
        assert os.path.isfile(os.path.join(run, name)), name


def test_a_killed_trial_resumes_from_its_checkpoint_to_the_same_numbers(finished, tmp_path):
    whole = finished[2]
    run, reports = trial_folder(tmp_path, LABELS, 0), []

    def report_then_die(row):
        reports.append(row)
        if len(reports) == 2:
            raise Killed

    with pytest.raises(Killed):
        train_trial(SPEC, LABELS, 0, run, report_then_die)
    assert not os.path.exists(os.path.join(run, "result.json"))
    resumed_reports = []
    resumed = train_trial(SPEC, LABELS, 0, run, resumed_reports.append)
    assert [report["epoch"] for report in resumed_reports] == [3, 4, 4]  # from epoch 2 on
    assert {k: v for k, v in resumed.items() if k not in ("node", "train_seconds")} == {
        k: v for k, v in whole.items() if k not in ("node", "train_seconds")
    }


def test_a_finished_trial_returns_its_stored_row_without_training(finished):
    run, _, first = finished
    stamp = os.stat(os.path.join(run, "checkpoint.npz")).st_mtime_ns
    reports = []
    again = train_trial(SPEC, LABELS, 0, run, reports.append)
    assert again == first and reports == [first]
    assert os.stat(os.path.join(run, "checkpoint.npz")).st_mtime_ns == stamp


def test_a_trial_refuses_a_run_directory_of_another_config(finished, tmp_path):
    run = str(tmp_path / "trial")
    shutil.copytree(finished[0], run)
    os.remove(os.path.join(run, "result.json"))
    with pytest.raises(ValueError, match="another"):
        train_trial(SPEC, {"learning_rate": "0.001"}, 0, run, lambda row: None)
