"""What the examples' figures show: 1,000 fresh curves of one trained generator, measured.

    PYTHONPATH=. python benchmarks/fresh_curves.py --preset slides improved [--seed 0] [--write]

For each preset this trains it as ``python examples/sine_gan.py --preset NAME`` does
(fast engine, the preset's epochs, seed 0) and measures what the example prints: 1,000
curves drawn from fresh latent vectors with the run's seed, against the first 1,000
training curves (k-NN precision and recall on 500 against 500). It also keeps what the
run's history recorded at every monitored epoch (the monitor's 500 curves of one fixed
latent batch) and D's loss averaged over each epoch. For the ``conditional`` preset it
adds the hit rates ``python examples/conditional_sine.py`` prints: 200 curves at each of
six requested b, drawn with the run's seed.

With ``--write`` each preset's figures go to docs/results/fresh-curves-<backend>-<preset>.json.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before TensorFlow is imported

from results import write_result

SAMPLES = 1000  # as examples/sine_gan.py
PAIRED = 500
EXAMPLE_FREQUENCIES = (0.5, 0.8, 1.1, 1.4, 1.7, 2.0)  # as examples/conditional_sine.py
CURVES_PER_FREQUENCY = 200


def measure_run(name: str, seed: int) -> tuple:
    """Train ``name`` with ``seed``; the sample's description and what was measured."""
    from sinegan import Trainer, curves_for, preset
    from sinegan.measure.evaluate import evaluate_curves

    config = preset(name).replace(seed=seed)
    start = time.perf_counter()
    trainer = Trainer(config, engine="fast")
    trainer.pretrain_discriminator(log=None)
    trainer.train(log=None)
    seconds = time.perf_counter() - start
    x, real = trainer.dataset.x, trainer.dataset.curves
    curves = curves_for(trainer.sampling_generator, config, SAMPLES, seed=seed)  # (1000, 64)
    report = evaluate_curves(curves, real[:SAMPLES], x, seed=seed, paired=PAIRED)
    frequency = report.parameter_distances["frequency"]
    figures = {
        "train s": seconds,
        "sine-like": report.generated_sine_like_fraction,
        "b p5": frequency["generated_p5"],
        "b p95": frequency["generated_p95"],
        "data b p5": frequency["real_p5"],
        "data b p95": frequency["real_p95"],
        "precision": report.precision,
        "recall": report.recall,
        "monitored epochs": trainer.history.quality,
        "D loss by epoch": trainer.history.epoch_means()["discriminator_loss"],
    }
    if config.conditional:
        figures["hits"] = hit_rates(trainer)
    sample = {
        "benchmark": "benchmarks/fresh_curves.py",
        "as": f"python examples/sine_gan.py --preset {name}",
        "preset": name,
        "epochs": config.epochs,
        "seed": seed,
        "engine": "fast",
        "generated curves": SAMPLES,
        "drawn with seed": seed,
        "real curves": f"the first {SAMPLES} training curves",
        "k-NN": f"{PAIRED} against {PAIRED}",
        "monitored epochs": f"every {config.monitor_every} epochs, "
        f"{config.monitor_samples} curves of one fixed latent batch",
    }
    return sample, figures


def hit_rates(trainer) -> dict:
    """What examples/conditional_sine.py prints: the hit rate at each of its requested b."""
    from sinegan.extras.conditional import frequency_hit_rates

    rates = frequency_hit_rates(
        trainer.sampling_generator,
        trainer.config,
        trainer.dataset.x,
        EXAMPLE_FREQUENCIES,
        CURVES_PER_FREQUENCY,
        seed=trainer.config.seed,
    )
    return {
        "requested b": EXAMPLE_FREQUENCIES,
        "curves per requested b": CURVES_PER_FREQUENCY,
        "drawn with seed": trainer.config.seed,
        "rates": rates,
    }


def main():
    from sinegan.presets import PRESETS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", nargs="+", default=["slides"], choices=sorted(PRESETS))
    parser.add_argument("--seed", type=int, default=0, help="training and sampling seed")
    parser.add_argument("--write", action="store_true", help="write docs/results/fresh-curves-*")
    arguments = parser.parse_args()
    from sinegan import backends

    for name in arguments.preset:
        sample, figures = measure_run(name, arguments.seed)
        print(
            f"{name}: trained in {figures['train s']:.1f} s; on {SAMPLES} fresh curves "
            f"{figures['sine-like']:.1%} sine-like, b {figures['b p5']:.2f}-{figures['b p95']:.2f}"
            f" (data {figures['data b p5']:.2f}-{figures['data b p95']:.2f}), "
            f"precision {figures['precision']:.2f}, recall {figures['recall']:.2f}",
            flush=True,
        )
        if "hits" in figures:
            print("  hits at b", EXAMPLE_FREQUENCIES, ":", figures["hits"]["rates"].round(3))
        if arguments.write:
            write_result(f"fresh-curves-{backends.name()}-{name}", sample, figures)


if __name__ == "__main__":
    main()
