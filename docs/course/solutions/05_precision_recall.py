"""Lesson 5: k-NN precision and recall of generated curves against real ones."""

import numpy as np


def precision_recall(generated, real, k):
    """(precision, recall): the share of generated curves inside some real curve's ball, and
    the share of real curves inside some generated curve's ball. Each ball reaches to the
    k-th nearest neighbour of its centre in its own set."""

    def distances(first, second):  # (len(first), len(second)) Euclidean distances
        return np.sqrt(((first[:, None, :] - second[None, :, :]) ** 2).sum(axis=2))

    def radii(points):  # column 0 of a sorted row is the curve itself, at distance 0
        return np.sort(distances(points, points), axis=1)[:, k]

    def share_inside(queries, centres):
        return np.mean(np.any(distances(queries, centres) <= radii(centres), axis=1))

    return float(share_inside(generated, real)), float(share_inside(real, generated))
