"""The two scores of the TimeGAN benchmark: can a small network tell, or use, the difference?

Yoon, Jarrett and van der Schaar ("Time-series Generative Adversarial Networks",
NeurIPS 2019) judge synthetic time series by training a small recurrent network
after the fact, "post hoc", and reading how it does:

- ``discriminative_score``: a GRU classifier learns to tell real series (label 1)
  from synthetic ones (label 0) on 80% of each, and is tested on the other 20%.
  The score is |accuracy - 0.5|: 0 when it cannot tell them apart, 0.5 when it
  always can. Lower is better.
- ``predictive_score``: "train on synthetic, test on real". A GRU learns, from the
  synthetic series only, to predict the last feature one step ahead from the
  others; the score is its mean absolute error on every real series. If the
  synthetic series move like the real ones, what it learned carries over. Lower is
  better.

Both networks are tiny on purpose (int(features / 2) = 2 GRU units for the Sines
data, sinegan.extras.timegan_sines): the scores measure the data, not the
classifier's capacity. A score means little alone: ``repeated_score`` gives its
mean and standard deviation over repeats (the paper reports 10), and the same
score of a second real draw against the first, the "floor", shows what
"indistinguishable" looks like at this sample size.

The training loop is Keras' own ``model.fit`` over a NumPy batch generator, so the
same code runs on TensorFlow, JAX and PyTorch; ``seed`` fixes the initial weights,
the train/test split and every batch, without touching any global random state.
"""

from __future__ import annotations

import inspect
from typing import NamedTuple

import keras
import numpy as np

from ..extras.timegan_sines import SINES_FEATURES, SINES_STEPS
from ..validation import fail, require_int, require_series
from .stacked import absolute_error, side_by_side, stacked_gru, summed_over_runs

TRAIN_SHARE = (4, 5)  # 80% of each sample trains the classifier, 20% tests it
# Training steps run by one call of the compiled step, fewer Python round trips per step
# (the largest divisor of the iterations up to this; PyTorch's Keras trainer runs one at a time).
STEPS_PER_CALL = 50


def discriminative_score(real, synthetic, iterations=2000, batch_size=128, seed=0) -> float:
    """|accuracy - 0.5| of a GRU classifier that tells ``real`` from ``synthetic`` series.

    Both samples are split 80/20 at random. The classifier (a GRU of int(features / 2)
    tanh units, then a Dense layer from its last state to one logit) trains for
    ``iterations`` steps of Adam at Keras' default rate, each on ``batch_size`` real
    and ``batch_size`` synthetic series from the 80% (drawn without replacement within
    a batch), minimising the sigmoid cross-entropy. Its accuracy is then read on the
    20% of both, real and synthetic together, calling a series real when its logit
    is above 0 (probability above 0.5).

    The authors' loss is the mean cross-entropy of the real half plus that of the
    synthetic half, twice the mean over the whole batch used here; Adam's steps do
    not change when a loss is scaled, so the training is the same.
    """
    return _discriminative_runs(real, synthetic, [seed], iterations, batch_size)[0]


def predictive_score(real, synthetic, iterations=5000, batch_size=128, seed=0) -> float:
    """Mean absolute error on ``real`` of a GRU that learned one-step-ahead prediction on
    ``synthetic``: train on synthetic, test on real.

    The predictor reads the first four features of steps 0 ... 22 and predicts the
    fifth feature at steps 1 ... 23, one step ahead, at every step: a GRU of
    int(features / 2) tanh units, then a Dense layer with a sigmoid from each step's
    state (the data lie in [0, 1]). It trains for ``iterations`` steps of Adam at
    Keras' default rate on ``batch_size`` synthetic series each (drawn without
    replacement within a batch), minimising the mean absolute error; the score is
    that error over every real series and every predicted step.
    """
    return _predictive_runs(real, synthetic, [seed], iterations, batch_size)[0]


def repeated_score(score, real, synthetic, repeats=10, seed=0, **options) -> tuple[float, float]:
    """(mean, standard deviation) of ``score`` (``discriminative_score`` or
    ``predictive_score``) of ``real`` and ``synthetic`` over ``repeats`` runs.

    Run r is ``score(real, synthetic, seed=seed + r, **options)``: a new split, new
    batches and new initial weights, the same data. The runs train together, side
    by side in one network (sinegan.measure.stacked), which takes about the time of
    one. The deviation is NumPy's (ddof=0): the spread of these runs.
    """
    runs = {discriminative_score: _discriminative_runs, predictive_score: _predictive_runs}
    if score not in runs:
        fail("score", "discriminative_score or predictive_score", score)
    require_int("repeats", repeats)
    require_int("seed", seed, minimum=0)
    defaults = inspect.signature(score).parameters
    unknown = sorted(set(options) - {"iterations", "batch_size"})
    if unknown:
        fail("options", "only iterations and batch_size", unknown)
    iterations, batch_size = (
        options.get(name, defaults[name].default) for name in ("iterations", "batch_size")
    )
    scores = runs[score](real, synthetic, range(seed, seed + repeats), iterations, batch_size)
    return float(np.mean(scores)), float(np.std(scores))


