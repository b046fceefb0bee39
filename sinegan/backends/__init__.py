"""Where sinegan meets the Keras backend: the only code that differs between TensorFlow, JAX and PyTorch.

Keras 3 runs the same models on three backends, chosen the Keras way: the
``KERAS_BACKEND`` environment variable, or ``"backend"`` in ``~/.keras/keras.json``,
read once when Keras is first imported. Everything in sinegan is written with
``keras.ops`` and ``keras.random``, except three things that Keras leaves to
each backend, which live here, one module per backend:

- ``update(model, objective, optimizer=None)``: one ``train_on_batch`` written out: the gradient
  of the objective's loss with respect to ``model.trainable_variables``, read
  *now* (that is where ``trainable`` matters), applied by the model's optimizer;
- ``input_gradient(function, inputs)``: the gradient of ``sum(function(inputs))``
  with respect to the inputs, itself differentiable (the R1 and WGAN-GP penalties);
- ``compile_loop(step, variables)``: run ``step`` on every slice of its inputs
  in as few crossings from Python into compiled code as the backend allows:
  one ``tf.function`` graph on TensorFlow, one ``jax.jit`` of a ``lax.scan`` on
  JAX, and a plain Python loop of eager steps on PyTorch (measured fastest there:
  see docs/backends.md);
- ``compile_function(function, variables)``: the same for a function called once
  an epoch (the trainer's finite check and snapshot);
- ``make_deterministic()``: the same results on every run of the same seed.

Each backend reads ``trainable`` at a different moment (docs/freezing.md).
The loops here read it in the same order as the slides, so all three freeze the
same way: TensorFlow and JAX read it once, while tracing the epoch; PyTorch
reads it on every step.
"""

from __future__ import annotations

import importlib

import keras

NAMES = ("tensorflow", "jax", "torch")  # the Keras 3 backends sinegan runs on
_MODULES = {"tensorflow": "on_tensorflow", "jax": "on_jax", "torch": "on_torch"}


def name() -> str:
    """The backend Keras runs on in this process: "tensorflow", "jax" or "torch"."""
    return keras.backend.backend()


def current():
    """The module of this process's backend (``update``, ``input_gradient``, ``compile_loop``, ...)."""
    backend = name()
    if backend not in _MODULES:
        raise ValueError(f"KERAS_BACKEND expected one of {', '.join(NAMES)}. Received: KERAS_BACKEND={backend!r}")
    return importlib.import_module(f"{__name__}.{_MODULES[backend]}")
