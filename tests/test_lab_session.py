"""The lab's game through LabSession's methods: what each button moves, what a frame shows,
what a saved lab run holds."""

import copy
import json
import os
import re
import threading

import keras
import numpy as np
import pytest

from sinegan import GANConfig
from sinegan.engines.fast import training_state
from sinegan.lab.session import LabSession
from sinegan.tool.cli import main

from helpers import all_changed, same, weights

TINY = GANConfig(train_size=256, batch_size=64, pretrain_batches=2, monitor_samples=64)
CONFIG = TINY.replace(monitor_every=1)  # 4 steps per epoch, measured every epoch


def lab(config=CONFIG, **options):
    return LabSession(config, curves=16, grid=4, **{"pretrain": False, **options})


def both(session):
    return weights(session.trainer.generator), weights(session.trainer.discriminator)


def counters(session):
    return session.rounds, session.discriminator_updates, session.generator_updates


def state(session):
    """Every variable a step reads or writes: weights, dropout's seeds, the optimizers."""
    return [keras.ops.convert_to_numpy(v.value) for v in training_state(session.trainer.parts)]


def on_circle(a, b):
    return np.abs(np.mod(np.asarray(a) - np.asarray(b) + np.pi, 2 * np.pi) - np.pi)


def learning_rates(session):
    optimizers = (session.trainer.discriminator.optimizer, session.trainer.gan.optimizer)
    return [float(keras.ops.convert_to_numpy(o.learning_rate)) for o in optimizers]


def play(session, moves):
    """Press the buttons: "d" a D step, "g" a G step, "f" a frame, an int that many rounds."""
    for move in moves:
        if move == "d":
            session.discriminator_step()
        elif move == "g":
            session.generator_step()
        elif move == "f":
            session.frame()
        else:
            session.play_rounds(move)
    return session


# --- What each button moves -----------------------------------------------------------------
@pytest.fixture(scope="module")
def session():
    return lab()


def test_a_generator_step_moves_every_weight_of_g_and_none_of_d(session):
    g_before, d_before = both(session)
    rounds, d_updates, g_updates = counters(session)
    metrics = session.generator_step()
    g_after, d_after = both(session)
    assert metrics.shape == (2,) and np.all(np.isfinite(metrics))
    assert same(d_before, d_after)
    assert all_changed(g_before, g_after)
    assert counters(session) == (rounds, d_updates, g_updates + 1)


def test_a_discriminator_step_moves_every_weight_of_d_and_none_of_g(session):
    g_before, d_before = both(session)
    rounds, d_updates, g_updates = counters(session)
    metrics = session.discriminator_step()
    g_after, d_after = both(session)
    assert metrics.shape == (2,) and np.all(np.isfinite(metrics))
    assert same(g_before, g_after)
    assert all_changed(d_before, d_after)
    k = session.config.discriminator_steps
    assert counters(session) == (rounds, d_updates + k, g_updates)


def test_a_round_counts_one_round_k_d_updates_and_one_g_update(session):
    rounds, d_updates, g_updates = counters(session)
    g_before, d_before = both(session)
    metrics = session.play_rounds(1)
    assert metrics.shape == (1, 4) and np.all(np.isfinite(metrics))
    assert all_changed(g_before, both(session)[0]) and all_changed(d_before, both(session)[1])
    k = session.config.discriminator_steps
    assert counters(session) == (rounds + 1, d_updates + k, g_updates + 1)
    assert session.frame().rounds == rounds + 1


# --- What a frame shows -------------------------------------------------------------------
def drawing_sinusoids(session):
    """The session's G made to draw sinusoids: its output layer's kernel zeroed and its bias set
    to arctanh(0.9 sin(1.2 x + 2)), so every curve is a sine before the next G step (which
    moves the kernel, each curve differently)."""
    output = session.trainer.generator.layers[-1]
    kernel, bias = output.get_weights()
    x = session.trainer.dataset.x
    output.set_weights([np.zeros_like(kernel), np.arctanh(0.9 * np.sin(1.2 * x + 2.0))])
    return session


def test_the_arrows_end_exactly_where_the_next_g_step_sends_the_points():
    session = drawing_sinusoids(lab())
    before = session.frame()
    assert before.plane.sine_like.all()
    session.generator_step()
    after = session.frame()
    drawn = before.plane.sine_like & after.plane.sine_like  # the points that carry an arrow
    assert after.generator_updates == before.generator_updates + 1 and drawn.sum() >= 8
    np.testing.assert_allclose(
        before.next_frequency[drawn], after.plane.frequency[drawn], rtol=0, atol=1e-5
    )
    assert np.all(on_circle(before.next_phase[drawn], after.plane.phase[drawn]) < 1e-5)
    # and they are arrows: the G step moved the points
    assert not np.allclose(before.plane.frequency, after.plane.frequency, rtol=0, atol=1e-5)


def test_a_frame_changes_no_weight_no_optimizer_state_and_no_batch_draw(session):
    state_before = state(session)
    rng_before = copy.deepcopy(session.trainer.rng.bit_generator.state)
    session.frame()
    assert same(state_before, state(session))
    assert session.trainer.rng.bit_generator.state == rng_before


