"""How the course checks a function the student writes.

Each lesson has "your turn" cells: the student writes one small function, the lesson
hands it to a checker (``sinegan.course.check_discriminator_step`` and the like), and
the checker runs it against the library's own reference, on small data, on the running
Keras backend. The answer is one line:

- ``✓ discriminator_step: correct``, and the lesson goes on with the student's function;
- ``✗ discriminator_step: <one precise hint>``, and the lesson goes on with the library's
  reference, so every later cell still runs. A function left blank (its body
  ``raise NotImplementedError``) gets the "not written yet" hint.

An ``Exercise`` is the name of the function, what to write, the reference, and a trial:
a function that runs the student's function and raises ``Mistake(hint)`` at the first
mistake it recognises. ``check`` turns what the trial raised into the answer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
from keras import ops

from ..validation import fail

NOT_WRITTEN = "not written yet"


class Mistake(Exception):
    """What a trial raises at a mistake it recognises; the message is the hint."""


class NotWritten(Exception):
    """What a trial raises when the function gave back nothing (a body of ``...``)."""


def expect(condition, hint: str):
    """Raise ``Mistake(hint)`` unless ``condition`` holds: one line of a trial."""
    if not condition:
        raise Mistake(hint)


def written(value):
    """``value``, unless it is None or ``...``: what a blank function returns."""
    if value is None or value is Ellipsis:
        raise NotWritten
    return value


def written_array(value) -> np.ndarray:
    """``value``, unless blank (``written``), as a float64 NumPy array: a NumPy array, a
    number or a tensor of the running backend."""
    return np.asarray(ops.convert_to_numpy(written(value)), dtype=np.float64)


@dataclasses.dataclass(frozen=True)
class Exercise:
    """One "your turn" cell: the function to write, and how the library checks it.

    ``name`` is the function's name in the lesson, ``lesson`` its lesson's number,
    ``task`` what to write (one line, shown with the "not written yet" hint),
    ``reference`` the library's own function, which the lesson uses when the student's
    is not correct yet, and ``trial`` runs a function and raises ``Mistake(hint)`` at
    the first mistake it recognises. ``solution`` names the file under
    ``docs/course/solutions/`` that holds a correct answer.
    """

    name: str
    lesson: int
    task: str
    reference: Callable
    trial: Callable[[Callable], None]
    solution: str


class Checked:
    """A check's answer. Calling it calls the function the lesson goes on with.

    ``passed`` says whether the student's function is correct, ``hint`` what to
    fix (None when it passed) and ``function`` the one later cells use: the student's
    when it passed, the library's reference otherwise.
    """

    def __init__(self, exercise: Exercise, student: Callable, hint: str | None):
        self.exercise = exercise
        self.hint = hint
        self.passed = hint is None
        self.function = student if self.passed else exercise.reference

    def __call__(self, *arguments, **keywords):
        return self.function(*arguments, **keywords)

    @property
    def message(self) -> str:
        """The line the check prints."""
        if self.passed:
            return f"✓ {self.exercise.name}: correct"
        return (
            f"✗ {self.exercise.name}: {self.hint}\n"
            f"  (the cells below use the library's own {self.exercise.name})"
        )

    def __repr__(self):
        return self.message


def check(exercise: Exercise, function) -> Checked:
    """Run ``exercise``'s trial on ``function``, print the answer and return it.

    A blank function (``raise NotImplementedError``, or a body that returns ``...``
    where a value is expected) gets the "not written yet" hint; an error the trial did
    not expect is reported in one line, as a hint, rather than as a stack trace.
    """
    if not callable(function):
        fail(exercise.name, f"a function to check ({exercise.task})", function)
    try:
        exercise.trial(function)
        hint = None
    except (NotImplementedError, NotWritten):
        hint = f"{NOT_WRITTEN}: {exercise.task}"
    except Mistake as mistake:
        hint = str(mistake)
    except Exception as error:  # the student's code failed: say how, in one line
        first_line = (str(error).strip().splitlines() or [""])[0]
        hint = f"it raised {type(error).__name__}: {first_line}"
    answer = Checked(exercise, function, hint)
    print(answer.message)
    return answer
