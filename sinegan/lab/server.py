"""The lab as an object for a notebook (``Lab``), and as a local web app (``serve_lab``).

``sinegan lab`` calls ``serve_lab``: a Bokeh server, through Panel, on
127.0.0.1 unless ``host`` says otherwise, that accepts websocket connections
only from the address it serves. Every browser tab is a session with its own
``Lab``: its own networks, seed and training thread. Keras' random seed is global
to a process, so the networks are built one session at a time, under a lock
(sinegan.lab.randomness); after that, every random draw of a session
comes from its own generators, so each session stays reproducible from its own
seed. At most ``max_sessions`` run at once: the next tab is told so at once.
One session is always built ahead (networks, D's pre-training, the first frame),
so a new tab starts at once; the server prints its address when the first is ready.
Closing a tab stops its thread within about 6 s. Runs are saved under one
directory chosen at start; the page never asks for a path.

Panel and Bokeh serve their JavaScript from the server itself, so the page
needs nothing from the web.
"""

from __future__ import annotations

import threading

import panel as pn

from ..presets import SLIDES
from ..slides.config import require_config
from ..validation import fail, require_int
from .page import REDRAW_MILLISECONDS, LabPage
from .session import LabSession
from .worker import LabWorker

SPARE_DELAY_SECONDS = 5.0  # a new tab's page loads and paints before the next spare is built
pn.config.inline = True  # in a notebook and in a saved page too: no script from the web


class Lab:
    """The lab of one session. In a notebook, the last line ``lab`` shows the live page.

    >>> lab = Lab(GANConfig(seed=1))
    >>> lab.play_rounds(64)   # trains on the lab's thread, waits, redraws
    >>> lab                   # the page, live while the kernel runs
    """

    def __init__(self, config=SLIDES, *, runs_dir=None, curves=200, grid=32, speed=8):
        require_config(config)
        require_int("curves", curves, minimum=2)
        require_int("grid", grid, minimum=2)

        def make_session():
            return LabSession(config, curves=curves, grid=grid, runs_dir=runs_dir)

        self.worker = LabWorker(make_session, speed=speed)
        self.page = LabPage(self.worker, config)
        self._callback = None

    @property
    def session(self) -> LabSession:
        """The ``LabSession`` (after waiting for every command sent so far)."""
        self.wait()
        return self.worker.session

    @property
    def frame(self):
        """The latest ``LabFrame`` (after waiting for every command sent so far)."""
        self.wait()
        return self.worker.frame

    def play_rounds(self, steps: int):
        """Run ``steps`` rounds on the lab's thread, wait for them, and redraw."""
        require_int("steps", steps, minimum=1)
        self.worker.submit(lambda session: session.play_rounds(steps), f"{steps} rounds")
        self.wait()

    def wait(self, timeout: float = 600.0):
        """Wait for every command sent so far, then redraw the page."""
        if not self.worker.wait_idle(timeout):
            raise TimeoutError(f"the lab's thread did not finish within {timeout} s")
        self.page.redraw()

    def layout(self, live: bool = True):
        """The page; ``live`` redraws it every REDRAW_MILLISECONDS while it is shown."""
        if live and self._callback is None:
            self._callback = pn.state.add_periodic_callback(
                self.page.redraw, period=REDRAW_MILLISECONDS
            )
        return self.page.layout

    def stop(self):
        """End the lab's thread (closing the tab does it on a server)."""
        self.worker.stop()
        if self._callback is not None:
            self._callback.stop()

    def __panel__(self):
        self.wait()
        if not pn.extension._loaded:  # a notebook: Panel's scripts, inline (nothing from the web)
            pn.extension(inline=True)
        return self.layout()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.__panel__()._repr_mimebundle_(include, exclude)


def serve_lab(
    config=SLIDES,
    *,
    host="127.0.0.1",
    port=5006,
    open_browser=False,
    max_sessions=4,
    runs_dir="lab-runs",
    curves=200,
    grid=32,
    log=print,
):
    """Serve the lab until interrupted; ``log`` gets the address once the server is ready."""
    require_config(config)
    require_int("port", port, minimum=1, maximum=65535)
    require_int("max_sessions", max_sessions, minimum=1)
    if not (isinstance(host, str) and host):
        fail("host", "an address to listen on, such as 127.0.0.1", host)
    active, lock = set(), threading.Lock()

    def built_lab():  # a session takes seconds to build: one is always built ahead
        return Lab(config, runs_dir=runs_dir, curves=curves, grid=grid)

    spare = []  # built once the port is ours

    def new_session():
        with lock:
            if len(active) >= max_sessions:
                return pn.pane.Markdown(
                    f"**The lab is full**: {max_sessions} sessions are running "
                    f"(`--max-sessions {max_sessions}`). Close another lab tab, then reload.",
                    css_classes=["lab-full"],
                )
            lab = spare.pop() if spare else built_lab()
            active.add(lab)

        def closed(context):
            with lock:
                active.discard(lab)
            lab.worker.stop()  # the thread ends after its current command

        def build_spare():
            with lock:
                if not spare:
                    spare.append(built_lab())

        pn.state.on_session_destroyed(closed)
        # The next spare is built once this tab's page has had time to load and paint.
        timer = threading.Timer(SPARE_DELAY_SECONDS, build_spare)
        timer.daemon = True
        timer.start()
        return lab.layout()

    origins = [f"{host}:{port}"]
    if host in ("127.0.0.1", "localhost"):
        origins = [f"127.0.0.1:{port}", f"localhost:{port}"]
    server = pn.serve(
        {"/": new_session},
        port=port,
        address=host,
        websocket_origin=origins,
        show=open_browser,
        start=False,
        title="sinegan lab",
        verbose=False,
        # A session with no connection ends 5 s on: a closed tab frees its place within about
        # 6 s, while a page that is still loading its scripts (a few seconds) keeps its own.
        check_unused_sessions_milliseconds=1000,
        unused_session_lifetime_milliseconds=5000,
    )
    spare.append(built_lab())
    server.start()
    spare[0].worker.wait_idle(timeout=600)  # ready means: a tab opened now starts at once
    log(f"sinegan lab: http://{'127.0.0.1' if host == '127.0.0.1' else host}:{port}/ ")
    if open_browser:
        server.io_loop.add_callback(server.show, "/")
    server.io_loop.start()
