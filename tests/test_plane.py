"""The game in the (b, c) plane: D's score of every sinusoid, and G's curves at their fitted (b, c).

Hand-made discriminators, whose score of a curve is known, prove that the heat
map is D's score at the right (b, c); real sinusoids fed as G's curves prove that
the points land at their true (b, c); a short training run proves the trainer,
the checkpoint, the command and the live view carry the frames.
"""

import json
import subprocess
import sys

import keras
import numpy as np
import pytest
from matplotlib.animation import FuncAnimation
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from sinegan import (
    IMPROVED,
    WGAN_GP,
    GANConfig,
    PlaneFrame,
    PlaneView,
    Trainer,
    animate_plane,
    build_discriminator,
    discriminator_for,
    encode_frequency,
    generate_curves,
    make_noise_curves,
    measure_plane,
    plot_plane,
    sinusoids,
    x_coords,
)
from sinegan.measure.plane import frequency_window
from sinegan.measure.sine_fit import fit_sines
from sinegan.tool.checkpoint import (
    plane_frames,
    read_checkpoint,
    save_checkpoint,
    trainer_from_checkpoint,
)
from sinegan.tool.cli import main
from sinegan.tool.rundir import write_checkpoint

CONFIG = GANConfig(
    train_size=256, pretrain_batches=2, epochs=2, monitor_every=1, monitor_samples=64
)
X = x_coords(CONFIG)  # (64,)
POINT = 40  # the grid point a hand-made D reads


def linear_discriminator(inputs, column):
    """D(row) = row[column]: a Dense layer with a one-hot kernel, so every score is known by
    hand."""
    model = keras.Sequential([keras.Input(shape=(inputs,)), keras.layers.Dense(1, use_bias=False)])
    kernel = np.zeros((inputs, 1), dtype=np.float32)
    kernel[column] = 1.0
    model.set_weights([kernel])
    return model


def real_sinusoids(count, seed=0):
    rng = np.random.default_rng(seed)
    frequency = rng.uniform(*CONFIG.frequency_range, size=count)  # (count,)
    phase = rng.uniform(*CONFIG.phase_range, size=count)  # (count,)
    # (count, 64), (count,), (count,)
    return (
        sinusoids(X, np.ones(count), frequency, phase),
        frequency,
        phase,
    )


@pytest.fixture(scope="module")
def trained():
    """Two epochs, a frame after each."""
    trainer = Trainer(CONFIG)
    trainer.pretrain_discriminator(log=None)
    trainer.train(log=None)
    return trainer


# --------------------------------------------------------------- the heat map is D's score
def test_the_grid_is_wider_than_the_data_and_covers_the_whole_circle():
    curves, _, _ = real_sinusoids(10)
    frame = measure_plane(build_discriminator(CONFIG), curves, CONFIG, epoch=3, grid_size=(7, 5))
    assert frame.epoch == 3
    assert (
        frame.frequency_grid.shape == (7,)
        and frame.phase_grid.shape == (5,)
        and frame.scores.shape == (5, 7)
    )
    low, high = frequency_window(CONFIG)
    assert low < CONFIG.frequency_range[0] and high > CONFIG.frequency_range[1]
    np.testing.assert_allclose(frame.frequency_grid[[0, -1]], [low, high])
    assert (
        0 < frame.phase_grid[0]
        and frame.phase_grid[-1] < 2 * np.pi
        and np.all(np.diff(frame.phase_grid) > 0)
    )
    assert np.all((frame.scores >= 0) & (frame.scores <= 1))  # the slides' D: a probability
    assert frame.frequency.shape == frame.phase.shape == frame.sine_like.shape == (10,)
    assert frame.sine_like.dtype == bool


def test_each_cell_is_ds_score_of_the_sinusoid_at_its_b_and_c():
    """D reads one point of the curve, so its score of sin(b·x + c) is sin(b·x[40] + c)."""
    curves, _, _ = real_sinusoids(10)
    frame = measure_plane(linear_discriminator(64, POINT), curves, CONFIG, grid_size=(9, 6))
    # (6, 9)
    expected = np.sin(frame.frequency_grid[None, :] * X[POINT] + frame.phase_grid[:, None])
    np.testing.assert_allclose(frame.scores, expected, atol=1e-5)


