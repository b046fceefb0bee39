"""Watch the game in the (b, c) plane while it trains, in a notebook.

    trainer.train(callbacks=[PlaneView(trainer)])

Each time the trainer records a new frame of the plane (every ``monitor_every``
epochs and at the last epoch: sinegan.measure.plane), ``PlaneView`` redraws
``plot_plane`` of it in place, in one output area of the notebook, so the
picture moves as G's dots spread over the data's rectangle (or crowd into a band).

IPython is imported only when a frame is drawn: outside a notebook (a script,
the command line, a test) the callback draws nothing and costs nothing.
"""

from __future__ import annotations

import io

import keras

from ..figures.plane import plot_plane
from ..validation import require_instance
from .trainer import Trainer


class PlaneView(keras.callbacks.Callback):
    """A Keras callback that shows the latest (b, c) frame of ``trainer``, redrawn in place."""

    def __init__(self, trainer: Trainer):
        super().__init__()
        require_instance("trainer", trainer, Trainer, "a sinegan Trainer")
        self.trainer = trainer
        # frames recorded before this callback: already seen
        self.frames_shown = len(trainer.history.plane)
        self.display_handle = None  # the notebook output area, made on the first frame

    def on_epoch_end(self, epoch, logs=None):
        frames = self.trainer.history.plane
        # no quality measurement this epoch: nothing new to draw
        if len(frames) == self.frames_shown:
            return
        self.frames_shown = len(frames)
        if not _in_ipython():  # a script, the command line, a test: nothing to draw on
            return
        from IPython.display import Image, display

        # The PNG is rendered here, rather than the Figure handed to IPython, so that any
        # notebook front end shows it, whatever matplotlib backend it has set up.
        buffer = io.BytesIO()
        plot_plane(frames[-1], self.trainer.config).savefig(buffer, format="png", dpi=90)
        image = Image(data=buffer.getvalue(), format="png")
        if self.display_handle is None:
            # a new output area, kept to update
            self.display_handle = display(image, display_id=True)
        else:
            self.display_handle.update(image)  # the same area, redrawn


def _in_ipython() -> bool:
    """Whether this process is an IPython shell or notebook kernel (IPython may be missing)."""
    try:
        from IPython import get_ipython
    except ImportError:  # the base install does not need IPython
        return False
    return get_ipython() is not None
