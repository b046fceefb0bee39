"""The documentation site renders in a real browser: the home page, a lesson and the API reference.

The test builds the site with MkDocs (``pip install ".[docs]"``), the lessons executed at
their test size, serves it from a local server and opens it in headless chromium, driven
by selenium: Debian's ``chromium`` and ``chromium-driver`` packages. Each page must show
its text, load every one of its figures and request nothing from the web; a screenshot of
each is saved. Equations must be rendered by KaTeX, in pages and in lessons; a lesson's
link to a docs page must open it; a lesson's Solution block must hold the solution's code.

- ``SINEGAN_SITE=DIR`` tests a site already built instead (CI builds it once, with the
  lessons at their class size, as the README says).
- ``SINEGAN_SCREENSHOTS=DIR`` keeps the screenshots there (default: a temporary folder).
- ``SINEGAN_REQUIRE_BROWSER=1`` turns a missing browser into a failure rather than a skip (CI).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def _lessons_whose_markdown_matches(pattern: str) -> list[str]:
    """The site paths of the lessons with a Markdown cell that matches ``pattern``."""
    found = []
    for lesson in sorted((ROOT / "docs" / "course").glob("[0-9][0-9]-*.ipynb")):
        cells = json.loads(lesson.read_text(encoding="utf-8"))["cells"]
        markdown = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]
        if any(re.search(pattern, source) for source in markdown):
            found.append(f"course/{lesson.stem}/")
    return found


def _browser_or_skip():
    browser = next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        message = (
            "no headless browser: "
            "install Debian's chromium and chromium-driver packages to test the site"
        )
        if os.environ.get("SINEGAN_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return browser, driver


def _build_site(folder: Path) -> Path:
    """The site, built by MkDocs into ``folder``, with every lesson at its test size."""
    yaml = pytest.importorskip("yaml")
    if (
        shutil.which("mkdocs") is None
        and subprocess.run(
            [sys.executable, "-m", "mkdocs", "--version"], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip('MkDocs is not installed: pip install ".[docs]" to build and test the site')
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs", docs)
    for notebook in (docs / "course").glob("*.ipynb"):
        notebook.write_text(notebook.read_text().replace('SIZE = \\"class\\"', 'SIZE = \\"test\\"'))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    config.update(docs_dir=str(docs), site_dir=str(folder / "site"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "mkdocstrings" in plugin:
            plugin["mkdocstrings"]["handlers"]["python"]["paths"] = [str(ROOT)]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    environment = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(folder / "mkdocs.yml")],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    return folder / "site"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """(driver, base URL, screenshot folder): chromium over the site, served from a local server."""
    browser_path, driver_path = _browser_or_skip()
    webdriver = pytest.importorskip("selenium.webdriver")
    folder = tmp_path_factory.mktemp("site")
    site = (
        Path(os.environ["SINEGAN_SITE"]) if os.environ.get("SINEGAN_SITE") else _build_site(folder)
    )
    assert (site / "index.html").is_file(), f"no built site in {site}"
    screenshots = Path(os.environ.get("SINEGAN_SCREENSHOTS") or folder / "screenshots")
    screenshots.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = browser_path
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
        f"--user-data-dir={folder / 'profile'}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(
        options=options, service=webdriver.ChromeService(executable_path=driver_path)
    )
    driver.set_page_load_timeout(60)
    try:
        yield driver, f"http://127.0.0.1:{server.server_address[1]}", screenshots
    finally:
        driver.quit()
        server.shutdown()


def _open(browser, path: str, screenshot: str) -> dict:
    """Open a page, wait until every image has loaded or failed, save a screenshot; what it
    shows."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver, base, screenshots = browser
    driver.get(f"{base}/{path}")
    WebDriverWait(driver, 30).until(
        lambda page: page.execute_script(
            "return document.readyState === 'complete' && "
            "Array.from(document.images).every(image => image.complete)"
        )
    )
    page = driver.execute_script("""
        return {title: document.title,
                requests: performance.getEntriesByType('resource').map(entry => entry.name),
                heading: (document.querySelector('article h1') || {}).textContent || '',
                text: document.querySelector('article').innerText,
                images: Array.from(document.querySelectorAll('article img')).map(
                    image => ({source: image.getAttribute('src').slice(0, 80),
                               width: image.naturalWidth}))};""")
    assert driver.save_screenshot(str(screenshots / screenshot))
    assert (screenshots / screenshot).stat().st_size > 10_000  # a rendered page, not a blank one
    broken = [image["source"] for image in page["images"] if image["width"] == 0]
    assert not broken, f"{path}: figures that did not load: {broken}"
    from_the_web = [url for url in page["requests"] if not url.startswith((base, "data:", "blob:"))]
    assert not from_the_web, f"{path}: requests beyond the site: {from_the_web}"
    return page


