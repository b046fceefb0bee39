"""Wrong answers to lesson 7's slerp."""

import numpy as np


def walks_the_straight_line(z0, z1, t):
    return (1 - t) * z0 + t * z1


def takes_the_angle_of_unnormalised_vectors(z0, z1, t):
    length0, length1 = np.linalg.norm(z0), np.linalg.norm(z1)
    angle = np.arccos(np.clip(np.dot(z0, z1), -1.0, 1.0))
    direction = (
        np.sin((1 - t) * angle) * z0 / length0 + np.sin(t * angle) * z1 / length1
    ) / np.sin(angle)
    return direction * ((1 - t) * length0 + t * length1)


def swaps_the_ends(z0, z1, t):
    length0, length1 = np.linalg.norm(z0), np.linalg.norm(z1)
    u0, u1 = z0 / length0, z1 / length1
    angle = np.arccos(np.dot(u0, u1))
    direction = (np.sin(t * angle) * u0 + np.sin((1 - t) * angle) * u1) / np.sin(angle)
    return direction * (t * length0 + (1 - t) * length1)


def forgets_the_length(z0, z1, t):
    u0, u1 = z0 / np.linalg.norm(z0), z1 / np.linalg.norm(z1)
    angle = np.arccos(np.dot(u0, u1))
    return (np.sin((1 - t) * angle) * u0 + np.sin(t * angle) * u1) / np.sin(angle)


def weights_the_vectors_themselves(z0, z1, t):
    u0, u1 = z0 / np.linalg.norm(z0), z1 / np.linalg.norm(z1)
    angle = np.arccos(np.dot(u0, u1))
    return (np.sin((1 - t) * angle) * z0 + np.sin(t * angle) * z1) / np.sin(angle)


HINTS = {
    "walks_the_straight_line": "the straight path's point",
    "takes_the_angle_of_unnormalised_vectors": "take it between the unit vectors",
    "swaps_the_ends": "not the other way round",
    "forgets_the_length": "returned a unit vector",
    "weights_the_vectors_themselves": "go on the unit vectors",
}
