"""sinegan: a GAN that learns to draw sinusoids, step by step, on Keras 3.

The package's folders show its architecture:

    slides/      the slides' six steps, the small core that reads top-down:
                 config (every number), dataset (1), discriminator (2),
                 training (3: pre-train D; 5: train the GAN), generator (4), sampling (6)
    engines/     how step 5 runs: the literal engine (the slides' loop as written), the
                 fast one (the same loop body compiled), and the losses they minimise
    backends/    what differs between TensorFlow, JAX and PyTorch: gradients, compiled loops
    extras/      what goes beyond the slides, each part chosen by a config field
                 (recipe.py shows which): WGAN-GP, R1, minibatch std, weight averaging,
                 DCGAN, projection D, conditional sines, other latent distributions
    harness/     the Trainer: the plumbing that wraps the slides' loop (finite checks,
                 timing, history, the quality monitor as a Keras callback), and a live
                 view of the game for notebooks
    measure/     what the GAN learned: the sine fit, distances between samples, evaluate_curves,
                 and the game in the (b, c) plane (D's score, G's curves)
    lectures/    the other lectures' ideas: inverse-transform sampling, the 1010 GAN,
                 convolution as a matrix, latent walks, the theory
    course/      the course's exercises: a checker for each function a student writes
    figures/     every figure (no TensorFlow)
    tool/        the run tooling: checkpoints, run directories, atomic files, the sinegan command

and six modules beside them: ``recipe`` (the one place that reads the config's
fields beyond the slides and assembles D, G, the GAN and what they read),
``validation`` (how a value is checked and refused, in one message style),
``config_checks`` (every check of a GANConfig), ``config_fields`` (the plain
values a config holds, and which fields each slides' function cannot honour),
``presets`` (the named recipes) and ``seeding`` (the one place seeds are set).

The top-level names of the slides' steps (``build_discriminator``,
``sample_curves`` ...) are the slides' own functions, which build the slides'
parts; ``discriminator_for``, ``curves_for`` ... (sinegan.recipe) build them for
any config.

The names below are imported on first use, so ``import sinegan.slides.config``
or the ``sinegan`` command's argument checks do not load TensorFlow. Editors
read them from ``__init__.pyi``.
"""

import importlib

_HOMES = {
    "slides.config": ["GANConfig"],
    "presets": [
        "CONDITIONAL",
        "DCGAN",
        "IMPROVED",
        "MINIMAX",
        "PRESETS",
        "SLIDES",
        "WGAN_GP",
        "preset",
    ],
    "config_checks": ["ENGINES"],
    "config_fields": ["data_regions"],
    "slides.dataset": ["SineDataset", "make_dataset", "make_noise_curves", "sinusoids", "x_coords"],
    "slides.discriminator": ["build_discriminator"],
    "slides.generator": ["build_gan", "build_generator"],
    "slides.training": ["pretrain_discriminator", "train_gan_epoch"],
    "slides.sampling": ["generate_curves", "sample_curves", "sample_latent"],
    "recipe": [
        "GANParts",
        "assemble",
        "curves_for",
        "dataset_for",
        "discriminator_for",
        "gan_for",
        "generator_for",
        "latent_for",
    ],
    "extras.latent_prior": ["encode_frequency"],
    "extras.regions": ["in_data", "region_parameters"],
    "extras.conditional": ["frequency_hit_rates", "sample_conditional_curves"],
    "seeding": ["seed_everything"],
    "harness.history": ["METRICS", "History", "TrainingDiverged"],
    "harness.trainer": ["Trainer"],
    "harness.live": ["PlaneView"],
    "measure.plane": ["PlaneFrame", "measure_plane"],
    "figures.animation": ["animate_snapshots"],
    "figures.plane": ["animate_plane", "plot_plane"],
    "tool.checkpoint": [
        "read_checkpoint",
        "restore_checkpoint",
        "save_checkpoint",
        "trainer_from_checkpoint",
    ],
    "tool.rundir": ["open_run", "write_run"],
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}
__all__ = sorted(_MODULE_OF)
__version__ = "0.4.0"


def __getattr__(name):
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'sinegan' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_MODULE_OF[name]}", __name__), name)


def __dir__():
    return __all__
