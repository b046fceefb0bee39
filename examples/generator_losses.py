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

from sinegan.tool.command_line import OneLineParser, non_negative_int, parse_with_output_folder  # noqa: E402
from sinegan.tool.files import save_figure  # noqa: E402


def parse_arguments(argv):
    parser = OneLineParser(prog="generator_losses.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=non_negative_int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", default=os.path.join("runs", "generator_losses"), help="output folder")
    return parse_with_output_folder(parser, argv)


def loss_curves(probabilities):
    """Each loss and its derivative with respect to D's logit, at each D(G(z)), by autodiff."""
    import numpy as np
    from keras import ops

    from sinegan.backends import input_gradient
    from sinegan.extras.losses import GENERATOR_LOSSES

    logits = np.log(probabilities / (1 - probabilities)).astype("float32")  # (n,)
    curves = {}
    for name, loss in GENERATOR_LOSSES.items():
        values = np.array([float(loss(ops.sigmoid(logit[None]))) for logit in logits])  # (n,) one point each
        # Each loss is a mean over the batch, so n times the batch's loss is the sum of
        # the points' losses; point i's depends on logit i only: its gradient is the derivative at i.
        derivatives = input_gradient(lambda batch: len(logits) * loss(ops.sigmoid(batch)), logits)  # (n,)
        curves[name] = (values, ops.convert_to_numpy(derivatives))
    return curves


def gradient_norms_at_the_start(config):
    """||d loss / d weights of G|| for each loss, with D pre-trained and G untrained."""
    import numpy as np
    from keras import ops

    from sinegan import Trainer
    from sinegan.backends import gradients
    from sinegan.extras.losses import GENERATOR_LOSSES

    trainer = Trainer(config)
    trainer.pretrain_discriminator(log=None)
    _, latent = trainer.draw_epoch_batches()
    latent = latent[0, 0]  # (64, latent_dim)
    trainer.discriminator.trainable = False
    probabilities = ops.convert_to_numpy(trainer.gan(latent, training=False)[:, 0])  # (64,) D(G(z))
    norms = {}
    for name, loss in GENERATOR_LOSSES.items():
        grads = gradients(lambda: loss(trainer.gan(latent, training=False)[:, 0]),
                          trainer.generator.trainable_variables)
        norms[name] = float(np.sqrt(sum(np.sum(ops.convert_to_numpy(g) ** 2) for g in grads)))  # global norm
    return float(np.mean(probabilities)), norms


LABELS = {"non_saturating": "non-saturating: -log D(G(z))", "minimax": "minimax: log(1 - D(G(z)))"}


def draw_figure(probabilities, curves):
    """Losses (left) and their logit gradients (right) against D(G(z))."""
    from matplotlib.figure import Figure

    labels = LABELS
    figure = Figure(figsize=(10, 3.8), layout="constrained")
    loss_axes, gradient_axes = figure.subplots(1, 2, sharex=True)
    for name, (values, gradients) in curves.items():
        loss_axes.plot(probabilities, values, label=labels[name])
        gradient_axes.plot(probabilities, gradients, label=labels[name])
    loss_axes.set(title="Generator loss", xlabel="D(G(z))", ylabel="loss")
    gradient_axes.set(title="Gradient reaching G: d loss / d logit", xlabel="D(G(z))", ylabel="d loss / d logit")
    gradient_axes.axvspan(0, 0.1, color="0.9")
    gradient_axes.annotate("D rejects G's curves:\nminimax gradient ~ 0", xy=(0.05, -0.05), xytext=(0.3, -0.12),
                           arrowprops={"arrowstyle": "->"})
    for axes in (loss_axes, gradient_axes):
        axes.grid(alpha=0.3)
        axes.legend()
    return figure


def main(argv=None):
    arguments = parse_arguments(argv)

    import numpy as np
    from sinegan import IMPROVED

    probabilities = np.linspace(0.001, 0.999, 400)
    figure = draw_figure(probabilities, loss_curves(probabilities))
    path = os.path.join(arguments.out, "generator_losses.png")
    save_figure(path, figure, dpi=100)

    mean_probability, norms = gradient_norms_at_the_start(IMPROVED.replace(seed=arguments.seed))
    print(f"D pre-trained, G untrained: mean D(G(z)) = {mean_probability:.3f} on one batch of 64")
    for name, norm in norms.items():
        print(f"  ||gradient at G's weights||, {LABELS[name]:30s}: {norm:.4f}")
    print(f"  ratio non-saturating / minimax: {norms['non_saturating'] / norms['minimax']:.1f}x")
    print(f"Wrote {path}")


if __name__ == "__main__":
    main()
