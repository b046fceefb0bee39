"""The theory lecture in numbers: the value function V(G, D), the best D*, and G's gradient.

Goodfellow et al. write the adversarial game as one value function,

    V(G, D) = E_x~p_data[log D(x)] + E_z[log(1 - D(G(z)))],

which D maximises and G minimises. Hold G fixed, and call p_g the density of
its samples. Then, point by point, the best D is (Proposition 1)

    D*(x) = p_data(x) / (p_data(x) + p_g(x)),

and with that D the game's value is (Theorem 1)

    V(G, D*) = -log 4 + 2 JSD(p_data || p_g),

where JSD, the Jensen-Shannon divergence, is zero only when p_g = p_data. So
G's best answer is to draw the data's distribution: then D* = 1/2 everywhere
and V = -log 4, the equilibrium.

This module computes each side of those formulas on a 1-D grid (NumPy only),
estimates V from a discriminator's scores, trains a small D on 1-D samples to
compare it with D*, and measures the gradient each generator loss of
sinegan.engines.losses sends to G. The functions that need Keras import it when
called, so the NumPy ones load without a backend.

Reference: Goodfellow et al. 2014, arXiv:1406.2661, section 4 (Proposition 1,
Theorem 1) and section 3 (the non-saturating generator loss).
"""

from __future__ import annotations

import numpy as np

from ..validation import require_finite, require_int, require_positive, require_vector
from .theory_checks import (
    require_densities,
    require_grid,
    require_probabilities,
    require_rows,
    trapezoid,
)

# Keras clips probabilities to [1e-7, 1 - 1e-7] before its cross-entropy's logarithm:
# V is estimated the same way, so that a score of exactly 0 or 1 gives a finite value.
EPSILON = 1e-7


def normal_density(x, mean: float, std: float) -> np.ndarray:
    """The density of N(mean, std²) at each point of ``x``."""
    x = require_vector("x", x)
    require_finite("mean", mean)
    require_positive("std", std)
    return np.exp(-0.5 * ((x - mean) / std) ** 2) / (std * np.sqrt(2 * np.pi))  # (len(x),)


def optimal_discriminator(data_density, generated_density) -> np.ndarray:
    """D*(x) = p_data(x) / (p_data(x) + p_g(x)) at each point; 1/2 where both densities are 0."""
    data_density, generated_density = require_densities(data_density, generated_density)
    total = data_density + generated_density
    return np.divide(data_density, total, out=np.full_like(total, 0.5), where=total > 0)


def value_function(real_scores, generated_scores) -> float:
    """V(G, D) estimated from D's scores: mean log D(x) over real samples
    + mean log(1 - D(G(z))) over fakes.

    Scores are probabilities, clipped to [EPSILON, 1 - EPSILON] as Keras' cross-entropy does.
    A D that answers 1/2 to everything scores -log 4.
    """
    real = np.clip(require_probabilities("real_scores", real_scores), EPSILON, 1 - EPSILON)
    generated = np.clip(
        require_probabilities("generated_scores", generated_scores), EPSILON, 1 - EPSILON
    )
    return float(np.mean(np.log(real)) + np.mean(np.log(1 - generated)))


def optimal_value(x, data_density, generated_density) -> float:
    """V(G, D*) = ∫ p_data log D* + p_g log(1 - D*) dx, by the trapezoid rule on the grid ``x``."""
    x = require_grid(x)
    data_density, generated_density = require_densities(data_density, generated_density, len(x))
    best = np.clip(optimal_discriminator(data_density, generated_density), EPSILON, 1 - EPSILON)
    return trapezoid(x, data_density * np.log(best) + generated_density * np.log(1 - best))


def jensen_shannon_divergence(x, p, q) -> float:
    """JSD(p || q) = ½ KL(p || m) + ½ KL(q || m), m = (p + q) / 2, on the grid ``x``.

    0 when p = q, at most log 2.
    """
    x = require_grid(x)
    p, q = require_densities(p, q, len(x), names=("p", "q"))
    middle = (p + q) / 2

    def kullback_leibler(density):  # ∫ density log(density / middle), where density > 0
        ratio = np.divide(density, middle, out=np.ones_like(density), where=density > 0)
        return trapezoid(x, density * np.log(ratio))

    return 0.5 * kullback_leibler(p) + 0.5 * kullback_leibler(q)


