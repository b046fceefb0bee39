"""Lesson 4: the transposed convolution of y, as Cᵀ @ y."""

import numpy as np


def transposed_convolution(y, kernel, stride=1):
    size = len(kernel)
    length = (len(y) - 1) * stride + size  # the input whose valid convolution has len(y) outputs
    matrix = np.zeros((len(y), length))  # C of that convolution
    for row in range(len(y)):
        matrix[row, row * stride : row * stride + size] = kernel
    return matrix.T @ y  # each y[i] spreads the kernel from position i * stride