def _equations(driver) -> dict:
    """How many equations KaTeX rendered on the open page, how many it could not, and whether
    its font loaded (from the site's own copy)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(
        lambda page: page.execute_script(
            "return Array.from(document.fonts).some("
            "font => font.family.includes('KaTeX_Main') && font.status === 'loaded')"
            " || !document.querySelector('article .katex')"
        )
    )
    return driver.execute_script("""
        const count = selector => document.querySelectorAll(selector).length;
        return {rendered: count('article .katex'),
                errors: count('article .katex-error'),
                unrendered: count('article .arithmatex:not(:has(.katex))'),
                font: Array.from(document.fonts).some(
                    font => font.family.includes('KaTeX_Main') && font.status === 'loaded')};""")


def test_home_page_renders_with_its_figure(browser):
    page = _open(browser, "", "home.png")
    assert page["heading"].startswith("sinegan documentation")
    assert len(page["images"]) >= 1
    assert "The course" in page["text"] and "The API" in page["text"]


def test_a_lesson_renders_executed_with_its_figures(browser):
    page = _open(browser, "course/01-the-slides/", "lesson-1.png")
    assert page["heading"].startswith("Lesson 1 · ")
    # the cells' outputs are on the page
    assert re.search(r"Keras backend: (tensorflow|jax|torch)", page["text"])
    assert (
        len([image for image in page["images"] if image["source"].startswith("data:image/png")])
        >= 4
    )


def test_the_api_reference_renders_from_the_docstrings(browser):
    page = _open(browser, "api/slides/", "api-slides.png")
    assert "sinegan.slides" in page["heading"]
    for name in (
        "GANConfig",
        "make_dataset",
        "build_discriminator",
        "pretrain_discriminator",
        "train_gan_epoch",
    ):
        assert name in page["text"]
    assert "TRAIN_SIZE" in page["text"]  # the config's comments, read from the source


def test_equations_render_on_a_page(browser):
    _open(browser, "generator-losses/", "equations-page.png")
    equations = _equations(browser[0])
    assert equations["rendered"] >= 4, equations
    assert equations["errors"] == 0 and equations["unrendered"] == 0, equations
    assert equations["font"], "KaTeX's font did not load from assets/katex/fonts/"


def test_equations_render_in_a_lesson(browser):
    lessons = _lessons_whose_markdown_matches(r"\$[^$\n]+\$")
    if not lessons:
        pytest.skip("no lesson writes an equation in LaTeX yet")
    _open(browser, lessons[0], "equations-lesson.png")
    equations = _equations(browser[0])
    assert equations["rendered"] >= 1 and equations["errors"] == 0, (lessons[0], equations)


def test_a_lessons_link_to_a_docs_page_opens_it(browser):
    lessons = _lessons_whose_markdown_matches(r"\]\(\.\./[\w-]+\.md(#[\w-]*)?\)")
    if not lessons:
        pytest.skip("no lesson links to a docs page yet")
    driver, base, _ = browser
    _open(browser, lessons[0], "lesson-links.png")
    links = driver.execute_script("""
        return Array.from(document.querySelectorAll('.jupyter-wrapper a[href]'))
            .map(link => link.href)
            .filter(href => href.startsWith(location.origin) && !href.includes('/course/')
                    && !href.startsWith(location.href.split('#')[0] + '#'));""")
    assert links, f"{lessons[0]}: no link to a docs page in the lesson's HTML"
    assert not [link for link in links if ".md" in link], f"links left as .md files: {links}"
    page = _open(browser, links[0][len(base) + 1 :], "lesson-link-target.png")
    assert page["heading"], f"{links[0]}: the linked page has no heading"


def test_a_solution_block_holds_the_solutions_code_collapsed(browser):
    lessons = _lessons_whose_markdown_matches(r"<summary>\s*Solution\s*</summary>")
    if not lessons:
        pytest.skip("no lesson has a Solution block yet")
    _open(browser, lessons[0], "lesson-solution.png")
    blocks = browser[0].execute_script("""
        return Array.from(document.querySelectorAll('article details'))
            .filter(block => block.querySelector('summary').textContent.trim() === 'Solution')
            .map(block => ({
                open: block.open,
                code: (block.querySelector('.highlight pre code') || {}).textContent || '',
                download: (block.querySelector('a[href$=".py"]') || {}).href || ''}));""")
    assert blocks, f"{lessons[0]}: no Solution block on the page"
    for block in blocks:
        assert not block["open"], "a Solution block is open: it must start collapsed"
        assert "def " in block["code"], f"a Solution block without the solution's code: {block}"
        assert block["download"].endswith(".py"), block