def test_a_d_that_matches_one_sinusoid_peaks_at_its_b_and_c():
    """D(curve) = how much the curve looks like sin(1.2·x + 2): its map's brightest cell is
    (1.2, 2)."""
    template = np.sin(1.2 * X + 2.0) / len(X)  # (64,)
    model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(1, use_bias=False)])
    model.set_weights([template[:, None].astype(np.float32)])
    frame = measure_plane(model, real_sinusoids(4)[0], CONFIG, grid_size=(59, 64))
    phase_row, frequency_column = np.unravel_index(np.argmax(frame.scores), frame.scores.shape)
    assert abs(frame.frequency_grid[frequency_column] - 1.2) <= 0.1  # a grid step is 0.05 in b
    assert abs(frame.phase_grid[phase_row] - 2.0) <= 0.15  # and 0.098 in c
    assert frame.scores.max() == pytest.approx(0.5, abs=0.03)  # mean of sin² over the grid


def test_a_conditional_d_reads_each_sinusoid_with_its_own_b():
    """This D reads only the b beside the curve: each column of its map is encode_frequency(b)."""
    config = CONFIG.replace(conditional=True, fresh_latent=True)
    frame = measure_plane(
        linear_discriminator(65, 64), real_sinusoids(10)[0], config, grid_size=(8, 3)
    )
    expected = np.broadcast_to(encode_frequency(config, frame.frequency_grid)[:, 0], (3, 8))
    np.testing.assert_allclose(frame.scores, expected, atol=1e-6)
    # the window reaches beyond the data's b
    assert frame.scores[0, 0] < -1 and frame.scores[0, -1] > 1


def test_a_critic_scores_with_its_raw_value_and_the_figure_says_so():
    config = WGAN_GP.replace(train_size=256, epochs=1)
    critic = discriminator_for(config)
    # scores well outside [0, 1]
    critic.set_weights([weight * 5 for weight in critic.get_weights()])
    frame = measure_plane(critic, real_sinusoids(10)[0], config, grid_size=(6, 4))
    row, column = 2, 3
    curve = sinusoids(X, [1.0], [frame.frequency_grid[column]], [frame.phase_grid[row]]).astype(
        np.float32
    )
    direct = keras.ops.convert_to_numpy(critic(curve, training=False))[0, 0]
    assert frame.scores[row, column] == pytest.approx(direct, rel=1e-4, abs=1e-4)
    assert frame.scores.min() < 0 or frame.scores.max() > 1
    colour_bar = plot_plane(frame, config).axes[-1]
    assert colour_bar.get_ylabel() == "the critic's raw score (higher: more real)"


def test_with_minibatch_groups_a_cells_score_does_not_depend_on_its_neighbours():
    """Each grid curve is scored in a group of real curves, so a coarser grid gives the same
    scores at the points the two grids share (and no grid size need divide the group)."""
    config = IMPROVED.replace(train_size=256, epochs=1)  # groups of 32
    discriminator = discriminator_for(config)
    curves = real_sinusoids(4)[0]
    coarse = measure_plane(discriminator, curves, config, grid_size=(4, 3))
    # every other b is a coarse one
    fine = measure_plane(discriminator, curves, config, grid_size=(7, 3))
    np.testing.assert_allclose(fine.frequency_grid[::2], coarse.frequency_grid)
    np.testing.assert_allclose(fine.scores[:, ::2], coarse.scores, rtol=1e-5, atol=1e-6)


# --------------------------------------------------------------- G's curves as points
def test_real_sinusoids_as_gs_curves_land_at_their_true_b_and_c_inside_the_rectangle():
    curves, frequency, phase = real_sinusoids(50)
    frame = measure_plane(build_discriminator(CONFIG), curves, CONFIG)
    assert frame.sine_like.all()
    np.testing.assert_allclose(frame.frequency, frequency, atol=1e-4)
    np.testing.assert_allclose(frame.phase, phase, atol=1e-4)
    (b_low, b_high), (c_low, c_high) = CONFIG.frequency_range, CONFIG.phase_range
    assert np.all((frame.frequency >= b_low) & (frame.frequency <= b_high))
    assert np.all((frame.phase >= c_low) & (frame.phase <= c_high))


def test_noise_curves_fit_no_sine_and_the_figure_counts_them_apart():
    noise = make_noise_curves(CONFIG, 30, np.random.default_rng(0))  # (30, 64) uniform in [-1, 1]
    curves = np.concatenate([real_sinusoids(20)[0], noise])  # (50, 64)
    frame = measure_plane(build_discriminator(CONFIG), curves, CONFIG, epoch=7)
    np.testing.assert_array_equal(frame.sine_like, np.arange(50) < 20)
    figure = plot_plane(frame, CONFIG)
    plane, strip = figure.axes[:2]
    assert "Epoch 7: 20 of 50 curves sine-like, 30 fit no sine" in plane.get_title()
    assert len(plane.collections[1].get_offsets()) == 20  # dots: the sine-like curves
    assert len(strip.collections[0].get_offsets()) == 30  # crosses: the others, in the strip


