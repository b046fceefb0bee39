"""What a trained generator learned, measured the same way by every benchmark.

``train(config, engine)`` runs the recipe (pre-training, then training) and
``measure(trainer)`` scores 2,000 fresh curves from G against the data with one
call of ``sinegan.measure.evaluate.evaluate_curves`` (every column but D acc):

  sine-like   share of curves a·sin(b·x + c) + d fits with RMSE < 0.1 (data: 1.00)
  rmse p50    median RMSE of those fits ("trembling hand" shows here)
  b p5, p95   5th and 95th percentiles of the fitted frequency b (data: 0.57, 1.93);
              the targets' "b p5 gap" and "b p95 gap" are their distances to the data's
  W1(b)       Wasserstein-1 distance between those frequencies and the data's: the
              fitted frequencies of all 8,192 training curves, which the sine fit
              recovers to ~1e-8, so the same as their true frequencies
  prec, rec   k-NN precision and recall (k = 3; Kynkäänniemi et al. 2019) of 500
              generated against 500 real curves: "do the curves look real?" and
              "does G draw every kind of real curve?" (two real samples: ~0.97 / ~0.98);
              equal sizes, because the k-NN balls shrink as a sample grows
  MMD, floor  kernel MMD² between those 500 generated and 500 real curves, and between
              two halves of the real ones: the value of "indistinguishable"
  diversity   spread of those generated curves / spread of the real ones (1 = as varied)
  D acc       the discriminator's accuracy on 512 held-out real and 512 generated
              curves (0.5 at the lecture's equilibrium; a WGAN-GP critic's score > 0
              counts as "real"; a conditional D reads each curve's frequency too)
"""

from __future__ import annotations

import os
import time

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before TensorFlow is imported

import keras

from sinegan import Trainer, dataset_for, generate_curves, latent_for
from sinegan.measure.distances import discriminator_accuracy
from sinegan.measure.evaluate import evaluate_curves
from sinegan.recipe import discriminator_inputs_for

SAMPLES = 2000  # generated curves per measurement
PAIRED_SAMPLES = 500  # k-NN and MMD: 500 generated vs 500 real
D_ACCURACY_SAMPLES = 512  # a multiple of every minibatch_std_group the presets use
SAMPLE_SEED = 1234
COLUMNS = (
    "train s",
    "sine-like",
    "rmse p50",
    "b p5",
    "b p95",
    "W1(b)",
    "prec",
    "rec",
    "MMD",
    "floor",
    "diversity",
    "D acc",
)

# The targets of the improved recipe: each measure, its bound, and which way it must hold.
TARGETS = {
    "sine-like": (">=", 0.98),
    "prec": (">=", 0.90),
    "rec": (">=", 0.90),
    "W1(b)": ("<=", 0.05),
    "b p5 gap": ("<=", 0.05),
    "b p95 gap": ("<=", 0.05),
    "train s": ("<=", 30.0),
}


def train(config, engine="fast"):
    """A trained Trainer and the wall time of pre-training plus training."""
    trainer = Trainer(config, engine=engine)
    start = time.perf_counter()
    trainer.pretrain_discriminator(log=None)
    trainer.train(log=None)
    return trainer, time.perf_counter() - start


def measure(trainer) -> dict:
    """Every column of the tables but train s, for one trained generator."""
    config, data = trainer.config, trainer.dataset
    # The latent vectors are kept: a conditional D also reads the frequency each curve was
    # asked for.
    # (2000, generator_inputs)
    latent = latent_for(config, SAMPLES, np.random.default_rng(SAMPLE_SEED))
    generated = generate_curves(trainer.sampling_generator, latent)  # (2000, 64)
    # Every training curve, a random 500 first: the fits compare with all of them, k-NN and MMD
    # with those 500.
    # (500,)
    rows = np.random.default_rng(SAMPLE_SEED).choice(
        len(data.curves), PAIRED_SAMPLES, replace=False
    )
    real = np.concatenate([data.curves[rows], np.delete(data.curves, rows, axis=0)])  # (8192, 64)
    report = evaluate_curves(generated, real, data.x, k=3, seed=SAMPLE_SEED, paired=PAIRED_SAMPLES)
    frequency = report.parameter_distances["frequency"]
    held_out = dataset_for(
        config.replace(train_size=D_ACCURACY_SAMPLES), np.random.default_rng(SAMPLE_SEED)
    )
    # (512, 64), or (512, 65) with each curve's b
    held_out_inputs, _ = discriminator_inputs_for(config, held_out)
    accuracy = discriminator_accuracy(
        probability_of_real(trainer),
        held_out_inputs,
        discriminator_fakes(trainer, latent[:D_ACCURACY_SAMPLES]),
    )
    return {
        "sine-like": report.generated_sine_like_fraction,
        "rmse p50": float(np.median(report.generated_fit.rmse)),
        "b p5": frequency["generated_p5"],
        "b p95": frequency["generated_p95"],
        "data b p5": frequency["real_p5"],
        "data b p95": frequency["real_p95"],
        "b p5 gap": abs(frequency["generated_p5"] - frequency["real_p5"]),
        "b p95 gap": abs(frequency["generated_p95"] - frequency["real_p95"]),
        "W1(b)": frequency["wasserstein1"],
        "prec": report.precision,
        "rec": report.recall,
        "MMD": report.mmd,
        "floor": report.mmd_floor,
        "diversity": report.diversity_ratio,
        "D acc": accuracy["overall"],
    }


def discriminator_fakes(trainer, latent):
    """What D reads for the fakes of ``latent``, drawn by the G that every other column measures.

    In training ``trainer.parts.drawer`` draws D's fakes: G itself,
    or for a conditional recipe the model [z, b] -> [G(z, b), b]. The columns measure the
    sampling generator (G's averaged copy when the recipe averages weights), so D reads its
    curves, wired the same way: (n, 64), or (n, 65) with the b each curve was asked for.
    """
    generator = trainer.sampling_generator
    if trainer.config.conditional:  # D also reads each curve's b
        from sinegan.extras.conditional import conditional_drawer

        generator = conditional_drawer(generator)
    return generate_curves(generator, latent)


def probability_of_real(trainer):
    """D as a function from curves to P(real), what discriminator_accuracy reads."""
    if trainer.config.loss == "wgan-gp":
        # A critic's score has no probability scale; sigmoid(score) > 0.5 means score > 0,
        # the sign the training accuracy reads too.
        return lambda curves: keras.ops.sigmoid(trainer.discriminator(curves, training=False))
    return lambda curves: trainer.discriminator(curves, training=False)


def meets_targets(row: dict) -> bool:
    return all(
        row[name] >= bound if sense == ">=" else row[name] <= bound
        for name, (sense, bound) in TARGETS.items()
    )


def print_header():
    print(" run      | seed | " + " | ".join(f"{name:>9s}" for name in COLUMNS), flush=True)


def print_row(label, seed, row, note=""):
    cells = " | ".join(f"{row[name]:9.3f}" if name in row else f"{'':9s}" for name in COLUMNS)
    print(f" {label:8s} | {seed:>4} | {cells} {note}", flush=True)


def print_mean(label, rows, note=""):
    print_row(
        label, "mean", {name: float(np.mean([row[name] for row in rows])) for name in COLUMNS}, note
    )
