"""The course's exercises: the checkers of the functions a student writes in the lessons.

checking.py   how a check runs and answers (Exercise, check, the "not written yet" hint)
convolution_exercises.py   lesson 4: a convolution's matrix C, the transposed convolution Cᵀ
critic_exercises.py   lesson 6: the WGAN-GP critic's loss and gradient penalty

Each lesson's "your turn" cells call one checker, for example
``sinegan.course.check_discriminator_step(discriminator_step)``; ``EXERCISES`` lists
every exercise, by the name of the function the student writes.
"""

from . import convolution_exercises, critic_exercises
from .checking import NOT_WRITTEN, Checked, Exercise, check
from .convolution_exercises import check_transposed_convolution, check_valid_convolution_matrix
from .critic_exercises import check_critic_loss, check_gradient_penalty

EXERCISES: dict[str, Exercise] = {}
EXERCISES.update({e.name: e for e in convolution_exercises.EXERCISES})
EXERCISES.update({e.name: e for e in critic_exercises.EXERCISES})

__all__ = ["EXERCISES", "NOT_WRITTEN", "Checked", "Exercise", "check"]
__all__ += ["check_transposed_convolution", "check_valid_convolution_matrix"]
__all__ += ["check_critic_loss", "check_gradient_penalty"]
