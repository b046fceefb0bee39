"""The game in the (b, c) plane, drawn the way GAN Lab draws a 2-D GAN.

Every sinusoid sin(b·x + c) is a point of the plane of its frequency b and its
phase c (sinegan.measure.plane). One picture shows the whole game:

- the heat map is D's score of the sinusoid at each (b, c): green where D says
  "real", purple where it says "fake", white where it cannot tell (0.5);
- the dashed rectangle is the real data, ``frequency_range`` × ``phase_range``, or
  one rectangle per region of the config's ``data_regions``; a region that crosses
  c = 2π is drawn in two parts, since the c axis is the circle [0, 2π);
- the black dots are G's curves, each at the (b, c) of the sine that fits it;
- the grey crosses in the strip below are G's curves that no sine fits (fit RMSE
  0.1 or more), at the b of their best fit.

A GAN at equilibrium spreads its dots over the whole rectangle and D's map there
fades to white. The slides' recipe keeps its dots in a band of b: partial mode collapse.

Both functions return matplotlib objects and write nothing: ``fig.savefig(...)``
and ``animation.save("plane.gif", writer=PillowWriter(fps=4))`` are the caller's.
"""

from __future__ import annotations

import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..config_fields import data_regions
from ..measure.plane import PlaneFrame
from ..slides.config import GANConfig, require_config
from ..validation import fail, require_instance, require_int

# purple "fake" to green "real"; a critic has no middle
PROBABILITY_MAP, CRITIC_MAP = (
    "PRGn",
    "viridis",
)


def plot_plane(frame: PlaneFrame, config: GANConfig) -> Figure:
    """One frame: D's score of every sinusoid, the data's rectangle and G's curves."""
    require_instance("frame", frame, PlaneFrame, "a sinegan PlaneFrame (sinegan.measure_plane)")
    require_config(config)
    figure, show = _drawing(frame, config, _colour_scale([frame], config))
    show(frame)
    return figure


def animate_plane(frames, config: GANConfig, interval: int = 250) -> FuncAnimation:
    """One animation frame per PlaneFrame (``Trainer.history.plane``), on one colour scale.

    ``interval`` is the time between frames in milliseconds.
    """
    if not (
        isinstance(frames, (list, tuple))
        and frames
        and all(isinstance(frame, PlaneFrame) for frame in frames)
    ):
        kinds = (
            sorted({type(frame).__name__ for frame in frames})
            if isinstance(frames, (list, tuple))
            else []
        )
        raise ValueError(
            "frames expected a non-empty list of PlaneFrame objects, such as "
            "Trainer.history.plane. "
            f"Received: frames={type(frames).__name__} of {kinds or 'nothing'}"
        )
    shapes = sorted({frame.scores.shape for frame in frames})
    if len(shapes) > 1:
        fail("frames", "frames of one grid size", shapes, also="the shapes of their scores")
    require_config(config)
    require_int("interval", interval, minimum=1)
    figure, show = _drawing(frames[0], config, _colour_scale(frames, config))
    return FuncAnimation(
        figure, lambda index: show(frames[index]), frames=len(frames), interval=interval, blit=False
    )


def _colour_scale(frames, config):
    """The colour map, its range and its label: D's probability on [0, 1], or the critic's range."""
    # a critic's value has no fixed scale: only its differences mean something
    if config.loss == "wgan-gp":
        scores = np.concatenate([frame.scores.ravel() for frame in frames])  # (frames * nc * nb,)
        return (
            CRITIC_MAP,
            Normalize(scores.min(), scores.max()),
            "the critic's raw score (higher: more real)",
        )
    return PROBABILITY_MAP, Normalize(0.0, 1.0), 'D(curve): probability "real"'


def _drawing(first: PlaneFrame, config: GANConfig, scale):
    """The figure's fixed parts, and a function that shows one frame in them."""
    colour_map, norm, label = scale
    figure = Figure(figsize=(7.5, 5.6), layout="constrained")
    plane, strip = figure.subplots(2, 1, sharex=True, height_ratios=[1, 0.14])
    # (nc, nb) cells
    mesh = plane.pcolormesh(
        first.frequency_grid,
        first.phase_grid,
        first.scores,
        shading="nearest",
        cmap=colour_map,
        norm=norm,
    )
    figure.colorbar(mesh, ax=[plane, strip], label=label)
    for index, (b_low, b_high, c_low, c_high) in enumerate(_data_rectangles(config)):
        plane.add_patch(
            Rectangle(
                (b_low, c_low),
                b_high - b_low,
                c_high - c_low,
                fill=False,
                edgecolor="tab:red",
                linestyle="--",
                linewidth=2,
                label="the real data" if index == 0 else None,  # one legend entry
            )
        )
    points = plane.scatter(
        [],
        [],
        s=9,
        color="black",
        edgecolors="white",
        linewidths=0.3,
        label="G's curves, at their fitted (b, c)",
    )
    off_sine = strip.scatter([], [], s=14, marker="x", color="0.45", linewidths=0.8)
    window = (first.frequency_grid[0], first.frequency_grid[-1])
    plane.set(xlim=window, ylim=(0, 2 * np.pi), ylabel="phase c")
    plane.set_yticks(np.arange(5) * np.pi / 2, ["0", "π/2", "π", "3π/2", "2π"])
    plane.legend(loc="upper right", fontsize=8, framealpha=0.85)
    strip.set(ylim=(-1, 1), yticks=[], xlabel="frequency b")
    strip.set_ylabel("no sine\nfits", rotation=0, ha="right", va="center", fontsize=8)
    # (n,) strip heights
    jitter = np.random.default_rng(0).uniform(-0.7, 0.7, size=max(len(first.frequency), 1))

    def show(frame: PlaneFrame):
        mesh.set_array(frame.scores)  # (nc, nb)
        fitted = frame.sine_like  # (n,) bool
        # (sine-like, 2)
        points.set_offsets(np.column_stack([frame.frequency[fitted], frame.phase[fitted]]))
        heights = np.resize(jitter, len(frame.frequency))[~fitted]  # (off-sine,)
        off_sine.set_offsets(np.column_stack([np.clip(frame.frequency[~fitted], *window), heights]))
        beyond = int(
            np.sum(fitted & ((frame.frequency < window[0]) | (frame.frequency > window[1])))
        )
        sine_like, no_sine = int(fitted.sum()), int((~fitted).sum())
        counts = f"{sine_like} of {len(fitted)} curves sine-like, {no_sine} fit no sine" + (
            f", {beyond} beyond the b axis" if beyond else ""
        )
        plane.set_title(
            f"Epoch {frame.epoch}: {counts}\n"
            "D's score of each sinusoid sin(b·x + c), and G's curves",
            fontsize=10,
        )
        return mesh, points, off_sine

    return figure, show


def _data_rectangles(config: GANConfig) -> list[tuple[float, float, float, float]]:
    """The data's regions with c wrapped into the axis [0, 2π): a region that crosses 2π
    in two parts, one at least 2π wide as the whole circle."""
    turn, rectangles = 2 * np.pi, []
    for b_low, b_high, c_low, c_high in data_regions(config):
        if c_high - c_low >= turn:  # the slides' phase_range may be that wide
            rectangles.append((b_low, b_high, 0.0, turn))
            continue
        start = c_low % turn  # in [0, 2π)
        end = start + (c_high - c_low)
        rectangles.append((b_low, b_high, start, min(end, turn)))
        if end > turn:  # the part past 2π, at the bottom of the axis
            rectangles.append((b_low, b_high, 0.0, end - turn))
    return rectangles
