"""Checkpoints resume exactly; callbacks see every epoch; divergence stops training."""

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import keras
import numpy as np
import pytest

from sinegan import (
    IMPROVED,
    METRICS,
    WGAN_GP,
    GANConfig,
    Trainer,
    TrainingDiverged,
    generate_curves,
)
from sinegan.tool.checkpoint import (
    plane_frames,
    read_checkpoint,
    save_checkpoint,
    trainer_from_checkpoint,
)
from sinegan.tool.files import atomic_write

ROOT = Path(__file__).resolve().parents[1]
ENVIRONMENT = {
    **os.environ,
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
}
SMALL = dict(train_size=512, pretrain_batches=4, epochs=4, monitor_every=0, monitor_samples=50)
FRESH = IMPROVED.replace(**SMALL)
CRITIC = WGAN_GP.replace(**SMALL)  # the penalty's random mixing weights must be restored too


class AtEpochEnd(keras.callbacks.Callback):
    """Runs ``action(epoch)`` at the end of every epoch (Keras numbers them from 0)."""

    def __init__(self, action):
        super().__init__()
        self.action = action

    def on_epoch_end(self, epoch, logs=None):
        self.action(epoch)


def all_variables(trainer):
    """Every variable of the networks (Dropout seed states included) and of both optimizers."""
    owners = (
        trainer.generator,
        trainer.discriminator,
        trainer.sampling_generator,
        trainer.discriminator.optimizer,
        trainer.gan.optimizer,
    )
    return [np.asarray(variable) for owner in owners for variable in owner.variables]


@pytest.mark.parametrize("config", [FRESH, CRITIC], ids=["improved", "wgan-gp"])
def test_fresh_latent_run_resumed_from_epoch_2_equals_4_straight_epochs(tmp_path, config):
    """Fresh latent vectors, an averaged generator, Adam's moments and every random stream must
    be restored."""
    path = tmp_path / "checkpoint.npz"
    straight = Trainer(config)
    straight.pretrain_discriminator(log=None)
    save_at_2 = AtEpochEnd(lambda epoch: epoch == 1 and save_checkpoint(straight, path))
    straight.train(log=None, callbacks=[save_at_2])
    checkpoint = read_checkpoint(path)
    assert checkpoint["metadata"]["config"] == config and checkpoint["metadata"]["epoch"] == 2
    assert checkpoint["history/pretrain_accuracy"].tolist() == straight.history.pretrain_accuracy
    assert sorted(os.listdir(tmp_path)) == ["checkpoint.npz"]  # no temporary file left
    resumed = trainer_from_checkpoint(checkpoint)
    assert resumed.epoch == 2 and len(resumed.history.snapshots) == 3
    resumed.train(2, log=None)
    for expected, actual in zip(all_variables(straight), all_variables(resumed), strict=True):
        np.testing.assert_array_equal(actual, expected)
    np.testing.assert_array_equal(
        np.stack(resumed.history.snapshots), np.stack(straight.history.snapshots)
    )
    assert resumed.rng.bit_generator.state == straight.rng.bit_generator.state


def test_checkpoint_keys_are_variable_paths_the_same_in_every_trainer_and_process(tmp_path):
    """The slides' D has two Dropout layers, whose seed states Keras numbers per process."""
    config = GANConfig(train_size=256, pretrain_batches=1, epochs=1)
    for name in ("first", "second"):  # the second trainer's seed generators get other numbers
        save_checkpoint(Trainer(config), tmp_path / f"{name}.npz")
    code = (
        "import sys; from sinegan import GANConfig, Trainer; "
        "from sinegan.tool.checkpoint import save_checkpoint\n"
        f"save_checkpoint(Trainer(GANConfig(**{config.to_dict()!r})), sys.argv[1])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "process.npz")],
        capture_output=True,
        text=True,
        env=ENVIRONMENT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    first, second, process = (
        set(read_checkpoint(tmp_path / f"{name}.npz")) - {"metadata"}
        for name in ("first", "second", "process")
    )
    assert first == second == process
    assert {
        "discriminator/discriminator/hidden_1/kernel",
        "generator/generator/output/bias",
        "discriminator/discriminator/dropout_1/seed_generator_state",
        "discriminator/discriminator/dropout_2/seed_generator_state",
        "gan_optimizer/gan_optimizer/generator_output_bias_momentum",
    } <= first
    # no key carries a Keras counter
    assert not any(re.search(r"seed_generator_\d", name) for name in first)


def test_a_failed_write_leaves_the_previous_file_whole(tmp_path):
    path = tmp_path / "file.txt"
    atomic_write(path, lambda temporary: open(temporary, "w").write("first"))

    def fail_half_way(temporary):
        open(temporary, "w").write("sec")
        raise KeyboardInterrupt  # Ctrl-C in the middle of a write

    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, fail_half_way)
    assert path.read_text() == "first" and os.listdir(tmp_path) == ["file.txt"]


