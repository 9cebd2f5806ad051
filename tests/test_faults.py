"""Fault injection: a write that fails at any step leaves the old diary byte-for-byte.

Like SQLite's I/O-error tests: fail the first file-system call, then the
second, and so on, until a write gets through; after every failure the diary
must read exactly as before and no temporary file may be left behind.
"""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import pytest

from twitchtui.model import Twitch
from twitchtui.store import FileSystem, Store, StoreBusy, StoreWriteFailed
from twitchtui.store.lock import DiaryLock

from .conftest import NOW, twitch_at


class FailingOps(FileSystem):
    """Raises OSError(code) on the n-th file-system call (1-based)."""

    def __init__(self, fail_at: int, code: int = errno.EIO) -> None:
        self.fail_at = fail_at
        self.code = code
        self.calls: list[str] = []

    def _step(self, name: str) -> None:
        self.calls.append(name)
        if len(self.calls) == self.fail_at:
            raise OSError(self.code, f"injected {errno.errorcode[self.code]} in {name}")

    def mkstemp(self, folder, prefix):
        self._step("mkstemp")
        return super().mkstemp(folder, prefix)

    def write(self, fd, data):
        self._step("write")
        return super().write(fd, data)

    def fsync(self, fd):
        self._step("fsync")
        super().fsync(fd)

    def close(self, fd):
        self._step("close")
        super().close(fd)

    def replace(self, src, dst):
        self._step("replace")
        super().replace(src, dst)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_every_write_step_can_fail_without_harm(db_path: Path, clock) -> None:
    Store.open(db_path, now=clock).log_twitch(twitch_at(2))
    before = snapshot(db_path.parent)
    steps_seen: set[str] = set()
    for fail_at in range(1, 50):
        ops = FailingOps(fail_at, errno.ENOSPC)
        store = Store.open(db_path, now=clock, fs=ops)
        try:
            store.log_twitch(twitch_at(1))
        except StoreWriteFailed as exc:
            assert "the disk is full" in str(exc)
            assert "Nothing was changed" in str(exc)
            steps_seen.add(ops.calls[-1])
            assert snapshot(db_path.parent) == before, f"changed after failing {ops.calls[-1]}"
            continue
        break
    else:
        pytest.fail("the write never got through")
    assert steps_seen == {"mkstemp", "write", "fsync", "close", "replace"}
    assert len(Store.open(db_path, now=clock).twitches()) == 2


def test_read_only_folder(db_path: Path, clock) -> None:
    store = Store.open(db_path, now=clock)
    before = snapshot(db_path.parent)
    store._fs = FailingOps(1, errno.EROFS)
    with pytest.raises(StoreWriteFailed, match="not writable"):
        store.log_twitch(twitch_at())
    assert snapshot(db_path.parent) == before


def test_lock_timeout_is_reported_and_nothing_written(db_path: Path, clock) -> None:
    store = Store.open(db_path, now=clock, lock_timeout=0.2)
    before = snapshot(db_path.parent)
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        lock = DiaryLock(Path(f"{db_path}.lock"), timeout=1)
        lock.acquire()
        held.set()
        release.wait(5)
        lock.release()

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    try:
        with pytest.raises(StoreBusy, match="locked by another twitchtui process"):
            store.log_twitch(twitch_at())
    finally:
        release.set()
        holder.join()
    assert snapshot(db_path.parent) == before
    store.log_twitch(twitch_at())  # works once the lock is free


def test_a_failed_write_does_not_poison_the_cache(db_path: Path, clock) -> None:
    store = Store.open(db_path, now=clock)
    first = store.log_twitch(twitch_at(2))
    store._fs = FailingOps(2)  # fail the write of the shard
    with pytest.raises(StoreWriteFailed):
        store.log_twitch(Twitch(at=NOW, note="lost"))
    store._fs = FileSystem()
    assert store.twitches() == [first]
    second = store.log_twitch(twitch_at(1))
    assert store.twitches() == [first, second]


def test_a_write_is_flushed_then_committed_then_the_folder_flushed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The durability order, recorded at the os level so that an FileSystem method
    turned into a no-op shows up: data, fsync of the file, replace, fsync of
    the folder."""
    import os
    import stat

    calls: list[str] = []
    real_write, real_fsync, real_replace = os.write, os.fsync, os.replace

    def write(fd: int, data) -> int:
        calls.append("write")
        return real_write(fd, data)

    def fsync(fd: int) -> None:
        calls.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(src, dst) -> None:
        calls.append("replace")
        real_replace(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", write)
        patch.setattr(os, "fsync", fsync)
        patch.setattr(os, "replace", replace)
        store.log_twitch(twitch_at())
    steps = [c for i, c in enumerate(calls) if i == 0 or calls[i - 1] != c]
    assert steps == ["write", "fsync file", "replace", "fsync folder"]


def test_writers_re_read_the_file_even_when_its_stat_looks_unchanged(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A freed inode can come back with the same size and time stamp. The
    writer must still see the other process's entry (it compares the bytes)."""
    from twitchtui.store import atomic

    other = Store.open(store.path, now=store.now)
    monkeypatch.setattr(
        atomic, "signature", lambda path: (1, 1, 1, 1) if Path(path).exists() else None
    )
    store.log_twitch(twitch_at(note="first"))
    other.log_twitch(twitch_at(note="from elsewhere"))
    store.log_twitch(twitch_at(note="second"))
    notes = sorted(t.note for t in Store.open(store.path, now=store.now).twitches())
    assert notes == ["first", "from elsewhere", "second"]
