"""A sweep survives faults, on a real local Ray: a worker killed mid-trial, a driver killed
mid-sweep.

- A trial whose Ray worker is SIGKILLed mid-trial is restarted by Ray Tune
  (``--max-failures``) in a new worker, goes on from its last sinegan checkpoint
  (the epochs before the kill are not trained again), and ends with the numbers
  of the same trial trained without a fault: the same row, the same history, the
  same curves, bit for bit.
- A sweep whose driver (``python -m sinegan sweep``) is SIGKILLed after one trial
  finished and while another trains is finished by ``sinegan sweep --resume DIR``:
  the finished trial is not trained again (its files are untouched), the other one
  is, and the table holds both.

Each sweep runs as its own process in its own session, so that every Ray process it
started (Ray's agents outlive a killed driver) is found and ended when it is done.
Like tests/test_sweep_ray.py, these tests run only with SINEGAN_RAY_TESTS=1, inside
a network namespace that has only the loopback interface:

    unshare -n bash -c 'ip link set lo up; SINEGAN_RAY_TESTS=1 pytest tests/test_sweep_faults.py'

Three Ray starts, three small trials and five Ray workers: two to three minutes on two busy
CPUs.
"""

import csv
import json
import os
import signal
import subprocess
import sys
import time

import pytest

if os.environ.get("SINEGAN_RAY_TESTS") != "1":
    pytest.skip(
        "Ray tests run with SINEGAN_RAY_TESTS=1 (see the docstring)", allow_module_level=True
    )
pytest.importorskip("ray")
psutil = pytest.importorskip("psutil")  # installed with Ray
np = pytest.importorskip("numpy")
pandas = pytest.importorskip("pandas")

from sinegan.tool.checkpoint import read_checkpoint  # noqa: E402  (NumPy only)

EPOCHS = 60  # a few seconds of training: time to kill a worker between two checkpoints
SWEEP = ["--grid", "learning_rate=0.002", "--epochs", str(EPOCHS), "--cpus", "1", "--quiet"]
for setting in ("train_size=256", "pretrain_batches=2", "monitor_every=1", "monitor_samples=50"):
    SWEEP += ["--set", setting]
WAIT = 300  # seconds: at most, for any one stage of a sweep
# What differs between two runs of one trial: the machine's id and the seconds it took.
UNTIMED = ("node", "train_seconds")


class Sweep:
    """``python -m sinegan sweep ARGUMENTS`` in a process of its own, in a session of its own,
    its output in ``log``."""

    def __init__(self, log, *arguments):
        self.log = log
        with open(log, "ab") as file:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "sinegan", "sweep", *arguments],
                stdout=file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def processes(self):
        """Every live process of the sweep's session: the driver and the Ray it started."""
        found = []
        for process in psutil.process_iter():
            try:
                if os.getsid(process.pid) == self.process.pid and process.status() != "zombie":
                    found.append(process)
            except (OSError, psutil.Error):
                pass
        return found

    def workers(self):
        """The Ray workers that run a trial (titled ``ray::ImplicitFunc.train`` while it runs)."""
        workers = []
        for process in self.processes():
            try:
                if process.cmdline()[:1] and process.cmdline()[0].startswith("ray::ImplicitFunc"):
                    workers.append(process)
            except psutil.Error:
                pass
        return workers

    def wait_until(self, condition, what):
        """Poll ``condition`` until it holds; fail if the sweep ends first or takes too long."""
        deadline = time.monotonic() + WAIT
        while not condition():
            if self.process.poll() is not None:
                pytest.fail(f"the sweep ended (status {self.process.returncode}) before {what}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} after {WAIT} s")
            time.sleep(0.1)

    def finish(self):
        """Wait for the driver to exit; its exit status."""
        try:
            return self.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            return None

    def end(self):
        """SIGKILL every process left in the sweep's session (none, after a clean exit)."""
        for process in self.processes():
            try:
                process.send_signal(signal.SIGKILL)
            except psutil.Error:
                pass
        if self.process.poll() is None:
            self.process.wait(timeout=30)

    def output(self):
        with open(self.log, errors="replace") as file:
            return file.read()[-3000:]


def trials(folder):
    return folder / "trials"


def checkpoint_epoch(run):
    """The epoch of a trial's checkpoint, or None before its first one."""
    try:
        return read_checkpoint(run / "checkpoint.npz")["metadata"]["epoch"]
    except (FileNotFoundError, ValueError):
        return None


def finished(run):
    return (run / "result.json").is_file()


def stamps(run):
    """Each file of a run directory, by name: its modification time in nanoseconds."""
    return {path.name: path.stat().st_mtime_ns for path in run.iterdir()}


def reports(folder, trial):
    """What a trial reported to Ray Tune (its progress.csv), each row as a dict of strings."""
    (path,) = [
        path
        for path in (folder / "ray").glob("*/progress.csv")
        if json.loads((path.parent / "params.json").read_text())["seed"] == trial["seed"]
    ]
    with open(path, newline="") as file:
        return list(csv.DictReader(file))


def result(run):
    return json.loads((run / "result.json").read_text())


def timeless(row):
    return {name: value for name, value in row.items() if name not in UNTIMED}


def history(run):
    """history.csv without its column of seconds."""
    with open(run / "history.csv", newline="") as file:
        return [{k: v for k, v in row.items() if k != "seconds"} for row in csv.DictReader(file)]