def test_csv_logger_and_a_user_callback_see_every_epoch_and_can_stop_training(tmp_path):
    class Recorder(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.calls, self.logs = [], []

        def on_train_begin(self, logs=None):
            self.calls.append("begin")

        def on_epoch_begin(self, epoch, logs=None):
            self.calls.append(f"epoch {epoch}")

        def on_epoch_end(self, epoch, logs=None):
            self.logs.append(dict(logs))
            self.model.stop_training = epoch == 2  # stop after the third epoch

        def on_train_end(self, logs=None):
            self.calls.append("end")

    trainer = Trainer(
        GANConfig(
            train_size=256, pretrain_batches=2, epochs=10, monitor_every=2, monitor_samples=50
        )
    )
    recorder = Recorder()
    history = trainer.train(
        log=None, callbacks=[keras.callbacks.CSVLogger(str(tmp_path / "log.csv")), recorder]
    )
    assert recorder.model is trainer.gan
    assert (
        recorder.calls == ["begin", "epoch 0", "epoch 1", "epoch 2", "end"] and trainer.epoch == 3
    )
    means = history.epoch_means()
    for epoch, logs in enumerate(recorder.logs):
        for name in METRICS:
            assert logs[name] == pytest.approx(means[name][epoch])
    # measured every 2 epochs
    assert "sine_like" in recorder.logs[1] and "sine_like" not in recorder.logs[0]
    with open(tmp_path / "log.csv") as file:
        rows = list(csv.DictReader(file))
    assert [row["epoch"] for row in rows] == ["0", "1", "2"]
    assert float(rows[2]["generator_loss"]) == pytest.approx(means["generator_loss"][2])


def test_the_monitor_runs_before_the_users_callbacks_so_a_checkpoint_holds_the_epochs_measures(
    tmp_path,
):
    trainer = Trainer(
        GANConfig(train_size=256, pretrain_batches=1, epochs=2, monitor_every=1, monitor_samples=50)
    )
    frames_seen = []

    def save(epoch):
        frames_seen.append(len(trainer.history.plane))
        save_checkpoint(trainer, tmp_path / f"after-{epoch + 1}.npz")

    trainer.train(log=None, callbacks=[AtEpochEnd(save)])
    assert frames_seen == [1, 2]  # each epoch's frame was recorded before the user's callback ran
    saved = read_checkpoint(tmp_path / "after-2.npz")
    assert [measures["epoch"] for measures in saved["metadata"]["quality"]] == [1, 2]
    assert [frame.epoch for frame in plane_frames(saved)] == [1, 2]


def test_a_nan_weight_stops_training_at_its_epoch_and_the_checkpoint_keeps_the_last_good_one(
    tmp_path,
):
    """Which check sees the NaN first depends on how the CPU's kernels carry NaN through a
    step: the loss check ("epoch 3, step 1 of 2: ... not finite") or the weight check
    ("epoch 3: the generator's weight ... is not finite"). Either way training stops
    at epoch 3 and nothing of that epoch is recorded; that is what is asserted here."""
    trainer = Trainer(
        GANConfig(train_size=256, pretrain_batches=2, epochs=5, monitor_every=1, monitor_samples=50)
    )
    path = tmp_path / "checkpoint.npz"
    save = AtEpochEnd(lambda epoch: save_checkpoint(trainer, path))

    def poison(epoch):
        if epoch == 1:  # after the second epoch, the generator's output bias becomes NaN
            bias = trainer.generator.layers[-1].bias
            bias.assign(np.full(bias.shape, np.nan, dtype=np.float32))

    with pytest.raises(TrainingDiverged, match=r"^Training diverged at epoch 3\b") as caught:
        trainer.train(log=None, callbacks=[save, AtEpochEnd(poison)])
    assert caught.value.epoch == 3
    history = trainer.history
    # the bad epoch never entered
    assert len(history.step_metrics) == 2 and len(history.snapshots) == 3
    assert [measures["epoch"] for measures in history.quality] == [1, 2]
    recorded = [
        *history.step_metrics,
        *history.snapshots,
        history.epoch_seconds,
        *([float(value) for value in measures.values()] for measures in history.quality),
    ]
    assert all(np.all(np.isfinite(values)) for values in recorded)
    good = read_checkpoint(path)
    assert good["metadata"]["epoch"] == 2
    assert all(np.all(np.isfinite(value)) for name, value in good.items() if name != "metadata")


def test_a_non_finite_weight_is_caught_even_when_the_losses_are_finite():
    """The averaged generator takes no part in the losses; the weight check still sees it."""
    trainer = Trainer(FRESH.replace(train_size=256, epochs=3))

    def poison(epoch):
        kernel = trainer.sampling_generator.layers[0].kernel
        kernel.assign(np.full(kernel.shape, np.inf, dtype=np.float32))

    with pytest.raises(
        TrainingDiverged, match="epoch 2: the averaged generator's weight .* is not finite"
    ):
        trainer.train(log=None, callbacks=[AtEpochEnd(poison)])


def test_a_checkpoint_written_by_sinegan_0_2_loads_draws_its_curves_and_trains_on():
    """The checkpoint format did not change in 0.3: a run saved by 0.2 (tests/data, on TensorFlow,
    with an averaged G) is restored whole, draws the curves it drew then, and trains on."""
    data = Path(__file__).resolve().parent / "data"
    trainer = trainer_from_checkpoint(data / "checkpoint-0.2.npz")
    assert trainer.epoch == 2 and len(trainer.history.plane) == 2 and trainer.parts.averaged
    saved = np.load(data / "checkpoint-0.2-curves.npz")  # G's curves for four fixed z, drawn by 0.2
    np.testing.assert_allclose(
        generate_curves(trainer.sampling_generator, saved["latent"]), saved["curves"], atol=1e-5
    )
    trainer.train(1, log=None)
    assert trainer.epoch == 3 and len(trainer.history.step_metrics) == 3
