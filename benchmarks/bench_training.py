"""How fast does each engine train the slides' GAN, on each Keras backend, and against its peers?

Run it from the repository root:

    PYTHONPATH=. python benchmarks/bench_training.py            # a few minutes
    PYTHONPATH=. python benchmarks/bench_training.py --quick    # a smoke run
    PYTHONPATH=. python benchmarks/bench_training.py --backends jax --full-literal

Every engine runs the same algorithm on the same recipe (``GANConfig()``, seed 0).
Each (backend, engine) pair is measured in its own child process (this script,
re-invoked with ``--child`` and ``KERAS_BACKEND`` set), because a process picks its
Keras backend once, and so that its peak memory is its own. A child measures:

- ms per GAN step of the engine alone: one warm-up epoch first (its first call
  traces or compiles, which costs seconds and is excluded), then several repeats
  of one epoch (64 steps each) through ``Trainer.run_epoch``; we print the median
  over the repeats. The ratio literal/fast is the speed-up on that backend.
- ms per GAN step through ``Trainer.train`` (fast engine): after a warm-up epoch,
  one call of as many epochs as the repeats, each epoch timed by a Keras callback
  from its ``on_epoch_begin`` to its ``on_epoch_end``, as the peers time theirs;
  the median over the epochs. This is what the comparison with the peers reads.
  The quality measurement is switched off for it, since it is work of its own,
  not overhead. The wrapper (the call's mean per step against the engine alone):
  target within 5%.
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

The peers (benchmarks/peers.py: the keras.io idiom, a plain PyTorch loop and
hand-written JAX) run on the same recipe, each in its own process too.

Everything runs in interleaved rounds (``--rounds``, default 3): in each round,
for each backend, its peers and its fast engine run one after another, each in a
fresh process (peer, engine, peer, engine...; the order flips every round), so a
peer and the engine it is compared with share whatever else the machine is doing
at that moment. The table keeps each loop's fastest round, and the ratios
engine/peer come from the same run. On a 2-core CPU, one and the same JAX program
runs at one of two speeds, decided when its process starts, and other work on the
machine slows any process down, so a single process per loop, or all of one
loop's processes before all of another's, can flip a ratio. The literal engines,
tens of times slower and outside the comparison, run once, in the first round.
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
    return sum(fan_in * fan_out for fan_in, fan_out in zip(sizes[:-1], sizes[1:], strict=True))


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
    discriminator = dense_multiply_adds(
        [config.train_len, config.discriminator_units, config.discriminator_units, 1]
    )
    generate = 2 * half * generator
    train_discriminator = 3 * 2 * (2 * half) * discriminator
    train_generator_through_frozen_discriminator = (
        3 * 2 * half * generator + 2 * 2 * half * discriminator
    )
    return generate + train_discriminator + train_generator_through_frozen_discriminator


def measure_engine(engine: str, repeats: int, full_recipe: bool) -> dict:
    """Everything about one engine, measured in this (child) process."""
    start = time.perf_counter()
    from sinegan import GANConfig, Trainer, backends  # imports Keras and its backend

    result = {
        "engine": engine,
        "backend": backends.name(),
        "import_seconds": time.perf_counter() - start,
    }
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
        # The quality measurement is work of its own, not overhead: monitor=False leaves it out.
        # A warm-up first, as for the engine: it traces the finite check and the snapshot.
        trainer.train(1, log=None, monitor=False)
        # each epoch as the peers time theirs: from a callback's epoch begin to its end
        from benchmarks.peers import epoch_timer

        timer = epoch_timer()
        start = time.perf_counter()
        # One call, as a user makes it, of `repeats` epochs.
        trainer.train(repeats, log=None, callbacks=[timer], monitor=False)
        result["train_ms"] = (
            1000 * (time.perf_counter() - start) / (repeats * config.steps_per_epoch)
        )
        result["train_step_ms"] = [
            1000 * seconds / config.steps_per_epoch for seconds in timer.seconds
        ]
        result["median_train_step_ms"] = statistics.median(result["train_step_ms"])
    if not full_recipe:
        steps_left = total_steps - config.steps_per_epoch  # the warm-up epoch ran the first 64
        result["estimated_full_recipe_seconds"] = (
            result["pretrain_seconds"] + warm_up + median / 1000 * steps_left
        )
    # KiB on Linux
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def run_child(backend: str, engine: str, repeats: int, full_recipe: bool) -> dict:
    """Re-invoke this script for one engine on one backend; its last stdout line is JSON."""
    command = [
        sys.executable,
        os.path.abspath(__file__),
        "--child",
        "--engine",
        engine,
        "--repeats",
        str(repeats),
    ] + (["--full-recipe"] if full_recipe else [])
    completed = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "KERAS_BACKEND": backend}
    )
    if completed.returncode != 0:
        sys.exit(
            f"The {backend} {engine} child failed (exit {completed.returncode}):\n"
            f"{completed.stderr}"
        )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def per_step(record: dict) -> float:
    """What the comparison table reads: ms per step through the loop's own training call
    (``Trainer.train`` for sinegan's fast engine, the engine alone for the literal one, the
    peer's loop)."""
    return record.get(
        "median_train_step_ms", record.get("median_step_ms", record.get("ms_per_step"))
    )


def best(records: list) -> dict:
    """The round whose loop ran fastest."""
    return min(records, key=per_step)


def report(results: dict, peers: dict, rounds: int) -> None:
    """``results``: {(backend, engine): [child record per round]};
    ``peers``: {loop: [record per round]}."""
    from benchmarks.peers import BACKEND, LABEL

    flops = next(iter(results.values()))[0]["flops_per_step"]
    print(f"FLOPs per GAN step (from the layer sizes): {flops:,} = {flops / 1e6:.1f} MFLOP\n")
    print("each engine in its fastest round: the engine alone (run_epoch), median over its epochs")
    print(
        " backend    | engine  | ms/step (median, min-max)  | GFLOP/s | peak RSS | import | build "
        "| pretrain | warm-up"
    )
    for (backend, name), records in results.items():
        result = best(records)
        low, high = min(result["step_ms"]), max(result["step_ms"])
        gflops = flops / (result["median_step_ms"] / 1000) / 1e9
        print(
            f" {backend:10s} | {name:7s} | {result['median_step_ms']:8.3f} "
            f"({low:7.3f}-{high:7.3f}) "
            f"| {gflops:7.3f} | {result['peak_rss_mib']:4.0f} MiB "
            f"| {result['import_seconds']:5.1f} s | {result['build_seconds']:4.2f} s "
            f"| {result['pretrain_seconds']:6.2f} s | {result['warm_up_seconds']:5.2f} s"
        )
    verdict = {True: "met", False: "MISSED"}
    backends = sorted({backend for backend, _ in results}, key=BACKENDS.index)
    print(
        "\nper backend: literal/fast speed-up; Trainer.train against the fast engine alone "
        "(means per step, same process); full fast recipe (first round)"
    )
    for backend in backends:
        fast, literal = (
            best(results[(backend, "fast")]),
            results.get((backend, "literal"), [None])[0],
        )
        speed_up = (
            f"{literal['median_step_ms'] / fast['median_step_ms']:6.1f}x" if literal else "     -"
        )
        wrapper = fast["train_ms"] / statistics.mean(fast["step_ms"])  # a mean against a mean
        full = next(
            record["full_recipe_seconds"]
            for record in results[(backend, "fast")]
            if "full_recipe_seconds" in record
        )
        print(
            f" {backend:10s} | speed-up {speed_up} | train() {fast['train_ms']:.3f} ms/step = "
            f"{100 * (wrapper - 1):+.1f}% ({verdict[wrapper <= TARGET_WRAPPER]}: <= +5%) "
            f"| full recipe {full:5.1f} s"
        )
        if literal and "full_recipe_seconds" not in literal:
            print(
                f" {'':10s} | literal full recipe "
                f"{literal['estimated_full_recipe_seconds']:.0f} s estimated "
                "(pretrain + warm-up epoch + median ms/step x 4,032; --full-literal measures it)"
            )
        elif literal:
            print(
                f" {'':10s} | literal full recipe {literal['full_recipe_seconds']:.0f} s measured"
            )

    print(
        "\nevery loop on the slides' recipe, ms per GAN step, "
        f"best of {rounds} interleaved round(s) "
        "(each round: the median over its epochs); fastest first:"
    )
    rows = [
        ("sinegan fast engine, Trainer.train", backend, [per_step(record) for record in records])
        for (backend, name), records in results.items()
        if name == "fast"
    ]
    rows += [
        ("sinegan literal engine (1 process)", backend, [per_step(record) for record in records])
        for (backend, name), records in results.items()
        if name == "literal"
    ]
    rows += [
        (
            f"peer: {LABEL[loop]}",
            BACKEND[loop],
            [per_step(record) for record in records if "skipped" not in record],
        )
        for loop, records in peers.items()
    ]
    rows = [row for row in rows if row[2]]
    print(f" {'loop':52s} | {'backend':10s} | {'best':>8s} | every round")
    for label, backend, figures in sorted(rows, key=lambda row: min(row[2])):
        every_round = " ".join(f"{ms:.3f}" for ms in figures)
        print(f" {label:52s} | {backend:10s} | {min(figures):8.3f} | {every_round}")
    for loop, records in peers.items():
        if all("skipped" in record for record in records):
            print(f" peer {loop}: skipped, {records[0]['skipped']}")

    goals = {"jax_scan": 1.0, "keras_io_spe64": 1.0, "keras_io": 1.0, "torch_eager": 1.5}
    print(
        "\nsinegan's fast engine (Trainer.train) against each peer on its backend, "
        "best against best "
        "(and the median of the per-round ratios):"
    )
    for loop, records in peers.items():
        timed = [record for record in records if "skipped" not in record]
        if not timed or (BACKEND[loop], "fast") not in results:
            continue
        engine = results[(BACKEND[loop], "fast")]
        ratio = per_step(best(engine)) / per_step(best(timed))
        # one engine record and one peer record per round
        pairs = zip(engine, records, strict=True)
        paired = [per_step(a) / per_step(b) for a, b in pairs if "skipped" not in b]
        print(
            f" {BACKEND[loop]:10s} | / {LABEL[loop]:44s} | {ratio:5.2f}x "
            f"(per round {statistics.median(paired):.2f}x)"
            f" | goal <= {goals[loop]}: {verdict[ratio <= goals[loop]]}"
        )

    fastest_backend, fastest = min(
        ((backend, best(results[(backend, "fast")])) for backend in backends),
        key=lambda item: per_step(item[1]),
    )
    print(
        f"\nfastest sinegan engine: fast on {fastest_backend}, {per_step(fastest):.3f} ms/step "
        f"through Trainer.train (goal <= {TARGET_STEP_MS} ms: "
        f"{verdict[per_step(fastest) <= TARGET_STEP_MS]})"
    )
    if ("tensorflow", "literal") in results:
        literal, fast = results[("tensorflow", "literal")][0], best(results[("tensorflow", "fast")])
        speed_up = literal["median_step_ms"] / fast["median_step_ms"]
        print(
            f"speed-up on TensorFlow: {speed_up:.0f}x (target >= {TARGET_SPEED_UP}x, "
            f"{verdict[speed_up >= TARGET_SPEED_UP]})"
        )
    full = min(
        next(
            record["full_recipe_seconds"]
            for record in results[(backend, "fast")]
            if "full_recipe_seconds" in record
        )
        for backend in backends
    )
    print(
        f"full recipe, fastest backend: {full:.1f} s "
        f"(target <= {TARGET_FULL_RECIPE_SECONDS:.0f} s, "
        f"{verdict[full <= TARGET_FULL_RECIPE_SECONDS]})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats: a smoke run")
    parser.add_argument(
        "--backends",
        nargs="+",
        choices=BACKENDS,
        default=BACKENDS,
        help="Keras backends to measure (default: every one installed)",
    )
    parser.add_argument("--no-literal", action="store_true", help="skip the literal engine")
    parser.add_argument(
        "--no-peers", action="store_true", help="skip the peers (benchmarks/peers.py)"
    )
    parser.add_argument(
        "--processes",
        "--rounds",
        type=int,
        default=3,
        dest="rounds",
        help="interleaved rounds: in each, every peer and every fast engine runs in a process "
        "of its own, and the table keeps each one's fastest round (default 3)",
    )
    parser.add_argument(
        "--full-literal",
        action="store_true",
        help="run the literal engine's full recipe for real (minutes per backend)",
    )
    parser.add_argument(
        "--write", action="store_true", help="write docs/results/speed-<backends>.json"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--engine", choices=("fast", "literal"), help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--full-recipe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before TensorFlow is imported

    if args.child:
        print(json.dumps(measure_engine(args.engine, args.repeats, args.full_recipe)))
        return
    from benchmarks.peers import BACKEND, LOOPS, run_peer
    from sinegan.backends import installed  # imports no Keras

    repeats = {"literal": 1 if args.quick else 3, "fast": 5 if args.quick else 30}
    peer_epochs = 5 if args.quick else 30  # as many timed epochs as the fast engine's
    backends = []
    for backend in args.backends:
        if installed(backend):
            backends.append(backend)
        else:
            print(f"skipping the {backend} backend: its library is not installed")
    results, peers = {}, {}
    for round_number in range(args.rounds):
        print(f"round {round_number + 1} of {args.rounds} ...", flush=True)
        for backend in backends:
            # peer, engine, peer, engine...: each pair shares whatever else the machine is doing,
            # and the order alternates between rounds.
            jobs = [
                ("peer", loop) for loop in LOOPS if BACKEND[loop] == backend and not args.no_peers
            ]
            jobs.append(("engine", "fast"))
            if round_number % 2:
                jobs.reverse()
            for kind, name in jobs:
                print(
                    f"  {backend}: {'the fast engine' if kind == 'engine' else 'peer ' + name} ...",
                    flush=True,
                )
                if kind == "peer":
                    peers.setdefault(name, []).append(run_peer(name, epochs=peer_epochs))
                else:  # the first round also times the full recipe, first trace included
                    results.setdefault((backend, "fast"), []).append(
                        run_child(backend, "fast", repeats["fast"], full_recipe=round_number == 0)
                    )
            # once: tens of times slower, outside the comparison
            if round_number == 0 and not args.no_literal:
                print(
                    f"  {backend}: the literal engine "
                    f"({repeats['literal']} repeats of 64 steps) ...",
                    flush=True,
                )
                results[(backend, "literal")] = [
                    run_child(backend, "literal", repeats["literal"], args.full_literal)
                ]
    print()
    report(
        dict(sorted(results.items(), key=lambda item: (BACKENDS.index(item[0][0]), item[0][1]))),
        peers,
        args.rounds,
    )
    if args.write:
        write(args, results, peers)


def write(args, results: dict, peers: dict) -> None:
    """Keep every round's records and each backend's headline figures in docs/results."""
    from benchmarks.results import write_result

    backends = sorted({backend for backend, _ in results}, key=BACKENDS.index)
    figures = {"records": {f"{backend} {name}": rows for (backend, name), rows in results.items()}}
    figures["peers"] = peers
    for backend in backends:
        fast = best(results[(backend, "fast")])
        headline = {
            "fast ms/step": fast["median_step_ms"],
            "fast min ms/step": min(fast["step_ms"]),
            "fast max ms/step": max(fast["step_ms"]),
            "train ms/step": fast["train_ms"],
            "train() overhead %": 100 * (fast["train_ms"] / statistics.mean(fast["step_ms"]) - 1),
            "full recipe s": next(
                row["full_recipe_seconds"]
                for row in results[(backend, "fast")]
                if "full_recipe_seconds" in row
            ),
        }
        if (backend, "literal") in results:
            literal = results[(backend, "literal")][0]
            headline["literal ms/step"] = literal["median_step_ms"]
            headline["speed-up"] = literal["median_step_ms"] / fast["median_step_ms"]
            headline["literal full recipe s"] = literal.get(
                "full_recipe_seconds", literal.get("estimated_full_recipe_seconds")
            )
        figures[backend] = headline
    sample = {
        "benchmark": "benchmarks/bench_training.py",
        "backend": backends,
        "preset": "slides",
        "seed": 0,
        "rounds": args.rounds,
        "literal": "measured" if args.full_literal else "full recipe estimated",
        "steps": "median over the epochs of a round, the fastest round kept",
    }
    write_result("speed-" + "-".join(backends), sample, figures)


if __name__ == "__main__":
    main()
