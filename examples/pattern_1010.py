"""Train the lectures' first GAN, whose generator learns the pattern 1, 0, 1, 0.

    python examples/pattern_1010.py [--steps N] [--seed S] [--out DIR]

It runs the lecture's three steps (real patterns to D with target 1; generated
patterns to D with target 0; generated patterns through D with target 1, to
update G), prints a progress table, and writes into DIR:

    samples.npz           samples: 1000 patterns (1000, 4) drawn from the trained generator
    pattern_losses.png    the three steps' losses
    pattern_training.png  the mean generated pattern as training goes on
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # TensorFlow's C++ start-up chatter

from sinegan.tool.command_line import (
    OneLineParser,
    non_negative_int,
    parse_with_output_folder,
    positive_int,
)
from sinegan.tool.files import atomic_write, save_figures

SAMPLES = 1000  # patterns saved in samples.npz


def parse_arguments(argv):
    parser = OneLineParser(prog="pattern_1010.py", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--steps", type=positive_int, default=3000, help="rounds of the three steps (default 3000)"
    )
    parser.add_argument("--seed", type=non_negative_int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", default=os.path.join("runs", "pattern_1010"), help="output folder")
    return parse_with_output_folder(parser, argv)


def main(argv=None):
    arguments = parse_arguments(argv)

    import numpy as np

    from sinegan.figures.lectures import plot_pattern_losses, plot_pattern_over_training
    from sinegan.lectures.pattern1010 import PatternGAN

    gan = PatternGAN(seed=arguments.seed)
    gan.train(arguments.steps)
    samples = gan.sample(SAMPLES, seed=arguments.seed)  # (1000, 4)
    save_figures(
        arguments.out,
        {
            "pattern_losses.png": plot_pattern_losses(gan.history),
            "pattern_training.png": plot_pattern_over_training(gan.history),
        },
    )
    atomic_write(
        os.path.join(arguments.out, "samples.npz"), lambda path: np.savez(path, samples=samples)
    )
    print(
        f"\nMean of {SAMPLES} generated patterns: "
        + ", ".join(f"{value:.3f}" for value in samples.mean(axis=0))
        + " (real data: 0.900, 0.100, 0.900, 0.100)"
    )
    print(f"Wrote samples.npz and 2 figures to {arguments.out}")


if __name__ == "__main__":
    main()
