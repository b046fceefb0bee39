"""The alternation is proved by comparing weights before and after real calls.

The slides alternate two updates: ``discriminator.trainable = True`` before D's
``train_on_batch``, then ``discriminator.trainable = False`` before the GAN's.
Whether the flag is obeyed depends on *when* Keras reads it, and each Keras 3
backend reads it differently:

- TensorFlow turns a model's train step into a graph on its first
  ``train_on_batch`` and keeps that graph. The variables to update are the
  ones that were trainable at that first call; later flips of the flag are
  ignored, silently.
- JAX reads the flag on every call, but the optimizer is built for the variable
  list of the first call: a later call with a different list raises
  ``ValueError``.
- PyTorch runs every step eagerly and reads the flag on every call: a flip is
  always obeyed. A model that was frozen at its first call still gets an
  optimizer built for no variables, so unfreezing it later raises ``ValueError``.

In the slides' order (D's first call with D trainable, the GAN's first call
with D frozen) the first calls already see the right flags, so all three
backends freeze correctly at every step. Get a first call wrong and the same
mistake does three different things, which the traps below measure on the
backend the tests run under (``KERAS_BACKEND``):

- The GAN's first step runs while D is trainable: it updates D on every
  backend. Afterwards, with D frozen as the slides do, TensorFlow goes on
  updating D at every GAN step without a word, JAX raises ``ValueError`` at
  every GAN step, and PyTorch freezes D correctly.
- D's first step runs while D is frozen: it updates nothing on every backend.
  Afterwards, with D trainable again, TensorFlow still never updates D (its
  only sign was a warning, "does not have any trainable weights", at that first
  call), and JAX and PyTorch raise ``ValueError`` at every D step (PyTorch
  warned at the first call too; JAX said nothing).

Neither a warning nor the flag's value proves anything: only the weights can.
The traps show the comparisons can fail; the rest show that both engines avoid
the traps from the very first step.
"""

import warnings

import keras
import numpy as np
import pytest

from sinegan import GANConfig, Trainer, build_discriminator, build_gan, build_generator

from helpers import CallRecorder, fast_step_changes, same, weights


def models(config=GANConfig(train_size=256)):
    generator, discriminator = build_generator(config), build_discriminator(config)
    return generator, discriminator, build_gan(generator, discriminator, config)


BATCH = np.random.default_rng(0).uniform(-1, 1, (64, 64)).astype("float32")
ONES = np.ones(64, "float32")


def effect(train_on_batch, generator, discriminator):
    """What one real call did, in the words of the tables below: "updates G and D",
    "updates G", "updates D", "updates nothing" or "raises ValueError"."""
    before = weights(generator), weights(discriminator)
    try:
        train_on_batch(BATCH, ONES)
        error = None
    except ValueError as raised:
        # only the optimizer's complaint is a measured behaviour
        if "built with" not in str(raised):
            raise
        error = "raises ValueError"
    moved = " and ".join(
        name
        for name, model, old in zip("GD", (generator, discriminator), before, strict=True)
        if not same(old, weights(model))
    )
    updates = f"updates {moved}" if moved else "updates nothing"
    if error is None:
        return updates
    return error if not moved else f"{error} after it {updates}"


def slides_step(generator, discriminator, gan):
    """One step of the slides' loop, flags toggled as written; returns (D's effect, the GAN's
    effect)."""
    discriminator.trainable = True
    d_effect = effect(discriminator.train_on_batch, generator, discriminator)
    discriminator.trainable = False
    return d_effect, effect(gan.train_on_batch, generator, discriminator)


def measured_on_this_backend(table):
    backend = keras.backend.backend()
    assert backend in table, (
        f"nothing measured yet for the {backend} backend: measure it and add a row"
    )
    return table[backend]


# --- The Keras 3 traps are real, and differ by backend ---------------------------
# The GAN's first train_on_batch runs while D is trainable; then the slides' loop,
# which freezes D before every GAN step.
GAN_FIRST_STEP_WITH_DISCRIMINATOR_TRAINABLE = {
    # backend: (that first GAN step, every later GAN step with D frozen as the slides do)
    # silently, forever: the traced step updates D
    "tensorflow": (
        "updates G and D",
        "updates G and D",
    ),
    # the optimizer was built for G's and D's variables
    "jax": (
        "updates G and D",
        "raises ValueError",
    ),
    # the flag is read at every call: D is frozen correctly
    "torch": (
        "updates G and D",
        "updates G",
    ),
}


def test_trap_gan_first_step_with_discriminator_trainable():
    generator, discriminator, gan = models()
    first, later = measured_on_this_backend(GAN_FIRST_STEP_WITH_DISCRIMINATOR_TRAINABLE)
    discriminator.trainable = True  # the mistake: the GAN's first step must see D frozen
    assert effect(gan.train_on_batch, generator, discriminator) == first
    steps = [slides_step(generator, discriminator, gan) for _ in range(3)]
    assert steps == [("updates D", later)] * 3  # D's own steps stay right on every backend