def test_the_figure_has_its_labels_colour_bar_and_the_data_rectangle():
    frame = measure_plane(build_discriminator(CONFIG), real_sinusoids(10)[0], CONFIG)
    figure = plot_plane(frame, CONFIG)
    assert isinstance(figure, Figure)
    plane, strip, colour_bar = figure.axes
    assert plane.get_ylabel() == "phase c" and strip.get_xlabel() == "frequency b"
    assert colour_bar.get_ylabel() == 'D(curve): probability "real"'
    rectangles = [patch for patch in plane.patches if isinstance(patch, Rectangle)]
    assert [
        (
            patch.get_x(),
            patch.get_x() + patch.get_width(),
            patch.get_y(),
            patch.get_y() + patch.get_height(),
        )
        for patch in rectangles
    ] == [pytest.approx((*CONFIG.frequency_range, *CONFIG.phase_range))]


# --------------------------------------------------------------- the trainer records the frames
def test_one_frame_per_monitored_epoch_from_the_monitors_curves():
    trainer = Trainer(CONFIG.replace(epochs=5, monitor_every=2))
    trainer.train(log=None)
    trainer.train(1, log=None)  # the last epoch of each train call is measured too
    assert [frame.epoch for frame in trainer.history.plane] == [2, 4, 5, 6]
    assert [entry["epoch"] for entry in trainer.history.quality] == [2, 4, 5, 6]
    last = trainer.history.plane[-1]
    curves = generate_curves(trainer.sampling_generator, trainer.monitor.latent)  # (64, 64)
    again = measure_plane(trainer.discriminator, curves, trainer.config, epoch=6)
    for name in ("frequency_grid", "phase_grid", "scores", "frequency", "phase", "sine_like"):
        np.testing.assert_allclose(getattr(last, name), getattr(again, name), rtol=1e-6, atol=1e-6)
    share = float(np.mean(last.sine_like))
    assert share == pytest.approx(trainer.history.quality[-1]["sine_like"])  # one fit serves both


