"""Writing a diary: every change is a read-modify-write under the lock, through one TinyDB Storage.

One write path: every byte twitchtui writes to a diary file goes through
``DiaryStorage.write`` (atomic replace, then the cache learns the new
content). Single entries use TinyDB tables on that storage; a bulk merge
(the demo, an import, the schema upgrade) hands the storage a whole month's
document at once, one write per month instead of one per entry. Each write
runs under the cross-process lock on a freshly checked copy of its file.
Ids are UUIDs, so two processes never hand out the same one.

TinyDB itself is imported on the first write other than a new twitch
(``log_twitch`` appends to its month's table as TinyDB would): reading a
diary, which is all a start-up or ``twitchtui status`` does, and logging,
which is all ``twitchtui log`` does, never need it (about 5 ms saved,
timed in-process after twitchtui.store, median of 9 runs; the first-frame
test keeps it out).
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Clock, Conflict, DayLog, InvalidEntry, Settings, Twitch
from ..model.values import Doc
from .atomic import (
    AtomicJSONStorage,
    FileSystem,
    GroupWriteFailed,
    JsonCache,
    encode,
    is_read_only,
    write_together,
)
from .cache import DiaryCache, Shard
from .errors import (
    DiaryDamaged,
    DiaryReadOnly,
    ReadOnlyFile,
    StoreBusy,
    StoreError,
    StoreWriteFailed,
)
from .files import Layout, month_of
from .lock import DiaryLock, LockTimeout
from .reader import parse_settings
from .schema import meta, shard_doc

if TYPE_CHECKING:
    from tinydb.queries import QueryInstance
    from tinydb.table import Document, Table


class DiaryStorage(AtomicJSONStorage):
    """The storage of every diary file: stamps a file the first time it is written."""

    def __init__(self, path: Path, cache: JsonCache, fs: FileSystem, stamp: Doc) -> None:
        super().__init__(path, cache, fs)
        self.stamp = stamp

    def write(self, data: Doc) -> None:
        # The stamp goes first, so that even a file cut short still says whose it is.
        stamp = data.get("meta") or {"1": self.stamp}
        try:
            super().write({"meta": stamp, **{k: v for k, v in data.items() if k != "meta"}})
        except OSError as exc:
            raise write_error(self.path, exc) from exc  # names this file, not the main one


def field_is(name: str, value: object) -> QueryInstance:
    """A TinyDB query: the documents whose ``name`` is ``value``."""
    from tinydb import where  # lazy: see the module docstring

    query: QueryInstance = where(name) == value
    return query


def read_only_error(path: Path) -> DiaryReadOnly:
    return DiaryReadOnly(
        f"{path} is read-only, so twitchtui leaves it as it is and saves nothing. "
        f"To write to it again: chmod u+w {path}"
    )


def write_error(path: Path, exc: OSError) -> StoreError:
    """The store's error for a write the file system refused, saying why."""
    if isinstance(exc, ReadOnlyFile):
        return read_only_error(exc.path)
    if exc.errno == errno.ENOSPC:
        why = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "the folder is not writable"
    else:
        why = exc.strerror or str(exc)
    return StoreWriteFailed(f"could not save to {path}: {why}. Nothing was changed.")


