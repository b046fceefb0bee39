"""Common wrong answers to lesson 4's transposed_convolution."""

import numpy as np


def flips_the_kernel(y, kernel, stride=1):
    output = np.zeros((len(y) - 1) * stride + len(kernel))
    for i, value in enumerate(y):
        output[i * stride : i * stride + len(kernel)] += value * np.asarray(kernel)[::-1]
    return output


def ignores_the_stride(y, kernel, stride=1):
    output = np.zeros(len(y) - 1 + len(kernel))
    for i, value in enumerate(y):
        output[i : i + len(kernel)] += value * np.asarray(kernel)
    return output


def grows_by_the_stride_only(y, kernel, stride=1):
    output = np.zeros(len(y) * stride + len(kernel))  # one stride too long
    for i, value in enumerate(y):
        output[i * stride : i * stride + len(kernel)] += value * np.asarray(kernel)
    return output


def convolves_instead(y, kernel, stride=1):
    return np.convolve(y, kernel, mode="same")  # a convolution keeps the length


HINTS = {
    "flips_the_kernel": "the kernel is flipped",
    "ignores_the_stride": "the stride is ignored",
    "grows_by_the_stride_only": "(len(y) - 1) * stride + k",
    "convolves_instead": "a transposed convolution grows y",
}
