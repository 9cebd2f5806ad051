"""Crash-safe JSON files: atomic replace on write, stat-checked cache on read.

A write goes to a temporary file in the same folder, is flushed and fsynced,
then ``os.replace``-d over the target, and the folder is fsynced. The replace
is the commit point: a crash before it leaves the old file untouched, a crash
after it leaves the new one. A failure at any step before the commit removes
the temporary file and re-raises, so the old file stays byte-for-byte intact.

Every file-system call goes through an ``FileSystem`` object so that tests can make
any single step fail (disk full, read-only folder, fsync error), in the spirit
of SQLite's I/O-error tests.

Reads are cached by ``(inode, size, mtime_ns)``. Because writers always
replace the file (new inode), another process's write is always noticed, and
an unchanged file is never parsed twice.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.values import Doc
from .errors import DiaryDamaged, JournalRefused, ReadOnlyFile

FILE_MODE = 0o600
DIR_MODE = 0o700


class FileSystem:
    """The file-system calls used for writing. Tests subclass it to inject faults."""

    def mkstemp(self, folder: Path, prefix: str) -> tuple[int, str]:
        """A new private file beside the target (like tempfile.mkstemp, cheaper to import)."""
        while True:
            name = os.path.join(folder, f"{prefix}{os.urandom(6).hex()}.tmp")
            try:
                return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE), name
            except FileExistsError:  # pragma: no cover - 48 random bits
                continue

    def write(self, fd: int, data: bytes | memoryview) -> int:
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        os.fsync(fd)

    def close(self, fd: int) -> None:
        os.close(fd)

    def replace(self, src: str, dst: Path) -> None:
        os.replace(src, dst)

    def fsync_dir(self, folder: Path) -> None:
        if os.name != "posix":  # pragma: no cover - Windows cannot open folders
            return
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def is_read_only(path: Path) -> bool:
    """True when ``path`` exists and its owner (or the system) forbids writing it.

    Checks the owner's write bit as well as ``os.access``: root may write
    anything, but a file someone set to 0400 should still be left alone.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    return not st.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK)


def atomic_write(path: Path, data: bytes, fs: FileSystem) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or new file.

    A file its owner made read-only is never replaced (``ReadOnlyFile``).
    """
    if is_read_only(path):
        raise ReadOnlyFile(path)
    folder = path.parent
    tmp = _temp_copy(path, data, fs)
    try:
        fs.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    # Past the commit point: the new file is in place. A failed folder fsync only
    # weakens durability against power loss, so it must not report the write lost.
    with contextlib.suppress(OSError):
        fs.fsync_dir(folder)


Files = dict[Path, bytes] | Iterable[tuple[Path, bytes]]


def write_together(files: Files, fs: FileSystem, journal: Path | None = None) -> None:
    """Replace several files so that all change or none does.

    Every file is first written to a temporary file beside it (a failure then
    leaves every target untouched). They are then moved over their targets
    one after another; if a move fails, the targets already replaced get
    their old bytes back (or are removed, when new), and the error names the
    file that failed (``GroupWriteFailed``).

    A kill between two moves runs no such code: given ``journal``, the moves
    are saved there first (``_save_moves``), and the next open makes them.

    ``files`` may also be pairs made one at a time (a restore's hundreds of
    month files): each one's bytes are let go once in its temporary file, and
    a read-only target, or anything raised while the next pair is made,
    removes the temporary files written so far, so nothing has changed.
    """
    if isinstance(files, dict):
        for target in files:
            if is_read_only(target):
                raise ReadOnlyFile(target)
        files = files.items()
    temps: dict[Path, str] = {}
    path: Path | None = None
    try:
        for path, data in files:
            if path in temps:
                raise ValueError(f"{path} is given twice")
            if is_read_only(path):
                raise ReadOnlyFile(path)
            temps[path] = _temp_copy(path, data, fs)
            del data
    except BaseException as exc:
        for tmp in temps.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, ReadOnlyFile) and path is not None:
            raise GroupWriteFailed(path, exc) from exc
        raise
    journal = journal if journal is not None and len(temps) > 1 else None
    if journal is not None:
        _save_moves(journal, temps, fs)
    old: dict[Path, bytes | None] = {}
    for path, tmp in temps.items():
        try:
            old[path] = path.read_bytes() if path.exists() else None
            fs.replace(tmp, path)
        except OSError as exc:
            old.pop(path, None)  # not replaced
            _put_back(old, temps, journal)
            raise GroupWriteFailed(path, exc) from exc
    for folder in {path.parent for path in temps}:
        with contextlib.suppress(OSError):
            fs.fsync_dir(folder)
    if journal is not None:  # every move is made: nothing is left to finish
        with contextlib.suppress(OSError):
            os.unlink(journal)
            fs.fsync_dir(journal.parent)


JOURNAL_MAX = 16 * 1024 * 1024
"""A journal lists moves, some 80 bytes each: one larger is not one."""


def _read_journal(journal: Path) -> bytes | None:
    """The journal's bytes; None when there is none, or when what is there is
    not a plain file of a journal's size (never followed, never waited on)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(journal, flags)
    except OSError:  # none, a link (O_NOFOLLOW), or not to be opened
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > JOURNAL_MAX:
            return None
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _save_moves(journal: Path, temps: dict[Path, str], fs: FileSystem) -> None:
    """Save the moves of a group write in ``journal`` (in the targets' folder),
    atomically, once every temporary file is whole: the moment the group is
    written. A process killed after it has its moves made by the next open
    (``finish_group``); one killed before it leaves only temporary files,
    which are swept away, and every target as it was."""
    try:
        if any(path.parent != journal.parent for path in temps):
            raise ValueError(f"a group with a journal writes in {journal.parent} only")
        moves = [[os.path.basename(tmp), path.name] for path, tmp in temps.items()]
        atomic_write(journal, json.dumps({"moves": moves}).encode(), fs)
    except BaseException as exc:
        for tmp in temps.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise GroupWriteFailed(journal, exc) from exc
        raise


