"""The alternation is proved by comparing weights before and after real calls.

Keras 3 reads ``trainable`` when it traces a train function, so a warning or a
flag cannot prove anything: only the weights can. The first tests show that
the traps described for Keras 3 are real (so the comparisons below can fail);
the rest show that both engines avoid them from the very first step.
"""

import numpy as np
import pytest

from sinegan import GANConfig, Trainer, build_discriminator, build_gan, build_generator


def weights(model):
    return [variable.numpy() for variable in model.weights]


def same(before, after):
    return all(np.array_equal(a, b) for a, b in zip(before, after))


def all_changed(before, after):
    """Every kernel and bias moved (dropout never zeroes a whole layer's gradient)."""
    return all(not np.array_equal(a, b) for a, b in zip(before, after))


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


# --- The literal engine: every single call is checked ---------------------------
class CallRecorder:
    """Wraps both train_on_batch methods and checks the weights around each call."""

    def __init__(self, trainer):
        self.generator, self.discriminator, self.failures, self.calls = (
            trainer.generator, trainer.discriminator, [], 0)
        for model, name in ((trainer.discriminator, "D"), (trainer.gan, "GAN")):
            model.train_on_batch = self.wrap(model.train_on_batch, name)

    def wrap(self, train_on_batch, name):
        def checked(*args, **kwargs):
            g_before, d_before = weights(self.generator), weights(self.discriminator)
            result = train_on_batch(*args, **kwargs)
            g_after, d_after = weights(self.generator), weights(self.discriminator)
            moved, still = ((d_before, d_after), (g_before, g_after)) if name == "D" else (
                (g_before, g_after), (d_before, d_after))
            if not same(*still):
                self.failures.append(f"call {self.calls} ({name}) changed the other network")
            if not all_changed(*moved):
                self.failures.append(f"call {self.calls} ({name}) did not update its own network")
            self.calls += 1
            return result
        return checked


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
def first_step_standing_still(trainer, batches=None):
    """Run one epoch with both learning rates at 0, so that nothing moves.

    Returns the first step's metrics (D loss, D accuracy, G loss, G accuracy), its
    real curves and its latent vectors: the inputs a test needs to recompute the
    reported losses by hand with the same, untouched weights. ``batches`` (from
    ``draw_epoch_batches``) lets two trainers run the very same step.
    """
    trainer.discriminator.optimizer.learning_rate.assign(0.0)
    trainer.gan.optimizer.learning_rate.assign(0.0)
    indices, latent = batches if batches is not None else trainer.draw_epoch_batches()
    metrics = trainer.run_epoch(indices, latent)[0]  # (4,)
    return metrics, trainer.dataset.curves[indices[0, 0]], latent[0, 0]  # (4,), (64, 64), (64, latent_dim)


def fast_step_changes(trainer, discriminator_rate, generator_rate):
    """One fast-engine epoch with chosen learning rates; what changed?"""
    trainer.discriminator.optimizer.learning_rate.assign(discriminator_rate)
    trainer.gan.optimizer.learning_rate.assign(generator_rate)
    g_before, d_before = weights(trainer.generator), weights(trainer.discriminator)
    trainer.run_epoch(*trainer.draw_epoch_batches())
    return (not same(g_before, weights(trainer.generator)), not same(d_before, weights(trainer.discriminator)),
            all_changed(g_before, weights(trainer.generator)), all_changed(d_before, weights(trainer.discriminator)))


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
