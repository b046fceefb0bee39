"""Files written so that a run stopped at any moment never leaves one half-written.

Every writer goes through a temporary file in the target's own folder and then
``os.replace``, which swaps it in at once: a reader sees the previous version
or the new one, never a mixture.

This module imports no TensorFlow, so command lines can use it before the slow
imports of training.
"""

from __future__ import annotations

import os
import tempfile


def atomic_write(path, write):
    """Call ``write(temporary_path)``, then rename the result to ``path``.

    The temporary file sits in the same folder (a rename across file systems
    would be a copy, and not atomic) and keeps ``path``'s extension, because
    some writers (Keras, Pillow, Matplotlib) choose the format from it.
    """
    path = os.fspath(path)
    folder, name = os.path.split(os.path.abspath(path))
    extension = os.path.splitext(name)[1]
    handle, temporary = tempfile.mkstemp(
        prefix=f".{name}.", suffix=f".partial{extension}", dir=folder
    )
    os.close(handle)
    try:
        write(temporary)
        # mkstemp makes it private; give it a normal file's mode
        os.chmod(temporary, 0o666 & ~_current_umask())
        os.replace(temporary, path)
    except BaseException:  # also Ctrl-C: never leave the temporary file behind
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def save_figure(path, figure, dpi=120):
    """Save a Matplotlib figure as a PNG at ``path``, atomically."""
    atomic_write(path, lambda temporary: figure.savefig(temporary, dpi=dpi, format="png"))


def save_figures(folder, figures, dpi=120):
    """Save each {file name: Figure} as a PNG in ``folder``, atomically."""
    for name, figure in figures.items():
        save_figure(os.path.join(folder, name), figure, dpi=dpi)


def _current_umask() -> int:
    umask = os.umask(0)  # reading the umask means setting it: put it straight back
    os.umask(umask)
    return umask
