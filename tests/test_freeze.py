"""The alternation is proved by comparing weights before and after real calls.

Keras 3 reads ``trainable`` when it traces a train function, so a warning or a
flag cannot prove anything: only the weights can. The first tests show that
the traps described for Keras 3 are real (so the comparisons below can fail);
the rest show that both engines avoid them from the very first step.
"""

import numpy as np
import pytest

from sinegan import GANConfig, Trainer, build_discriminator, build_gan, build_generator

from helpers import CallRecorder, fast_step_changes, same, weights


def models(config=GANConfig(train_size=256)):
    generator, discriminator = build_generator(config), build_discriminator(config)
    return generator, discriminator, build_gan(generator, discriminator, config)


BATCH = np.random.default_rng(0).uniform(-1, 1, (64, 64)).astype("float32")
ONES = np.ones(64, "float32")


# --- The Keras 3 traps are real ------------------------------------------------
def test_trap_gan_traced_while_discriminator_trainable_keeps_training_it():
    generator, discriminator, gan = models()
    discriminator.trainable = True
    gan.train_on_batch(BATCH, ONES)  # first call traces with D trainable
    discriminator.trainable = False  # too late: the traced function ignores it
    before = weights(discriminator)
    gan.train_on_batch(BATCH, ONES)
    assert not same(before, weights(discriminator))


def test_trap_discriminator_traced_while_frozen_never_trains():
    generator, discriminator, gan = models()  # build_gan left D frozen
    with pytest.warns(UserWarning, match="does not have any trainable weights"):  # the only sign
        discriminator.train_on_batch(BATCH, ONES)  # first call traces with D frozen
    discriminator.trainable = True  # too late
    before = weights(discriminator)
    discriminator.train_on_batch(BATCH, ONES)
    assert same(before, weights(discriminator))


def test_frozen_gan_trainable_weights_are_exactly_the_generators():
    generator, discriminator, gan = models()
    discriminator.trainable = False
    assert [id(v) for v in gan.trainable_variables] == [id(v) for v in generator.trainable_variables]
    discriminator.trainable = True
    assert len(gan.trainable_variables) == len(generator.trainable_variables) + len(discriminator.trainable_variables)


# --- The literal engine: every single call is checked (helpers.CallRecorder) ----
@pytest.mark.parametrize("pretrain_batches", [0, 2])
def test_literal_engine_freezes_correctly_from_the_first_call(pretrain_batches):
    # pretrain_batches=0: D's first train_on_batch happens inside the GAN loop,
    # after build_gan froze it (first-call trap).
    trainer = Trainer(GANConfig(train_size=256, pretrain_batches=pretrain_batches), engine="literal")
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
