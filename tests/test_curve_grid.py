"""The grid of curves a person judges by eye (sinegan.figures.judging)."""

import numpy as np
import pytest

from sinegan.figures.judging import plot_curve_grid

X = np.linspace(-5, 5, 64)
CURVES = np.sin(np.outer(np.linspace(0.5, 2, 8), X))  # (8, 64)


def test_one_row_per_sample_and_one_panel_per_curve():
    figure = plot_curve_grid(X, [CURVES, CURVES[:2]], ["A", "B: recall 0.10"], count=4)
    axes = figure.axes
    assert len(axes) == 8
    assert [axes[0].get_title(loc="left"), axes[4].get_title(loc="left")] == ["A", "B: recall 0.10"]
    assert [len(ax.lines) for ax in axes[4:]] == [1, 1, 0, 0]  # B has only two curves


@pytest.mark.parametrize(
    ("samples", "labels", "count", "message"),
    [
        ([], [], 6, "samples expected at least one array of curves"),
        ([CURVES], ["A", "B"], 6, "labels expected 1 string"),
        ([CURVES], ["A"], 0, "count expected"),
        ([CURVES[:, :10]], ["A"], 6, "x expected a finite 1-D array of 10 points"),
    ],
)
def test_bad_input_is_refused(samples, labels, count, message):
    with pytest.raises(ValueError, match=message):
        plot_curve_grid(X, samples, labels, count=count)
