"""sinegan: a GAN that learns to draw sinusoids, step by step, on Keras 3.

One module per step of the slides:

    config         every number of the recipe (GANConfig; the "slides" preset)
    dataset        step 1: the sinusoids X_TRAIN and the random curves NOISE
    discriminator  step 2: D
    trainer        step 3: pre-train D; step 5: train the GAN (fast and literal engines)
    generator      step 4: G, and the GAN = G followed by a frozen D
    sampling       step 6: new curves from G
    plots          the figures; quality: measures of what G learned
    animation      the fixed latent batch, epoch after epoch
    checkpoint     save a run's whole state and resume it exactly; runs: the run directory
    files          atomic writes: an interrupted run never leaves a half-written file
    cli            the ``sinegan`` command (train, resume, sample, evaluate, animate)

and one module per idea of the other lectures:

    pattern1010    the first GAN of the lectures: a generator that learns 1, 0, 1, 0
    convolution    a convolution as a matrix C; the transposed convolution as its transpose
    latent         walks in the latent space: interpolation and a frequency direction

From the lectures' theory, beyond the slides:

    losses         the game's losses with their equations: minimax, non-saturating, WGAN-GP
    steps          the fast engine: one epoch of steps as one TensorFlow graph
    conditional    conditional sines: G and D also read the frequency b

Names are imported on first use, so ``import sinegan.config`` or
``sinegan.quality`` does not load TensorFlow.
"""

import importlib

_HOMES = {
    "conditional": ["frequency_hit_rates", "sample_conditional_curves"],
    "config": ["DCGAN", "ENGINES", "IMPROVED", "PRESETS", "SLIDES", "GANConfig", "preset"],
    "dataset": ["SineDataset", "make_dataset", "make_noise_curves", "sinusoids", "x_coords"],
    "discriminator": ["build_discriminator"],
    "generator": ["build_gan", "build_generator"],
    "sampling": ["encode_frequency", "generate_curves", "sample_curves", "sample_latent"],
    "seeding": ["seed_everything"],
    "animation": ["animate_snapshots"],
    "checkpoint": ["read_checkpoint", "restore_checkpoint", "save_checkpoint", "trainer_from_checkpoint"],
    "runs": ["open_run", "write_run"],
    "trainer": ["METRICS", "History", "Trainer", "TrainingDiverged"],
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}
__all__ = sorted(_MODULE_OF)


def __getattr__(name):
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'sinegan' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_MODULE_OF[name]}", __name__), name)


def __dir__():
    return __all__
