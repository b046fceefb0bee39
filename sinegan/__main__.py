"""``python -m sinegan``: the same command as ``sinegan``."""

import sys

from .tool.cli import main

sys.exit(main(prog="python -m sinegan"))
