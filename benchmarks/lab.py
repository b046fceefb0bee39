"""How fast is the lab? Redraws, training steps and measures, with the page open in Chromium.

Run it from the repository root (it needs the lab extra, Playwright and Debian's chromium):

    PYTHONPATH=. python benchmarks/lab.py                      # TensorFlow, full speed, 10 s
    PYTHONPATH=. python benchmarks/lab.py --backend jax --seconds 20 --speed 32

In one run, on the slides' preset, with the page's 200 curves of G and its 32 × 32 map of D:

1. ``sinegan lab`` starts in a child process; the first paint is the time from the
   server printing its address to the page showing its counters (step 0) in headless
   Chromium: start-up of the session, networks, D's pre-training and the first frame.
2. The benchmark sets the speed (rounds per redraw), presses Play, waits 8 s (the
   first trace, and the spare session the server builds for the next tab), and reads
   the page's counters every 20 ms for ``--seconds``: redraws per second are the new
   frames the page showed, training steps per second the step counter's rise, and the
   longest wait between two quality measurements is read from "quality measured at step".
3. ``Trainer.train`` alone, in another child process of the same backend: the engine's
   own steps per second, after a warm-up epoch, with the quality monitor off.

Goals on a 2-core CPU: at least 5 redraws per second, the measures at least every 2 s,
at full speed at least half the engine's own steps per second, and on TensorFlow a first
paint within 3 s of the server being ready.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

import numpy as np

BROWSER_FLAGS = [
    *("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"),
    *("--disable-background-networking", "--disable-component-update", "--disable-sync"),
]


def trainer_alone(epochs: int = 5) -> dict:
    """The engine's own speed: ``Trainer.train`` on the slides' preset, monitor off."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from sinegan import SLIDES, Trainer

    trainer = Trainer(SLIDES)
    trainer.pretrain_discriminator(log=None)
    trainer.train(epochs=1, log=None, monitor=False)  # traces the epoch
    start = time.perf_counter()
    trainer.train(epochs=epochs, log=None, monitor=False)
    seconds = time.perf_counter() - start
    return {"steps_per_second": epochs * SLIDES.steps_per_epoch / seconds}


def _counters(page) -> str:
    return page.locator(".lab-counters").evaluate(
        "e => Array.from((e.shadowRoot || e).children)"
        ".filter(c => !['STYLE', 'LINK'].includes(c.tagName)).map(c => c.innerText).join(' ')"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def lab_page(*options, backend="tensorflow"):
    """``sinegan lab *options`` served in a child process and opened in headless Chromium:
    yields (page, seconds from the server being ready to the page's first counters)."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    environment = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "KERAS_BACKEND": backend}
    with tempfile.TemporaryDirectory() as runs:
        command = [sys.executable, "-m", "sinegan", "lab", "--port", str(port), "--runs-dir", runs]
        server = subprocess.Popen(
            [*command, *options], env=environment, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        try:
            server.stdout.readline()  # the address: the server is ready
            ready = time.perf_counter()
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=BROWSER_FLAGS
                )
                page = browser.new_page(viewport={"width": 1400, "height": 1150})
                page.goto(f"http://127.0.0.1:{port}/")
                while not re.search(r"step 0 ", _counters(page)):
                    time.sleep(0.02)
                yield page, time.perf_counter() - ready
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)


def play(page, speed: str):
    """Choose the speed (rounds per redraw, or "full") and press Play."""
    page.get_by_label("speed: steps per redraw").select_option(str(speed))
    page.get_by_role("button", name="Play", exact=True).click()


def measure_page(backend: str, seconds: float, speed: str) -> dict:
    with lab_page(backend=backend) as (page, first_paint):
        play(page, speed)
        while "playing" not in _counters(page) or re.search(r"step 0 ", _counters(page)):
            time.sleep(0.02)
        # Past the first trace of the loop at this speed, and the spare session that the
        # server builds for the next tab, 5 s after this one opened: the steady state.
        time.sleep(8.0)
        samples, end = [], time.perf_counter() + seconds
        while time.perf_counter() < end:
            text = _counters(page)
            step = int(re.search(r"step (\d+)", text).group(1))
            measured = re.search(r"measured at step (\d+)", text)
            samples.append((time.perf_counter(), step, measured and measured.group(1)))
            time.sleep(0.02)
    duration = samples[-1][0] - samples[0][0]
    pairs = list(zip(samples, samples[1:], strict=False))  # (earlier, later) readings
    frames = sum(1 for before, after in pairs if after[1] != before[1])
    changes = [after[0] for before, after in pairs if after[2] != before[2]]
    times = [samples[0][0], *changes, samples[-1][0]]
    return {
        "first_paint_seconds": first_paint,
        "redraws_per_second": frames / duration,
        "steps_per_second": (samples[-1][1] - samples[0][1]) / duration,
        "longest_gap_between_measures_seconds": max(np.diff(times)),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="tensorflow", choices=("tensorflow", "jax", "torch"))
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--speed", default="full", help="rounds per redraw, or full (default)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        print(json.dumps(trainer_alone()))
        return
    speed = arguments.speed
    page = measure_page(arguments.backend, arguments.seconds, speed)
    environment = {**os.environ, "KERAS_BACKEND": arguments.backend, "TF_CPP_MIN_LOG_LEVEL": "3"}
    child = subprocess.run(
        [sys.executable, __file__, "--child"], env=environment, capture_output=True, text=True
    )
    alone = json.loads(child.stdout.splitlines()[-1])
    share = page["steps_per_second"] / alone["steps_per_second"]
    lines = [
        ("first paint after the server is ready", page["first_paint_seconds"], "s", "< 3 s (TF)"),
        ("redraws per second", page["redraws_per_second"], "", ">= 5"),
        ("longest wait between quality measures", page["longest_gap_between_measures_seconds"],
         "s", "<= 2 s"),
        ("training steps per second, lab playing", page["steps_per_second"], "", ""),
        ("training steps per second, Trainer.train", alone["steps_per_second"], "", ""),
        ("lab / Trainer.train", share, "", ">= 0.5"),
    ]  # fmt: skip
    print(f"lab on {arguments.backend}: slides' preset, 200 curves, 32 x 32 map, speed {speed}")
    for name, value, unit, goal in lines:
        print(f"  {name:42s} {value:8.2f} {unit:2s} {'goal ' + goal if goal else ''}")


if __name__ == "__main__":
    main()
