"""How long does each lesson of the course take? Run every notebook of docs/course/ and time it.

    python benchmarks/course.py [--size class|full|test] [--lessons 1 5 ...]

Each lesson runs top to bottom in a fresh kernel (nbclient), on the Keras backend the
environment chooses (KERAS_BACKEND), with its first cell's switch set to ``--size``
(default "class", the size a lesson is stored with). The time includes starting the
kernel and importing Keras, as a student would wait for it. Nothing is written: the
notebooks stay stored without outputs.

Target: every lesson in under a minute at its class size on 2 CPU cores.
"""

import argparse
import os
import time
from pathlib import Path

COURSE = Path(__file__).resolve().parents[1] / "docs" / "course"
TARGET_SECONDS = 60.0


def execute_lesson(path: Path, size: str):
    """Run one lesson top to bottom at ``size`` in a fresh kernel; the notebook with its outputs.

    An error in a cell raises. The stored file is left as it is.
    """
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    first_code = next(cell for cell in notebook.cells if cell.cell_type == "code")
    first_code.source = first_code.source.replace('SIZE = "class"', f'SIZE = "{size}"')
    NotebookClient(
        notebook,
        timeout=1800,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    return notebook


def run_lesson(path: Path, size: str) -> float:
    """Execute one lesson at ``size``; its wall-clock time in seconds.

    An error in a cell raises.
    """
    start = time.perf_counter()
    execute_lesson(path, size)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("test", "class", "full"), default="class")
    parser.add_argument("--lessons", type=int, nargs="+", help="lesson numbers (default: all)")
    arguments = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    lessons = sorted(COURSE.glob("*.ipynb"))
    if arguments.lessons:
        lessons = [path for path in lessons if int(path.name[:2]) in arguments.lessons]
    print(
        f"size {arguments.size!r}, backend {os.environ.get('KERAS_BACKEND', 'default')}, "
        f"{os.cpu_count()} CPU cores"
    )
    total = 0.0
    for path in lessons:
        seconds = run_lesson(path, arguments.size)
        total += seconds
        verdict = (
            ""
            if arguments.size != "class"
            else ("  under a minute" if seconds < TARGET_SECONDS else "  OVER A MINUTE")
        )
        print(f"{path.stem:24s} {seconds:6.1f} s{verdict}", flush=True)
    print(f"{'all':24s} {total:6.1f} s")


if __name__ == "__main__":
    main()
