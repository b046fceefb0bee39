"""A sweep's table and report, from rows made by hand: the columns, the collapse rate, the
best configs and the figures (no Ray, no training)."""

import pytest

pandas = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

from sinegan.sweep.report import config_summary, report_sweep  # noqa: E402
from sinegan.sweep.spec import MEASURES, SweepSpec, parse_grid  # noqa: E402
from sinegan.sweep.table import read_table, table_columns, write_table  # noqa: E402
from sinegan.sweep.tune import write_spec  # noqa: E402


def row(rate, units, seed, sine_like, collapsed):
    measures = dict.fromkeys(MEASURES, 0.5)
    return {
        "trial": f"r{rate}_u{units}_s{seed}",
        "learning_rate": rate,
        "generator_units": units,
        "seed": seed,
        "backend": "tensorflow",
        "node": "n1",
        **measures,
        "sine_like": sine_like,
        "mode_collapse": collapsed,
        "epoch": 3,
        "train_seconds": 1.5,
        "done": True,
        "time_this_iter_s": 9.0,  # one of Ray's own columns: not in the table
    }


@pytest.fixture
def sweep(tmp_path):
    rows = [
        row(0.001, "[8]", 0, 0.9, False),
        row(0.001, "[8]", 1, 0.7, False),
        row(0.002, "[8]", 0, 0.2, True),
        row(0.002, "[8]", 1, 0.4, False),
        row(0.001, "[8,8]", 0, 0.95, False),
        row(0.001, "[8,8]", 1, 0.99, False),
        row(0.002, "[8,8]", 0, 0.1, True),
        row(0.002, "[8,8]", 1, 0.0, True),
    ]
    fields = ["learning_rate", "generator_units"]
    write_table(rows, tmp_path, fields)
    grid = dict([parse_grid("learning_rate=0.001,0.002"), parse_grid("generator_units=[8],[8,8]")])
    write_spec(SweepSpec(grid=grid, seeds=(0, 1)), tmp_path)
    return tmp_path


def test_the_table_has_one_row_per_trial_in_both_formats(sweep):
    parquet = read_table(sweep)
    csv = pandas.read_csv(sweep / "results.csv")
    assert list(parquet.columns) == list(csv.columns)
    assert list(parquet.columns) == table_columns(["learning_rate", "generator_units"])
    assert len(parquet) == 8 and parquet["mode_collapse"].dtype == bool
    assert parquet["generator_units"].tolist()[:2] == ["[8,8]", "[8,8]"]  # sorted by trial


def test_the_summary_ranks_configs_and_counts_their_collapses(sweep):
    summary = config_summary(read_table(sweep), "sine_like", "max")
    best = summary.iloc[0]
    assert (best.learning_rate, best.generator_units, best.seeds) == (0.001, "[8,8]", 2)
    assert best["mean"] == pytest.approx(0.97)
    worst = summary.iloc[-1]
    assert (worst.learning_rate, worst.generator_units, worst.collapse_rate) == (0.002, "[8,8]", 1)
    assert summary.set_index(["learning_rate", "generator_units"]).loc[
        (0.002, "[8]"), "collapse_rate"
    ] == pytest.approx(0.5)
    lowest_first = config_summary(read_table(sweep), "sine_like", "min")
    assert lowest_first.iloc[0]["mean"] == pytest.approx(0.05)
    with pytest.raises(ValueError, match="by expected"):
        config_summary(read_table(sweep), "loss", "max")


def test_the_report_draws_every_figure_and_prints_the_best(sweep):
    lines = []
    paths = report_sweep(sweep, top=2, out=lines.append)
    assert sorted(paths) == [
        "best.png",
        "collapse.png",
        "measures_generator_units.png",
        "measures_learning_rate.png",
    ]
    for path in paths.values():
        with open(path, "rb") as file:
            assert file.read(8) == b"\x89PNG\r\n\x1a\n"
    assert lines[0] == "The best 2 of 4 configs by sine_like (max):"
    assert "learning_rate=0.001 generator_units=[8,8]" in lines[2]
    assert "0.970 ± 0.028" in lines[2]
    assert len(lines) == 5
