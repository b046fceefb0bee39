"""Lesson 4's exercises: a 1-D convolution as a matrix C, and the transposed convolution as Cᵀ.

Both are checked against Keras itself, on the running backend: C @ x must equal what a
``Conv1D`` layer gives for x, and the transposed convolution what ``Conv1DTranspose``
gives. Like Keras, "convolution" means cross-correlation: the kernel is not flipped.
"""

from __future__ import annotations

import numpy as np

from ..lectures.convolution import convolution_matrix
from ..validation import fail
from .checking import Exercise, Mistake, check, expect, written

# The trials' small cases: (kernel, input length, stride). The kernels are not symmetric, so a
# flipped kernel shows; the kernel is at least as long as the stride, as in sinegan's DCGAN.
_KERNEL = np.array([1.0, 2.0, -1.0])
_UPSAMPLING_KERNEL = np.array([0.5, 1.0, -1.0, 0.25])
_CASES = ((_KERNEL, 7, 1), (_UPSAMPLING_KERNEL, 10, 2))


def valid_convolution_matrix(kernel, length, stride=1) -> np.ndarray:
    """C such that C @ x is Keras' ``Conv1D`` (one channel, no bias, 'valid') of x with ``kernel``.

    x has ``length`` values; C has one row per output, (length - k) // stride + 1 of them, and
    one column per input. Row i holds the kernel, not flipped, from column i * stride on.
    The stride-1 matrix is the library's 2-D ``convolution_matrix`` of a one-row input; a
    stride of s keeps every s-th of its rows.
    """
    kernel = np.asarray(kernel, dtype=np.float64)
    if isinstance(stride, bool) or not isinstance(stride, (int, np.integer)) or stride < 1:
        fail("stride", "a positive integer", stride)
    return convolution_matrix(kernel[None, :], (1, length))[::stride]


def transposed_convolution(y, kernel, stride=1) -> np.ndarray:
    """Keras' ``Conv1DTranspose`` (one channel, no bias, 'valid') of y with ``kernel``: Cᵀ @ y.

    C is the valid convolution matrix of the input length whose convolution has len(y)
    outputs, (len(y) - 1) * stride + k (the kernel is at least ``stride`` long): the
    transposed convolution gives a signal of that length.
    """
    y = np.asarray(y, dtype=np.float64)
    length = (len(y) - 1) * stride + len(kernel)
    return valid_convolution_matrix(kernel, length, stride).T @ y


def _keras_layer(kind, kernel, length, stride):
    """A Keras layer of ``kind`` (Conv1D or Conv1DTranspose) with one channel and ``kernel``."""
    layer = kind(1, len(kernel), strides=stride, padding="valid", use_bias=False)
    layer.build((1, length, 1))
    layer.set_weights([np.asarray(kernel, "float32")[:, None, None]])  # (k, 1, 1)
    return layer


def _through(layer, signal) -> np.ndarray:
    """``layer`` applied to the 1-D ``signal``, as a 1-D NumPy array."""
    from keras import ops

    return ops.convert_to_numpy(layer(np.asarray(signal, "float32")[None, :, None]))[0, :, 0]


def _as_array(value, what) -> np.ndarray:
    """The student's result as a float array; a hint when it holds no numbers."""
    try:
        return np.asarray(written(value), dtype=np.float64)
    except (TypeError, ValueError):
        raise Mistake(f"return {what} as a NumPy array of numbers") from None


