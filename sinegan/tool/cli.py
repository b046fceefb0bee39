"""The ``sinegan`` command: train, resume, sample, evaluate and animate a run.

    sinegan train [--preset P] [--epochs N] [--seed S] [--set FIELD=VALUE ...] --out RUN
    sinegan train --resume RUN [--epochs N]
    sinegan sample --run RUN [--n N] [--seed S] --output FILE.npz|FILE.png
    sinegan evaluate --run RUN [--n N] [--seed S]
    sinegan animate --run RUN --output FILE.gif [--fps F] [--view curves|plane]
    sinegan lab [--preset P] [--seed S] [--set FIELD=VALUE ...] [--port N] [--open]
    sinegan sweep --grid FIELD=V1,V2 --seeds 0-31 --out DIR ...   (sinegan.tool.sweep_command)

Every command takes ``--backend tensorflow|jax|torch``: the Keras backend to
run on, as ``KERAS_BACKEND`` chooses it (the default is Keras' own choice).

Everything the user typed is checked here, before TensorFlow is imported (a
few seconds), so a mistake costs a fraction of a second: bad input ends with
one line on stderr and exit status 2. The commands themselves live in
sinegan.tool.commands.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys

from ..backends import NAMES as BACKENDS
from ..backends import select as select_backend
from ..config_fields import parse_value
from ..presets import PRESETS, preset
from ..slides.config import GANConfig
from .checkpoint import plane_frames, read_checkpoint
from .command_line import OneLineParser, non_negative_int, positive_int, prepare_output_folder
from .errors import EXIT_BAD_INPUT
from .lab_command import add_lab_parser, check_lab_arguments
from .sweep_command import add_sweep_parser, check_sweep_arguments

# name -> "int", "float", ...
CONFIG_FIELDS = {field.name: field.type for field in dataclasses.fields(GANConfig)}
OUTPUT_SUFFIXES = {"sample": (".npz", ".png"), "animate": (".gif",)}


def config_setting(text):
    """An argparse type for ``--set FIELD=VALUE``: the value parsed with the field's type.

    Tuples are written with commas: ``--set generator_units=64,256``.
    """
    name, equals, value_text = text.partition("=")
    if not equals:
        raise argparse.ArgumentTypeError(f"expected FIELD=VALUE, received {text!r}")
    if name not in CONFIG_FIELDS:
        raise argparse.ArgumentTypeError(
            f"unknown config field. Received: {text!r}. Known fields: {', '.join(CONFIG_FIELDS)}"
        )
    kind = CONFIG_FIELDS[name]
    try:
        value = parse_value(kind, value_text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{name} expected a value of type {kind}. Received: {name}={value_text!r}"
        ) from None
    return name, value


def add_setting_option(command):
    """``--set FIELD=VALUE``, any number of times: one GANConfig field each."""
    command.add_argument(
        "--set",
        dest="settings",
        type=config_setting,
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="change one GANConfig field, e.g. train_size=512",
    )


def build_parser(prog="sinegan"):
    parser = OneLineParser(
        prog=prog,
        description="A GAN that learns to draw sinusoids: train it, "
        "resume it, draw curves, measure them, watch them learn.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)

    train = commands.add_parser("train", help="train a new run, or resume one")
    where = train.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", help="new run directory")
    where.add_argument("--resume", metavar="RUN", help="run directory to continue")
    train.add_argument("--preset", choices=sorted(PRESETS), help="recipe (default: slides)")
    train.add_argument(
        "--epochs", type=non_negative_int, help="total GAN epochs (default: the config's)"
    )
    train.add_argument(
        "--seed", type=non_negative_int, help="random seed (default: the preset's, 0)"
    )
    add_setting_option(train)
    train.add_argument("--engine", choices=("fast", "literal"), help="fast (default) or literal")
    add_lab_parser(commands, add_setting_option, PRESETS)
    add_sweep_parser(commands, add_setting_option, PRESETS)

    for name, description in (
        ("sample", "write new curves from a run's generator"),
        ("evaluate", "print the quality measures of a run's generator as JSON"),
        ("animate", "animate one fixed latent batch across the epochs"),
    ):
        command = commands.add_parser(name, help=description)
        command.add_argument("--run", required=True, help="run directory")
        if name != "animate":
            command.add_argument(
                "--n",
                type=positive_int,
                default=1000 if name == "sample" else 500,
                help="number of generated curves",
            )
            command.add_argument(
                "--seed", type=non_negative_int, default=0, help="latent vectors' seed"
            )
        else:
            command.add_argument("--fps", type=positive_int, default=8, help="frames per second")
            command.add_argument(
                "--view",
                choices=("curves", "plane"),
                default="curves",
                help="curves: G's curves for one fixed latent batch, every epoch (default); "
                "plane: D's score and G's curves in the (b, c) plane, every monitored epoch",
            )
        if name in OUTPUT_SUFFIXES:
            command.add_argument(
                "--output",
                required=True,
                help=f"file to write ({' or '.join(OUTPUT_SUFFIXES[name])})",
            )
    for command in commands.choices.values():
        command.add_argument(
            "--backend",
            choices=BACKENDS,
            help="Keras backend to run on (default: KERAS_BACKEND, or Keras' own default)",
        )
    return parser


def validate(arguments, parser):
    """Every check that needs no TensorFlow; fills in ``arguments.config`` and
    ``arguments.checkpoint``."""
    if arguments.backend is not None:
        try:
            select_backend(arguments.backend)  # before Keras is imported
        except ValueError as error:
            parser.error(str(error))
    if arguments.command == "sweep":
        return check_sweep_arguments(arguments, parser)
    if arguments.command == "train" and arguments.resume is not None:
        for option in ("preset", "seed", "engine"):
            if getattr(arguments, option) is not None:
                parser.error(
                    f"--{option} cannot change a run being resumed; it keeps its own config"
                )
        if arguments.settings:
            parser.error("--set cannot change a run being resumed; it keeps its own config")
    if arguments.command == "lab" or (arguments.command == "train" and arguments.out is not None):
        settings = dict(arguments.settings)
        if getattr(arguments, "epochs", None) is not None:
            settings["epochs"] = arguments.epochs
        if arguments.seed is not None:
            settings["seed"] = arguments.seed
        try:
            arguments.config = preset(arguments.preset or "slides").replace(**settings)
        except (ValueError, TypeError) as error:
            parser.error(str(error))
        if arguments.command == "lab":
            return check_lab_arguments(arguments, parser)
        if os.path.exists(os.path.join(arguments.out, "checkpoint.npz")):
            parser.error(
                f"--out {arguments.out!r} already holds a run: continue it with --resume, "
                "or choose another directory"
            )
        prepare_output_folder(arguments.out, parser)
        return
    run = arguments.resume if arguments.command == "train" else arguments.run
    if not os.path.isdir(run):
        parser.error(f"no run directory. Received: run={run!r}")
    try:
        arguments.checkpoint = read_checkpoint(os.path.join(run, "checkpoint.npz"))
    except (ValueError, FileNotFoundError) as error:
        parser.error(str(error))
    epoch = arguments.checkpoint["metadata"]["epoch"]
    if arguments.command == "train" and arguments.epochs is not None and arguments.epochs < epoch:
        parser.error(
            f"--epochs is the total, and the run has already trained {epoch} epochs. "
            f"Received: epochs={arguments.epochs}"
        )
    if arguments.command == "train":
        prepare_output_folder(run, parser, option="--resume")
    if (
        arguments.command == "animate"
        and arguments.view == "plane"
        and not plane_frames(arguments.checkpoint)
    ):
        parser.error(
            "--view plane expected a run that recorded the (b, c) plane at its monitored epochs; "
            "this one has no frame (it was trained by an older sinegan, or has not trained an "
            f"epoch): train it again, or use --view curves. Received: run={run!r}"
        )
    if arguments.command in OUTPUT_SUFFIXES:
        check_output_file(arguments.output, OUTPUT_SUFFIXES[arguments.command], parser)


def check_output_file(path, suffixes, parser):
    if not path.lower().endswith(suffixes):
        parser.error(
            f"--output expected a file ending in {' or '.join(suffixes)}. Received: output={path!r}"
        )
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path) or not os.path.isdir(folder) or not os.access(folder, os.W_OK):
        parser.error(
            f"--output cannot be written: its folder is missing or read-only, or it is a folder. "
            f"Received: output={path!r}"
        )


def main(argv=None, prog="sinegan") -> int:
    parser = build_parser(prog)
    arguments = parser.parse_args(argv)
    validate(arguments, parser)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # TensorFlow's C++ start-up chatter
    from .lab_command import lab
    from .sweep_command import sweep  # Ray, in this process; the trials load Keras

    try:
        if arguments.command in ("lab", "sweep"):
            return {"lab": lab, "sweep": sweep}[arguments.command](arguments, prog)
        from . import commands  # loads Keras and its backend

        return getattr(commands, arguments.command)(arguments, prog)
    except (ValueError, FileNotFoundError) as error:  # bad input found only once Keras is up
        message = " ".join(str(error).split())
        parser.exit(EXIT_BAD_INPUT, f"{prog}: error: {message}\n")
    except OSError as error:
        parser.exit(EXIT_BAD_INPUT, f"{prog}: error: cannot write: {error}\n")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
