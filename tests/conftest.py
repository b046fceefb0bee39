import os

# Quiet TensorFlow's C++ start-up logs; Python warnings still show.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import pytest

from sinegan import GANConfig


@pytest.fixture
def small_config():
    """The slides' recipe shrunk to a few steps: 512 curves, 4 steps per epoch."""
    return GANConfig(train_size=512, pretrain_batches=4, epochs=1)
