"""What a trained generator learned, measured the same way by every benchmark.

``train(config, engine)`` runs the recipe (pre-training, then training) and
``measure(trainer)`` scores 2,000 fresh curves from G against the data:

  sine-like   share of curves a·sin(b·x + c) + d fits with RMSE < 0.1 (data: 1.00)
  rmse p50    median RMSE of those fits ("trembling hand" shows here)
  b p5, p95   5th and 95th percentiles of the fitted frequency b (data: 0.57, 1.93)
  W1(b)       Wasserstein-1 distance between those frequencies and the data's
              frequencies (all 8,192 of X_TRAIN)
  prec, rec   k-NN precision and recall (k = 3; Kynkäänniemi et al. 2019) of 500
              generated against 500 real curves: "do the curves look real?" and
              "does G draw every kind of real curve?" (two real samples: ~0.97 / ~0.98)
  MMD, floor  kernel MMD² between 500 generated and 500 real curves, and between two
              halves of the real ones: the value of "indistinguishable"
  diversity   spread of the generated curves / spread of the real ones (1 = as varied)
  D acc       the discriminator's accuracy on 512 held-out real and 512 generated
              curves (0.5 at the lecture's equilibrium; a WGAN-GP critic's score > 0
              counts as "real"; a conditional D reads each curve's frequency too)
"""

from __future__ import annotations

import os
import time

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before TensorFlow is imported

import keras  # noqa: E402
from sinegan import Trainer, generate_curves, make_dataset, sample_latent  # noqa: E402
from sinegan.extras.conditional import attach_conditions, real_discriminator_inputs  # noqa: E402
from sinegan.measure.distances import (diversity_ratio, discriminator_accuracy, fit_sines,  # noqa: E402
                             kernel_mmd, knn_precision_recall, median_heuristic_bandwidth, mmd_floor,
                             sine_like_fraction)
from scipy.stats import wasserstein_distance  # noqa: E402

SAMPLES = 2000  # generated curves per measurement
PAIRED_SAMPLES = 500  # k-NN and MMD: 500 generated vs 500 real
D_ACCURACY_SAMPLES = 512  # a multiple of every minibatch_std_group the presets use
SAMPLE_SEED = 1234
COLUMNS = ("train s", "sine-like", "rmse p50", "b p5", "b p95", "W1(b)", "prec", "rec",
           "MMD", "floor", "diversity", "D acc")

# The targets of the improved recipe: each measure, its bound, and which way it must hold.
TARGETS = {"sine-like": (">=", 0.98), "prec": (">=", 0.90), "rec": (">=", 0.90), "W1(b)": ("<=", 0.05),
           "b p5 gap": ("<=", 0.05), "b p95 gap": ("<=", 0.05), "train s": ("<=", 30.0)}


def train(config, engine="fast"):
    """A trained Trainer and the wall time of pre-training plus training."""
    trainer = Trainer(config, engine=engine)
    start = time.perf_counter()
    trainer.pretrain_discriminator(log=None)
    trainer.train(log=None)
    return trainer, time.perf_counter() - start


def measure(trainer) -> dict:
    """Every column of the tables for one trained generator."""
    config, data = trainer.config, trainer.dataset
    # sample_curves' latent vectors, kept: a conditional D also reads the frequency each curve was asked for.
    latent = sample_latent(config, SAMPLES, np.random.default_rng(SAMPLE_SEED))  # (2000, generator_inputs)
    generated = generate_curves(trainer.sampling_generator, latent)  # (2000, 64)
    fit = fit_sines(generated, data.x)
    data_p5, data_p95 = np.percentile(data.frequency, [5, 95])
    p5, p95 = np.percentile(fit.frequency, [5, 95])
    rows = np.random.default_rng(SAMPLE_SEED).choice(config.train_size, PAIRED_SAMPLES, replace=False)
    real, paired = data.curves[rows], generated[:PAIRED_SAMPLES]  # (500, 64) each
    precision, recall = knn_precision_recall(paired, real, k=3)
    bandwidth = median_heuristic_bandwidth(paired, real)
    held_out = make_dataset(config.replace(train_size=D_ACCURACY_SAMPLES), np.random.default_rng(SAMPLE_SEED))
    held_out_inputs = real_discriminator_inputs(config, held_out)  # (512, 64), + b if conditional
    generated_inputs = attach_conditions(config, generated, latent[:, config.latent_dim:])
    accuracy = discriminator_accuracy(probability_of_real(trainer), held_out_inputs,
                                      np.asarray(generated_inputs)[:D_ACCURACY_SAMPLES])
    return {"sine-like": sine_like_fraction(fit), "rmse p50": float(np.median(fit.rmse)),
            "b p5": p5, "b p95": p95, "b p5 gap": abs(p5 - data_p5), "b p95 gap": abs(p95 - data_p95),
            "W1(b)": wasserstein_distance(fit.frequency, data.frequency),
            "prec": precision, "rec": recall,
            "MMD": kernel_mmd(paired, real, bandwidth), "floor": mmd_floor(real, SAMPLE_SEED, bandwidth),
            "diversity": diversity_ratio(paired, real), "D acc": accuracy["overall"]}


def probability_of_real(trainer):
    """D as a function from curves to P(real), what discriminator_accuracy reads."""
    if trainer.config.loss == "wgan-gp":
        # A critic's score has no probability scale; sigmoid(score) > 0.5 means score > 0,
        # the sign the training accuracy reads too.
        return lambda curves: keras.ops.sigmoid(trainer.discriminator(curves, training=False))
    return lambda curves: trainer.discriminator(curves, training=False)


def meets_targets(row: dict) -> bool:
    return all(row[name] >= bound if sense == ">=" else row[name] <= bound
               for name, (sense, bound) in TARGETS.items())


def print_header():
    print(" run      | seed | " + " | ".join(f"{name:>9s}" for name in COLUMNS), flush=True)


def print_row(label, seed, row, note=""):
    cells = " | ".join(f"{row[name]:9.3f}" if name in row else f"{'':9s}" for name in COLUMNS)
    print(f" {label:8s} | {seed:>4} | {cells} {note}", flush=True)


def print_mean(label, rows, note=""):
    print_row(label, "mean", {name: float(np.mean([row[name] for row in rows])) for name in COLUMNS}, note)
