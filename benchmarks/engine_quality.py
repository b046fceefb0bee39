"""No change in what is learned: do both engines train generators of the same quality?

Run it from the repository root:

    PYTHONPATH=. python benchmarks/engine_quality.py                  # 3 seeds, ~15 min
    PYTHONPATH=. python benchmarks/engine_quality.py --engines fast   # seconds
    PYTHONPATH=. python benchmarks/engine_quality.py --seeds 1 --epochs 8

For every seed and engine this trains the slides' recipe (``GANConfig`` with that
seed: pre-training, then ``--epochs`` epochs), draws 1,000 curves from G
(``sample_curves(..., seed=1234)``) and compares them with 1,000 training curves
(rows picked with seed 1234) using ``sinegan.quality``. The two engines run the
same algorithm on the same batches with the same dropout masks: after a few
epochs their weights still agree to float rounding (~1e-7). Over a long run such
rounding differences can grow, so per seed the numbers may differ a little; what
matters then is that the means agree within the spread between seeds.

Columns:
  train s    wall time of pre-training + training (a literal 64-epoch run takes ~5 min)
  sine-like  share of curves a sin(b x + c) + d fits with rmse < 0.1 (data: 1.00)
  rmse p50   median rmse of that fit
  b p5, p95  5th and 95th percentiles of the fitted frequency b (data: ~0.57 and ~1.93)
  W1(b)      Wasserstein-1 distance between generated and real fitted frequencies
  prec, rec  k-NN precision and recall (k=3) of 500 generated vs 500 real curves:
             "do the curves look real?" and "are all kinds of real curves drawn?"
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before TensorFlow is imported

from sinegan import GANConfig, Trainer, sample_curves  # noqa: E402
from sinegan.quality import (fit_sines, knn_precision_recall, parameter_distances,  # noqa: E402
                             sine_like_fraction)

SAMPLES = 1000  # curves drawn from G, and real curves they are compared with
KNN_SAMPLES = 500  # k-NN precision/recall: 500 vs 500 curves
SAMPLE_SEED = 1234
COLUMNS = ("train s", "sine-like", "rmse p50", "b p5", "b p95", "W1(b)", "prec", "rec")


def measure(generated, real, x) -> dict:
    """The table's quality columns for generated curves against real ones."""
    generated_fit, real_fit = fit_sines(generated, x), fit_sines(real, x)
    frequency = parameter_distances(generated_fit, real_fit)["frequency"]
    precision, recall = knn_precision_recall(generated[:KNN_SAMPLES], real[:KNN_SAMPLES], k=3)
    return {"sine-like": sine_like_fraction(generated_fit, threshold=0.1),
            "rmse p50": float(np.median(generated_fit.rmse)),
            "b p5": frequency["generated_p5"], "b p95": frequency["generated_p95"],
            "W1(b)": frequency["wasserstein1"], "prec": precision, "rec": recall}


def real_samples(trainer) -> tuple[np.ndarray, np.ndarray]:
    """Two disjoint sets of 1,000 rows of this seed's X_TRAIN (the same rows for every engine).

    The first is what generated curves are compared with; the second, compared with
    the first, gives the "data" row: what a perfect generator would score.
    """
    rows = np.random.default_rng(SAMPLE_SEED).choice(trainer.config.train_size, 2 * SAMPLES, replace=False)
    return trainer.dataset.curves[rows[:SAMPLES]], trainer.dataset.curves[rows[SAMPLES:]]  # (1000, 64) each


def train_and_measure(engine: str, seed: int, epochs: int) -> dict:
    config = GANConfig().replace(seed=seed)  # the slides' recipe
    trainer = Trainer(config, engine=engine)
    start = time.perf_counter()
    trainer.pretrain_discriminator(log=None)
    trainer.train(epochs=epochs, log=None)
    seconds = time.perf_counter() - start
    generated = sample_curves(trainer.generator, config, SAMPLES, seed=SAMPLE_SEED)  # (1000, 64)
    real, _ = real_samples(trainer)
    return {"train s": seconds, **measure(generated, real, trainer.dataset.x)}


def print_row(engine, seed, row) -> None:
    cells = " | ".join(f"{row[name]:9.3f}" if name in row else f"{'':9s}" for name in COLUMNS)
    print(f" {engine:8s} | {seed:>4} | {cells}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3, help="seeds 0 .. N-1 (default 3)")
    parser.add_argument("--epochs", type=int, default=64, help="GAN epochs per run (default 64)")
    parser.add_argument("--engines", default="fast,literal", help="comma-separated (default fast,literal)")
    args = parser.parse_args()
    engines = [name.strip() for name in args.engines.split(",") if name.strip()]

    print(f"slides' recipe, {args.epochs} epochs, seeds 0..{args.seeds - 1}, "
          f"{SAMPLES} generated curves vs {SAMPLES} real (k-NN: {KNN_SAMPLES} vs {KNN_SAMPLES})\n")
    print(f" {'engine':8s} | seed | " + " | ".join(f"{name:>9s}" for name in COLUMNS))
    reference = Trainer(GANConfig())  # seed 0's data, measured against itself
    real, other_real = real_samples(reference)
    print_row("data", 0, measure(other_real, real, reference.dataset.x))

    rows = {engine: [] for engine in engines}
    for seed in range(args.seeds):
        for engine in engines:
            rows[engine].append(train_and_measure(engine, seed, args.epochs))
            print_row(engine, seed, rows[engine][-1])
    for engine in engines:
        mean = {name: float(np.mean([row[name] for row in rows[engine]])) for name in COLUMNS}
        print_row(engine, "mean", mean)


if __name__ == "__main__":
    main()
