"""A cross-process lock file, cheap to import (``twitchtui log`` must start fast).

On POSIX it is ``fcntl.flock`` on ``<diary>.lock``: the kernel releases it
when a process dies, so a killed writer never leaves the diary locked. Each
acquisition opens its own file description, so two threads of one process
exclude each other too. Elsewhere it falls back to the ``filelock`` package.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    from filelock import BaseFileLock, FileLock, Timeout


class LockTimeout(Exception):
    """The lock was not free within the timeout."""


class DiaryLock:
    def __init__(self, path: Path, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._fds: list[int] = []
        self._fallback: BaseFileLock | None = None  # Windows: a filelock.FileLock

    def acquire(self, timeout: float | None = None) -> None:
        wait = self.timeout if timeout is None else timeout
        if fcntl is None:  # pragma: no cover - Windows
            self._acquire_fallback(wait)
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + wait
        delay = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._fds.append(fd)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockTimeout(str(self.path)) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.05)
            except BaseException:
                os.close(fd)
                raise

    def release(self) -> None:
        if self._fallback is not None:  # pragma: no cover - Windows
            self._fallback.release()
            return
        fd = self._fds.pop()
        os.close(fd)  # closing the description releases the flock

    def _acquire_fallback(self, wait: float) -> None:  # pragma: no cover - Windows
        if self._fallback is None:
            self._fallback = FileLock(str(self.path), mode=0o600)
        try:
            self._fallback.acquire(timeout=wait)
        except Timeout:
            raise LockTimeout(str(self.path)) from None
