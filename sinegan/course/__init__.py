"""The course's exercises: the checkers of the functions a student writes in the lessons.

checking.py   how a check runs and answers (Exercise, check, the "not written yet" hint)

Each lesson's "your turn" cells call one checker, for example
``sinegan.course.check_discriminator_step(discriminator_step)``; ``EXERCISES`` lists
every exercise, by the name of the function the student writes.
"""

from .checking import NOT_WRITTEN, Checked, Exercise, check

EXERCISES: dict[str, Exercise] = {}

__all__ = ["EXERCISES", "NOT_WRITTEN", "Checked", "Exercise", "check"]
