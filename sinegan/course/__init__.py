"""The course's exercises: the checkers of the functions a student writes in the lessons.

checking.py          how a check runs and answers (Exercise, check, the "not written yet" hint)
slides_steps.py      lesson 1: the slides' curves and the pre-training batch
game.py              lesson 2: D's update and G's update, each with its freeze
theory_exercises.py  lesson 3: the best discriminator D* and the non-saturating loss

Each lesson's "your turn" cells call one checker, for example
``sinegan.course.check_discriminator_step(discriminator_step)``; ``EXERCISES`` lists
every exercise, by the name of the function the student writes.
"""

from . import game, slides_steps, theory_exercises
from .checking import NOT_WRITTEN, Checked, Exercise, check
from .game import check_discriminator_step, check_generator_step
from .slides_steps import check_pretraining_batch, check_sine_curves
from .theory_exercises import check_non_saturating_loss, check_optimal_discriminator

EXERCISES: dict[str, Exercise] = {}
EXERCISES.update({exercise.name: exercise for exercise in slides_steps.EXERCISES})
EXERCISES.update({exercise.name: exercise for exercise in game.EXERCISES})
EXERCISES.update({exercise.name: exercise for exercise in theory_exercises.EXERCISES})

__all__ = ["EXERCISES", "NOT_WRITTEN", "Checked", "Exercise", "check"]
__all__ += ["check_pretraining_batch", "check_sine_curves"]
__all__ += ["check_discriminator_step", "check_generator_step"]
__all__ += ["check_non_saturating_loss", "check_optimal_discriminator"]
