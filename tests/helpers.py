"""What several test files share: weight comparisons, and steps run with chosen learning rates.

The freeze is proved by comparing every weight before and after real calls;
these helpers do the comparing.
"""

import keras
import numpy as np


def to_numpy(tensor):
    """A model's output as NumPy on any backend (a PyTorch output carries a gradient: NumPy
    refuses it)."""
    return keras.ops.convert_to_numpy(tensor)


def weights(model):
    return [variable.numpy() for variable in model.weights]


def same(before, after):
    return all(np.array_equal(a, b) for a, b in zip(before, after, strict=True))


def all_changed(before, after):
    """Every kernel and bias moved (dropout never zeroes a whole layer's gradient)."""
    return all(not np.array_equal(a, b) for a, b in zip(before, after, strict=True))


class CallRecorder:
    """Wraps both train_on_batch methods and checks the weights around each call."""

    def __init__(self, trainer):
        self.generator, self.discriminator, self.failures, self.calls = (
            trainer.generator,
            trainer.discriminator,
            [],
            0,
        )
        for model, name in ((trainer.discriminator, "D"), (trainer.gan, "GAN")):
            model.train_on_batch = self.wrap(model.train_on_batch, name)

    def wrap(self, train_on_batch, name):
        def checked(*args, **kwargs):
            g_before, d_before = weights(self.generator), weights(self.discriminator)
            result = train_on_batch(*args, **kwargs)
            g_after, d_after = weights(self.generator), weights(self.discriminator)
            moved, still = (
                ((d_before, d_after), (g_before, g_after))
                if name == "D"
                else ((g_before, g_after), (d_before, d_after))
            )
            if not same(*still):
                self.failures.append(f"call {self.calls} ({name}) changed the other network")
            if not all_changed(*moved):
                self.failures.append(f"call {self.calls} ({name}) did not update its own network")
            self.calls += 1
            return result

        return checked


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
    # (4,), (64, 64), (64, latent_dim)
    return (
        metrics,
        trainer.dataset.curves[indices[0, 0]],
        latent[0, 0],
    )


def fast_step_changes(trainer, discriminator_rate, generator_rate):
    """One fast-engine epoch with chosen learning rates; what changed?"""
    trainer.discriminator.optimizer.learning_rate.assign(discriminator_rate)
    trainer.gan.optimizer.learning_rate.assign(generator_rate)
    g_before, d_before = weights(trainer.generator), weights(trainer.discriminator)
    trainer.run_epoch(*trainer.draw_epoch_batches())
    return (
        not same(g_before, weights(trainer.generator)),
        not same(d_before, weights(trainer.discriminator)),
        all_changed(g_before, weights(trainer.generator)),
        all_changed(d_before, weights(trainer.discriminator)),
    )
