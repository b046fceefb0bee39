"""A sweep's figures and its best configs, from its table (sinegan.sweep.table).

``report_sweep`` writes into the report folder:

- ``measures_<field>.png`` for each swept field: every measure against the
  field's values, one line per combination of the other fields' values, each
  point the mean over the seeds, its bar one standard deviation either side,
  and each seed's own value as a faint dot: how much the seed alone moves it;
- ``collapse.png``: the collapse rate of each config, the share of its seeds
  whose curves ended with the mode-collapse alarm on (``mode_collapse``: the
  generated curves less than half as diverse as the data, sinegan.measure);
- ``best.png``: the best configs by one measure, mean and spread over the seeds;

and prints the best configs as a short table. A trial stopped early counts
with the measures of its last monitored epoch.
"""

from __future__ import annotations

import os

import numpy as np
from matplotlib.figure import Figure

from ..tool.files import save_figure
from ..validation import fail
from .spec import MEASURES
from .table import read_table

HIGHER_IS_BETTER = {"sine_like": "max", "precision": "max", "recall": "max", "diversity": "max"}
HIGHER_IS_BETTER.update(frequency_w1="min")


def swept_fields(table) -> list[str]:
    """The columns between ``trial`` and ``seed``: the fields the sweep varied."""
    columns = list(table.columns)
    return columns[columns.index("trial") + 1 : columns.index("seed")]


def config_summary(table, by: str, mode: str):
    """One row per config: its seeds, the mean and spread of ``by``, the collapse rate and the
    mean training time, best first (``mode`` "max" or "min")."""
    if by not in MEASURES:
        fail("by", f"one of the measures {', '.join(MEASURES)}", by)
    if mode not in ("max", "min"):
        fail("mode", "max or min", mode)
    grouped = table.groupby(swept_fields(table), sort=False, dropna=False)
    summary = grouped.agg(
        seeds=("seed", "count"),
        mean=(by, "mean"),
        spread=(by, "std"),
        collapse_rate=("mode_collapse", "mean"),
        train_seconds=("train_seconds", "mean"),
    ).reset_index()
    return summary.sort_values("mean", ascending=mode == "min", ignore_index=True)


def config_label(row, fields) -> str:
    return " ".join(f"{field}={row[field]}" for field in fields)


def plot_measures_against(table, field: str) -> Figure:
    """Every measure against ``field``'s values, the spread over seeds as bars and dots."""
    others = [name for name in swept_fields(table) if name != field]
    values = list(dict.fromkeys(table[field]))  # in the table's order
    figure = Figure(figsize=(14, 6), layout="constrained")
    axes = figure.subplots(2, 4).ravel()
    series = table.groupby(others, sort=False) if others else [((), table)]
    for index, (key, rows) in enumerate(series):
        key = key if isinstance(key, tuple) else (key,)
        label = " ".join(f"{name}={value}" for name, value in zip(others, key, strict=True))
        shift = 0.08 * (index - 0.5 * (len(series) - 1))  # side by side, not on top
        for axis, measure in zip(axes, [*MEASURES, "mode_collapse"], strict=True):
            groups = [rows[rows[field] == value][measure].astype(float) for value in values]
            where = np.arange(len(values)) + shift
            means = [group.mean() if len(group) else np.nan for group in groups]
            spreads = [group.std() if len(group) > 1 else 0.0 for group in groups]
            line = axis.errorbar(where, means, yerr=spreads, marker="o", capsize=3, label=label)
            for position, group in zip(where, groups, strict=True):
                axis.plot([position] * len(group), group, ".", alpha=0.3, color=line[0].get_color())
            axis.set_xticks(range(len(values)), [str(value) for value in values])
            axis.set_title(measure if measure != "mode_collapse" else "collapse rate")
            if measure == "mode_collapse":
                axis.set_ylim(-0.05, 1.05)
            axis.set_xlabel(field)
    if others:
        axes[0].legend(fontsize="small")
    figure.suptitle(f"Every measure against {field}: mean over seeds, ± one standard deviation")
    return figure


