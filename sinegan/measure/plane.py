"""The whole game in one picture: D's score and G's curves in the (b, c) plane.

The real curves y = sin(b·x + c) form a family with two numbers, the frequency
b and the phase c, so every sinusoid is a point of the (b, c) plane and the
data fill the rectangle ``frequency_range`` × ``phase_range`` (or the config's
``data_regions``, sinegan.config_fields.data_regions). That lets us
draw the game the way GAN Lab draws a 2-D GAN (Kahng et al. 2018,
"GAN Lab: Understanding Complex Deep Generative Models using Interactive
Visual Experimentation", arXiv:1809.01587):

- D's score of the true sinusoid at every (b, c) of a grid wider than the data,
  as a heat map: where D says "real" and where it says "fake";
- G's curves as points at the (b, c) the sine fit finds for them
  (sinegan.measure.sine_fit), and, set apart, the curves no sine fits.

A GAN at equilibrium puts G's points all over the rectangle, and D's map there
is flat: it can no longer tell. A collapsed G crowds its points into a band.

``measure_plane`` returns the numbers of one such picture, a ``PlaneFrame``;
sinegan.figures.plane draws it. Keras is imported only when D is called, so the
figures can read a frame without it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config_fields import data_regions
from ..slides.config import GANConfig, require_config
from ..slides.dataset import sinusoids, x_coords
from ..validation import fail, is_int, require_curves, require_int
from .sine_fit import SINE_LIKE_THRESHOLD, SineFit, fit_sines

# The real curves that keep a grid curve company in D's minibatch groups (see _score).
COMPANION_SEED = 0


@dataclass(frozen=True)
class PlaneFrame:
    """One picture of the game in the (b, c) plane, after ``epoch`` epochs.

    ``scores[i, j]`` is D's score of sin(frequency_grid[j]·x + phase_grid[i]): its
    probability "real" for the cross-entropy game, the critic's raw value for WGAN-GP.
    ``frequency``, ``phase`` and ``sine_like`` describe G's curves, one entry each.
    """

    epoch: int
    frequency_grid: np.ndarray  # (nb,) the b of each column of scores
    phase_grid: np.ndarray  # (nc,) the c of each row of scores, in [0, 2 pi)
    scores: np.ndarray  # (nc, nb) D's score of each grid sinusoid
    frequency: np.ndarray  # (n,) each G curve's fitted b
    phase: np.ndarray  # (n,) each G curve's fitted c, in [0, 2 pi)
    sine_like: np.ndarray  # (n,) bool: the fit's RMSE is below SINE_LIKE_THRESHOLD


def frequency_window(config: GANConfig) -> tuple[float, float]:
    """The b axis of the plane: from a fifth of the data's lowest b to 1.5 times its highest.

    With the slides' b in [0.5, 2.0] that is [0.1, 3.0]: room on both sides of the
    data to see where D stops saying "real"; with several regions, around all of them.
    The c axis is always the whole circle.
    """
    regions = data_regions(config)  # [(b_low, b_high, c_low, c_high), ...]
    low, high = min(region[0] for region in regions), max(region[1] for region in regions)
    return low / 5, 1.5 * high


def measure_plane(
    discriminator,
    curves,
    config: GANConfig,
    epoch: int = 0,
    grid_size=(48, 48),
    *,
    fit: SineFit | None = None,
) -> PlaneFrame:
    """D's score over a (b, c) grid, and G's ``curves`` placed at their fitted (b, c).

    ``curves`` (n, train_len) are G's curves on the data's x grid. ``grid_size`` is
    (frequencies, phases). ``fit``, if given, is ``fit_sines(curves, x)`` computed by
    the caller (the trainer's quality monitor has already fitted the same curves).
    D scores every grid sinusoid in one call, with ``training=False`` (no dropout).
    """
    require_config(config)
    curves = require_curves(curves, "curves")  # (n, train_len)
    if curves.shape[1] != config.train_len:
        raise ValueError(
            f"curves expected one curve of config.train_len={config.train_len} points per row. "
            f"Received: curves.shape={curves.shape}"
        )
    require_int("epoch", epoch, minimum=0)
    if not (
        isinstance(grid_size, tuple)
        and len(grid_size) == 2
        and all(is_int(size) and size >= 2 for size in grid_size)
    ):
        fail("grid_size", "a (frequencies, phases) pair of integers >= 2", grid_size)
    if not callable(discriminator):
        fail(
            "discriminator",
            "a Keras model (or any callable) that scores a batch of D's inputs",
            discriminator,
        )
    x = x_coords(config)  # (train_len,)
    if fit is None:
        fit = fit_sines(curves, x)
    elif not isinstance(fit, SineFit) or np.shape(fit.rmse) != (len(curves),):
        raise ValueError(
            f"fit expected the SineFit of the {len(curves)} curves, fit_sines(curves, x). "
            f"Received: fit={type(fit).__name__} of shape {np.shape(getattr(fit, 'rmse', None))}"
        )

    frequency_count, phase_count = grid_size
    frequency_grid = np.linspace(*frequency_window(config), frequency_count)  # (nb,)
    # (nc,) cell centres in [0, 2 pi)
    phase_grid = (np.arange(phase_count) + 0.5) * 2 * np.pi / phase_count
    grid_frequency, grid_phase = np.meshgrid(frequency_grid, phase_grid)  # (nc, nb) each
    scores = _score(discriminator, grid_frequency.ravel(), grid_phase.ravel(), config)  # (nc * nb,)
    return PlaneFrame(
        epoch=int(epoch),
        frequency_grid=frequency_grid,
        phase_grid=phase_grid,
        scores=scores.reshape(phase_count, frequency_count),  # (nc, nb): row i is phase_grid[i]
        frequency=np.asarray(fit.frequency, dtype=np.float64),
        phase=np.asarray(fit.phase, dtype=np.float64),
        sine_like=np.asarray(fit.rmse) < SINE_LIKE_THRESHOLD,
    )


def _score(discriminator, frequency, phase, config: GANConfig) -> np.ndarray:
    """D's score of sin(b·x + c) for each (b, c): one call, (m,) float32.

    The amplitude is the middle of ``amplitude_range`` (1 on the slides). A
    conditional D reads [curve, b] with the curve's own b, as it reads a real curve.

    With ``minibatch_std_group = g``, D scores groups of g curves together: each row
    also sees how varied its group is (sinegan.extras.minibatch_std). A group of
    near-identical neighbours of the grid would look collapsed, so each grid
    curve is scored in a group of its own, beside the same g - 1 real curves:
    "would D take this curve for real if it came in a batch of real ones?".
    That costs g rows per grid point, still one call.
    """
    from keras import ops  # Keras is loaded by now: D is a Keras model

    amplitude = np.full(len(frequency), np.mean(config.amplitude_range))  # (m,)
    inputs = _discriminator_inputs(config, amplitude, frequency, phase)  # (m, discriminator_inputs)
    group = config.minibatch_std_group
    if group > 1:
        from ..extras.regions import region_parameters  # (b, c) drawn as the data's are

        rng = np.random.default_rng(COMPANION_SEED)
        # (g - 1, inputs)
        companions = _discriminator_inputs(config, *region_parameters(config, group - 1, rng))
        inputs = np.concatenate(
            [inputs[:, None, :], np.broadcast_to(companions, (len(inputs), *companions.shape))],
            axis=1,
        ).reshape(len(inputs) * group, -1)  # (m * g, inputs): grid curve, then g - 1
    scores = ops.convert_to_numpy(discriminator(inputs, training=False))  # (m * g, 1)
    if scores.shape not in ((len(inputs), 1), (len(inputs),)):
        fail(
            "discriminator",
            f"a model that scores each of {len(inputs)} rows with one number, shape "
            f"({len(inputs)}, 1)",
            discriminator,
            also=f"output shape {scores.shape}",
        )
    return scores.reshape(-1, max(group, 1))[:, 0]  # (m,): each grid curve's own score


def _discriminator_inputs(config: GANConfig, amplitude, frequency, phase) -> np.ndarray:
    """What D reads of the sinusoids a·sin(b·x + c): the curves, then b if D is conditional."""
    # (m, train_len)
    curves = sinusoids(x_coords(config), amplitude, frequency, phase).astype(np.float32)
    if not config.conditional:
        return curves
    from ..extras.latent_prior import encode_frequency  # loads Keras: only a conditional D needs it

    # (m, train_len + 1)
    return np.concatenate([curves, encode_frequency(config, frequency)], axis=1)
