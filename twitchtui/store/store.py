"""The ``Store``: the one object that reads and writes a diary, and how a diary is opened.

A diary is TinyDB JSON files sharded by month (``files``). Plain TinyDB
re-reads and rewrites the whole file on each insert, so logging slowed down
with history (measured 3.6 ms at 1k twitches, 609 ms at 100k). Here a write
touches only its month's file, and opening reads only the small main file.

A ``Store`` is composed of a ``DiaryReader`` and a ``DiaryWriter`` that share
one ``DiaryCache`` (what has been read, and what was just written); it owns
what needs both: opening or creating a diary, the schema upgrade (``schema``)
and setting a damaged file aside (``recovery``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from ..model import Clock, DayLog, Settings, Twitch, diary_day, local_now
from ..model.values import Doc
from .atomic import FileSystem, Signature, make_private_folder
from .cache import DiaryCache
from .errors import StoreError
from .files import Layout
from .index import DiaryIndex, Tally, default_index_dir, index_file
from .lock import DiaryLock
from .reader import DiaryReader
from .recovery import aside_name, check_kind, may_set_aside, sweep_temp_files
from .schema import SCHEMA, check_main, from_schema_1, meta, settings_with_ids, with_ids
from .writer import DiaryWriter, write_error

__all__ = ["SCHEMA", "Store", "today"]


class Store:
    """The only object that reads or writes diary files. One per process."""

    def __init__(
        self,
        path: Path | str,
        *,
        now: Clock = local_now,
        lock_timeout: float = 5.0,
        fs: FileSystem | None = None,
        index_dir: Path | None = None,
    ) -> None:
        self.path = Path(path).expanduser().absolute()
        self.now = now
        self.layout = Layout(self.path)
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

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        now: Clock = local_now,
        lock_timeout: float = 5.0,
        fs: FileSystem | None = None,
        index_dir: Path | None = None,
    ) -> Store:
        """Open (or create) a diary. Raises ``DiaryDamaged`` or ``DiaryTooNew``.
        ``index_dir``: where the derived index is kept (``index``; default
        ``$TWITCHTUI_CACHE_DIR``, else the user cache folder)."""
        store = cls(path, now=now, lock_timeout=lock_timeout, fs=fs, index_dir=index_dir)
        store._ensure()
        return store

    @property
    def folder(self) -> Path:
        return self.layout.folder

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
                    writer.write_whole(self.path, {"meta": {"1": meta()}, "settings": {}})
                    self.created = True
                    return
        if check_main(self.path, data) < SCHEMA:
            with writer.transaction():
                _, data = files.load(self.path, strict=True)
                if data is not None and check_main(self.path, data) < SCHEMA:
                    self._migrate(data)
        sweep_temp_files(self.layout, writer.lock)

    def _migrate(self, data: Doc) -> None:
        """Bring an older diary up to ``SCHEMA``, one step at a time. Safe to
        re-run after a crash: each step keeps a backup first and is idempotent."""
        writer = self.writer
        schema = check_main(self.path, data)
        if schema < 2:
            backup = self.path.with_name(f"{self.path.name}.schema1.bak")
            if not backup.exists():
                writer.write_whole(backup, data)
            twitches, days, settings = from_schema_1(data)
            writer.merge_locked(twitches, days)
            data = {"meta": {"1": meta()}, "settings": settings}
        # Schema 2 to 3: the month files are read as they are (every new field
        # has a default); only the stamp changes, so an older app refuses them.
        # Relief sessions and experiments get their ids (derived from what they
        # hold, so a re-run, or an old export imported later, gives the same).
        settings = data.get("settings", {})
        if schema < 3:
            writer.write_together(with_ids(self.layout.shard_paths(), self.cache.files))
            settings = {k: settings_with_ids(v) for k, v in settings.items()}
        writer.write_whole(self.path, {"meta": {"1": meta()}, "settings": settings})

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

    def each_month(self) -> Iterator[tuple[list[Twitch], list[DayLog]]]:
        """The whole diary a month at a time (see ``DiaryReader.each_month``)."""
        return self.reader.each_month()

    def self_check_logs(self) -> dict[date, DayLog]:
        """Every day log with self-check answers or a clinician visit."""
        return self.reader.self_check_logs()

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

    def stamp(self, days: list[date]) -> tuple[Signature | None, ...]:
        """The stat signatures of the files behind ``days``: cheap, for polling."""
        return self.reader.stamp(days)

    def fingerprint(self, days: list[date]) -> tuple[tuple[int, int] | None, ...]:
        """Changes whenever the main file or the shards behind ``days`` change."""
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
