"""The quotes of the slides' and the improved recipe's runs: README, measuring, engines,
backends and plane (see benchmarks/quotes.py for what a quote is)."""

from benchmarks.quote_helpers import (
    FRESH,
    IMPROVED,
    PLANE,
    RANGES,
    SLIDES,
    TF,
    among_first,
    engine_row,
    first_epoch_all_sine_like,
    frame,
    fresh,
    largest_gap,
    lookup,
    mean_row,
    plane_last,
    quality_targets_met,
    seconds,
    seeds,
    seeds_mean,
)

QUOTES = (
    # The slides' recipe, seed 0, as examples/sine_gan.py draws it, and the improved recipe.
    fresh(
        "README.md",
        "slides",
        "{0:.0%} of 1,000 fresh curves fit a sine within 0.1 RMSE, and their frequencies span "
        "{1:.2f}–{2:.2f} where the data span {3:.2f}–{4:.2f}",
    ),
    (
        "README.md",
        "on all {0} seeds measured, {1:.1%}–{2:.1%} of its curves are sine-like and both "
        "frequency percentiles are within {3:.2f} of the data's",
        IMPROVED,
        (seeds, "min/sine-like", "max/sine-like", largest_gap),
    ),
    # measuring.md
    ("measuring.md", mean_row()[0], SLIDES, mean_row()[1]),
    ("measuring.md", mean_row()[0], IMPROVED, mean_row()[1]),
    (
        "measuring.md",
        "b p5 – p95 (data {0:.2f} – {1:.2f})",
        SLIDES,
        ("seeds/0/data b p5", "seeds/0/data b p95"),
    ),
    (
        "measuring.md",
        "seed 0: {0:.2f}–{1:.2f}, seed 9: {2:.2f}–{3:.2f}",
        SLIDES,
        ("seeds/0/b p5", "seeds/0/b p95", "seeds/9/b p5", "seeds/9/b p95"),
    ),
    (
        "measuring.md",
        "({0:.2f}–{1:.2f} over the ten seeds), and only {2:.0%}–{3:.0%} of the curves are "
        "sine-like",
        SLIDES,
        ("min/rec", "max/rec", "min/sine-like", "max/sine-like"),
    ),
    (
        "measuring.md",
        "**{0} of {1} seeds meet every quality target**: {2:.1%}–{3:.1%} of their curves are "
        "sine-like, precision is {4:.2f}–{5:.2f}, recall {6:.2f}–{7:.2f}, W1(b) {8:.3f}–{9:.3f}, "
        "and both frequency percentiles are within {10:.2f} of the data's",
        IMPROVED,
        (
            "seeds meeting the quality targets",
            seeds,
            *(f"{end}/{name}" for name in RANGES for end in ("min", "max")),
            largest_gap,
        ),
    ),
    (
        "measuring.md",
        "{0:.2f}–{1:.2f} accuracy on held-out real and generated curves",
        IMPROVED,
        ("min/D acc", "max/D acc"),
    ),
    fresh("measuring.md", "improved", "seed 0: " + FRESH),
    # engines.md: the fast engine's rows are the runs of stability.py's slides seeds 0-2
    *(engine_row(seed) for seed in range(3)),
    (
        "engines.md",
        "sine-like {0:.2f}–{1:.2f} for the fast engine",
        SLIDES,
        (among_first(3, "sine-like", min), among_first(3, "sine-like", max)),
    ),
    # backends.md: TensorFlow's row
    (
        "backends.md",
        "| TensorFlow | {0:.3f}, {1:.3f}, {2:.3f} ({3:.3f}) |",
        SLIDES,
        (*(f"seeds/{seed}/sine-like" for seed in range(3)), seeds_mean("sine-like")),
    ),
    (
        "backends.md",
        "| {0:.3f}, {1:.3f}, {2:.3f}, {3:.3f} | {4} of 3 |",
        IMPROVED,
        (*(seeds_mean(name) for name in RANGES), quality_targets_met(3)),
    ),
    (
        "backends.md",
        "spread of TensorFlow's 10 seeds ({0:.2f}–{1:.2f}",
        SLIDES,
        ("min/sine-like", "max/sine-like"),
    ),
    # plane.md
    (
        "plane.md",
        "{0} of the {1} curves are sine-like and {2} fit no sine",
        PLANE,
        (
            plane_last("slides", "sine-like"),
            plane_last("slides", "curves"),
            lambda r: (
                lookup(r, "slides/last frame/curves") - lookup(r, "slides/last frame/sine-like")
            ),
        ),
    ),
    (
        "plane.md",
        "their b run from {0:.2f} to {1:.2f} (5th to 95th percentile)",
        PLANE,
        (plane_last("slides", "b p5"), plane_last("slides", "b p95")),
    ),
    (
        "plane.md",
        "its mean score is {0:.2f} at G's dots, a purple hole in the rectangle, and {1:.2f} "
        "averaged over the whole rectangle",
        PLANE,
        (plane_last("slides", "score at G"), plane_last("slides", "score inside")),
    ),
    (
        "plane.md",
        "({0:.2f} on average outside the rectangle)",
        PLANE,
        (plane_last("slides", "score outside"),),
    ),
    frame(
        "slides",
        0,
        "the fitted b of all 500 curves lie between {0:.2f} and {1:.2f}",
        ("all b p5", "all b p95"),
    ),
    frame("slides", 3, "At epoch 32, {0} are sine-like, with b from {1:.2f} to {2:.2f}"),
    frame("slides", 5, "the band widens to {1:.2f}–{2:.2f} at epoch 48 ({0} sine-like)"),
    frame("slides", 7, "({1:.2f}–{2:.2f} at epoch 64)"),
    frame("improved", 0, "{0} sine-like at epoch 25 already spread over b {1:.2f}–{2:.2f}"),
    ("plane.md", "all 500 from epoch {0} on", PLANE, (first_epoch_all_sine_like,)),
    (
        "plane.md",
        "{0:.1%} lie inside it (the others just outside its edges), with b from {1:.2f} to {2:.2f}",
        PLANE,
        tuple(plane_last("improved", name) for name in ("inside", "b p5", "b p95")),
    ),
    (
        "plane.md",
        "{0:.2f} on average inside the rectangle, {1:.2f} at G's dots, {2:.2f} outside",
        PLANE,
        tuple(plane_last("improved", f"score {where}") for where in ("inside", "at G", "outside")),
    ),
    (
        "plane.md",
        "on the `slides` preset {0:.0f} ms, one D call on 2,304 curves, beside the {1:.2f} s of "
        "the monitor's own measures; on the `improved` preset {2:.0f} ms, because each of the "
        "2,304 grid curves brings its group of 32, 73,728 rows, beside {3:.2f} s",
        PLANE,
        (
            "slides/plane ms",
            seconds("slides/monitor ms"),
            "improved/plane ms",
            seconds("improved/monitor ms"),
        ),
    ),
    # measuring.md: the slides' seed-0 run on each of its samples
    (
        "measuring.md",
        "| 1,000 drawn with seed 0; b of every curve | {0:.1%} | {1:.2f}–{2:.2f} |",
        f"fresh-curves-{TF}-slides",
        ("sine-like", "b p5", "b p95"),
    ),
    (
        "measuring.md",
        "| 2,000 drawn with seed 1234; b of every curve | {0:.1%} | {1:.2f}–{2:.2f} |",
        SLIDES,
        ("seeds/0/sine-like", "seeds/0/b p5", "seeds/0/b p95"),
    ),
    (
        "measuring.md",
        "b of the sine-like ones | {0:.1%} ({1} of {2}) | {3:.2f}–{4:.2f} |",
        PLANE,
        (
            lambda r: (
                lookup(r, "slides/last frame/sine-like") / lookup(r, "slides/last frame/curves")
            ),
            *(plane_last("slides", name) for name in ("sine-like", "curves", "b p5", "b p95")),
        ),
    ),
    (
        "plane.md",
        "8 calls for `slides` and 12 for `improved`: {0:.1f} s and {1:.1f} s in this run",
        PLANE,
        (
            lambda r: 8 * lookup(r, "slides/plane ms") / 1000,
            lambda r: 12 * lookup(r, "improved/plane ms") / 1000,
        ),
    ),
)
