"""The lessons on the site: their links, their solutions and their equations.

mkdocs-jupyter turns each lesson notebook into HTML with nbconvert, so MkDocs's Markdown
never reads a lesson's links. This hook (mkdocs.yml, ``hooks:``) reads each lesson's HTML
and does three things:

- a link to a solution file inside a ``<details><summary>Solution</summary>`` block gets
  the file's code above it, highlighted as the site's code blocks are, still collapsed;
  the link stays below the code, so the file can be downloaded;
- a relative link to a file of the docs (``../freezing.md``, ``05-measuring.ipynb``,
  ``solutions/02_discriminator_step.py``) becomes that file's address on the site, as
  MkDocs does in its own pages; a link to a missing file is a warning, so
  ``mkdocs build --strict`` fails on it;
- nbconvert's MathJax loader, which would fetch MathJax from the web, is dropped: the site
  renders equations with its own copy of KaTeX (``docs/assets/katex-render.js``); so is its
  Mermaid loader, which would fetch Mermaid for a diagram cell (the lessons have none).

In Jupyter the same links open the page's Markdown source, the other lesson or the file.
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

from mkdocs.utils import get_relative_url
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

log = logging.getLogger("mkdocs.hooks.lessons")

# The summary, then the paragraph that holds the link: the code goes between them.
SOLUTION = re.compile(r'(<summary>\s*Solution\s*</summary>\s*)(<p>\s*<a href="([^"]+\.py)")')
# A relative link to a page, a lesson or a Python file: no scheme, no leading slash.
FILE_LINK = re.compile(r'(<a\s[^>]*?href=")((?![\w+.-]+:|/)[^"#]+\.(?:md|ipynb|py))((?:#[^"]*)?")')
MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
MERMAID = re.compile(r'<script type="module">(?:(?!</script>).)*?jp-Mermaid.*?</script>', re.S)
# Material's code blocks: pygments' spans in <div class="highlight"><pre><code>.
CODE_FORMAT = HtmlFormatter(cssclass="highlight", wrapcode=True)


def on_page_content(html, page, config, files):
    """A lesson's HTML with its solutions shown, its links made the site's, and no loader
    that would fetch a script from the web."""
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    folder = posixpath.dirname(page.file.src_uri)

    def source_of(href):
        target = files.get_file_from_path(posixpath.normpath(posixpath.join(folder, href)))
        return None if target is None else Path(target.abs_src_path).read_text(encoding="utf-8")

    html = show_solutions(html, source_of)
    html = link_files(html, page, files)
    return MERMAID.sub("", MATHJAX.sub("", html))


def show_solutions(html: str, source_of) -> str:
    """Put the highlighted code of each solution file, read by ``source_of(href)``, above its
    link in its Solution block; a file ``source_of`` cannot find keeps its bare link."""

    def with_code(match):
        source = source_of(match[3])
        if source is None:
            return match[0]
        return match[1] + highlight(source, PythonLexer(), CODE_FORMAT) + match[2]

    return SOLUTION.sub(with_code, html)


def link_files(html: str, page, files) -> str:
    """Turn each relative link of the lesson ``page`` to a file of ``files`` into its URL."""
    folder = posixpath.dirname(page.file.src_uri)

    def site_link(match):
        path = posixpath.normpath(posixpath.join(folder, match[2]))
        target = files.get_file_from_path(path)
        if target is None:
            log.warning("%s links to '%s', which is not in the docs", page.file.src_uri, match[2])
            return match[0]
        return match[1] + get_relative_url(target.url, page.url) + match[3]

    return FILE_LINK.sub(site_link, html)