def test_the_frames_survive_a_checkpoint_and_a_resumed_run_records_the_same_frames(tmp_path):
    path = tmp_path / "checkpoint.npz"
    config = CONFIG.replace(epochs=4)
    straight = Trainer(config)
    straight.pretrain_discriminator(log=None)

    class SaveAtEpoch2(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            if epoch == 1:
                save_checkpoint(straight, path)

    straight.train(log=None, callbacks=[SaveAtEpoch2()])
    resumed = trainer_from_checkpoint(path)
    assert [frame.epoch for frame in resumed.history.plane] == [1, 2]
    for saved, original in zip(resumed.history.plane, straight.history.plane[:2], strict=True):
        for name in PlaneFrame.__dataclass_fields__:
            np.testing.assert_array_equal(getattr(saved, name), getattr(original, name))
    resumed.train(2, log=None)
    assert len(resumed.history.plane) == len(straight.history.plane) == 4
    for frame, expected in zip(resumed.history.plane, straight.history.plane, strict=True):
        np.testing.assert_array_equal(frame.scores, expected.scores)
        np.testing.assert_array_equal(frame.frequency, expected.frequency)


# --------------------------------------------------------------- the command and the live view
def test_sinegan_animate_view_plane_writes_one_gif_frame_per_plane_frame(trained, tmp_path, capsys):
    from PIL import Image

    write_checkpoint(trained, tmp_path)
    output = tmp_path / "plane.gif"
    assert (
        main(["animate", "--run", str(tmp_path), "--output", str(output), "--view", "plane"]) == 0
    )
    assert "Wrote 2 frames" in capsys.readouterr().out
    with Image.open(output) as gif:
        assert gif.format == "GIF" and gif.n_frames == 2


def test_sinegan_animate_view_plane_refuses_a_run_without_frames_in_one_line(tmp_path, capsys):
    trainer = Trainer(CONFIG)  # not trained yet: no frame
    write_checkpoint(trainer, tmp_path)
    assert plane_frames(read_checkpoint(tmp_path / "checkpoint.npz")) == []
    with pytest.raises(SystemExit) as stop:
        main(
            [
                "animate",
                "--run",
                str(tmp_path),
                "--output",
                str(tmp_path / "plane.gif"),
                "--view",
                "plane",
            ]
        )
    stderr = capsys.readouterr().err
    assert stop.value.code == 2 and len(stderr.strip().splitlines()) == 1
    assert "--view plane expected a run that recorded the (b, c) plane" in stderr
    assert not (tmp_path / "plane.gif").exists()


def test_animate_plane_draws_every_frame(trained, tmp_path):
    from matplotlib.animation import PillowWriter
    from PIL import Image

    animation = animate_plane(trained.history.plane, CONFIG, interval=100)
    assert isinstance(animation, FuncAnimation)
    animation.save(tmp_path / "plane.gif", writer=PillowWriter(fps=5), dpi=30)
    with Image.open(tmp_path / "plane.gif") as gif:
        assert gif.n_frames == len(trained.history.plane)


def test_plane_view_does_nothing_outside_a_notebook():
    trainer = Trainer(CONFIG)
    view = PlaneView(trainer)
    trainer.train(log=None, callbacks=[view])
    assert view.display_handle is None and view.frames_shown == 2


def test_plane_view_shows_the_first_frame_then_redraws_it_in_place(monkeypatch):
    pytest.importorskip("IPython")
    import IPython.display

    from sinegan.harness import live

    shown = []

    class Handle:
        def update(self, image):
            shown.append(("update", image))

    def display(image, display_id=False):
        shown.append(("display", image))
        assert display_id is True
        return Handle()

    monkeypatch.setattr(live, "_in_ipython", lambda: True)
    monkeypatch.setattr(IPython.display, "display", display)
    trainer = Trainer(CONFIG.replace(epochs=3, monitor_every=2))
    trainer.train(log=None, callbacks=[PlaneView(trainer)])  # frames after epochs 2 and 3
    assert [kind for kind, _ in shown] == ["display", "update"]
    assert all(image.data.startswith(b"\x89PNG") for _, image in shown)


def test_the_plane_modules_and_the_figures_import_no_keras():
    code = (
        "import json, sys\nimport sinegan.measure.plane, sinegan.figures.plane\n"
        "print(json.dumps(['tensorflow' in sys.modules, 'keras' in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert json.loads(result.stdout.splitlines()[-1]) == [False, False], result.stderr


# --------------------------------------------------------------- bad input
def two_outputs(inputs):
    return keras.Sequential([keras.Input(shape=(inputs,)), keras.layers.Dense(2)])


BAD_INPUT = {
    "grid too small": (
        lambda d, c: measure_plane(d, c, CONFIG, grid_size=(1, 48)),
        "grid_size=(1, 48)",
    ),
    "grid not a pair": (lambda d, c: measure_plane(d, c, CONFIG, grid_size=48), "grid_size=48"),
    "negative epoch": (lambda d, c: measure_plane(d, c, CONFIG, epoch=-1), "epoch=-1"),
    "curves too short": (lambda d, c: measure_plane(d, c[:, :10], CONFIG), "curves.shape=(10, 10)"),
    "curves not finite": (lambda d, c: measure_plane(d, c * np.nan, CONFIG), "NaN/inf"),
    "not a config": (lambda d, c: measure_plane(d, c, "slides"), "config='slides'"),
    "not a model": (lambda d, c: measure_plane("D", c, CONFIG), "discriminator='D'"),
    "two scores per row": (
        lambda d, c: measure_plane(two_outputs(64), c, CONFIG, grid_size=(2, 2)),
        "output shape (4, 2)",
    ),
    "fit of other curves": (
        lambda d, c: measure_plane(d, c, CONFIG, fit=fit_sines(c[:3], X)),
        "fit=SineFit of shape (3,)",
    ),
    "plot not a frame": (lambda d, c: plot_plane("frame", CONFIG), "frame='frame'"),
    "animate no frames": (lambda d, c: animate_plane([], CONFIG), "frames=list of nothing"),
    "animate interval": (
        lambda d, c: animate_plane([measure_plane(d, c, CONFIG)], CONFIG, interval=0),
        "interval=0",
    ),
    "view of no trainer": (lambda d, c: PlaneView("trainer"), "trainer='trainer'"),
}


@pytest.mark.parametrize("call, words", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_raises_a_value_error_naming_it(call, words):
    with pytest.raises(ValueError, match="expected") as caught:
        call(build_discriminator(CONFIG), real_sinusoids(10)[0])
    assert words in str(caught.value)
