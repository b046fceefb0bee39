"""Checkpoints: everything a training run needs to go on exactly where it stopped.

A checkpoint is one ``.npz`` file. It holds every variable of both networks
(the Dropout layers' random-seed states included, so the masks continue the
same sequence), of the averaged generator if there is one, of D's optimizer and
of the GAN's optimizer (Adam's step count and moments), the state of the NumPy
generator that draws the batches, the epoch, the history, and the config.
Restoring all of it into a new ``Trainer`` built from the same config makes the
resumed run compute, step for step, what the uninterrupted run computes.

Each variable is stored under its group and its Keras path, for example
``discriminator/discriminator/hidden_1/kernel`` or
``gan_optimizer/gan_optimizer/generator_output_bias_momentum``: the builders
name every layer and optimizer, so the same config gives the same keys in any
process, and restoring matches variables by name, not by position. A
random-seed state is the exception: Keras numbers those with a counter of the
whole process (``seed_generator_12/seed_generator_state``), so its key is
made from the layer that owns it (``discriminator/discriminator/dropout_1/seed_generator_state``).

Files are written atomically (sinegan.tool.files: a temporary file in the same
folder, then ``os.replace``), so an interrupted write leaves the previous version whole.

This module imports NumPy only; TensorFlow is loaded when a trainer is built.
"""

from __future__ import annotations

import dataclasses
import json
import os
import zipfile

import numpy as np

from ..presets import SLIDES
from ..slides.config import GANConfig
from .files import atomic_write

FORMAT = 2  # bump when the layout below changes
# Older formats, and the release that wrote them: such a file is refused with one line.
WRITTEN_BY = {1: "sinegan 0.1"}  # format 1 keyed each variable by its position in its group
HISTORY_ARRAYS = ("pretrain_loss", "pretrain_accuracy", "step_metrics", "snapshots", "epoch_seconds")


def config_to_json(config: GANConfig) -> str:
    return json.dumps(config.to_dict(), indent=2, default=_plain)


def config_from_dict(fields: dict) -> GANConfig:
    """The config saved by ``config_to_json``; JSON lists become the tuples they were."""
    if not isinstance(fields, dict):
        raise ValueError(f"config expected a dict of GANConfig fields. Received: config={fields!r}")
    return SLIDES.replace(**{name: tuple(value) if isinstance(value, list) else value
                             for name, value in fields.items()})


def _state_owners(trainer) -> dict:
    """The models and optimizers whose variables a checkpoint holds, by group name, in a fixed order."""
    owners = {
        "discriminator": trainer.discriminator,  # weights and Dropout seed states
        "generator": trainer.generator,
        "discriminator_optimizer": trainer.discriminator.optimizer,
        "gan_optimizer": trainer.gan.optimizer,  # updates G through the GAN
    }
    if trainer.sampling_generator is not trainer.generator:
        owners["averaged_generator"] = trainer.sampling_generator
    return owners


def _keyed_variables(trainer) -> dict:
    """Every piece of TensorFlow state of a trainer, by its checkpoint key ``group/path``."""
    keyed = {}
    for group, owner in _state_owners(trainer).items():
        seed_keys = _seed_state_keys(owner)
        for variable in owner.variables:
            path = seed_keys.get(id(variable), variable.path)
            # A path outside its owner's name belongs to state this walk did not find (a seed
            # generator held elsewhere): Keras numbered it, and another process numbers it
            # otherwise. Two variables with one path would overwrite each other.
            if not path.startswith(owner.name + "/") or f"{group}/{path}" in keyed:
                raise ValueError(f"variable expected a name of its own, made of its model's and layers' names. "
                                 f"Received: variable={variable.path!r} in {group}")
            keyed[f"{group}/{path}"] = variable
    return keyed


def _seed_state_keys(model) -> dict:
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


def _build_optimizers(trainer):
    """Create the optimizers' moments now, as the first update would, so they can be saved or set.

    D's optimizer covers D's weights; the GAN's covers G's only, because D is
    frozen inside the GAN (the same calls as the fast engine's set-up).
    """
    discriminator = trainer.discriminator
    if not discriminator.optimizer.built:
        discriminator.trainable = True
        discriminator.optimizer.build(discriminator.trainable_variables)
    if not trainer.gan.optimizer.built:
        discriminator.trainable = False
        trainer.gan.optimizer.build(trainer.gan.trainable_variables)


def save_checkpoint(trainer, path):
    """Write the trainer's whole state to ``path`` (an ``.npz`` file), atomically."""
    _require_trainer(trainer)
    _build_optimizers(trainer)
    history = trainer.history
    steps, curves = trainer.config.steps_per_epoch, trainer.config.monitor_curves
    arrays = {
        "history/pretrain_loss": np.asarray(history.pretrain_loss, dtype=np.float64),
        "history/pretrain_accuracy": np.asarray(history.pretrain_accuracy, dtype=np.float64),
        "history/step_metrics": np.asarray(history.step_metrics, dtype=np.float32).reshape(-1, steps, 4),
        "history/snapshots": np.asarray(history.snapshots, dtype=np.float32).reshape(
            -1, curves, trainer.config.train_len),
        "history/epoch_seconds": np.asarray(history.epoch_seconds, dtype=np.float64),
    }
    for key, variable in _keyed_variables(trainer).items():
        arrays[key] = np.asarray(variable)
    metadata = {"format": FORMAT, "epoch": trainer.epoch, "engine": trainer.engine,
                "config": trainer.config.to_dict(), "rng_state": trainer.rng.bit_generator.state,
                "quality": history.quality}
    arrays["metadata"] = np.array(json.dumps(metadata, default=_plain))

    def write(temporary):
        with open(temporary, "wb") as file:
            np.savez(file, **arrays)

    atomic_write(path, write)


