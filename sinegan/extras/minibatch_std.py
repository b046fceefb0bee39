"""Minibatch standard deviation: D also sees how varied a group of curves is.

Not on the slides; ``GANConfig.minibatch_std_group`` turns it on (sinegan.recipe
puts the layer before D's output). A generator that draws only a few shapes
makes groups of curves that vary less than real ones, so D can spot it: the
slides' partial mode collapse becomes visible to D.

Reference: Karras et al. 2018, "Progressive Growing of GANs", arXiv:1710.10196, section 3.
"""

from __future__ import annotations

import keras
from keras import layers


@keras.saving.register_keras_serializable(package="sinegan")  # so discriminator.keras loads back
class MinibatchStandardDeviation(layers.Layer):
    """Append one feature: how much a group of ``group_size`` consecutive rows varies.

    Karras et al. 2018 (arXiv:1710.10196), section 3: the standard deviation of
    each feature over the group, averaged over features, is given to every row
    of the group. Real curves vary a lot, so a collapsed generator's groups
    stand out. The batch size must be a multiple of ``group_size``; the trainer
    feeds 64 real rows then 64 generated rows, so no group mixes the two.
    """

    def __init__(self, group_size: int, **kwargs):
        super().__init__(**kwargs)
        self.group_size = group_size

    def call(self, features):  # (batch, units)
        batch, units = features.shape[0], features.shape[-1]
        if batch is not None and batch % self.group_size:  # known whenever D is called on an array
            raise ValueError(
                f"the batch must be a multiple of group_size={self.group_size}, so that every "
                f"curve has a group. Received: batch size {batch}"
            )
        groups = keras.ops.reshape(features, (-1, self.group_size, units))  # (batch / g, g, units)
        spread = keras.ops.sqrt(keras.ops.var(groups, axis=1) + 1e-8)  # (batch / g, units)
        spread = keras.ops.mean(spread, axis=1, keepdims=True)  # (batch / g, 1)
        spread = keras.ops.repeat(spread, self.group_size, axis=0)  # (batch, 1)
        return keras.ops.concatenate([features, spread], axis=1)  # (batch, units + 1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], input_shape[-1] + 1)

    def get_config(self):
        return {**super().get_config(), "group_size": self.group_size}
