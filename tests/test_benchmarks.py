"""The benchmark's FLOP count, checked by hand on a tiny recipe (no training)."""

from benchmarks.bench_training import dense_multiply_adds, flops_per_step
from sinegan import GANConfig


def test_dense_multiply_adds_sums_in_times_out():
    assert dense_multiply_adds([4, 3, 2]) == 4 * 3 + 3 * 2
    assert dense_multiply_adds([5]) == 0


def test_flops_per_step_on_a_tiny_recipe():
    # Half batch h = 2; G: 4 -> 3 -> 4, so 12 + 12 = 24 multiply-adds per row;
    # D: 4 -> 2 -> 2 -> 1, so 8 + 4 + 2 = 14 multiply-adds per row.
    config = GANConfig(train_len=4, latent_dim=4, train_size=8, batch_size=4,
                       generator_units=(3,), discriminator_units=2)
    generate = 2 * 2 * 24                        # G forward on 2 latent vectors: 96
    train_discriminator = 3 * 2 * 4 * 14         # D trained on 4 curves: 336
    train_generator = 3 * 2 * 2 * 24 + 2 * 2 * 2 * 14  # G trained 288, frozen D 112
    assert generate + train_discriminator + train_generator == 832
    assert flops_per_step(config) == 832


def test_flops_per_step_on_the_slides_recipe():
    # 8 h G + 16 h D with h = 64, G = 36,864 and D = 8,256.
    assert flops_per_step(GANConfig()) == 8 * 64 * 36_864 + 16 * 64 * 8_256 == 27_328_512