def read_checkpoint(path) -> dict:
    """Every array of a checkpoint, and its ``"metadata"`` as a dict; checks the file is whole.

    Raises ``FileNotFoundError`` if there is no such file and ``ValueError`` if
    it is not a complete checkpoint (truncated, corrupted, or another file) or
    was written in another format (by another version of sinegan).
    """
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"No checkpoint file. Received: checkpoint={path!r}")
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
        metadata = json.loads(str(arrays.pop("metadata")))
        written_format = metadata["format"]
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as error:
        raise ValueError(f"checkpoint is truncated or corrupted ({error}). Received: checkpoint={path!r}") from None
    # Before reading the config: an older sinegan's config may have other fields.
    _require_format(written_format, path)
    try:
        config = config_from_dict(metadata["config"])
        if not isinstance(metadata["epoch"], int) or metadata["epoch"] < 0:
            raise ValueError("unknown epoch")
        if len(arrays["history/step_metrics"]) != metadata["epoch"] or \
                len(arrays["history/snapshots"]) != metadata["epoch"] + 1:
            raise ValueError("history does not match the epoch")
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"checkpoint is truncated or corrupted ({error}). Received: checkpoint={path!r}") from None
    return {**arrays, "metadata": {**metadata, "config": config}}


def _require_format(written_format, path):
    """One line for a checkpoint of another format: which sinegan wrote it, and what to do."""
    if written_format == FORMAT:
        return
    if written_format in WRITTEN_BY:
        raise ValueError(f"checkpoint was written by {WRITTEN_BY[written_format]} (format {written_format}); "
                         f"this sinegan reads format {FORMAT}: train again. Received: checkpoint={path!r}")
    raise ValueError(f"checkpoint expected format {FORMAT}, the one this sinegan reads and writes. "
                     f"Received: format={written_format!r}, checkpoint={path!r}")


def restore_checkpoint(trainer, checkpoint):
    """Put a checkpoint (a path, or what ``read_checkpoint`` returned) into ``trainer``.

    ``trainer`` must be built from the checkpoint's config (its ``epochs`` may
    differ) and not yet trained.
    """
    _require_trainer(trainer)
    if not isinstance(checkpoint, dict):
        checkpoint = read_checkpoint(checkpoint)
    metadata = checkpoint["metadata"]
    saved_config = metadata["config"]
    if saved_config.replace(epochs=0) != trainer.config.replace(epochs=0):
        raise ValueError("checkpoint was written for another config. "
                         f"Received: checkpoint config={saved_config}, trainer config={trainer.config}")
    _build_optimizers(trainer)
    variables = _keyed_variables(trainer)
    saved = {key: value for key, value in checkpoint.items() if key != "metadata" and not key.startswith("history/")}
    _require_same_variables(saved, variables)  # all checked before any is set: a refusal changes nothing
    for key, variable in variables.items():
        variable.assign(saved[key])
    trainer.rng.bit_generator.state = metadata["rng_state"]
    trainer.epoch = metadata["epoch"]
    history = trainer.history
    history.pretrain_loss, history.pretrain_accuracy, history.epoch_seconds = (
        checkpoint[f"history/{name}"].tolist() for name in ("pretrain_loss", "pretrain_accuracy", "epoch_seconds"))
    history.step_metrics = list(checkpoint["history/step_metrics"])  # (steps, 4) per epoch
    history.snapshots = list(checkpoint["history/snapshots"])  # (monitor_curves, 64) per epoch, and before
    history.quality = list(metadata["quality"])
    return trainer


def _require_same_variables(saved: dict, variables: dict):
    """Refuse, naming what differs, unless each of the trainer's variables has a saved array of its shape."""
    missing = sorted(variables.keys() - saved.keys())  # in the trainer, not in the checkpoint
    extra = sorted(saved.keys() - variables.keys())  # in the checkpoint, not in the trainer
    shapes = [f"{key} saved {saved[key].shape} model {tuple(variables[key].shape)}"
              for key in sorted(variables.keys() & saved.keys()) if saved[key].shape != tuple(variables[key].shape)]
    if missing or extra or shapes:
        differences = {"missing": missing, "extra": extra, "shapes": shapes}
        raise ValueError("checkpoint expected one array of the same shape for each of the trainer's variables, "
                         "and no other. Received: "
                         + ", ".join(f"{name}={_first(keys)}" for name, keys in differences.items() if keys))


def _first(names, shown=4) -> str:
    """A list of names short enough for one line: the first few and how many more."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return f"[{', '.join(names[:shown])}{more}]"


def trainer_from_checkpoint(checkpoint, epochs: int | None = None):
    """A new Trainer in the state a checkpoint (a path, or what ``read_checkpoint`` returned)
    recorded; ``epochs`` replaces ``config.epochs``."""
    from ..harness.trainer import Trainer  # loads TensorFlow

    if not isinstance(checkpoint, dict):
        checkpoint = read_checkpoint(checkpoint)
    config = checkpoint["metadata"]["config"]
    if epochs is not None:
        config = config.replace(epochs=epochs)
    trainer = Trainer(config, engine=checkpoint["metadata"]["engine"])
    return restore_checkpoint(trainer, checkpoint)


def _require_trainer(trainer):
    from ..harness.trainer import Trainer  # a trainer exists only once TensorFlow is loaded

    if not isinstance(trainer, Trainer):
        raise ValueError(f"trainer expected a sinegan Trainer. Received: trainer={trainer!r}")


def _plain(value):
    """JSON for the NumPy scalars a history or a config may hold."""
    if isinstance(value, np.generic):
        return value.item()
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
