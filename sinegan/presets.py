"""The named recipes: the slides' own, and what the lectures and the GAN literature add.

Each preset is a ``GANConfig``; everything not named in a preset is the
slides' value. Every change carries, in its comment, the reason it was made and
what it measured on the sinusoids (``benchmarks/stability.py``; the figures in
the comments are runs of the change alone or of the last step towards the recipe).
"""

from __future__ import annotations

from .slides.config import GANConfig
from .validation import fail

SLIDES = GANConfig()

# What the lectures and the GAN literature teach, measured on the sinusoids
# (benchmarks/stability.py; the figures in the comments are runs of the change
# alone or of the last step towards this recipe). Everything not named here is
# the slides' value.
IMPROVED = SLIDES.replace(
    fresh_latent=True,  # new latent vectors every step: G is no longer tied to 8,192 NOISE rows
    # N(0, 1) cut at ±2 (DCGAN practice is N(0, 1)): with the full normal, the curves of
    # the rare far-out z overshot the data's frequencies and flattened against tanh.
    latent_distribution="truncated_normal",
    # The sines vary in only two ways (b and c). 8 inputs left G room for curves "between"
    # two sinusoids: seeds 3 and 7, under 0.98 sine-like with 8, gave 0.99 and 0.985 with 4.
    latent_dim=4,
    hidden_activation="leaky_relu",  # Radford et al. 2015: gradients also flow for negative inputs
    adam_beta_1=0.5,  # Radford et al. 2015: 0.9 made their training oscillate
    learning_rate=0.002,  # with beta_1 = 0.5, larger steps reached the low frequencies sooner
    # Dropout hid G's jitter from D: sine-like share 0.71 -> 0.97 in this recipe.
    discriminator_dropout=0.0,
    real_label=0.9,  # one-sided label smoothing (Salimans et al. 2016): a less over-confident D
    # D sees each group's spread. Alone, groups of 4 raised recall 0.68 -> 0.79 and cut the
    # frequency W1 0.19 -> 0.09; groups of 32 also reach both ends of the frequency range
    # (W1 ~0.02 against ~0.04 with groups of 16, whose 5th and 95th percentiles fell short).
    minibatch_std_group=32,
    # Without R1, 2 or 3 seeds in 10 kept 2-6% of curves "between" two sinusoids (sine-like
    # 0.94-0.98): G kept circling the equilibrium. With gamma = 0.1 those seeds reached 1.00.
    r1_penalty_weight=0.1,
    # discriminator_steps stays 1 (k of Algorithm 1): on seeds 0-1, k = 2 drew slightly
    # smoother curves (median fit error 0.020 against 0.024) but cost a third more time.
    generator_average_decay=0.999,  # averaged weights, over ~1,000 steps: smoother curves
    epochs=300,  # with R1, 300 epochs did as well as 400 did before; about 20 s on 2 CPU cores
    monitor_every=25,  # each measurement costs ~0.1 s: 12 of them, not 300
)

# The improved recipe with the lecture's DCGAN generator: transposed convolutions
# upsample a short many-channel curve to 64 points (sinegan.extras.dcgan).
DCGAN = IMPROVED.replace(
    generator_architecture="dcgan",
    # An epoch costs ~2.3x the dense one's on a CPU (more, smaller ops). 250 epochs meet
    # every quality target on seeds 0-2 (sine-like 0.987-0.991) in ~40 s.
    epochs=250,
)
# The lecture's other generator loss, everything else improved: minimise log(1 - D(G(z))).
MINIMAX = IMPROVED.replace(generator_loss="minimax")
# WGAN-GP (Gulrajani et al. 2017) on the improved recipe; the figures are means over seeds 0-2
# unless a seed is named.
WGAN_GP = IMPROVED.replace(
    loss="wgan-gp",
    real_label=1.0,  # a critic's score has no target to smooth
    r1_penalty_weight=0.0,  # the critic has its own gradient penalty
    # The penalty asks each curve's gradient norm to be 1; a feature shared by a group
    # of curves blurs that (and the spread feature was not needed: recall 0.96 without it).
    minibatch_std_group=0,
    # n_critic: the paper uses 5; 3 did as well here (sine-like 0.99) and costs less.
    discriminator_steps=3,
    # The paper's Adam is (1e-4, beta_1 = 0, beta_2 = 0.9) for images. On these small
    # networks 1e-4 had learned almost nothing after 20 epochs; 1e-3 with the improved
    # preset's beta_1 = 0.5 reaches sine-like 0.99, precision 0.94, recall 0.97, W1(b) 0.009.
    learning_rate=0.001,
    adam_beta_2=0.9,
    epochs=120,  # three critic steps with a second-order penalty: ~3x the cost of a step
    monitor_every=20,
)
# Conditional sines on the improved recipe: ask G for a frequency b. Its R1 penalty and
# truncated 4-value latent also serve the conditional game: every b from 0.5 to 2.0 got
# 99% hits or more (benchmarks/conditional.py, seeds 0-2), so D keeps reading b by
# concatenation.
CONDITIONAL = IMPROVED.replace(conditional=True)
PRESETS = {
    "slides": SLIDES,
    "improved": IMPROVED,
    "dcgan": DCGAN,
    "minimax": MINIMAX,
    "wgan-gp": WGAN_GP,
    "conditional": CONDITIONAL,
}


def preset(name: str) -> GANConfig:
    """The named recipe: ``preset("slides")`` is the slides' recipe."""
    if not isinstance(name, str) or name not in PRESETS:
        fail("preset", f"one of {tuple(PRESETS)}", name)
    return PRESETS[name]
