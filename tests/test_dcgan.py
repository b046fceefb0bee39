"""The DCGAN generator option: transposed convolutions that the unchanged Trainer trains."""

import keras
import numpy as np
import pytest

from sinegan import GANConfig, Trainer, generator_for, preset
from sinegan.presets import DCGAN, IMPROVED

from helpers import fast_step_changes, to_numpy

SMALL = GANConfig(
    train_size=128,
    pretrain_batches=0,
    fresh_latent=True,
    latent_distribution="normal",
    latent_dim=8,
    generator_architecture="dcgan",
)


def test_generator_upsamples_with_three_transposed_convolutions():
    generator = generator_for(SMALL)
    transposed = [
        layer for layer in generator.layers if isinstance(layer, keras.layers.Conv1DTranspose)
    ]
    # doubling
    assert [layer.output.shape[1:] for layer in transposed] == [
        (16, 32),
        (32, 16),
        (64, 1),
    ]
    assert [layer.strides for layer in transposed] == [(2,)] * 3
    assert transposed[-1].activation.__name__ == "tanh"
    curves = to_numpy(generator(np.random.default_rng(0).standard_normal((5, 8)).astype("float32")))
    assert curves.shape == (5, 64) and np.all(np.abs(curves) < 1)
    # 16 -> 32 -> 64
    assert generator_for(SMALL.replace(generator_channels=(8, 4))).output_shape == (
        None,
        64,
    )


def test_trainer_trains_it_and_keeps_the_freeze():
    trainer = Trainer(SMALL)
    g_changed, d_changed, _, d_all = fast_step_changes(trainer, 0.001, 0.0)
    assert not g_changed and d_all  # the D update leaves the convolutional G alone
    g_changed, d_changed, g_all, _ = fast_step_changes(trainer, 0.0, 0.001)
    # the GAN update moves every kernel and bias of G, and nothing of D
    assert not d_changed and g_all


def test_default_stays_dense_and_the_preset_changes_only_the_generator_and_its_length():
    assert GANConfig().generator_architecture == "dense"
    assert preset("dcgan") is DCGAN
    changed = {name for name, value in DCGAN.to_dict().items() if IMPROVED.to_dict()[name] != value}
    assert changed == {"generator_architecture", "epochs"}


@pytest.mark.parametrize(
    "changes, name",
    [
        ({"generator_architecture": "resnet"}, "generator_architecture"),
        ({"generator_channels": ()}, "generator_channels"),
        ({"generator_channels": (16, 0)}, "generator_channels"),
        ({"generator_channels": [16, 8]}, "generator_channels"),
        ({"train_len": 60, "latent_dim": 8}, "train_len"),  # 60 is no multiple of 2 ** 3
    ],
)
def test_bad_generator_fields_raise(changes, name):
    with pytest.raises(ValueError, match=f"Received: {name}="):
        SMALL.replace(**changes)