def _put_back(old: dict[Path, bytes | None], temps: dict[Path, str], journal: Path | None) -> None:
    """After a failed move: the temporary files removed, the targets already
    replaced given their ``old`` bytes (or removed, when they were new), last first."""
    for left in temps.values():
        with contextlib.suppress(OSError):
            os.unlink(left)
    for back in reversed(old):
        with contextlib.suppress(OSError):
            before = old[back]
            if before is None:
                os.unlink(back)
            else:
                atomic_write(back, before, FileSystem())
    if journal is not None:
        with contextlib.suppress(OSError):
            os.unlink(journal)


def finish_group(journal: Path, fs: FileSystem, allowed: Callable[[str], bool]) -> bool:
    """Make the moves a killed ``write_together`` saved in ``journal`` and had
    not made yet (call it under the diary's lock, before its temporary files
    are swept). True when there was a group to finish. A journal this code
    did not write, or naming a file ``allowed`` refuses, is never acted on:
    it is renamed ``….damaged`` and left for a person to look at. Anything
    but a plain file there (a folder, a pipe, a link) is not read at all."""
    raw = _read_journal(journal)
    if raw is None:
        return False
    folder = journal.parent
    try:
        moves = json.loads(raw)["moves"]
        pairs = [(str(tmp), str(target)) for tmp, target in moves]
        for tmp, target in pairs:
            for name in (tmp, target):
                if os.sep in name or "/" in name or name in ("", ".", ".."):
                    raise ValueError(f"{name!r} is not a file of this folder")
            if not (tmp.startswith(".") and tmp.endswith(".tmp")) or not allowed(target):
                raise ValueError(f"{tmp!r} to {target!r} is not a move twitchtui makes")
    except (ValueError, TypeError, KeyError) as exc:
        aside = journal.with_name(f"{journal.name}.damaged")
        os.replace(journal, aside)
        raise JournalRefused(
            f"{journal.name} was not written by twitchtui ({exc}), so nothing in it was done: "
            f"it is kept as {aside.name}. The diary is as it was; run the command again."
        ) from exc
    for tmp, target in pairs:
        if (folder / tmp).exists():
            fs.replace(str(folder / tmp), folder / target)
    fs.fsync_dir(folder)
    os.unlink(journal)
    fs.fsync_dir(folder)
    return True


class GroupWriteFailed(OSError):
    """One file of a group write failed; every file of the group is as it was."""

    def __init__(self, path: Path, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause), str(path))
        self.path = path


