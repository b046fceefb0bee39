"""What the lab's page draws of one moment of the game: a ``LabFrame``.

Each frame recomputes, from the networks as they are now:

- G's curves for the session's fixed latent batch (200 on the page), and the
  sine fit that places each at its (b, c), or sets it apart if no sine fits;
- D's score of the sinusoid at every point of a 32 × 32 grid of the plane
  (sinegan.measure.plane), one call of D;
- the arrows: where the next G update moves each point. They are measured,
  not estimated from gradients: every variable the update writes (weights,
  dropout's seeds, the optimizers' moments), the batch generator's state and, on
  PyTorch, the generator dropout draws from are saved; one real G update runs on the
  batch that the next update will draw; G's curves are fitted again, starting from
  their fit before the update (one update barely moves a curve); and everything is
  restored. So each arrow of a curve a sine fits (the points drawn) ends where a
  press of "G step" sends it (tests/test_lab_session.py checks it to 1e-5).
  Gradients with respect to each curve would show where each curve alone is
  pushed; G's weights move all curves at once, which only a real update shows.

It reuses the dataset's real curves; the quality measures, which cost more,
are not part of a frame (``LabSession.measure``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
from keras import ops

from .. import backends
from ..engines.fast import training_state
from ..measure.plane import PlaneFrame, measure_plane
from ..measure.sine_fit import fit_sines

# The page's sine fit: the monitor's with a coarser search (150 frequencies, 10 refinement
# steps), which placed every sine-like curve of a test sample as the full fit does (b to
# 1e-9) in about half the time (12 ms against 20 ms for 200 curves on a 2-core CPU).
PAGE_FIT = {"grid_size": 150, "refinement_steps": 10}


@dataclass(frozen=True)
class LabFrame:
    """What the page draws at one moment: the plane, the arrows, the curves, the counters."""

    rounds: int  # whole steps of the slides' loop (k D updates, then one G update)
    discriminator_updates: int  # every D update, in rounds and alone
    generator_updates: int  # every G update, in rounds and alone
    epoch: int  # epochs closed in the Trainer's history
    plane: PlaneFrame  # D's score map, and G's curves at their fitted (b, c)
    next_frequency: np.ndarray  # (curves,) each point's b after the next G update
    next_phase: np.ndarray  # (curves,) its c after the next G update, in [0, 2 pi)
    generated: np.ndarray  # (8, train_len) a few of G's curves
    real: np.ndarray  # (8, train_len) a few real curves
    status: str  # "ready", or "diverged at step N: press Reset"


def draw_frame(session) -> LabFrame:
    """The ``LabFrame`` of a ``LabSession`` now; the networks are left as they were."""
    trainer = session.trainer
    generated = _generated(session)  # (curves, train_len)
    if not np.all(np.isfinite(generated)):  # diverged before any frame: drawn as 0 where not finite
        generated = np.nan_to_num(generated, nan=0.0, posinf=0.0, neginf=0.0)
    fit = fit_sines(generated, trainer.dataset.x, **PAGE_FIT)
    grid = (session.grid, session.grid)
    plane = measure_plane(
        trainer.discriminator, generated, session.config, trainer.epoch, grid, fit=fit
    )
    next_frequency, next_phase = plane.frequency, plane.phase
    if session.diverged_at is None:
        next_frequency, next_phase = _preview_generator_step(session, fit.frequency)
    return LabFrame(
        rounds=session.rounds,
        discriminator_updates=session.discriminator_updates,
        generator_updates=session.generator_updates,
        epoch=trainer.epoch,
        plane=plane,
        next_frequency=next_frequency,
        next_phase=next_phase,
        generated=generated[:8],
        real=trainer.dataset.curves[:8],
        status=session.status,
    )


def _generated(session) -> np.ndarray:
    generator = session.trainer.sampling_generator
    return np.asarray(ops.convert_to_numpy(generator(session.latent, training=False)))


def _preview_generator_step(session, frequency):
    """(b, c) of G's points after the next G update: a real update, then undone.

    The refit starts from each curve's ``frequency`` now: one update barely moves a curve.
    """
    trainer = session.trainer
    trainer.engine_steps()  # the G loop's optimizer moments exist before the state is saved
    backend = backends.current()
    random_state = backend.random_state()  # PyTorch's generator, which dropout draws from
    discriminator = trainer.discriminator  # a G update leaves D's weights and optimizer alone
    untouched = {
        id(v) for v in [*discriminator.trainable_variables, *discriminator.optimizer.variables]
    }
    state = [v for v in training_state(trainer.parts) if id(v) not in untouched]
    saved = [ops.convert_to_numpy(variable.value) for variable in state]
    rng_state = copy.deepcopy(trainer.rng.bit_generator.state)
    try:
        _, latent = trainer.draw_epoch_batches(1)
        session.generator_update(latent)
        fit = fit_sines(
            _generated(session), trainer.dataset.x, refinement_steps=6, initial_frequency=frequency
        )
    finally:
        for variable, value in zip(state, saved, strict=True):
            variable.assign(value)
        trainer.rng.bit_generator.state = rng_state
        backend.set_random_state(random_state)
    return np.asarray(fit.frequency), np.mod(np.asarray(fit.phase), 2 * np.pi)
