"""Convolution as a matrix C, and the transposed convolution as Cᵀ, with the lecture's numbers.

    python examples/transposed_convolution.py

A 4×4 input convolved ('valid', stride 1) with a 3×3 kernel gives a 2×2 output.
This prints the 4×16 matrix C of that convolution, checks that Keras' Conv2D
gives C·vec(x), that Keras' Conv2DTranspose with the same kernel takes a 2×2
input back to 4×4 and gives Cᵀ·vec(y), and shows that Cᵀ(C x) is not x: the
transposed convolution undoes the change of size, not the values.
"""

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # TensorFlow's C++ start-up chatter

from sinegan.tool.command_line import OneLineParser

KERNEL = [
    [1, 0, -1],  # any 3×3 kernel will do; this one has no symmetry to hide a flip
    [2, 1, 0],
    [0, -1, 3],
]


def show(title, array):
    print(f"\n{title}")
    print("\n".join("  " + " ".join(f"{value:6.1f}" for value in row) for row in array))


def main(argv=None):
    OneLineParser(
        prog="transposed_convolution.py", description=__doc__.split("\n\n")[0]
    ).parse_args(argv)

    import numpy as np

    from sinegan.lectures.convolution import (
        convolution_matrix,
        keras_convolution,
        keras_transposed_convolution,
    )

    kernel = np.array(KERNEL, dtype=float)
    x = np.arange(1, 17, dtype=float).reshape(4, 4)  # the 4×4 input
    matrix = convolution_matrix(kernel, x.shape)  # (4, 16)
    show("kernel (3×3)", kernel)
    show("input x (4×4)", x)
    show("C (4×16): one row per output value, the kernel laid out where it reads the input", matrix)

    by_keras = keras_convolution(x, kernel)  # (2, 2)
    by_matrix = (matrix @ x.ravel()).reshape(2, 2)
    show("Keras Conv2D(x) (2×2)", by_keras)
    show("C · vec(x), reshaped to 2×2", by_matrix)

    y = np.array([[1.0, 2.0], [3.0, 4.0]])  # a 2×2 input for the transposed convolution
    transposed_by_keras = keras_transposed_convolution(y, kernel)  # (4, 4)
    transposed_by_matrix = (matrix.T @ y.ravel()).reshape(4, 4)
    show("y (2×2)", y)
    show("Keras Conv2DTranspose(y) (4×4)", transposed_by_keras)
    show("Cᵀ · vec(y), reshaped to 4×4", transposed_by_matrix)

    round_trip = (matrix.T @ matrix @ x.ravel()).reshape(4, 4)
    show("Cᵀ C x (4×4): the size of x is back, its values are not", round_trip)
    agree = np.allclose(by_keras, by_matrix) and np.allclose(
        transposed_by_keras, transposed_by_matrix
    )
    print(f"\nKeras agrees with C and Cᵀ: {agree}")
    print(f"Cᵀ C x equals x: {np.allclose(round_trip, x)}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
