"""What the fields of a GANConfig hold: plain Python values, the data's regions of the (b, c)
plane, and which fields each slides' function cannot honour.

The slides' builders (sinegan.slides) build the slides' parts. The table below
says, for each of them, the fields beyond the slides that would change what it
builds; handed a config that sets one, it refuses it in one line naming the
field, rather than silently build the slides' part. sinegan.recipe builds any
config, passing those fields' values to the same builders as arguments.

This module imports nothing beyond the standard library and sinegan.validation.
"""

from __future__ import annotations

import dataclasses

from .validation import fail

# The fields beyond the slides that each slides' function would ignore.
IGNORED_BY = {
    "build_discriminator": (
        *("hidden_activation", "adam_beta_1", "adam_beta_2", "minibatch_std_group", "loss"),
        *("conditional", "discriminator_conditioning"),
    ),
    "build_generator": (
        *("hidden_activation", "adam_beta_1", "adam_beta_2", "conditional"),
        *("generator_architecture", "generator_channels"),
    ),
    "build_gan": ("adam_beta_1", "adam_beta_2", "generator_loss", "conditional"),
    "sample_latent": ("latent_distribution", "conditional"),
    "sample_curves": ("latent_distribution", "conditional"),
    "make_dataset": ("data_regions",),
}
_PLAIN_TYPES = {"int": int, "float": float, "bool": bool}  # the str fields are kept as they are


def slides_values(config) -> dict:
    """Every field's value on the slides: its default (``GANConfig()`` is the slides' recipe)."""
    return {field.name: field.default for field in dataclasses.fields(config)}


def require_slides_values(config, function: str):
    """ValueError unless every field that ``function`` ignores holds the slides' value."""
    slides = slides_values(config)
    for name in IGNORED_BY[function]:
        value = getattr(config, name)
        if value != slides[name]:
            expected = f"the slides' value {slides[name]!r}: {function} builds the slides'"
            fail(name, f"{expected} part only; sinegan.recipe builds this config", value)


def plain_values(config) -> dict:
    """Each field's value as a plain Python value of the field's type (a NumPy number becomes
    an int, a float or a bool, an int in a float field a float), as Keras and JSON expect."""
    values = {}
    for field in dataclasses.fields(config):
        plain, value = _PLAIN_TYPES.get(element_type(field.type)), getattr(config, field.name)
        if plain is not None:
            value = tuple(map(plain, value)) if isinstance(value, tuple) else plain(value)
        values[field.name] = value
    return values


def data_regions(config) -> list[tuple[float, float, float, float]]:
    """The rectangles (b_low, b_high, c_low, c_high) the data's (b, c) are drawn from: the
    config's ``data_regions``, four numbers each, or else the slides' one rectangle,
    ``frequency_range`` × ``phase_range``."""
    flat = config.data_regions or (*config.frequency_range, *config.phase_range)
    return [tuple(flat[start : start + 4]) for start in range(0, len(flat), 4)]


def element_type(annotation: str) -> str:
    """The type a field's values are made of: "int" for "int" and for "tuple[int, ...]"."""
    return annotation.partition("[")[2].partition(",")[0].strip() or annotation


def parse_value(kind: str, text: str):
    """``text`` as a value of a field of type ``kind`` ("int", "float", "bool", "str", or a tuple
    such as "tuple[int, ...]", whose items are written with commas: "64,256" is (64, 256)).

    ValueError for a text the type cannot read (the caller names the field).
    """
    if kind.startswith("tuple["):
        return tuple(parse_value(element_type(kind), item) for item in text.split(","))
    if kind == "bool":
        lowered = text.strip().lower()
        if lowered not in ("true", "false", "1", "0", "yes", "no"):
            raise ValueError(f"expected true or false, received {text!r}")
        return lowered in ("true", "1", "yes")
    if kind not in ("int", "float", "str"):
        raise ValueError(f"kind expected int, float, bool, str or a tuple. Received: kind={kind!r}")
    return {"int": int, "float": float, "str": str}[kind](text)


# What a change of field costs a run that is already training (Trainer.retune, the lab):
# "now" applies at the next step; "trace" needs the engine's loops traced again, and keeps
# the weights and the optimizers' moments; any other field needs new networks (a new run).
RETUNE_COST = {
    "learning_rate": "now",  # both optimizers read it from a variable
    "fresh_latent": "now",  # only how the batches are drawn
    "monitor_every": "now",
    "epochs": "now",
    "adam_beta_1": "trace",  # Adam's update reads it as a constant
    "adam_beta_2": "trace",
    "real_label": "trace",
    "discriminator_steps": "trace",
    "generator_loss": "trace",
    "r1_penalty_weight": "trace",
    "gradient_penalty_weight": "trace",
}


def retune_cost(name: str) -> str:
    """ "now", "trace" or "networks": what changing field ``name`` costs a training run."""
    return RETUNE_COST.get(name, "networks")


def retuned(config, changes: dict):
    """``(config.replace(**changes), cost)``: cost "now" or "trace" for the whole change.

    ValueError, naming the field, for a value the config refuses or a field that
    needs new networks.
    """
    new = config.replace(**changes)  # every check of GANConfig
    costs = set()
    for name, value in changes.items():
        if getattr(new, name) == getattr(config, name):
            continue
        costs.add(retune_cost(name))
        if "networks" in costs:
            fail(
                name,
                f"a field a running model can change ({', '.join(RETUNE_COST)}): "
                f"{name} needs new networks, a new run",
                value,
            )
    return new, "trace" if "trace" in costs else "now"
