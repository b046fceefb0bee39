"""The theory lecture's formulas, checked against hand computations and each other.

Proposition 1 (D* = p_data / (p_data + p_g)) and Theorem 1 (V(G, D*) = -log 4 +
2 JSD) of Goodfellow et al. 2014 are checked on a grid; a D trained on samples
must come close to D*; the generator losses' derivatives must be the closed forms
-D(G(z)) and -(1 - D(G(z))); and for a batch of one latent vector the ratio of the
two gradient norms at G's weights must be exactly D(G(z)) / (1 - D(G(z))).
"""

import json
import math
import subprocess
import sys

import numpy as np
import pytest
from matplotlib.figure import Figure

from sinegan import GANConfig, Trainer
from sinegan.figures.theory import (
    plot_generator_losses,
    plot_optimal_discriminator,
    plot_optimal_value,
)
from sinegan.lectures import theory

GRID = np.linspace(-6, 8, 4001)
DATA = theory.normal_density(GRID, 2.0, 0.5)
GENERATED = theory.normal_density(GRID, 0.0, 1.0)


def test_normal_density_integrates_to_one_and_peaks_at_its_mean():
    density = theory.normal_density(GRID, 2.0, 0.5)
    assert theory.trapezoid(GRID, density) == pytest.approx(1.0, abs=1e-6)
    assert GRID[np.argmax(density)] == pytest.approx(2.0, abs=0.01)
    assert density.max() == pytest.approx(1 / (0.5 * math.sqrt(2 * math.pi)), rel=1e-4)


def test_optimal_discriminator_is_the_share_of_the_data_density():
    # where neither distribution lives: 1/2
    assert np.allclose(
        theory.optimal_discriminator([1.0, 3.0, 0.0, 0.0], [1.0, 1.0, 2.0, 0.0]),
        [0.5, 0.75, 0.0, 0.5],
    )
    assert np.allclose(theory.optimal_discriminator(DATA, DATA), 0.5)


def test_value_function_by_hand():
    assert theory.value_function([0.5, 0.5], [0.5]) == pytest.approx(-math.log(4))
    assert theory.value_function([0.8, 0.4], [0.1, 0.3]) == pytest.approx(
        (math.log(0.8) + math.log(0.4)) / 2 + (math.log(0.9) + math.log(0.7)) / 2
    )
    # clipped
    assert theory.value_function(np.ones((3, 1)), np.zeros((3, 1))) == pytest.approx(0.0, abs=1e-6)


def test_theorem_1_the_optimal_value_is_minus_log_4_plus_twice_the_jensen_shannon_divergence():
    optimal = theory.optimal_value(GRID, DATA, GENERATED)
    divergence = theory.jensen_shannon_divergence(GRID, DATA, GENERATED)
    assert optimal == pytest.approx(-math.log(4) + 2 * divergence, abs=1e-4)
    assert theory.optimal_value(GRID, DATA, DATA) == pytest.approx(-math.log(4), abs=1e-6)
    assert theory.jensen_shannon_divergence(GRID, DATA, DATA) == pytest.approx(0.0, abs=1e-12)
    # no overlap with DATA: D* tells them apart perfectly
    far = theory.normal_density(GRID, -4.0, 0.3)
    assert theory.jensen_shannon_divergence(GRID, DATA, far) == pytest.approx(math.log(2), abs=1e-4)
    assert theory.optimal_value(GRID, DATA, far) == pytest.approx(0.0, abs=1e-3)


def test_the_optimal_value_is_smallest_when_the_generator_draws_the_data():
    means = np.linspace(-1, 5, 61)
    values = [
        theory.optimal_value(GRID, DATA, theory.normal_density(GRID, mean, 0.5)) for mean in means
    ]
    assert means[int(np.argmin(values))] == pytest.approx(2.0)
    assert min(values) == pytest.approx(-math.log(4), abs=1e-6)


def test_a_discriminator_trained_on_samples_comes_close_to_the_optimal_one():
    rng = np.random.default_rng(0)
    discriminator = theory.fit_toy_discriminator(
        rng.normal(2.0, 0.5, 2048), rng.normal(0.0, 1.0, 2048), epochs=20, batch_size=256
    )
    dense = (DATA + GENERATED) > 0.05  # where there are samples to learn from
    scores = theory.discriminator_scores(discriminator, GRID[dense])
    assert np.max(np.abs(scores - theory.optimal_discriminator(DATA, GENERATED)[dense])) < 0.15
    real, generated = rng.normal(2.0, 0.5, 4096), rng.normal(0.0, 1.0, 4096)
    estimate = theory.value_function(
        theory.discriminator_scores(discriminator, real),
        theory.discriminator_scores(discriminator, generated),
    )
    assert estimate == pytest.approx(theory.optimal_value(GRID, DATA, GENERATED), abs=0.05)


