"""A trainer's Keras state, each variable under a key that is the same in every process.

A checkpoint (sinegan.tool.checkpoint) stores each variable under its group and
its Keras path, for example ``discriminator/discriminator/hidden_1/kernel`` or
``gan_optimizer/gan_optimizer/generator_output_bias_momentum``: the builders
name every layer and optimizer, so the same config gives the same keys in any
process, and restoring matches variables by name, not by position. A
random-seed state is the exception: Keras numbers those with a counter of the
whole process (``seed_generator_12/seed_generator_state``), so its key is made
from the layer that owns it (``discriminator/discriminator/dropout_1/seed_generator_state``).
"""

from __future__ import annotations


def _state_owners(trainer) -> dict:
    """The models and optimizers whose variables a checkpoint holds, by group name, in one order."""
    owners = {
        "discriminator": trainer.discriminator,  # weights and Dropout seed states
        "generator": trainer.generator,
        "discriminator_optimizer": trainer.discriminator.optimizer,
        "gan_optimizer": trainer.gan.optimizer,  # updates G through the GAN
    }
    if trainer.parts.averaged:
        owners["averaged_generator"] = trainer.sampling_generator
    return owners


def keyed_variables(trainer) -> dict:
    """Every piece of Keras state of a trainer, by its checkpoint key ``group/path``."""
    keyed = {}
    for group, owner in _state_owners(trainer).items():
        seed_keys = seed_state_keys(owner)
        for variable in owner.variables:
            path = seed_keys.get(id(variable), variable.path)
            # A path outside its owner's name belongs to state this walk did not find (a seed
            # generator held elsewhere): Keras numbered it, and another process numbers it
            # otherwise. Two variables with one path would overwrite each other.
            if not path.startswith(owner.name + "/") or f"{group}/{path}" in keyed:
                raise ValueError(
                    f"variable expected a name of its own, made of its model's and layers' names. "
                    f"Received: variable={variable.path!r} in {group}"
                )
            keyed[f"{group}/{path}"] = variable
    return keyed


def seed_state_keys(model) -> dict:
    """Stable paths for the random-seed states of a model's layers, by ``id`` of the state variable.

    Keras names a ``SeedGenerator`` after a counter of the whole process, so
    ``seed_generator_12`` in one process is ``seed_generator_3`` in another.
    The layer that holds it has a fixed name: the state of Dropout's
    ``seed_generator`` becomes ``discriminator/dropout_1/seed_generator_state``.
    A seed generator held by the model itself is named after the model and
    the attribute. An optimizer has no layers, and no seed states.
    """
    import keras  # a trainer exists, so Keras is loaded already

    keys = {}

    def walk(layer, path):
        for attribute, value in vars(layer).items():
            if isinstance(value, keras.random.SeedGenerator):
                keys[id(value.state)] = f"{path}/{attribute}_state"
        for sublayer in getattr(layer, "layers", ()):  # and the layers of a model inside the model
            walk(sublayer, f"{path}/{sublayer.name}")

    walk(model, model.name)
    return keys


def require_same_variables(saved: dict, variables: dict):
    """Refuse, naming what differs, unless each of the trainer's variables has a saved array of
    its shape."""
    missing = sorted(variables.keys() - saved.keys())  # in the trainer, not in the checkpoint
    extra = sorted(saved.keys() - variables.keys())  # in the checkpoint, not in the trainer
    shapes = [
        f"{key} saved {saved[key].shape} model {tuple(variables[key].shape)}"
        for key in sorted(variables.keys() & saved.keys())
        if saved[key].shape != tuple(variables[key].shape)
    ]
    if missing or extra or shapes:
        differences = {"missing": missing, "extra": extra, "shapes": shapes}
        raise ValueError(
            "checkpoint expected one array of the same shape for each of the trainer's variables, "
            "and no other. Received: "
            + ", ".join(f"{name}={_first(keys)}" for name, keys in differences.items() if keys)
        )


def _first(names, shown=4) -> str:
    """A list of names short enough for one line: the first few and how many more."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return f"[{', '.join(names[:shown])}{more}]"
