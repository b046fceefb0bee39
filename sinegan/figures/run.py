"""Figures of a training run: the slides' steps 1 and 6, the snapshots and the history.

Every function returns a matplotlib ``Figure`` and never shows or saves it:
scripts and notebooks decide that (``fig.savefig(...)``, or display it inline).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..harness.history import History
from ..validation import require_curves, require_instance, require_int

REAL_COLOUR, GENERATED_COLOUR = "0.6", "tab:blue"


def plot_training_curves(x, curves, count: int = 8) -> Figure:
    """Step 1's figure: the first ``count`` curves of X_TRAIN."""
    x, curves = check_x_and_curves(x, curves, "curves")
    require_int("count", count, minimum=1)
    fig = Figure(figsize=(7, 3.5), layout="constrained")
    ax = fig.add_subplot()
    for curve in curves[:count]:
        ax.plot(x, curve, linewidth=1.5)
    decorate(ax, f"The first {min(count, len(curves))} training curves: y = sin(b·x + c)")
    return fig


def plot_generated_vs_real(x, generated, real, count: int = 12) -> Figure:
    """Step 6: curves drawn by the generator beside real ones, same axes."""
    x, generated = check_x_and_curves(x, generated, "generated")
    x, real = check_x_and_curves(x, real, "real")
    require_int("count", count, minimum=1)
    fig = Figure(figsize=(10, 3.8), layout="constrained")
    real_ax, generated_ax = fig.subplots(1, 2, sharey=True)
    for curve in real[:count]:
        real_ax.plot(x, curve, color=REAL_COLOUR, linewidth=1.2)
    for curve in generated[:count]:
        generated_ax.plot(x, curve, linewidth=1.2)
    decorate(real_ax, f"{count} real sinusoids (training data)")
    decorate(generated_ax, f"{count} curves drawn by the generator")
    return fig


def plot_snapshots(x, history: History, panels: int = 6, real=None) -> Figure:
    """The same latent batch after several epochs: "curves improving as accuracy improves".

    Each panel shows what the generator draws from one fixed batch of latent
    vectors, at an epoch spread evenly from before training to the last
    epoch, with the discriminator's accuracy of that epoch in the title.
    ``real``, if given, is drawn faintly behind for scale.
    """
    check_history(history)
    require_int("panels", panels, minimum=1)
    if not history.snapshots:
        raise ValueError("history expected at least one snapshot. Received: history.snapshots=[]")
    x, _ = check_x_and_curves(x, history.snapshots[0], "history.snapshots[0]")
    if real is not None:
        x, real = check_x_and_curves(x, real, "real")
    last = len(history.snapshots) - 1
    epochs = sorted(set(np.linspace(0, last, min(panels, last + 1)).round().astype(int)))
    accuracy = history.epoch_means()["discriminator_accuracy"]
    columns = min(3, len(epochs))
    rows = -(-len(epochs) // columns)
    fig = Figure(figsize=(3.6 * columns, 2.6 * rows), layout="constrained")
    axes = np.atleast_1d(
        fig.subplots(rows, columns, sharex=True, sharey=True, squeeze=False)
    ).ravel()
    for ax, epoch in zip(axes, epochs, strict=False):  # a grid of rows x 3 may hold more panels
        for curve in (real if real is not None else [])[:8]:
            ax.plot(x, curve, color="0.85", linewidth=0.8)
        for curve in history.snapshots[epoch]:
            ax.plot(x, curve, linewidth=1.2)
        title = (
            "before training"
            if epoch == 0
            else f"epoch {epoch}: D accuracy {accuracy[epoch - 1]:.2f}"
        )
        ax.set_title(title, fontsize=10)
        ax.set_ylim(-1.15, 1.15)
        ax.grid(alpha=0.3)
    for ax in axes[len(epochs) :]:
        ax.set_visible(False)
    fig.suptitle(
        "The generator's curves for one fixed batch of latent vectors, as training goes on"
    )
    return fig


def plot_history(history: History) -> Figure:
    """Losses and accuracies per epoch (means over the epoch's steps), and the
    quality measures taken every few epochs: the losses alone say little about
    how good the curves are."""
    check_history(history)
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
        quality_ax.plot(
            measured,
            [entry[name] for entry in history.quality],
            marker="o",
            markersize=3,
            label=label,
        )
    for entry in history.quality:
        if entry["mode_collapse"]:
            quality_ax.axvline(entry["epoch"], color="tab:red", alpha=0.25, linewidth=4)
    quality_ax.set(
        title="What the generator draws (red: mode collapse alarm)",
        xlabel="epoch",
        ylim=(-0.02, 1.1),
    )
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


QUALITY_LINES = {  # history.quality keys shown by plot_history, with their legend
    "sine_like": "sine-like (fit RMSE < 0.1)",
    "precision": "precision: looks real",
    "recall": "recall: covers the data",
    "diversity": "diversity / data's",
}


def check_history(history):
    require_instance("history", history, History, "a sinegan History")


def check_x_and_curves(x, curves, name):
    """``x`` as a finite 1-D array and ``curves`` as finite (n, len(x)) rows, or ValueError."""
    curves = require_curves(curves, name)  # (n, points)
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1 or len(x) != curves.shape[1] or not np.all(np.isfinite(x)):
        raise ValueError(
            f"x expected a finite 1-D array of {curves.shape[1]} points, one per column of "
            f"{name}. Received: x.shape={x.shape}"
        )
    return x, curves


def decorate(ax, title):
    ax.set(title=title, xlabel="x", ylabel="y", ylim=(-1.15, 1.15))
    ax.grid(alpha=0.3)
