"""The lab: play the sine GAN live, a step at a time, in a browser page or a notebook.

    session.py  LabSession: the game as method calls (one D step, one G step, rounds, knobs)
    frame.py    LabFrame: what the page draws of one moment, arrows included
    randomness.py  each session's seeds, apart from the others' in one process
    worker.py   LabWorker: one session's training thread, driven by commands
    views.py    the Bokeh figures: the (b, c) plane, the curves, the losses, the measures
    page.py     LabPage: the controls and the views, as one Panel layout
    server.py   Lab (the object a notebook shows) and serve_lab (``sinegan lab``)

``LabSession`` and ``LabFrame`` need only Keras; the page needs Panel (``pip install
"sinegan[lab]"``), imported when ``Lab`` or ``serve_lab`` is first used.
"""

from __future__ import annotations

from .frame import LabFrame
from .session import LabSession

__all__ = ["Lab", "LabFrame", "LabSession", "serve_lab"]


def __getattr__(name):
    if name in ("Lab", "serve_lab"):
        try:
            from . import server
        except ModuleNotFoundError as error:
            raise ModuleNotFoundError(
                f"sinegan.lab.{name} needs Panel, which is not installed: "
                'pip install "sinegan[lab]"'
            ) from error
        return getattr(server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
