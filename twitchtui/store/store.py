"""The ``Store``: the one object that reads and writes a diary, and how a diary is opened.

A diary is TinyDB JSON files sharded by month and by device (``files``).
Plain TinyDB re-reads and rewrites the whole file on each insert, so logging
slowed down with history (measured 3.6 ms at 1k twitches, 609 ms at 100k).
Here a write touches only this device's file of its month, and opening reads
only the small main file.

One diary can live on several machines through a file-sync tool: each
device writes only its own files, the reader merges every device's records
(``records``), and conflict copies a sync tool made are merged, never
ignored (``sync``).

A ``Store`` is composed of a ``DiaryReader`` and a ``DiaryWriter`` that share
one ``DiaryCache`` (what has been read, and what was just written); it owns
what needs both: opening or creating a diary, the schema upgrade (``schema``),
conflict copies (``sync``) and setting a damaged file aside (``recovery``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .. import machine
from ..model import Clock, DayLog, Settings, Twitch, diary_day, local_now
from ..model.values import Doc
from .atomic import FileSystem, make_private_folder
from .cache import DiaryCache
from .errors import StoreError
from .files import Layout
from .index import DiaryIndex, Tally, default_index_dir, index_file
from .lock import DiaryLock
from .reader import DiaryReader
from .recovery import (
    after_a_crash,
    aside_name,
    check_kind,
    check_new_name,
    may_set_aside,
)
from .schema import SCHEMA, check_main, meta
from .sync import SyncReport, merge_conflicts, migrate, rename_device, sync_report
from .writer import DiaryWriter, own_of_day, write_error

if TYPE_CHECKING:
    from ..columns import Columns

__all__ = ["SCHEMA", "Store", "today"]


class Store:
    """The only object that reads or writes diary files. One per process.

    Over 300 lines because it is the one facade over the reader, the writer
    and the files: each method is a few lines handing over to one of them."""

    def __init__(
        self,
        path: Path | str,
        *,
        now: Clock = local_now,
        lock_timeout: float = 5.0,
        fs: FileSystem | None = None,
        index_dir: Path | None = None,
        device: str | None = None,
    ) -> None:
        self.path = Path(path).expanduser().absolute()
        self.now = now
        self.layout = Layout(
            self.path,
            machine.device_name() if device is None else machine.check_device(device, "device"),
        )
        diary = self.path
        self.cache = DiaryCache(
            index=DiaryIndex(index_file(index_dir, diary), str(diary))
            if index_dir is not None
            else DiaryIndex(None, str(diary), locate=lambda: index_file(default_index_dir(), diary))
        )
        self.reader = DiaryReader(self.layout, self.cache)
        self.writer = DiaryWriter(
            self.layout,
            self.cache,
            now,
            DiaryLock(self.layout.lock, lock_timeout),
            fs or FileSystem(),
        )
        self.created = False
        """True when this Store created the diary (a first run)."""
        self.merged: list[str] = []
        """What ``open`` merged from conflict copies, a line each (``merge_conflicts``)."""

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        now: Clock = local_now,
        lock_timeout: float = 5.0,
        fs: FileSystem | None = None,
        index_dir: Path | None = None,
        device: str | None = None,
    ) -> Store:
        """Open (or create) a diary, upgrade it, and merge the conflict copies
        a sync tool left (their lines in ``merged``). Raises ``DiaryDamaged``
        or ``DiaryTooNew``. ``index_dir``: where the derived index is kept
        (``index``; default ``$TWITCHTUI_CACHE_DIR``, else the user cache
        folder). ``device``: the name of this machine's files (default
        ``machine.device_name()``)."""
        store = cls(
            path, now=now, lock_timeout=lock_timeout, fs=fs, index_dir=index_dir, device=device
        )
        store._ensure()
        try:
            store.merged = store.merge_conflicts()
        except StoreError:
            store.merged = []  # busy, or the disk refused: the copies are read meanwhile
        return store

    @property
    def device(self) -> str:
        """The name of this machine's files (``machine.device_name``)."""
        return self.layout.device

    @property
    def folder(self) -> Path:
        return self.layout.folder

    def owns(self, path: Path) -> bool:
        """``path`` is one of this diary's own files (its main file, months,
        settings, lock, journal, copies a sync tool made of them, or what an import
        kept), which a report or an export must never be written over."""
        target = Path(os.path.realpath(Path(path).expanduser()))
        if target.parent != Path(os.path.realpath(self.folder)):
            return False
        if self.layout.classify(target.name) is not None:  # a sync tool's copies too
            return True
        # In any case (case-blind, as macOS and Windows): the main file, its lock, journal, temps.
        name, main, stem = target.name.casefold(), self.path.name.casefold(), self.layout.stem
        kept = (f"{stem.casefold()}.", "before-import-", f".{main}.", f".{stem.casefold()}.")
        return name == main or name.startswith(kept)

    @property
    def read_only(self) -> bool:
        """The diary's main file is read-only: the whole diary is only read."""
        return self.writer.read_only

    @property
    def _fs(self) -> FileSystem:
        """The writer's file system (tests swap it to make one step fail)."""
        return self.writer.fs

    @_fs.setter
    def _fs(self, fs: FileSystem) -> None:
        self.writer.fs = fs

    # ------------------------------------------------------------------ opening

    def _ensure(self) -> None:
        check_kind(self.path)
        if not self.path.exists():
            check_new_name(self.path)
        if not self.folder.exists():
            try:
                make_private_folder(self.folder)
            except OSError as exc:
                raise write_error(self.folder, exc) from exc
        files, writer = self.cache.files, self.writer
        _, data = files.load(self.path)
        if data is None:
            with writer.transaction():
                _, data = files.load(self.path, strict=True)
                if data is None:
                    writer.write_whole(self.path, {"meta": {"1": meta()}})
                    self.created = True
                    return
        if check_main(self.path, data) < SCHEMA:
            with writer.transaction():
                _, data = files.load(self.path, strict=True)
                if data is not None and check_main(self.path, data) < SCHEMA:
                    self._migrate(data)
        after_a_crash(self.layout, writer)

    def _migrate(self, data: Doc) -> None:
        """Bring an older diary up to ``SCHEMA`` (see ``sync.migrate``)."""
        migrate(self.layout, self.writer, self.cache.files, data)

    # ------------------------------------------------------------------ more than one machine

    def merge_conflicts(self) -> list[str]:
        """Fold the conflict copies a sync tool made (and old-layout month
        files) into this device's own files, and rename each copy
        ``….merged-YYYY-MM-DD``; a line for each copy ([] when none, or when
        the diary is read-only). Raises ``StoreBusy`` when another process
        holds the lock (``open`` then leaves the copies for next time; they
        are read meanwhile). See ``sync.merge_conflicts``."""
        if self.read_only:
            return []
        return merge_conflicts(self.layout, self.writer, self.cache.files, self.now())

    def left_out(self) -> dict[Path, str]:
        """Others' files the reads so far left out (in part), and why; a file gone since is not."""
        unread = self.cache.unreadable
        for gone in [p for p in unread if not p.exists()]:
            del unread[gone]
        return dict(unread)

    def sync_report(self) -> SyncReport:
        """Which devices write this diary, and the state of its conflict copies."""
        return sync_report(self.layout, self.cache.files, self.cache.unreadable)

    def rename_device(self, new: str) -> None:
        """Rename this device's own files to carry ``new``, and keep ``new``
        as this machine's device name (``machine``). Refused while
        ``$TWITCHTUI_DEVICE`` names the device: the next start would go by
        it, and find none of its files."""
        if os.environ.get(machine.DEVICE_VAR) is not None:
            raise StoreError(
                f"{machine.DEVICE_VAR} is set, so it names this device; change it instead. "
                "Nothing was renamed."
            )
        rename_device(self.layout, self.writer, machine.check_device(new, "device"))
        self.cache.shards = type(self.cache.shards)(self.cache.shards.bound)
        self.cache.columns = type(self.cache.columns)()
        self.cache.settings = None
        machine.keep_device_name(new)

    def own_of_day(self, day: date) -> tuple[set[str], set[datetime]]:
        """The twitch ids and cup moments of ``day`` this device's files added
        (``writer.own_of_day``)."""
        return own_of_day(self.writer, day)

    def may_set_aside(self, path: Path) -> bool:
        """Whether ``path`` is a file of this diary that twitchtui may rename
        (see ``recovery.may_set_aside``)."""
        return may_set_aside(self.layout, path)

    def set_aside(self, damaged: Path) -> Path:
        """Rename a damaged file out of the way (never delete it). Returns its new path."""
        if not self.may_set_aside(damaged):
            raise StoreError(f"{damaged} is not a twitchtui diary file; it was left as it is")
        target = aside_name(damaged, self.now().strftime("%Y%m%dT%H%M%S"))
        with self.writer.transaction():
            os.replace(damaged, target)
        self.cache.files.forget(damaged)
        return target

    # ------------------------------------------------------------------ reading (DiaryReader)

    def shard_paths(self) -> dict[str, Path]:
        """Every month that has a shard file, oldest first."""
        return self.reader.shard_paths()

    def settings(self) -> Settings:
        """The settings, parsed again only when the main file changed."""
        return self.reader.settings()

    def twitches(self, first: date | None = None, last: date | None = None) -> list[Twitch]:
        """Twitches whose diary day lies in ``first``..``last`` (inclusive), oldest first."""
        return self.reader.twitches(first, last)

    def day_logs(self, first: date | None = None, last: date | None = None) -> dict[date, DayLog]:
        return self.reader.day_logs(first, last)

    def month_columns(
        self, first: date, last: date, held_from: date | None = None
    ) -> list[tuple[Columns, dict[date, DayLog]]]:
        """The month files behind ``first``..``last`` as the charts count them,
        a month at a time (see ``DiaryReader.month_columns``)."""
        return self.reader.month_columns(first, last, held_from)

    def each_month(self) -> Iterator[tuple[list[Twitch], list[DayLog]]]:
        """The whole diary a month at a time (see ``DiaryReader.each_month``)."""
        return self.reader.each_month()

    def self_check_logs(self) -> dict[date, DayLog]:
        """Every day log with self-check answers or a clinician visit."""
        return self.reader.self_check_logs()

    def self_check_logs_around_damage(self) -> dict[date, DayLog]:
        """``self_check_logs``, passing over a month that cannot be read now
        (see ``DiaryReader.self_check_logs_around_damage``)."""
        return self.reader.self_check_logs_around_damage()

    def tally(self) -> Tally:
        """The whole diary in totals, from the derived index (``index``)."""
        return self.reader.tally()

    def warm(self, month: str) -> None:
        """Bring one month into the index, read only if its file changed (so
        that a long read can be done a month at a time)."""
        self.reader.warm(month)

    def day_log(self, day: date) -> DayLog:
        return self.reader.day_log(day)

    def last_twitch(self) -> Twitch | None:
        return self.reader.last_twitch()

    def first_twitch(self) -> Twitch | None:
        return self.reader.first_twitch()

    def first_diary_day(self, since: date | None = None) -> date | None:
        """The first day anything was recorded (see ``DiaryReader.first_diary_day``)."""
        return self.reader.first_diary_day(since)

    def stamp(self, days: list[date]) -> tuple[object, ...]:
        """The stat signatures of the files behind ``days`` (every device's,
        and their conflict copies): cheap, for polling."""
        return self.reader.stamp(days)

    def fingerprint(self, days: list[date]) -> tuple[object, ...]:
        """Changes whenever the settings or a file behind ``days`` change."""
        return self.reader.fingerprint(days)

    # ------------------------------------------------------------------ writing (DiaryWriter)

    def log_twitch(self, twitch: Twitch) -> Twitch:
        """Validate and save one twitch. Returns it as saved."""
        return self.writer.log_twitch(twitch)

    def merge(self, twitches: Iterable[Twitch], days: Iterable[DayLog] = ()) -> int:
        """Add many entries at once (demo, import), all or none; see ``DiaryWriter.merge``."""
        return self.writer.merge(twitches, days)

    def restore(
        self,
        twitches: Iterable[Twitch],
        days: Iterable[DayLog] = (),
        change: Callable[[Settings], Settings] | None = None,
        *,
        until: datetime,
    ) -> int:
        """``merge`` and a settings change in one write (see ``DiaryWriter.restore``)."""
        return self.writer.restore(twitches, days, change, until=until)

    def update_twitch(self, old: Twitch, new: Twitch) -> Twitch:
        """Replace ``old`` with ``new`` (same id), only if it is still ``old``."""
        return self.writer.update_twitch(old, new)

    def delete_twitch(self, twitch: Twitch, *, unchanged: bool = False) -> Twitch:
        """Remove a twitch by id and return it as it was stored."""
        return self.writer.delete_twitch(twitch, unchanged=unchanged)

    def restore_twitch(self, twitch: Twitch) -> Twitch:
        """Put back a deleted twitch exactly as it was (undo of a delete)."""
        return self.writer.restore_twitch(twitch)

    def update_day(self, day: date, change: Callable[[DayLog], DayLog]) -> DayLog:
        """Read-modify-write one day's log under the lock. Returns the saved log."""
        return self.writer.update_day(day, change)

    def save_settings(self, settings: Settings) -> Settings:
        """Replace every setting (first run, tests). Edits use ``update_settings``."""
        return self.writer.save_settings(settings)

    def update_settings(self, change: Callable[[Settings], Settings]) -> Settings:
        """Read-modify-write the settings under the lock. Returns them as saved."""
        return self.writer.update_settings(change)


def today(store: Store) -> date:
    """The diary day it is now, by the store's clock and day-start hour."""
    return diary_day(store.now(), store.settings().day_start_hour)
