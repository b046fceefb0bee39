"""Train the sinusoid GAN of the slides, end to end, and save what it learned.

    python examples/sine_gan.py [--preset slides] [--epochs N] [--seed S] [--out DIR]

It follows the six steps of the slides: build the data (1), the discriminator
(2), pre-train it (3), build the generator and the GAN (4), train (5), then draw
new curves (6). It prints the slides' two tables and writes into DIR:

    samples.npz            x (64 grid points) and curves (1000, 64) from fresh latent vectors
    training_curves.png    the first eight training curves (step 1)
    generated_vs_real.png  generated curves beside real ones (step 6)
    snapshots.png          one fixed latent batch after several epochs
    history.png            losses and accuracies per epoch
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
from sinegan.tool.files import atomic_write, save_figures

SAMPLES = 1000  # curves saved in samples.npz
# k-NN precision and recall compare 500 generated with 500 real curves, as the benchmarks do:
# their balls shrink as a sample grows, so the two numbers are comparable only at one size.
PAIRED = 500


def parse_arguments(argv):
    from sinegan.config_checks import ENGINES
    from sinegan.presets import PRESETS  # no TensorFlow import yet: errors stay fast

    parser = OneLineParser(prog="sine_gan.py", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--preset", default="slides", choices=sorted(PRESETS), help="recipe (default: slides)"
    )
    parser.add_argument(
        "--epochs", type=positive_int, help="GAN epochs (default: the preset's, 64)"
    )
    parser.add_argument(
        "--seed", type=non_negative_int, help="random seed (default: the preset's, 0)"
    )
    parser.add_argument("--out", default=os.path.join("runs", "sine_gan"), help="output folder")
    parser.add_argument(
        "--engine",
        default="fast",
        choices=ENGINES,
        help="fast (default) or literal: the slides' loop as written, ~100x slower",
    )
    return parse_with_output_folder(parser, argv)


def main(argv=None):
    arguments = parse_arguments(argv)

    from sinegan import Trainer, curves_for, preset
    from sinegan.figures.run import plot_run
    from sinegan.measure.evaluate import evaluate_curves
    from sinegan.tool.rundir import save_curves

    config = preset(arguments.preset)
    config = config.replace(
        epochs=arguments.epochs or config.epochs,
        seed=config.seed if arguments.seed is None else arguments.seed,
    )
    started = time.perf_counter()
    trainer = Trainer(config, engine=arguments.engine)
    print(
        "Step 3: pre-training the discriminator "
        f"({config.pretrain_batches} batches of {config.batch_size})"
    )
    trainer.pretrain_discriminator()
    print(
        f"Step 5: training the GAN ({config.epochs} epochs x {config.steps_per_epoch} steps, "
        f"{arguments.engine} engine)"
    )
    trainer.train()
    trained = time.perf_counter() - started

    # Step 6: fresh latent vectors in, curves out.
    x, real = trainer.dataset.x, trainer.dataset.curves
    curves = curves_for(trainer.sampling_generator, config, SAMPLES, seed=config.seed)  # (1000, 64)
    figures = plot_run(x, real, curves, trainer.history)  # the four PNGs, by file name
    save_figures(arguments.out, figures)
    atomic_write(
        os.path.join(arguments.out, "samples.npz"), lambda path: save_curves(path, x, curves)
    )

    # What the generator learned: its curves against as many real ones, by sinegan's one
    # measuring function.
    report = evaluate_curves(curves, real[:SAMPLES], x, seed=config.seed, paired=PAIRED)
    # percentiles of the fitted b, generated and real
    frequency = report.parameter_distances["frequency"]
    print(f"\nTrained in {trained:.1f} s. What the generator learned, on {SAMPLES} fresh curves:")
    print(f"  sine-like (sine fit RMSE < 0.1): {report.generated_sine_like_fraction:.1%}")
    print(
        f"  fitted frequencies, 5th-95th percentile: {frequency['generated_p5']:.2f}-"
        f"{frequency['generated_p95']:.2f} "
        f"(data: {frequency['real_p5']:.2f}-{frequency['real_p95']:.2f})"
    )
    print(
        f"  k-NN precision {report.precision:.2f}, recall {report.recall:.2f}, "
        f"{PAIRED} against {PAIRED} curves "
        "(real against real: ~0.98 each)"
    )
    print(f"Wrote samples.npz and {len(figures)} figures to {arguments.out}")


if __name__ == "__main__":
    main()
