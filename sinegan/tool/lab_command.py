"""``sinegan lab``: the lab's options, and the command that serves it (sinegan.lab.server)."""

from __future__ import annotations

import logging
import os

from .command_line import integer_at_least


def add_lab_parser(commands, add_setting_option, presets):
    """The ``lab`` subcommand and its options, on the command line's subparsers."""
    lab = commands.add_parser("lab", help="play the GAN live in a browser page (the lab)")
    lab.add_argument("--preset", choices=sorted(presets), help="starting recipe (default: slides)")
    lab.add_argument(
        "--seed",
        type=integer_at_least(0, "a non-negative integer"),
        help="random seed (default: the preset's, 0)",
    )
    add_setting_option(lab)  # the starting recipe's fields, as ``train --set``
    lab.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    lab.add_argument(
        "--port", type=integer_at_least(1, "a port number"), default=5006, help="port (5006)"
    )
    lab.add_argument("--open", action="store_true", help="open the page in a browser")
    lab.add_argument(
        "--max-sessions",
        type=integer_at_least(1, "a positive integer"),
        default=4,
        help="browser tabs that may train at once (default 4)",
    )
    lab.add_argument(
        "--runs-dir", default="lab-runs", help='where "Save run" writes runs (default lab-runs)'
    )


def check_lab_arguments(arguments, parser):
    """The checks that need no Keras: the port's range and the runs directory."""
    if arguments.port > 65535:
        parser.error(f"--port expected a port number up to 65535. Received: port={arguments.port}")
    runs = arguments.runs_dir
    if os.path.exists(runs) and not (os.path.isdir(runs) and os.access(runs, os.W_OK)):
        parser.error(f"--runs-dir expected a writable directory. Received: runs_dir={runs!r}")


def lab(arguments, prog):
    """Serve the lab until Ctrl-C."""
    del prog
    from ..lab.server import serve_lab  # loads Panel and Bokeh: only this command needs them

    os.makedirs(arguments.runs_dir, exist_ok=True)
    # Every tab traces its own loops, and each speed its own: TensorFlow's warning about
    # "excessive retracing" counts them all, and would fill the console of a lab at work.
    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    try:
        serve_lab(
            arguments.config,
            host=arguments.host,
            port=arguments.port,
            open_browser=arguments.open,
            max_sessions=arguments.max_sessions,
            runs_dir=os.path.abspath(arguments.runs_dir),
            log=lambda line: print(line, flush=True),  # at once, even into a pipe
        )
    except KeyboardInterrupt:
        print("sinegan lab: stopped")
    except OSError as error:  # the port is taken, or the host is not this machine's
        raise ValueError(
            f"port expected a free port on {arguments.host} ({error.strerror or error}). "
            f"Received: port={arguments.port}"
        ) from None
    return 0
