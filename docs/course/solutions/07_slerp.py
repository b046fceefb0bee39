"""Lesson 7: the point at fraction t of the spherical path from z0 to z1."""

import numpy as np


def slerp(z0, z1, t):
    length0, length1 = np.linalg.norm(z0), np.linalg.norm(z1)
    u0, u1 = z0 / length0, z1 / length1  # unit vectors
    angle = np.arccos(np.clip(np.dot(u0, u1), -1.0, 1.0))  # θ between the unit vectors
    direction = (np.sin((1 - t) * angle) * u0 + np.sin(t * angle) * u1) / np.sin(angle)
    return direction * ((1 - t) * length0 + t * length1)
