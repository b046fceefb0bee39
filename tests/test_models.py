import keras
import numpy as np
import pytest

from sinegan import GANConfig, build_discriminator, build_gan, build_generator

from helpers import to_numpy


def _dense_layers(model):
    return [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]


def test_discriminator_matches_the_slide():
    discriminator = build_discriminator(GANConfig())
    assert discriminator.count_params() == 8385  # 64*64+64 + 64*64+64 + 64+1
    kinds = [type(layer).__name__ for layer in discriminator.layers]
    assert kinds == ["Dense", "Dropout", "Dense", "Dropout", "Dense"]
    assert [layer.units for layer in _dense_layers(discriminator)] == [64, 64, 1]
    assert [layer.activation.__name__ for layer in _dense_layers(discriminator)] == [
        "relu",
        "relu",
        "sigmoid",
    ]
    assert [
        layer.rate for layer in discriminator.layers if isinstance(layer, keras.layers.Dropout)
    ] == [0.4, 0.4]
    assert discriminator.input_shape == (None, 64) and discriminator.output_shape == (None, 1)
    assert isinstance(discriminator.optimizer, keras.optimizers.Adam)
    assert discriminator.loss == "binary_crossentropy"


def test_generator_matches_the_slide():
    generator = build_generator(GANConfig())
    assert generator.count_params() == 37248  # 64*64+64 + 64*256+256 + 256*64+64
    assert [layer.units for layer in _dense_layers(generator)] == [64, 256, 64]
    assert [layer.activation.__name__ for layer in _dense_layers(generator)] == [
        "relu",
        "relu",
        "tanh",
    ]
    curves = to_numpy(generator(np.random.default_rng(0).uniform(-1, 1, (5, 64)).astype("float32")))
    assert curves.shape == (5, 64) and np.all(np.abs(curves) < 1)  # tanh output


def test_discriminator_computes_what_its_layers_say():
    """Hand-set weights, hand-computed output (dropout is off at inference)."""
    config = GANConfig(train_len=3, discriminator_units=2, latent_dim=3)
    discriminator = build_discriminator(config)
    first, second, last = _dense_layers(discriminator)
    first.set_weights(
        [np.array([[1, -1], [0, 2], [1, 0]], "float32"), np.array([0.5, -1], "float32")]
    )
    second.set_weights([np.array([[1, 0], [0, 1]], "float32"), np.zeros(2, "float32")])
    last.set_weights([np.array([[2], [-1]], "float32"), np.array([-0.5], "float32")])
    x = np.array([[1.0, 2.0, -1.0]], "float32")
    hidden = np.maximum(0, x @ [[1, -1], [0, 2], [1, 0]] + [0.5, -1])  # [[0.5, 2]]
    expected = 1 / (1 + np.exp(-(hidden @ [[2], [-1]] - 0.5)))
    np.testing.assert_allclose(to_numpy(discriminator(x, training=False)), expected, rtol=1e-6)


def test_gan_chains_generator_into_discriminator():
    config = GANConfig()
    generator, discriminator = build_generator(config), build_discriminator(config)
    gan = build_gan(generator, discriminator, config)
    assert gan.layers == [generator, discriminator]
    z = np.random.default_rng(1).uniform(-1, 1, (4, 64)).astype("float32")
    np.testing.assert_allclose(
        to_numpy(gan(z, training=False)),
        to_numpy(discriminator(generator(z), training=False)),
        rtol=1e-6,
    )
    # built frozen, as on the slides: the GAN's trainable weights are exactly G's
    assert discriminator.trainable is False
    assert [id(v) for v in gan.trainable_variables] == [
        id(v) for v in generator.trainable_variables
    ]


@pytest.mark.parametrize(
    "units, expected",
    [((32,), 64 * 32 + 32 + 32 * 64 + 64), ((8, 8), 64 * 8 + 8 + 8 * 8 + 8 + 8 * 64 + 64)],
)
def test_generator_sizes_come_from_the_config(units, expected):
    assert build_generator(GANConfig(generator_units=units)).count_params() == expected