def test_the_generator_losses_derivatives_are_the_closed_forms():
    probabilities = np.linspace(0.01, 0.99, 25)
    curves = theory.generator_loss_curves(probabilities)
    minimax_loss, minimax_derivative = curves["minimax"]
    saturating_loss, saturating_derivative = curves["non_saturating"]
    assert np.allclose(minimax_loss, np.log(1 - probabilities), atol=1e-5)
    assert np.allclose(saturating_loss, -np.log(probabilities), atol=1e-5)
    assert np.allclose(minimax_derivative, -probabilities, atol=1e-5)
    assert np.allclose(saturating_derivative, -(1 - probabilities), atol=1e-5)


def test_for_one_latent_vector_the_gradient_norms_differ_by_the_factor_the_theory_gives():
    # For one z, both gradients are a multiple of d logit / d weights: -D for minimax,
    # -(1 - D) for non-saturating. Their norms' ratio is D / (1 - D), whatever the weights.
    trainer = Trainer(GANConfig(train_size=256, pretrain_batches=4))
    trainer.pretrain_discriminator(log=None)
    latent = trainer.dataset.noise[:1]  # (1, 64)
    probability, norms = theory.generator_gradient_norms(trainer.gan, trainer.generator, latent)
    assert 0 < probability < 1 and norms["non_saturating"] > 0
    assert norms["minimax"] / norms["non_saturating"] == pytest.approx(
        probability / (1 - probability), rel=1e-3
    )


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: theory.normal_density(GRID, 0.0, 0.0),
            "std expected a positive finite number. Received: std=0.0",
        ),
        (
            lambda: theory.optimal_discriminator(DATA, GENERATED[:-1]),
            "generated_density expected one value per point",
        ),
        (
            lambda: theory.optimal_discriminator(-DATA, GENERATED),
            "data_density expected non-negative values",
        ),
        (
            lambda: theory.value_function([0.5, 1.5], [0.5]),
            "real_scores expected probabilities in [0, 1]. Received: real_scores=[0.5, 1.5]",
        ),
        (
            lambda: theory.value_function([0.5], [np.nan]),
            "generated_scores expected a finite, non-empty array",
        ),
        (
            lambda: theory.optimal_value(GRID[::-1], DATA, GENERATED),
            "x expected an increasing grid",
        ),
        (
            lambda: theory.jensen_shannon_divergence([0.0], [1.0], [1.0]),
            "x expected an increasing grid",
        ),
        (
            lambda: theory.jensen_shannon_divergence(GRID, DATA, GENERATED[:9]),
            "q expected one value per point",
        ),
        (
            lambda: theory.generator_loss_curves([0.0, 0.5]),
            "probabilities expected probabilities strictly between",
        ),
        (
            lambda: theory.fit_toy_discriminator([1.0], [0.0], epochs=0),
            "epochs expected a positive integer",
        ),
        (
            lambda: theory.fit_toy_discriminator("abc", [0.0], epochs=1),
            "real expected a finite, non-empty 1-D array",
        ),
        (
            lambda: theory.discriminator_scores(None, np.zeros((0, 1))),
            "samples expected a finite 1-D or 2-D array",
        ),
        (
            lambda: theory.generator_gradient_norms(None, None, [1.0, 2.0]),
            "latent expected a finite 2-D array",
        ),
        (lambda: plot_optimal_value([0.0, 1.0], [0.0], 0.0), "values expected 2 values"),
        (lambda: plot_generator_losses([0.5], {}), "curves expected a non-empty dict"),
        (
            lambda: plot_optimal_discriminator(GRID, DATA, GENERATED, "D*"),
            "optimal expected a finite, non-empty 1-D array",
        ),
    ],
)
def test_bad_input_is_refused_with_the_name_and_the_value(call, message):
    with pytest.raises(ValueError, match="Received: ") as raised:
        call()
    assert message in str(raised.value)


def test_the_figures_draw_what_they_are_given():
    optimal = theory.optimal_discriminator(DATA, GENERATED)
    figure = plot_optimal_discriminator(
        GRID, DATA, GENERATED, optimal, trained=np.full_like(GRID, 0.5)
    )
    assert isinstance(figure, Figure)
    _, score_axes = figure.axes
    assert np.allclose(score_axes.lines[0].get_ydata(), optimal)
    assert len(score_axes.lines) == 3  # D*, the trained D, and the line at 1/2
    means = np.linspace(-1, 5, 7)
    figure = plot_optimal_value(means, -np.log(4) + (means - 2) ** 2, data_mean=2.0)
    assert np.allclose(figure.axes[0].lines[0].get_xdata(), means)
    probabilities = np.linspace(0.1, 0.9, 5)
    figure = plot_generator_losses(
        probabilities, {"minimax": (np.log(1 - probabilities), -probabilities)}
    )
    assert np.allclose(figure.axes[1].lines[0].get_ydata(), -probabilities)


def test_the_figures_and_the_formulas_load_no_keras():
    code = (
        "import json, sys\n"
        "import sinegan.figures.theory, sinegan.lectures.theory\n"
        "print(json.dumps(['keras' in sys.modules, 'tensorflow' in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == [False, False]