def plot_collapse(table) -> Figure:
    """The collapse rate of every config, and how many seeds it rests on."""
    fields = swept_fields(table)
    summary = config_summary(table, "diversity", "max")
    figure = Figure(figsize=(8, 1.5 + 0.35 * len(summary)), layout="constrained")
    axis = figure.add_subplot()
    labels = [f"{config_label(row, fields)} ({row.seeds} seeds)" for _, row in summary.iterrows()]
    axis.barh(range(len(summary)), summary["collapse_rate"], color="tab:red")
    axis.set_yticks(range(len(summary)), labels)
    axis.set_xlim(0, 1)
    axis.invert_yaxis()
    axis.set_xlabel("collapse rate: share of seeds whose curves collapsed (diversity < 0.5)")
    return figure


def plot_best(summary, table, by: str) -> Figure:
    """The best configs by ``by``: mean over seeds, one standard deviation, each seed a dot."""
    fields = swept_fields(table)
    figure = Figure(figsize=(8, 1.5 + 0.45 * len(summary)), layout="constrained")
    axis = figure.add_subplot()
    for place, (_, row) in enumerate(summary.iterrows()):
        chosen = np.ones(len(table), dtype=bool)
        for field in fields:
            chosen &= (table[field] == row[field]).to_numpy()
        axis.plot(table[chosen][by], [place] * int(chosen.sum()), ".", color="0.5")
        spread = 0.0 if np.isnan(row.spread) else row.spread
        axis.errorbar(row["mean"], place, xerr=spread, fmt="o", color="tab:blue", capsize=3)
    axis.set_yticks(
        range(len(summary)), [config_label(row, fields) for _, row in summary.iterrows()]
    )
    axis.invert_yaxis()
    axis.set_xlabel(f"{by}: mean over seeds ± one standard deviation (dots: each seed)")
    return figure


def report_sweep(folder, to=None, by=None, mode=None, top: int = 5, out=print) -> dict:
    """Draw a sweep's figures into ``to`` (default ``<folder>/report``) and print its ``top``
    best configs by measure ``by`` (default: the search's measure, else sine_like); returns
    {file name: path}."""
    table = read_table(folder)
    if not len(table):
        fail("sweep", "a table with at least one trial", os.fspath(folder))
    spec_measure, spec_mode = _spec_search(folder)
    by = by or spec_measure or "sine_like"
    mode = mode or (spec_mode if by == spec_measure else None) or HIGHER_IS_BETTER.get(by, "max")
    to = to or os.path.join(os.fspath(folder), "report")
    os.makedirs(to, exist_ok=True)
    summary = config_summary(table, by, mode)
    figures = {f"measures_{f}.png": plot_measures_against(table, f) for f in swept_fields(table)}
    figures["collapse.png"] = plot_collapse(table)
    figures["best.png"] = plot_best(summary.head(top), table, by)
    paths = {}
    for name, figure in figures.items():
        paths[name] = os.path.join(to, name)
        save_figure(paths[name], figure)
    fields = swept_fields(table)
    out(f"The best {min(top, len(summary))} of {len(summary)} configs by {by} ({mode}):")
    out(f"{'rank':>4}  {by + ' (mean ± sd)':>22}  {'collapse':>8}  {'train s':>7}  seeds  config")
    for rank, (_, row) in enumerate(summary.head(top).iterrows(), start=1):
        spread = 0.0 if np.isnan(row.spread) else row.spread
        measured = f"{row['mean']:.3f} ± {spread:.3f}"
        line = f"{rank:>4}  {measured:>22}  {row.collapse_rate:>8.0%}  {row.train_seconds:>7.1f}"
        out(f"{line}  {int(row.seeds):>5}  {config_label(row, fields)}")
    out(f"Wrote {len(paths)} figures to {to}")
    return paths


def _spec_search(folder):
    """The search's measure and mode from the sweep's spec, if it has one."""
    from .tune import read_spec  # the spec's file: no Ray is imported

    try:
        spec = read_spec(folder)
    except (FileNotFoundError, ValueError):
        return None, None
    return spec.search, spec.mode
