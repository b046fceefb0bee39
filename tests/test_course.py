"""The course: every lesson notebook in docs/course/ runs from top to bottom.

Each notebook has one switch, ``SIZE = "class"`` (under a minute) or ``"full"`` (the
lecture's recipe). The suite runs it at a third size, ``"test"``, that keeps every cell but
trains for seconds, on the suite's Keras backend (the kernel inherits KERAS_BACKEND).
The notebooks are stored without outputs, so they never go stale: the documentation site
executes them at their class size when it is built.
"""

from pathlib import Path

import keras
import nbformat
import pytest
from nbclient import NotebookClient

COURSE = Path(__file__).resolve().parents[1] / "docs" / "course"
NOTEBOOKS = sorted(COURSE.glob("*.ipynb"))
SWITCH = 'SIZE = "class"  # "class": under a minute on 2 CPU cores · "full": the lecture\'s full recipe'

# What each lesson must print: stable text, not numbers, so any machine passes.
PRINTS = {
    "01-the-slides": [" epoch | D loss  | G loss  | D accuracy | G accuracy", "X_TRAIN: (512, 64)",
                      "quality after epoch 2", "sine-like curves:", "no dropout: sine-like",
                      "of them with b inside the data's range"],
}
FIGURES = {"01-the-slides": 6}  # at least: the data, the live plane, the history, the snapshots, generated
# beside real, the last plane


def test_the_course_has_eight_lessons_in_order():
    assert [path.name[:3] for path in NOTEBOOKS] == [f"{number:02d}-" for number in range(1, 9)]


def _run(path: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code)  # stored clean
    assert SWITCH in code[0].source  # the one switch, in the first code cell
    code[0].source = code[0].source.replace('SIZE = "class"', 'SIZE = "test"')
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_lesson_runs_top_to_bottom_with_figures_and_exercises(path, monkeypatch):
    monkeypatch.setenv("TF_CPP_MIN_LOG_LEVEL", "3")
    notebook = _run(path)
    markdown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    assert markdown[0].startswith(f"# Lesson {int(path.name[:2])} · ")
    exercises = next(index for index, text in enumerate(markdown) if text.startswith("## Exercises"))
    answers = [text for text in markdown[exercises:] if text.startswith("<details><summary>Answer</summary>")]
    assert 2 <= len(answers) <= 3  # two or three exercises, each with its answer
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    figures = [output for output in outputs if "image/png" in output.get("data", {})]
    assert len(figures) >= FIGURES.get(path.stem, 2)  # shown inline
    text = "".join(output.get("text", "") for output in outputs)
    assert f"Keras backend: {keras.backend.backend()}" in text
    for line in PRINTS.get(path.stem, []):
        assert line in text
