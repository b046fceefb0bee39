"""What a GANConfig must satisfy: every check of its fields, alone and together.

The dataclass calls ``check_config`` when it is built, so a config that exists
is a valid one; the Trainer calls ``check_engine`` for what its engine needs
beyond that. Each check refuses in the house style of sinegan.validation:
"NAME expected …. Received: NAME=VALUE".

This module imports NumPy only: the command line uses it before TensorFlow loads.
"""

from __future__ import annotations

import numpy as np

from .validation import (
    SEED_MAX,
    fail,
    require_bool,
    require_choice,
    require_finite,
    require_int,
    require_interval,
    require_positive,
    require_range,
    require_rectangles,
    require_sizes,
)

# The values each text field of GANConfig accepts.
CHOICES = {
    "latent_distribution": ("uniform", "normal", "truncated_normal"),
    "hidden_activation": ("relu", "leaky_relu"),
    "generator_architecture": ("dense", "dcgan"),
    "generator_loss": ("non_saturating", "minimax"),
    "discriminator_conditioning": ("concatenate", "projection"),
    "loss": ("gan", "wgan-gp"),
}
ENGINES = ("fast", "literal")  # how the trainer runs step 5 (sinegan.harness.trainer)


def check_config(config):
    """Every check of a GANConfig's fields, alone and together; raises the first ValueError."""
    for name in (
        "train_len",
        "train_size",
        "discriminator_units",
        "batch_size",
        "latent_dim",
        "monitor_curves",
        "discriminator_steps",
        "monitor_samples",
    ):
        require_int(name, getattr(config, name), minimum=1)
    for name in ("pretrain_batches", "epochs", "monitor_every", "minibatch_std_group"):
        require_int(name, getattr(config, name), minimum=0)
    require_int("seed", config.seed, minimum=0, maximum=SEED_MAX)
    for name in (
        "x_min",
        "x_max",
        "y_min",
        "y_max",
        "gradient_penalty_weight",
        "r1_penalty_weight",
    ):
        require_finite(name, getattr(config, name))
    for name in ("fresh_latent", "conditional"):
        require_bool(name, getattr(config, name))
    for name, choices in CHOICES.items():
        require_choice(name, getattr(config, name), choices)
    require_sizes("generator_units", config.generator_units)
    require_sizes("generator_channels", config.generator_channels)
    require_range("x_min, x_max", (config.x_min, config.x_max), strict=True)
    _check_grid(config)
    require_range("y_min, y_max", (config.y_min, config.y_max), strict=True)
    for name in ("amplitude_range", "frequency_range", "phase_range"):
        require_range(name, getattr(config, name), strict=False)
    for name in ("discriminator_dropout", "adam_beta_1", "adam_beta_2", "generator_average_decay"):
        require_interval(name, getattr(config, name), 0.0, 1.0)
    require_finite("real_label", config.real_label)
    if not 0.5 < config.real_label <= 1.0:
        fail("real_label", "a number in (0.5, 1]", config.real_label)
    require_positive("learning_rate", config.learning_rate)
    for name in ("r1_penalty_weight", "gradient_penalty_weight"):
        if getattr(config, name) < 0:
            fail(name, "a non-negative number", getattr(config, name))
    _check_regions(config)
    _check_sizes_together(config)
    _check_options_together(config)


def _check_grid(config):
    """X_COORDS = linspace(x_min, x_max, train_len) must be train_len finite, distinct points.

    linspace computes in the precision of x_min and x_max (NumPy float16 ones give
    a float16 grid), which tells apart only numbers at least one spacing
    (np.spacing) apart: a step of a few spacings keeps the rounded points apart.
    """
    if config.train_len == 1:
        return
    dtype = np.result_type(config.x_min, config.x_max, 1.0)  # the precision linspace picks
    # a float16 overflows to inf: refused just below
    with np.errstate(over="ignore", invalid="ignore"):
        low, high = dtype.type(config.x_min), dtype.type(config.x_max)
        width, spacing = high - low, np.spacing(max(abs(low), abs(high)))
    if not np.isfinite(width):
        fail(
            "x_min, x_max",
            f"values and a width x_max - x_min that {dtype} can hold: linspace computes in "
            "the precision of x_min and x_max",
            (config.x_min, config.x_max),
        )
    if float(width) / (config.train_len - 1) < 4 * float(spacing):
        fail(
            "x_min, x_max",
            f"a range wide enough for train_len distinct {dtype} points X_COORDS = "
            "linspace(x_min, x_max, train_len), which computes in the precision of x_min and x_max",
            (config.x_min, config.x_max),
            f"train_len={config.train_len}",
        )