def _temp_copy(path: Path, data: bytes, fs: FileSystem) -> str:
    """``data`` in a new fsynced temporary file beside ``path``; its name."""
    fd, tmp = fs.mkstemp(path.parent, f".{path.name}.")
    open_fd: int | None = fd
    try:
        view = memoryview(data)
        while view:
            written = fs.write(fd, view)
            view = view[written:]
        fs.fsync(fd)
        open_fd = None
        fs.close(fd)
    except BaseException:
        if open_fd is not None:
            with contextlib.suppress(OSError):
                os.close(open_fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def encode(data: Doc) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


Signature = tuple[int, int, int, int]


def signature(path: Path) -> Signature | None:
    """What identifies one version of a file, or None when it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass
class _Entry:
    sig: Signature
    digest: tuple[int, int]
    data: Doc


@dataclass
class JsonCache:
    """Parsed JSON files, re-parsed only when they change.

    A plain load trusts the stat signature: cheap enough to poll every second.
    A strict load (what writers do, under the lock) also reads the bytes and
    compares a hash, because a freed inode can be reused by the next write
    within one coarse clock tick, with the same size.
    """

    entries: dict[Path, _Entry] = field(default_factory=dict)
    """Least recently used first."""
    bound: int = 8
    """How many files' parsed JSON are kept. The reader keeps what it parsed
    from a month file as a ``Shard`` (``cache``), so this holds only what the
    writer and the polling need: the main file and the months just written."""

    def load(self, path: Path, *, strict: bool = False) -> tuple[Signature | None, Doc | None]:
        """The file's signature and parsed content (read-only), or (None, None)."""
        sig = signature(path)
        if sig is None:
            self.entries.pop(path, None)
            return None, None
        cached = self.entries.pop(path, None)
        if cached is not None:
            self.entries[path] = cached  # now the most recently used
        if cached is not None and cached.sig == sig and not strict:
            return sig, cached.data
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            self.entries.pop(path, None)
            return None, None
        except OSError as exc:
            raise DiaryDamaged(path, f"cannot be read ({exc.strerror or exc})") from exc
        digest = _digest(raw)
        if cached is not None and cached.digest == digest:
            cached.sig = sig
            return sig, cached.data
        data = decode(path, raw)
        # If another process replaced the file between the stat and the read,
        # this content is filed under the older signature, so the next load
        # sees a different signature and reads again: never stale for long.
        self._keep(path, _Entry(sig, digest, data))
        return sig, data

    def digest(self, path: Path) -> tuple[int, int] | None:
        """What tells this version of the file from any other (its length and
        CRC-32), read from the bytes every time as a strict load is, but not
        parsed and not kept: a check for changes holds no copy of the diary.
        None: no such file."""
        sig = signature(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            self.entries.pop(path, None)
            return None
        except OSError as exc:
            raise DiaryDamaged(path, f"cannot be read ({exc.strerror or exc})") from exc
        found = _digest(raw)
        cached = self.entries.get(path)
        if cached is not None:
            if cached.digest == found and sig is not None:
                cached.sig = sig  # as ``load`` does: the next plain load need not read
            elif cached.digest != found:
                del self.entries[path]  # another version than the one parsed
        return found

    def remember(self, path: Path, raw: bytes, data: Doc) -> None:
        sig = signature(path)
        if sig is not None:
            self._keep(path, _Entry(sig, _digest(raw), data))

    def _keep(self, path: Path, entry: _Entry) -> None:
        self.entries.pop(path, None)
        self.entries[path] = entry
        while len(self.entries) > self.bound:
            del self.entries[next(iter(self.entries))]

    def forget(self, path: Path) -> None:
        self.entries.pop(path, None)


def _digest(raw: bytes) -> tuple[int, int]:
    """Length and CRC-32 of a file's bytes: tells two versions apart (zlib imports fast)."""
    return len(raw), zlib.crc32(raw)


def decode(path: Path, raw: bytes) -> Doc:
    """Parse a diary file's bytes, or raise ``DiaryDamaged`` saying why not."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DiaryDamaged(path, f"is not valid JSON ({exc})") from exc
    except RecursionError as exc:
        raise DiaryDamaged(path, "is JSON nested too deeply to be a diary") from exc
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DiaryDamaged(path, "is JSON, but not laid out as a TinyDB database")
    return data


class AtomicJSONStorage:
    """A TinyDB storage that never tears a file and never parses one twice.

    TinyDB only calls ``read``, ``write`` and ``close`` on its storage, so this
    class does not subclass ``tinydb.storages.Storage``: that would import
    TinyDB with this module, at every start-up, although reading never uses it.

    ``read`` hands TinyDB a copy (TinyDB mutates what it reads before writing
    it back), so a failed write can never poison the cache.
    """

    def __init__(self, path: Path, cache: JsonCache, fs: FileSystem) -> None:
        self.path = path
        self.cache = cache
        self.fs = fs

    def read(self) -> dict[str, dict[str, Any]] | None:
        _, data = self.cache.load(self.path, strict=True)
        if data is None:
            return None
        return {name: {k: dict(v) for k, v in docs.items()} for name, docs in data.items()}

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raw = encode(data)
        atomic_write(self.path, raw, self.fs)
        self.cache.remember(self.path, raw, data)

    def close(self) -> None:
        pass


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each 0700 (``mkdir(parents=True)``
    would give the parents the default mode, often 0755)."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        with contextlib.suppress(FileExistsError):
            made.mkdir(mode=DIR_MODE)


def write_private(path: Path, text: str | bytes, fs: FileSystem | None = None) -> Path:
    """Write a file readable by its owner only (mode 0600), atomically; text
    as UTF-8, bytes (a PDF) as they are.

    For reports and exports: health data never lands in a world-readable file,
    and a half-written report never replaces a good one.
    """
    path = Path(path).expanduser()
    if path.is_symlink():
        # As a shell's ``>`` does: the file the link names gets the text,
        # and the link stays (renaming over it would replace the link).
        path = Path(os.path.realpath(path))
    reason = not_a_file(path)
    if reason is not None:
        raise OSError(errno.EINVAL, reason, str(path))
    if not path.parent.exists():
        make_private_folder(path.parent)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    atomic_write(path, data, fs or FileSystem())
    return path


def not_a_file(path: Path) -> str | None:
    """Why a report or an export may not be written at ``path``: something
    other than a file is there (a folder, a device such as /dev/null, a
    pipe), which writing a file in its place would remove. None: nothing
    is there yet, or a regular file is."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # nothing there (or unreadable): the write itself says why
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    return "is not a regular file (a device or a pipe), so no file is written in its place"


def read_user_file(path: Path) -> str:
    """A file the person named (an export to import), read as UTF-8 text."""
    return Path(path).expanduser().read_text(encoding="utf-8")
