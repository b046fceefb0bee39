"""What ``sinegan`` exports, for editors and type checkers: go-to-definition follows these imports.

``sinegan/__init__.py`` imports each name on first use; a test checks that both list the same
names."""

from .config_checks import ENGINES as ENGINES
from .config_fields import data_regions as data_regions
from .extras.conditional import (
    frequency_hit_rates as frequency_hit_rates,
)
from .extras.conditional import (
    sample_conditional_curves as sample_conditional_curves,
)
from .extras.latent_prior import encode_frequency as encode_frequency
from .extras.regions import in_data as in_data
from .extras.regions import region_parameters as region_parameters
from .figures.animation import animate_snapshots as animate_snapshots
from .figures.plane import animate_plane as animate_plane
from .figures.plane import plot_plane as plot_plane
from .harness.history import (
    METRICS as METRICS,
)
from .harness.history import (
    History as History,
)
from .harness.history import (
    TrainingDiverged as TrainingDiverged,
)
from .harness.live import PlaneView as PlaneView
from .harness.trainer import Trainer as Trainer
from .measure.plane import PlaneFrame as PlaneFrame
from .measure.plane import measure_plane as measure_plane
from .presets import (
    CONDITIONAL as CONDITIONAL,
)
from .presets import (
    DCGAN as DCGAN,
)
from .presets import (
    IMPROVED as IMPROVED,
)
from .presets import (
    MINIMAX as MINIMAX,
)
from .presets import (
    PRESETS as PRESETS,
)
from .presets import (
    SLIDES as SLIDES,
)
from .presets import (
    WGAN_GP as WGAN_GP,
)
from .presets import (
    preset as preset,
)
from .recipe import (
    GANParts as GANParts,
)
from .recipe import (
    assemble as assemble,
)
from .recipe import (
    curves_for as curves_for,
)
from .recipe import (
    dataset_for as dataset_for,
)
from .recipe import (
    discriminator_for as discriminator_for,
)
from .recipe import (
    gan_for as gan_for,
)
from .recipe import (
    generator_for as generator_for,
)
from .recipe import (
    latent_for as latent_for,
)
from .seeding import seed_everything as seed_everything
from .slides.config import GANConfig as GANConfig
from .slides.dataset import (
    SineDataset as SineDataset,
)
from .slides.dataset import (
    make_dataset as make_dataset,
)
from .slides.dataset import (
    make_noise_curves as make_noise_curves,
)
from .slides.dataset import (
    sinusoids as sinusoids,
)
from .slides.dataset import (
    x_coords as x_coords,
)
from .slides.discriminator import build_discriminator as build_discriminator
from .slides.generator import build_gan as build_gan
from .slides.generator import build_generator as build_generator
from .slides.sampling import (
    generate_curves as generate_curves,
)
from .slides.sampling import (
    sample_curves as sample_curves,
)
from .slides.sampling import (
    sample_latent as sample_latent,
)
from .slides.training import (
    pretrain_discriminator as pretrain_discriminator,
)
from .slides.training import (
    train_gan_epoch as train_gan_epoch,
)
from .tool.checkpoint import (
    read_checkpoint as read_checkpoint,
)
from .tool.checkpoint import (
    restore_checkpoint as restore_checkpoint,
)
from .tool.checkpoint import (
    save_checkpoint as save_checkpoint,
)
from .tool.checkpoint import (
    trainer_from_checkpoint as trainer_from_checkpoint,
)
from .tool.rundir import open_run as open_run
from .tool.rundir import write_run as write_run

__version__: str
__all__: list[str]
