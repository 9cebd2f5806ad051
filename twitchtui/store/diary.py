"""The ``Store``: the one object that reads and writes a diary, and how a diary is opened.

A diary is TinyDB JSON files sharded by month (``layout``). Plain TinyDB
re-reads and rewrites the whole file on each insert, so logging slowed down
with history (measured 3.6 ms at 1k twitches, 609 ms at 100k). Here a write
touches only its month's file, and opening reads only the small main file.
Reading is ``reader``, writing ``writer``, the schema and its upgrade
``schema``, and what may be done with a damaged file ``recovery``.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ..model import Clock, diary_day, local_now
from ..model.values import Doc
from .atomic import FileSystem, make_private_folder
from .errors import StoreError
from .recovery import aside_name, check_kind, may_set_aside, sweep_temp_files
from .schema import SCHEMA, check_main, from_schema_1, meta, settings_with_ids, with_ids
from .writer import DiaryWriter, write_error

__all__ = ["SCHEMA", "Store", "today"]


class Store(DiaryWriter):
    """The only object that reads or writes diary files. One per process."""

    def __init__(
        self,
        path: Path | str,
        *,
        now: Clock = local_now,
        lock_timeout: float = 5.0,
        fs: FileSystem | None = None,
    ) -> None:
        super().__init__(Path(path).expanduser().absolute(), now, lock_timeout, fs or FileSystem())
        self.created = False
        """True when this Store created the diary (a first run)."""

    @classmethod
    def open(cls, path: Path | str, **kwargs: object) -> Store:
        """Open (or create) a diary. Raises ``DiaryDamaged`` or ``DiaryTooNew``."""
        store = cls(path, **kwargs)  # type: ignore[arg-type]
        store._ensure()
        return store

    def _ensure(self) -> None:
        check_kind(self.path)
        if not self.folder.exists():
            try:
                make_private_folder(self.folder)
            except OSError as exc:
                raise write_error(self.folder, exc) from exc
        _, data = self._cache.load(self.path)
        if data is None:
            with self._transaction():
                _, data = self._cache.load(self.path, strict=True)
                if data is None:
                    self._write_whole(self.path, {"meta": {"1": meta()}, "settings": {}})
                    self.created = True
                    return
        if check_main(self.path, data) < SCHEMA:
            with self._transaction():
                _, data = self._cache.load(self.path, strict=True)
                if data is not None and check_main(self.path, data) < SCHEMA:
                    self._migrate(data)
        sweep_temp_files(self.layout, self._lock)

    def _migrate(self, data: Doc) -> None:
        """Bring an older diary up to ``SCHEMA``, one step at a time. Safe to
        re-run after a crash: each step keeps a backup first and is idempotent."""
        schema = check_main(self.path, data)
        if schema < 2:
            backup = self.path.with_name(f"{self.path.name}.schema1.bak")
            if not backup.exists():
                self._write_whole(backup, data)
            twitches, days, settings = from_schema_1(data)
            self._merge_locked(twitches, days)
            data = {"meta": {"1": meta()}, "settings": settings}
        # Schema 2 to 3: the month files are read as they are (every new field
        # has a default); only the stamp changes, so an older app refuses them.
        # Relief sessions and experiments get their ids (derived from what they
        # hold, so a re-run, or an old export imported later, gives the same).
        settings = data.get("settings", {})
        if schema < 3:
            self._write_together(with_ids(self.layout.shard_paths(), self._cache))
            settings = {k: settings_with_ids(v) for k, v in settings.items()}
        self._write_whole(self.path, {"meta": {"1": meta()}, "settings": settings})

    def may_set_aside(self, path: Path) -> bool:
        """Whether ``path`` is a file of this diary that twitchtui may rename
        (see ``recovery.may_set_aside``)."""
        return may_set_aside(self.layout, path)

    def set_aside(self, damaged: Path) -> Path:
        """Rename a damaged file out of the way (never delete it). Returns its new path."""
        if not self.may_set_aside(damaged):
            raise StoreError(f"{damaged} is not a twitchtui diary file; it was left as it is")
        target = aside_name(damaged, self.now().strftime("%Y%m%dT%H%M%S"))
        with self._transaction():
            os.replace(damaged, target)
        self._cache.forget(damaged)
        return target


def today(store: Store) -> date:
    """The diary day it is now, by the store's clock and day-start hour."""
    return diary_day(store.now(), store.settings().day_start_hour)