class DiaryWriter:
    """The write side of ``Store``: every change, under the lock, through
    ``fs``; what it writes it tells ``cache``, which it shares with the reader."""

    def __init__(
        self, layout: Layout, cache: DiaryCache, now: Clock, lock: DiaryLock, fs: FileSystem
    ) -> None:
        self.path = layout.path
        self.layout = layout
        self.cache = cache
        self.now = now
        self.fs = fs
        """Every file-system call of a write (tests swap it to make one fail)."""
        self.lock = lock

    @property
    def read_only(self) -> bool:
        """The diary's main file is read-only: the whole diary is only read."""
        return is_read_only(self.path)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the cross-process lock around one read-modify-write; every
        refusal (read-only, busy, a failed write) as the store's own error."""
        if self.read_only:
            raise read_only_error(self.path)
        try:
            self.lock.acquire()
        except LockTimeout:
            raise StoreBusy(
                f"{self.path} is locked by another twitchtui process; try again in a moment"
            ) from None
        except OSError as exc:
            raise write_error(self.lock.path, exc) from exc
        try:
            yield
        except OSError as exc:
            raise write_error(self.path, exc) from exc
        finally:
            self.lock.release()

    def _storage(self, path: Path, stamp: Doc) -> DiaryStorage:
        return DiaryStorage(path, self.cache.files, self.fs, stamp)

    def write_whole(self, path: Path, data: Doc) -> None:
        """Replace a file's whole content (through the same storage as every write)."""
        try:
            self._storage(path, meta()).write(data)
        except OSError as exc:
            raise write_error(path, exc) from exc

    def _table(self, path: Path, name: str, stamp: Doc) -> Table:
        from tinydb import TinyDB  # lazy: see the module docstring

        db = TinyDB(path, storage=self._storage, stamp=stamp)
        return db.table(name, cache_size=0)

    def _shard_table(self, month: str, name: str) -> Table:
        return self._table(self.layout.shard(month), name, meta(month=month))

    # ------------------------------------------------------------------ twitches

    def log_twitch(self, twitch: Twitch) -> Twitch:
        """Validate and save one twitch. Returns it as saved."""
        clean = twitch.validated(self.now())
        month = month_of(clean.at.date())
        path = self.layout.shard(month)
        with self.transaction():
            current, data = self.cache.files.load(path, strict=True)
            # What TinyDB's ``insert`` writes (the next integer key of the
            # table), without importing TinyDB: ``twitchtui log`` is one write.
            tables = {name: dict(docs) for name, docs in (data or {}).items()}
            table = tables.setdefault("twitches", {})
            table[str(max(map(int, table), default=0) + 1)] = clean.to_doc()
            self._storage(path, meta(month=month)).write(tables)
            # The hot path of the dashboard: when the parsed shard we hold is the
            # file we just added to, extend it instead of parsing it all again.
            known = self.cache.shards.get(month)
            written = self.cache.files.entries.get(path)
            if known is not None and known.sig == current and written is not None:
                twitches = [*known.twitches, clean]
                if len(twitches) > 1 and twitches[-2].at > clean.at:
                    twitches.sort(key=lambda t: t.at)
                self.cache.shards[month] = Shard(written.sig, twitches, known.days, known.checks)
        return clean

    def merge(self, twitches: Iterable[Twitch], days: Iterable[DayLog] = ()) -> int:
        """Add many entries at once (demo, import): one write per month touched,
        all of them or none (``atomic.write_together``).

        Entries whose id (twitches, over the whole diary: an entry that moved
        to another month leaves its old one) or date (day logs) is already
        present are replaced, so merging the same data twice changes nothing.
        """
        return self.restore(twitches, days, until=self.now())

    def restore(
        self,
        twitches: Iterable[Twitch],
        days: Iterable[DayLog] = (),
        change: Callable[[Settings], Settings] | None = None,
        *,
        until: datetime,
    ) -> int:
        """``merge``, and the settings changed by ``change``, in one write of
        every file concerned: an import changes everything or nothing.
        ``until``: the latest moment an entry may have (an export's time plus
        a day, for a restore)."""
        clean = [t.validated(until) for t in twitches]
        clean_days = [log.validated() for log in days]
        with self.transaction():
            files = self._merged_files(clean, clean_days)
            if change is not None:
                files[self.path] = self._settings_file(change)
            self.write_together(files)
        return len(clean)

    def merge_locked(self, twitches: list[Twitch], days: list[DayLog]) -> None:
        """Merge entries into their month shards; the caller holds the lock."""
        self.write_together(self._merged_files(twitches, days))

    def _merged_files(self, twitches: list[Twitch], days: list[DayLog]) -> dict[Path, Doc]:
        """The month files that merging these entries changes, as they would be."""
        shards: dict[str, tuple[Doc, dict[str, Doc], dict[str, Doc]]] = {}

        def load(month: str) -> tuple[Doc, dict[str, Doc], dict[str, Doc]]:
            if month not in shards:
                path = self.layout.shard(month)
                _, existing = self.cache.files.load(path, strict=True)
                shard = existing or {"meta": {"1": meta(month=month)}}
                try:
                    shards[month] = (
                        shard["meta"],
                        {d["id"]: d for d in shard.get("twitches", {}).values()},
                        {d["day"]: d for d in shard.get("days", {}).values()},
                    )
                except (KeyError, TypeError) as exc:
                    raise DiaryDamaged(
                        path, f"holds an entry that cannot be read ({exc!r})"
                    ) from exc
            return shards[month]

        changed: set[str] = set()
        ids = {t.id for t in twitches}
        if ids:  # an id may already be kept in another month: it moves
            for month in self.layout.shard_paths():
                kept = load(month)[1]
                for gone in ids & kept.keys():
                    del kept[gone]
                    changed.add(month)
        for twitch in twitches:
            month = month_of(twitch.at.date())
            load(month)[1][twitch.id] = twitch.to_doc()
            changed.add(month)
        for log in days:
            month = month_of(log.day)
            load(month)[2][log.day.isoformat()] = log.to_doc()
            changed.add(month)
        return {self.layout.shard(month): shard_doc(*shards[month]) for month in sorted(changed)}

    def _settings_file(self, change: Callable[[Settings], Settings]) -> Doc:
        """The main file with its settings changed by ``change``."""
        _, data = self.cache.files.load(self.path, strict=True)
        data = dict(data or {"meta": {"1": meta()}})
        doc = (data.get("settings") or {}).get("1")
        clean = change(parse_settings(self.path, dict(doc)) if doc else Settings()).validated()
        return {**data, "settings": {"1": clean.to_doc()}}

    def write_together(self, files: dict[Path, Doc]) -> None:
        """Write whole files, all or none, and let the cache know them."""
        if not files:
            return
        raw = {
            path: encode({"meta": data.get("meta") or {"1": meta()}, **data})
            for path, data in files.items()
        }
        try:
            write_together(raw, self.fs)
        except GroupWriteFailed as exc:
            raise write_error(exc.path, exc) from exc
        except ReadOnlyFile as exc:
            raise read_only_error(exc.path) from exc
        for path, data in files.items():
            self.cache.files.remember(path, raw[path], data)

    def _find_twitch(self, table: Table, twitch: Twitch, *, unchanged: bool) -> Document:
        """The stored document of ``twitch`` (by id); with ``unchanged``, only if
        nobody has edited it since. Raises ``Conflict`` otherwise."""
        docs = table.search(field_is("id", twitch.id))
        if not docs:
            raise Conflict("that twitch is no longer in the diary")
        if unchanged and dict(docs[0]) != twitch.to_doc():
            raise Conflict("that twitch was changed elsewhere since")
        return docs[0]

    def update_twitch(self, old: Twitch, new: Twitch) -> Twitch:
        """Replace ``old`` with ``new`` (same id); the month may change.

        Only when the stored entry is still exactly ``old``: an edit made
        elsewhere meanwhile raises ``Conflict`` and nothing changes.
        """
        clean = new.validated(self.now())
        if clean.id != old.id:
            raise InvalidEntry("id", "an edit cannot change the entry's id")
        old_month, new_month = month_of(old.at.date()), month_of(clean.at.date())
        with self.transaction():
            old_table = self._shard_table(old_month, "twitches")
            doc = self._find_twitch(old_table, old, unchanged=True)
            if old_month == new_month:
                old_table.update(clean.to_doc(), doc_ids=[doc.doc_id])
                return clean
            # Insert first, then remove: a crash in between duplicates, never loses.
            self._shard_table(new_month, "twitches").insert(clean.to_doc())
            old_table.remove(doc_ids=[doc.doc_id])
        return clean

    def delete_twitch(self, twitch: Twitch, *, unchanged: bool = False) -> Twitch:
        """Remove a twitch by id and return it as it was stored.

        Raises ``Conflict`` when it is gone, or, with ``unchanged``, when it
        was edited elsewhere since ``twitch`` was read.
        """
        with self.transaction():
            table = self._shard_table(month_of(twitch.at.date()), "twitches")
            doc = self._find_twitch(table, twitch, unchanged=unchanged)
            removed = Twitch.from_doc(dict(doc))
            table.remove(doc_ids=[doc.doc_id])
        return removed

    def restore_twitch(self, twitch: Twitch) -> Twitch:
        """Put back a deleted twitch exactly as it was (undo of a delete).

        Raises ``Conflict`` when an entry with its id is already there.
        """
        with self.transaction():
            table = self._shard_table(month_of(twitch.at.date()), "twitches")
            if table.contains(field_is("id", twitch.id)):
                raise Conflict("that twitch is already back in the diary")
            table.insert(twitch.to_doc())
        return twitch

    # ------------------------------------------------------------------ days, settings

    def update_day(self, day: date, change: Callable[[DayLog], DayLog]) -> DayLog:
        """Read-modify-write one day's log under the lock. Returns the saved log."""
        with self.transaction():
            table = self._shard_table(month_of(day), "days")
            docs = table.search(field_is("day", day.isoformat()))
            current = DayLog.from_doc(docs[0]) if docs else DayLog(day)
            updated = change(current).validated()
            if updated.day != day:
                raise InvalidEntry("day", "a day log cannot move to another day")
            if docs:
                table.update(updated.to_doc(), doc_ids=[docs[0].doc_id])
            else:
                table.insert(updated.to_doc())
        return updated

    def save_settings(self, settings: Settings) -> Settings:
        """Replace every setting (first run, tests). Edits use ``update_settings``."""
        return self.update_settings(lambda _current: settings)

    def update_settings(self, change: Callable[[Settings], Settings]) -> Settings:
        """Read-modify-write the settings under the lock. Returns them as saved."""
        from tinydb.table import Document  # lazy: see the module docstring

        with self.transaction():
            table = self._table(self.path, "settings", meta())
            doc = table.get(doc_id=1)
            current = parse_settings(self.path, dict(doc)) if doc else Settings()
            clean = change(current).validated()
            table.upsert(Document(clean.to_doc(), doc_id=1))
        return clean
