"""Common wrong answers to lesson 4's valid_convolution_matrix."""

import numpy as np


def flips_the_kernel(kernel, length, stride=1):
    outputs = (length - len(kernel)) // stride + 1
    matrix = np.zeros((outputs, length))
    for row in range(outputs):
        matrix[row, row * stride : row * stride + len(kernel)] = kernel[::-1]
    return matrix


def ignores_the_stride(kernel, length, stride=1):
    outputs = length - len(kernel) + 1
    matrix = np.zeros((outputs, length))
    for row in range(outputs):
        matrix[row, row : row + len(kernel)] = kernel
    return matrix


def one_row_short(kernel, length, stride=1):
    outputs = (length - len(kernel)) // stride
    matrix = np.zeros((outputs, length))
    for row in range(outputs):
        matrix[row, row * stride : row * stride + len(kernel)] = kernel
    return matrix


def returns_the_transpose(kernel, length, stride=1):
    outputs = (length - len(kernel)) // stride + 1
    matrix = np.zeros((length, outputs))
    for row in range(outputs):
        matrix[row * stride : row * stride + len(kernel), row] = kernel
    return matrix


HINTS = {
    "flips_the_kernel": "the kernel is flipped",
    "ignores_the_stride": "jumps 2 columns from one row to the next",
    "one_row_short": "(length - k) // stride + 1 rows, one per output",
    "returns_the_transpose": "not its transpose",
}
