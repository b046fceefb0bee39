"""The figures of docs/plane.md: the last frame of the (b, c) plane for `slides` and `improved`.

    PYTHONPATH=. python benchmarks/plane_figures.py [--output docs/figures]

Trains each preset in full (fast engine, seed 0) and saves the plane of its last
monitored epoch (500 curves of the monitor's fixed latent batch) as
``plane-slides.png`` and ``plane-improved.png``, and the slides' run, one frame per
monitored epoch, as ``plane-slides.gif``. For each run it prints every frame's count
of sine-like curves and their band of b (5th to 95th percentile), then what the last
figure shows:
how many curves are sine-like, what share of those lie inside the data's
rectangle, the band of b they cover (5th to 95th percentile) against the data's,
and D's mean score inside and outside the rectangle. It also times what the plane
adds to a monitored epoch: ``measure_plane`` with the monitor's fit reused, against
the monitor's own measures.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before TensorFlow is imported

from matplotlib.animation import PillowWriter

from benchmarks.results import write_result
from sinegan import (
    IMPROVED,
    SLIDES,
    Trainer,
    animate_plane,
    data_regions,
    generate_curves,
    in_data,
    measure_plane,
    plot_plane,
)
from sinegan.measure.evaluate import evaluate_curves

REPEATS = 5  # timings: the median of 5 calls


def describe(name, frame, config):
    """The numbers the figure shows, as one paragraph."""
    fitted = frame.sine_like  # (n,) bool
    # (sine-like,) bool
    inside = in_data(config, frame.frequency[fitted], frame.phase[fitted])
    low, high = np.percentile(frame.frequency[fitted], [5, 95])
    regions = data_regions(config)  # [(b_low, b_high, c_low, c_high), ...]
    data_low, data_high = min(region[0] for region in regions), max(region[1] for region in regions)
    # (nc, nb) each
    grid_frequency, grid_phase = np.meshgrid(frame.frequency_grid, frame.phase_grid)
    data_cells = in_data(config, grid_frequency, grid_phase)  # (nc, nb) bool
    # D's score at each sine-like curve's point: the grid cell nearest its (b, c).
    # (sine-like,)
    columns = np.abs(frame.frequency[fitted][:, None] - frame.frequency_grid[None, :]).argmin(
        axis=1
    )
    # (sine-like,)
    rows = np.abs(frame.phase[fitted][:, None] - frame.phase_grid[None, :]).argmin(axis=1)
    figures = {
        "epoch": frame.epoch,
        "curves": len(fitted),
        "sine-like": int(fitted.sum()),
        "inside": inside.mean(),
        "b p5": low,
        "b p95": high,
        "score inside": frame.scores[data_cells].mean(),
        "score outside": frame.scores[~data_cells].mean(),
        "score at G": frame.scores[rows, columns].mean(),
    }
    print(
        f"{name}: epoch {frame.epoch}, {fitted.sum()} of {len(fitted)} curves sine-like, "
        f"{(~fitted).sum()} fit no sine; "
        f"{inside.mean():.1%} of the sine-like ones inside the data's rectangle; "
        f"their b from {low:.2f} to {high:.2f} "
        f"(5th-95th percentile; data {data_low}-{data_high}); "
        f"D's mean score {figures['score inside']:.2f} inside the rectangle, "
        f"{figures['score outside']:.2f} outside, {figures['score at G']:.2f} at G's "
        "sine-like curves",
        flush=True,
    )
    return figures


def frame_band(frame) -> dict:
    """One frame's count of sine-like curves, their band of b and that of all the curves."""
    fitted = frame.sine_like  # (n,) bool
    band = {"epoch": frame.epoch, "sine-like": int(fitted.sum())}
    if fitted.any():
        band["b p5"], band["b p95"] = np.percentile(frame.frequency[fitted], [5, 95])
    band["all b p5"], band["all b p95"] = np.percentile(frame.frequency, [5, 95])
    return band


def time_plane(trainer):
    """Seconds of the monitor's measures and of the plane added to them.

    Each is the median of REPEATS calls.
    """
    monitor = trainer.monitor
    curves = generate_curves(trainer.sampling_generator, monitor.latent)  # (500, 64)
    fit = evaluate_curves(curves, monitor.real, monitor.x, real_fit=monitor.real_fit).generated_fit
    measures, plane = [], []
    for _ in range(REPEATS):
        start = time.perf_counter()
        monitor.measure(trainer.sampling_generator)
        measures.append(time.perf_counter() - start)
        start = time.perf_counter()
        measure_plane(trainer.discriminator, curves, trainer.config, trainer.epoch, fit=fit)
        plane.append(time.perf_counter() - start)
    return np.median(measures), np.median(plane)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output", default=os.path.join("docs", "figures"), help="folder of the figures"
    )
    parser.add_argument(
        "--write", action="store_true", help="write docs/results/plane-<backend>.json"
    )
    arguments = parser.parse_args()
    results = {}
    for name, config in (("slides", SLIDES), ("improved", IMPROVED)):
        trainer = Trainer(config, engine="fast")
        start = time.perf_counter()
        trainer.pretrain_discriminator(log=None)
        trainer.train(log=None)
        print(
            f"{name}: {config.epochs} epochs in {time.perf_counter() - start:.1f} s, "
            f"{len(trainer.history.plane)} frames of the plane",
            flush=True,
        )
        # the run, frame by frame: how many sine-like, and their band of b
        frames = [frame_band(frame) for frame in trainer.history.plane]
        for band in frames:
            within = (
                " with b from {b p5:.2f} to {b p95:.2f}".format_map(band) if "b p5" in band else ""
            )
            print(
                f"  epoch {band['epoch']:3d}: {band['sine-like']:3d} sine-like{within}; "
                "all fitted b from {all b p5:.2f} to {all b p95:.2f}".format_map(band)
            )
        last = describe(name, trainer.history.plane[-1], config)
        measures, plane = time_plane(trainer)
        group = config.minibatch_std_group
        rows = 48 * 48 * max(group, 1)
        print(
            f"{name}: per monitored epoch, "
            f"the monitor's measures take {measures * 1000:.0f} ms and the plane "
            f"adds {plane * 1000:.0f} ms (one D call on {rows:,} rows"
            + (f": each of the 2,304 grid curves in a group of {group}" if group else "")
            + ")",
            flush=True,
        )
        results[name] = {
            "frames": frames,
            "last frame": last,
            "monitor ms": measures * 1000,
            "plane ms": plane * 1000,
            "plane rows": rows,
        }
        path = os.path.join(arguments.output, f"plane-{name}.png")
        plot_plane(trainer.history.plane[-1], config).savefig(path, dpi=110)
        print(f"wrote {path}")
        if name == "slides":
            path = os.path.join(arguments.output, "plane-slides.gif")
            animate_plane(trainer.history.plane, config).save(
                path, writer=PillowWriter(fps=2), dpi=80
            )
            print(f"wrote {path} ({os.path.getsize(path) / 1e6:.2f} MB)")

    if arguments.write:
        write(results)


def write(results):
    """Keep what the figures show, frame by frame, in docs/results."""
    from sinegan import backends

    sample = {
        "benchmark": "benchmarks/plane_figures.py",
        "presets": {"slides": SLIDES.epochs, "improved": IMPROVED.epochs},
        "seed": 0,
        "engine": "fast",
        "curves": "the monitor's 500, one fixed latent batch",
        "grid": "48 x 48",
        "timings": f"median of {REPEATS} calls",
    }
    write_result(f"plane-{backends.name()}", sample, results)


if __name__ == "__main__":
    main()
