"""Writing a diary: every change, under the lock, as records added to this device's files.

A change arrives as a whole twitch or as a change to the merged current
value (``update_day(day, change)``, ``update_settings(change)``); the writer
applies it to the month (or settings) merged from every device's files,
then appends the difference as records (``records``) to the files carrying
this device's name. No other device's file is ever written, so two
machines sharing the folder through a sync tool never write the same file.

One write path: every byte twitchtui writes to a diary file goes through
``atomic`` (atomic replace, then the cache learns the new content). Each
write runs under the cross-process lock on a freshly checked copy of its
files. Ids are UUIDs, so two processes (or machines) never hand out the same one.

Files keep TinyDB's layout (tables of documents under integer keys), and
new documents are added as TinyDB's ``insert`` would, without importing
TinyDB: reading a diary, which is all a start-up or ``twitchtui status``
does, and logging, which is all ``twitchtui log`` does, never need it.
"""

from __future__ import annotations

import errno
import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from ..model import Clock, Conflict, DayLog, InvalidEntry, Settings, Twitch
from ..model.checked import CheckedTwitches
from ..model.values import Doc
from .atomic import (
    AtomicJSONStorage,
    FileSystem,
    GroupWriteFailed,
    JsonCache,
    encode,
    is_read_only,
    signature,
    write_together,
)
from .cache import DiaryCache, Shard
from .errors import (
    DiaryReadOnly,
    ReadOnlyFile,
    StoreBusy,
    StoreError,
    StoreWriteFailed,
)
from .files import Layout, month_of
from .lock import DiaryLock, LockTimeout
from .reader import MonthView, SettingsView, read_month, read_settings
from .records import (
    bare,
    day_record,
    later,
    settings_record,
    tombstone,
    twitch_key,
    version,
)
from .schema import check_shard, meta


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


def write_files(writer: DiaryWriter, files: dict[Path, Doc]) -> None:
    """Write whole files, all or none, and let the cache know them (one
    file: an atomic replace, with no copy of the old one kept to put back)."""
    if not files:
        return
    if len(files) == 1:
        [(path, data)] = files.items()
        writer.storage(path, meta()).write(data)
        return
    raw = {
        path: encode({"meta": data.get("meta") or {"1": meta()}, **data})
        for path, data in files.items()
    }
    try:
        write_together(raw, writer.fs, writer.layout.journal)
    except GroupWriteFailed as exc:
        raise write_error(exc.path, exc) from exc
    except ReadOnlyFile as exc:
        raise read_only_error(exc.path) from exc
    for path, data in files.items():
        writer.cache.files.remember(path, raw[path], data)


def write_streamed(writer: DiaryWriter, files: Iterator[tuple[Path, Doc]]) -> None:
    """``write_files``, with the files made one at a time as they are written
    (a restore of fifty years writes 600 month files): each is encoded and
    written to its temporary file, then let go, so that what is held is one
    month's document and bytes, not the whole diary's. All or none, as
    ``write_files``: the temporary files replace the diary's only once every
    one is written. The cache forgets each file written (it is read again
    when next needed) instead of holding them all."""
    first = list(itertools.islice(files, 2))
    if len(first) < 2:  # one file (or none): as ``write_files`` writes it
        write_files(writer, dict(first))
        return
    written: list[Path] = []

    def encoded() -> Iterator[tuple[Path, bytes]]:
        for path, data in itertools.chain(first, files):
            written.append(path)
            yield path, encode({"meta": data.get("meta") or {"1": meta()}, **data})

    try:
        write_together(encoded(), writer.fs, writer.layout.journal)
    except GroupWriteFailed as exc:
        raise write_error(exc.path, exc) from exc
    except ReadOnlyFile as exc:
        raise read_only_error(exc.path) from exc
    finally:
        for path in written:
            writer.cache.files.forget(path)


def checked(twitches: Iterable[Twitch], until: datetime) -> list[Twitch]:
    """``twitches``, each ``validated(until)``: unless they were checked
    already against that limit or a stricter one, as an import's are
    (``CheckedTwitches``, which only ``TwitchChecks`` makes)."""
    if isinstance(twitches, CheckedTwitches) and twitches.checked_by(until):
        return list(twitches)
    return [t.validated(until) for t in twitches]


def current_version(view: MonthView, twitch: Twitch, *, unchanged: bool) -> Doc:
    """The merged current version of ``twitch`` (by id); with ``unchanged``,
    only if nobody has edited it since. Raises ``Conflict`` otherwise."""
    held = view.twitches.get(twitch.id)
    if held is None or held[0].get("gone"):
        raise Conflict("that twitch is no longer in the diary")
    if unchanged and bare(held[0]) != twitch.to_doc():
        raise Conflict("that twitch was changed elsewhere since")
    return held[0]


