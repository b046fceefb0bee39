"""Common wrong answers to lesson 5's precision_recall."""

import numpy as np


def _distances(first, second):
    return np.sqrt(((first[:, None, :] - second[None, :, :]) ** 2).sum(axis=2))


def _share_inside(queries, centres, column):
    radii = np.sort(_distances(centres, centres), axis=1)[:, column]
    return float(np.mean(np.any(_distances(queries, centres) <= radii, axis=1)))


def swaps_precision_and_recall(generated, real, k):
    return _share_inside(real, generated, k), _share_inside(generated, real, k)


def counts_itself_as_a_neighbour(generated, real, k):
    return _share_inside(generated, real, k - 1), _share_inside(real, generated, k - 1)


def ignores_k(generated, real, k):
    return _share_inside(generated, real, 3), _share_inside(real, generated, 3)


def reaches_one_neighbour_too_far(generated, real, k):
    return _share_inside(generated, real, k + 1), _share_inside(real, generated, k + 1)


HINTS = {
    "swaps_precision_and_recall": "precision and recall are swapped",
    "counts_itself_as_a_neighbour": "counted itself as its own nearest neighbour",
    "ignores_k": "use the argument k",
    "reaches_one_neighbour_too_far": "one neighbour too far",
}
