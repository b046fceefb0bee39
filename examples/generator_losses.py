"""Why the lecture prefers the non-saturating generator loss, in one figure.

    python examples/generator_losses.py [--seed S] [--out DIR]

Left: the two generator losses as functions of D(G(z)). Right: the gradient
that reaches G, d loss / d logit of D's output, for each. When D confidently
rejects the generated curves (D(G(z)) -> 0, as at the start of training) the
minimax loss log(1 - D(G(z))) gives G almost no gradient, while the
non-saturating loss -log D(G(z)) gives it a gradient near -1.

It then measures the same thing on the real networks: it pre-trains D on
sinusoids against noise (step 3 of the slides), so that D rejects the
untrained generator's curves, and prints the norm of each loss's gradient at
G's weights on one batch. It writes DIR/generator_losses.png.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # TensorFlow's C++ start-up chatter

from sinegan.tool.command_line import OneLineParser, non_negative_int, parse_with_output_folder
from sinegan.tool.files import save_figure


def parse_arguments(argv):
    parser = OneLineParser(prog="generator_losses.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=non_negative_int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--out", default=os.path.join("runs", "generator_losses"), help="output folder"
    )
    return parse_with_output_folder(parser, argv)


def gradient_norms_at_the_start(config):
    """(mean D(G(z)), {loss: ||d loss / d weights of G||}), with D pre-trained and G untrained."""
    from sinegan import Trainer
    from sinegan.lectures.theory import generator_gradient_norms

    trainer = Trainer(config)
    trainer.pretrain_discriminator(log=None)
    _, latent = trainer.draw_epoch_batches()
    trainer.discriminator.trainable = False
    # one batch, (64, latent_dim)
    return generator_gradient_norms(trainer.gan, trainer.generator, latent[0, 0])


def main(argv=None):
    arguments = parse_arguments(argv)

    import numpy as np

    from sinegan import IMPROVED
    from sinegan.figures.theory import LOSS_LABELS, plot_generator_losses
    from sinegan.lectures.theory import generator_loss_curves

    probabilities = np.linspace(0.001, 0.999, 400)
    figure = plot_generator_losses(probabilities, generator_loss_curves(probabilities))
    path = os.path.join(arguments.out, "generator_losses.png")
    save_figure(path, figure, dpi=100)

    mean_probability, norms = gradient_norms_at_the_start(IMPROVED.replace(seed=arguments.seed))
    print(f"D pre-trained, G untrained: mean D(G(z)) = {mean_probability:.3f} on one batch of 64")
    for name, norm in norms.items():
        print(f"  ||gradient at G's weights||, {LOSS_LABELS[name]:30s}: {norm:.4f}")
    print(f"  ratio non-saturating / minimax: {norms['non_saturating'] / norms['minimax']:.1f}x")
    print(f"Wrote {path}")


if __name__ == "__main__":
    main()
