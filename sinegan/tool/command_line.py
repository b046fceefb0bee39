"""What the examples and the ``sinegan`` command share: one-line errors, checked numbers and
folders.

Nothing here imports TensorFlow, so a bad argument is reported at once, before
the slow imports of training.
"""

from __future__ import annotations

import argparse
import os


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments end with one line on stderr and exit status 2, no usage dump."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


def integer_at_least(minimum, description):
    """An argparse type: an integer >= minimum, else a one-line error naming the value."""

    def parse(text):
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum:
            raise argparse.ArgumentTypeError(f"expected {description}, received {text!r}")
        return value

    return parse


positive_int = integer_at_least(1, "a positive integer")
non_negative_int = integer_at_least(0, "a non-negative integer")


def prepare_output_folder(path, parser, option="--out"):
    """Create the folder now and try writing in it, so a bad path fails before any training.

    A failure is the parser's one-line error (exit status 2) naming ``option``.
    """
    try:
        os.makedirs(path, exist_ok=True)
        probe = os.path.join(path, ".write-test")
        with open(probe, "w"):
            pass
        os.remove(probe)
    except OSError as error:
        parser.error(f"cannot write to {option} {path!r}: {error.strerror}")


def parse_with_output_folder(parser, argv):
    """``parser.parse_args(argv)``, then the ``--out`` check above: bad input before training."""
    arguments = parser.parse_args(argv)
    prepare_output_folder(arguments.out, parser)
    return arguments
