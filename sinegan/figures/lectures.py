"""Figures for the other lectures' ideas: the 1010 GAN, latent walks, conditional sines.

Every function returns a matplotlib ``Figure`` and never shows or saves it.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..lectures.pattern_source import HIGH_RANGE, LOSS_NAMES, LOW_RANGE
from .run import decorate


def plot_conditional_curves(x, frequencies, curves, fitted=None) -> Figure:
    """A conditional generator's answers: one panel per requested frequency b.

    ``curves`` is (len(frequencies), count, len(x)); ``fitted``, if given, is
    the same shape without the last axis: the sine-fit frequency of each curve.
    """
    fig = Figure(figsize=(2.6 * len(frequencies), 2.8), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, len(frequencies), sharey=True))
    for index, (ax, frequency) in enumerate(zip(axes, frequencies, strict=True)):
        for curve in curves[index]:
            ax.plot(x, curve, linewidth=1.2)
        title = f"asked b = {frequency:.2f}"
        if fitted is not None:
            title += f"\nfitted {np.median(fitted[index]):.2f}"
        decorate(ax, title)
    fig.suptitle("Curves drawn by the conditional generator for each requested frequency")
    return fig


def plot_pattern_losses(history) -> Figure:
    """The three steps' binary cross-entropies, step by step (light) and smoothed (dark).

    ln 2 ≈ 0.693 is the loss of a discriminator that answers 0.5 to everything:
    the lecture's equilibrium, where D can no longer tell real from generated.
    """
    losses = history.loss_table()  # (steps, 3)
    steps = np.arange(1, len(losses) + 1)
    window = max(1, len(losses) // 50)
    fig = Figure(figsize=(8, 3.6), layout="constrained")
    ax = fig.add_subplot()
    for column, name in enumerate(LOSS_NAMES):
        (line,) = ax.plot(steps, losses[:, column], linewidth=0.5, alpha=0.3)
        # moving average
        smoothed = np.convolve(losses[:, column], np.ones(window) / window, mode="valid")
        ax.plot(steps[window - 1 :], smoothed, color=line.get_color(), linewidth=1.5, label=name)
    ax.axhline(np.log(2), color="0.5", linestyle="--", linewidth=1, label="ln 2: D answers 0.5")
    ax.set(
        title="The 1010 GAN: the three steps' losses",
        xlabel="training step",
        ylabel="binary cross-entropy",
    )
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return fig


def plot_pattern_over_training(history) -> Figure:
    """The generator's mean pattern (over a fixed latent batch) as training goes on."""
    snapshots = np.asarray(history.snapshots)  # (reports + 1, 4)
    fig = Figure(figsize=(8, 3.6), layout="constrained")
    ax = fig.add_subplot()
    ax.axhspan(*HIGH_RANGE, color="tab:green", alpha=0.12, label="real values 1 and 3")
    ax.axhspan(*LOW_RANGE, color="tab:orange", alpha=0.12, label="real values 2 and 4")
    for position in range(snapshots.shape[1]):
        ax.plot(
            history.steps,
            snapshots[:, position],
            marker="o",
            markersize=3,
            label=f"value {position + 1}",
        )
    ax.set(
        title="The generated pattern as training goes on",
        xlabel="training step",
        ylabel="mean generated value",
        ylim=(-0.02, 1.02),
    )
    ax.legend(fontsize=8, ncols=2)
    ax.grid(alpha=0.3)
    return fig


def plot_latent_walk(x, curves, labels, title) -> Figure:
    """Curves along a path in z-space, one panel per point, coloured from start to end.

    Used for an interpolation from z0 to z1 (labels: the fraction of the way)
    and for a walk along a latent direction (labels: the distance and the fitted
    frequency). Returns a figure; nothing is shown or saved.
    """
    from matplotlib import colormaps

    count = len(curves)
    colours = colormaps["viridis"](np.linspace(0, 0.9, count))
    fig = Figure(figsize=(1.6 * count + 0.6, 4.4), layout="constrained")
    grid = fig.add_gridspec(2, count, height_ratios=(1, 1.4))
    first = None
    for column, (curve, label, colour) in enumerate(zip(curves, labels, colours, strict=True)):
        ax = fig.add_subplot(grid[0, column], sharey=first)
        first = first or ax
        ax.plot(x, curve, color=colour, linewidth=1.5)
        ax.set_title(label, fontsize=8)
        ax.set(ylim=(-1.15, 1.15), xticks=[])
        ax.tick_params(labelleft=column == 0, labelsize=7)
        ax.grid(alpha=0.3)
    overlay = fig.add_subplot(grid[1, :])
    for curve, colour in zip(curves, colours, strict=True):
        overlay.plot(x, curve, color=colour, linewidth=1.2)
    decorate(overlay, "all of them on the same axes (dark: start, light: end)")
    fig.suptitle(title)
    return fig
