"""Where sinegan meets the Keras backend: the only code that differs between TensorFlow, JAX
and PyTorch.

Keras 3 runs the same models on three backends, chosen the Keras way: the
``KERAS_BACKEND`` environment variable, or ``"backend"`` in ``~/.keras/keras.json``,
read once when Keras is first imported. Everything in sinegan is written with
``keras.ops`` and ``keras.random``, except what Keras leaves to each backend,
which lives here, in one module per backend (``on_tensorflow``, ``on_jax``,
``on_torch``, each offering the same functions; tests/test_architecture.py
checks that no other module imports a backend's library):

- ``update(model, objective, optimizer=None)``: one ``train_on_batch`` written
  out: the gradient of the objective's loss with respect to
  ``model.trainable_variables``, read *now* (that is where ``trainable``
  matters), applied by the model's optimizer;
- ``input_gradient(function, inputs)``: the gradient of ``sum(function(inputs))``
  with respect to the inputs, itself differentiable (the R1 and WGAN-GP penalties);
- ``gradients(function, variables)``: the gradient of a scalar ``function()``
  with respect to some weights, for checks by hand outside a training loop;
- ``compile_loop(step, variables)``: run ``step`` on every slice of its inputs
  in as few crossings from Python into compiled code as the backend allows:
  one ``tf.function`` graph on TensorFlow, one ``jax.jit`` of a ``lax.scan`` on
  JAX, and a plain Python loop of eager steps on PyTorch (measured fastest there:
  see docs/backends.md);
- ``compile_function(function, variables)``: the same for a function called once
  an epoch (the trainer's finite check and snapshot);
- ``make_deterministic()``: the same results on every run of the same seed;
- ``random_state()`` and ``set_random_state(state)``: random state that Keras'
  seed generators do not hold (PyTorch's global generator), for checkpoints.

The loops here let Keras read ``trainable`` in the slides' order, so all three
backends freeze D the same way (when each reads it: sinegan.slides.training).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
import sys

NAMES = ("tensorflow", "jax", "torch")  # the Keras 3 backends sinegan runs on
_MODULES = {"tensorflow": "on_tensorflow", "jax": "on_jax", "torch": "on_torch"}
# The library each backend needs, its name in words, and what installs it.
_LIBRARIES = {
    "tensorflow": ("tensorflow", "TensorFlow", "sinegan"),
    "jax": ("jax", "JAX", "sinegan[jax]"),
    "torch": ("torch", "PyTorch", "sinegan[torch]"),
}


def name() -> str:
    """The backend Keras runs on in this process: "tensorflow", "jax" or "torch"."""
    import keras

    return keras.backend.backend()


def installed(backend: str) -> bool:
    """Whether the library ``backend`` needs can be imported here (nothing is imported)."""
    return importlib.util.find_spec(_LIBRARIES[backend][0]) is not None


def select(backend: str) -> None:
    """Make Keras run on ``backend``, as ``KERAS_BACKEND`` does (the command line's ``--backend``).

    A process picks its backend once, when it first imports Keras; after that
    only the backend already running can be selected.
    """
    if backend not in NAMES:
        raise ValueError(
            f"backend expected one of {', '.join(NAMES)}. Received: backend={backend!r}"
        )
    if not installed(backend):
        _, label, extra = _LIBRARIES[backend]
        raise ValueError(
            f"backend expected an installed backend: {label} is not installed "
            f'(pip install "{extra}"). Received: backend={backend!r}'
        )
    if "keras" in sys.modules:
        running = name()
        if running != backend:
            raise ValueError(
                f"backend expected {running!r}: Keras is already running on it in this process, "
                f"and a process picks its backend once. Received: backend={backend!r}"
            )
        return
    os.environ["KERAS_BACKEND"] = backend


def current():
    """The module of this process's backend (``update``, ``compile_loop`` and the rest)."""
    return _module(name())


@functools.cache  # imported once: later calls, inside traced code too, import nothing
def _module(backend: str):
    if backend not in _MODULES:
        raise ValueError(
            f"KERAS_BACKEND expected one of {', '.join(NAMES)}. Received: KERAS_BACKEND={backend!r}"
        )
    return importlib.import_module(f"{__name__}.{_MODULES[backend]}")


def input_gradient(function, inputs):
    """d sum(function(inputs)) / d inputs on this process's backend, as a backend tensor."""
    return current().input_gradient(function, inputs)


def gradients(function, variables):
    """d function() / d each of ``variables`` (Keras variables) on this process's backend."""
    return current().gradients(function, list(variables))
