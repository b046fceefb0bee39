"""The "Sines" data of the TimeGAN benchmark: short multivariate series of slow sinusoids.

Yoon, Jarrett and van der Schaar, "Time-series Generative Adversarial Networks",
NeurIPS 2019, compare generators of time series on several data sets; the first,
"Sines", is drawn by a formula, so anyone can draw it again. Each of its series has
24 steps and 5 features, and feature k of series i is a sinusoid of its own:

    x[i, j, k] = (sin(f[i, k] · j + p[i, k]) + 1) / 2,   j = 0, 1, ..., 23,
    f[i, k] ~ U(0, 0.1),   p[i, k] ~ U(0, 0.1),   every f and p drawn independently.

The frequencies are small: over 23 steps the angle f·j + p grows by at most 2.3
radians, less than half a period, so a feature is a piece of a slow rise (and maybe
the start of its fall) rather than a wave. ``(x + 1) / 2`` maps sin's [-1, 1] onto
[0, 1], as the authors' code does, and the benchmark's scores
(sinegan.measure.timegan) read every series in that range.

The benchmark draws 10,000 series. Unlike the slides' curves (one sinusoid per curve
over 64 points), a series here is a small matrix, steps by features: the rows are time.
"""

from __future__ import annotations

import numpy as np

from ..validation import require_int

SINES_STEPS = 24  # time steps per series
SINES_FEATURES = 5  # sinusoids per series, one per feature
SINES_SIZE = 10_000  # series in the benchmark's data
SINES_RANGE = (0.0, 0.1)  # the uniform range of every frequency f and every phase p


def timegan_sines(n: int = SINES_SIZE, seed: int = 0) -> np.ndarray:
    """``n`` series of the Sines data, float32 of shape (n, 24, 5), every value in [0, 1].

        x[i, j, k] = (sin(f[i, k] · j + p[i, k]) + 1) / 2,   f, p ~ U(0, 0.1)

    for steps j = 0 ... 23 and features k = 0 ... 4. The draws come from
    ``numpy.random.default_rng(seed)``: first the (n, 5) frequencies, then the
    (n, 5) phases, so the same seed gives the same series, and a different seed an
    independent draw (a fresh real sample to score against).
    """
    require_int("n", n)
    require_int("seed", seed, minimum=0)
    rng = np.random.default_rng(seed)
    frequencies = rng.uniform(*SINES_RANGE, size=(n, SINES_FEATURES))
    phases = rng.uniform(*SINES_RANGE, size=(n, SINES_FEATURES))
    steps = np.arange(SINES_STEPS, dtype=np.float64)[None, :, None]  # j, along axis 1
    angles = frequencies[:, None, :] * steps + phases[:, None, :]  # (n, 24, 5)
    return ((np.sin(angles) + 1.0) / 2.0).astype(np.float32)
