"""data_regions: the real data's (b, c) drawn from several rectangles of the plane.

Without regions the data are the slides', number for number; with them every
drawn (b, c) lies in a rectangle, each rectangle gets its share of the area, and
the trainer, the plane, its figure, the checkpoint and the command all see them.
"""

import json
import math

import numpy as np
import pytest
from matplotlib.patches import Rectangle

from sinegan import (
    GANConfig,
    Trainer,
    data_regions,
    dataset_for,
    discriminator_for,
    in_data,
    make_dataset,
    measure_plane,
    plot_plane,
    region_parameters,
    sinusoids,
)
from sinegan.measure.plane import frequency_window
from sinegan.tool.checkpoint import (
    config_from_dict,
    config_to_json,
    read_checkpoint,
    trainer_from_checkpoint,
)
from sinegan.tool.cli import build_parser, main, validate

TINY = dict(train_size=256, batch_size=64, epochs=1, pretrain_batches=1, monitor_samples=64)
# two rectangles far apart in b: a multi-modal data set, half of the area in each
TWO = (0.5, 0.7, 1.0, 2.0, 1.6, 1.8, 4.0, 5.0)
CONFIG = GANConfig(**TINY, data_regions=TWO)


def test_without_regions_the_data_are_the_slides_draw_for_draw():
    config = GANConfig(**TINY)
    ours, slides = (
        dataset_for(config, np.random.default_rng(5)),
        make_dataset(config, np.random.default_rng(5)),
    )
    for name in ("x", "curves", "amplitude", "frequency", "phase", "noise"):
        np.testing.assert_array_equal(getattr(ours, name), getattr(slides, name))
    assert data_regions(config) == [(0.5, 2.0, 1.0, math.pi)]  # frequency_range × phase_range


def test_with_two_regions_every_b_and_c_lies_in_one_and_each_gets_its_share_of_the_area():
    config = CONFIG.replace(train_size=4096, amplitude_range=(0.5, 1.0))
    data = dataset_for(config, np.random.default_rng(0))
    first = (
        (data.frequency >= 0.5) & (data.frequency <= 0.7) & (data.phase >= 1) & (data.phase <= 2)
    )
    second = (data.frequency >= 1.6) & (data.frequency <= 1.8)
    second &= (data.phase >= 4) & (data.phase <= 5)
    assert np.all(first | second)
    assert first.mean() == pytest.approx(0.5, abs=0.03)  # areas 0.2 and 0.2
    assert np.all((data.amplitude >= 0.5) & (data.amplitude <= 1.0))
    # the curves are the sinusoids of those parameters, as the slides' are
    expected = sinusoids(data.x, data.amplitude, data.frequency, data.phase)  # (4096, 64)
    np.testing.assert_allclose(data.curves, expected, atol=1e-6)
    # the same seed, the same data; another seed, other data
    again = dataset_for(config, np.random.default_rng(0))
    np.testing.assert_array_equal(data.curves, again.curves)
    assert not np.array_equal(
        data.frequency, dataset_for(config, np.random.default_rng(1)).frequency
    )


def test_a_region_three_times_larger_gets_three_times_the_curves():
    config = GANConfig(data_regions=(1.0, 1.1, 0.0, 1.0, 2.0, 2.3, 0.0, 1.0))
    _, frequency, _ = region_parameters(config, 8000, np.random.default_rng(2))
    assert np.mean(frequency > 1.5) == pytest.approx(0.75, abs=0.02)


def test_overlapping_regions_are_uniform_over_their_union():
    # two unit squares overlapping in a quarter: seven cells of 0.5 × 0.5, each drawn as often
    config = GANConfig(data_regions=(1.0, 2.0, 0.0, 1.0, 1.5, 2.5, 0.5, 1.5))
    _, frequency, phase = region_parameters(config, 14000, np.random.default_rng(3))
    counts, _, _ = np.histogram2d(frequency, phase, bins=[[1, 1.5, 2, 2.5], [0, 0.5, 1, 1.5]])
    occupied = counts[counts > 0]  # the two empty corners are outside the union
    assert len(occupied) == 7 and occupied.sum() == 14000
    np.testing.assert_allclose(occupied / 2000, 1.0, atol=0.1)


def test_in_data_reads_the_phase_mod_two_pi():
    config = GANConfig(data_regions=(1.0, 2.0, 0.0, 1.0, 3.0, 4.0, 5.5, 7.0))
    frequency = np.array([1.5, 1.5, 1.5, 3.5, 3.5, 3.5, 2.5])
    phase = np.array([0.5, 0.5 + 2 * np.pi, 2.0, 6.0, 0.3, 3.0, 0.5])
    np.testing.assert_array_equal(
        in_data(config, frequency, phase), [True, True, False, True, True, False, False]
    )
    assert in_data(config, np.full((2, 3), 1.5), 0.5).shape == (2, 3)  # broadcast, vectorised
    # the slides' rectangle: c in [1, pi]
    np.testing.assert_array_equal(in_data(GANConfig(), 1.0, [0.5, 2.0, 4.0]), [False, True, False])


