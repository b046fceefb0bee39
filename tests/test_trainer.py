import keras
import numpy as np
import pytest

from sinegan import METRICS, GANConfig, Trainer, make_dataset, sample_curves

from helpers import to_numpy


def held_out_accuracy(trainer):
    """D's accuracy on 512 unseen sinusoids (label 1) and 512 unseen noise curves (label 0)."""
    data = make_dataset(trainer.config.replace(train_size=512), np.random.default_rng(99))
    real = to_numpy(trainer.discriminator(data.curves, training=False))[:, 0]
    noise = to_numpy(trainer.discriminator(data.noise, training=False))[:, 0]
    return (np.mean(real > 0.5) + np.mean(noise <= 0.5)) / 2


def test_pretraining_teaches_the_discriminator_sines_from_noise():
    trainer = Trainer(GANConfig(train_size=2048))
    before = held_out_accuracy(trainer)
    accuracies = trainer.pretrain_discriminator(log=None)
    after = held_out_accuracy(trainer)
    assert len(accuracies) == 32
    assert after > 0.8 and after > before + 0.2, (before, after)
    assert np.mean(accuracies[-8:]) > np.mean(accuracies[:8])


def test_pretraining_prints_the_slides_table(capsys):
    Trainer(GANConfig(train_size=256, pretrain_batches=3)).pretrain_discriminator()
    lines = capsys.readouterr().out.strip().splitlines()
    assert "accuracy" in lines[0] and len(lines) == 4
    assert [line.split("|")[0].strip() for line in lines[1:]] == ["1", "2", "3"]


@pytest.mark.parametrize("engine", ["fast", "literal"])
def test_train_records_history_and_prints_a_row_per_epoch(engine, small_config, capsys):
    trainer = Trainer(small_config.replace(epochs=2), engine=engine)
    history = trainer.train(log=print)
    out = capsys.readouterr().out.strip().splitlines()
    table = [line for line in out if line.count("|") == 4]
    assert len(table) == 3 and "G accuracy" in table[0]
    # the last epoch
    assert any(line.startswith("   quality after epoch 2: sine-like") for line in out)
    assert trainer.epoch == 2 and len(history.step_metrics) == 2
    assert history.step_metrics[0].shape == (small_config.steps_per_epoch, len(METRICS))
    means = history.epoch_means()
    assert np.all((means["discriminator_accuracy"] >= 0) & (means["discriminator_accuracy"] <= 1))
    assert np.all(means["discriminator_loss"] > 0) and np.all(np.isfinite(means["generator_loss"]))
    assert len(history.snapshots) == 3 and history.snapshots[0].shape == (8, 64)
    assert not np.array_equal(history.snapshots[0], history.snapshots[-1])


def test_fast_engine_is_the_literal_engine_compiled():
    """Without dropout both engines are deterministic: same seed, same batches,
    same weights after training, up to float rounding."""
    config = GANConfig(train_size=512, pretrain_batches=2, discriminator_dropout=0.0, epochs=2)
    trainers = {engine: Trainer(config, engine=engine) for engine in ("literal", "fast")}
    for trainer in trainers.values():
        trainer.pretrain_discriminator(log=None)
        trainer.train(log=None)
    literal, fast = trainers["literal"], trainers["fast"]
    for a, b in zip(
        literal.generator.weights + literal.discriminator.weights,
        fast.generator.weights + fast.discriminator.weights,
        strict=True,
    ):
        np.testing.assert_allclose(np.asarray(a), np.asarray(b), atol=2e-5)
    np.testing.assert_allclose(
        np.concatenate(literal.history.step_metrics),
        np.concatenate(fast.history.step_metrics),
        atol=1e-4,
    )


@pytest.mark.parametrize("engine", ["fast", "literal"])
def test_same_seed_same_weights_and_samples(engine, small_config):
    def run(seed):
        trainer = Trainer(small_config.replace(seed=seed), engine=engine)
        trainer.pretrain_discriminator(log=None)
        trainer.train(log=None)
        return trainer

    first, second, other = run(3), run(3), run(4)
    for a, b in zip(
        first.generator.weights + first.discriminator.weights,
        second.generator.weights + second.discriminator.weights,
        strict=True,
    ):
        np.testing.assert_array_equal(np.asarray(a), np.asarray(b))
    np.testing.assert_array_equal(
        sample_curves(first.generator, small_config, 10, seed=1),
        sample_curves(second.generator, small_config, 10, seed=1),
    )
    assert not np.array_equal(
        np.asarray(first.generator.weights[0]), np.asarray(other.generator.weights[0])
    )


def test_fresh_latent_draws_new_vectors_every_step(small_config):
    slides = Trainer(small_config)
    indices, latent = slides.draw_epoch_batches()
    np.testing.assert_array_equal(latent, slides.dataset.noise[indices])  # NOISE[n]
    fresh = Trainer(small_config.replace(fresh_latent=True, latent_dim=16))
    indices, latent = fresh.draw_epoch_batches()
    assert latent.shape == (small_config.steps_per_epoch, 1, 64, 16)
    assert -1 <= latent.min() and latent.max() <= 1
    fresh.train(log=None)  # the generator accepts the other latent size


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"engine": "turbo"}, "engine='turbo'"),
        ({"config": {"epochs": 1}}, "config="),
    ],
)
def test_trainer_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Trainer(**kwargs)


def test_train_without_the_monitor_records_no_measure_and_still_calls_the_callbacks(small_config):
    seen = []

    class Seen(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            seen.append(sorted(logs))

    trainer = Trainer(small_config.replace(epochs=2, monitor_every=1))
    history = trainer.train(log=None, callbacks=[Seen()], monitor=False)
    assert history.quality == [] and history.plane == [] and len(history.step_metrics) == 2
    assert seen == [sorted(METRICS)] * 2  # the epoch's means, and no measure
    with pytest.raises(ValueError, match="Received: monitor=1"):
        trainer.train(1, log=None, monitor=1)


@pytest.mark.parametrize("epochs", [-1, 1.5, True])
def test_train_rejects_bad_epochs(small_config, epochs):
    with pytest.raises(ValueError, match="epochs="):
        Trainer(small_config).train(epochs=epochs, log=None)


@pytest.mark.parametrize("n", [0, -3, 2.0])
def test_sample_curves_rejects_bad_n(small_config, n):
    with pytest.raises(ValueError, match="n="):
        sample_curves(Trainer(small_config).generator, small_config, n)
