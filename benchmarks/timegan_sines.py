"""The TimeGAN Sines benchmark's two ends: the real-against-real floors and a trivial baseline.

    PYTHONPATH=. python benchmarks/timegan_sines.py            # the protocol: 10 repeats
    PYTHONPATH=. python benchmarks/timegan_sines.py --quick    # a smoke run, in seconds

A generator's scores on the Sines data (sinegan.extras.timegan_sines) mean something
only between two ends, which this measures with the protocol of the TimeGAN paper
(sinegan.measure.timegan: 10,000 series, 2,000 classifier steps, 5,000 predictor
steps, mean ± std over 10 repeats):

  floor      a second real draw scored against the data: what a perfect generator
             gets at this sample size (discriminative near 0; predictive the error of
             a predictor trained on real series)
  constant   every value of every series set to the data's mean: a generator that
             learned one number (discriminative near 0.5, the worst)

Each is scored against the data the GAN would train on (seed 0) and against a fresh
real draw (seed 2), as a generator's scores are. The last column is the time of the
repeats of each score, trained side by side.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before TensorFlow is imported

import keras

from sinegan.extras.timegan_sines import SINES_SIZE, timegan_sines
from sinegan.measure.timegan import discriminative_score, predictive_score, repeated_score

DATA_SEED, FLOOR_SEED, FRESH_SEED = 0, 1, 2


def timed_score(score, real, synthetic, repeats, iterations):
    """(mean, std, seconds) of ``score`` over ``repeats`` runs."""
    start = time.perf_counter()
    mean, std = repeated_score(score, real, synthetic, repeats=repeats, iterations=iterations)
    return mean, std, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="2,000 series, 2 repeats, 200 and 500 steps: a smoke run, not the protocol",
    )
    arguments = parser.parse_args()
    n, repeats, steps = (
        (2_000, 2, {"discriminative": 200, "predictive": 500})
        if arguments.quick
        else (SINES_SIZE, 10, {"discriminative": 2_000, "predictive": 5_000})
    )
    data, floor = timegan_sines(n, seed=DATA_SEED), timegan_sines(n, seed=FLOOR_SEED)
    fresh = timegan_sines(n, seed=FRESH_SEED)
    constant = np.full_like(data, data.mean())
    print(
        f"Sines: {n:,} series of 24 steps x 5 features; backend {keras.backend.backend()}; "
        f"{repeats} repeats; {steps['discriminative']:,} classifier and "
        f"{steps['predictive']:,} predictor steps"
        + ("  (--quick: not the protocol)" if arguments.quick else "")
    )
    rows = (
        (f"floor: real draw (seed {FLOOR_SEED})", "data", data, floor),
        (f"constant {data.mean():.3f}", "data", data, constant),
        (f"constant {data.mean():.3f}", f"fresh (seed {FRESH_SEED})", fresh, constant),
    )
    header = f"{'sample':<28} {'against':<16} {'discriminative':>17} {'predictive':>17} {'s':>11}"
    print(header + "\n" + "-" * len(header))
    for sample, against, real, synthetic in rows:
        measured = [
            timed_score(score, real, synthetic, repeats, steps[name])
            for name, score in (
                ("discriminative", discriminative_score),
                ("predictive", predictive_score),
            )
        ]
        cells = [f"{mean:.4f} ± {std:.4f}" for mean, std, _ in measured]
        seconds = " + ".join(f"{taken:.0f}" for _, _, taken in measured)
        print(f"{sample:<28} {against:<16} {cells[0]:>17} {cells[1]:>17} {seconds:>11}")
    print(
        "discriminative: |accuracy - 0.5| of a post-hoc GRU classifier (0 best, 0.5 worst); "
        "predictive: MAE on real of a GRU trained on the sample (lower is better); "
        "s: seconds for the discriminative + predictive repeats"
    )


if __name__ == "__main__":
    main()
