"""``sinegan sweep``: the sweep's options, their checks, and the command (sinegan.sweep).

    sinegan sweep --preset P --grid FIELD=V1,V2 [--grid ...] --seeds 0-31
                  [--set FIELD=VALUE ...] [--epochs N] --out DIR
                  [--search MEASURE --mode max|min --trials N] [--early-stop asha|median]
                  [--address ADDR | --cpus N] [--cpus-per-trial C] [--gpus-per-trial G]
    sinegan sweep --resume DIR
    sinegan sweep report DIR [--by MEASURE --mode max|min] [--top K] [--to FOLDER]

The whole spec is checked here, every config of the grid built, before Ray or
Keras is imported: a bad spec costs a fraction of a second and one line.
"""

from __future__ import annotations

import argparse
import importlib.util
import os

from ..sweep.spec import MEASURES, SPEC_FILE, SweepSpec, parse_grid, parse_seeds
from .command_line import OneLineParser, integer_at_least, prepare_output_folder

SPEC_OPTIONS = ("preset", "grid", "seeds", "settings", "epochs", "search", "mode", "early_stop")


def _fraction(text):
    """An argparse type: a number of CPUs or GPUs, a fraction allowed (0.25 of a GPU)."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a non-negative number, received {text!r}")
    return value


def add_sweep_parser(commands, add_setting_option, presets):
    """The ``sweep`` subcommand, its options, and ``sweep report``."""
    sweep = commands.add_parser("sweep", help="train a grid of configs x seeds on Ray Tune")
    where = sweep.add_mutually_exclusive_group()
    where.add_argument("--out", metavar="DIR", help="folder of a new sweep")
    where.add_argument("--resume", metavar="DIR", help="finish the sweep in DIR")
    sweep.add_argument("--preset", choices=sorted(presets), help="recipe (default: slides)")
    sweep.add_argument(
        "--grid", action="append", default=[], metavar="FIELD=V1,V2", help="values of one field"
    )
    sweep.add_argument("--seeds", help="seeds: 0-31, 0,3,7 or 0-3,8 (a search: one seed, 0)")
    add_setting_option(sweep)
    sweep.add_argument("--epochs", type=integer_at_least(0, "a non-negative integer"))
    sweep.add_argument("--search", choices=MEASURES, help="let Optuna optimise this measure")
    sweep.add_argument("--mode", choices=("max", "min"), help="maximise or minimise it")
    sweep.add_argument("--trials", type=integer_at_least(1, "a positive integer"), default=20)
    sweep.add_argument("--early-stop", choices=("asha", "median"), help="stop poor trials early")
    sweep.add_argument("--address", help="join this Ray cluster (default: Ray on this machine)")
    sweep.add_argument("--cpus", type=integer_at_least(1, "a positive integer"), help="local CPUs")
    sweep.add_argument("--cpus-per-trial", type=_fraction, default=1.0)
    sweep.add_argument("--gpus-per-trial", type=_fraction, default=0.0)
    sweep.add_argument("--max-failures", type=integer_at_least(0, "an integer >= 0"), default=3)
    sweep.add_argument("--quiet", action="store_true", help="no Ray Tune status tables")
    reports = sweep.add_subparsers(dest="sweep_command", parser_class=OneLineParser)
    report = reports.add_parser("report", help="draw a sweep's figures, print its best configs")
    report.add_argument("folder", metavar="DIR", help="the sweep's folder")
    report.add_argument("--to", help="folder for the figures (default: DIR/report)")
    report.add_argument("--by", choices=MEASURES, help="rank by (default: the search's, sine_like)")
    report.add_argument("--mode", dest="rank_mode", choices=("max", "min"), help="best is max/min")
    report.add_argument("--top", type=integer_at_least(1, "a positive integer"), default=5)


def check_sweep_arguments(arguments, parser):
    """Every check that needs neither Ray nor Keras; fills in ``arguments.spec``."""
    if arguments.sweep_command == "report":
        return _check_report(arguments, parser)
    if arguments.address is not None and arguments.cpus is not None:
        parser.error("--cpus is for Ray on this machine; a cluster at --address has its own")
    if arguments.resume is not None:
        for option in SPEC_OPTIONS:
            if getattr(arguments, option) not in (None, []):
                flag = "--set" if option == "settings" else f"--{option.replace('_', '-')}"
                parser.error(f"{flag} cannot change a sweep being resumed; it keeps {SPEC_FILE}")
        try:
            from ..sweep.tune import read_spec

            arguments.spec = read_spec(arguments.resume)
        except (ValueError, FileNotFoundError) as error:
            parser.error(str(error))
        if arguments.backend not in (None, arguments.spec.backend):
            parser.error(
                f"--backend expected {arguments.spec.backend!r}, the sweep's own. "
                f"Received: backend={arguments.backend!r}"
            )
        arguments.folder = arguments.resume
    elif arguments.out is not None:
        arguments.spec, arguments.folder = _spec(arguments, parser), arguments.out
        if os.path.exists(os.path.join(arguments.out, SPEC_FILE)):
            parser.error(
                f"--out {arguments.out!r} already holds a sweep: finish it with --resume, "
                "or choose another folder"
            )
    else:
        parser.error("sweep expected --out DIR (a new sweep), --resume DIR, or report DIR")
    if importlib.util.find_spec("ray") is None:
        parser.error('sweep expected Ray Tune installed: pip install "sinegan[sweep]"')
    prepare_output_folder(
        arguments.folder, parser, option="--resume" if arguments.resume else "--out"
    )


def _spec(arguments, parser) -> SweepSpec:
    settings = dict(arguments.settings)
    if arguments.epochs is not None:
        settings["epochs"] = arguments.epochs
    try:
        grid = {}
        for text in arguments.grid:
            name, values = parse_grid(text)
            if name in grid:
                parser.error(f"--grid expected each field once. Received: grid={text!r}")
            grid[name] = values
        if arguments.seeds is None and arguments.search is None:
            parser.error("--seeds expected with a grid, e.g. --seeds 0-9")
        seeds = parse_seeds(arguments.seeds if arguments.seeds is not None else "0")
        return SweepSpec(
            preset=arguments.preset or "slides",
            grid=grid,
            seeds=tuple(seeds),
            settings=settings,
            search=arguments.search,
            mode=arguments.mode,
            trials=arguments.trials,
            early_stop=arguments.early_stop,
            backend=arguments.backend,
        ).check()
    except ValueError as error:
        parser.error(str(error))


def _check_report(arguments, parser):
    from ..sweep.table import TABLE

    folder = arguments.folder
    if not os.path.isfile(os.path.join(folder, TABLE + ".csv")):
        parser.error(
            f"sweep report expected a sweep folder with {TABLE}.csv. Received: DIR={folder!r}"
        )
    arguments.to = arguments.to or os.path.join(folder, "report")
    prepare_output_folder(arguments.to, parser, option="--to")


def sweep(arguments, prog):
    """Run the sweep (or draw its report); the exit status: 0, or 1 if a trial failed."""
    if arguments.sweep_command == "report":
        from ..sweep.report import report_sweep

        report_sweep(
            arguments.folder, arguments.to, arguments.by, arguments.rank_mode, arguments.top
        )
        return 0
    from ..sweep.tune import run_sweep

    rows, errors = run_sweep(
        arguments.spec,
        arguments.folder,
        address=arguments.address,
        cpus=arguments.cpus,
        cpus_per_trial=arguments.cpus_per_trial,
        gpus_per_trial=arguments.gpus_per_trial,
        max_failures=arguments.max_failures,
        resume=arguments.resume is not None,
        verbose=0 if arguments.quiet else 1,
    )
    done = sum(bool(row.get("done")) for row in rows)
    print(
        f"{len(rows)} trials in the table ({done} trained all their epochs, {len(errors)} failed). "
        f"Wrote {os.path.join(arguments.folder, 'results.csv')} and results.parquet. "
        f"Draw it with: {prog} sweep report {arguments.folder}"
    )
    for error in errors:
        print(f"{prog}: a trial failed: {' '.join(str(error).split())[:300]}")
    return 1 if errors else 0
