"""Data from several regions of the (b, c) plane: one rectangle of frequencies and phases, or many.

The slides draw each real curve's frequency b and phase c uniformly from one
rectangle, ``frequency_range`` × ``phase_range``. ``data_regions`` lists any
number of rectangles instead, four numbers each, (b_low, b_high, c_low, c_high);
the data's (b, c) are then uniform over their union. Two rectangles far apart
make the data multi-modal, where mode collapse shows as a place (Goodfellow 2016,
"NIPS 2016 Tutorial: Generative Adversarial Networks", arXiv:1701.00160, on mode
collapse): draw the game in the plane (sinegan.figures.plane) and see whether G's
points reach every rectangle or crowd into one.

A curve only sees its phase mod 2π, so a rectangle is read mod 2π as well:
``in_data`` tests c mod 2π, and two rectangles overlap where they do mod 2π.
Overlapping rectangles are fine: a point of the overlap is drawn no more often
than any other point of the union.
"""

from __future__ import annotations

import numpy as np

from ..config_fields import data_regions
from ..slides.config import GANConfig, require_config
from ..slides.dataset import random_parameters
from ..validation import require_int, require_rng


def region_parameters(config: GANConfig, n: int, rng: np.random.Generator):
    """Draw n (amplitude, frequency, phase) triples: a from ``amplitude_range``, (b, c) uniform
    over the union of the config's regions (``random_parameters``, draw for draw, when it has none).

    Each draw picks a rectangle with probability proportional to its area, then a point
    uniformly inside it. A point of an overlap could come from each rectangle that covers it,
    so it is kept only when it came from the first of them: the density stays uniform.
    """
    require_config(config)
    if not config.data_regions:
        return random_parameters(config, n, rng)  # the slides' draws, number for number
    require_int("n", n, minimum=1)
    require_rng(rng)
    rectangles = np.array(data_regions(config), dtype=np.float64)  # (r, 4)
    b_low, b_high, c_low, c_high = rectangles.T  # (r,) each
    # areas as logarithms: a tiny rectangle beside a huge one must not underflow to 0
    log_area = np.log(b_high - b_low) + np.log(c_high - c_low)  # (r,)
    weight = np.exp(log_area - log_area.max())  # (r,) the largest is 1
    amplitude = rng.uniform(*config.amplitude_range, size=n)  # (n,)
    frequency, phase = np.empty(0), np.empty(0)
    while len(frequency) < n:  # one round unless rectangles overlap
        chosen = rng.choice(len(rectangles), size=n, p=weight / weight.sum())  # (n,)
        b = rng.uniform(b_low[chosen], b_high[chosen])  # (n,)
        c = rng.uniform(c_low[chosen], c_high[chosen])  # (n,)
        first = _inside(rectangles, b, c).argmax(axis=1)  # (n,) the first rectangle covering it
        frequency = np.concatenate([frequency, b[first == chosen]])
        phase = np.concatenate([phase, c[first == chosen]])
    return amplitude, frequency[:n], phase[:n]


def in_data(config: GANConfig, frequency, phase) -> np.ndarray:
    """Whether each (b, c) lies in the data's regions (the slides' rectangle when the config
    has none), c read mod 2π: a bool array of the broadcast shape of ``frequency`` and ``phase``."""
    require_config(config)
    frequency, phase = np.broadcast_arrays(
        np.asarray(frequency, dtype=np.float64), np.asarray(phase, dtype=np.float64)
    )
    rectangles = np.array(data_regions(config), dtype=np.float64)  # (r, 4)
    inside = _inside(rectangles, frequency.ravel(), phase.ravel())  # (m, r)
    return inside.any(axis=1).reshape(frequency.shape)


def _inside(rectangles, frequency, phase) -> np.ndarray:
    """(m, r) bool: whether (frequency[i], phase[i] mod 2π) lies in rectangle j, edges included."""
    b_low, b_high, c_low, c_high = (bound[None, :] for bound in rectangles.T)  # (1, r) each
    b, c = frequency[:, None], phase[:, None]  # (m, 1) each
    # how far past c_low, once round the circle: in [0, 2π)
    past_low = np.mod(c - c_low, 2 * np.pi)  # (m, r)
    return (b_low <= b) & (b <= b_high) & (past_low <= c_high - c_low)
