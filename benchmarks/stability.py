"""How reliably does a recipe train? Many seeds, every quality measure, the targets.

    PYTHONPATH=. python benchmarks/stability.py --preset improved --seeds 10
    PYTHONPATH=. python benchmarks/stability.py --preset slides --seeds 10

GANs are unstable: the same recipe can succeed with one seed and collapse with
the next. This trains the preset once per seed (0 .. N-1), prints one row of
measures per seed (see benchmarks/measures.py for each column) and counts the
seeds that meet every target of the improved recipe:

    sine-like >= 0.98, precision >= 0.90, recall >= 0.90, W1(b) <= 0.05,
    5th and 95th percentiles of b within 0.05 of the data's, training <= 30 s.
"""

import argparse

from measures import TARGETS, measure, meets_targets, print_header, print_mean, print_row, train


def main():
    from sinegan.config import PRESETS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="improved", choices=sorted(PRESETS))
    parser.add_argument("--seeds", type=int, default=10, help="seeds 0 .. N-1 (default 10)")
    parser.add_argument("--epochs", type=int, help="override the preset's epochs")
    arguments = parser.parse_args()
    if arguments.seeds < 1 or (arguments.epochs is not None and arguments.epochs < 1):
        parser.error("--seeds and --epochs must be positive integers")
    config = PRESETS[arguments.preset]
    if arguments.epochs:
        config = config.replace(epochs=arguments.epochs)

    print(f"preset {arguments.preset!r}: {config.epochs} epochs, seeds 0..{arguments.seeds - 1}")
    print("targets: " + ", ".join(f"{name} {sense} {bound}" for name, (sense, bound) in TARGETS.items()))
    print_header()
    rows = []
    for seed in range(arguments.seeds):
        trainer, seconds = train(config.replace(seed=seed))
        rows.append({"train s": seconds, **measure(trainer)})
        print_row(arguments.preset[:8], seed, rows[-1], "meets targets" if meets_targets(rows[-1]) else "")
    print_mean(arguments.preset[:8], rows)
    print(f"\n{sum(map(meets_targets, rows))} of {len(rows)} seeds meet every target")


if __name__ == "__main__":
    main()
