"""The course's exercises: the checkers of the functions a student writes in the lessons.

checking.py   how a check runs and answers (Exercise, check, the "not written yet" hint)
randomness.py lesson 0: inverse-transform sampling, continuous and discrete

Each lesson's "your turn" cells call one checker, for example
``sinegan.course.check_discriminator_step(discriminator_step)``; ``EXERCISES`` lists
every exercise, by the name of the function the student writes.
"""

from . import randomness
from .checking import NOT_WRITTEN, Checked, Exercise, check
from .randomness import check_exponential_inverse_cdf, check_sample_discrete

EXERCISES: dict[str, Exercise] = {}
EXERCISES.update({exercise.name: exercise for exercise in randomness.EXERCISES})

__all__ = [
    "EXERCISES",
    "NOT_WRITTEN",
    "Checked",
    "Exercise",
    "check",
    "check_exponential_inverse_cdf",
    "check_sample_discrete",
]
