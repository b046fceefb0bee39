"""One browser session's training thread: a ``LabSession`` driven by commands, frames out.

The page never calls the networks itself. It sends commands ("D step", "play",
"set the learning rate"...) to this thread, which runs them in order between
training steps, and it reads the latest ``LabFrame`` whenever it redraws. So
training never waits for the page, and the page never sees half an update.

While playing, the thread runs ``speed`` rounds, then draws a frame (the page
shows each frame once); at full speed (``speed=0``) it runs rounds until
``FRAME_SECONDS`` have passed since the last frame began, then draws. It measures
G's quality at most every ``MEASURE_SECONDS``. A command that fails with
``ValueError`` leaves the game as it was and posts its one-line message; any other
error is posted too and stops play.
"""

from __future__ import annotations

import queue
import threading
import time
import traceback

from ..validation import require_int
from .session import LabSession

MEASURE_SECONDS = 1.6  # the quality measures, at most this often while playing
FULL_SPEED = 0  # speed 0: as many rounds as fit between two redraws, FRAME_SECONDS apart
FRAME_SECONDS = 0.2
FULL_SPEED_CHUNK = 32  # rounds per engine call at full speed
IDLE_SECONDS = 0.05  # how long a paused thread waits for a command before looking again


class LabWorker:
    """A ``LabSession`` on its own thread. ``stop()`` ends the thread (the tab was closed)."""

    def __init__(self, make_session, speed: int = 8):
        """``make_session()`` builds the ``LabSession``, on the thread (it takes seconds)."""
        require_int("speed", speed, minimum=FULL_SPEED)
        self.speed, self.playing = speed, False
        self.session: LabSession | None = None
        self.frame = None  # the latest LabFrame, read by the page
        self.version = 0  # counts frames: the page redraws when it changes
        self.message = "building the networks and pre-training D (step 3)..."
        self._commands = queue.Queue()
        self._stopped = threading.Event()
        self._last_measure = self._last_frame = 0.0
        self.thread = threading.Thread(
            target=self._run, args=(make_session,), name="sinegan-lab", daemon=True
        )
        self.thread.start()

    # --- Called by the page (any thread) ----------------------------------------------
    def submit(self, command, done_message=None):
        """Run ``command(session)`` on the training thread, then redraw; post its message:
        ``done_message``, a string formatted with ``{result}``, or ``f(session, result)``."""
        self._commands.put((command, done_message))

    def set_speed(self, speed: int):
        """Rounds per redraw; 0 (``FULL_SPEED``): a redraw every ``FRAME_SECONDS``."""
        require_int("speed", speed, minimum=FULL_SPEED)
        self.speed = int(speed)

    def play(self, playing: bool = True):
        self.playing = bool(playing)

    def stop(self):
        self.playing = False
        self._stopped.set()

    @property
    def alive(self) -> bool:
        return self.thread.is_alive()

    def wait_idle(self, timeout: float = 60.0) -> bool:
        """Wait until every command sent so far has run (a notebook, a test)."""
        done = threading.Event()
        self.submit(lambda session: done.set())
        return done.wait(timeout)

    # --- The thread ------------------------------------------------------------------
    def _run(self, make_session):
        try:
            self.session = make_session()
            self._publish(measure=True, message="ready: press Play, or step D and G one at a time")
        except Exception as error:  # shown on the page: the thread has nothing to run
            self.message = f"the lab could not start: {error}"
            traceback.print_exc()
            return
        while not self._stopped.is_set():
            try:
                command, done_message = self._commands.get(
                    timeout=0 if self.playing else IDLE_SECONDS
                )
            except queue.Empty:
                command = None
            if command is not None:
                self._execute(command, done_message)
            elif self.playing:
                self._execute(self._play, None, quiet=True)

    def _play(self, session):
        if self.speed != FULL_SPEED:
            return session.play_rounds(self.speed)
        chunk = 0.0  # how long the last chunk of rounds took: the next one must fit too
        while (
            time.perf_counter() - self._last_frame + chunk < FRAME_SECONDS
            and self._commands.empty()
        ):
            start = time.perf_counter()
            session.play_rounds(FULL_SPEED_CHUNK)
            chunk = time.perf_counter() - start
            if session.diverged_at is not None or not self.playing:
                return None

    def _execute(self, command, done_message, quiet=False):
        session, message = self.session, None
        try:
            result = command(session)
        except ValueError as error:
            self.playing = False
            self._publish(message=str(error))
            return
        except Exception as error:  # not the student's input: say so, and stop play
            self.playing = False
            traceback.print_exc()
            self._publish(message=f"{type(error).__name__}: {error}")
            return
        if session.diverged_at is not None:
            self.playing = False
            message = session.status
        elif callable(done_message):
            message = done_message(session, result)
        elif done_message is not None:
            message = done_message.format(result=result)
        elif not quiet and isinstance(result, str):
            message = result
        due = time.perf_counter() - self._last_measure >= MEASURE_SECONDS
        self._publish(measure=due or not self.playing, message=message)

    def _publish(self, measure=False, message=None):
        """A new frame (and the measures, if ``measure``), then ``message``, if any: the page
        never shows a step's message beside the frame before it."""
        session = self.session
        if measure and session.diverged_at is None:
            session.measure()
            self._last_measure = time.perf_counter()
        self._last_frame = time.perf_counter()  # a frame every FRAME_SECONDS, at full speed
        self.frame = session.frame()
        self.version += 1
        if message is not None:
            self.message = message
