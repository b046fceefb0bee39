"""The site's hook for the lessons (docs/hooks/lessons.py), on small pieces of lesson HTML.

The hook shows each linked solution file as code in its collapsed Solution block, turns a
lesson's relative links into the site's addresses and drops nbconvert's MathJax and Mermaid
loaders.
These tests need MkDocs (``pip install ".[docs]"``); tests/test_site.py checks the same in
a browser, on the built site.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("mkdocs")
pytest.importorskip("pygments")
from mkdocs.structure.files import File, Files  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOLUTION_CODE = '"""A sample solution."""\n\n\ndef double(x):\n    return 2 * x\n'
# A Solution cell as nbconvert renders the lessons' Markdown.
SOLUTION_CELL = (
    "<details><summary>Solution</summary>\n"
    '<p><a href="solutions/02_double.py">solutions/02_double.py</a></p>\n'
    "</details>"
)


def _hook():
    spec = importlib.util.spec_from_file_location("lessons_hook", ROOT / "docs/hooks/lessons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def site(tmp_path):
    """(hook, the lesson page, its files): a docs folder with two lessons, a page and a solution."""
    docs = tmp_path / "docs"
    for name, text in {
        "freezing.md": "# Freezing\n",
        "course/02-the-game.ipynb": "{}",
        "course/05-measuring.ipynb": "{}",
        "course/solutions/02_double.py": SOLUTION_CODE,
    }.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text)

    def file(path, dest_uri=None):
        return File(path, str(docs), str(tmp_path / "site"), True, dest_uri=dest_uri)

    files = Files(
        [
            file("freezing.md"),
            # mkdocs-jupyter makes each lesson a page, as MkDocs does a Markdown file
            file("course/02-the-game.ipynb", "course/02-the-game/index.html"),
            file("course/05-measuring.ipynb", "course/05-measuring/index.html"),
            file("course/solutions/02_double.py"),
        ]
    )
    lesson = files.get_file_from_path("course/02-the-game.ipynb")
    return _hook(), SimpleNamespace(file=lesson, url=lesson.url), files


def test_a_solution_block_shows_the_files_code_highlighted_and_still_collapsed(site):
    hook, page, files = site
    html = hook.on_page_content(SOLUTION_CELL, page=page, config={}, files=files)
    assert html.startswith("<details><summary>Solution</summary>")  # no "open": collapsed
    code_at, link_at = html.index('<div class="highlight"><pre>'), html.index("<p><a href=")
    assert code_at < link_at < html.index("</details>")
    assert '<span class="k">def</span>' in html and '<span class="nf">double</span>' in html
    assert 'href="../solutions/02_double.py"' in html  # the file stays a download


def test_a_solution_link_outside_a_solution_block_stays_a_link(site):
    hook, page, files = site
    html = '<p>See <a href="solutions/02_double.py">the file</a>.</p>'
    assert hook.on_page_content(html, page=page, config={}, files=files) == (
        '<p>See <a href="../solutions/02_double.py">the file</a>.</p>'
    )


def test_a_lessons_links_become_the_sites_addresses(site, caplog):
    hook, page, files = site
    html = (
        '<a href="../freezing.md#the-flag">freezing</a> <a href="05-measuring.ipynb">lesson 5</a> '
        '<a href="https://keras.io/x.md">Keras</a> <a href="#step-1">step 1</a>'
    )
    assert hook.link_files(html, page, files) == (
        '<a href="../../freezing/#the-flag">freezing</a> <a href="../05-measuring/">lesson 5</a> '
        '<a href="https://keras.io/x.md">Keras</a> <a href="#step-1">step 1</a>'
    )
    with caplog.at_level(logging.WARNING):
        missing = '<a href="../no-such-page.md">gone</a>'
        assert hook.link_files(missing, page, files) == missing
    assert "no-such-page.md" in caplog.text  # a warning: mkdocs build --strict fails on it


def test_nbconverts_mathjax_and_mermaid_loaders_are_dropped_other_pages_left_alone(site):
    hook, page, files = site
    mathjax = (
        '<!-- Load mathjax -->\n<script src="https://cdn.example/mathjax.js"> </script>\n'
        "<!-- End of mathjax configuration -->"
    )
    mermaid = (
        '<script type="module">\n  const diagrams = document.querySelectorAll(".jp-Mermaid");\n'
        '  await import("https://cdn.example/mermaid.mjs");\n</script>'
    )
    kept = '<script type="module">const x = 1;</script><p>$x$</p>'
    assert hook.on_page_content(mathjax + kept + mermaid, page=page, config={}, files=files) == kept
    markdown_page = files.get_file_from_path("freezing.md")
    other = SimpleNamespace(file=markdown_page, url=markdown_page.url)
    assert hook.on_page_content(mathjax, page=other, config={}, files=files) == mathjax
