"""Conditional sines: train a generator that draws the frequency it is asked for.

    python examples/conditional_sine.py [--epochs N] [--seed S] [--out DIR]

Trains the ``conditional`` preset: G reads a latent vector and a frequency b,
D reads a curve and its b (sinegan.extras.conditional). Then it asks G for four
curves at each of six frequencies from 0.5 to 2.0, fits a sine to each, and
writes DIR/conditional_sines.png: one panel per requested b. It also prints,
per b, the share of 200 curves that are sine-like (fit RMSE < 0.1) with a
fitted frequency within 0.1 of b.
"""

import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # TensorFlow's C++ start-up chatter

from sinegan.tool.command_line import (
    OneLineParser,
    non_negative_int,
    parse_with_output_folder,
    positive_int,
)
from sinegan.tool.files import save_figure

FREQUENCIES = (0.5, 0.8, 1.1, 1.4, 1.7, 2.0)  # requested b, across the data's range
CURVES_SHOWN = 4  # per requested b in the figure
CURVES_MEASURED = 200  # per requested b in the printed hit rates


def parse_arguments(argv):
    parser = OneLineParser(prog="conditional_sine.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=positive_int, help="GAN epochs (default: the preset's)")
    parser.add_argument("--seed", type=non_negative_int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--out", default=os.path.join("runs", "conditional_sine"), help="output folder"
    )
    return parse_with_output_folder(parser, argv)


def main(argv=None):
    arguments = parse_arguments(argv)

    import numpy as np

    from sinegan import Trainer, preset
    from sinegan.extras.conditional import frequency_hit_rates, sample_conditional_curves
    from sinegan.figures.lectures import plot_conditional_curves
    from sinegan.measure.sine_fit import fit_sines

    config = preset("conditional")
    config = config.replace(epochs=arguments.epochs or config.epochs, seed=arguments.seed)
    started = time.perf_counter()
    trainer = Trainer(config)
    trainer.pretrain_discriminator(log=None)
    trainer.train()
    print(f"Trained in {time.perf_counter() - started:.1f} s")

    generator, x = trainer.sampling_generator, trainer.dataset.x
    asked = np.repeat(FREQUENCIES, CURVES_SHOWN)  # (24,)
    curves = sample_conditional_curves(generator, config, asked, seed=config.seed)  # (24, 64)
    fitted = fit_sines(curves, x).frequency.reshape(len(FREQUENCIES), CURVES_SHOWN)
    figure = plot_conditional_curves(
        x, FREQUENCIES, curves.reshape(len(FREQUENCIES), CURVES_SHOWN, -1), fitted
    )
    path = os.path.join(arguments.out, "conditional_sines.png")
    save_figure(path, figure, dpi=100)

    rates = frequency_hit_rates(
        generator, config, x, FREQUENCIES, CURVES_MEASURED, seed=config.seed
    )
    print(
        f"Share of {CURVES_MEASURED} curves per b that are sine-like "
        "with |b fitted - b asked| < 0.1:"
    )
    for frequency, rate in zip(FREQUENCIES, rates, strict=True):
        print(f"  b = {frequency:.2f}: {rate:.1%}")
    print(f"Wrote {path}")


if __name__ == "__main__":
    main()