def test_two_frames_in_a_row_are_identical(session):
    first, second = session.frame(), session.frame()
    for name in ("rounds", "discriminator_updates", "generator_updates", "epoch", "status"):
        assert getattr(first, name) == getattr(second, name)
    for name in ("next_frequency", "next_phase", "generated", "real"):
        np.testing.assert_array_equal(getattr(first, name), getattr(second, name))
    for name in ("scores", "frequency", "phase", "sine_like"):
        np.testing.assert_array_equal(getattr(first.plane, name), getattr(second.plane, name))


def test_the_first_frame_of_a_new_session_leaves_g_s_optimizer_untouched():
    fresh = lab()
    fresh.frame()
    optimizer = fresh.trainer.gan.optimizer
    moments = [v for v in optimizer.variables if v.path.split("/")[-1] != "learning_rate"]
    assert int(keras.ops.convert_to_numpy(optimizer.iterations)) == 0
    assert not any(np.any(keras.ops.convert_to_numpy(v.value)) for v in moments)


# --- Knobs mid-run ------------------------------------------------------------------------
def test_retune_the_learning_rate_applies_now_to_both_optimizers(session):
    assert session.retune(learning_rate=1e-4) == "now"
    assert session.config.learning_rate == 1e-4 == session.trainer.config.learning_rate
    np.testing.assert_allclose(learning_rates(session), [1e-4, 1e-4], rtol=1e-6)
    assert np.all(np.isfinite(session.play_rounds(1)))


@pytest.mark.parametrize(
    "change",
    [{"discriminator_dropout": 0.2}, {"learning_rate": -1}, {"generator_loss": "nope"}],
    ids=lambda change: next(iter(change)),
)
def test_retune_refuses_new_networks_and_bad_values_naming_the_field_and_changes_nothing(
    session, change
):
    config, before, rates = session.config, state(session), learning_rates(session)
    ((name, _),) = change.items()
    with pytest.raises(ValueError, match=f"{name} expected"):
        session.retune(**change)
    assert session.config == config == session.trainer.config
    assert same(before, state(session))
    assert learning_rates(session) == rates


@pytest.mark.parametrize(
    "change", [{"adam_beta_1": 0.5}, {"generator_loss": "minimax"}], ids=lambda c: next(iter(c))
)
def test_retune_a_traced_field_traces_again_and_the_rounds_go_on(session, change):
    assert session.retune(**change) == "trace"
    ((name, value),) = change.items()
    assert getattr(session.config, name) == value == getattr(session.trainer.config, name)
    g_before, d_before = both(session)
    assert np.all(np.isfinite(session.play_rounds(1)))
    assert all_changed(g_before, both(session)[0]) and all_changed(d_before, both(session)[1])


# --- Divergence ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def diverged():
    session = lab(TINY.replace(learning_rate=1e30))
    for _ in range(8):
        session.play_rounds(1)
        if session.status != "ready":
            break
    return session


def test_a_diverged_session_still_draws_a_frame_that_says_so(diverged):
    assert diverged.frame().status == diverged.status != "ready"


def test_divergence_stops_the_buttons_until_reset(diverged):
    found = re.fullmatch(r"diverged at step (\d+): press Reset", diverged.status)
    assert found, diverged.status
    assert isinstance(diverged.diverged_at, int) and diverged.diverged_at == int(found.group(1))
    assert 1 <= diverged.diverged_at <= diverged.generator_updates
    for press in (diverged.generator_step, diverged.discriminator_step, diverged.play_rounds):
        with pytest.raises(ValueError, match="diverged at step"):
            press()
    assert diverged.retune(learning_rate=2e-4) == "now"
    diverged.reset()  # new data and networks for the current config
    assert diverged.status == "ready" and diverged.config.learning_rate == 2e-4
    assert counters(diverged) == (0, 0, 0) and diverged.losses == []
    assert diverged.trainer.epoch == 0
    assert np.all(np.isfinite(diverged.play_rounds(4))) and diverged.status == "ready"
    assert diverged.trainer.epoch == 1 and counters(diverged) == (4, 4, 4)


# --- Reproducibility across sessions --------------------------------------------------------
MOVES = [1, 1, 1]  # rounds only: one traced loop per session


def end_of(session):
    return [*both(session), state(session)]


def assert_same_end(a, b):
    for first, second in zip(a, b, strict=True):
        assert same(first, second)


@pytest.fixture(scope="module")
def alone():
    """Seed 3 stepped through MOVES, with no other session in sight."""
    return end_of(play(lab(TINY.replace(seed=3)), MOVES))


def test_frames_between_steps_leave_the_trajectory_unchanged(alone):
    watched = play(lab(TINY.replace(seed=3)), [1, "f", 1, "f", "f", 1, "f"])
    assert_same_end(end_of(watched), alone)


def test_a_session_ends_alike_with_another_seed_s_session_built_and_stepped_between(alone):
    first = lab(TINY.replace(seed=3))
    other = play(lab(TINY.replace(seed=4)), MOVES[:2])
    for move in MOVES:
        play(first, [move])
        play(other, [move])
    assert_same_end(end_of(first), alone)
    assert not same(both(other)[0], alone[0])


