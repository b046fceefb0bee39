"""The losses of the adversarial game, each with its equation.

The lecture on GAN theory writes the game as one value function,

    V(G, D) = E_x[log D(x)] + E_z[log(1 - D(G(z)))],

which D maximises and G minimises (Goodfellow et al. 2014, arXiv:1406.2661,
equation 1). D's half is plain binary cross-entropy. For G there are two
choices, selected by ``GANConfig.generator_loss``:

- ``"minimax"``: minimise log(1 - D(G(z))), the value function itself;
- ``"non_saturating"``: minimise -log D(G(z)) instead (the same paper, section 3).
  This is what the slides do: they train the GAN towards label 1 with binary
  cross-entropy, and -log D(G(z)) is exactly that cross-entropy.

Both push D(G(z)) up, but not equally hard. Write D(G(z)) = sigmoid(l), with l
the logit of D's last layer. Then

    d/dl [log(1 - sigmoid(l))] = -sigmoid(l)      = -D(G(z)),
    d/dl [-log sigmoid(l)]     = -(1 - sigmoid(l)) = -(1 - D(G(z))).

Early in training D rejects G's curves confidently, D(G(z)) -> 0: the minimax
gradient vanishes with it, while the non-saturating one tends to -1. That is why
the lecture prefers the non-saturating loss (``examples/generator_losses.py``
draws both).

The fast engine (sinegan.engines.fast) minimises these; the literal engine
compiles the GAN with ``keras_generator_loss``. The R1 penalty on D is an extra:
sinegan.extras.r1.
"""

from __future__ import annotations

import keras
from keras import ops

# What compile(loss="binary_crossentropy") uses: probabilities are clipped to
# [1e-7, 1 - 1e-7] before the logarithm, so a loss is never infinite.
_EPSILON = keras.config.epsilon()


def _binary_crossentropy(labels, probabilities):
    """-mean(y log p + (1 - y) log(1 - p)), p clipped: the arithmetic of Keras' on TensorFlow.

    Written out, so that a NaN probability gives a NaN loss on every backend
    (PyTorch's own cross-entropy raises an error instead), which the trainer
    then reports as divergence.
    """
    labels = ops.convert_to_tensor(labels, "float32")
    probabilities = ops.clip(probabilities, _EPSILON, 1.0 - _EPSILON)
    return ops.mean(
        -(labels * ops.log(probabilities) + (1.0 - labels) * ops.log(1.0 - probabilities))
    )


def discriminator_loss(labels, probabilities):
    """D's binary cross-entropy: -mean(y log D(x) + (1 - y) log(1 - D(x))).

    ``labels`` are 1 (or ``real_label``) for real curves and 0 for generated
    ones, so minimising it maximises D's half of V(G, D).
    """
    return _binary_crossentropy(labels, probabilities)


def non_saturating_generator_loss(probabilities):
    """-mean(log D(G(z))): the slides' loss, cross-entropy against label 1 ("real")."""
    return _binary_crossentropy(ops.ones_like(probabilities), probabilities)


def minimax_generator_loss(probabilities):
    """mean(log(1 - D(G(z)))): G's half of V(G, D), minimised as written.

    It is minus the cross-entropy against label 0 ("generated").
    """
    return -_binary_crossentropy(ops.zeros_like(probabilities), probabilities)


GENERATOR_LOSSES = {
    "non_saturating": non_saturating_generator_loss,
    "minimax": minimax_generator_loss,
}


def keras_generator_loss(name: str):
    """The loss to ``compile`` the GAN with, for the literal engine's ``train_on_batch``
    (sinegan.recipe.gan_for passes it to sinegan.slides.generator.build_gan).

    The slides compile with "binary_crossentropy" and label 1: the non-saturating
    loss. The minimax loss ignores the labels; ``train_on_batch`` still gets ones,
    so its accuracy keeps meaning "share of curves D takes for real".
    """
    if name == "non_saturating":
        return "binary_crossentropy"

    def minimax(labels, probabilities):  # (batch,), (batch, 1)
        return minimax_generator_loss(probabilities)

    return minimax


def hard_accuracy(predicted_real, actually_real):
    """Share of curves whose predicted side matches the hard label, also when real_label is 0.9."""
    return ops.mean(
        ops.cast(
            ops.equal(ops.cast(predicted_real, "float32"), ops.cast(actually_real, "float32")),
            "float32",
        )
    )