def _trial_valid_convolution_matrix(function):
    from keras import layers

    for kernel, length, stride in _CASES:
        matrix = _as_array(function(kernel.copy(), length, stride), "C")
        k = len(kernel)
        outputs = (length - k) // stride + 1
        case = f"a kernel of {k}, an input of {length} values and stride {stride}"
        expect(
            matrix.ndim == 2,
            f"C must be a 2-D matrix (outputs, inputs); for {case} it has shape {matrix.shape}",
        )
        expect(
            matrix.shape != (length, outputs) or outputs == length,
            f"C is (outputs, inputs), one row per output and one column per input: for {case} "
            f"that is {(outputs, length)}, not its transpose {matrix.shape}",
        )
        expect(
            stride == 1 or matrix.shape[0] != length - k + 1,
            f"C has {matrix.shape[0]} rows, one for every position: with stride {stride} the "
            f"kernel jumps {stride} columns from one row to the next, so C has "
            f"(length - k) // stride + 1 = {outputs} rows",
        )
        expect(
            matrix.shape == (outputs, length),
            f"for {case}, C must have shape {(outputs, length)}: (length - k) // stride + 1 "
            f"rows, one per output, and one column per input; yours has {matrix.shape}",
        )
        flipped = valid_convolution_matrix(kernel[::-1], length, stride)
        expect(
            not np.allclose(matrix, flipped),
            "the kernel is flipped: Keras' Conv1D computes a cross-correlation, so row i "
            "holds w[0], w[1], ... in order from column i * stride",
        )
        x = np.arange(1.0, length + 1.0)
        keras_output = _through(_keras_layer(layers.Conv1D, kernel, length, stride), x)
        expect(
            np.allclose(matrix @ x, keras_output, atol=1e-4),
            f"C @ x differs from Keras' Conv1D for {case}, x = 1, 2, ..., {length}: "
            f"{np.round(matrix @ x, 3)} instead of {np.round(keras_output, 3)}",
        )


def _trial_transposed_convolution(function):
    from keras import layers

    for kernel, length, stride in _CASES:
        y = np.linspace(-1.0, 2.0, (length - len(kernel)) // stride + 1)  # C's output size
        expected_length = (len(y) - 1) * stride + len(kernel)
        case = f"{len(y)} values, a kernel of {len(kernel)} and stride {stride}"
        grown = _as_array(function(y.copy(), kernel.copy(), stride), "the grown signal")
        expect(grown.ndim == 1, f"return a 1-D signal; for {case} yours has shape {grown.shape}")
        expect(
            len(grown) != len(y),
            f"a transposed convolution grows y: the result is Cᵀ @ y, with one value per "
            f"column of C, so {case} give {expected_length} values, not {len(y)}",
        )
        expect(
            stride == 1 or len(grown) != len(y) - 1 + len(kernel),
            f"the stride is ignored: input i spreads the kernel from output position i * "
            f"stride, so {case} give {expected_length} values, not {len(grown)}",
        )
        expect(
            len(grown) == expected_length,
            f"{case} grow to (len(y) - 1) * stride + k = {expected_length} values, the length "
            f"of the input whose valid convolution has {len(y)} outputs; yours has {len(grown)}",
        )
        expect(
            not np.allclose(grown, transposed_convolution(y, kernel[::-1], stride)),
            "the kernel is flipped: Keras' Conv1DTranspose is Cᵀ @ y with C built from the "
            "kernel in order, so input i adds y[i] * w[0], y[i] * w[1], ... from position "
            "i * stride",
        )
        layer = _keras_layer(layers.Conv1DTranspose, kernel, len(y), stride)
        keras_output = _through(layer, y)
        expect(
            np.allclose(grown, keras_output, atol=1e-4),
            f"the result differs from Keras' Conv1DTranspose for {case}: "
            f"{np.round(grown, 3)} instead of {np.round(keras_output, 3)}",
        )


VALID_CONVOLUTION_MATRIX = Exercise(
    name="valid_convolution_matrix",
    lesson=4,
    task="return C, one row per output of a 'valid' Conv1D, so that C @ x is the layer's output",
    reference=valid_convolution_matrix,
    trial=_trial_valid_convolution_matrix,
    solution="04_valid_convolution_matrix.py",
)
TRANSPOSED_CONVOLUTION = Exercise(
    name="transposed_convolution",
    lesson=4,
    task="return Cᵀ @ y, what a 'valid' Conv1DTranspose with this kernel and stride gives for y",
    reference=transposed_convolution,
    trial=_trial_transposed_convolution,
    solution="04_transposed_convolution.py",
)
EXERCISES = (VALID_CONVOLUTION_MATRIX, TRANSPOSED_CONVOLUTION)


def check_valid_convolution_matrix(function):
    """Check the student's valid_convolution_matrix (lesson 4): given a kernel, an input length
    and a stride, it returns C with C @ x equal to Keras' 'valid' Conv1D of x (no flip)."""
    return check(VALID_CONVOLUTION_MATRIX, function)


def check_transposed_convolution(function):
    """Check the student's transposed_convolution (lesson 4): given y, a kernel and a stride, it
    returns Cᵀ @ y, equal to Keras' 'valid' Conv1DTranspose of y."""
    return check(TRANSPOSED_CONVOLUTION, function)
