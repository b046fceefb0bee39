"""Randomness that a process shares, kept apart for each lab session.

Keras seeds weights and dropout from one seed per process (sinegan.seeding), so the
lab builds every session's networks under ``BUILD_LOCK``: each session's weights then
depend on its own seed only. On PyTorch, Keras' unseeded Dropout (the slides' layers)
also draws its masks from the process's one generator (``backends.random_state``):
each session keeps its own state of it in an ``OwnRandomState``, swapped in under the
same lock around each of its steps. TensorFlow and JAX keep dropout's seeds in the
layers themselves: there the state is None and steps run without the lock.
"""

from __future__ import annotations

import threading

from .. import backends

BUILD_LOCK = threading.RLock()


class OwnRandomState:
    """One session's share of the process's random state (None where there is none)."""

    def __init__(self):
        self.state = backends.current().random_state()  # taken right after seeding

    def run(self, action):
        """``action()`` with this session's state in place; the state it leaves is kept."""
        if self.state is None:
            return action()
        backend = backends.current()
        with BUILD_LOCK:
            backend.set_random_state(self.state)
            try:
                return action()
            finally:
                self.state = backend.random_state()
