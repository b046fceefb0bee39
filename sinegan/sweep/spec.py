"""A sweep's spec: which configs and seeds to train, read from the command line and checked
whole before any trial starts.

A grid names config fields and their values, as Hydra's multirun writes them:

    learning_rate=0.0005,0.001,0.002       three values, separated by commas
    generator_units=[64,128],[128,256]     a tuple field: each value in brackets

and the sweep trains every combination of the grids' values with every seed
(``0-31``, or ``0,3,7``, or both: ``0-3,8``). A search (``search`` set) lets
Optuna pick the combinations instead, among the same values, for ``trials``
trials, each trained with the spec's one seed.

Every config of the grid is built here, so a value the config refuses (a
negative learning rate, a layer of 0 units) is refused before Ray starts, in
one line naming the option and the value. This module imports neither Ray nor
Keras: the command line answers at once.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re

from ..config_fields import parse_value
from ..presets import PRESETS, preset
from ..slides.config import GANConfig
from ..validation import fail

FIELD_TYPES = {field.name: field.type for field in dataclasses.fields(GANConfig)}
# What the trainer measures every monitored epoch (QualityReport.summary), the numbers a search
# may maximise or minimise; "mode_collapse" is the yes-or-no alarm the collapse rate counts.
MEASURES = ("sine_like", "precision", "recall", "frequency_w1", "frequency_p5", "frequency_p95")
MEASURES += ("diversity",)
SPEC_FILE = "sweep.json"  # in the sweep's folder: what ``--resume`` reads


def split_values(text: str) -> list[str]:
    """``"[64,128],[128,256]"`` -> ``["[64,128]", "[128,256]"]``: the commas outside brackets."""
    values, depth, current = [], 0, ""
    for character in text:
        depth += {"[": 1, "]": -1}.get(character, 0)
        if depth < 0 or depth > 1:
            raise ValueError("unbalanced brackets")
        if character == "," and depth == 0:
            values.append(current)
            current = ""
        else:
            current += character
    if depth:
        raise ValueError("unbalanced brackets")
    return [*values, current]


def parse_grid(text: str) -> tuple[str, list]:
    """``"FIELD=V1,V2"`` -> ``(FIELD, [value1, value2])``, each value of the field's type.

    ValueError, naming the option and what was received, for an unknown field, an
    empty grid, an empty or repeated value, or a value the field's type cannot read.
    """
    name, equals, values_text = text.partition("=")
    if not equals:
        fail("--grid", "FIELD=V1,V2,...", text)
    if name == "seed":
        fail("--grid", "a config field other than seed (the seeds are --seeds)", text)
    if name not in FIELD_TYPES:
        fail("--grid", f"a GANConfig field, one of: {', '.join(FIELD_TYPES)}", text)
    kind = FIELD_TYPES[name]
    if not values_text.strip():
        fail("--grid", "at least one value after FIELD= (the grid is empty)", text)
    try:
        items = split_values(values_text)
    except ValueError:
        fail("--grid", "balanced brackets around each tuple value", text)
    values = []
    for item in items:
        if not item.strip():
            fail("--grid", "no empty value between commas", text)
        bracketed = item.startswith("[") and item.endswith("]")
        if kind.startswith("tuple[") != bracketed:
            expected = "no brackets" if bracketed else "each value in brackets, e.g. [64,128],"
            fail("--grid", f"{expected} for the {kind} field {name}", text)
        inner = item[1:-1] if bracketed else item
        try:
            value = () if bracketed and not inner else parse_value(kind, inner)
        except ValueError:
            fail("--grid", f"values of type {kind} for {name}, and {item!r} is not", text)
        if value in values:
            fail("--grid", f"each value once; {item!r} is repeated", text)
        values.append(value)
    return name, values


def parse_seeds(text: str) -> list[int]:
    """``"0-31"``, ``"0,3,7"`` or ``"0-3,8"`` -> the seeds, in order; each seed once."""
    seeds = []
    for item in text.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", item)
        if match is None:
            fail("--seeds", "non-negative integers and ranges A-B, separated by commas", text)
        first = int(match[1])
        last = first if match[2] is None else int(match[2])
        if last < first:
            fail("--seeds", f"ranges A-B with A <= B, and {first}-{last} is not", text)
        seeds += range(first, last + 1)
    if len(set(seeds)) != len(seeds):
        fail("--seeds", "each seed once", text)
    return seeds


def value_label(value) -> str:
    """A value as the grid writes it: ``0.001``, ``relu``, ``[64,128]``, ``true``."""
    if isinstance(value, tuple):
        return "[" + ",".join(map(value_label, value)) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclasses.dataclass(frozen=True)
class SweepSpec:
    """Everything a sweep trains, as the command line gave it; ``check`` refuses a bad spec.

    ``grid`` maps each swept field to its values, in the order given; ``settings``
    fixes other fields of the preset (``--set`` and ``--epochs``). With ``search``
    (a name of MEASURES) Optuna picks ``trials`` combinations of the grid's values,
    maximising or minimising it (``mode``), each trained with the one seed of ``seeds``.
    """

    preset: str = "slides"
    grid: dict = dataclasses.field(default_factory=dict)
    seeds: tuple = (0,)
    settings: dict = dataclasses.field(default_factory=dict)
    search: str | None = None
    mode: str | None = None
    trials: int = 20
    early_stop: str | None = None
    backend: str | None = None

    def check(self) -> SweepSpec:
        """Refuse, in one line naming the option, what no trial could train; returns the spec."""
        if self.preset not in PRESETS:
            fail("--preset", f"one of {tuple(PRESETS)}", self.preset)
        if not self.grid:
            fail("--grid", "at least one FIELD=V1,V2,... (no field is swept)", None)
        for name, values in self.grid.items():
            if name in self.settings:
                fail("--set", f"a field the grid does not sweep; {name} is swept", name)
            if not values:
                fail("--grid", "at least one value (the grid is empty)", name)
        if "seed" in self.settings:
            fail("--set", "a field other than seed (the seeds are --seeds)", "seed")
        if not self.seeds or any(not isinstance(seed, int) or seed < 0 for seed in self.seeds):
            fail("--seeds", "at least one non-negative integer", self.seeds)
        if self.search is not None:
            if self.search not in MEASURES:
                fail("--search", f"one of the measures {', '.join(MEASURES)}", self.search)
            if self.mode not in ("max", "min"):
                fail("--mode", "max or min, with --search", self.mode)
            if len(self.seeds) != 1:
                fail("--seeds", "one seed with --search (each trial is one config, one seed)", 0)
            if not isinstance(self.trials, int) or self.trials < 1:
                fail("--trials", "a positive integer", self.trials)
        elif self.mode is not None:
            fail("--mode", "--search MEASURE beside it (the measure to maximise or minimise)", 0)
        if self.early_stop not in (None, "asha", "median"):
            fail("--early-stop", "asha or median", self.early_stop)
        base = preset(self.preset)
        try:
            base.replace(**self.settings)
        except (ValueError, TypeError) as error:
            raise ValueError(f"--set makes a config GANConfig refuses: {error}") from None
        for point in self.points():
            try:
                base.replace(**self.settings, **point, seed=self.seeds[0])
            except (ValueError, TypeError) as error:
                swept = " ".join(f"{name}={value_label(value)}" for name, value in point.items())
                raise ValueError(
                    f"--grid {swept} makes a config GANConfig refuses: {error}"
                ) from None
        return self

    def points(self) -> list[dict]:
        """Every combination of the grid's values, one {field: value} dict each."""
        names = list(self.grid)
        return [
            dict(zip(names, values, strict=True))
            for values in itertools.product(*(self.grid[name] for name in names))
        ]

    def config(self, point: dict, seed: int) -> GANConfig:
        """The config of one trial: the preset, the settings, one point of the grid, one seed."""
        return preset(self.preset).replace(**self.settings, **point, seed=seed)

    def point(self, labels: dict) -> dict:
        """The grid's values named by their labels (``value_label``), as a trial receives them."""
        by_label = {name: {value_label(v): v for v in values} for name, values in self.grid.items()}
        return {name: by_label[name][labels[name]] for name in self.grid}

    def to_json(self) -> str:
        fields = dataclasses.asdict(self)
        fields["grid"] = {
            name: list(map(value_label, values)) for name, values in self.grid.items()
        }
        fields["settings"] = {name: value_label(value) for name, value in self.settings.items()}
        return json.dumps(fields, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> SweepSpec:
        """The spec ``to_json`` wrote (values as labels, read back with their fields' types)."""
        fields = json.loads(text)
        grid = [parse_grid(f"{name}={','.join(labels)}") for name, labels in fields["grid"].items()]
        settings = {
            name: parse_grid(f"{name}={label}")[1][0] for name, label in fields["settings"].items()
        }
        fields.update(grid=dict(grid), settings=settings, seeds=tuple(fields["seeds"]))
        return cls(**fields).check()


def trial_name(labels: dict, seed: int) -> str:
    """A trial's folder name, made of its swept values and seed: the same in every process.

    ``{"learning_rate": "0.001", "generator_units": "[64,128]"}, 3`` ->
    ``learning_rate=0.001_generator_units=64-128_seed=3``.
    """
    parts = [f"{name}={label}" for name, label in labels.items()] + [f"seed={seed}"]
    text = "_".join(parts).replace(",", "-").replace("[", "").replace("]", "")
    return re.sub(r"[^A-Za-z0-9=._+-]", "-", text)
