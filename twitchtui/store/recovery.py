"""What may be done with a file that is not as it should be: refuse, keep aside, or sweep.

A damaged file is never overwritten or deleted. Only a regular file under one
of the diary's own names that is twitchtui's (or holds nothing at all) may be
renamed out of the way, and only temporary files of an unfinished write are
ever removed.
"""

from __future__ import annotations

import os
import re
import stat
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import finish_group
from .errors import NotADiaryPath, StoreBusy
from .files import DEVICE, Layout
from .lock import DiaryLock, LockTimeout
from .schema import STAMP

if TYPE_CHECKING:
    from .writer import DiaryWriter


def check_kind(path: Path) -> None:
    """Refuse a path that is a folder, a device or a pipe: never read or move it."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise NotADiaryPath(f"{path} cannot be used as a diary: {exc.strerror}") from exc
    if stat.S_ISDIR(st.st_mode):
        raise NotADiaryPath(
            f"{path} is a folder, not a diary file. Give a file name such as "
            f"--db {path / 'diary.json'}"
        )
    if not stat.S_ISREG(st.st_mode):
        raise NotADiaryPath(f"{path} is not a regular file, so it cannot hold a diary")


_ANOTHERS_FILE = re.compile(rf"\.(?:\d{{4}}-\d{{2}}(?:\.{DEVICE})?|settings\.{DEVICE})\.json$")


def check_new_name(path: Path) -> None:
    """Refuse a new diary named as a diary's month or settings file is
    (``diary.2026-03.laptop.json``, ``diary.settings.desk.json``): beside
    that diary, the new one would show up in it as another machine."""
    if _ANOTHERS_FILE.search(path.name):
        raise NotADiaryPath(
            f"{path.name} is named as a diary's month or settings file is (a diary "
            "beside it would take it for one of its own); choose another name"
        )


def may_set_aside(layout: Layout, path: Path) -> bool:
    """Whether ``path`` is a diary file of this diary that twitchtui may rename.

    Only a regular file under one of this diary's own names, which carries
    twitchtui's stamp (or, for a month file, begins with its layout) or
    holds nothing at all (empty or zero bytes: what a crash of the file
    system can leave). Never a folder, never a file of
    someone else's that happens to be named by ``--db``.
    """
    path = Path(path).absolute()
    found = layout.classify(path.name) if path.parent == layout.folder else None
    # This device's own files, and month files of the old layout; never
    # another device's file or a conflict copy (those are left out while
    # they cannot be read, and read again once their sync completes).
    is_shard = found is not None and not found.copy and (layout.is_own(path) or found.legacy)
    if not (path == layout.path or is_shard):
        return False
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        raw = path.read_bytes()
    except OSError:
        return False
    if STAMP.search(raw) or not raw.strip(b"\0 \t\r\n"):
        return True
    # Files written before the stamp went first begin with a diary table.
    return is_shard and raw.lstrip().startswith((b'{"twitches":', b'{"days":', b'{"settings":'))


def aside_name(damaged: Path, stamp: str) -> Path:
    return damaged.with_name(f"{damaged.name}.damaged-{stamp}")


def after_a_crash(layout: Layout, writer: DiaryWriter) -> None:
    """What a killed writer left: a write of several files is finished, then
    its stray temporary files are swept away."""
    finish_interrupted_write(layout, writer)
    sweep_temp_files(layout, writer.lock)


def finish_interrupted_write(layout: Layout, writer: DiaryWriter) -> bool:
    """Finish a write of several files a killed process left half-made (an
    import, a restore: ``atomic.finish_group``), under the lock; False when
    there was none, or the diary is read-only or busy (the writer at work
    may be the one that saved it)."""
    if not layout.journal.exists() or writer.read_only:
        return False

    def ours(name: str) -> bool:  # only this device's own files are written together
        item = layout.classify(name)
        own = item is not None and not item.copy and item.device == layout.device
        return own or name in (layout.path.name, layout.settings_file.name)

    try:
        with writer.transaction():
            return finish_group(layout.journal, writer.fs, ours)
    except StoreBusy:
        return False


def _own_temp(layout: Layout, name: str) -> bool:
    """Whether the temp file ``name`` (``.<target>.<random>.tmp``) was written
    for one of this device's own files (or the main file, or a file of no
    device, as a report or an export beside the diary)."""
    target = name[1:].rsplit(".", 2)[0]
    item = layout.classify(target)
    return item is None or item.device in (None, layout.device)


def sweep_temp_files(layout: Layout, lock: DiaryLock) -> None:
    """Remove temp files a killed writer of this device left behind: never a
    diary file, never another device's (a folder synced by Dropbox holds
    them all), and none while any journal says some are to be moved into
    place (another device name's, too: it may be this machine's under
    another ``$TWITCHTUI_DEVICE``)."""
    names = layout.names()
    journals = (f".{layout.path.name}.", ".journal")
    if any(n.startswith(journals[0]) and n.endswith(journals[1]) for n in names):
        return
    prefixes = layout.temp_prefixes
    strays = [
        layout.folder / name
        for name in names
        if name.startswith(prefixes) and name.endswith(".tmp") and _own_temp(layout, name)
    ]
    if not strays:
        return
    try:
        lock.acquire(timeout=0)
    except LockTimeout:
        return  # a writer is busy right now; its temp file is not stray
    try:
        for stray in strays:
            with suppress(OSError):
                os.unlink(stray)
    finally:
        lock.release()
