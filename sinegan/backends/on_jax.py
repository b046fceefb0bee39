"""The JAX backend: ``jax.value_and_grad`` for gradients, a ``jax.jit`` of a ``lax.scan`` per loop.

JAX has no variables that change in place: a jitted function takes every
weight as an input and returns the new ones. Keras bridges the two with a
``keras.StatelessScope``, in which each ``keras.Variable`` reads its value
from a table and each assignment writes to the table instead. ``compile_loop``
opens one such scope per step of a ``lax.scan``, so the same Python step as on
TensorFlow runs here, traced once, flags included (sinegan.slides.training).
"""

from __future__ import annotations

import threading

import jax
import jax.numpy as jnp
import keras
import numpy as np

# no public name in Keras 3.15
from keras.src.backend.common.stateless_scope import (
    get_stateless_scope,
)

# The variables of the loop being traced (compile_loop), innermost last: one list per thread,
# as Keras' StatelessScope is per thread (the lab traces one session's loops per thread).
_tracing = threading.local()


def _loop_variables() -> list:
    if not hasattr(_tracing, "loops"):
        _tracing.loops = []
    return _tracing.loops


def update(model, objective, optimizer=None):
    """One ``train_on_batch``: forward, loss, gradients, optimizer step, on what is trainable now.

    ``objective()`` returns (loss, *more), and so does this; ``optimizer``
    defaults to the model's own. Runs inside ``compile_loop``'s step: the
    objective is differentiated with respect to the values of
    ``model.trainable_variables`` read now, at trace time, as Keras does.
    """
    optimizer = optimizer or model.optimizer
    if not _loop_variables():  # called alone: one step, run eagerly on the two objects it moves
        return _one_step(
            lambda: update(model, objective, optimizer), [*model.variables, *optimizer.variables]
        )
    variables = model.trainable_variables
    state = _loop_variables()[-1]
    scope = get_stateless_scope()

    def loss_and_updates(values):  # the objective as a function of the trainable values
        mapping = [(v, scope.get_current_value(v)) for v in state] + list(
            zip(variables, values, strict=True)
        )
        with keras.StatelessScope(state_mapping=mapping) as inner:
            loss, *more = objective()
        # with dropout's seeds moved on
        return loss, (
            more,
            [inner.get_current_value(v) for v in state],
        )

    values = [scope.get_current_value(v) for v in variables]
    (loss, (more, updated)), gradients = jax.value_and_grad(loss_and_updates, has_aux=True)(values)
    for variable, value in zip(state, updated, strict=True):
        variable.assign(value)  # recorded in the step's scope
    optimizer.apply(gradients, variables)
    return (loss, *more)


def _one_step(step, variables):
    """``step()`` outside a compiled loop: ``variables`` (what it writes) read, then assigned."""
    with keras.StatelessScope(state_mapping=[(v, v.value) for v in variables]) as scope:
        _loop_variables().append(variables)
        try:
            outputs = step()
        finally:
            _loop_variables().pop()
        values = [scope.get_current_value(v) for v in variables]
    for variable, value in zip(variables, values, strict=True):
        variable.assign(value)
    return outputs


def input_gradient(function, inputs):
    """d sum(function(inputs)) / d inputs; JAX can differentiate it again."""
    return jax.grad(lambda x: jnp.sum(function(x)))(jnp.asarray(inputs))


def gradients(function, variables):
    """d function() / d variables, eagerly: ``function`` reads their values from a stateless
    scope."""

    def value_of(values):
        with keras.StatelessScope(state_mapping=list(zip(variables, values, strict=True))):
            return function()

    return jax.grad(value_of)([variable.value for variable in variables])


def compile_loop(step, variables):
    """``run(*arrays) -> NumPy (steps, ...)``: ``step`` on each slice, all steps in one jitted call.

    ``variables`` must hold everything the steps read or write: the models'
    weights and random seeds, and the optimizers' variables. Their values go in,
    the new values come out and are assigned back after the call.
    """
    variables = list(variables)

    def scan_steps(values, arrays):
        def one_step(values, inputs):
            with keras.StatelessScope(
                state_mapping=list(zip(variables, values, strict=True))
            ) as scope:
                _loop_variables().append(variables)
                try:
                    output = step(*inputs)
                finally:
                    _loop_variables().pop()
                return [scope.get_current_value(v) for v in variables], output

        return jax.lax.scan(one_step, values, arrays)

    compiled = jax.jit(scan_steps)

    def run(*arrays):
        values, outputs = compiled(
            [variable.value for variable in variables], tuple(map(jnp.asarray, arrays))
        )
        for variable, value in zip(variables, values, strict=True):
            variable.assign(value)
        return np.asarray(outputs)

    return run


def compile_function(function, variables):
    """``function`` jitted: one call, not one per operation; it reads, not writes, ``variables``."""
    variables = list(variables)

    def with_values(values, *arrays):
        with keras.StatelessScope(state_mapping=list(zip(variables, values, strict=True))):
            return function(*arrays)

    compiled = jax.jit(with_values)
    return lambda *arrays: [
        np.asarray(output) for output in compiled([v.value for v in variables], *arrays)
    ]


def random_state():
    """None: JAX has no hidden random state; every stream is in Keras' seed generators."""
    return None


def set_random_state(state):
    """Nothing to set (``random_state`` is None)."""


def make_deterministic():
    """JAX on a CPU gives the same results on every run of the same seed already."""
