"""A one-line progress bar on stderr, for a long shell job (export, import),
and ``bulk``, how such a job runs.

Shown only when stderr is a terminal, and only once the job has taken about
a second: a quick job, a pipe or a log file never sees it. Drawn with ``\\r``
at most ten times a second, and wiped when the job ends, so what the job
itself prints on stdout or stderr stays as it was.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO, TypeVar

T = TypeVar("T")

DELAY = 1.0
"""Seconds a job runs before the bar appears."""
WIDTH = 30


class Progress:
    """``advance`` it as the job goes; ``done`` wipes the bar."""

    def __init__(
        self,
        label: str,
        total: int,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.total = max(total, 1)
        self.stream = sys.stderr if stream is None else stream
        self.clock = clock
        self.started = clock()
        self.count = 0
        self.drawn_at: float | None = None
        try:
            self.shown = self.stream.isatty()
        except (AttributeError, ValueError):  # closed, or no such method
            self.shown = False

    def to(self, count: int) -> None:
        """Say how far the job has come (out of ``total``)."""
        self.advance(count - self.count)

    def advance(self, by: int = 1) -> None:
        self.count += by
        if not self.shown:
            return
        now = self.clock()
        if now - self.started < DELAY:
            return
        if self.drawn_at is not None and now - self.drawn_at < 0.1 and self.count < self.total:
            return
        self.drawn_at = now
        share = min(self.count / self.total, 1.0)
        filled = round(share * WIDTH)
        bar = "#" * filled + "-" * (WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {share:4.0%}")
        self.stream.flush()

    def done(self) -> None:
        if self.drawn_at is not None:
            self.stream.write("\r" + " " * (len(self.label) + WIDTH + 8) + "\r")
            self.stream.flush()
            self.drawn_at = None

    def over(self, items: Iterable[T]) -> Iterator[T]:
        """``items``, advancing once for each; the bar is wiped at the end."""
        try:
            for item in items:
                yield item
                self.advance()
        finally:
            self.done()


@contextmanager
def bulk() -> Iterator[None]:
    """Around a job that builds hundreds of thousands of small objects and no
    cycles (an import): the cyclic garbage collector paused. Its
    passes over everything still alive grew with the history (a fifth of a
    100k import, more at 500k); the objects go away by reference counting,
    and the process ends soon after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
