"""No change in what is learned: do both engines train generators of the same quality?

    PYTHONPATH=. python benchmarks/engine_quality.py                  # 3 seeds, ~15 min
    PYTHONPATH=. python benchmarks/engine_quality.py --engines fast   # seconds
    PYTHONPATH=. python benchmarks/engine_quality.py --seeds 1 --epochs 8

For every seed this trains the slides' recipe with each engine and measures the
generator (columns: see benchmarks/measures.py). The two engines run the same
algorithm on the same batches with the same dropout masks: after a few epochs
their weights agree to float rounding (~1e-7). Over a long run such rounding
differences can grow, so per seed the numbers may differ a little; what matters
then is that the means agree within the spread between seeds.
"""

import argparse

from measures import SAMPLE_SEED, SAMPLES, measure, print_header, print_mean, print_row, train
from results import summarise, write_result


def main():
    from sinegan import GANConfig

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3, help="seeds 0 .. N-1 (default 3)")
    parser.add_argument("--epochs", type=int, default=64, help="GAN epochs per run (default 64)")
    parser.add_argument(
        "--engines", default="fast,literal", help="comma-separated (default fast,literal)"
    )
    parser.add_argument(
        "--write", action="store_true", help="write docs/results/engine-quality-<backend>.json"
    )
    arguments = parser.parse_args()
    engines = [name.strip() for name in arguments.engines.split(",") if name.strip()]

    print(f"slides' recipe, {arguments.epochs} epochs, seeds 0..{arguments.seeds - 1}\n")
    print_header()
    rows = {engine: [] for engine in engines}
    for seed in range(arguments.seeds):
        config = GANConfig(epochs=arguments.epochs, seed=seed)
        for engine in engines:
            trainer, seconds = train(config, engine)
            rows[engine].append({"seed": seed, "train s": seconds, **measure(trainer)})
            print_row(engine, seed, rows[engine][-1])
    for engine in engines:
        print_mean(engine, rows[engine])
    if arguments.write:
        write(arguments, rows)


def write(arguments, rows):
    """Keep every engine's rows, means, minima and maxima in docs/results."""
    from sinegan import backends

    sample = {
        "benchmark": "benchmarks/engine_quality.py",
        "preset": "slides",
        "epochs": arguments.epochs,
        "seeds": list(range(arguments.seeds)),
        "engines": list(rows),
        "generated curves": SAMPLES,
        "drawn with seed": SAMPLE_SEED,
    }
    figures = {engine: summarise(engine_rows) for engine, engine_rows in rows.items()}
    write_result(f"engine-quality-{backends.name()}", sample, figures)


if __name__ == "__main__":
    main()
