"""Several machines, proven on one: a sweep joins a two-node Ray cluster through --address.

A Ray head and a second Ray node start as separate ``ray start`` processes, as they would
on two machines; ``sinegan sweep --address`` then runs a small sweep on them. Both nodes
have the address 127.0.0.1, so the test tells them apart by node id, read from each row
of the sweep's table.

The nodes share one authentication token (RAY_AUTH_TOKEN), as the machines of a real
cluster must (docs/sweeps.md). The test needs the ``sweep`` extra and a loopback-only
network: it runs where SINEGAN_RAY_TESTS=1, which CI sets in a step of its own inside a
loopback-only network namespace.
"""

import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

if os.environ.get("SINEGAN_RAY_TESTS") != "1":
    pytest.skip("Ray tests run where SINEGAN_RAY_TESTS=1", allow_module_level=True)
pytest.importorskip("ray")

RAY = str(Path(sys.executable).with_name("ray"))  # the ray command of this environment
NODE_IDS = (
    "import json, sys, ray; ray.init(address=sys.argv[1]); "
    "print(json.dumps(sorted(node['NodeID'] for node in ray.nodes() if node['Alive'])))"
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def node_ids(address, environment):
    """The ids of the cluster's live nodes, as a client of the cluster reads them."""
    listed = subprocess.run(
        [sys.executable, "-c", NODE_IDS, address],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(listed.stdout.strip().splitlines()[-1]) if listed.returncode == 0 else []


@pytest.fixture
def cluster():
    """``(address, environment, node ids)`` of a head and a second node, one CPU each.

    Each node is a ``ray start --block`` process of its own, stopped (with the Ray
    processes it started) when the test ends; no other Ray on the machine is touched.
    """
    environment = {
        **os.environ,
        "RAY_AUTH_MODE": "token",
        "RAY_AUTH_TOKEN": secrets.token_hex(32),  # every node and client of the cluster
        "RAY_USAGE_STATS_ENABLED": "0",
        "TF_CPP_MIN_LOG_LEVEL": "3",
    }
    address = f"127.0.0.1:{free_port()}"
    head = [RAY, "start", "--block", "--head", f"--port={address.split(':')[1]}"]
    head += ["--num-cpus=1", "--include-dashboard=false", "--disable-usage-stats"]
    second = [RAY, "start", "--block", f"--address={address}", "--num-cpus=1"]
    nodes = []
    try:
        for command in (head, second):
            nodes.append(subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL))
            deadline = time.monotonic() + 120
            while len(node_ids(address, environment)) < len(nodes):
                assert time.monotonic() < deadline, f"no Ray node {len(nodes)} at {address}"
                assert nodes[-1].poll() is None, f"{' '.join(command[1:])} stopped"
                time.sleep(1)
        yield address, environment, node_ids(address, environment)
    finally:
        for node in reversed(nodes):
            node.send_signal(signal.SIGTERM)  # stops the node and the processes it started
            node.wait(timeout=60)


def test_a_sweep_through_address_runs_trials_on_both_nodes(cluster, tmp_path):
    address, environment, nodes = cluster
    assert len(nodes) == 2  # two nodes joined, both at 127.0.0.1
    sweep = [sys.executable, "-m", "sinegan", "sweep", "--preset", "slides"]
    sweep += ["--grid", "learning_rate=0.001,0.002", "--seeds", "0-1", "--epochs", "2"]
    for setting in (
        "train_size=256",
        "pretrain_batches=2",
        "monitor_every=1",
        "monitor_samples=50",
    ):
        sweep += ["--set", setting]
    sweep += ["--quiet"]
    sweep += ["--address", address, "--out", str(tmp_path / "sweep")]
    finished = subprocess.run(sweep, env=environment, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr[-3000:]
    with open(tmp_path / "sweep" / "results.csv", newline="") as table:
        rows = list(csv.DictReader(table))
    assert len(rows) == 4  # 2 learning rates x 2 seeds
    assert {row["node"] for row in rows} == set(nodes)  # trials ran on both nodes
