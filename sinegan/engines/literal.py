"""The literal engine: step 5 exactly as the slides write it.

Each epoch is one call of the slides' own loop, sinegan.slides.training.train_gan_epoch:
``generator.predict`` for the fakes, then ``discriminator.trainable = True`` and
``discriminator.train_on_batch``, then ``discriminator.trainable = False`` and
``gan.train_on_batch``. Slow (``predict`` builds a data pipeline on every call),
and the reference the fast engine is checked against.
"""

from __future__ import annotations

from ..slides.training import train_gan_epoch


def make_epoch(parts, config):
    """``run_epoch(indices, latent) -> (steps, 4) metrics``: the slides' loop on ``parts``.

    ``config`` is not read: what the loop needs is in the parts (sinegan.recipe.GANParts).
    """
    del config

    def run_epoch(indices, latent):  # (steps, k, 64), (steps, k, 64, latent_dim)
        return train_gan_epoch(
            parts.drawer,
            parts.discriminator,
            parts.gan,
            parts.real_inputs,
            indices,
            latent,
            parts.after_generator_step,
        )

    return run_epoch
