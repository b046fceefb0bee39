"""The course's "your turn" exercises: each has a checker, a solution that passes it, a blank
that gets the "not written yet" hint, and common wrong answers that each get their own hint.

- A solution is ``docs/course/solutions/<file>``: it defines the function the student writes.
- The blank is the lesson's own cell: the function as the notebook stores it, body
  ``raise NotImplementedError``.
- The wrong answers are ``tests/mistakes/<name>.py``: functions, and ``HINTS``, which maps
  each one's name to a part of the hint its check must give.

Every check runs on small data, on the suite's Keras backend.
"""

import ast
import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

import sinegan.course as course
from sinegan.course import EXERCISES, NOT_WRITTEN

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "docs" / "course"
SOLUTIONS = LESSONS / "solutions"
MISTAKES = ROOT / "tests" / "mistakes"
NAMES = sorted(EXERCISES)


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def lesson_of(exercise):
    return next(LESSONS.glob(f"{exercise.lesson:02d}-*.ipynb"))


def exercise_cell(exercise) -> str:
    """The code cell of the lesson where the student writes ``exercise``'s function."""
    cells = nbformat.read(lesson_of(exercise), as_version=4).cells
    found = [
        cell.source
        for cell in cells
        if cell.cell_type == "code"
        and re.search(rf"^def {exercise.name}\(", cell.source, re.MULTILINE)
        and f"check_{exercise.name}(" in cell.source
    ]
    assert len(found) == 1, f"lesson {exercise.lesson} has no single cell for {exercise.name}"
    return found[0]


def checker(exercise):
    return getattr(course, f"check_{exercise.name}")


def test_every_lesson_has_at_least_two_exercises_to_write():
    lessons = sorted(int(path.name[:2]) for path in LESSONS.glob("*.ipynb"))
    per_lesson = {
        lesson: [e for e in EXERCISES.values() if e.lesson == lesson] for lesson in lessons
    }
    assert {lesson: len(found) for lesson, found in per_lesson.items() if len(found) < 2} == {}


@pytest.mark.parametrize("name", NAMES)
def test_the_solution_passes_its_check(name, capsys):
    exercise = EXERCISES[name]
    solution = getattr(load(SOLUTIONS / exercise.solution), name)
    answer = checker(exercise)(solution)
    assert answer.passed, answer.hint
    assert answer.function is solution
    assert f"✓ {name}: correct" in capsys.readouterr().out


@pytest.mark.parametrize("name", NAMES)
def test_the_lessons_blank_gets_the_not_written_hint(name, capsys):
    exercise = EXERCISES[name]
    source = exercise_cell(exercise)
    tree = ast.parse(source)
    definition = next(
        node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == name
    )
    assert isinstance(definition.body[-1], ast.Raise)  # stored blank: raise NotImplementedError
    namespace = {}
    exec(compile(ast.Module([definition], []), "<lesson>", "exec"), namespace)
    answer = checker(exercise)(namespace[name])
    assert not answer.passed and answer.hint.startswith(NOT_WRITTEN)
    assert answer.function is exercise.reference  # later cells go on with the library's own
    printed = capsys.readouterr().out
    assert f"✗ {name}: {NOT_WRITTEN}" in printed and "the cells below use" in printed


@pytest.mark.parametrize("name", NAMES)
def test_common_wrong_answers_each_get_their_own_hint(name):
    exercise = EXERCISES[name]
    mistakes = load(MISTAKES / f"{name}.py")
    assert len(mistakes.HINTS) >= 2
    hints = {}
    for wrong, expected in mistakes.HINTS.items():
        answer = checker(exercise)(getattr(mistakes, wrong))
        assert not answer.passed, wrong
        assert expected in answer.hint, (wrong, answer.hint)
        hints[wrong] = answer.hint
    assert len(set(hints.values())) == len(hints)  # one hint per kind of mistake


@pytest.mark.parametrize("name", NAMES)
def test_the_lesson_links_the_solution_in_a_collapsed_block(name):
    exercise = EXERCISES[name]
    cells = nbformat.read(lesson_of(exercise), as_version=4).cells
    link = f"(solutions/{exercise.solution})"
    blocks = [
        cell.source
        for cell in cells
        if cell.cell_type == "markdown"
        and cell.source.startswith("<details><summary>Solution</summary>")
        and link in cell.source
    ]
    assert len(blocks) == 1


def test_a_check_refuses_what_is_not_a_function():
    exercise = next(iter(EXERCISES.values()))
    with pytest.raises(ValueError, match=f"{exercise.name} expected a function to check"):
        checker(exercise)(42)