def stamp_in(view: MonthView, ident: str) -> str:
    """The stamp of the version of ``ident`` that wins in ``view`` ("" if none)."""
    held = view.twitches.get(ident)
    return twitch_key(held[0])[0] if held else ""


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

    def storage(self, path: Path, stamp: Doc) -> DiaryStorage:
        return DiaryStorage(path, self.cache.files, self.fs, stamp)

    def write_whole(self, path: Path, data: Doc) -> None:
        """Replace a file's whole content (through the same storage as every write)."""
        try:
            self.storage(path, meta()).write(data)
        except OSError as exc:
            raise write_error(path, exc) from exc

    # ------------------------------------------------------------------ this device's files

    def own_tables(self, path: Path) -> dict[str, dict[str, Doc]]:
        """This device's file ``path`` as tables (a copy to add to), read
        again under the lock; an empty one when it does not exist yet."""
        _, data = self.cache.files.load(path, strict=True)
        if data is not None:
            check_shard(path, data)
        return {name: dict(docs) for name, docs in (data or {}).items() if name != "meta"}

    @staticmethod
    def append(tables: dict[str, dict[str, Doc]], table: str, docs: Iterable[Doc]) -> None:
        """Add documents to a table as TinyDB's ``insert`` would (the next integer key)."""
        held = tables.setdefault(table, {})
        n = max(map(int, held), default=0)
        for doc in docs:
            n += 1
            held[str(n)] = doc

    def month_file(self, month: str, tables: dict[str, dict[str, Doc]]) -> Doc:
        return {"meta": {"1": meta(month=month, device=self.layout.device)}, **tables}

    def _settings_doc(self, tables: dict[str, dict[str, Doc]]) -> Doc:
        return {"meta": {"1": meta(device=self.layout.device)}, **tables}

    def view(self, month: str, *, day: date | None = None) -> MonthView:
        """The month merged from every file, read again under the lock; with
        ``day``, that day's log alone (its twitches and other days unread)."""
        files = self.layout.month_files(month, fresh=True)
        unreadable = self.cache.unreadable
        return read_month(
            self.layout,
            self.cache.files,
            files,
            unreadable,
            strict=True,
            twitches=day is None,
            day=day,
        )

    def _settings_view(self) -> SettingsView:
        return read_settings(
            self.layout, self.cache.files, self.cache.unreadable, strict=True, fresh=True
        )

    # ------------------------------------------------------------------ twitches

    def log_twitch(self, twitch: Twitch) -> Twitch:
        """Validate and save one twitch. Returns it as saved."""
        clean = twitch.validated(self.now())
        month = month_of(clean.at.date())
        path = self.layout.shard(month)
        with self.transaction():
            known = self.cache.shards.get(month)
            # The merged month we hold may be extended when every file it was
            # made from is as it was. A file that appeared since (another
            # device's) is not in it: its signature differs from the month's
            # the next time the month is read, which merges it again. But this
            # device's own file is given its new signature below, so it must
            # have been in the month, or not be there at all: one written
            # since (a delete of another machine's twitch, the first entry of
            # this device this month) would be taken as merged, and the twitch
            # it deleted would come back.
            fresh = (
                known is not None
                and known.sig is not None
                and all(signature(self.layout.folder / name) == sig for name, sig in known.sig)
                and (any(name == path.name for name, _ in known.sig) or signature(path) is None)
            )
            # A new twitch is a new id: appended to this device's own file,
            # as TinyDB's ``insert`` would, without importing TinyDB or
            # reading the other devices' files (``twitchtui log`` is one write).
            tables = self.own_tables(path)
            self.append(tables, "twitches", [clean.to_doc()])
            self.storage(path, meta(month=month, device=self.layout.device)).write(tables)
            written = self.cache.files.entries.get(path)
            if known is not None and known.sig is not None and fresh and written is not None:
                kept = [entry for entry in known.sig if entry[0] != path.name]
                sig = tuple(sorted([*kept, (path.name, written.sig)]))
                twitches = [*known.twitches, clean]
                if len(twitches) > 1 and twitches[-2].at > clean.at:
                    twitches.sort(key=lambda t: t.at)
                self.cache.shards[month] = Shard(sig, twitches, known.days, known.checks)
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
        clean = checked(twitches, until)
        clean_days = [log.validated() for log in days]
        with self.transaction():
            bulk = BulkMerge(self)
            bulk.twitches(clean)
            bulk.days(clean_days)
            settings = None
            if change is not None:
                settings, _ = self._settings_file(change)
            files = bulk.files()
            if settings is not None:
                files = itertools.chain(files, [(self.layout.settings_file, settings)])
            write_streamed(self, files)
        return len(clean)

    def _settings_file(self, change: Callable[[Settings], Settings]) -> tuple[Doc | None, Settings]:
        """This device's settings file with the record of ``change`` (None
        when it changes nothing), and the settings as changed."""
        view = self._settings_view()
        clean = change(view.settings).validated()
        record = settings_record(view.settings, clean, view.state, self.now(), self.layout.device)
        if record is None:
            return None, clean
        tables = self.own_tables(self.layout.settings_file)
        self.append(tables, "settings", [record])
        return self._settings_doc(tables), clean

    def write_together(self, files: dict[Path, Doc]) -> None:
        """Write whole files, all or none, and let the cache know them (``write_files``)."""
        write_files(self, files)

    def _add_to(self, month: str, table: str, docs: list[Doc]) -> tuple[Path, Doc]:
        path = self.layout.shard(month)
        tables = self.own_tables(path)
        self.append(tables, table, docs)
        return path, self.month_file(month, tables)

    def update_twitch(self, old: Twitch, new: Twitch) -> Twitch:
        """Replace ``old`` with ``new`` (same id); the month may change.

        Only when the merged current version is still exactly ``old``: an
        edit made elsewhere meanwhile raises ``Conflict`` and nothing
        changes. Written as a new version of the id (and, when it moves to
        another month, a tombstone in the old one, in the same write).
        """
        clean = new.validated(self.now())
        if clean.id != old.id:
            raise InvalidEntry("id", "an edit cannot change the entry's id")
        old_month, new_month = month_of(old.at.date()), month_of(clean.at.date())
        device = self.layout.device
        with self.transaction():
            doc = current_version(self.view(old_month), old, unchanged=True)
            floor = twitch_key(doc)[0]
            if old_month != new_month:
                floor = max(floor, stamp_in(self.view(new_month), clean.id))
            stamp = later(self.now(), floor)
            if old_month == new_month:
                self.write_together(
                    dict([self._add_to(old_month, "twitches", [version(clean, stamp, device)])])
                )
                return clean
            self.write_together(
                dict(
                    [
                        self._add_to(new_month, "twitches", [version(clean, stamp, device)]),
                        self._add_to(old_month, "twitches", [tombstone(clean.id, stamp, device)]),
                    ]
                )
            )
        return clean

    def delete_twitch(self, twitch: Twitch, *, unchanged: bool = False) -> Twitch:
        """Remove a twitch by id (a tombstone) and return it as it was.

        Raises ``Conflict`` when it is gone, or, with ``unchanged``, when it
        was edited elsewhere since ``twitch`` was read.
        """
        month = month_of(twitch.at.date())
        with self.transaction():
            doc = current_version(self.view(month), twitch, unchanged=unchanged)
            removed = Twitch.from_doc(bare(doc))
            stamp = later(self.now(), twitch_key(doc)[0])
            mark = tombstone(twitch.id, stamp, self.layout.device)
            self.write_together(dict([self._add_to(month, "twitches", [mark])]))
        return removed

    def restore_twitch(self, twitch: Twitch) -> Twitch:
        """Put back a deleted twitch exactly as it was (undo of a delete): a
        version later than its tombstone.

        Raises ``Conflict`` when an entry with its id is already there.
        """
        month = month_of(twitch.at.date())
        with self.transaction():
            view = self.view(month)
            held = view.twitches.get(twitch.id)
            if held is not None and not held[0].get("gone"):
                raise Conflict("that twitch is already back in the diary")
            stamp = later(self.now(), twitch_key(held[0])[0] if held else "")
            doc = version(twitch, stamp, self.layout.device)
            self.write_together(dict([self._add_to(month, "twitches", [doc])]))
        return twitch

    # ------------------------------------------------------------------ days, settings

    def update_day(self, day: date, change: Callable[[DayLog], DayLog]) -> DayLog:
        """Apply ``change`` to the merged day under the lock, and append what
        it changed as one record to this device's file. Returns the saved log."""
        month = month_of(day)
        with self.transaction():
            view = self.view(month, day=day)
            state = view.states.get(day)
            current = view.logs.get(day) or DayLog(day)
            updated = change(current).validated()
            if updated.day != day:
                raise InvalidEntry("day", "a day log cannot move to another day")
            record = day_record(current, updated, state, self.now(), self.layout.device)
            if record is not None:
                self.write_together(dict([self._add_to(month, "days", [record])]))
        return updated

    def save_settings(self, settings: Settings) -> Settings:
        """Replace every setting (first run, tests). Edits use ``update_settings``."""
        return self.update_settings(lambda _current: settings)

    def update_settings(self, change: Callable[[Settings], Settings]) -> Settings:
        """Apply ``change`` to the merged settings under the lock, and append
        what it changed as one record to this device's settings file."""
        with self.transaction():
            doc, clean = self._settings_file(change)
            if doc is not None:
                self.write_together({self.layout.settings_file: doc})
        return clean


