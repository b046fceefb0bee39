"""Every measured figure the README and docs/*.md quote says what its result file holds.

The result files, docs/results/*.json, are written by the benchmarks (``--write``; all of
them: ``python -m benchmarks.results``). This reads them and the pages only: no training.
"""

import pytest

from benchmarks.quotes import all_quotes, disagreements, flat, lookup, missing, page_text, quoted
from benchmarks.results import RESULTS, read_result

# What every result file names about its sample.
SAMPLE = ("backend", "machine", "date", "sinegan", "keras", "command")


def test_every_quote_reads_as_its_result_file_says():
    wrong = disagreements()
    assert wrong == [], "\n".join(f"{page}: expected to read {text!r}" for page, text in wrong)


def test_every_quoted_result_file_is_written():
    assert missing() == set()


@pytest.mark.parametrize("path", sorted(RESULTS.glob("*.json")), ids=lambda path: path.stem)
def test_every_result_file_names_its_sample(path):
    sample = read_result(path.stem)["sample"]
    assert set(SAMPLE) <= set(sample)
    assert sample["command"].startswith("python benchmarks/")  # the benchmark that wrote it
    if path.stem.startswith("course-"):  # whole lessons, each with its own seeds and epochs
        assert {"what", "size"} <= set(sample)
    else:
        assert "benchmark" in sample
        assert "seed" in sample or "seeds" in sample
        assert "epochs" in sample or "presets" in sample
    assert {"cpu cores", "cpu"} <= set(sample["machine"])


def test_every_result_file_is_quoted():
    quoted_files = {quote[2] for quote in all_quotes()}
    on_disk = {path.stem for path in RESULTS.glob("*.json")}
    assert on_disk - quoted_files == set()


def test_a_changed_figure_is_caught():
    page, template, result, keys = next(q for q in all_quotes() if q[0] == "README.md")
    values = [lookup(read_result(result), key) for key in keys]
    assert flat(template.format(*values)) in page_text(page)
    altered = [value + 0.1 if isinstance(value, float) else value for value in values]
    assert flat(template.format(*altered)) not in page_text(page)
    assert quoted((page, template, result, keys)) == flat(template.format(*values))
