"""A sweep on Ray Tune: every trial of a spec, as many at once as the cluster's CPUs allow.

``run_sweep`` starts Ray on this machine (all its cores, or ``cpus``), or joins
the cluster at ``address``, and hands Ray Tune one trial per config and seed
(a grid search over the spec's labels), or, with ``spec.search``, an Optuna
search among the same values. Each trial runs ``train_trial`` in a Ray worker
with ``cpus_per_trial`` CPUs (and ``gpus_per_trial`` GPUs, a fraction if
several trials share one), one thread each unless it has more CPUs. Ray's own
records go to ``<folder>/ray``; the trials' run directories to
``<folder>/trials``; the table to ``<folder>/results.csv`` and ``.parquet``.

On a cluster, ``folder`` must be a path every node sees (shared storage): the
trials write their run directories there, wherever Ray places them.

A worker that dies mid-trial is restarted up to ``max_failures`` times, and
its trial resumes from its last checkpoint (sinegan.sweep.trial). ``resume``
restores a sweep whose driver stopped: Ray Tune reloads its trials' states,
and any trial it starts again finds its run directory and does not train twice.
"""

from __future__ import annotations

import os

from .spec import SPEC_FILE, SweepSpec, trial_name, value_label
from .table import write_table
from .trial import TRIALS, train_trial

EXPERIMENT = "ray"  # Ray Tune's folder inside the sweep's folder
# What collapses, for early stopping without a search: the curves' spread over the data's.
EARLY_STOP_MEASURE, EARLY_STOP_MODE = "diversity", "max"


def write_spec(spec: SweepSpec, folder):
    """Keep the spec in the sweep's folder, for ``sinegan sweep --resume`` and the report."""
    from ..tool.files import atomic_write

    os.makedirs(folder, exist_ok=True)
    text = spec.to_json()
    atomic_write(os.path.join(folder, SPEC_FILE), lambda path: _write_text(path, text))


def read_spec(folder) -> SweepSpec:
    """The spec a sweep keeps in its folder; FileNotFoundError or ValueError naming the folder."""
    path = os.path.join(os.fspath(folder), SPEC_FILE)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"No {SPEC_FILE} in the sweep folder. Received: sweep={folder!r}")
    with open(path) as file:
        try:
            return SweepSpec.from_json(file.read())
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(
                f"{SPEC_FILE} is not a sweep's spec ({error}). Received: sweep={folder!r}"
            ) from None


def run_trial(trial_config: dict, spec: SweepSpec, folder: str):
    """What Ray Tune runs in a worker for one trial: ``train_trial``, reporting to Ray."""
    import ray
    from ray import tune

    labels = {name: trial_config[name] for name in spec.grid}
    seed = trial_config["seed"]
    name = trial_name(labels, seed)
    if spec.search is not None:  # Optuna may suggest one config twice: one folder per trial
        name += "_" + tune.get_context().get_trial_id()
    node = ray.get_runtime_context().get_node_id()
    train_trial(spec, labels, seed, os.path.join(folder, TRIALS, name), tune.report, node)


def worker_environment(spec: SweepSpec, threads: int) -> dict:
    """The environment of every trial's worker: the backend, quiet TensorFlow, ``threads``
    threads in each backend's CPU kernels, and no usage report sent anywhere."""
    environment = {
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "TF_NUM_INTRAOP_THREADS": str(threads),
        "TF_NUM_INTEROP_THREADS": str(threads),
        "OMP_NUM_THREADS": str(threads),  # PyTorch's CPU kernels
        "XLA_FLAGS": f"--xla_cpu_multi_thread_eigen={str(threads > 1).lower()} "
        f"intra_op_parallelism_threads={threads}",  # JAX's
        "RAY_USAGE_STATS_ENABLED": "0",
    }
    if spec.backend is not None:
        environment["KERAS_BACKEND"] = spec.backend
    return environment


def run_sweep(
    spec: SweepSpec,
    folder,
    address: str | None = None,
    cpus: int | None = None,
    cpus_per_trial: float = 1,
    gpus_per_trial: float = 0,
    max_failures: int = 3,
    resume: bool = False,
    verbose: int = 1,
):
    """Run every trial of ``spec`` into ``folder``; returns (the table's rows, the errors)."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # offline: no usage report
    import ray
    from ray import tune

    folder = os.path.abspath(folder)
    spec.check()
    write_spec(spec, folder)
    threads = max(1, int(cpus_per_trial))
    ray.init(
        address=address or "local",  # a new Ray, not one a `ray start` left on this machine
        num_cpus=cpus if address is None else None,
        include_dashboard=False,
        runtime_env={"env_vars": worker_environment(spec, threads)},
        log_to_driver=verbose > 1,
        ignore_reinit_error=True,
    )
    try:
        trainable = tune.with_resources(
            tune.with_parameters(run_trial, spec=spec, folder=folder),
            {"cpu": cpus_per_trial, "gpu": gpus_per_trial},
        )
        experiment = os.path.join(folder, EXPERIMENT)
        if resume and tune.Tuner.can_restore(experiment):
            tuner = tune.Tuner.restore(experiment, trainable, resume_errored=True)
        else:
            tuner = tune.Tuner(
                trainable,
                param_space=param_space(spec),
                tune_config=tune_config(spec),
                run_config=tune.RunConfig(
                    name=EXPERIMENT,
                    storage_path=folder,
                    failure_config=tune.FailureConfig(max_failures=max_failures),
                    verbose=verbose,
                ),
            )
        results = tuner.fit()
    finally:
        ray.shutdown()
    rows = [result.metrics for result in results if result.metrics.get("trial")]
    errors = [result.error for result in results if result.error is not None]
    write_table(rows, folder, list(spec.grid))
    return rows, errors


def param_space(spec: SweepSpec) -> dict:
    """Each swept field's value labels: all of them (a grid), or Optuna's choice among them."""
    from ray import tune

    labels = {name: [value_label(value) for value in values] for name, values in spec.grid.items()}
    if spec.search is None:
        return {
            **{name: tune.grid_search(values) for name, values in labels.items()},
            "seed": tune.grid_search(list(spec.seeds)),
        }
    return {**{name: tune.choice(values) for name, values in labels.items()}, "seed": spec.seeds[0]}


def tune_config(spec: SweepSpec):
    """The searcher (Optuna, for a search) and the early stopping (ASHA or the median rule)."""
    from ray import tune

    metric, mode = spec.search or EARLY_STOP_MEASURE, spec.mode or EARLY_STOP_MODE
    scheduler = None
    if spec.early_stop is not None:
        from ray.tune.schedulers import ASHAScheduler, MedianStoppingRule

        epochs = spec.config(spec.points()[0], spec.seeds[0]).epochs
        if spec.early_stop == "asha":
            scheduler = ASHAScheduler(time_attr="epoch", max_t=max(epochs, 1), grace_period=1)
        else:
            scheduler = MedianStoppingRule(time_attr="epoch", grace_period=1)
    if spec.search is None:
        return tune.TuneConfig(metric=metric, mode=mode, scheduler=scheduler)
    from ray.tune.search.optuna import OptunaSearch

    return tune.TuneConfig(
        metric=metric,
        mode=mode,
        search_alg=OptunaSearch(seed=spec.seeds[0]),  # the same suggestions every time
        scheduler=scheduler,
        num_samples=spec.trials,
    )


def _write_text(path, text):
    with open(path, "w") as file:
        file.write(text)
