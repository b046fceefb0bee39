"""Convolution as a matrix: Keras' Conv2D is C, Conv2DTranspose is Cᵀ, and Cᵀ C is no inverse."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from sinegan.lectures.convolution import (
    convolution_matrix,
    keras_convolution,
    keras_transposed_convolution,
)

KERNEL = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0], [0.0, -1.0, 3.0]])
X = np.arange(1, 17, dtype=float).reshape(4, 4)  # the lecture's 4×4 input


def test_the_lectures_matrix_by_hand():
    matrix = convolution_matrix(KERNEL, (4, 4))
    assert matrix.shape == (4, 16)  # 2×2 outputs, 4×4 inputs
    # The first output reads input rows 0-2, columns 0-2: the kernel's rows at columns 0-2, 4-6,
    # 8-10.
    first = np.zeros(16)
    first[[0, 1, 2, 4, 5, 6, 8, 9, 10]] = KERNEL.ravel()
    np.testing.assert_array_equal(matrix[0], first)
    # the last output: one row and column on
    np.testing.assert_array_equal(matrix[3], np.roll(first, 5))


def test_matrix_computes_the_sliding_window_sum():
    x = np.random.default_rng(0).standard_normal((5, 7))
    kernel = np.random.default_rng(1).standard_normal((2, 3))
    reference = np.einsum("ijab,ab->ij", sliding_window_view(x, kernel.shape), kernel)  # (4, 5)
    np.testing.assert_allclose(convolution_matrix(kernel, x.shape) @ x.ravel(), reference.ravel())


def test_keras_conv2d_is_c_times_x():
    by_keras = keras_convolution(X, KERNEL)
    assert by_keras.shape == (2, 2)
    np.testing.assert_allclose(
        by_keras, (convolution_matrix(KERNEL, (4, 4)) @ X.ravel()).reshape(2, 2), rtol=1e-6
    )


def test_keras_conv2d_transpose_is_c_transposed_times_y():
    y = np.array([[1.0, -2.0], [0.5, 4.0]])
    by_keras = keras_transposed_convolution(y, KERNEL)
    assert by_keras.shape == (4, 4)  # back to the input's size
    np.testing.assert_allclose(
        by_keras, (convolution_matrix(KERNEL, (4, 4)).T @ y.ravel()).reshape(4, 4), rtol=1e-6
    )


def test_transpose_restores_the_size_not_the_values():
    matrix = convolution_matrix(KERNEL, (4, 4))
    round_trip = matrix.T @ (matrix @ X.ravel())  # (16,)
    assert round_trip.shape == X.ravel().shape
    assert not np.allclose(round_trip, X.ravel())
    assert np.linalg.matrix_rank(matrix.T @ matrix) == 4  # 16×16 of rank 4: no inverse at all


@pytest.mark.parametrize(
    "kernel, input_shape, name",
    [
        (KERNEL, (2, 4), "input_shape"),
        (KERNEL, (4,), "input_shape"),
        (np.ones(3), (4, 4), "kernel"),
        ([[1.0, np.nan]], (4, 4), "kernel"),
    ],
)
def test_bad_input_raises(kernel, input_shape, name):
    with pytest.raises(ValueError, match=f"Received: {name}"):
        convolution_matrix(kernel, input_shape)


def test_example_prints_the_comparison(capsys):
    path = Path(__file__).resolve().parents[1] / "examples" / "transposed_convolution.py"
    spec = importlib.util.spec_from_file_location("transposed_convolution", path)
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    assert example.main([]) == 0
    output = capsys.readouterr().out
    assert "Keras agrees with C and Cᵀ: True" in output and "Cᵀ C x equals x: False" in output
    assert "C (4×16)" in output
