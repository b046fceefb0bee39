"""Does the conditional generator draw the frequency it is asked for?

    PYTHONPATH=. python benchmarks/conditional.py [--seeds 1] [--epochs N]

Trains the ``conditional`` preset once per seed (0 .. N-1), then asks the
generator for 200 curves at each of 16 frequencies b from 0.5 to 2.0, fits a
sine to every curve and counts a hit when the fit is good (RMSE < 0.1) and its
frequency is within 0.1 of the b asked for (sinegan.extras.conditional.frequency_hit_rates).
This compares each curve with the b it was asked for, not a sample with the
data, so it is not a measure of sinegan.measure.evaluate.evaluate_curves.

Target: at least 90% hits at every b of the grid.
"""

import argparse

import numpy as np
from measures import train
from results import write_result

GRID = np.linspace(0.5, 2.0, 16)  # requested frequencies, the data's range
CURVES_PER_FREQUENCY = 200
TARGET = 0.90


def main():
    from sinegan.extras.conditional import frequency_hit_rates
    from sinegan.presets import PRESETS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=1, help="seeds 0 .. N-1 (default 1)")
    parser.add_argument("--epochs", type=int, help="override the preset's epochs")
    parser.add_argument(
        "--write", action="store_true", help="write docs/results/conditional-<backend>.json"
    )
    arguments = parser.parse_args()
    if arguments.seeds < 1 or (arguments.epochs is not None and arguments.epochs < 1):
        parser.error("--seeds and --epochs must be positive integers")
    config = PRESETS["conditional"]
    if arguments.epochs:
        config = config.replace(epochs=arguments.epochs)

    print(
        f"preset 'conditional': {config.epochs} epochs; "
        f"{CURVES_PER_FREQUENCY} curves per requested b; "
        f"hit = sine fit RMSE < 0.1 and |b fitted - b asked| < 0.1"
    )
    print(" seed | train s | " + " ".join(f"{b:5.2f}" for b in GRID) + " |   min | mean")
    met, rows = 0, []
    for seed in range(arguments.seeds):
        trainer, seconds = train(config.replace(seed=seed))
        rates = frequency_hit_rates(
            trainer.sampling_generator,
            trainer.config,
            trainer.dataset.x,
            GRID,
            CURVES_PER_FREQUENCY,
            seed=seed,
        )
        met += bool(rates.min() >= TARGET)
        rows.append({"seed": seed, "train s": seconds, "hits": rates, "min": rates.min()})
        rows[-1]["mean"] = rates.mean()
        print(
            f" {seed:4d} | {seconds:7.1f} | "
            + " ".join(f"{rate:5.2f}" for rate in rates)
            + f" | {rates.min():5.2f} | {rates.mean():4.2f}",
            flush=True,
        )
    print(f"\n{met} of {arguments.seeds} seeds reach {TARGET:.0%} hits at every requested b")
    if arguments.write:
        write(config, rows, met)


def write(config, rows, met):
    """Keep the hit rates of every seed in docs/results."""
    from sinegan import backends

    sample = {
        "benchmark": "benchmarks/conditional.py",
        "preset": "conditional",
        "epochs": config.epochs,
        "seeds": [row["seed"] for row in rows],
        "engine": "fast",
        "requested b": GRID,
        "curves per requested b": CURVES_PER_FREQUENCY,
        "drawn with seed": "the training seed",
    }
    figures = {"seeds": rows, "seeds meeting the target": met, "target": TARGET}
    write_result(f"conditional-{backends.name()}", sample, figures)


if __name__ == "__main__":
    main()
