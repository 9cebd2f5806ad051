"""Taking turns at the diary: one store job at a time, and saves go first.

The dashboard reads and writes the diary from worker threads. Side by side, a
save shares the interpreter with a rebuild of the charts: each of its disk calls
lets go of the GIL and then waits up to a switch interval (5 ms) to get it
back, so a 5 ms save could take 40 ms. Taking turns, a save waits at most for
the one rebuild step already under way, and then runs at full speed.
No Textual import.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Turns:
    """One job at a time: ``write()`` for saves, ``read()`` for everything else.

    A waiting write goes ahead of every waiting read; reads may wait behind a
    steady run of writes, which is what a person pressing keys wants.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._busy = False
        self._writers_waiting = 0
        self._readers_waiting = 0

    @property
    def waiting(self) -> tuple[int, int]:
        """How many reads and writes are waiting for their turn (for tests)."""
        with self._cond:
            return self._readers_waiting, self._writers_waiting

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            try:
                self._cond.wait_for(lambda: not self._busy)
            finally:
                self._writers_waiting -= 1
            self._busy = True
        try:
            yield
        finally:
            self._done()

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            self._readers_waiting += 1
            try:
                self._cond.wait_for(lambda: not self._busy and not self._writers_waiting)
            finally:
                self._readers_waiting -= 1
            self._busy = True
        try:
            yield
        finally:
            self._done()

    def _done(self) -> None:
        with self._cond:
            self._busy = False
            self._cond.notify_all()
