"""Convolution as a matrix, and the transposed convolution as its transpose.

The lecture's DCGAN generator grows a small tensor into a large one with
*transposed convolutions*. To see what that means, write a convolution as a
matrix. A 'valid' 2-D convolution with stride 1 of an H×W input by a kh×kw
kernel gives an (H-kh+1)×(W-kw+1) output, and every output value is a weighted
sum of input values, so

    vec(output) = C · vec(input),

where C has one row per output value and one column per input value, and each
row holds the kernel's weights at the positions the kernel covers (``vec``
reads a matrix row by row). The lecture's example: a 4×4 input and a 3×3
kernel give a 2×2 output, so C is 4×16.

The transposed convolution multiplies by Cᵀ (16×4): it takes a 2×2 input back
to a 4×4 output. It reverses the change of *size*, not the values: Cᵀ C is not
the identity, so Cᵀ(C x) ≠ x. Keras' ``Conv2DTranspose`` with the same kernel
computes exactly Cᵀ (it is the gradient of ``Conv2D`` with respect to its
input), which the tests and ``examples/transposed_convolution.py`` check.

Like Keras, "convolution" here is cross-correlation: the kernel is not flipped.

References: Dumoulin and Visin 2016, "A guide to convolution arithmetic for
deep learning", arXiv:1603.07285, section 4; Radford et al. 2015, arXiv:1511.06434.
"""

from __future__ import annotations

import numpy as np


def convolution_matrix(kernel, input_shape) -> np.ndarray:
    """C such that vec(valid_convolution(x, kernel)) = C @ vec(x), stride 1.

    ``kernel`` is a 2-D array (kh, kw); ``input_shape`` is (H, W). Returns an
    array of shape ((H - kh + 1) * (W - kw + 1), H * W).
    """
    kernel = _check_matrix("kernel", kernel)
    if (
        not isinstance(input_shape, (tuple, list))
        or len(input_shape) != 2
        or not all(
            isinstance(size, (int, np.integer)) and not isinstance(size, bool)
            for size in input_shape
        )
        or input_shape[0] < kernel.shape[0]
        or input_shape[1] < kernel.shape[1]
    ):
        raise ValueError(
            "input_shape expected two integers, each at least the kernel's size "
            f"{kernel.shape}. Received: input_shape={input_shape!r}"
        )
    height, width = input_shape
    output_height, output_width = height - kernel.shape[0] + 1, width - kernel.shape[1] + 1
    matrix = np.zeros((output_height * output_width, height * width))  # (outputs, inputs)
    for row in range(output_height):
        for column in range(output_width):
            window = np.zeros((height, width))  # the input positions this output reads
            window[row : row + kernel.shape[0], column : column + kernel.shape[1]] = kernel
            matrix[row * output_width + column] = window.ravel()
    return matrix


def keras_convolution(inputs, kernel) -> np.ndarray:
    """Keras ``Conv2D`` (one channel, no bias, 'valid', stride 1) of a 2-D input with ``kernel``."""
    from keras import layers, ops

    inputs, kernel = _check_matrix("inputs", inputs), _check_matrix("kernel", kernel)
    layer = layers.Conv2D(1, kernel.shape, padding="valid", use_bias=False)
    layer.build((1, *inputs.shape, 1))
    layer.set_weights([kernel[:, :, None, None].astype(np.float32)])  # (kh, kw, in 1, out 1)
    outputs = layer(inputs[None, :, :, None].astype(np.float32))  # (1, H-kh+1, W-kw+1, 1)
    return ops.convert_to_numpy(outputs)[0, :, :, 0]


def keras_transposed_convolution(inputs, kernel) -> np.ndarray:
    """Keras ``Conv2DTranspose`` (one channel, no bias, 'valid', stride 1) with ``kernel``."""
    from keras import layers, ops

    inputs, kernel = _check_matrix("inputs", inputs), _check_matrix("kernel", kernel)
    layer = layers.Conv2DTranspose(1, kernel.shape, padding="valid", use_bias=False)
    layer.build((1, *inputs.shape, 1))
    layer.set_weights([kernel[:, :, None, None].astype(np.float32)])  # (kh, kw, out 1, in 1)
    outputs = layer(inputs[None, :, :, None].astype(np.float32))  # (1, h+kh-1, w+kw-1, 1)
    return ops.convert_to_numpy(outputs)[0, :, :, 0]


def _check_matrix(name, value) -> np.ndarray:
    array = np.asarray(value, dtype=np.float64)
    if array.ndim != 2 or 0 in array.shape or not np.all(np.isfinite(array)):
        raise ValueError(
            f"{name} expected a finite, non-empty 2-D array. Received: {name}.shape={array.shape}"
        )
    return array
