"""The pieces the tables of quotes are built from: keys that compute, and rows of tables."""

from __future__ import annotations

import math

from benchmarks.quotes import lookup


def seeds_mean(name, seeds=3):
    """The mean of measure ``name`` over the first ``seeds`` seeds of a file's rows."""
    return lambda result: sum(row[name] for row in result["figures"]["seeds"][:seeds]) / seeds


def largest_gap(result):
    """The largest distance of a seed's b percentiles to the data's, rounded up to 0.01."""
    gaps = [max(row["b p5 gap"], row["b p95 gap"]) for row in result["figures"]["seeds"]]
    return math.ceil(100 * max(gaps)) / 100


def seeds(result):
    return len(result["figures"]["seeds"])


TF = "tensorflow"
MEASURES = ("sine-like", "rmse p50", "b p5", "b p95", "W1(b)", "prec", "rec")
# The measures of a table row, from sine-like to recall. The training times beside them are
# not quoted from these files: see docs/measuring.md, "Where the numbers come from".
MEANS = "| {0:.3f} | {1:.3f} | {2:.2f} – {3:.2f} | {4:.3f} | {5:.3f} | {6:.3f} |"


def mean_row(suffix=("diversity", "D acc")):
    """A table row of means: the MEASURES, then ``suffix``."""
    tail = " ".join(f"{{{7 + i}:.3f}} |" for i in range(len(suffix)))
    keys = tuple(f"mean/{name}" for name in (*MEASURES, *suffix))
    return MEANS + " " + tail, keys


def recipe_row(preset):
    """A row of recipes.md: the means and the seeds that meet every quality target."""
    template, keys = mean_row(("D acc",))
    return (
        "recipes.md",
        template + " {8} of {9} |",
        f"stability-{TF}-{preset}",
        (*keys, "seeds meeting the quality targets", seeds),
    )


def hits_row(seed):
    """A row of conditional.md's table: the hit rate at each of the 16 requested b."""
    rates = " ".join(f"{{{i}:.2f}}" for i in range(16))
    keys = tuple(f"seeds/{seed}/hits/{i}" for i in range(16))
    return (
        "conditional.md",
        f"| {rates} | {{16:.2f}} | {{17:.2f}}",
        f"conditional-{TF}",
        (*keys, f"seeds/{seed}/min", f"seeds/{seed}/mean"),
    )


def engine_row(seed):
    """A fast-engine row of engines.md's table, from sine-like on."""
    names = (*MEASURES, "MMD", "floor", "diversity", "D acc")
    return (
        "engines.md",
        "| " + " | ".join(f"{{{i}:.3f}}" for i in range(len(names))),
        f"stability-{TF}-slides",
        tuple(f"seeds/{seed}/{name}" for name in names),
    )


def frame(run, index, template, names=("sine-like", "b p5", "b p95")):
    """A quote of plane.md on one frame of a run: ``names`` of that frame, in order."""
    keys = tuple(f"{run}/frames/{index}/{name}" for name in names)
    return ("plane.md", template, f"plane-{TF}", keys)


def fresh(page, preset, template):
    """A quote of the 1,000 fresh curves examples/sine_gan.py draws with seed 0."""
    keys = ("sine-like", "b p5", "b p95", "data b p5", "data b p95")
    return (page, template, f"fresh-curves-{TF}-{preset}", keys)


def plane_last(run, name):
    return f"{run}/last frame/{name}"


def last_frame_share(run):
    """The share of the last frame's curves that are sine-like."""
    return lambda r: lookup(r, plane_last(run, "sine-like")) / lookup(r, plane_last(run, "curves"))


def first_epoch_all_sine_like(result):
    """The epoch from which every frame of the improved run has all its curves sine-like."""
    frames = result["figures"]["improved"]["frames"]
    ends = [i for i in range(len(frames)) if all(f["sine-like"] == 500 for f in frames[i:])]
    return frames[ends[0]]["epoch"]


def quality_targets_met(seeds):
    """How many of the first ``seeds`` seeds meet every quality target."""
    return lambda result: sum(
        row["seed"] < seeds and meets_quality_targets(row) for row in result["figures"]["seeds"]
    )


def meets_quality_targets(row):
    return (
        row["sine-like"] >= 0.98
        and min(row["prec"], row["rec"]) >= 0.90
        and max(row["W1(b)"], row["b p5 gap"], row["b p95 gap"]) <= 0.05
    )


def negated(path):
    return lambda result: -lookup(result, path)


def seconds(path):
    return lambda result: lookup(result, path) / 1000


def among_first(seeds, name, pick):
    return lambda result: pick(row[name] for row in result["figures"]["seeds"][:seeds])


FRESH = (
    "{0:.1%} of 1,000 fresh curves are sine-like, with frequencies {1:.2f}–{2:.2f} "
    "(data: {3:.2f}–{4:.2f})"
)
SLIDES, IMPROVED = f"stability-{TF}-slides", f"stability-{TF}-improved"
PLANE, HITS = f"plane-{TF}", f"conditional-{TF}"
RANGES = ("sine-like", "prec", "rec", "W1(b)")
