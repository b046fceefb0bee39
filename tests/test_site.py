"""The documentation site renders in a real browser: the home page, a lesson and the API reference.

The test builds the site with MkDocs (``pip install ".[docs]"``), the lessons executed at
their test size, serves it from a local server and opens it in headless chromium, driven
by selenium: Debian's ``chromium`` and ``chromium-driver`` packages. Each page must show
its text and load every one of its figures; a screenshot of each is saved.

- ``SINEGAN_SITE=DIR`` tests a site already built instead (CI builds it once, with the
  lessons at their class size, as the README says).
- ``SINEGAN_SCREENSHOTS=DIR`` keeps the screenshots there (default: a temporary folder).
- ``SINEGAN_REQUIRE_BROWSER=1`` turns a missing browser into a failure rather than a skip (CI).
"""

from __future__ import annotations

import functools
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
                heading: (document.querySelector('article h1') || {}).textContent || '',
                text: document.querySelector('article').innerText,
                images: Array.from(document.querySelectorAll('article img')).map(
                    image => ({source: image.getAttribute('src').slice(0, 80),
                               width: image.naturalWidth}))};""")
    assert driver.save_screenshot(str(screenshots / screenshot))
    assert (screenshots / screenshot).stat().st_size > 10_000  # a rendered page, not a blank one
    broken = [image["source"] for image in page["images"] if image["width"] == 0]
    assert not broken, f"{path}: figures that did not load: {broken}"
    return page


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