@pytest.fixture(scope="module")
def driver_killed(tmp_path_factory):
    """Two seeds trained one at a time; the driver SIGKILLed once the first trial has finished
    and while the second trains; then ``--resume``. Returns the sweep's folder, the run
    directories of the finished and the unfinished trial, the stamps of the finished one's
    files at the kill, the resume's exit status, and the sweeps' output."""
    folder = tmp_path_factory.mktemp("faults") / "driver"
    log = folder.parent / "driver.log"
    sweep = Sweep(log, *SWEEP, "--seeds", "0-1", "--out", str(folder))
    try:

        def one_finished_one_training():
            runs = list(trials(folder).glob("*")) if trials(folder).is_dir() else []
            done = [run for run in runs if finished(run)]
            started = [
                run for run in runs if not finished(run) and checkpoint_epoch(run) is not None
            ]
            return len(done) == 1 and len(started) == 1

        sweep.wait_until(one_finished_one_training, "one finished trial and one training")
        sweep.process.send_signal(signal.SIGKILL)  # the driver only
        sweep.process.wait(timeout=30)
    finally:
        # The Ray it started goes down with it, its workers within seconds, but Ray's agents
        # outlive it: end them all before the sweep is resumed.
        sweep.end()
    (done,) = [run for run in trials(folder).iterdir() if finished(run)]
    (unfinished,) = [run for run in trials(folder).iterdir() if not finished(run)]
    before = stamps(done)
    resume = Sweep(log, "--resume", str(folder), "--cpus", "1", "--quiet")
    try:
        status = resume.finish()
    finally:
        resume.end()
    return folder, done, unfinished, before, status, log


def test_a_sweep_whose_driver_was_killed_is_finished_by_resume(driver_killed):
    """--resume finishes the sweep: the trial the kill interrupted is trained to its end, the
    finished one is not touched, and the table holds both, each with all its epochs."""
    folder, done, unfinished, before, status, log = driver_killed
    assert status == 0, log.read_text()[-3000:]
    assert stamps(done) == before  # not one file of the finished trial was written again
    assert finished(unfinished) and checkpoint_epoch(unfinished) == EPOCHS
    table = pandas.read_parquet(folder / "results.parquet")
    assert sorted(table["trial"]) == sorted([done.name, unfinished.name])
    assert table["done"].all() and (table["epoch"] == EPOCHS).all()
    (row,) = table[table["trial"] == done.name].to_dict("records")
    assert row == result(done)  # the row it stored before the kill


def test_a_trial_whose_worker_was_killed_resumes_to_the_uninterrupted_numbers(
    driver_killed, tmp_path
):
    """Ray restarts a trial whose worker was SIGKILLed mid-trial; the new worker goes on from
    the trial's last checkpoint (it reports the epochs after it, and none before), and the
    trial ends exactly as the same trial trained without a fault."""
    reference = driver_killed[1]
    whole = result(reference)
    uncut = reports(driver_killed[0], whole)  # trained from start to end in one worker:
    assert len({row["pid"] for row in uncut}) == 1
    assert [int(row["epoch"]) for row in uncut] == [*range(1, EPOCHS + 1), EPOCHS]
    folder = tmp_path / "worker"
    sweep = Sweep(
        tmp_path / "worker.log", *SWEEP, "--seeds", str(whole["seed"]), "--out", str(folder)
    )
    run = trials(folder) / reference.name
    try:
        sweep.wait_until(
            lambda: (checkpoint_epoch(run) or 0) >= 2 and len(sweep.workers()) == 1,
            "trial past its second epoch",
        )
        (worker,) = sweep.workers()
        killed_after = checkpoint_epoch(run)
        worker.send_signal(signal.SIGKILL)
        assert not finished(run), "the trial finished before its worker was killed"
        worker.wait(timeout=30)  # gone (not a child of this process: no status to read)
        status = sweep.finish()
    finally:
        sweep.end()
    assert status == 0, sweep.output()
    # The trial's reports to Ray: epochs 1, 2, ... from the killed worker, then, from a new
    # worker, the epochs after the last checkpoint, and the final row.
    reported = reports(folder, whole)
    pids = [row["pid"] for row in reported]
    assert pids[0] == str(worker.pid) and len(set(pids)) == 2
    before = [int(row["epoch"]) for row in reported if row["pid"] == str(worker.pid)]
    after = [int(row["epoch"]) for row in reported if row["pid"] != str(worker.pid)]
    assert pids == sorted(pids, key=lambda pid: pid != str(worker.pid))  # no report interleaves
    assert before == list(range(1, len(before) + 1)) and len(before) >= killed_after
    # Resumed, not restarted: the new worker starts after the epochs the old one trained
    # (one more than it reported if it was killed between a checkpoint and its report).
    assert after[0] in (before[-1] + 1, before[-1] + 2), (before, after)
    assert after == [*range(after[0], EPOCHS + 1), EPOCHS]
    assert (next((folder / "ray").glob("*/error.txt"))).read_text().startswith("Failure # 1")
    # The same numbers as the trial trained without a fault: its row, each epoch's losses and
    # measures, and the curves of its generator.
    assert timeless(result(run)) == timeless(whole)
    assert history(run) == history(reference)
    with np.load(run / "samples.npz") as resumed, np.load(reference / "samples.npz") as uncut:
        np.testing.assert_array_equal(resumed["curves"], uncut["curves"])