def _discriminative_runs(real, synthetic, seeds, iterations, batch_size):
    """The discriminative score of each run, one per seed, trained side by side."""
    real, synthetic = _require_pair(real, synthetic, batch_size, split=True)
    require_int("iterations", iterations)
    streams = [_streams(seed) for seed in seeds]
    real_parts = [_split(real, stream.split) for stream in streams]  # (train, test) per run
    synthetic_parts = [_split(synthetic, stream.split) for stream in streams]
    labels = np.repeat([[1.0], [0.0]], batch_size, axis=0)  # a batch: real first, then synthetic
    labels = np.repeat(labels, len(seeds), axis=1).astype(np.float32)  # the same for every run

    def batches():
        while True:
            batch = (
                np.concatenate(
                    [_draw(real_train, batch_size, stream.batches)]
                    + [_draw(synthetic_train, batch_size, stream.batches)]
                )
                for (real_train, _), (synthetic_train, _), stream in zip(
                    real_parts, synthetic_parts, streams, strict=True
                )
            )
            yield side_by_side(batch), labels

    classifier = stacked_gru(
        len(seeds), SINES_STEPS, SINES_FEATURES, SINES_FEATURES // 2, [s.weights for s in streams]
    )
    loss = summed_over_runs(keras.ops.binary_crossentropy, from_logits=True)
    _train(classifier, loss, batches(), iterations)
    tests = side_by_side(
        np.concatenate([real_test, synthetic_test])
        for (_, real_test), (_, synthetic_test) in zip(real_parts, synthetic_parts, strict=True)
    )
    said_real = _predict(classifier, tests) > 0  # (tested series, runs): logit > 0, p > 0.5
    tested_real = len(real_parts[0][1])
    correct = np.concatenate([said_real[:tested_real], ~said_real[tested_real:]])
    return [float(abs(accuracy - 0.5)) for accuracy in correct.mean(axis=0)]


def _predictive_runs(real, synthetic, seeds, iterations, batch_size):
    """The predictive score of each run, one per seed, trained side by side."""
    real, synthetic = _require_pair(real, synthetic, batch_size, split=False)
    require_int("iterations", iterations)
    streams = [_streams(seed) for seed in seeds]

    def batches():
        while True:
            drawn = [_draw(synthetic, batch_size, stream.batches) for stream in streams]
            yield (
                side_by_side(batch[:, :-1, :-1] for batch in drawn),
                np.stack([batch[:, 1:, -1] for batch in drawn], axis=-1),
            )

    predictor = stacked_gru(
        len(seeds),
        SINES_STEPS - 1,
        SINES_FEATURES - 1,
        SINES_FEATURES // 2,
        [stream.weights for stream in streams],
        every_step=True,
        activation="sigmoid",
    )
    _train(predictor, summed_over_runs(absolute_error), batches(), iterations)
    predicted = _predict(predictor, side_by_side(real[:, :-1, :-1] for _ in seeds))
    return [float(e) for e in np.mean(np.abs(predicted - real[:, 1:, -1:]), axis=(0, 1))]


def _require_pair(real, synthetic, batch_size, split):
    """Both samples as float32 (n, 24, 5). The series that train must fill a batch: all of
    ``synthetic``, or 80% of each sample when ``split``; the test needs one real series."""
    require_int("batch_size", batch_size)
    numerator, denominator = TRAIN_SHARE if split else (1, 1)
    needed = -(-batch_size * denominator // numerator)  # the smallest n with n·share >= batch
    why = (
        f"the 80% that train fill a batch of batch_size={batch_size}"
        if split
        else f"a batch draws batch_size={batch_size} distinct ones"
    )
    shape = (SINES_STEPS, SINES_FEATURES)
    real = require_series(real, "real", shape, needed if split else 1, why)
    return real, require_series(synthetic, "synthetic", shape, needed, why)


class _Streams(NamedTuple):
    """A run's randomness: its train/test split, its batches, and the seed of its weights."""

    split: np.random.Generator
    batches: np.random.Generator
    weights: int


def _streams(seed):
    require_int("seed", seed, minimum=0)
    return _Streams(
        np.random.default_rng([seed, 0]),
        np.random.default_rng([seed, 1]),
        int(np.random.default_rng([seed, 2]).integers(2**31)),
    )


def _split(series, rng):
    """A random (train, test) split of ``series``: TRAIN_SHARE of them, and the rest."""
    numerator, denominator = TRAIN_SHARE
    order = rng.permutation(len(series))
    cut = len(series) * numerator // denominator
    return series[order[:cut]], series[order[cut:]]


def _draw(series, batch_size, rng):
    """``batch_size`` distinct series of ``series``, at random."""
    return series[rng.choice(len(series), batch_size, replace=False)]


def _train(model, loss, batches, iterations):
    """``iterations`` steps of Adam (Keras' defaults) on the batches ``batches`` yields. XLA
    compiles TensorFlow's steps as it does JAX's (a third faster on a CPU than TensorFlow's
    own loop); PyTorch runs them one at a time, uncompiled."""
    compiled = keras.backend.backend() != "torch"
    most = min(STEPS_PER_CALL, iterations) if compiled else 1
    steps_per_call = next(steps for steps in range(most, 0, -1) if iterations % steps == 0)
    model.compile(
        keras.optimizers.Adam(), loss, steps_per_execution=steps_per_call, jit_compile=compiled
    )
    model.fit(batches, steps_per_epoch=iterations, epochs=1, verbose=0, shuffle=False)


def _predict(model, series):
    """The model's outputs for every series at once, as NumPy (one call: the networks are
    tiny, and a call needs no compiled function, unlike ``model.predict``)."""
    return keras.ops.convert_to_numpy(model(series, training=False))
