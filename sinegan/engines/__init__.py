"""How step 5 runs: two engines behind one interface.

    literal.py   the slides' loop as written: sinegan.slides.training.train_gan_epoch,
                 one ``train_on_batch`` per update (tens of milliseconds a step)
    fast.py      the same loop body, toggles included, compiled into one call per
                 epoch on TensorFlow and JAX, and run as eager steps on PyTorch
    losses.py    what each update minimises: the game's cross-entropy losses

Each engine module offers ``make_epoch(parts, config)``, which returns
``run_epoch(indices, latent) -> (steps, 4) metrics`` for the parts of
sinegan.recipe.assemble; ``epoch_runner`` picks the module by name. Both engines
compute the same numbers (tests/test_trainer.py). docs/engines.md compares them.

This module imports no Keras: ``ENGINES`` serves the command line's checks.
"""

from __future__ import annotations

import importlib

from ..config_checks import ENGINES, check_engine

__all__ = ["ENGINES", "epoch_runner", "prepare_optimizers", "step_loops"]


def epoch_runner(engine: str, parts, config):
    """``run_epoch(indices, latent) -> (steps, 4)`` of the engine named "fast" or "literal"."""
    check_engine(config, engine)
    return importlib.import_module(f"{__name__}.{engine}").make_epoch(parts, config)


def step_loops(engine: str, parts, config):
    """The fast engine's loops for whole steps, D updates alone and G updates alone.

    Only the fast engine offers them (sinegan.engines.fast.EngineSteps): the
    literal engine is the slides' epoch loop as written, which steps D and G together.
    """
    check_engine(config, engine)
    if engine != "fast":
        raise ValueError(
            "engine expected 'fast': only the fast engine runs a D or a G update alone; "
            f"the literal engine runs the slides' whole loop. Received: engine={engine!r}"
        )
    return importlib.import_module(f"{__name__}.fast").make_steps(parts, config)


def prepare_optimizers(discriminator, gan):
    """Create both optimizers' moments now, as their first update would.

    D's optimizer covers D's weights, the GAN's covers G's only, because D is
    frozen inside the GAN; D is left frozen, as the GAN's update needs it. The
    fast engine calls this before it traces an epoch (a compiled loop cannot
    create variables), and a checkpoint before it saves or sets the moments.
    """
    discriminator.trainable = True
    if not discriminator.optimizer.built:
        discriminator.optimizer.build(discriminator.trainable_variables)
    discriminator.trainable = False
    if not gan.optimizer.built:
        gan.optimizer.build(gan.trainable_variables)  # G's variables only: D is frozen
