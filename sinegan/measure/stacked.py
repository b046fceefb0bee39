"""Many small networks trained as one: a block-diagonal GRU.

A score of the TimeGAN benchmark (sinegan.measure.timegan) trains a GRU of two
units, ten times over. So little arithmetic makes each training step almost all
overhead: every step of the recurrence launches the same few dozen tiny operations,
whatever their size. Ten networks side by side in one larger network cost about the
same per step as one, and a step trains all ten.

Side by side means block-diagonal. Run r reads its own features (inputs
r·F ... r·F + F - 1) and owns units r·U ... r·U + U - 1 of one GRU of runs·U units;
every weight that would connect two runs (an input or a state of one run to a gate
of another) is held at zero by ``BlockDiagonal``, a Keras constraint that Keras
applies after each optimizer step. Since a GRU's gates act unit by unit, run r's
state then never sees another run's numbers, and neither does its output: a
Dense layer of ``runs`` outputs, block-diagonal too, gives run r its own output.

Trained on the sum of the runs' losses, each weight gets exactly the gradient its
own run's loss gives it, and Adam treats every weight on its own: the runs train
as they would one by one. Each block starts as Keras would start a GRU of U units
(Glorot-uniform input weights, orthogonal recurrent weights, zero biases), drawn
from its own seed.
"""

from __future__ import annotations

import keras
import numpy as np


class BlockDiagonal(keras.constraints.Constraint):
    """Zero every weight outside the blocks of ``mask`` (1 inside a block, 0 outside)."""

    def __init__(self, mask):
        self.mask = mask

    def __call__(self, weights):
        return weights * keras.ops.convert_to_tensor(self.mask, dtype=weights.dtype)


def block_mask(runs, rows, columns, gates=1):
    """The (runs·rows, gates·runs·columns) mask whose block r joins rows r·rows ... and,
    in each of the ``gates`` column groups (a GRU's update, reset and candidate), columns
    r·columns ... of that group."""
    row_run = np.arange(runs * rows) // rows
    column_run = np.arange(gates * runs * columns) % (runs * columns) // columns
    return (row_run[:, None] == column_run[None, :]).astype(np.float32)


def stacked_gru(runs, steps, features, units, seeds, every_step=False, activation=None):
    """``runs`` GRU networks of ``units`` tanh units on series of ``features`` features, as
    one Keras model.

    Input (batch, steps, runs·features): run r's series in columns r·features ....
    Output (batch, runs) from each run's last state, or (batch, steps, runs) from
    its state at every step when ``every_step``: a Dense layer with ``activation``.
    ``seeds`` gives one integer per run, the seed of its initial weights.
    """
    gru = keras.layers.GRU(
        runs * units,
        activation="tanh",
        return_sequences=every_step,
        kernel_constraint=BlockDiagonal(block_mask(runs, features, units, gates=3)),
        recurrent_constraint=BlockDiagonal(block_mask(runs, units, units, gates=3)),
    )
    head = keras.layers.Dense(
        runs, activation=activation, kernel_constraint=BlockDiagonal(block_mask(runs, units, 1))
    )
    inputs = keras.Input((steps, runs * features))
    model = keras.Model(inputs, head(gru(inputs)))
    kernel, recurrent, head_kernel = (
        np.zeros(keras.ops.shape(weight), np.float32)
        for weight in (gru.cell.kernel, gru.cell.recurrent_kernel, head.kernel)
    )
    for run, seed in enumerate(seeds):
        kernel_seed, recurrent_seed, head_seed = map(
            int, np.random.default_rng(seed).integers(2**31, size=3)
        )
        block = _gate_columns(run, runs, units)
        kernel[run * features : (run + 1) * features, block] = _draw(
            keras.initializers.GlorotUniform(kernel_seed), (features, 3 * units)
        )
        recurrent[run * units : (run + 1) * units, block] = _draw(
            keras.initializers.Orthogonal(seed=recurrent_seed), (units, 3 * units)
        )
        head_kernel[run * units : (run + 1) * units, run] = _draw(
            keras.initializers.GlorotUniform(head_seed), (units, 1)
        )[:, 0]
    gru.cell.kernel.assign(kernel)
    gru.cell.recurrent_kernel.assign(recurrent)
    head.kernel.assign(head_kernel)
    return model


def side_by_side(samples):
    """The runs' samples, each (n, steps, features), as one (n, steps, runs·features) input."""
    return np.concatenate(list(samples), axis=-1)


def summed_over_runs(loss, **options):
    """``loss`` (elementwise, its last axis the runs) summed over the runs; Keras then averages
    over the series and steps, so each run's weights get the gradient of its own mean loss."""

    def summed(targets, outputs):
        return keras.ops.sum(loss(targets, outputs, **options), axis=-1)

    return summed


def absolute_error(targets, predictions):
    """|targets - predictions|, elementwise: the loss whose mean is the mean absolute error."""
    return keras.ops.abs(targets - predictions)


def _gate_columns(run, runs, units):
    """The columns of run ``run``'s units in the three gate groups of a GRU's weights."""
    return np.concatenate(
        [gate * runs * units + run * units + np.arange(units) for gate in range(3)]
    )


def _draw(initializer, shape):
    return keras.ops.convert_to_numpy(initializer(shape, dtype="float32"))
