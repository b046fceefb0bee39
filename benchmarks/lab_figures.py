"""The lab's pictures for docs/lab.md: the page, and a GIF of mode collapse on two-mode data.

Run it from the repository root (the lab extra, Playwright and Debian's chromium):

    PYTHONPATH=. python benchmarks/lab_figures.py      # about a minute on a 2-core CPU

It serves ``sinegan lab`` with the slides' recipe, seed 1, on two rectangles of (b, c):
slow waves with early phases and fast waves with late ones. It opens the page in
headless Chromium, presses Play at 64 rounds per redraw, and photographs the plane
every 0.4 s for ``--seconds``; the photographs become docs/figures/lab-two-modes.gif.
Then it plays on until 60 of G's 200 curves are sinusoids (within a minute), pauses, and
photographs the whole page: docs/figures/lab-page.png. Everything on them is
what the page showed.
"""

from __future__ import annotations

import argparse
import io
import re
import time
from pathlib import Path

from PIL import Image

from benchmarks.lab import _counters, lab_page, play

ROOT = Path(__file__).resolve().parents[1]
TWO_MODES = "0.5,0.8,1,2,1.6,1.9,4,5"  # (b_low, b_high, c_low, c_high) of each mode


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=16.0)
    parser.add_argument("--out", default=str(ROOT / "docs" / "figures"))
    arguments = parser.parse_args()
    out = Path(arguments.out)
    frames = []
    with lab_page("--seed", "1", "--set", f"data_regions={TWO_MODES}") as (page, _):
        play(page, "64")
        end = time.perf_counter() + arguments.seconds
        while time.perf_counter() < end:
            frames.append(page.locator(".lab-plane").screenshot())
            time.sleep(0.4)
        # The page's picture: the first moment after the GIF when 60 curves are sinusoids
        # (the share swings from epoch to epoch), within a minute.
        give_up = time.perf_counter() + 60
        while time.perf_counter() < give_up:
            shown = re.search(r"G: (\d+) of", _counters(page))
            if shown and int(shown.group(1)) >= 60:
                break
            time.sleep(0.05)
        page.get_by_role("button", name="Pause", exact=True).click()
        time.sleep(1.0)
        page.screenshot(path=str(out / "lab-page.png"))
        print("the page at the end:", _counters(page))
    images = [Image.open(io.BytesIO(frame)).convert("RGB") for frame in frames]
    small = [image.resize((image.width * 3 // 4, image.height * 3 // 4)) for image in images]
    paletted = [image.quantize(colors=64) for image in small]
    paletted[0].save(
        out / "lab-two-modes.gif", save_all=True, append_images=paletted[1:], duration=400, loop=0
    )
    print(f"wrote {out / 'lab-two-modes.gif'} ({len(frames)} frames) and {out / 'lab-page.png'}")


if __name__ == "__main__":
    main()
