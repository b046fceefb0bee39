"""Figures for the slides' steps 1 and 6, and for the training history.

Every function returns a matplotlib ``Figure`` and never shows or saves it:
scripts and notebooks decide that (``fig.savefig(...)``, or display it inline).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from .config import _require_int
from .quality import _check_curves
from .trainer import History

REAL_COLOUR, GENERATED_COLOUR = "0.6", "tab:blue"


def plot_training_curves(x, curves, count: int = 8) -> Figure:
    """Step 1's figure: the first ``count`` curves of X_TRAIN."""
    x, curves = _check_x_and_curves(x, curves, "curves")
    _require_int("count", count, minimum=1)
    fig = Figure(figsize=(7, 3.5), layout="constrained")
    ax = fig.add_subplot()
    for curve in curves[:count]:
        ax.plot(x, curve, linewidth=1.5)
    _decorate(ax, f"The first {min(count, len(curves))} training curves: y = sin(b·x + c)")
    return fig


def plot_generated_vs_real(x, generated, real, count: int = 12) -> Figure:
    """Step 6: curves drawn by the generator beside real ones, same axes."""
    x, generated = _check_x_and_curves(x, generated, "generated")
    x, real = _check_x_and_curves(x, real, "real")
    _require_int("count", count, minimum=1)
    fig = Figure(figsize=(10, 3.8), layout="constrained")
    real_ax, generated_ax = fig.subplots(1, 2, sharey=True)
    for curve in real[:count]:
        real_ax.plot(x, curve, color=REAL_COLOUR, linewidth=1.2)
    for curve in generated[:count]:
        generated_ax.plot(x, curve, linewidth=1.2)
    _decorate(real_ax, f"{count} real sinusoids (training data)")
    _decorate(generated_ax, f"{count} curves drawn by the generator")
    return fig


def plot_snapshots(x, history: History, panels: int = 6, real=None) -> Figure:
    """The same latent batch after several epochs: "curves improving as accuracy improves".

    Each panel shows what the generator draws from one fixed batch of latent
    vectors, at an epoch spread evenly from before training to the last
    epoch, with the discriminator's accuracy of that epoch in the title.
    ``real``, if given, is drawn faintly behind for scale.
    """
    _check_history(history)
    _require_int("panels", panels, minimum=1)
    if not history.snapshots:
        raise ValueError("history expected at least one snapshot. Received: history.snapshots=[]")
    x, _ = _check_x_and_curves(x, history.snapshots[0], "history.snapshots[0]")
    if real is not None:
        x, real = _check_x_and_curves(x, real, "real")
    last = len(history.snapshots) - 1
    epochs = sorted(set(np.linspace(0, last, min(panels, last + 1)).round().astype(int)))
    accuracy = history.epoch_means()["discriminator_accuracy"]
    columns = min(3, len(epochs))
    rows = -(-len(epochs) // columns)
    fig = Figure(figsize=(3.6 * columns, 2.6 * rows), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, columns, sharex=True, sharey=True, squeeze=False)).ravel()
    for ax, epoch in zip(axes, epochs):
        for curve in (real if real is not None else [])[:8]:
            ax.plot(x, curve, color="0.85", linewidth=0.8)
        for curve in history.snapshots[epoch]:
            ax.plot(x, curve, linewidth=1.2)
        title = "before training" if epoch == 0 else f"epoch {epoch}: D accuracy {accuracy[epoch - 1]:.2f}"
        ax.set_title(title, fontsize=10)
        ax.set_ylim(-1.15, 1.15)
        ax.grid(alpha=0.3)
    for ax in axes[len(epochs):]:
        ax.set_visible(False)
    fig.suptitle("The generator's curves for one fixed batch of latent vectors, as training goes on")
    return fig


def plot_history(history: History) -> Figure:
    """Losses and accuracies per epoch (means over the epoch's steps), and the
    quality measures taken every few epochs: the losses alone say little about
    how good the curves are."""
    _check_history(history)
    means = history.epoch_means()
    epochs = np.arange(1, len(means["discriminator_loss"]) + 1)
    fig = Figure(figsize=(15, 3.8), layout="constrained")
    loss_ax, accuracy_ax, quality_ax = fig.subplots(1, 3, sharex=True)
    loss_ax.plot(epochs, means["discriminator_loss"], label="discriminator")
    loss_ax.plot(epochs, means["generator_loss"], label="generator (GAN)")
    # Binary cross-entropy on the slides; WGAN-GP's critic and generator losses otherwise.
    loss_ax.set(title="Losses", xlabel="epoch", ylabel="loss")
    accuracy_ax.plot(epochs, means["discriminator_accuracy"], label="discriminator")
    accuracy_ax.plot(epochs, means["generator_accuracy"], label="generator: fakes taken for real")
    accuracy_ax.axhline(0.5, color="0.5", linestyle="--", linewidth=1, label="equilibrium (0.5)")
    accuracy_ax.set(title="Accuracy", xlabel="epoch", ylim=(-0.02, 1.02))
    measured = [entry["epoch"] for entry in history.quality]
    for name, label in QUALITY_LINES.items():
        quality_ax.plot(measured, [entry[name] for entry in history.quality], marker="o", markersize=3,
                        label=label)
    for entry in history.quality:
        if entry["mode_collapse"]:
            quality_ax.axvline(entry["epoch"], color="tab:red", alpha=0.25, linewidth=4)
    quality_ax.set(title="What the generator draws (red: mode collapse alarm)", xlabel="epoch",
                   ylim=(-0.02, 1.1))
    for ax in (loss_ax, accuracy_ax, quality_ax):
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    return fig


