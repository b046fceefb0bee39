"""Figures for the theory lecture: the best D*, the game's value, the generator losses.

Every function returns a matplotlib ``Figure`` and never shows or saves it.
The numbers come from sinegan.lectures.theory; this module draws them with
NumPy and matplotlib only.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..validation import refuse, require_vector

MINUS_LOG_4 = -np.log(4.0)  # V at the equilibrium: p_g = p_data and D = 1/2 everywhere
LOSS_LABELS = {
    "non_saturating": "non-saturating: -log D(G(z))",
    "minimax": "minimax: log(1 - D(G(z)))",
}


def plot_optimal_discriminator(x, data_density, generated_density, optimal, trained=None) -> Figure:
    """Left: p_data and p_g. Right: D* = p_data / (p_data + p_g) and, if given, a trained D's
    scores.

    Every argument is a 1-D array with one value per point of the grid ``x``.
    """
    x = require_vector("x", x)
    data_density, generated_density, optimal = (
        require_vector(name, value, len(x))
        for name, value in (
            ("data_density", data_density),
            ("generated_density", generated_density),
            ("optimal", optimal),
        )
    )
    fig = Figure(figsize=(10, 3.6), layout="constrained")
    density_ax, score_ax = fig.subplots(1, 2, sharex=True)
    density_ax.fill_between(
        x, data_density, alpha=0.3, color="tab:green", label="p_data: real samples"
    )
    density_ax.fill_between(
        x, generated_density, alpha=0.3, color="tab:orange", label="p_g: generated samples"
    )
    density_ax.set(title="The two distributions D must tell apart", xlabel="x", ylabel="density")
    score_ax.plot(x, optimal, color="black", linewidth=2, label="D*(x) = p_data / (p_data + p_g)")
    if trained is not None:
        score_ax.plot(
            x,
            require_vector("trained", trained, len(x)),
            color="tab:blue",
            linestyle="--",
            linewidth=2,
            label="D trained on samples",
        )
    score_ax.axhline(0.5, color="0.5", linestyle=":", linewidth=1, label="1/2: cannot tell")
    score_ax.set(
        title="The best discriminator, and a trained one",
        xlabel="x",
        ylabel="D(x) = P(real)",
        ylim=(-0.03, 1.03),
    )
    for ax in (density_ax, score_ax):
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    return fig


def plot_optimal_value(generator_means, values, data_mean) -> Figure:
    """V(G, D*) as G's distribution slides across the data's: minimum -log 4, at p_g = p_data.

    ``values[i]`` is V(G, D*) when G draws around ``generator_means[i]``;
    ``data_mean`` is where the data's distribution sits.
    """
    generator_means = require_vector("generator_means", generator_means)
    values = require_vector("values", values, len(generator_means))
    fig = Figure(figsize=(7, 3.6), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(generator_means, values, linewidth=2, label="V(G, D*) = -log 4 + 2 JSD(p_data || p_g)")
    ax.axhline(
        MINUS_LOG_4, color="0.5", linestyle="--", linewidth=1, label="-log 4: the equilibrium"
    )
    ax.axhline(
        0.0, color="0.7", linestyle=":", linewidth=1, label="0: D tells them apart perfectly"
    )
    ax.axvline(
        data_mean, color="tab:green", alpha=0.5, linewidth=3, label="G's mean = the data's mean"
    )
    ax.set(
        title="The game's value against the best D, as G moves its samples",
        xlabel="mean of G's distribution",
        ylabel="V(G, D*)",
    )
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return fig


def plot_generator_losses(probabilities, curves) -> Figure:
    """Left: each generator loss against D(G(z)). Right: its derivative with respect to D's logit.

    ``curves`` is {loss name: (losses, derivatives)}, one value per entry of
    ``probabilities`` (sinegan.lectures.theory.generator_loss_curves). Where D
    rejects the fakes, D(G(z)) near 0, the minimax derivative vanishes.
    """
    probabilities = require_vector("probabilities", probabilities)
    if not isinstance(curves, dict) or not curves:
        refuse("curves", "a non-empty dict {loss name: (losses, derivatives)}", curves)
    fig = Figure(figsize=(10, 3.8), layout="constrained")
    loss_ax, gradient_ax = fig.subplots(1, 2, sharex=True)
    for name, pair in curves.items():
        if not (isinstance(pair, tuple) and len(pair) == 2):
            refuse(f"curves[{name!r}]", "a (losses, derivatives) pair", pair)
        losses, derivatives = (
            require_vector(f"curves[{name!r}]", value, len(probabilities)) for value in pair
        )
        label = LOSS_LABELS.get(name, name)
        loss_ax.plot(probabilities, losses, label=label)
        gradient_ax.plot(probabilities, derivatives, label=label)
    loss_ax.set(title="Generator loss", xlabel="D(G(z))", ylabel="loss")
    gradient_ax.set(
        title="Gradient reaching G: d loss / d logit", xlabel="D(G(z))", ylabel="d loss / d logit"
    )
    gradient_ax.axvspan(0, 0.1, color="0.9")
    gradient_ax.annotate(
        "D rejects the fakes:\nminimax gradient ~ 0",
        xy=(0.05, -0.05),
        xytext=(0.3, -0.15),
        arrowprops={"arrowstyle": "->"},
    )
    for ax in (loss_ax, gradient_ax):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    return fig
