"""The course's exercises: the checkers of the functions a student writes in the lessons.

checking.py   how a check runs and answers (Exercise, check, the "not written yet" hint)
measuring.py  lesson 5: k-NN precision and recall, the Wasserstein-1 distance

Each lesson's "your turn" cells call one checker, for example
``sinegan.course.check_discriminator_step(discriminator_step)``; ``EXERCISES`` lists
every exercise, by the name of the function the student writes.
"""

from . import measuring
from .checking import NOT_WRITTEN, Checked, Exercise, check
from .measuring import check_precision_recall, check_wasserstein1

EXERCISES: dict[str, Exercise] = {}
EXERCISES.update({exercise.name: exercise for exercise in measuring.EXERCISES})

__all__ = ["EXERCISES", "NOT_WRITTEN", "Checked", "Exercise", "check"]
__all__ += ["check_precision_recall", "check_wasserstein1"]
