"""The course's exercises: the checkers of the functions a student writes in the lessons.

checking.py                how a check runs and answers (Exercise, check, "not written yet")
randomness.py              lesson 0: inverse-transform sampling, a discrete distribution
slides_steps.py            lesson 1: the slides' sine curves, the pre-training batch
game.py                    lesson 2: D's update with its toggle, G's update with D frozen
theory_exercises.py        lesson 3: the optimal D*, the non-saturating loss
convolution_exercises.py   lesson 4: a convolution's matrix C, the transposed convolution Cᵀ
measuring.py               lesson 5: precision and recall, the 1-D Wasserstein distance W1
critic_exercises.py        lesson 6: the WGAN-GP critic's loss and gradient penalty
walks.py                   lesson 7: slerp, and the least-squares direction of the frequency
conditions.py              lesson 8: the conditional generator's input [z, b], and the hit rate

Each lesson's "your turn" cells call one checker, for example
``sinegan.course.check_slerp(slerp)``; ``EXERCISES`` lists every exercise, by the name of
the function the student writes.
"""

from . import (
    conditions,
    convolution_exercises,
    critic_exercises,
    game,
    measuring,
    randomness,
    slides_steps,
    theory_exercises,
    walks,
)
from .checking import NOT_WRITTEN, Checked, Exercise, check
from .conditions import check_conditional_input, check_hit_rate
from .convolution_exercises import check_transposed_convolution, check_valid_convolution_matrix
from .critic_exercises import check_critic_loss, check_gradient_penalty
from .game import check_discriminator_step, check_generator_step
from .measuring import check_precision_recall, check_wasserstein1
from .randomness import check_exponential_inverse_cdf, check_sample_discrete
from .slides_steps import check_pretraining_batch, check_sine_curves
from .theory_exercises import check_non_saturating_loss, check_optimal_discriminator
from .walks import check_least_squares_direction, check_slerp

_GROUPS = (
    randomness,
    slides_steps,
    game,
    theory_exercises,
    convolution_exercises,
    measuring,
    critic_exercises,
    walks,
    conditions,
)
EXERCISES: dict[str, Exercise] = {
    exercise.name: exercise for group in _GROUPS for exercise in group.EXERCISES
}

__all__ = ["EXERCISES", "NOT_WRITTEN", "Checked", "Exercise", "check"]
__all__ += ["check_exponential_inverse_cdf", "check_sample_discrete"]
__all__ += ["check_pretraining_batch", "check_sine_curves"]
__all__ += ["check_discriminator_step", "check_generator_step"]
__all__ += ["check_non_saturating_loss", "check_optimal_discriminator"]
__all__ += ["check_transposed_convolution", "check_valid_convolution_matrix"]
__all__ += ["check_precision_recall", "check_wasserstein1"]
__all__ += ["check_critic_loss", "check_gradient_penalty"]
__all__ += ["check_conditional_input", "check_hit_rate"]
__all__ += ["check_least_squares_direction", "check_slerp"]