def fit_toy_discriminator(
    real,
    generated,
    epochs: int,
    seed: int = 0,
    hidden_units: int = 32,
    batch_size: int = 128,
    learning_rate: float = 0.003,
):
    """A small D trained on 1-D samples: real ones (label 1) against generated ones (label 0).

    Dense relu -> Dense relu -> Dense 1 sigmoid, binary cross-entropy and Adam,
    as the slides' D but for one number instead of a curve. Returns the Keras
    model; ``discriminator_scores`` reads its D(x).
    """
    import keras

    from ..seeding import seed_everything

    real, generated = require_vector("real", real), require_vector("generated", generated)
    for name, value in (
        ("epochs", epochs),
        ("hidden_units", hidden_units),
        ("batch_size", batch_size),
    ):
        require_int(name, value, minimum=1)
    require_positive("learning_rate", learning_rate)
    seed_everything(seed)  # the weights and the shuffling
    discriminator = keras.Sequential(
        [
            keras.Input(shape=(1,)),  # (batch, 1) one number
            keras.layers.Dense(hidden_units, activation="relu"),  # (batch, hidden_units)
            keras.layers.Dense(hidden_units, activation="relu"),  # (batch, hidden_units)
            keras.layers.Dense(1, activation="sigmoid"),  # (batch, 1) D(x) = P(x is real)
        ],
        name="toy_discriminator",
    )
    discriminator.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="binary_crossentropy"
    )
    # (n_real + n_generated, 1)
    inputs = np.concatenate([real, generated]).astype(np.float32)[:, None]
    labels = np.concatenate([np.ones(len(real)), np.zeros(len(generated))]).astype(np.float32)
    discriminator.fit(inputs, labels, batch_size=batch_size, epochs=epochs, shuffle=True, verbose=0)
    return discriminator


def discriminator_scores(discriminator, samples) -> np.ndarray:
    """D(x) for each row of ``samples`` (a 1-D array is read as one number per sample), as NumPy."""
    from keras import ops

    samples = require_rows(
        "samples", samples, "a finite 1-D or 2-D array, one sample per row", allow_1d=True
    )
    # A plain call, not predict_on_batch: TensorFlow would trace a new predict function
    # for every new batch shape (and warn about it); D is small, eager is quick.
    # (n,)
    return ops.convert_to_numpy(discriminator(samples, training=False)).astype(np.float64)[:, 0]


def generator_loss_curves(probabilities) -> dict:
    """Each generator loss, and its derivative with respect to D's logit, at each value of D(G(z)).

    Returns {name: (losses, derivatives)} for the losses of
    sinegan.engines.losses, computed by automatic differentiation on the
    running backend. The theory says the derivative is -D(G(z)) for minimax
    and -(1 - D(G(z))) for the non-saturating loss.
    """
    from keras import ops

    from .. import backends
    from ..engines.losses import GENERATOR_LOSSES

    # a logit needs 0 < p < 1
    probabilities = require_probabilities("probabilities", probabilities, strict=True)
    logits = np.log(probabilities / (1 - probabilities)).astype(np.float32)  # (n,)
    curves = {}
    for name, loss in GENERATOR_LOSSES.items():
        # (n,) one point each
        losses = np.array([float(loss(ops.sigmoid(logit[None]))) for logit in logits])
        # Each loss is a mean over its batch, so n times the batch loss is the sum of the
        # points' losses, and point i's loss depends on logit i only: the gradient is the
        # derivative.
        derivatives = backends.input_gradient(
            lambda batch, loss=loss: len(logits) * loss(ops.sigmoid(batch)), logits
        )
        curves[name] = (losses, ops.convert_to_numpy(derivatives).astype(np.float64))  # (n,), (n,)
    return curves


def generator_gradient_norms(gan, generator, latent):
    """How hard each generator loss pushes G: the norm of its gradient at G's weights, on one batch.

    ``gan`` maps z to D(G(z)) (the trainer's GAN, G then D) and ``generator``
    is its G. D runs in inference mode (no dropout). Returns
    (mean D(G(z)), {loss name: ||d loss / d G's weights||}).
    """
    from keras import ops

    from .. import backends
    from ..engines.losses import GENERATOR_LOSSES

    latent = require_rows("latent", latent, "a finite 2-D array, one latent vector per row")
    scores = ops.convert_to_numpy(gan(latent, training=False))[:, 0]  # (batch,) D(G(z))
    norms = {}
    for name, loss in GENERATOR_LOSSES.items():
        gradients = backends.gradients(
            lambda loss=loss: loss(gan(latent, training=False)[:, 0]), generator.trainable_variables
        )
        # one norm over every weight
        norms[name] = float(
            np.sqrt(sum(np.sum(ops.convert_to_numpy(g).astype(np.float64) ** 2) for g in gradients))
        )
    return float(np.mean(scores)), norms
