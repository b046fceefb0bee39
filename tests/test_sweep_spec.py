"""``sinegan sweep``'s spec, read and refused without Ray: grids, seeds, the whole spec checked
before any trial starts, one line and exit status 2 for a bad one."""

import json

import pytest

from sinegan.sweep.spec import SweepSpec, parse_grid, parse_seeds, split_values, trial_name
from sinegan.tool.cli import main


def test_a_grid_reads_each_value_with_its_fields_type():
    assert parse_grid("learning_rate=0.0005,0.001,2e-3") == (
        "learning_rate",
        [0.0005, 0.001, 0.002],
    )
    assert parse_grid("adam_beta_1=0.5") == ("adam_beta_1", [0.5])
    assert parse_grid("fresh_latent=true,false") == ("fresh_latent", [True, False])
    assert parse_grid("hidden_activation=relu,leaky_relu") == (
        "hidden_activation",
        ["relu", "leaky_relu"],
    )
    assert parse_grid("generator_units=[64,128],[128,256],[32]") == (
        "generator_units",
        [(64, 128), (128, 256), (32,)],
    )
    assert split_values("[1,2],[3],4") == ["[1,2]", "[3]", "4"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0-3", [0, 1, 2, 3]), ("7", [7]), ("0,3,7", [0, 3, 7]), ("0-2,8", [0, 1, 2, 8])],
)
def test_seeds_are_ranges_and_lists(text, expected):
    assert parse_seeds(text) == expected


SPEC = ["sweep", "--grid", "learning_rate=0.001,0.002", "--seeds", "0-1"]


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--grid", "no_such_field=1,2", "--seeds", "0"], ["--grid", "no_such_field=1,2"]),
        (["--grid", "learning_rate=", "--seeds", "0"], ["--grid", "empty"]),
        (["--grid", "learning_rate=0.1,,0.2", "--seeds", "0"], ["--grid", "empty value"]),
        (["--grid", "learning_rate=0.1,-1", "--seeds", "0"], ["learning_rate=-1.0", "refuses"]),
        (["--grid", "learning_rate=0.1,fast", "--seeds", "0"], ["--grid", "'fast'"]),
        (["--grid", "generator_units=[64,0]", "--seeds", "0"], ["generator_units=[64,0]"]),
        (["--grid", "generator_units=64,128", "--seeds", "0"], ["brackets", "generator_units"]),
        (["--grid", "generator_units=[64,128", "--seeds", "0"], ["balanced brackets"]),
        (["--grid", "learning_rate=[0.1]", "--seeds", "0"], ["no brackets"]),
        (["--grid", "learning_rate=0.1,0.1", "--seeds", "0"], ["'0.1' is repeated"]),
        (["--grid", "seed=1,2", "--seeds", "0"], ["--grid", "--seeds"]),
        ([*SPEC[1:3], "--grid", "learning_rate=0.1", "--seeds", "0"], ["each field once"]),
        ([*SPEC[1:3], "--seeds", "5-2"], ["--seeds", "5-2"]),
        ([*SPEC[1:3], "--seeds", "-1"], ["--seeds", "'-1'"]),
        ([*SPEC[1:3], "--seeds", "0,0"], ["--seeds", "each seed once"]),
        (SPEC[1:3], ["--seeds expected"]),
        ([*SPEC[1:], "--set", "learning_rate=0.1"], ["--set", "learning_rate is swept"]),
        ([*SPEC[1:], "--set", "train_size=-4"], ["--set", "train_size"]),
        ([*SPEC[1:], "--search", "sine_like"], ["--mode"]),
        ([*SPEC[1:], "--search", "sine_like", "--mode", "max"], ["--seeds", "one seed"]),
        ([*SPEC[1:], "--mode", "max"], ["--mode", "--search"]),
        ([*SPEC[1:], "--search", "loss", "--mode", "max"], ["--search", "'loss'"]),
        ([*SPEC[1:], "--cpus", "2", "--address", "auto"], ["--cpus", "--address"]),
        ([*SPEC[1:], "--gpus-per-trial", "-0.5"], ["--gpus-per-trial", "'-0.5'"]),
    ],
)
def test_a_bad_spec_is_refused_in_one_line_before_ray_starts(tmp_path, capsys, arguments, words):
    with pytest.raises(SystemExit) as exit_:
        main(["sweep", *arguments, "--out", str(tmp_path / "sweep")])
    assert exit_.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "error:" in error, error
    for word in words:
        assert word in error, error
    assert not (tmp_path / "sweep" / "sweep.json").exists()  # nothing was started


def test_a_sweep_is_not_started_over_another_nor_resumed_with_a_new_spec(tmp_path, capsys):
    folder = tmp_path / "sweep"
    folder.mkdir()
    (folder / "sweep.json").write_text(SweepSpec(grid={"epochs": [1]}).to_json())
    for arguments, words in (
        ([*SPEC, "--out", str(folder)], ["already holds a sweep", "--resume"]),
        (["sweep", "--resume", str(folder), "--seeds", "0-3"], ["--seeds cannot change"]),
        (["sweep", "--resume", str(tmp_path)], ["No sweep.json"]),
        (["sweep", "report", str(folder)], ["results.csv", str(folder)]),
        (["sweep"], ["--out DIR"]),
    ):
        with pytest.raises(SystemExit) as exit_:
            main(arguments)
        error = capsys.readouterr().err
        assert exit_.value.code == 2 and error.count("\n") == 1, error
        assert all(word in error for word in words), error


def test_the_spec_builds_every_config_and_survives_its_json():
    spec = SweepSpec(
        preset="improved",
        grid=dict(
            [parse_grid("learning_rate=0.001,0.002"), parse_grid("generator_units=[8],[8,8]")]
        ),
        seeds=(0, 1, 2),
        settings={"epochs": 3, "frequency_range": (0.5, 1.0)},
    ).check()
    assert len(spec.points()) == 4
    assert spec.point({"learning_rate": "0.002", "generator_units": "[8,8]"}) == {
        "learning_rate": 0.002,
        "generator_units": (8, 8),
    }
    config = spec.config(spec.points()[-1], seed=2)
    assert (config.learning_rate, config.generator_units, config.seed) == (0.002, (8, 8), 2)
    assert config.latent_dim == 4 and config.epochs == 3  # the preset's, and the settings'
    assert SweepSpec.from_json(spec.to_json()) == spec
    assert json.loads(spec.to_json())["grid"]["generator_units"] == ["[8]", "[8,8]"]


def test_a_trial_is_named_by_its_values_and_seed_in_a_safe_folder_name():
    name = trial_name({"generator_units": "[64,128]", "hidden_activation": "leaky/relu"}, 3)
    assert name == "generator_units=64-128_hidden_activation=leaky-relu_seed=3"
    assert trial_name({"learning_rate": "0.001"}, 0) != trial_name({"learning_rate": "0.001"}, 1)
