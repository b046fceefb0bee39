"""How fast does each engine train the slides' GAN, on each Keras backend, and against its peers?

Run it from the repository root:

    PYTHONPATH=. python benchmarks/bench_training.py            # a few minutes
    PYTHONPATH=. python benchmarks/bench_training.py --quick    # a smoke run
    PYTHONPATH=. python benchmarks/bench_training.py --backends jax --full-literal

Every engine runs the same algorithm on the same recipe (``GANConfig()``, seed 0).
Each (backend, engine) pair is measured in its own child process (this script,
re-invoked with ``--child`` and ``KERAS_BACKEND`` set), because a process picks its
Keras backend once, and so that its peak memory is its own. A child measures:

- ms per GAN step: one warm-up epoch first (its first call traces or compiles,
  which costs seconds and is excluded), then several repeats of one epoch (64
  steps each); we print the median over the repeats. The ratio literal/fast is
  the speed-up on that backend.
- the wrapper: one ``Trainer.train`` call of as many epochs as the repeats (the
  mean per step, since it is one call), after a warm-up epoch, against the engine
  alone (fast engine; the quality measurement is switched off for it, since it is
  work of its own, not overhead). Target: within 5%.
- peak RSS: the largest resident memory of the child (``ru_maxrss``), in MiB.
- FLOPs per step, counted from the layer sizes (see ``flops_per_step``), and the
  GFLOP/s this gives. A 2-core CPU can do tens of GFLOP/s; the engines reach far
  less, because a step has only ~27 MFLOP of arithmetic and the time goes on
  crossing from Python into compiled code and dispatching small ops.
- the full recipe (32 pre-training batches + 64 epochs x 64 = 4,096 GAN steps):
  for the fast engine a real run on a fresh Trainer, first trace included; for
  the literal engine an *estimate* (pre-training time + warm-up epoch + median
  step time x the other 4,032 steps), unless ``--full-literal`` runs it for real.
  Importing Keras and building the models are timed separately.

Then the peers (benchmarks/peers.py: the keras.io idiom, a plain PyTorch loop and
hand-written JAX) run on the same recipe, each in its own process, and one table
compares every loop per step.

On a 2-core CPU, one and the same JAX program runs at one of two speeds,
decided when its process starts (about 0.50 or 0.70 ms/step for both sinegan's
JAX engine and the hand-written peer, seen over many runs). So every fast
engine and every peer runs in several processes (``--processes``, default 3),
and the table keeps each one's fastest process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

BACKENDS = ("tensorflow", "jax", "torch")
TARGET_SPEED_UP = 40  # literal ms/step divided by fast ms/step, on TensorFlow
TARGET_FULL_RECIPE_SECONDS = 10.0  # fast engine: pre-training + training, on the fastest backend
TARGET_WRAPPER = 1.05  # Trainer.train per step, divided by the engine alone
TARGET_STEP_MS = 0.5  # the goal per step on 2 cores (and at least as fast as hand-written JAX)


def dense_multiply_adds(sizes) -> int:
    """Multiply-adds of a stack of Dense layers for one input row: sum of in x out."""
    return sum(fan_in * fan_out for fan_in, fan_out in zip(sizes[:-1], sizes[1:]))


def flops_per_step(config) -> int:
    """Floating-point operations of one GAN step, counted from the layer sizes.

    A Dense layer with ``fan_in`` inputs and ``fan_out`` outputs does
    ``fan_in * fan_out`` multiply-adds per row, i.e. 2 FLOPs each, so its forward
    pass on B rows costs 2 B fan_in fan_out FLOPs. Biases, activations, dropout,
    the loss and the Adam update are ignored: each is linear in the layer width,
    together under 2% here. Backward costs 2x forward for a layer whose weights get
    gradients (gradient of the weights + gradient of the input), so training costs
    ~3x forward; a frozen layer only passes the gradient to its input: 2x forward.
    (We count 3x even for a first layer, whose input gradient is not needed.)

    With G the generator's and D the discriminator's multiply-adds per row and
    h = half batch (64), one step of the slides' loop is

        G forward on h latent vectors (the fake curves)  2 h G
      + D trained on 2h curves (h real, h fake)         3 * 2 (2h) D
      + GAN trained on h latent vectors: G trained      3 * 2 h G
                                          D frozen      2 * 2 h D
      = 8 h G + 16 h D

    Slides: G = 64*64 + 64*256 + 256*64 = 36,864, D = 64*64 + 64*64 + 64*1 = 8,256,
    so a step is 8*64*36,864 + 16*64*8,256 = 27,328,512 FLOPs (~27 MFLOP).
    """
    half = config.batch_size // 2
    generator = dense_multiply_adds([config.latent_dim, *config.generator_units, config.train_len])
    discriminator = dense_multiply_adds([config.train_len, config.discriminator_units,
                                         config.discriminator_units, 1])
    generate = 2 * half * generator
    train_discriminator = 3 * 2 * (2 * half) * discriminator
    train_generator_through_frozen_discriminator = 3 * 2 * half * generator + 2 * 2 * half * discriminator
    return generate + train_discriminator + train_generator_through_frozen_discriminator


def measure_engine(engine: str, repeats: int, full_recipe: bool) -> dict:
    """Everything about one engine, measured in this (child) process."""
    start = time.perf_counter()
    from sinegan import GANConfig, Trainer, backends  # imports Keras and its backend
    result = {"engine": engine, "backend": backends.name(), "import_seconds": time.perf_counter() - start}
    config = GANConfig()  # the slides' recipe
    result["flops_per_step"] = flops_per_step(config)
    total_steps = config.epochs * config.steps_per_epoch  # 4,096

    if full_recipe:  # first, so that nothing has been traced yet in this process
        start = time.perf_counter()
        trainer = Trainer(config, engine=engine)
        result["build_seconds"] = time.perf_counter() - start
        start = time.perf_counter()
        trainer.pretrain_discriminator(log=None)
        trainer.train(log=None)
        result["full_recipe_seconds"] = time.perf_counter() - start
        del trainer

    start = time.perf_counter()
    trainer = Trainer(config, engine=engine)  # same seed: the same batches as the other engine
    result.setdefault("build_seconds", time.perf_counter() - start)
    start = time.perf_counter()
    trainer.pretrain_discriminator(log=None)
    result["pretrain_seconds"] = time.perf_counter() - start

    start = time.perf_counter()
    trainer.run_epoch(*trainer.draw_epoch_batches())  # warm-up: traces, not counted below
    result["warm_up_seconds"] = warm_up = time.perf_counter() - start
    step_ms = []
    for _ in range(repeats):
        indices, latent = trainer.draw_epoch_batches()
        start = time.perf_counter()
        trainer.run_epoch(indices, latent)
        step_ms.append(1000 * (time.perf_counter() - start) / len(indices))
    result["step_ms"] = step_ms
    result["median_step_ms"] = median = statistics.median(step_ms)
    if engine == "fast":  # the same epochs through Trainer.train: finite check, snapshot, history
        trainer._measure_quality = lambda log: {}  # quality measurement is work of its own, not overhead
        trainer.train(1, log=None)  # warm-up, as for the engine: traces the finite check and the snapshot
        start = time.perf_counter()
        trainer.train(repeats, log=None)  # one call, as a user makes it: repeats epochs
        result["train_ms"] = 1000 * (time.perf_counter() - start) / (repeats * config.steps_per_epoch)
    if not full_recipe:
        steps_left = total_steps - config.steps_per_epoch  # the warm-up epoch ran the first 64
        result["estimated_full_recipe_seconds"] = (result["pretrain_seconds"] + warm_up
                                                   + median / 1000 * steps_left)
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return result


def run_child(backend: str, engine: str, repeats: int, full_recipe: bool) -> dict:
    """Re-invoke this script for one engine on one backend; its last stdout line is a JSON object."""
    command = [sys.executable, os.path.abspath(__file__), "--child", "--engine", engine,
               "--repeats", str(repeats)] + (["--full-recipe"] if full_recipe else [])
    completed = subprocess.run(command, capture_output=True, text=True,
                               env={**os.environ, "KERAS_BACKEND": backend})
    if completed.returncode != 0:
        sys.exit(f"The {backend} {engine} child failed (exit {completed.returncode}):\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def report(results: dict, peers: list) -> None:
    """``results``: {(backend, engine): child record}; ``peers``: benchmarks.peers records."""
    flops = next(iter(results.values()))["flops_per_step"]
    print(f"FLOPs per GAN step (from the layer sizes): {flops:,} = {flops / 1e6:.1f} MFLOP\n")
    print(" backend    | engine  | ms/step (median, min-max)  | GFLOP/s | peak RSS | import | build | pretrain "
          "| warm-up")
    for (backend, name), result in results.items():
        low, high = min(result["step_ms"]), max(result["step_ms"])
        gflops = flops / (result["median_step_ms"] / 1000) / 1e9
        print(f" {backend:10s} | {name:7s} | {result['median_step_ms']:8.3f} ({low:7.3f}-{high:7.3f}) "
              f"| {gflops:7.3f} | {result['peak_rss_mib']:4.0f} MiB "
              f"| {result['import_seconds']:5.1f} s | {result['build_seconds']:4.2f} s "
              f"| {result['pretrain_seconds']:6.2f} s | {result['warm_up_seconds']:5.2f} s")
    verdict = {True: "met", False: "MISSED"}
    backends = sorted({backend for backend, _ in results}, key=BACKENDS.index)
    print("\nper backend: literal/fast speed-up; Trainer.train against the fast engine alone (means per step); "
          "full fast recipe")
    for backend in backends:
        fast, literal = results[(backend, "fast")], results.get((backend, "literal"))
        speed_up = f"{literal['median_step_ms'] / fast['median_step_ms']:6.1f}x" if literal else "     -"
        wrapper = fast["train_ms"] / statistics.mean(fast["step_ms"])  # a mean against a mean
        print(f" {backend:10s} | speed-up {speed_up} | train() {fast['train_ms']:.3f} ms/step = "
              f"{100 * (wrapper - 1):+.1f}% ({verdict[wrapper <= TARGET_WRAPPER]}: <= +5%) "
              f"| full recipe {fast['full_recipe_seconds']:5.1f} s")
        if literal and "full_recipe_seconds" not in literal:
            print(f" {'':10s} | literal full recipe {literal['estimated_full_recipe_seconds']:.0f} s estimated "
                  "(pretrain + warm-up epoch + median ms/step x 4,032; --full-literal measures it)")
        elif literal:
            print(f" {'':10s} | literal full recipe {literal['full_recipe_seconds']:.0f} s measured")

    print("\nevery loop on the slides' recipe, ms per GAN step (median), fastest first:")
    rows = [(f"sinegan {name} engine", backend, result["median_step_ms"])
            for (backend, name), result in results.items()]
    rows += [(f"peer: {peer['loop']}", peer["backend"], peer["ms_per_step"]) for peer in peers if "ms_per_step" in peer]
    for label, backend, ms in sorted(rows, key=lambda row: row[2]):
        print(f" {label:28s} | {backend:10s} | {ms:8.3f}")
    for peer in peers:
        if "skipped" in peer:
            print(f" peer {peer['loop']}: skipped, {peer['skipped']}")

    fastest_backend, fastest = min(((backend, results[(backend, "fast")]) for backend in backends),
                                   key=lambda item: item[1]["median_step_ms"])
    print(f"\nfastest sinegan engine: fast on {fastest_backend}, {fastest['median_step_ms']:.3f} ms/step "
          f"(goal <= {TARGET_STEP_MS} ms: {verdict[fastest['median_step_ms'] <= TARGET_STEP_MS]})")
    hand_written = [peer for peer in peers if peer["loop"] == "jax_scan" and "ms_per_step" in peer]
    if hand_written:
        ratio = fastest["median_step_ms"] / hand_written[0]["ms_per_step"]
        print(f"against hand-written JAX ({hand_written[0]['ms_per_step']:.3f} ms/step): {ratio:.2f}x its time "
              f"(target <= 1: {verdict[ratio <= 1]})")
    if ("tensorflow", "literal") in results:
        literal, fast = results[("tensorflow", "literal")], results[("tensorflow", "fast")]
        speed_up = literal["median_step_ms"] / fast["median_step_ms"]
        print(f"speed-up on TensorFlow: {speed_up:.0f}x (target >= {TARGET_SPEED_UP}x, "
              f"{verdict[speed_up >= TARGET_SPEED_UP]})")
    full = fastest["full_recipe_seconds"]
    print(f"full recipe, fastest backend: {full:.1f} s (target <= {TARGET_FULL_RECIPE_SECONDS:.0f} s, "
          f"{verdict[full <= TARGET_FULL_RECIPE_SECONDS]})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats: a smoke run")
    parser.add_argument("--backends", nargs="+", choices=BACKENDS, default=BACKENDS,
                        help="Keras backends to measure (default: every one installed)")
    parser.add_argument("--no-literal", action="store_true", help="skip the literal engine")
    parser.add_argument("--no-peers", action="store_true", help="skip the peers (benchmarks/peers.py)")
    parser.add_argument("--processes", type=int, default=3,
                        help="processes per fast engine and per peer; the fastest is kept (default 3)")
    parser.add_argument("--full-literal", action="store_true",
                        help="run the literal engine's full recipe for real (minutes per backend)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--engine", choices=("fast", "literal"), help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--full-recipe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before TensorFlow is imported

    if args.child:
        print(json.dumps(measure_engine(args.engine, args.repeats, args.full_recipe)))
        return
    from sinegan.backends import installed  # imports no Keras

    repeats = {"literal": 1 if args.quick else 3, "fast": 5 if args.quick else 30}
    engines = ("fast",) if args.no_literal else ("fast", "literal")
    results = {}
    processes = {"fast": args.processes, "literal": 1}
    for backend in args.backends:
        if not installed(backend):
            print(f"skipping the {backend} backend: its library is not installed")
            continue
        for engine in engines:
            print(f"measuring the {engine} engine on {backend} ({processes[engine]} x {repeats[engine]} "
                  "repeats of 64 steps) ...", flush=True)
            full_recipe = engine == "fast" or args.full_literal
            runs = [run_child(backend, engine, repeats[engine], full_recipe) for _ in range(processes[engine])]
            results[(backend, engine)] = min(runs, key=lambda run: run["median_step_ms"])  # the fastest process
    peers = []
    if not args.no_peers:
        from benchmarks.peers import run_all_peers

        print(f"measuring the peers ({args.processes} processes each) ...", flush=True)
        rounds = [run_all_peers(epochs=2 if args.quick else 10) for _ in range(args.processes)]
        for records in zip(*rounds):  # one loop's records, one per round: keep the fastest
            timed = [record for record in records if "ms_per_step" in record]
            peers.append(min(timed, key=lambda record: record["ms_per_step"]) if timed else records[0])
    print()
    report(results, peers)


if __name__ == "__main__":
    main()
