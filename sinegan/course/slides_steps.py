"""Lesson 1's exercises: the data of the slides' step 1, and the batch of step 3.

- ``sine_curves(x, amplitude, frequency, phase)``: the curves a·sin(b·x + c), one per
  row, sampled at the points ``x``. The reference is the library's own
  ``sinegan.slides.dataset.sinusoids``, which draws X_TRAIN.
- ``pretraining_batch(real_curves, noise_curves, rows)``: step 3's batch, the rows n of
  X_TRAIN followed by the same rows of NOISE, with labels 1 ("real") then 0.

Each trial runs the student's function on a few short curves (NumPy only: no model,
so it is quick on every backend).
"""

from __future__ import annotations

import numpy as np

from ..slides.dataset import sinusoids
from ..validation import fail, require_curves, require_same_length
from .checking import Exercise, Mistake, check, expect, written, written_array

# Three curves on seven points: each mistake below gives different numbers here.
_X = np.linspace(-5.0, 5.0, 7)
_AMPLITUDE = np.array([1.0, 0.5, 2.0])
_FREQUENCY = np.array([0.5, 1.3, 2.0])
_PHASE = np.array([1.0, 2.5, 3.1])


def pretraining_batch(real_curves, noise_curves, rows):
    """Step 3's batch: ``real_curves[rows]`` then ``noise_curves[rows]``, labels 1 then 0.

    Returns (inputs, labels): inputs (2·len(rows), points), the real rows first, and
    labels (2·len(rows),) float32. Rows are the slides' random indices n: the same n
    picks the real curves and the noise curves.
    """
    real_curves = require_curves(real_curves, "real_curves")
    noise_curves = require_curves(noise_curves, "noise_curves")
    require_same_length(real_curves, "real_curves", noise_curves, "noise_curves")
    rows = np.asarray(rows)
    count = min(len(real_curves), len(noise_curves))
    if not (rows.ndim == 1 and len(rows) and np.issubdtype(rows.dtype, np.integer)) or not (
        0 <= rows.min() and rows.max() < count
    ):
        fail("rows", f"a non-empty 1-D array of row indices from 0 to {count - 1}", rows)
    # (2·len(rows), points) X_TRAIN[n], then NOISE[n]
    inputs = np.concatenate([real_curves[rows], noise_curves[rows]]).astype(np.float32)
    labels = np.concatenate([np.ones(len(rows)), np.zeros(len(rows))]).astype(np.float32)
    return inputs, labels


def _trial_sine_curves(function):
    got = written_array(function(_X, _AMPLITUDE, _FREQUENCY, _PHASE))
    expected = sinusoids(_X, _AMPLITUDE, _FREQUENCY, _PHASE)  # (3, 7)
    shape = expected.shape
    expect(
        got.shape != shape[::-1] or not np.allclose(got.T, expected),
        f"the curves came out as columns: return one curve per row, shape {shape} for 3 curves"
        " on 7 points",
    )
    expect(got.shape == shape, f"expected one curve per row, shape {shape}; got shape {got.shape}")
    if np.allclose(got, expected, atol=1e-5):
        return
    a, b, c, x = _AMPLITUDE[:, None], _FREQUENCY[:, None], _PHASE[:, None], _X[None, :]
    mistakes = [
        (
            sinusoids(_X, _AMPLITUDE, _PHASE, _FREQUENCY),
            "b and c are swapped: the frequency b multiplies x, the phase c is added",
        ),
        (a * np.cos(b * x + c), "that is a cosine: the slides' curves are a·sin(b·x + c)"),
        (
            a * np.sin(np.radians(b * x + c)),
            "the angle b·x + c is already in radians: give it to np.sin as it is",
        ),
        (np.sin(b * x + c), "the amplitude a is missing: multiply each curve by its own a"),
        (
            a * np.sin(b * (x + c)),
            "add the phase after the product: sin(b·x + c), not sin(b·(x + c))",
        ),
    ]
    for wrong, hint in mistakes:
        expect(not np.allclose(got, wrong, atol=1e-5), hint)
    largest = np.max(np.abs(got - expected))
    raise Mistake(f"the curves differ from a·sin(b·x + c) by up to {largest:.3f} on 3 curves")


def _trial_pretraining_batch(function):
    rng = np.random.default_rng(0)
    real, noise = rng.uniform(0, 1, (6, 5)), rng.uniform(-1, 0, (6, 5))  # tell-apart signs
    rows = np.array([4, 1, 3])
    answer = written(function(real, noise, rows))
    expect(
        isinstance(answer, (tuple, list)) and len(answer) == 2,
        "return two things, the batch of curves and its labels: return inputs, labels",
    )
    inputs, labels = written_array(answer[0]), written_array(answer[1]).ravel()
    expect(
        inputs.shape != (3, 10),
        "the curves were joined side by side: concatenate along axis 0, so that the batch has"
        " 2·len(rows) rows",
    )
    expect(inputs.shape == (6, 5), f"expected 6 rows of 5 points for 3 rows n; got {inputs.shape}")
    expect(
        not np.allclose(inputs, np.concatenate([noise[rows], real[rows]])),
        "put the real curves first, then the noise curves, as the slides do",
    )
    expect(
        np.allclose(inputs[:3], real[rows]),
        "the first half must be the real curves picked by the rows n: real_curves[rows]",
    )
    expect(
        np.allclose(inputs[3:], noise[rows]),
        "the second half must be the same rows n of NOISE: noise_curves[rows]",
    )
    expect(labels.size == 6, f"expected one label per curve, 6 labels; got {labels.size}")
    expect(
        not np.array_equal(labels, [0, 0, 0, 1, 1, 1]),
        "the labels are flipped: real curves get label 1, noise curves 0",
    )
    expect(
        np.array_equal(labels, [1, 1, 1, 0, 0, 0]),
        f"expected labels 1 for each real curve, then 0 for each noise curve; got {labels}",
    )


SINE_CURVES = Exercise(
    name="sine_curves",
    lesson=1,
    task="return a·sin(b·x + c) at the points x, one curve per row",
    reference=sinusoids,
    trial=_trial_sine_curves,
    solution="01_sine_curves.py",
)
PRETRAINING_BATCH = Exercise(
    name="pretraining_batch",
    lesson=1,
    task="return the rows n of X_TRAIN then the same rows of NOISE, and labels 1 then 0",
    reference=pretraining_batch,
    trial=_trial_pretraining_batch,
    solution="01_pretraining_batch.py",
)
EXERCISES = (SINE_CURVES, PRETRAINING_BATCH)


def check_sine_curves(function):
    """Check the student's sine_curves (lesson 1): a·sin(b·x + c) for each (a, b, c), one curve
    per row, at the points x; on 3 curves of 7 points."""
    return check(SINE_CURVES, function)


def check_pretraining_batch(function):
    """Check the student's pretraining_batch (lesson 1): the rows n of X_TRAIN then the same rows
    of NOISE, labels 1 then 0; on 3 rows of tiny curves."""
    return check(PRETRAINING_BATCH, function)
