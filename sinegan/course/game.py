"""Lesson 2's exercises: the two updates of the slides' step 5, each with its freeze.

- ``discriminator_step(discriminator, real, generated)``: set
  ``discriminator.trainable = True``, then train D once on the real curves (label 1)
  followed by the generated ones (label 0); return what ``train_on_batch`` returns.
- ``generator_step(gan, discriminator, latent)``: set ``discriminator.trainable = False``,
  then train the GAN (G then D) on the latent vectors with target 1 ("real"), so that only
  G's weights move; return what ``train_on_batch`` returns.

The references are the two moves of sinegan.slides.training.train_gan_epoch. Each trial
builds its own tiny G, D and GAN with the slides' builders, fixed weights, plain SGD (a
step moves each weight by -rate × its gradient: the expected move is known exactly) and
eager steps (quick on every backend), runs the student's function and compares every
weight before and after: the right network must move, by the right amount, the other not.
"""

from __future__ import annotations

import warnings

import keras
import numpy as np
from keras import ops

from .. import backends
from ..engines.losses import discriminator_loss, non_saturating_generator_loss
from ..slides.config import GANConfig
from ..slides.discriminator import build_discriminator
from ..slides.generator import build_gan, build_generator
from ..validation import require_curves
from .checking import Exercise, NotWritten, check, expect

_RATE = 0.1  # SGD's learning rate in the tiny models
_BATCH = 4  # rows of each kind in a trial's batch


def discriminator_update(discriminator, real, generated):
    """Step 5's D update: real curves (label 1), then generated ones (label 0), D trainable.

    ``real`` and ``generated`` are (batch, points) arrays. Returns D's loss and accuracy,
    as ``discriminator.train_on_batch`` does.
    """
    real = require_curves(ops.convert_to_numpy(real), "real")
    generated = require_curves(ops.convert_to_numpy(generated), "generated")
    x = np.concatenate([real, generated]).astype(np.float32)  # (2·batch, points)
    labels = np.concatenate([np.ones(len(real)), np.zeros(len(generated))]).astype(np.float32)
    discriminator.trainable = True  # set before every D update (sinegan.slides.training)
    return discriminator.train_on_batch(x, labels)


def generator_update(gan, discriminator, latent):
    """Step 5's G update: the GAN (G then D) trained towards 1 ("real"), with D frozen.

    ``latent`` is (batch, latent_dim). Returns the GAN's loss and accuracy, as
    ``gan.train_on_batch`` does; only G's weights move.
    """
    latent = require_curves(ops.convert_to_numpy(latent), "latent").astype(np.float32)
    discriminator.trainable = False  # set before every G update (sinegan.slides.training)
    return gan.train_on_batch(latent, np.ones(len(latent), dtype=np.float32))


def _tiny_gan():
    """G, D and the GAN at a tiny size, built by the slides' builders, with fixed weights."""
    config = GANConfig(  # no dropout: a step is deterministic
        train_len=5,
        latent_dim=5,
        generator_units=(4,),
        discriminator_units=4,
        discriminator_dropout=0.0,
    )
    generator = build_generator(config, optimizer=keras.optimizers.SGD(_RATE))
    discriminator = build_discriminator(config, optimizer=keras.optimizers.SGD(_RATE))
    gan = build_gan(generator, discriminator, config, optimizer=keras.optimizers.SGD(_RATE))
    rng = np.random.default_rng(0)
    for model in (generator, discriminator):
        model.set_weights(
            [rng.uniform(-0.8, 0.8, w.shape).astype("float32") for w in model.weights]
        )
    for model in (generator, discriminator, gan):
        model.run_eagerly = True  # no train function to trace: quick on every backend
    return generator, discriminator, gan


def _rows(seed, low, high):
    """A (batch, 5) float32 array of uniform values: curves or latent vectors."""
    return np.random.default_rng(seed).uniform(low, high, (_BATCH, 5)).astype(np.float32)


def _values(model):
    return [ops.convert_to_numpy(weight).copy() for weight in model.weights]


def _run(function, arguments, generator, discriminator):
    """Call the student's function; return its answer, and how far G's and D's weights moved.

    Keras' warnings are kept quiet (a frozen D warns that it has no trainable weights):
    the check's one line says what went wrong.
    """
    before = _values(generator), _values(discriminator)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        answer = function(*arguments)
    moves = [
        [after - old for after, old in zip(_values(model), values, strict=True)]
        for model, values in zip((generator, discriminator), before, strict=True)
    ]
    if answer in (None, Ellipsis) and all(_still(move) for move in moves):
        raise NotWritten  # a blank body: nothing returned, nothing trained
    return answer, *moves


def _expected_moves(loss, model):
    """How far one SGD step on ``loss`` moves each weight of ``model``: -rate × gradient."""
    gradients = backends.gradients(loss, model.weights)
    return [-_RATE * ops.convert_to_numpy(gradient) for gradient in gradients]


def _same(moves, expected):
    pairs = zip(moves, expected, strict=True)
    return all(np.allclose(a, b, rtol=1e-3, atol=1e-6) for a, b in pairs)


def _still(moves):
    return all(not np.any(move) for move in moves)