def plot_run(x, real, generated, history: History) -> dict:
    """The four figures of a training run, by file name: steps 1 and 6, snapshots, history."""
    return {
        "training_curves.png": plot_training_curves(x, real),
        "generated_vs_real.png": plot_generated_vs_real(x, generated, real),
        "snapshots.png": plot_snapshots(x, history, real=real),
        "history.png": plot_history(history),
    }


def plot_conditional_curves(x, frequencies, curves, fitted=None) -> Figure:
    """A conditional generator's answers: one panel per requested frequency b.

    ``curves`` is (len(frequencies), count, len(x)); ``fitted``, if given, is
    the same shape without the last axis: the sine-fit frequency of each curve.
    """
    fig = Figure(figsize=(2.6 * len(frequencies), 2.8), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, len(frequencies), sharey=True))
    for index, (ax, frequency) in enumerate(zip(axes, frequencies)):
        for curve in curves[index]:
            ax.plot(x, curve, linewidth=1.2)
        title = f"asked b = {frequency:.2f}"
        if fitted is not None:
            title += f"\nfitted {np.median(fitted[index]):.2f}"
        _decorate(ax, title)
    fig.suptitle("Curves drawn by the conditional generator for each requested frequency")
    return fig


QUALITY_LINES = {  # history.quality keys shown by plot_history, with their legend
    "sine_like": "sine-like (fit RMSE < 0.1)",
    "precision": "precision: looks real",
    "recall": "recall: covers the data",
    "diversity": "diversity / data's",
}


def _check_history(history):
    if not isinstance(history, History):
        raise ValueError(f"history expected a sinegan History. Received: history={history!r}")


def _check_x_and_curves(x, curves, name):
    """``x`` as a finite 1-D array and ``curves`` as finite (n, len(x)) rows, or ValueError."""
    curves = _check_curves(curves, name)  # (n, points)
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or len(x) != curves.shape[1] or not np.all(np.isfinite(x)):
        raise ValueError(f"x expected a finite 1-D array of {curves.shape[1]} points, one per column of "
                         f"{name}. Received: x.shape={x.shape}")
    return x, curves


def _decorate(ax, title):
    ax.set(title=title, xlabel="x", ylabel="y", ylim=(-1.15, 1.15))
    ax.grid(alpha=0.3)


# --- The 1010 pattern GAN (sinegan.pattern1010) ------------------------------------
def plot_pattern_losses(history) -> Figure:
    """The three steps' binary cross-entropies, step by step (light) and smoothed (dark).

    ln 2 ≈ 0.693 is the loss of a discriminator that answers 0.5 to everything:
    the lecture's equilibrium, where D can no longer tell real from generated.
    """
    from .pattern1010 import LOSS_NAMES

    losses = history.loss_table()  # (steps, 3)
    steps = np.arange(1, len(losses) + 1)
    window = max(1, len(losses) // 50)
    fig = Figure(figsize=(8, 3.6), layout="constrained")
    ax = fig.add_subplot()
    for column, name in enumerate(LOSS_NAMES):
        line, = ax.plot(steps, losses[:, column], linewidth=0.5, alpha=0.3)
        smoothed = np.convolve(losses[:, column], np.ones(window) / window, mode="valid")  # moving average
        ax.plot(steps[window - 1:], smoothed, color=line.get_color(), linewidth=1.5, label=name)
    ax.axhline(np.log(2), color="0.5", linestyle="--", linewidth=1, label="ln 2: D answers 0.5")
    ax.set(title="The 1010 GAN: the three steps' losses", xlabel="training step", ylabel="binary cross-entropy")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return fig


def plot_pattern_over_training(history) -> Figure:
    """The generator's mean pattern (over a fixed latent batch) as training goes on."""
    from .pattern1010 import HIGH_RANGE, LOW_RANGE

    snapshots = np.asarray(history.snapshots)  # (reports + 1, 4)
    fig = Figure(figsize=(8, 3.6), layout="constrained")
    ax = fig.add_subplot()
    ax.axhspan(*HIGH_RANGE, color="tab:green", alpha=0.12, label="real values 1 and 3")
    ax.axhspan(*LOW_RANGE, color="tab:orange", alpha=0.12, label="real values 2 and 4")
    for position in range(snapshots.shape[1]):
        ax.plot(history.steps, snapshots[:, position], marker="o", markersize=3, label=f"value {position + 1}")
    ax.set(title="The generated pattern as training goes on", xlabel="training step",
           ylabel="mean generated value", ylim=(-0.02, 1.02))
    ax.legend(fontsize=8, ncols=2)
    ax.grid(alpha=0.3)
    return fig


# --- The latent space (sinegan.latent) ---------------------------------------------
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
    for column, (curve, label, colour) in enumerate(zip(curves, labels, colours)):
        ax = fig.add_subplot(grid[0, column], sharey=first)
        first = first or ax
        ax.plot(x, curve, color=colour, linewidth=1.5)
        ax.set_title(label, fontsize=8)
        ax.set(ylim=(-1.15, 1.15), xticks=[])
        ax.tick_params(labelleft=column == 0, labelsize=7)
        ax.grid(alpha=0.3)
    overlay = fig.add_subplot(grid[1, :])
    for curve, colour in zip(curves, colours):
        overlay.plot(x, curve, color=colour, linewidth=1.2)
    _decorate(overlay, "all of them on the same axes (dark: start, light: end)")
    fig.suptitle(title)
    return fig