class BulkMerge:
    """What merging many entries (the demo, an import) adds to this device's
    month files: a new twitch as it is, a changed one as a new version (and
    a tombstone where it was kept under another month), a day as the record
    that makes the merged day what it is given as. Each month is read once."""

    def __init__(self, writer: DiaryWriter) -> None:
        self.writer = writer
        self.now = writer.now()
        self.device = writer.layout.device
        self.views: dict[str, MonthView] = {}
        self.added: dict[str, dict[str, list[Doc | Twitch]]] = {}

    def view(self, month: str) -> MonthView:
        if month not in self.views:
            self.views[month] = self.writer.view(month)
        return self.views[month]

    def add(self, month: str, table: str, doc: Doc | Twitch) -> None:
        """Add ``doc`` to the month's ``table``; a twitch given as itself is
        added as ``to_doc`` makes it, made only when its month is written."""
        self.added.setdefault(month, {}).setdefault(table, []).append(doc)

    def twitches(self, twitches: list[Twitch]) -> None:
        if not twitches:
            return
        where: dict[str, tuple[str, Doc]] = {}  # an id may be kept in another month: it moves
        for month in self.writer.layout.listing(fresh=True).months:
            for ident, (doc, _) in self.view(month).twitches.items():
                if not doc.get("gone"):
                    where[ident] = (month, doc)
        for twitch in twitches:
            month = month_of(twitch.at.date())
            kept = where.get(twitch.id)
            view = self.view(month)
            if kept is None:
                gone = view.twitches.get(twitch.id)
                if gone is None:  # a new id: added as it is, with no stamp
                    self.add(month, "twitches", twitch)
                    continue
            if kept is not None and kept[0] == month and bare(kept[1]) == twitch.to_doc():
                continue  # the same entry again: nothing to write
            floor = stamp_in(view, twitch.id)
            stamp = later(self.now, max(floor, twitch_key(kept[1])[0] if kept else ""))
            self.add(month, "twitches", version(twitch, stamp, self.device))
            if kept is not None and kept[0] != month:
                self.add(kept[0], "twitches", tombstone(twitch.id, stamp, self.device))

    def days(self, days: list[DayLog]) -> None:
        for log in days:
            month = month_of(log.day)
            state = self.view(month).states.get(log.day)
            current = self.view(month).logs.get(log.day) or DayLog(log.day)
            record = day_record(current, log, state, self.now, self.device)
            if record is not None:
                self.add(month, "days", record)

    def files(self) -> Iterator[tuple[Path, Doc]]:
        """Each month file written, oldest first, made only when asked for
        (and what was added to it let go once it is made)."""
        for month in sorted(self.added):
            path = self.writer.layout.shard(month)
            tables = self.writer.own_tables(path)
            for table, docs in self.added.pop(month).items():
                self.writer.append(
                    tables, table, (d.to_doc() if isinstance(d, Twitch) else d for d in docs)
                )
            yield path, self.writer.month_file(month, tables)


def own_of_day(writer: DiaryWriter, day: date) -> tuple[set[str], set[datetime]]:
    """The ids of the twitches ``writer``'s device logged (not only edited)
    and the moments of the cups it added for ``day``: what the shell's
    ``--undo`` may take back, never another machine's entry. A diary day's
    twitches may lie in the next month's file (after midnight)."""
    ids: set[str] = set()
    cups: set[datetime] = set()
    iso = day.isoformat()
    for month in sorted({month_of(day), month_of(day + timedelta(days=1))}):
        tables = writer.own_tables(writer.layout.shard(month))
        docs = tables.get("twitches", {}).values()
        ids.update(str(d.get("id")) for d in docs if not d.get("v"))  # as first logged
        for record in tables.get("days", {}).values():
            if record.get("day") == iso and isinstance(record.get("coffees"), dict):
                cups.update(
                    datetime.fromisoformat(str(moment).partition("#")[0])
                    for moment, there in record["coffees"].items()
                    if there
                )
    return ids, cups
