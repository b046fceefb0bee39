"""The progress of ``sinegan train``: a Keras progress bar over the epochs, and the quality lines.

``keras.utils.Progbar`` draws the bar (redrawn in place on a terminal, one line
per update otherwise) with each epoch's mean losses and D's accuracy; every
few epochs the trainer's quality measures are printed under it.
"""

from __future__ import annotations

import keras

from ..harness.monitor import describe

SHOWN = {
    "discriminator_loss": "D loss",
    "generator_loss": "G loss",
    "discriminator_accuracy": "D accuracy",
}


class EpochProgress(keras.callbacks.Callback):
    """A Progbar that advances by one epoch at every ``on_epoch_end``, for ``epochs`` epochs."""

    def __init__(self, epochs: int):
        super().__init__()
        # Stateful: the bar shows each epoch's own means, not a mean over the epochs so far.
        self.progbar = keras.utils.Progbar(
            epochs, unit_name="epoch", stateful_metrics=list(SHOWN.values())
        )
        self.done = 0

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        self.done += 1
        measured = "sine_like" in logs
        # finalize=True draws the bar now, so a quality line below it follows the epoch it measured.
        self.progbar.update(
            self.done,
            [(label, logs[name]) for name, label in SHOWN.items() if name in logs],
            finalize=True if measured else None,
        )
        if measured:
            print("\n" + describe(epoch + 1, logs), flush=True)

    def on_train_end(self, logs=None):
        print(flush=True)  # end the bar's line
