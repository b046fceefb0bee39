"""The examples of the lectures' pieces, run in this process on tiny settings."""

from pathlib import Path

import numpy as np
import pytest

from sinegan import IMPROVED

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def examples(monkeypatch):
    monkeypatch.syspath_prepend(str(EXAMPLES))


def test_generator_losses_example_draws_the_gradients_and_measures_them_at_g(examples):
    import generator_losses

    from sinegan.figures.theory import plot_generator_losses
    from sinegan.lectures.theory import generator_loss_curves

    curves = generator_loss_curves(np.array([0.1, 0.5]))  # what the example draws
    np.testing.assert_allclose(curves["minimax"][0], np.log([0.9, 0.5]), rtol=1e-4)
    np.testing.assert_allclose(curves["minimax"][1], [-0.1, -0.5], rtol=1e-4)  # -D(G(z))
    # -(1 - D(G(z)))
    np.testing.assert_allclose(curves["non_saturating"][1], [-0.9, -0.5], rtol=1e-4)
    figure = plot_generator_losses(np.array([0.1, 0.5]), curves)
    assert len(figure.axes) == 2 and len(figure.axes[1].lines) == 2
    # D pre-trained against noise rejects G's first curves, and the minimax loss starves G.
    mean_probability, norms = generator_losses.gradient_norms_at_the_start(
        IMPROVED.replace(train_size=1024, monitor_samples=50)
    )
    assert mean_probability < 0.3 and norms["non_saturating"] > 2 * norms["minimax"] > 0


def test_conditional_example_writes_one_panel_per_requested_frequency(examples, tmp_path, capsys):
    import conditional_sine

    conditional_sine.main(["--epochs", "1", "--out", str(tmp_path)])
    assert (tmp_path / "conditional_sines.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    rates = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  b = ")]
    assert [line.split(":")[0].strip() for line in rates] == [
        f"b = {b:.2f}" for b in conditional_sine.FREQUENCIES
    ]


def test_main_example_runs_the_wgan_gp_preset(examples, tmp_path, capsys):
    # (the conditional preset runs end to end in its own example above)
    import sine_gan

    sine_gan.main(["--preset", "wgan-gp", "--epochs", "1", "--out", str(tmp_path)])
    assert "quality after epoch 1" in capsys.readouterr().out
    assert np.load(tmp_path / "samples.npz")["curves"].shape == (1000, 64)
    assert len(list(tmp_path.glob("*.png"))) == 4


def test_every_lecture_preset_is_offered():
    from sinegan.presets import PRESETS

    assert {"minimax", "wgan-gp", "conditional"} <= set(PRESETS)
    assert PRESETS["minimax"] == PRESETS["improved"].replace(generator_loss="minimax")
