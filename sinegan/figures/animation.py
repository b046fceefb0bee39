"""The step-6 figure in motion: one fixed latent batch, epoch after epoch.

``Trainer.history.snapshots`` holds G(z) for the same latent vectors z before
training and after every epoch; played in order, they show the generator's
curves turning from noise into sinusoids, "curves improving as accuracy
improves". The function returns a matplotlib animation and writes nothing:
save it with ``animation.save("training.gif", writer=PillowWriter(fps=8))``.
"""

from __future__ import annotations

import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.figure import Figure

from ..validation import require_int
from .run import GENERATED_COLOUR, REAL_COLOUR, check_history, check_x_and_curves, decorate


def animate_snapshots(x, history, real=None, interval: int = 125) -> FuncAnimation:
    """One frame per entry of ``history.snapshots``; ``real`` curves, if given, faintly behind.

    ``interval`` is the time between frames in milliseconds.
    """
    check_history(history)
    if not history.snapshots:
        raise ValueError("history expected at least one snapshot. Received: history.snapshots=[]")
    require_int("interval", interval, minimum=1)
    snapshots = [
        check_x_and_curves(x, snapshot, "history.snapshots")[1] for snapshot in history.snapshots
    ]
    x = np.asarray(x, dtype=np.float64)  # (points,)
    accuracy = history.epoch_means()["discriminator_accuracy"]  # (epochs,)
    fig = Figure(figsize=(7, 4), layout="constrained")
    ax = fig.add_subplot()
    if real is not None:
        for curve in check_x_and_curves(x, real, "real")[1][:8]:
            ax.plot(x, curve, color=REAL_COLOUR, alpha=0.35, linewidth=0.8)  # faint, for scale
    lines = [ax.plot(x, curve, color=GENERATED_COLOUR, linewidth=1.2)[0] for curve in snapshots[0]]
    decorate(ax, "")

    def draw(epoch):
        for line, curve in zip(lines, snapshots[epoch], strict=True):
            line.set_ydata(curve)
        title = (
            "before training"
            if epoch == 0
            else f"epoch {epoch}: D accuracy {accuracy[epoch - 1]:.2f}"
        )
        ax.set_title(f"The generator's curves for one fixed latent batch, {title}", fontsize=10)
        return lines

    return FuncAnimation(fig, draw, frames=len(snapshots), interval=interval, blit=False)
