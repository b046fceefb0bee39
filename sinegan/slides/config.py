"""Every number of the recipe, in one frozen object.

The defaults are the values of the sinusoid-GAN slides (Paolo Caressa), so
``GANConfig()`` *is* the slides' recipe; it is also available as the ``slides``
preset. Each field's comment names the slide step it comes from and the name
the slide code gives it (``TRAIN_LEN``, ``NOISE`` ...), so a student can find it
on the slide. Any other recipe is another instance of this class, made with
``GANConfig.replace``, never a second copy of the code.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from ..config_checks import check_config
from ..config_fields import plain_values, slides_values
from ..validation import require_instance


@dataclass(frozen=True)
class GANConfig:
    # --- Step 1: the dataset -------------------------------------------------
    train_len: int = 64  # TRAIN_LEN: points per curve (the slides also say SAMPLE_LEN)
    train_size: int = 8192  # TRAIN_SIZE: curves in X_TRAIN (and rows of NOISE)
    x_min: float = -5.0  # X_MIN: the grid X_COORDS = linspace(X_MIN, X_MAX, TRAIN_LEN)
    x_max: float = 5.0  # X_MAX
    y_min: float = -1.0  # Y_MIN: range of the random NOISE curves and latent vectors
    y_max: float = 1.0  # Y_MAX
    amplitude_range: tuple[float, float] = (1.0, 1.0)  # a: always 1 in the slide code
    frequency_range: tuple[float, float] = (0.5, 2.0)  # b = uniform(0.5, 2.0)
    # c: the slide code writes uniform(np.math.pi), which NumPy reads as
    # uniform(low=pi, high=1.0), so the phase lies in [1, pi], not "any phase" as
    # the slide text says. We keep the quirk so the data match the slides.
    phase_range: tuple[float, float] = (1.0, math.pi)

    # --- Step 2: the discriminator -------------------------------------------
    discriminator_units: int = 64  # Dense(TRAIN_LEN) twice, relu
    discriminator_dropout: float = 0.4  # DIS_DROPOUT, after each hidden layer

    # --- Step 3: pre-training the discriminator ------------------------------
    pretrain_batches: int = 32  # EPOCHS = 32: one train_on_batch call each
    batch_size: int = 128  # BATCH / BATCH_SIZE: half real curves, half fake

    # --- Step 4: the generator -----------------------------------------------
    latent_dim: int = 64  # the generator eats rows of NOISE, so TRAIN_LEN wide
    generator_units: tuple[int, ...] = (64, 256)  # hidden Dense layers, relu; tanh output

    # --- Step 5: training the GAN --------------------------------------------
    epochs: int = 64  # EPOCHS = 64, each of TRAIN_SIZE // BATCH steps
    learning_rate: float = 0.001  # optimizer="adam" means Adam with its default rate
    # The slides feed the generator the fixed rows NOISE[n], so it only ever sees
    # 8192 latent vectors. True draws fresh uniform vectors every step instead.
    fresh_latent: bool = False

    # --- Beyond the slides ------------------------------------------------------
    # Each default keeps the slides' behaviour; sinegan.presets changes them, each
    # change with its measured reason. sinegan.recipe shows which field picks
    # which part, and each part's module explains it. BEYOND_THE_SLIDES lists them.
    # "uniform" like NOISE, "normal" N(0, 1), or "truncated_normal" (cut at ±2)
    latent_distribution: str = "uniform"
    hidden_activation: str = "relu"  # or "leaky_relu" (slope 0.2), DCGAN's advice (Radford 2015)
    adam_beta_1: float = 0.9  # Keras' default; DCGAN found 0.9 oscillates, 0.5 is steadier
    adam_beta_2: float = 0.999  # Keras' default; WGAN-GP uses (beta_1, beta_2) = (0, 0.9)
    real_label: float = 1.0  # target of real curves in the D step; 0.9: one-sided label smoothing
    discriminator_steps: int = 1  # k: D updates per G update (Goodfellow et al. 2014, Algorithm 1)
    minibatch_std_group: int = 0  # D also sees each group's spread (extras.minibatch_std); 0: off
    generator_average_decay: float = 0.0  # sample from averaged G (extras.averaging); 0: off
    # The slides minimise -log D(G(z)): "non_saturating". "minimax" minimises
    # log(1 - D(G(z))), the value function itself (engines.losses).
    generator_loss: str = "non_saturating"
    loss: str = "gan"  # the slides' cross-entropy game, or "wgan-gp": a critic (extras.wgan_gp)
    gradient_penalty_weight: float = 10.0  # lambda of WGAN-GP, the paper's 10 (unused by "gan")
    r1_penalty_weight: float = 0.0  # gamma of D's R1 penalty (extras.r1); 0: off; "gan" only
    conditional: bool = False  # G and D also read the frequency b (extras.conditional)
    # The slides' "dense" G, or "dcgan": transposed convolutions (extras.dcgan), whose
    # upsampling stages have generator_channels channels.
    generator_architecture: str = "dense"
    generator_channels: tuple[int, ...] = (64, 32, 16)
    # Conditional only: D reads b appended to the curve ("concatenate"), or through a
    # projection of its features ("projection", extras.projection).
    discriminator_conditioning: str = "concatenate"
    # Where the data's (b, c) lie: rectangles (b_low, b_high, c_low, c_high, ...), drawn from
    # uniformly over their union (extras.regions). (): the slides' frequency_range × phase_range.
    data_regions: tuple[float, ...] = ()

    # --- Bookkeeping (not on the slides) ---------------------------------------
    seed: int = 0  # one seed drives the data, the weights, dropout and batches
    monitor_curves: int = 8  # fixed latent batch drawn after every epoch (step 6 figure)
    monitor_every: int = 8  # epochs between quality measurements (0: never, but at the end)
    monitor_samples: int = 500  # curves generated, from fixed latent vectors, per measurement

    def __post_init__(self):
        check_config(self)  # every check lives in sinegan.config_checks
        for name, value in plain_values(self).items():  # NumPy numbers become Python ones
            object.__setattr__(self, name, value)

    def slides_only(self) -> GANConfig:
        """This config with every field beyond the slides at the slides' value: what
        sinegan.recipe hands the slides' builders, with those fields' values as arguments."""
        slides = slides_values(self)
        return dataclasses.replace(self, **{name: slides[name] for name in BEYOND_THE_SLIDES})

    @property
    def generator_inputs(self) -> int:
        """Width of G's input: the latent vector, and the requested frequency when conditional."""
        return self.latent_dim + int(self.conditional)

    @property
    def discriminator_inputs(self) -> int:
        """Width of D's input: a curve, and its frequency when conditional."""
        return self.train_len + int(self.conditional)

    @property
    def steps_per_epoch(self) -> int:
        """TRAIN_SIZE // BATCH: 64 steps per epoch on the slides."""
        return self.train_size // self.batch_size

    @property
    def half_batch(self) -> int:
        """Curves of each kind per step: 64 real and 64 generated on the slides."""
        return self.batch_size // 2

    def replace(self, **changes) -> GANConfig:
        """A copy with some fields changed; unknown fields raise ``ValueError``."""
        known = {field.name for field in dataclasses.fields(self)}
        for name in changes:
            if name not in known:
                raise ValueError(
                    f"{name} expected to be a GANConfig field, one of: {', '.join(sorted(known))}. "
                    f"Received: {name}={changes[name]!r}"
                )
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


# The fields of the "Beyond the slides" block above, from latent_distribution to
# data_regions: read by sinegan.recipe and the extras, never by the other
# modules of sinegan.slides (tests/test_architecture.py checks both).
_NAMES = [field.name for field in dataclasses.fields(GANConfig)]
BEYOND_THE_SLIDES = tuple(
    _NAMES[_NAMES.index("latent_distribution") : _NAMES.index("data_regions") + 1]
)


def require_config(config):
    """ValueError unless ``config`` is a GANConfig."""
    require_instance("config", config, GANConfig, "a GANConfig")
