"""The lab's page in a real browser: ``sinegan lab`` served, and driven as a student drives it.

The test starts ``python -m sinegan lab`` on a free port (one session at most,
``--max-sessions 1``) and opens it in headless chromium, driven by Playwright (the way
Panel documents testing its apps): Debian's ``chromium`` package, no browser download.
It plays and pauses, steps G then D and reads which weights moved, changes the learning
rate, sends a bad value, resets, and draws a second data region. A second tab is told
the lab is full, until the first is closed. Every request must stay on the server.

- ``SINEGAN_SCREENSHOTS=DIR`` keeps the screenshots there (default: a temporary folder).
- ``SINEGAN_REQUIRE_BROWSER=1`` turns a missing browser into a failure rather than a skip (CI).
- It runs once, on TensorFlow: on the other backends it skips, and tests/test_lab_session.py
  drives the same session API there.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = [
    *("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"),
    *("--disable-background-networking", "--disable-component-update", "--disable-sync"),
]


def _browser_or_skip() -> str:
    if os.environ.get("KERAS_BACKEND", "tensorflow") != "tensorflow":
        pytest.skip(
            "the browser test runs once, on TensorFlow; every backend's suite drives the lab "
            "through its API (tests/test_lab_session.py)"
        )
    browser = next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)
    playwright = shutil.which("playwright") or _module_exists("playwright")
    if browser is None or not playwright:
        message = (
            "no headless browser: install Debian's chromium package and Playwright "
            '(pip install ".[dev]") to test the lab'
        )
        if os.environ.get("SINEGAN_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    if not _module_exists("panel"):
        pytest.skip('Panel is not installed: pip install ".[lab]" to test the lab')
    return browser


def _module_exists(name) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """(browser, base URL, screenshot folder, runs folder) with ``sinegan lab`` running."""
    browser_path = _browser_or_skip()
    from playwright.sync_api import sync_playwright

    folder = tmp_path_factory.mktemp("lab")
    screenshots = Path(os.environ.get("SINEGAN_SCREENSHOTS") or folder / "screenshots")
    screenshots.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    command = [sys.executable, "-m", "sinegan", "lab", "--port", str(port), "--max-sessions", "1"]
    command += ["--runs-dir", str(folder / "runs")]
    environment = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        command, cwd=folder, env=environment, stdout=subprocess.PIPE, stderr=log
    )
    address = server.stdout.readline().decode()  # "sinegan lab: http://127.0.0.1:PORT/"
    assert f"http://127.0.0.1:{port}/" in address, (folder / "server.log").read_text()[-2000:]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=browser_path, args=CHROMIUM_FLAGS)
            try:
                yield browser, f"http://127.0.0.1:{port}", screenshots, folder / "runs"
            finally:
                browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _text(page, css: str) -> str:
    """The text of a Panel pane, which Bokeh renders inside a shadow root."""
    return page.locator(css).evaluate(
        "e => Array.from((e.shadowRoot || e).children)"
        ".filter(c => !['STYLE', 'LINK'].includes(c.tagName)).map(c => c.innerText).join(' ')"
    )


def _wait_for(page, css: str, pattern: str, timeout: float = 90.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        text = _text(page, css)
        if re.search(pattern, text):
            return text
        assert time.monotonic() < deadline, f"{css} never showed {pattern!r}; it shows {text!r}"
        time.sleep(0.1)


def _step(page) -> int:
    return int(re.search(r"step (\d+)", _text(page, ".lab-counters")).group(1))


def _press(page, name: str):
    page.get_by_role("button", name=name, exact=True).click()


def _set_number(page, label: str, value: str):
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Enter")


def test_a_student_plays_the_lab_in_a_browser(lab):
    browser, base, screenshots, runs = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1150})
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base + "/")
    _wait_for(page, ".lab-counters", r"step 0 ")
    _wait_for(page, ".lab-message", "ready")
    assert "backend" in _text(page, ".lab-labels") and "engine fast" in _text(page, ".lab-labels")
    plane_before = page.locator(".lab-plane").screenshot()

    # 2-3. Play: the step counter advances and the plane changes; Pause: the counter stops.
    _press(page, "Play")
    _wait_for(page, ".lab-counters", r"step [1-9]\d* .*playing")
    time.sleep(1.5)
    _press(page, "Pause")
    _wait_for(page, ".lab-counters", "paused")
    time.sleep(0.5)
    paused_at = _step(page)
    assert paused_at > 0
    time.sleep(1.0)
    assert _step(page) == paused_at
    assert page.locator(".lab-plane").screenshot() != plane_before
    page.screenshot(path=str(screenshots / "lab-played.png"))

    # 4. One G step moves G's weights only; one D step moves D's only.
    _press(page, "G step")
    _wait_for(page, ".lab-message", "one G step: D's weights did not move; G's weights moved")
    _wait_for(page, ".lab-counters", rf"step {paused_at + 1} ")
    _press(page, "D step")
    _wait_for(page, ".lab-message", "one D step: D's weights moved .*; G's weights did not move")

    # 5. A new learning rate applies at the next step.
    _set_number(page, "learning rate", "0.002")
    _press(page, "Apply")
    _wait_for(page, ".lab-message", "applied learning_rate")
    _wait_for(page, ".lab-counters", "learning rate 0.002")

    # 6. A bad value is refused in one line naming it, and changes nothing.
    _set_number(page, "learning rate", "-1")
    _press(page, "Apply")
    _wait_for(page, ".lab-message", r"refused: learning_rate expected .*Received: learning_rate=-1")
    assert "learning rate 0.002" in _text(page, ".lab-counters")

    # 7. Reset, then draw a second region of data and train on both.
    _press(page, "Reset")
    _wait_for(page, ".lab-counters", r"step 0 ")
    box = page.locator(".lab-plane canvas").first.bounding_box()
    left, top = box["x"] + box["width"] * 0.78, box["y"] + box["height"] * 0.12
    page.keyboard.down("Shift")
    page.mouse.move(left, top)
    page.mouse.down()
    page.mouse.move(left + 40, top + 50, steps=8)
    page.mouse.up()
    page.keyboard.up("Shift")
    _press(page, "Use drawn regions")
    _wait_for(page, ".lab-message", "data_regions needs new networks")
    _press(page, "Confirm")
    _wait_for(page, ".lab-counters", "data: 2 regions")
    _press(page, "One round")
    _wait_for(page, ".lab-counters", r"step 1 ")
    page.screenshot(path=str(screenshots / "lab-two-regions.png"))

    # Save run: a run directory under --runs-dir, with both regions in its config.
    _press(page, "Save run")
    _wait_for(page, ".lab-message", "saved the run")
    (run,) = runs.iterdir()
    assert (run / "checkpoint.npz").is_file()
    assert len(json.loads((run / "config.json").read_text())["data_regions"]) == 8

    # Nothing came from the web: every request went to the lab's own server (or stayed in
    # the page: the blob: and data: URLs its scripts make).
    local = (base, f"blob:{base}", "data:")
    assert requests and all(url.startswith(local) for url in requests), [
        url for url in requests if not url.startswith(local)
    ][:5]

    # One session at most: a second tab is told the lab is full, until the first is closed.
    second = browser.new_page()
    second.goto(base + "/")
    second.get_by_text("The lab is full").wait_for(timeout=30000)
    page.close()
    deadline = time.monotonic() + 30
    while True:
        second.reload()
        time.sleep(1.0)
        if second.get_by_text("The lab is full").count() == 0:
            break
        assert time.monotonic() < deadline, "closing the first tab never freed its session"
    _wait_for(second, ".lab-counters", r"step 0 ")
    second.close()


def test_the_lab_refuses_websockets_from_other_origins(lab):
    """A page served elsewhere cannot drive the lab: the server checks the Origin header."""
    port = int(lab[1].rsplit(":", 1)[1])

    def upgrade(origin) -> str:  # the status line of a websocket handshake from ``origin``
        request = (
            f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            f"Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n"
        )
        with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
            connection.sendall(request.encode())
            return connection.recv(200).decode().splitlines()[0]

    assert " 403 " in upgrade("http://attacker.example")
