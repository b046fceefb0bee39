"""Common wrong answers to lesson 3's optimal_discriminator."""


def share_of_generated(data_density, generated_density):
    return generated_density / (data_density + generated_density)


def ratio_of_densities(data_density, generated_density):
    return data_density / generated_density


def averages_the_densities(data_density, generated_density):
    return (data_density + generated_density) / 2


HINTS = {
    "share_of_generated": "the probability that x is real",
    "ratio_of_densities": "not by p_g alone",
    "averages_the_densities": "D* differs from p_data / (p_data + p_g)",
}
