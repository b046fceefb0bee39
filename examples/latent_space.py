"""Walk the generator's latent space: interpolation, and a direction that raises the frequency.

    python examples/latent_space.py [--epochs N] [--seed S] [--out DIR]

It trains the improved recipe (N epochs, default the preset's), then:

1. interpolates between two latent vectors and draws the curve at each point
   (latent_interpolation.png): one sinusoid morphs into the other;
2. estimates a "frequency direction" in z-space: fits a sine to the curves of
   2,000 random latent vectors and regresses the fitted frequency on z;
3. checks it on 500 other latent vectors: moving each one step along the
   direction should raise its fitted frequency, and a random direction should
   not; and draws one such walk (frequency_direction.png).
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # TensorFlow's C++ start-up chatter

from sinegan.tool.command_line import (
    OneLineParser,
    non_negative_int,
    parse_with_output_folder,
    positive_int,
)
from sinegan.tool.files import save_figures

REGRESSION_SAMPLES, CHECK_SAMPLES = 2000, 500
STEP = 1.0  # distance moved along the direction in the check (about one standard deviation of z)


def parse_arguments(argv):
    parser = OneLineParser(prog="latent_space.py", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--epochs", type=positive_int, help="GAN epochs (default: the improved preset's)"
    )
    parser.add_argument("--seed", type=non_negative_int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", default=os.path.join("runs", "latent_space"), help="output folder")
    return parse_with_output_folder(parser, argv)


def check_direction(generator, x, latent, direction):
    """Fitted frequency before and after a step along ``direction``.

    Only on curves that are sine-like at both ends.
    """
    import numpy as np

    from sinegan.measure.sine_fit import fit_sines
    from sinegan.slides.sampling import generate_curves

    before = fit_sines(generate_curves(generator, latent), x)
    after = fit_sines(generate_curves(generator, latent + STEP * direction.astype(np.float32)), x)
    good = (before.rmse < 0.1) & (after.rmse < 0.1)
    change = after.frequency[good] - before.frequency[good]
    if not good.any():
        return float("nan"), float("nan"), 0
    return float(np.mean(change > 0)), float(np.mean(change)), int(good.sum())


def check_and_walk(generator, x, config, found, rng):
    """Step 3: check the direction on fresh latent vectors; return the figure of one walk."""
    import numpy as np

    from sinegan import latent_for
    from sinegan.figures.lectures import plot_latent_walk
    from sinegan.lectures.latent import move_along
    from sinegan.measure.sine_fit import fit_sines

    # 3. Does a step along it raise the frequency? Compare with a random direction.
    check = latent_for(config, CHECK_SAMPLES, rng)  # (500, latent_dim)
    random_direction = rng.standard_normal(config.latent_dim)
    random_direction /= np.linalg.norm(random_direction)
    for name, direction in (
        ("frequency direction", found.direction),
        ("random direction", random_direction),
    ):
        raised, mean_change, used = check_direction(generator, x, check, direction)
        print(
            f"  one step of {STEP} along the {name}: b rose for {raised:.0%} of {used} curves, "
            f"mean change {mean_change:+.3f} "
            f"(the linear fit predicts {STEP * found.weights @ direction:+.3f})"
        )

    # The walk starts where the fit predicts the intercept b0 (z with no component
    # along w), so that the steps stay inside the data's frequencies 0.5-2.0.
    start = check[0] - (check[0] @ found.direction) * found.direction  # (latent_dim,)
    distances = np.linspace(-1.5, 1.5, 7)
    _, walk = move_along(generator, start, found.direction, distances)  # (7, 64)
    walk_fit = fit_sines(walk, x)
    direction_figure = plot_latent_walk(
        x,
        walk,
        [f"t = {t:+.1f}\nb = {b:.2f}" for t, b in zip(distances, walk_fit.frequency, strict=True)],
        "Moving z along the estimated frequency direction, z + t·w/|w|",
    )
    return direction_figure


def main(argv=None):
    arguments = parse_arguments(argv)

    import numpy as np

    from sinegan import IMPROVED, Trainer, latent_for
    from sinegan.figures.lectures import plot_latent_walk
    from sinegan.lectures.latent import frequency_direction, interpolate_curves
    from sinegan.measure.sine_fit import fit_sines

    config = IMPROVED.replace(epochs=arguments.epochs or IMPROVED.epochs, seed=arguments.seed)
    trainer = Trainer(config)
    trainer.pretrain_discriminator(log=None)
    print(f"Training the improved recipe: {config.epochs} epochs (the table shows every 25th)")
    trainer.train(
        log=lambda line: (
            print(line)
            if "|" not in line
            or line.split("|")[0].strip() in ("epoch", *map(str, range(25, config.epochs + 1, 25)))
            else None
        )
    )
    generator, x = trainer.sampling_generator, trainer.dataset.x
    rng = np.random.default_rng([arguments.seed, 7])

    # 1. Interpolation between two random latent vectors.
    z0, z1 = latent_for(config, 2, rng)  # (latent_dim,) each
    _, curves = interpolate_curves(generator, z0, z1, steps=7)  # (7, 64)
    fit = fit_sines(curves, x)
    print(
        "\nInterpolating from z0 to z1, fitted frequency b at each step: "
        + " ".join(f"{b:.2f}" for b in fit.frequency)
    )
    interpolation = plot_latent_walk(
        x,
        curves,
        [
            f"{t:.2f} of the way\nb = {b:.2f}"
            for t, b in zip(np.linspace(0, 1, 7), fit.frequency, strict=True)
        ],
        "Linear interpolation in latent space: one sinusoid morphs into another",
    )

    # 2. The frequency direction, from a regression on 2,000 random latent vectors.
    figures = {"latent_interpolation.png": interpolation}
    try:
        found = frequency_direction(generator, x, latent_for(config, REGRESSION_SAMPLES, rng))
    except ValueError as error:  # an undertrained G draws too few sines to fit anything
        found = None
        print(f"No frequency direction: {error}. Train for more epochs.")
    if found is not None:
        print(
            f"Frequency direction: b ≈ w·z + {found.intercept:.2f} "
            f"on {found.curves_used} sine-like curves, "
            f"R² = {found.r_squared:.2f}, |w| = {found.frequency_per_unit:.3f} per unit of z"
        )
        figures["frequency_direction.png"] = check_and_walk(generator, x, config, found, rng)
    save_figures(arguments.out, figures)
    print(f"Wrote {len(figures)} figures to {arguments.out}")


if __name__ == "__main__":
    main()
