"""Steps 5 and 3 of the slides: train the GAN, after pre-training the discriminator.

Step 5 repeats, for every batch, the two moves of Goodfellow et al.'s
Algorithm 1 (arXiv:1406.2661), with k = 1 discriminator step per generator step:

1. D step: show D 64 real curves (label 1) and 64 curves from G (label 0), and
   update D only, with ``discriminator.trainable = True``;
2. G step: show the GAN the same 64 latent vectors with label 1 ("real"), and
   update G only, with ``discriminator.trainable = False``.

When Keras 3 reads ``trainable`` (the one place sinegan explains it; the
measured details are in docs/freezing.md): not at ``compile``, as Keras 2 did,
but later, and each backend at its own moment. TensorFlow reads it when it
*traces* a train function, on the first ``train_on_batch`` call for a batch
shape, and keeps that variable list afterwards. JAX reads it on every call but
builds the optimizer for the first call's variable list and refuses any other
later. PyTorch reads it on every call, and setting it flips ``requires_grad``
on each weight. So the slides' habit of setting the flag right before every
update is what makes the alternation correct on every backend: each update's
variable list is chosen by the flag set just before it, in the slides' order.
The same holds for code that traces the loop body once (sinegan.engines.fast):
Keras reads the flags while tracing, in the same order. tests/test_freeze.py
compares weights before and after every update to prove it.

This module is the slides' loop as written, one ``train_on_batch`` per update;
sinegan.engines.literal runs it as it is, and sinegan.engines.fast runs the
same loop body as one compiled call per epoch.
"""

from __future__ import annotations

import keras
import numpy as np


def train_gan_epoch(
    generator: keras.Model,
    discriminator: keras.Model,
    gan: keras.Model,
    real_curves: np.ndarray,
    rows: np.ndarray,
    latent: np.ndarray,
    after_generator_step=None,
) -> np.ndarray:
    """One epoch of step 5, the slides' inner loop line by line; returns (steps, 4) metrics.

    ``rows`` (steps, k, 64) are the random rows n of X_TRAIN for each D update,
    and ``latent`` (steps, k, 64, latent_dim) the generator's inputs: the same
    rows of NOISE on the slides (sinegan.harness.trainer draws both). Each
    metrics row is (D loss, D accuracy, G loss, G accuracy).
    ``after_generator_step`` is a plug for recipes beyond the slides (the
    averaged generator); the slides have none.
    """
    metrics = []
    for step_rows, step_latent in zip(rows, latent, strict=True):  # (k, 64), (k, 64, latent_dim)
        d_metrics = []
        for n, noise in zip(step_rows, step_latent, strict=True):  # k = 1 on the slides
            real = np.ones(len(n), dtype=np.float32)  # (64,) "real"
            # (128,) real curves, then generated ones
            labels = np.concatenate([real, np.zeros_like(real)])
            # Slide bug, kept on purpose in this engine: Keras 3's predict builds
            # a tf.data pipeline on every call (~70 ms), most of a step's time.
            generated = generator.predict(noise, verbose=0)  # (64, 64)
            # (128, 64) X_TRAIN[n], then G(NOISE[n])
            x = np.concatenate([real_curves[n], generated])
            discriminator.trainable = True
            d_metrics.append(discriminator.train_on_batch(x, labels))  # D loss, D accuracy
        discriminator.trainable = False
        # The G step reuses the latent vectors of the step's last D update, as the slides do.
        g_loss, g_accuracy = gan.train_on_batch(noise, real)
        if after_generator_step is not None:
            after_generator_step()
        metrics.append((*np.mean(d_metrics, axis=0), g_loss, g_accuracy))
    return np.asarray(metrics, dtype=np.float32)  # (steps, 4)


def pretrain_discriminator(
    discriminator: keras.Model,
    real_curves: np.ndarray,
    noise_curves: np.ndarray,
    batches: int,
    half_batch: int,
    rng: np.random.Generator,
):
    """Step 3: teach D sinusoids (label 1) against NOISE curves (label 0).

    Each batch is ``half_batch`` random rows n of X_TRAIN followed by the *same*
    rows of NOISE, as on the slides. Yields (loss, accuracy) after each batch.
    """
    # (128,)
    labels = np.concatenate([np.ones(half_batch), np.zeros(half_batch)]).astype(np.float32)
    for _ in range(batches):
        n = rng.integers(0, len(real_curves), size=half_batch)  # (64,) the slides' n
        x = np.concatenate([real_curves[n], noise_curves[n]])  # (128, 64) X_TRAIN[n], then NOISE[n]
        # build_gan froze D. It must be trainable when its train function is
        # traced (the first call), or D would never learn, on this step or later.
        discriminator.trainable = True
        loss, accuracy = discriminator.train_on_batch(x, labels)
        yield float(loss), float(accuracy)