@pytest.mark.parametrize(
    "regions, words",
    [
        ((0.5, 0.8, 1.0), "four per rectangle"),
        ((0.5, 0.8, 1.0, 2.0, 1.5), "four per rectangle"),
        ((0.8, 0.5, 1.0, 2.0), "low < high"),
        ((0.5, 0.5, 1.0, 2.0), "low < high"),
        ((0.5, 0.8, 2.0, 1.0), "low < high"),
        ((0.5, math.nan, 1.0, 2.0), "finite"),
        ((0.5, math.inf, 1.0, 2.0), "finite"),
        ((0.5, 1e39, 1.0, 2.0), "float32"),
        ((-1.0, 0.8, 1.0, 2.0), "0 < b_low"),
        ((0.0, 0.8, 1.0, 2.0), "0 < b_low"),
        ((0.5, 0.8, 0.0, 7.0), "2π"),
        ([0.5, 0.8, 1.0, 2.0], "flat tuple"),
        (("0.5", 0.8, 1.0, 2.0), "finite"),
    ],
)
def test_bad_regions_are_refused_in_one_line_naming_the_field(regions, words):
    with pytest.raises(ValueError) as error:
        GANConfig(data_regions=regions)
    message = str(error.value)
    assert message.startswith("data_regions expected") and words in message
    assert f"Received: data_regions={regions!r}" in message and "\n" not in message


def test_a_conditional_recipe_refuses_regions():
    with pytest.raises(ValueError, match=r"data_regions expected \(\) with conditional=True"):
        GANConfig(fresh_latent=True, conditional=True, data_regions=TWO)


def test_the_slides_make_dataset_refuses_regions_in_one_line():
    with pytest.raises(ValueError) as error:
        make_dataset(CONFIG, np.random.default_rng(0))
    message = str(error.value)
    assert message.startswith("data_regions expected the slides' value ()") and "\n" not in message


def test_the_field_round_trips_through_set_and_a_checkpoint_config():
    parser = build_parser("sinegan")
    arguments = parser.parse_args(
        ["train", "--out", "run", "--set", "data_regions=0.5,0.7,1,2,1.6,1.8,4,5"]
    )
    validate(arguments, parser)
    config = arguments.config
    assert config.data_regions == TWO and all(type(number) is float for number in TWO)
    saved = json.loads(config_to_json(config))
    assert saved["data_regions"] == list(TWO)
    assert config_from_dict(saved) == config
    # NumPy and int numbers are stored as plain floats
    assert GANConfig(data_regions=(np.float32(0.5), 1, 0, np.int64(1))).data_regions == (
        0.5,
        1.0,
        0.0,
        1.0,
    )


def test_the_plane_covers_every_region_and_draws_one_rectangle_each():
    assert frequency_window(CONFIG) == pytest.approx((0.1, 2.7))  # 0.5 / 5, 1.5 × 1.8
    # a region across c = 2π is drawn in two parts, at the top and at the bottom of the axis
    config = CONFIG.replace(data_regions=(*TWO, 2.0, 2.2, 5.5, 7.0))
    curves = sinusoids(np.linspace(-5, 5, 64), np.ones(3), [0.6, 1.7, 2.1], [1.5, 4.5, 6.0])
    frame = measure_plane(discriminator_for(config), curves, config)
    plane = plot_plane(frame, config).axes[0]
    rectangles = [
        (
            patch.get_x(),
            patch.get_x() + patch.get_width(),
            patch.get_y(),
            patch.get_y() + patch.get_height(),
        )
        for patch in plane.patches
        if isinstance(patch, Rectangle)
    ]
    assert rectangles == [
        pytest.approx(rectangle)
        for rectangle in [
            (0.5, 0.7, 1.0, 2.0),
            (1.6, 1.8, 4.0, 5.0),
            (2.0, 2.2, 5.5, 2 * np.pi),
            (2.0, 2.2, 0.0, 7.0 - 2 * np.pi),
        ]
    ]
    assert [text.get_text() for text in plane.get_legend().get_texts()].count("the real data") == 1


def test_a_trainer_draws_the_regions_and_scores_minibatch_companions_from_them():
    trainer = Trainer(CONFIG.replace(minibatch_std_group=4))
    assert in_data(CONFIG, trainer.dataset.frequency, trainer.dataset.phase).all()
    trainer.pretrain_discriminator(log=None)
    trainer.train(log=None)
    assert len(trainer.history.plane) == 1


@pytest.fixture
def deterministic_left_off(monkeypatch):
    """``train`` turns on the backend's determinism, process-wide: leave it off for the tests
    after this one (as tests/test_cli.py does)."""
    from sinegan import backends

    monkeypatch.setattr(backends.current(), "make_deterministic", lambda: None)


def test_a_saved_two_region_run_is_evaluated_and_drawn_with_its_regions(
    tmp_path, capsys, deterministic_left_off
):
    run = tmp_path / "run"
    settings = [f"{name}={value}" for name, value in TINY.items() if name != "epochs"]
    settings.append("data_regions=" + ",".join(map(str, TWO)))
    arguments = ["train", "--epochs", "1", "--out", str(run)]
    for setting in settings:
        arguments += ["--set", setting]
    assert main(arguments) == 0
    capsys.readouterr()
    checkpoint = read_checkpoint(run / "checkpoint.npz")
    assert checkpoint["metadata"]["config"].data_regions == TWO
    rebuilt = trainer_from_checkpoint(checkpoint)
    assert in_data(CONFIG, rebuilt.dataset.frequency, rebuilt.dataset.phase).all()

    assert main(["evaluate", "--run", str(run), "--n", "64", "--seed", "1"]) == 0
    frequency = json.loads(capsys.readouterr().out)["real_fit"]["frequency"]
    assert 0.49 <= frequency["p5"] <= 0.71 and 1.59 <= frequency["p95"] <= 1.81

    output = tmp_path / "plane.gif"
    assert main(["animate", "--run", str(run), "--output", str(output), "--view", "plane"]) == 0
    assert "Wrote 1 frames" in capsys.readouterr().out and output.stat().st_size > 0
    frame = rebuilt.history.plane[-1]
    plane = plot_plane(frame, checkpoint["metadata"]["config"]).axes[0]
    assert len([patch for patch in plane.patches if isinstance(patch, Rectangle)]) == 2
