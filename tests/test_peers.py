"""benchmarks/peers.py: each peer loop runs one short epoch in its own child and reports sane
numbers."""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import peers

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "peers.py"
CHILD_TIMEOUT_SECONDS = 120


@pytest.fixture(scope="module")
def smoke_records():
    """One child per installed loop, ``--epochs 1 --steps 4``, all started at once: a fast file."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    # The Keras peers must force TensorFlow themselves, whatever backend the caller (or the
    # suite) chose.
    env["KERAS_BACKEND"] = "jax"
    children = {}
    for loop in peers.LOOPS:
        if peers.missing_library(loop) is None:
            command = [sys.executable, str(SCRIPT), loop, "--epochs", "1", "--steps", "4"]
            children[loop] = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
                cwd=ROOT,
            )
    results = {}
    for loop, child in children.items():
        try:
            stdout, stderr = child.communicate(timeout=CHILD_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            stdout, stderr = child.communicate()
        results[loop] = (child.returncode, stdout, stderr)
    return results


@pytest.mark.parametrize("loop", list(peers.LOOPS))
def test_each_peer_runs_and_reports_a_finite_time_and_output(loop, smoke_records):
    missing = peers.missing_library(loop)
    if missing is not None:
        pytest.skip(f"{loop} needs {missing}, which is not installed")
    returncode, stdout, stderr = smoke_records[loop]
    assert returncode == 0, f"{loop} child failed (exit {returncode}):\n{stderr[-3000:]}"
    lines = stdout.strip().splitlines()
    assert len(lines) == 1, f"expected one JSON line, got:\n{stdout}"
    record = json.loads(lines[0])
    assert record["loop"] == loop
    assert record["epochs"] == 1 and record["steps"] == 4
    assert math.isfinite(record["ms_per_step"]) and record["ms_per_step"] > 0
    assert math.isfinite(record["generated_std"])
    expected_backend = {"torch_eager": "torch", "jax_scan": "jax"}.get(loop, "tensorflow")
    assert record["backend"] == expected_backend


def test_importing_peers_imports_no_framework():
    code = (
        "import sys, benchmarks.peers; "
        "print(sorted({'tensorflow', 'keras', 'torch', 'jax'} & set(sys.modules)))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert completed.stdout.strip() == "[]"


def test_run_all_peers_skips_a_loop_whose_library_is_missing(monkeypatch):
    monkeypatch.setattr(peers.importlib.util, "find_spec", lambda name: None)
    records = peers.run_all_peers(epochs=1, steps=4)
    assert [record["loop"] for record in records] == list(peers.LOOPS)
    assert all(record["skipped"].endswith("is not installed") for record in records)
