"""Start the dashboard. Kept apart from ``cli`` so that only this path imports Textual.

This is the lazy edge of start-up: each import below sits inside a function
on purpose. The diary is opened and today read first, then Textual and the
app are imported, so the first frame can show the day at once.

The reading once ran in a thread beside Textual's import, to overlap the
two. It made start-up slower: both are Python work under one interpreter
lock, and the two threads handing it back and forth cost about 80 ms more
CPU before the complete first screen (470 against 550 ms at 100,000
twitches in tmux, the bare app 300; the page cache makes the reading's own
waits for the disk tiny).
"""

from __future__ import annotations

import gc
import os
import select
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store
    from .views import Today


def _preload(path: Path, now: Callable[[], datetime]) -> tuple[Store, Today]:
    """Open the diary and read today (before Textual is imported)."""
    from .store import Store
    from .views import load_today

    store = Store.open(path, now=now)
    return store, load_today(store)


def leave_on_hangup(leave: Callable[[], object]) -> None:
    """Call ``leave`` (from a thread of its own) once the terminal has gone,
    though no SIGHUP came (``nohup``, an SSH session that dropped): Textual's
    input thread would read its end of file in a loop, a core at 100% for as
    long as the process lived (Textualize/textual#6690). A thread that blocks in ``poll`` on the
    terminal for the hang-up alone, which it is told of whatever it asks
    for: no wake-ups until then."""
    try:
        fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
    except (ValueError, OSError):
        return
    if fd < 0 or not os.isatty(fd):
        return

    def wait() -> None:
        watch = select.poll()
        watch.register(fd, 0)
        gone = select.POLLHUP | select.POLLERR | select.POLLNVAL
        while not any(events & gone for _, events in watch.poll()):
            pass
        for _ in range(600):  # its loop may not run yet; once it has stopped, nothing to do
            try:
                leave()
                return
            except RuntimeError:
                time.sleep(0.1)

    threading.Thread(target=wait, name="hangup", daemon=True).start()


def _resume_gc() -> None:
    """After the first frame: what start-up built lives all day, so keep it out
    of every later collection (full collections then take about 40% less
    time), and turn the collector back on."""
    gc.freeze()
    gc.enable()


def run_tui(
    path: Path,
    demo: bool = False,
    welcome: bool = False,
    now: Callable[[], datetime] | None = None,
) -> int:
    """Run the dashboard on the diary at ``path``; ``now`` is its clock (the
    shell's ``$TWITCHTUI_NOW``, moving on from there), the real one if None."""
    # Start-up builds tens of thousands of objects that all survive; collecting over them
    # while they are built costs tens of ms (Textual pauses the collector during
    # smooth scrolling for the same reason). The app resumes it after its first frame.
    gc.disable()
    from .model import local_now

    clock = now or local_now
    if demo:
        from .store.demo_file import temporary_demo_diary

        path = temporary_demo_diary(clock())
    # Today is read before Textual is imported, so the first frame can show it
    # at once. Any problem is left to the app to report (it opens the diary again).
    ready: tuple[Store, Today] | None
    try:
        ready = _preload(path, clock)
    except Exception:
        ready = None
    from .app import TwitchApp

    app = TwitchApp(
        path,
        now=clock,
        first_run=not demo,
        welcome=welcome,
        preloaded=ready,
        on_ready=_resume_gc,
    )
    if demo:
        app.sub_title = "demo diary (thrown away on exit)"
    leave_on_hangup(lambda: app.call_from_thread(app.exit))
    try:
        app.run()
    finally:
        gc.enable()  # in case the app stopped before its first frame
    return app.return_code or 0
