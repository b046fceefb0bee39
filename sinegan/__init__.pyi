"""What ``sinegan`` exports, for editors and type checkers: go-to-definition follows these imports.

``sinegan/__init__.py`` imports each name on first use; a test checks that both list the same names."""

from .slides.config import GANConfig as GANConfig
from .presets import (
    CONDITIONAL as CONDITIONAL, DCGAN as DCGAN, IMPROVED as IMPROVED, MINIMAX as MINIMAX, PRESETS as PRESETS,
    SLIDES as SLIDES, WGAN_GP as WGAN_GP, preset as preset,
)
from .config_checks import ENGINES as ENGINES
from .slides.dataset import (
    SineDataset as SineDataset, make_dataset as make_dataset, make_noise_curves as make_noise_curves,
    sinusoids as sinusoids, x_coords as x_coords,
)
from .slides.discriminator import build_discriminator as build_discriminator
from .slides.generator import build_gan as build_gan, build_generator as build_generator
from .slides.training import pretrain_discriminator as pretrain_discriminator, train_gan_epoch as train_gan_epoch
from .slides.sampling import (
    generate_curves as generate_curves, sample_curves as sample_curves, sample_latent as sample_latent,
)
from .recipe import (
    GANParts as GANParts, assemble as assemble, curves_for as curves_for, discriminator_for as discriminator_for,
    gan_for as gan_for, generator_for as generator_for, latent_for as latent_for,
)
from .extras.latent_prior import encode_frequency as encode_frequency
from .extras.conditional import (
    frequency_hit_rates as frequency_hit_rates, sample_conditional_curves as sample_conditional_curves,
)
from .seeding import seed_everything as seed_everything
from .harness.history import METRICS as METRICS, History as History, TrainingDiverged as TrainingDiverged
from .harness.trainer import Trainer as Trainer
from .harness.live import PlaneView as PlaneView
from .measure.plane import PlaneFrame as PlaneFrame, measure_plane as measure_plane
from .figures.animation import animate_snapshots as animate_snapshots
from .figures.plane import animate_plane as animate_plane, plot_plane as plot_plane
from .tool.checkpoint import (
    read_checkpoint as read_checkpoint, restore_checkpoint as restore_checkpoint, save_checkpoint as save_checkpoint,
    trainer_from_checkpoint as trainer_from_checkpoint,
)
from .tool.rundir import open_run as open_run, write_run as write_run

__version__: str
__all__: list[str]
