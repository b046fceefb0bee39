"""A sweep's table: one row per trial, as CSV (for any reader) and Parquet (typed columns).

The columns, in order:

    trial                  the trial's folder name under trials/
    <each swept field>     its value in this trial (a tuple as its label, "[64,128]")
    seed, backend, node    the seed, the Keras backend, the Ray node id of the machine
    sine_like ... diversity   every quality measure at the trial's last epoch
                           (sinegan.measure.evaluate, QualityReport.summary)
    mode_collapse          the collapse alarm: the curves' diversity under half the data's
    epoch                  epochs trained (fewer than the config's if stopped early)
    train_seconds          seconds of the GAN's epochs, each counted once across resumes
    done                   whether the trial trained all its epochs
"""

from __future__ import annotations

import os

from ..tool.files import atomic_write
from .spec import MEASURES

TABLE = "results"  # results.csv and results.parquet in the sweep's folder
AFTER_FIELDS = ("seed", "backend", "node", *MEASURES, "mode_collapse", "epoch", "train_seconds")
AFTER_FIELDS += ("done",)


def table_columns(fields) -> list[str]:
    """The table's columns, for a sweep over ``fields``."""
    return ["trial", *fields, *AFTER_FIELDS]


def write_table(rows, folder, fields):
    """Write ``rows`` (dicts from the trials' reports) as results.csv and results.parquet,
    sorted by trial name, each file atomically; returns the pandas DataFrame."""
    import pandas

    columns = table_columns(fields)
    frame = pandas.DataFrame([{name: row.get(name) for name in columns} for row in rows])
    frame = frame.reindex(columns=columns)
    if len(frame):
        frame = frame.sort_values("trial", ignore_index=True)
    base = os.path.join(os.fspath(folder), TABLE)
    atomic_write(base + ".csv", lambda path: frame.to_csv(path, index=False))
    atomic_write(base + ".parquet", lambda path: frame.to_parquet(path, index=False))
    return frame


def read_table(folder):
    """A sweep's table as a pandas DataFrame: the Parquet file, or the CSV file without pyarrow."""
    import pandas

    base = os.path.join(os.fspath(folder), TABLE)
    if os.path.isfile(base + ".parquet"):
        try:
            return pandas.read_parquet(base + ".parquet")
        except ImportError:  # pandas reads Parquet through pyarrow
            pass
    if not os.path.isfile(base + ".csv"):
        raise FileNotFoundError(f"No {TABLE}.csv in the sweep folder. Received: sweep={folder!r}")
    return pandas.read_csv(base + ".csv")
