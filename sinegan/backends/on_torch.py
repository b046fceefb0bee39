"""The PyTorch backend: ``torch.autograd.grad`` for gradients, eager steps in a Python loop.

PyTorch runs every step eagerly, flags included (sinegan.slides.training says
when each backend reads ``trainable``).

Why eager: on the slides' recipe (2-core CPU) ``torch.compile`` ran a step
about a third faster (4.7 against 7.1 ms), but compiling the first epoch took
64 s and it recompiles as ``trainable`` flips the weights' ``requires_grad``;
it would pay back after ~27,000 steps, and the slides train 4,096.
docs/backends.md has the figures.
"""

from __future__ import annotations

import keras
import numpy as np
import torch


def update(model, objective, optimizer=None):
    """One ``train_on_batch``: forward, loss, gradients, optimizer step, on what is trainable now.

    ``objective()`` returns (loss, *more), and so does this; ``optimizer``
    defaults to the model's own.
    """
    variables = model.trainable_variables  # read now, as Keras does on every PyTorch call
    outputs = objective()
    gradients = torch.autograd.grad(outputs[0], [variable.value for variable in variables])
    with torch.no_grad():
        (optimizer or model.optimizer).apply(gradients, variables)
    return tuple(output.detach() for output in outputs)


def input_gradient(function, inputs):
    """d sum(function(inputs)) / d inputs, its graph kept so that it can be differentiated again."""
    inputs = keras.ops.convert_to_tensor(inputs).detach().requires_grad_(True)
    outputs = function(inputs)
    return torch.autograd.grad(outputs.sum(), inputs, create_graph=True)[0]


def gradients(function, variables):
    """d function() / d variables, eagerly (frozen weights included: ``requires_grad`` is set for
    the call)."""
    values = [variable.value for variable in variables]
    frozen = [value for value in values if not value.requires_grad]
    for value in frozen:
        value.requires_grad_(True)
    try:
        return list(torch.autograd.grad(function(), values))
    finally:
        for value in frozen:
            value.requires_grad_(False)


def compile_loop(step, variables):
    """``run(*arrays) -> NumPy (steps, ...)``: ``step`` on each slice, one eager step at a time."""
    del variables  # PyTorch updates the weights in place

    def run(*arrays):
        tensors = [keras.ops.convert_to_tensor(array) for array in arrays]
        outputs = [step(*[tensor[index] for tensor in tensors]) for index in range(len(tensors[0]))]
        return np.stack([keras.ops.convert_to_numpy(output) for output in outputs])

    return run


def compile_function(function, variables):
    """``function`` as it is (PyTorch runs eagerly), without recording gradients."""
    del variables

    def run(*arrays):
        with torch.no_grad():
            return [keras.ops.convert_to_numpy(output) for output in function(*arrays)]

    return run


def random_state():
    """PyTorch's global random state, as a NumPy array.

    Keras' ``Dropout`` on PyTorch draws its masks from the global generator
    when the layer was given no seed, as the slides' layers are; so a checkpoint
    must hold this state for a resumed run to draw the same masks.
    """
    return torch.get_rng_state().numpy()


def set_random_state(state):
    """Put back a state that ``random_state`` returned."""
    torch.set_rng_state(torch.from_numpy(np.asarray(state, dtype=np.uint8)))


def make_deterministic():
    """The same results on every run of the same seed."""
    torch.use_deterministic_algorithms(True)
