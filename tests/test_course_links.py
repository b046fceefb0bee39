"""The lessons' links lead somewhere, in Jupyter and on the site.

A lesson refers to a docs page, another lesson or a solution file with a Markdown link
relative to the notebook, `[Freezing](../freezing.md)`: Jupyter opens the file, and the
site's hook (docs/hooks/lessons.py) turns it into the page's address. Every such link must
name a file that exists, and no page may be named in plain text ("see docs/plane.md"),
which neither Jupyter nor the site can open.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

COURSE = Path(__file__).resolve().parents[1] / "docs" / "course"
LESSONS = sorted(COURSE.glob("[0-9][0-9]-*.ipynb"))
# [text](target) or [text](target "title"); the text may hold `code`, not brackets.
LINK = re.compile(r"\[([^\[\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
LINKED_FILE = re.compile(r"^(?!\w+:)([^#?]+\.(?:md|ipynb|py))(?:#.*)?$")
PLAIN_REFERENCE = re.compile(r"docs/[\w/.-]+\.(?:md|ipynb)|\([\w-]+\.(?:md|ipynb)\)")


def _markdown_cells(lesson: Path) -> list[str]:
    cells = json.loads(lesson.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]


def test_there_are_lessons():
    assert len(LESSONS) >= 8


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.stem)
def test_every_link_to_a_page_a_lesson_or_a_solution_names_a_file_that_exists(lesson):
    broken = []
    for source in _markdown_cells(lesson):
        for _, target in LINK.findall(source):
            linked = LINKED_FILE.match(target)
            if linked is None:
                continue  # a web address, an anchor of the lesson itself, an image
            path = linked[1]
            if path.endswith(".py") and not path.startswith("solutions/"):
                broken.append(f"{target} (a Python file a lesson links is in solutions/)")
            elif not (COURSE / path).is_file():
                broken.append(f"{target} (no docs/course/{path})")
    assert not broken, f"{lesson.name} links to files that do not exist: {broken}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.stem)
def test_no_page_is_named_in_plain_text(lesson):
    plain = [
        reference
        for source in _markdown_cells(lesson)
        for reference in PLAIN_REFERENCE.findall(LINK.sub(" ", source))
    ]
    assert not plain, (
        f"{lesson.name} names pages in plain text: {plain}; write a link relative to the "
        "notebook instead, e.g. [Freezing the discriminator](../freezing.md)"
    )
