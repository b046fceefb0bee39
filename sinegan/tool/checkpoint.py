"""Checkpoints: everything a training run needs to go on exactly where it stopped.

A checkpoint is one ``.npz`` file. It holds every variable of both networks
(the Dropout layers' random-seed states included, so the masks continue the
same sequence; on PyTorch, whose Dropout draws from its global generator, that
generator's state too), of the averaged generator if there is one, of D's optimizer and
of the GAN's optimizer (Adam's step count and moments), the state of the NumPy
generator that draws the batches, the epoch, the history (the (b, c) plane's
frames included, one array per field, stacked), and the config.
Restoring all of it into a new ``Trainer`` built from the same config makes the
resumed run compute, step for step, what the uninterrupted run computes, on
the backend that wrote it (``checkpoint_backend``). Any backend can read the
weights and draw the same curves.

Each variable is stored under its group and its Keras path, for example
``discriminator/discriminator/hidden_1/kernel`` (sinegan.tool.state), and
restoring matches variables by name, not by position.

Files are written atomically (sinegan.tool.files: a temporary file in the same
folder, then ``os.replace``), so an interrupted write leaves the previous version whole.

This module imports NumPy only; Keras is loaded when a trainer is built.
"""

from __future__ import annotations

import dataclasses
import json
import os
import zipfile

import numpy as np

from .. import backends
from ..engines import prepare_optimizers
from ..presets import SLIDES
from ..slides.config import GANConfig
from .files import atomic_write
from .history_arrays import PLANE, PLANE_FIELDS, history_arrays, restore_history
from .history_arrays import plane_frames as plane_frames  # read here by the command line and tests
from .state import keyed_variables, require_same_variables

FORMAT = 2  # bump when the layout below changes
RANDOM_STATE = "backend/random_state"  # the backend's own random state, where it has one (PyTorch)
# Older formats, and the release that wrote them: such a file is refused with one line.
WRITTEN_BY = {1: "sinegan 0.1"}  # format 1 keyed each variable by its position in its group


def config_to_json(config: GANConfig) -> str:
    return json.dumps(config.to_dict(), indent=2, default=_plain)


def config_from_dict(fields: dict) -> GANConfig:
    """The config saved by ``config_to_json``; JSON lists become the tuples they were."""
    if not isinstance(fields, dict):
        raise ValueError(f"config expected a dict of GANConfig fields. Received: config={fields!r}")
    return SLIDES.replace(
        **{
            name: tuple(value) if isinstance(value, list) else value
            for name, value in fields.items()
        }
    )


def save_checkpoint(trainer, path):
    """Write the trainer's whole state to ``path`` (an ``.npz`` file), atomically."""
    _require_trainer(trainer)
    # The optimizers' moments must exist before they are saved or set.
    prepare_optimizers(trainer.discriminator, trainer.gan)
    history = trainer.history
    arrays = history_arrays(history, trainer.config)
    for key, variable in keyed_variables(trainer).items():
        arrays[key] = np.asarray(variable)
    random_state = backends.current().random_state()
    if random_state is not None:  # PyTorch's dropout masks come from its global generator
        arrays[RANDOM_STATE] = random_state
    metadata = {
        "format": FORMAT,
        "epoch": trainer.epoch,
        "engine": trainer.engine,
        "backend": backends.name(),
        "config": trainer.config.to_dict(),
        "rng_state": trainer.rng.bit_generator.state,
        "quality": history.quality,
    }
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
        raise ValueError(
            f"checkpoint is truncated or corrupted ({error}). Received: checkpoint={path!r}"
        ) from None
    # Before reading the config: an older sinegan's config may have other fields.
    _require_format(written_format, path)
    try:
        config = config_from_dict(metadata["config"])
        if not isinstance(metadata["epoch"], int) or metadata["epoch"] < 0:
            raise ValueError("unknown epoch")
        if (
            len(arrays["history/step_metrics"]) != metadata["epoch"]
            or len(arrays["history/snapshots"]) != metadata["epoch"] + 1
        ):
            raise ValueError("history does not match the epoch")
        plane = {key for key in arrays if key.startswith(PLANE)}
        if plane and (
            plane != {PLANE + name for name in PLANE_FIELDS}
            or len({len(arrays[key]) for key in plane}) > 1
        ):
            raise ValueError("the plane's frames do not match")
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(
            f"checkpoint is truncated or corrupted ({error}). Received: checkpoint={path!r}"
        ) from None
    return {**arrays, "metadata": {**metadata, "config": config}}


def _require_format(written_format, path):
    """One line for a checkpoint of another format: which sinegan wrote it, and what to do."""
    if written_format == FORMAT:
        return
    if written_format in WRITTEN_BY:
        raise ValueError(
            f"checkpoint was written by {WRITTEN_BY[written_format]} (format {written_format}); "
            f"this sinegan reads format {FORMAT}: train again. Received: checkpoint={path!r}"
        )
    raise ValueError(
        f"checkpoint expected format {FORMAT}, the one this sinegan reads and writes. "
        f"Received: format={written_format!r}, checkpoint={path!r}"
    )


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
        raise ValueError(
            "checkpoint was written for another config. "
            f"Received: checkpoint config={saved_config}, trainer config={trainer.config}"
        )
    # The optimizers' moments must exist before they are saved or set.
    prepare_optimizers(trainer.discriminator, trainer.gan)
    variables = keyed_variables(trainer)
    saved = {
        key: value
        for key, value in checkpoint.items()
        if key not in ("metadata", RANDOM_STATE) and not key.startswith("history/")
    }
    # All are checked before any is set: a refusal changes nothing.
    require_same_variables(saved, variables)
    for key, variable in variables.items():
        variable.assign(saved[key])
    if RANDOM_STATE in checkpoint and checkpoint_backend(checkpoint) == backends.name():
        backends.current().set_random_state(checkpoint[RANDOM_STATE])
    trainer.rng.bit_generator.state = metadata["rng_state"]
    trainer.epoch = metadata["epoch"]
    restore_history(trainer.history, checkpoint)
    return trainer


def trainer_from_checkpoint(checkpoint, epochs: int | None = None):
    """A new Trainer in the state a checkpoint (a path, or what ``read_checkpoint`` returned)
    recorded; ``epochs`` replaces ``config.epochs``.

    Any backend can load any run's weights, so its curves are the same to float
    precision. Training on continues exactly only on the backend that wrote it
    (``checkpoint_backend``): each backend draws its random numbers its own way.
    """
    from ..harness.trainer import Trainer  # loads TensorFlow

    if not isinstance(checkpoint, dict):
        checkpoint = read_checkpoint(checkpoint)
    config = checkpoint["metadata"]["config"]
    if epochs is not None:
        config = config.replace(epochs=epochs)
    trainer = Trainer(config, engine=checkpoint["metadata"]["engine"])
    return restore_checkpoint(trainer, checkpoint)


def checkpoint_backend(checkpoint) -> str:
    """The Keras backend that wrote a checkpoint (runs of sinegan 0.2.0 were all TensorFlow's)."""
    return checkpoint["metadata"].get("backend", "tensorflow")


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
