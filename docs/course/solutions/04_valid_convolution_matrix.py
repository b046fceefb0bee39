"""Lesson 4: the matrix C of a 'valid' 1-D convolution with a stride."""

import numpy as np


def valid_convolution_matrix(kernel, length, stride=1):
    size = len(kernel)
    outputs = (length - size) // stride + 1  # the kernel fits this many times
    matrix = np.zeros((outputs, length))  # one row per output, one column per input
    for row in range(outputs):
        start = row * stride  # the input under the kernel's first weight
        matrix[row, start : start + size] = kernel  # in order: Keras does not flip it
    return matrix
