"""One source for every number the README and docs/*.md quote: the result files of docs/results/.

A benchmark run with ``--write`` keeps what it measured in ``docs/results/<name>.json``:
the sample it was measured on (backend, recipe, seeds, epochs, how many curves were drawn
and with which seed, the engine, the machine, the date and sinegan's version) and the
figures themselves. The pages quote those figures; ``benchmarks/quotes.py`` lists each
quote with the file and the keys it comes from, and tests/test_quoted_figures.py checks
that every page still says what its file holds.

    python -m benchmarks.results            # rerun every benchmark the pages quote, in turn
    python -m benchmarks.results --list     # what that runs, one command a line
    python -m benchmarks.results --check    # the quotes that disagree with their files

After a rerun, ``--check`` prints each quote as the new file has it: copy it into its page.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "docs" / "results"

# Every benchmark the pages quote, with the settings they quote, in the order they run.
# On a 2-core CPU the whole list takes about an hour; each entry writes its own files.
COMMANDS = (
    ("fresh_curves.py", "--preset", "slides", "improved", "wgan-gp", "dcgan", "conditional"),
    ("plane_figures.py",),
    ("conditional.py", "--seeds", "3"),
    ("stability.py", "--preset", "slides", "improved", "--seeds", "10"),
    ("stability.py", "--preset", "minimax", "wgan-gp", "conditional", "dcgan", "--seeds", "3"),
    ("bench_training.py", "--backends", "tensorflow"),
    ("engine_quality.py",),
    # each lesson's time and its answers' claims; on JAX and PyTorch, run it in their own
    # environments: KERAS_BACKEND=jax python benchmarks/course.py --write (and torch)
    ("course.py",),
)


def machine() -> dict:
    """The machine a figure was measured on: its CPU cores, CPU model and platform."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            names = [line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model")]
        model = next((name for name in names if not name.isdigit()), model)
    except OSError:
        pass
    return {
        "cpu cores": os.cpu_count(),
        "cpu": model,
        "platform": platform.platform(terse=True),
        # other work on the machine slows every timing: its load when the file was written
        "load average": round(os.getloadavg()[0], 1) if hasattr(os, "getloadavg") else None,
    }


def plain(value):
    """``value`` with NumPy numbers and tuples turned into what JSON writes."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if hasattr(value, "tolist"):  # a NumPy scalar or array
        return plain(value.tolist())
    return value


def write_result(name: str, sample: dict, figures: dict) -> Path:
    """Write ``docs/results/<name>.json``: ``sample`` (what was measured), completed with the
    backend, the machine, the date and the versions, and ``figures`` (what was measured)."""
    import keras

    import sinegan

    sample = {
        "backend": keras.backend.backend(),
        **sample,
        "machine": machine(),
        "date": datetime.date.today().isoformat(),
        "sinegan": sinegan.__version__,
        "keras": keras.__version__,
        "command": "python " + " ".join([os.path.relpath(sys.argv[0], ROOT), *sys.argv[1:]]),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    text = json.dumps({"sample": plain(sample), "figures": plain(figures)}, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {os.path.relpath(path, ROOT)}", flush=True)
    return path


def read_result(name: str) -> dict:
    """The result file ``docs/results/<name>.json``: {"sample": ..., "figures": ...}."""
    return json.loads((RESULTS / f"{name}.json").read_text(encoding="utf-8"))


def summarise(rows: list) -> dict:
    """Per-seed rows of measures: the rows, and each measure's mean, min and max over them."""
    names = [name for name in rows[0] if name != "seed"]
    return {
        "seeds": rows,
        "mean": {name: sum(row[name] for row in rows) / len(rows) for name in names},
        "min": {name: min(row[name] for row in rows) for name in names},
        "max": {name: max(row[name] for row in rows) for name in names},
    }


def run_all(only=(), skip=()) -> None:
    """Run every benchmark of COMMANDS (or those whose script is in ``only``), one at a time."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"}
    for script, *arguments in COMMANDS:
        if (only and script not in only) or script in skip:
            continue
        command = [sys.executable, str(ROOT / "benchmarks" / script), *arguments, "--write"]
        print("$", " ".join(command[1:]), flush=True)
        if subprocess.run(command, cwd=ROOT, env=environment).returncode:
            print(f"FAILED: {script}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="print the quotes that disagree")
    parser.add_argument("--list", action="store_true", help="print the commands, run nothing")
    parser.add_argument("--only", nargs="+", default=(), help="scripts to run, e.g. conditional.py")
    parser.add_argument("--skip", nargs="+", default=(), help="scripts not to run")
    arguments = parser.parse_args()
    if arguments.list:
        for script, *rest in COMMANDS:
            print(" ".join(["python", f"benchmarks/{script}", *rest, "--write"]))
    elif arguments.check:
        from benchmarks.quotes import disagreements, missing

        wrong = disagreements()
        for page, expected in wrong:
            print(f"{page}: expected to read\n    {expected}")
        print(f"{len(wrong)} quote(s) disagree with their result files")
        for name in sorted(missing()):
            print(f"not checked: no docs/results/{name}.json yet")
        sys.exit(1 if wrong else 0)
    else:
        run_all(arguments.only, arguments.skip)


if __name__ == "__main__":
    main()