def _check_regions(config):
    """data_regions: rectangles with b_low > 0, of at most 2π of phase (c is read mod 2π)."""
    regions = config.data_regions
    require_rectangles("data_regions", regions)
    for start in range(0, len(regions), 4):  # one rectangle each
        b_low, _, c_low, c_high = map(float, regions[start : start + 4])
        if b_low <= 0 or c_high - c_low > 2 * np.pi:
            fail("data_regions", "0 < b_low and c_high - c_low <= 2π in each rectangle", regions)
    if regions and config.conditional:
        fail("data_regions", "() with conditional=True: b is drawn from frequency_range", regions)


def _check_sizes_together(config):
    if config.batch_size % 2:
        fail("batch_size", "an even number: half real, half generated curves", config.batch_size)
    if config.batch_size > config.train_size:
        fail(
            "batch_size", "at most train_size", config.batch_size, f"train_size={config.train_size}"
        )
    half_batch = config.batch_size // 2
    if config.minibatch_std_group and half_batch % config.minibatch_std_group:
        fail(
            "minibatch_std_group",
            "a divisor of batch_size // 2, so that no group mixes real and generated curves",
            config.minibatch_std_group,
            f"batch_size={config.batch_size}",
        )
    stages = len(config.generator_channels)  # each stage of the dcgan generator doubles the length
    if config.generator_architecture == "dcgan" and config.train_len % 2**stages:
        fail(
            "train_len",
            f"a multiple of {2**stages} for the dcgan generator, which doubles the length "
            f"{stages} times",
            config.train_len,
            f"generator_channels={config.generator_channels}",
        )
    if not config.fresh_latent and config.latent_dim != config.train_len:
        fail(
            "latent_dim",
            "to equal train_len when fresh_latent is False: the generator then reads rows of the "
            "NOISE matrix",
            config.latent_dim,
            f"train_len={config.train_len}",
        )


def _check_options_together(config):
    if not config.fresh_latent and config.latent_distribution != "uniform":
        fail(
            "latent_distribution",
            "'uniform' when fresh_latent is False: the generator then reads rows of the "
            "uniform NOISE matrix",
            config.latent_distribution,
        )
    if config.r1_penalty_weight and config.loss != "gan":
        fail(
            "r1_penalty_weight",
            "0 with loss='wgan-gp', whose critic has its own penalty",
            config.r1_penalty_weight,
            f"loss={config.loss!r}",
        )
    if config.loss == "wgan-gp" and config.generator_loss != "non_saturating":
        fail(
            "generator_loss",
            "'non_saturating' with loss='wgan-gp': G then always minimises -D(G(z)); the "
            "choice is between the cross-entropy game's G losses",
            config.generator_loss,
        )
    if config.loss == "wgan-gp" and config.real_label != 1.0:
        fail(
            "real_label",
            "1.0 with loss='wgan-gp': a critic's score has no target to smooth",
            config.real_label,
        )
    if config.discriminator_conditioning == "projection" and not config.conditional:
        fail("conditional", "True with discriminator_conditioning='projection'", config.conditional)
    if config.conditional and not config.fresh_latent:
        fail(
            "fresh_latent",
            "True with conditional=True: its inputs are new latent vectors with a requested "
            "frequency, not rows of NOISE",
            config.fresh_latent,
        )
    # compared as floats, as require_range compares them
    low, high = map(float, config.frequency_range)
    if config.conditional and low == high:
        fail(
            "frequency_range",
            "low < high with conditional=True: frequencies to choose from",
            config.frequency_range,
        )


def check_engine(config, engine):
    """What a Trainer needs beyond a valid config: a known engine, a config that engine can express,
    and curves its quality measures can fit."""
    require_choice("engine", engine, ENGINES)
    if config.train_len < 4:  # a config alone may be smaller: a network built by hand, say
        fail(
            "train_len",
            "at least 4 points per curve for a Trainer: its quality measures fit four numbers "
            "(a, b, c and an offset) to each curve",
            config.train_len,
        )
    if engine != "literal":
        return
    if config.loss != "gan":
        fail(
            "loss",
            "'gan' with engine='literal': train_on_batch cannot add WGAN-GP's gradient penalty; "
            "use engine='fast'",
            config.loss,
        )
    if config.r1_penalty_weight:
        fail(
            "r1_penalty_weight",
            "0 with engine='literal': train_on_batch cannot add the R1 gradient penalty; "
            "use engine='fast'",
            config.r1_penalty_weight,
        )
    # train_on_batch's accuracy would compare predictions with 0.9 and read 0
    if config.real_label != 1.0:
        fail(
            "real_label",
            "1.0 with engine='literal': the slides' train_on_batch loop needs hard labels",
            config.real_label,
        )