def test_sessions_built_and_stepped_in_threads_end_as_they_end_alone(alone):
    ends, errors, built = {}, [], threading.Barrier(2, timeout=120)

    def run(seed):
        try:
            session = lab(TINY.replace(seed=seed))
            built.wait()  # both built before either steps: their steps run side by side
            ends[seed] = end_of(play(session, MOVES))
        except Exception as error:  # reported below, with its seed
            errors.append((seed, error))

    threads = [threading.Thread(target=run, args=(seed,)) for seed in (3, 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert_same_end(ends[3], alone)
    assert not same(ends[4][0], alone[0])


# --- Epochs, and a saved run the command line reads ------------------------------------------
@pytest.fixture(scope="module")
def lab_run(tmp_path_factory):
    """A lab session as the page starts it (D pre-trained), stepped one button at a time, then
    by rounds in uneven calls across two epochs, and saved."""
    runs = tmp_path_factory.mktemp("lab-runs")
    session = LabSession(CONFIG, curves=16, grid=4, runs_dir=str(runs))
    play(session, ["d", "g"])
    epochs, played = [], []
    for steps in (3, 3, 2):
        played.append(session.play_rounds(steps))
        epochs.append(session.trainer.epoch)
        session.measure()  # the page measures on its clock: here after every call
    session.measure()  # a second time in epoch 2
    return session, played, epochs, session.save()


def test_every_steps_per_epoch_rounds_close_one_epoch_across_uneven_calls(lab_run):
    session, played, epochs, _ = lab_run
    history, per_epoch = session.trainer.history, session.config.steps_per_epoch
    assert per_epoch == 4
    assert [metrics.shape for metrics in played] == [(3, 4), (3, 4), (2, 4)]
    assert all(np.all(np.isfinite(metrics)) for metrics in played)
    assert epochs == [0, 1, 2] and session.frame().epoch == 2
    assert [rows.shape for rows in history.step_metrics] == [(per_epoch, 4)] * 2
    # the epochs' rows are the rounds' metrics in order: single D and G steps are not rows
    np.testing.assert_array_equal(np.concatenate(history.step_metrics), np.concatenate(played))
    assert len(history.epoch_seconds) == 2 and len(history.snapshots) == 3
    assert counters(session) == (8, 9, 9)


def test_measuring_records_the_measures_and_a_plane_frame_once_an_epoch(lab_run):
    session = lab_run[0]
    history = session.trainer.history
    assert len(session.measures) == 4  # every measurement reaches the page
    assert [entry["epoch"] for entry in history.quality] == [1, 2]  # none in epoch 0, one in 2
    assert [frame.epoch for frame in history.plane] == [1, 2]
    assert all(0 <= entry["sine_like"] <= 1 for entry in history.quality)
    assert all(frame.frequency.shape == (64,) for frame in history.plane)  # monitor_samples


def test_save_needs_runs_dir_and_a_plain_name(session, lab_run):
    with pytest.raises(ValueError, match="runs_dir expected"):
        session.save()
    saving, run = lab_run[0], lab_run[3]
    for name in ("bad/name", "../up", "", ".hidden", "a" * 65):
        with pytest.raises(ValueError, match="name expected"):
            saving.save(name)
    assert os.listdir(saving.runs_dir) == [os.path.basename(run)]


def test_save_writes_a_run_directory_named_after_its_seed_and_g_updates(lab_run):
    session, run = lab_run[0], lab_run[3]
    assert os.path.dirname(run) == session.runs_dir
    assert os.path.basename(run) == f"lab-seed{session.config.seed}-step9"
    with open(os.path.join(run, "config.json")) as file:
        assert json.load(file)["train_size"] == 256
    for name in ("checkpoint.npz", "history.csv", "generator.keras", "samples.npz"):
        assert os.path.isfile(os.path.join(run, name))


def test_the_command_line_samples_from_a_lab_run(lab_run, tmp_path):
    run, output = lab_run[3], tmp_path / "curves.npz"
    assert main(["sample", "--run", run, "--n", "10", "--seed", "2", "--output", str(output)]) == 0
    curves = np.load(output)["curves"]
    assert curves.shape == (10, 64) and np.all(np.abs(curves) < 1)


def test_the_command_line_evaluates_a_lab_run(lab_run, capsys):
    session, run = lab_run[0], lab_run[3]
    assert main(["evaluate", "--run", run, "--n", "40", "--seed", "1"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["epoch"] == session.trainer.epoch == 2 and result["samples"] == 40


def test_the_command_line_animates_a_lab_run_s_plane(lab_run, tmp_path):
    from PIL import Image

    session, run, output = lab_run[0], lab_run[3], tmp_path / "plane.gif"
    assert main(["animate", "--run", run, "--view", "plane", "--output", str(output)]) == 0
    with Image.open(output) as gif:
        assert gif.format == "GIF" and gif.n_frames == len(session.trainer.history.plane) == 2
