"""The quotes of the other recipes' runs: conditional, recipes, generator losses, WGAN-GP and
DCGAN (see benchmarks/quotes.py for what a quote is)."""

from benchmarks.quote_helpers import (
    FRESH,
    HITS,
    RANGES,
    TF,
    fresh,
    hits_row,
    negated,
    recipe_row,
)

QUOTES = (
    # conditional.md
    *(hits_row(seed) for seed in range(3)),
    (
        "conditional.md",
        "It is met at every b on {0} of 3 seeds, with {1:.0%} or more",
        HITS,
        ("seeds meeting the target", lambda r: min(row["min"] for row in r["figures"]["seeds"])),
    ),
    (
        "conditional.md",
        "this run hits " + ", ".join(f"{{{i}:.1%}}" for i in range(6)),
        f"fresh-curves-{TF}-conditional",
        tuple(f"hits/rates/{i}" for i in range(6)),
    ),
    (
        "conditional.md",
        "give sine-like {0:.3f}, {1:.3f} and {2:.3f}, precision {3:.3f}, {4:.3f} and {5:.3f}, "
        "recall {6:.3f}, {7:.3f} and {8:.3f}, W1(b) {9:.3f}, {10:.3f} and {11:.3f}, and D's "
        "accuracy on held-out curves {12:.3f}",
        f"stability-{TF}-conditional",
        (*(f"seeds/{seed}/{name}" for name in RANGES for seed in range(3)), "mean/D acc"),
    ),
    # recipes.md
    *(
        recipe_row(name)
        for name in ("slides", "improved", "minimax", "wgan-gp", "conditional", "dcgan")
    ),
    (
        "recipes.md",
        "WGAN-GP's seed 0 misses on precision ({0:.3f})",
        f"stability-{TF}-wgan-gp",
        ("seeds/0/prec",),
    ),
    (
        "generator-losses.md",
        "(its held-out accuracy ends at {0:.2f})",
        f"stability-{TF}-minimax",
        ("mean/D acc",),
    ),
    # wgan-gp.md and dcgan.md
    (
        "wgan-gp.md",
        "{0} of them meet every quality target of the improved recipe, and its frequency "
        "coverage is as good (W1(b) {1:.3f}–{2:.3f}); seed 0 falls just short on precision "
        "({3:.3f})",
        f"stability-{TF}-wgan-gp",
        ("seeds meeting the quality targets", "min/W1(b)", "max/W1(b)", "seeds/0/prec"),
    ),
    fresh("wgan-gp.md", "wgan-gp", "seed 0: " + FRESH),
    (
        "wgan-gp.md",
        # the page writes the minus sign, −: the critic's loss, negated, after a −
        "(−{0:.2f} after epoch 1, −{1:.2f} after 20, −{2:.2f} after 60, −{3:.2f} after 120)",
        f"fresh-curves-{TF}-wgan-gp",
        tuple(negated(f"D loss by epoch/{epoch - 1}") for epoch in (1, 20, 60, 120)),
    ),
    (
        "wgan-gp.md",
        "({0:.0%} after epoch 20, {1:.0%} after 60, {2:.0%} after 120) and precision with it "
        "({3:.2f}, {4:.2f}, {5:.2f})",
        f"fresh-curves-{TF}-wgan-gp",
        tuple(
            f"monitored epochs/{index}/{name}"
            for name in ("sine_like", "precision")
            for index in (0, 2, 5)
        ),
    ),
    fresh("dcgan.md", "dcgan", "seed 0: " + FRESH),
    (
        "conditional.md",
        "so it reads {0:.2f} at b = 2.0",
        HITS,
        ("seeds/0/hits/15",),
    ),
)