# D's first train_on_batch runs while D is frozen (build_gan froze it); then the
# slides' loop, which sets D trainable before every D step.
DISCRIMINATOR_FIRST_STEP_WHILE_FROZEN = {
    # backend: (that first D step, does it warn?, every later D step with D trainable)
    # D never trains; the warning is the only sign
    "tensorflow": (
        "updates nothing",
        "warns",
        "updates nothing",
    ),
    # the optimizer was built for no variables
    "jax": (
        "updates nothing",
        "silent",
        "raises ValueError",
    ),
    # the optimizer was built for no variables
    "torch": (
        "updates nothing",
        "warns",
        "raises ValueError",
    ),
}


def test_trap_discriminator_traced_while_frozen_never_trains():
    generator, discriminator, gan = models()  # build_gan left D frozen
    first, warning, later = measured_on_this_backend(DISCRIMINATOR_FIRST_STEP_WHILE_FROZEN)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first_effect = effect(discriminator.train_on_batch, generator, discriminator)  # the mistake
    warned = any("does not have any trainable weights" in str(w.message) for w in caught)
    assert (first_effect, "warns" if warned else "silent") == (first, warning)
    steps = [slides_step(generator, discriminator, gan) for _ in range(3)]
    assert steps == [(later, "updates G")] * 3  # D never trains again; G's steps stay right


def test_slides_order_keeps_the_frozen_network_still_at_every_step():
    # The same models and calls as the traps, first calls in the slides' order:
    # every backend updates D on D's steps only and G on the GAN's steps only.
    generator, discriminator, gan = models()  # build_gan left D frozen
    steps = [slides_step(generator, discriminator, gan) for _ in range(4)]
    assert steps == [("updates D", "updates G")] * 4


def test_frozen_gan_trainable_weights_are_exactly_the_generators():
    generator, discriminator, gan = models()
    discriminator.trainable = False
    assert [id(v) for v in gan.trainable_variables] == [
        id(v) for v in generator.trainable_variables
    ]
    discriminator.trainable = True
    assert len(gan.trainable_variables) == len(generator.trainable_variables) + len(
        discriminator.trainable_variables
    )


# --- The literal engine: every single call is checked (helpers.CallRecorder) ----
@pytest.mark.parametrize("pretrain_batches", [0, 2])
def test_literal_engine_freezes_correctly_from_the_first_call(pretrain_batches):
    # pretrain_batches=0: D's first train_on_batch happens inside the GAN loop,
    # after build_gan froze it (first-call trap).
    trainer = Trainer(
        GANConfig(train_size=256, pretrain_batches=pretrain_batches), engine="literal"
    )
    recorder = CallRecorder(trainer)
    trainer.pretrain_discriminator(log=None)
    trainer.train(epochs=1, log=None)
    assert recorder.calls == pretrain_batches + 2 * 2  # 2 steps of (D, GAN)
    assert recorder.failures == []


def test_literal_engine_survives_a_user_leaving_discriminator_trainable_and_a_new_batch_shape():
    trainer = Trainer(GANConfig(train_size=256, pretrain_batches=0), engine="literal")
    recorder = CallRecorder(trainer)
    trainer.discriminator.trainable = True  # GAN first-call trap, set up on purpose
    indices, latent = trainer.draw_epoch_batches()
    trainer.run_epoch(indices, latent)
    trainer.run_epoch(indices[:, :, :16], latent[:, :, :16])  # a new batch shape: traced again
    assert recorder.calls == 8 and recorder.failures == []


# --- The fast engine -------------------------------------------------------------
@pytest.mark.parametrize("discriminator_left_trainable", [False, True])
def test_fast_engine_updates_each_network_only_on_its_own_update(discriminator_left_trainable):
    """Adam with a zero learning rate moves nothing, so with the GAN optimizer at 0
    any change to G must come from the D update, and with D's optimizer at 0 any
    change to D must come from the GAN update. Neither may happen."""
    trainer = Trainer(GANConfig(train_size=128, pretrain_batches=0))  # one step per epoch
    trainer.discriminator.trainable = discriminator_left_trainable  # GAN first-call trap
    g_changed, d_changed, _, d_all = fast_step_changes(trainer, 0.001, 0.0)
    assert not g_changed and d_all  # the D update touched D only
    g_changed, d_changed, g_all, _ = fast_step_changes(trainer, 0.0, 0.001)
    assert not d_changed and g_all  # the GAN update touched G only
    *_, g_all, d_all = fast_step_changes(trainer, 0.001, 0.001)
    assert g_all and d_all


def test_fast_engine_after_pretraining_and_with_a_new_batch_shape():
    trainer = Trainer(GANConfig(train_size=256, pretrain_batches=2))
    trainer.pretrain_discriminator(log=None)
    trainer.gan.optimizer.learning_rate.assign(0.0)
    g_before = weights(trainer.generator)
    indices, latent = trainer.draw_epoch_batches()
    trainer.run_epoch(indices[:, :, :16], latent[:, :, :16])  # new shape, traced again
    assert same(g_before, weights(trainer.generator))
    trainer.gan.optimizer.learning_rate.assign(0.001)
    trainer.discriminator.optimizer.learning_rate.assign(0.0)
    d_before = weights(trainer.discriminator)
    trainer.run_epoch(indices[:, :, :16], latent[:, :, :16])
    assert same(d_before, weights(trainer.discriminator))
