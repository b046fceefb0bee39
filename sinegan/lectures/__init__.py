"""The other lectures' ideas, apart from the slides' recipe.

sampling.py        pseudo-random numbers, inverse-transform sampling, a GAN on one number
pattern1010.py     the first GAN of the lectures: a generator that learns 1, 0, 1, 0
pattern_source.py  its real data (NumPy only)
convolution.py     a convolution as a matrix C; the transposed convolution as Cᵀ
latent.py          walks in the latent space: interpolation and a frequency direction
theory.py          the value function V(G, D), the optimal D*, the generator losses' gradients
theory_checks.py   how the theory lecture's functions check their inputs
"""