def _returned(answer, expected_loss, call):
    """Check that the function returned train_on_batch's (loss, accuracy)."""
    numbers = np.ravel(np.asarray(answer, dtype=np.float64)) if np.ndim(answer) else []
    expect(
        len(numbers) == 2 and np.isclose(numbers[0], expected_loss, rtol=1e-3),
        f"return what {call} returns: the loss and the accuracy",
    )


def _trial_discriminator_step(function):
    generator, discriminator, gan = _tiny_gan()  # build_gan left D frozen, as after a G step
    real, generated = _rows(1, -1, 1), _rows(2, -1, 1)
    x = np.concatenate([real, generated])  # (8, 5)
    labels = np.concatenate([np.ones(_BATCH), np.zeros(_BATCH)]).astype(np.float32)

    def loss(targets):
        return lambda: discriminator_loss(targets, discriminator(x, training=True)[:, 0])

    right = _expected_moves(loss(labels), discriminator)
    flipped = _expected_moves(loss(1 - labels), discriminator)
    expected_loss = float(ops.convert_to_numpy(loss(labels)()))
    answer, g_moves, d_moves = _run(
        function, (discriminator, real, generated), generator, discriminator
    )
    expect(_still(g_moves), "G's weights changed during the D step: train D alone")
    expect(
        not _still(d_moves),
        "D's weights did not move: set discriminator.trainable = True before"
        " discriminator.train_on_batch",
    )
    updates = int(ops.convert_to_numpy(discriminator.optimizer.iterations))
    expect(updates == 1, f"D was updated {updates} times: train it once, on all 8 curves together")
    expect(
        not _same(d_moves, flipped),
        "D was trained with the labels flipped: real curves get label 1, generated ones 0",
    )
    expect(
        _same(d_moves, right),
        "D's update differs from the slides' on 4 real and 4 generated curves: train on the real"
        " curves then the generated ones, with labels 1 then 0",
    )
    _returned(answer, expected_loss, "discriminator.train_on_batch")


def _trial_generator_step(function):
    generator, discriminator, gan = _tiny_gan()
    latent = _rows(3, -1, 1)  # (4, 5) latent vectors

    def loss(target):  # target 1: the slides' cross-entropy against "real", -log D(G(z))
        targets = np.full(_BATCH, target, dtype=np.float32)
        return lambda: discriminator_loss(targets, gan(latent, training=True)[:, 0])

    right, towards_zero = _expected_moves(loss(1), generator), _expected_moves(loss(0), generator)
    expected_loss = float(ops.convert_to_numpy(non_saturating_generator_loss(gan(latent)[:, 0])))
    discriminator.trainable = True  # as the D step before it left D
    answer, g_moves, d_moves = _run(
        function, (gan, discriminator, latent), generator, discriminator
    )
    expect(
        _still(d_moves) or discriminator.trainable,
        "D's weights changed during the G step: D was still trainable when gan.train_on_batch"
        " ran; set discriminator.trainable = False before the call",
    )
    expect(
        _still(d_moves),
        "D's weights changed during the G step: set discriminator.trainable = False before"
        " gan.train_on_batch",
    )
    updates = int(ops.convert_to_numpy(gan.optimizer.iterations))
    expect(
        updates or _still(g_moves),
        "G was trained on its own, not through D: train the GAN (G then D) with gan.train_on_batch",
    )
    expect(not _still(g_moves), "G's weights did not move: train the GAN with gan.train_on_batch")
    expect(updates == 1, f"the GAN was updated {updates} times: call gan.train_on_batch once")
    expect(
        not _same(g_moves, towards_zero),
        "G was trained towards 0: the GAN's target for generated curves is 1 ('real')",
    )
    expect(
        _same(g_moves, right),
        "G's update differs from the slides' on 4 latent vectors: train the GAN towards 1",
    )
    _returned(answer, expected_loss, "gan.train_on_batch")
    discriminator.trainable = True  # the next D step; then G's step again must leave D alone
    _, _, d_moves = _run(function, (gan, discriminator, latent), generator, discriminator)
    expect(
        _still(d_moves),
        "D's weights changed at the second G step: set discriminator.trainable = False before"
        " every gan.train_on_batch",
    )


DISCRIMINATOR_STEP = Exercise(
    name="discriminator_step",
    lesson=2,
    task="set discriminator.trainable = True, then train D on real (1) and generated (0) curves",
    reference=discriminator_update,
    trial=_trial_discriminator_step,
    solution="02_discriminator_step.py",
)
GENERATOR_STEP = Exercise(
    name="generator_step",
    lesson=2,
    task="set discriminator.trainable = False, then train the GAN on the latent vectors, target 1",
    reference=generator_update,
    trial=_trial_generator_step,
    solution="02_generator_step.py",
)
EXERCISES = (DISCRIMINATOR_STEP, GENERATOR_STEP)


def check_discriminator_step(function):
    """Check the student's discriminator_step (lesson 2): with D trainable, one train_on_batch on
    real curves (label 1) then generated ones (label 0), moving D's weights only; on tiny models."""
    return check(DISCRIMINATOR_STEP, function)


def check_generator_step(function):
    """Check the student's generator_step (lesson 2): with D frozen, one gan.train_on_batch towards
    1 ("real"), moving G's weights only, at this step and the next; on tiny models."""
    return check(GENERATOR_STEP, function)
