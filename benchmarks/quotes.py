"""Every measured figure the README and docs/*.md quote, and the result file it comes from.

Each quote is (page, template, result, keys): the values at ``keys`` of
docs/results/<result>.json, formatted into ``template``, must appear in the page
(whitespace and line breaks aside). A key is a path into the file's figures,
"mean/train s" or "seeds/0/sine-like", or a function of the whole file.
``disagreements()`` lists the quotes a page no longer matches; tests/test_quoted_figures.py
and ``python -m benchmarks.results --check`` read it.
"""

from __future__ import annotations

import re
from functools import cache

from benchmarks.results import RESULTS, ROOT, read_result


def all_quotes() -> tuple:
    """Every quote of quotes_slides.py, quotes_recipes.py and quotes_course.py."""
    from benchmarks import quotes_course, quotes_recipes, quotes_slides

    return quotes_slides.QUOTES + quotes_recipes.QUOTES + quotes_course.QUOTES


def lookup(result: dict, key):
    """The value at ``key`` (a path into the figures, or "sample/...") or ``key(result)``."""
    if callable(key):
        return key(result)
    value, parts = result["figures"], key.split("/")
    if parts[0] == "sample":
        value, parts = result["sample"], parts[1:]
    for part in parts:
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def flat(text: str) -> str:
    """``text`` with every run of whitespace made one space."""
    return re.sub(r"\s+", " ", text).strip()


@cache
def page_text(page: str) -> str:
    path = ROOT / page if page == "README.md" else ROOT / "docs" / page
    return flat(path.read_text(encoding="utf-8"))


def quoted(quote) -> str:
    """The text a quote must read, from its result file."""
    _, template, result, keys = quote
    values = [lookup(read_result(result), key) for key in keys]
    return flat(template.format(*values))


def disagreements() -> list:
    """(page, expected text) for every quote, whose result file exists, that its page lacks."""
    page_text.cache_clear()
    wrong = []
    for quote in all_quotes():
        if quote[2] in missing():
            continue
        expected = quoted(quote)
        if expected not in page_text(quote[0]):
            wrong.append((quote[0], expected))
    return wrong


def missing() -> set:
    """The result files some quote reads that no benchmark has written yet."""
    return {quote[2] for quote in all_quotes() if not (RESULTS / f"{quote[2]}.json").exists()}
