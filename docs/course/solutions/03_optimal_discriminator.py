"""Lesson 3: the best discriminator for a fixed generator (Proposition 1)."""


def optimal_discriminator(data_density, generated_density):
    """D*(x) = p_data(x) / (p_data(x) + p_g(x)) at each point of the grid."""
    return data_density / (data_density + generated_density)
