"""The TensorFlow backend: ``tf.GradientTape`` for gradients, one ``tf.function`` graph per loop.

TensorFlow runs the Python code of a ``tf.function`` once, while tracing, so
each update's variable list is fixed in the graph in the order the Python code
set the flags (why that is enough: sinegan.slides.training).
"""

from __future__ import annotations

import tensorflow as tf


def update(model, objective, optimizer=None):
    """One ``train_on_batch``: forward, loss, gradients, optimizer step, on what is trainable now.

    ``objective()`` returns (loss, *more), and so does this; ``optimizer``
    defaults to the model's own.
    """
    with tf.GradientTape() as tape:
        outputs = objective()
    variables = model.trainable_variables  # read now, at trace time, as Keras does
    (optimizer or model.optimizer).apply(tape.gradient(outputs[0], variables), variables)
    return outputs


def input_gradient(function, inputs):
    """d sum(function(inputs)) / d inputs, recorded so that it can be differentiated again."""
    inputs = tf.convert_to_tensor(inputs)
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        outputs = function(inputs)
    return tape.gradient(outputs, inputs)


def gradients(function, variables):
    """d function() / d variables, eagerly."""
    with tf.GradientTape() as tape:
        value = function()
    return tape.gradient(value, variables)


def compile_loop(step, variables):
    """``run(*arrays) -> NumPy (steps, ...)``: ``step`` on each slice, all steps in one graph call.

    ``variables`` (what the steps read and write) are TensorFlow variables that
    the graph updates in place, so nothing needs to be passed in or out.
    """
    del variables

    # XLA (jit_compile=True) saves ~10% per step here but costs ~3 s of compile
    # on a 2-core CPU, more than it saves over the 64 epochs of the slides.
    @tf.function(jit_compile=False)
    def run_all(*arrays):
        steps = tf.shape(arrays[0])[0]
        outputs = tf.TensorArray(tf.float32, size=steps)
        for index in tf.range(steps):
            outputs = outputs.write(index, step(*[array[index] for array in arrays]))
        return outputs.stack()

    return lambda *arrays: run_all(*arrays).numpy()


def compile_function(function, variables):
    """``function`` traced into one graph: one call instead of one per operation."""
    del variables  # the graph reads TensorFlow's variables directly
    compiled = tf.function(function, jit_compile=False)
    return lambda *arrays: [output.numpy() for output in compiled(*arrays)]


def random_state():
    """None: every random stream of a run is in Keras' seed generators, which a checkpoint saves."""
    return None


def set_random_state(state):
    """Nothing to set (``random_state`` is None)."""


def make_deterministic():
    """The same results on every run of the same seed (slower kernels where needed)."""
    tf.config.experimental.enable_op_determinism()
