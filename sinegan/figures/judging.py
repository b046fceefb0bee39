"""Judging generators by eye: a few curves from each of several samples, one row each.

The lecture's first way to evaluate a GAN is a person looking at its samples. This
figure sets samples side by side so that the eye can compare them, with a label per
row: a neutral letter when the eye should judge blind, the measures when it should not.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from ..validation import fail, refuse, require_int
from .run import check_x_and_curves, decorate


def plot_curve_grid(x, samples, labels, count: int = 6) -> Figure:
    """One row per sample, ``count`` of its curves, each in its own small panel.

    ``samples`` is a list of (n, len(x)) arrays of curves and ``labels`` one string per
    sample, written above its row's first panel.
    """
    samples, labels = list(samples), list(labels)
    if not samples:
        fail("samples", "at least one array of curves", samples)
    if len(labels) != len(samples) or not all(isinstance(label, str) for label in labels):
        refuse("labels", f"{len(samples)} string(s), one per sample", labels)
    require_int("count", count, minimum=1)
    checked = [check_x_and_curves(x, curves, f"samples[{i}]") for i, curves in enumerate(samples)]
    figure = Figure(figsize=(1.9 * count, 1.9 * len(samples)), layout="constrained")
    axes = figure.subplots(len(samples), count, sharex=True, sharey=True, squeeze=False)
    for row, ((x_row, curves), label) in enumerate(zip(checked, labels, strict=True)):
        for column in range(count):
            ax = axes[row, column]
            if column < len(curves):
                ax.plot(x_row, curves[column], linewidth=1.4)
            decorate(ax, "")
            ax.set(xlabel="", ylabel="", xticks=[], yticks=[])
        axes[row, 0].set_title(label, loc="left", fontsize=9)
    return figure
