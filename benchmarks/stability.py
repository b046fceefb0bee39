"""How reliably does a recipe train? Many seeds, every quality measure, the targets.

    PYTHONPATH=. python benchmarks/stability.py --preset improved --seeds 10
    PYTHONPATH=. python benchmarks/stability.py --preset slides --seeds 10
    PYTHONPATH=. python benchmarks/stability.py --preset slides improved minimax --seeds 3

GANs are unstable: the same recipe can succeed with one seed and collapse with
the next. This trains the preset once per seed (0 .. N-1), prints one row of
measures per seed (see benchmarks/measures.py for each column) and counts the
seeds that meet every target of the improved recipe. Given several presets, it
ends with their means side by side:

    sine-like >= 0.98, precision >= 0.90, recall >= 0.90, W1(b) <= 0.05,
    5th and 95th percentiles of b within 0.05 of the data's, training <= 30 s.
"""

import argparse

from measures import (
    D_ACCURACY_SAMPLES,
    PAIRED_SAMPLES,
    SAMPLE_SEED,
    SAMPLES,
    TARGETS,
    measure,
    meets_targets,
    print_header,
    print_mean,
    print_row,
    train,
)
from results import summarise, write_result


def main():
    from sinegan.presets import PRESETS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--preset",
        nargs="+",
        default=["improved"],
        choices=sorted(PRESETS),
        help="one or more presets (default: improved)",
    )
    parser.add_argument("--seeds", type=int, default=10, help="seeds 0 .. N-1 (default 10)")
    parser.add_argument("--epochs", type=int, help="override the preset's epochs")
    parser.add_argument(
        "--write",
        action="store_true",
        help="write each preset's rows to docs/results/stability-<backend>-<preset>.json",
    )
    arguments = parser.parse_args()
    if arguments.seeds < 1 or (arguments.epochs is not None and arguments.epochs < 1):
        parser.error("--seeds and --epochs must be positive integers")
    print(
        "targets: "
        + ", ".join(f"{name} {sense} {bound}" for name, (sense, bound) in TARGETS.items())
    )
    summary = {}
    for name in arguments.preset:
        summary[name] = run_preset(name, PRESETS[name], arguments.seeds, arguments.epochs)
        if arguments.write:
            write(name, PRESETS[name], arguments.epochs, summary[name])
    if len(summary) > 1:
        print("\nside by side (means over the seeds):")
        print_header()
        for name, rows in summary.items():
            print_mean(
                name[:8], rows, f"{sum(map(meets_targets, rows))}/{len(rows)} meet every target"
            )


def run_preset(name, config, seeds, epochs=None):
    """Train ``config`` with seeds 0 .. seeds-1, print a row per seed; returns the rows."""
    if epochs:
        config = config.replace(epochs=epochs)
    print(f"\npreset {name!r}: {config.epochs} epochs, seeds 0..{seeds - 1}")
    print_header()
    rows = []
    for seed in range(seeds):
        trainer, seconds = train(config.replace(seed=seed))
        rows.append({"seed": seed, "train s": seconds, **measure(trainer)})
        print_row(name[:8], seed, rows[-1], "meets targets" if meets_targets(rows[-1]) else "")
    print_mean(name[:8], rows)
    print(f"{sum(map(meets_targets, rows))} of {len(rows)} seeds meet every target")
    return rows


def meets_quality_targets(row: dict) -> bool:
    """Every target but the training time."""
    return meets_targets({**row, "train s": 0.0})


def write(name, config, epochs, rows):
    """Keep one preset's rows, their means, minima and maxima in docs/results."""
    from sinegan import backends

    config = config.replace(epochs=epochs) if epochs else config
    sample = {
        "benchmark": "benchmarks/stability.py",
        "preset": name,
        "epochs": config.epochs,
        "seeds": [row["seed"] for row in rows],
        "engine": "fast",
        "generated curves": SAMPLES,
        "drawn with seed": SAMPLE_SEED,
        "k-NN and MMD": f"{PAIRED_SAMPLES} generated against {PAIRED_SAMPLES} real curves",
        "D accuracy": f"{D_ACCURACY_SAMPLES} held-out real and {D_ACCURACY_SAMPLES} generated",
    }
    figures = {
        **summarise(rows),
        "seeds meeting every target": sum(map(meets_targets, rows)),
        "seeds meeting the quality targets": sum(map(meets_quality_targets, rows)),
    }
    write_result(f"stability-{backends.name()}-{name}", sample, figures)


if __name__ == "__main__":
    main()
