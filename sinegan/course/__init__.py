"""The course's exercises: the checkers of the functions a student writes in the lessons.

checking.py   how a check runs and answers (Exercise, check, the "not written yet" hint)
walks.py      lesson 7: slerp, and the least-squares direction of the frequency
conditions.py lesson 8: the conditional generator's input [z, b], and the hit rate

Each lesson's "your turn" cells call one checker, for example
``sinegan.course.check_discriminator_step(discriminator_step)``; ``EXERCISES`` lists
every exercise, by the name of the function the student writes.
"""

from . import conditions, walks
from .checking import NOT_WRITTEN, Checked, Exercise, check
from .conditions import check_conditional_input, check_hit_rate
from .walks import check_least_squares_direction, check_slerp

EXERCISES: dict[str, Exercise] = {}
EXERCISES.update({exercise.name: exercise for exercise in walks.EXERCISES})
EXERCISES.update({exercise.name: exercise for exercise in conditions.EXERCISES})

__all__ = ["EXERCISES", "NOT_WRITTEN", "Checked", "Exercise", "check"]
__all__ += ["check_least_squares_direction", "check_slerp"]
__all__ += ["check_conditional_input", "check_hit_rate"]
