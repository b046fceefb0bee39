"""Run the course: every notebook of docs/course/, timed, with every answer's claims checked.

    python benchmarks/course.py [--size class|full|test] [--lessons 1 5 ...] [--write]
    python benchmarks/course.py --table     # the claims and times of every backend's file

Each lesson runs top to bottom in a fresh kernel (nbclient), on the Keras backend the
environment chooses (KERAS_BACKEND), with its first cell's switch set to ``--size``
(default "class", the size a lesson is stored with). The time includes starting the
kernel and importing Keras, as a student would wait for it. The stored notebooks are
left as they are, without outputs.

An answer that states how a run turns out carries its claims in its cell's metadata:
``"claims": [{"says": "...", "check": "<expression over the lesson's variables>"}]``.
After the lesson's last cell, each check is evaluated in the lesson's kernel, and the
benchmark prints which held. ``--write`` keeps the times and claims in
``docs/results/course-<backend>.json``, the file the course's quoted times come from
(with ``--lessons``, only those lessons' entries are replaced, and the file says which);
``--table`` prints the claims of all three backends side by side.

Target: every lesson in under a minute at its class size on 2 CPU cores, on TensorFlow
and JAX.
"""

import argparse
import json
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "docs" / "course"
RESULTS = ROOT / "docs" / "results"
TARGET_SECONDS = 60.0
BACKENDS = ("tensorflow", "jax", "torch")
MARKER = "CLAIMS "


def claims_of(notebook) -> list[dict]:
    """Every claim of the lesson's answers, in order, each with the answer's first line."""
    found = []
    for cell in notebook.cells:
        for claim in cell.get("metadata", {}).get("claims", []):
            found.append({"says": claim["says"], "check": claim["check"]})
    return found


def _claims_cell(claims):
    """A code cell that evaluates each claim's check in the kernel and prints the verdicts."""
    import nbformat

    checks = [claim["check"] for claim in claims]
    return nbformat.v4.new_code_cell(
        "import json as _json\n"
        "_verdicts = []\n"
        f"for _check in {checks!r}:\n"
        "    try:\n"
        "        _verdicts.append(bool(eval(_check)))\n"
        "    except Exception as _error:\n"
        "        _verdicts.append(f'{type(_error).__name__}: {_error}')\n"
        f"print({MARKER!r} + _json.dumps(_verdicts))"
    )


def execute_lesson(path: Path, size: str, claims=None):
    """Run one lesson top to bottom at ``size`` in a fresh kernel; the notebook with its outputs.

    With ``claims`` (a list from ``claims_of``), a last cell evaluates them. An error
    in a lesson's cell raises. The stored file is left as it is.
    """
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    first_code = next(cell for cell in notebook.cells if cell.cell_type == "code")
    first_code.source = first_code.source.replace('SIZE = "class"', f'SIZE = "{size}"')
    if claims:
        notebook.cells.append(_claims_cell(claims))
    NotebookClient(
        notebook,
        timeout=1800,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    return notebook


def verdicts_of(notebook) -> list:
    """The verdicts the claims cell of an executed lesson printed: True, False or an error."""
    printed = "".join(output.get("text", "") for output in notebook.cells[-1].outputs)
    return json.loads(printed.split(MARKER, 1)[1].splitlines()[0])


def run_lesson(path: Path, size: str) -> dict:
    """Execute one lesson at ``size``: its wall-clock seconds and its claims' verdicts."""
    import nbformat

    claims = claims_of(nbformat.read(path, as_version=4))
    start = time.perf_counter()
    notebook = execute_lesson(path, size, claims)
    seconds = time.perf_counter() - start
    if claims:
        verdicts = verdicts_of(notebook)
        claims = [
            {**claim, "held": verdict} for claim, verdict in zip(claims, verdicts, strict=True)
        ]
    return {"lesson": path.stem, "seconds": round(seconds, 1), "claims": claims}


def sample(size):
    """What the figures were measured on (write_result adds the backend and the machine)."""
    return {
        "what": f"each lesson run top to bottom in a fresh kernel at SIZE = {size!r}",
        "size": size,
    }


def print_table():
    """The claims of every backend's results file, side by side, and each lesson's time."""
    files = {
        backend: json.loads((RESULTS / f"course-{backend}.json").read_text())
        for backend in BACKENDS
        if (RESULTS / f"course-{backend}.json").exists()
    }
    lessons = {}
    for backend, result in files.items():
        for lesson in result["figures"]["lessons"]:
            lessons.setdefault(lesson["lesson"], {})[backend] = lesson
    print("lesson / claim".ljust(72) + "".join(f"{backend:>12s}" for backend in files))
    for name, per_backend in lessons.items():
        print(
            name.ljust(72)
            + "".join(f"{lesson['seconds']:>10.1f} s" for lesson in per_backend.values())
        )
        first = next(iter(per_backend.values()))
        for index, claim in enumerate(first["claims"]):
            verdicts = [
                lesson["claims"][index]["held"] if index < len(lesson["claims"]) else "-"
                for lesson in per_backend.values()
            ]
            shown = ["held" if v is True else "NOT" if v is False else "error" for v in verdicts]
            print(f"  {claim['says'][:68]:70s}" + "".join(f"{v:>12s}" for v in shown))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("test", "class", "full"), default="class")
    parser.add_argument("--lessons", type=int, nargs="+", help="lesson numbers (default: all)")
    parser.add_argument(
        "--write", action="store_true", help="keep docs/results/course-<backend>.json"
    )
    parser.add_argument("--table", action="store_true", help="print every backend's file")
    arguments = parser.parse_args()
    if arguments.table:
        return print_table()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    lessons = sorted(COURSE.glob("*.ipynb"))
    if arguments.lessons:
        lessons = [path for path in lessons if int(path.name[:2]) in arguments.lessons]
    import keras

    backend = keras.backend.backend()
    print(f"size {arguments.size!r}, backend {backend}, {os.cpu_count()} CPU cores")
    results = []
    for path in lessons:
        result = run_lesson(path, arguments.size)
        results.append(result)
        over = result["seconds"] >= TARGET_SECONDS
        verdict = (
            "" if arguments.size != "class" else ("  OVER A MINUTE" if over else "  under a minute")
        )
        print(f"{path.stem:24s} {result['seconds']:6.1f} s{verdict}", flush=True)
        for claim in result["claims"]:
            shown = {True: "held", False: "DID NOT HOLD"}.get(claim["held"], claim["held"])
            print(f"    {shown}: {claim['says']}")
    print(f"{'all':24s} {sum(result['seconds'] for result in results):6.1f} s")
    if arguments.write:
        from benchmarks.results import write_result

        measured = sample(arguments.size)
        kept = RESULTS / f"course-{backend}.json"
        if arguments.lessons and kept.exists():  # the other lessons keep their measurements
            earlier = json.loads(kept.read_text(encoding="utf-8"))
            remeasured = {result["lesson"] for result in results}
            results += [
                lesson
                for lesson in earlier["figures"]["lessons"]
                if lesson["lesson"] not in remeasured
            ]
            results.sort(key=lambda result: result["lesson"])
            measured["remeasured"] = sorted(remeasured)
            measured["the others"] = {
                key: earlier["sample"].get(key) for key in ("date", "command", "machine")
            }
        figures = {"lessons": results, "slowest": max(result["seconds"] for result in results)}
        write_result(f"course-{backend}", measured, figures)


if __name__ == "__main__":
    main()
