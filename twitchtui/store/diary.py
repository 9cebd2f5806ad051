"""The twitch diary on disk: TinyDB JSON files, sharded by month.

Layout, for ``--db ~/notes/diary.json``::

    diary.json            main file: schema version and settings (small)
    diary.2026-11.json    one shard per calendar month: twitches and day logs
    diary.json.lock       cross-process lock held around every read-modify-write

Why shards: plain TinyDB re-reads and rewrites the whole file on each insert,
so logging slows down linearly with history (measured 3.6 ms at 1k twitches,
609 ms at 100k). Here a write touches only its month's file, whose size depends
on how often one logs, not on how long one has logged; opening the diary reads
only the main file. Reads are cached per file and re-parsed only when the file
changed (see ``atomic.JsonCache``), which is also how a change made by another
process (a second TUI, ``twitchtui log`` from a shell) is picked up.

Writes are crash-safe (``atomic.atomic_write``) and serialised across processes
by a lock file (``lock.DiaryLock``); each runs under the lock on a freshly checked
copy of its file.
Ids are UUIDs, so two processes never hand out the same one.

Schema history:

1. one file holding everything (twitches with ``timestamp``/``duration``/``uuid``)
2. monthly shards; twitches keyed ``id``/``at``/``duration_s``
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import attrgetter
from pathlib import Path

from tinydb import Query, TinyDB
from tinydb.table import Document, Table

from ..model import Clock, Conflict, DayLog, InvalidEntry, Settings, Twitch, diary_day, local_now
from .atomic import (
    DIR_MODE,
    AtomicJSONStorage,
    FsOps,
    JsonCache,
    Signature,
    atomic_write,
    encode,
    is_read_only,
    signature,
)
from .errors import (
    DiaryDamaged,
    DiaryReadOnly,
    DiaryTooNew,
    NotADiaryPath,
    ReadOnlyFile,
    StoreBusy,
    StoreError,
    StoreWriteFailed,
)
from .lock import DiaryLock, LockTimeout

APP = "twitchtui"
SCHEMA = 2
_STAMP = re.compile(rb'"app"\s*:\s*"twitchtui')


def _meta(**extra: object) -> dict:
    return {"app": APP, "schema": SCHEMA, **extra}


class _StampedStorage(AtomicJSONStorage):
    """Adds the ``meta`` table to a file the first time it is written."""

    def __init__(self, path: Path, cache: JsonCache, ops: FsOps, stamp: dict) -> None:
        super().__init__(path, cache, ops)
        self.stamp = stamp

    def write(self, data: dict) -> None:
        # The stamp goes first, so that even a file cut short still says whose it is.
        meta = data.get("meta") or {"1": self.stamp}
        super().write({"meta": meta, **{k: v for k, v in data.items() if k != "meta"}})


@dataclass
class _Shard:
    sig: Signature | None
    twitches: list[Twitch] = field(default_factory=list)
    days: dict[date, DayLog] = field(default_factory=dict)
    checks: dict[date, DayLog] = field(default_factory=dict)
    """The days with self-check answers or a clinician visit (few; read whole-diary)."""

    @classmethod
    def of(cls, sig: Signature | None, twitches: list[Twitch], days: dict[date, DayLog]) -> _Shard:
        checks = {d: log for d, log in days.items() if log.symptoms or log.seen_clinician}
        return cls(sig, twitches, days, checks)


def _month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _month_span(month: str) -> tuple[date, date]:
    """The first and last calendar day of a "YYYY-MM" month."""
    year, number = int(month[:4]), int(month[5:7])
    following = date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
    return date(year, number, 1), following - timedelta(days=1)


def _months(first: date, last: date) -> list[str]:
    months: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _shard_doc(meta: dict, twitches: dict[str, dict], days: dict[str, dict]) -> dict:
    """A shard file's content in TinyDB's layout (tables of numbered documents)."""
    return {
        "meta": meta,
        "twitches": {str(i): d for i, d in enumerate(twitches.values(), 1)},
        "days": {str(i): d for i, d in enumerate(days.values(), 1)},
    }


def _read_only(path: Path) -> DiaryReadOnly:
    return DiaryReadOnly(
        f"{path} is read-only, so twitchtui leaves it as it is and saves nothing. "
        f"To write to it again: chmod u+w {path}"
    )


def _write_error(path: Path, exc: OSError) -> StoreError:
    if isinstance(exc, ReadOnlyFile):
        return _read_only(exc.path)
    if exc.errno == errno.ENOSPC:
        why = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "the folder is not writable"
    else:
        why = exc.strerror or str(exc)
    return StoreWriteFailed(f"could not save to {path}: {why}. Nothing was changed.")


class Store:
    """The only object that reads or writes diary files. One per process."""

    def __init__(
        self,
        path: Path | str,
        *,
        now: Clock = local_now,
        lock_timeout: float = 5.0,
        ops: FsOps | None = None,
    ) -> None:
        self.path = Path(path).expanduser().absolute()
        self.now = now
        self._ops = ops or FsOps()
        self._cache = JsonCache()
        self._shards: dict[str, _Shard] = {}
        self._lock = DiaryLock(Path(f"{self.path}.lock"), lock_timeout)
        stem = self.path.name.removesuffix(".json")
        self._shard_re = re.compile(rf"^{re.escape(stem)}\.(\d{{4}}-\d{{2}})\.json$")
        self._stem = stem
        self.created = False
        self._settings: tuple[Signature, Settings] | None = None
        """True when this Store created the diary (a first run)."""

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path | str, **kwargs: object) -> Store:
        """Open (or create) a diary. Raises ``DiaryDamaged`` or ``DiaryTooNew``."""
        store = cls(path, **kwargs)  # type: ignore[arg-type]
        store._ensure()
        return store

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def read_only(self) -> bool:
        """The diary's main file is read-only: the whole diary is only read."""
        return is_read_only(self.path)

    def _ensure(self) -> None:
        self._check_kind()
        if not self.folder.exists():
            try:
                self.folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            except OSError as exc:
                raise _write_error(self.folder, exc) from exc
        _, data = self._cache.load(self.path)
        if data is None:
            with self._transaction():
                _, data = self._cache.load(self.path, strict=True)
                if data is None:
                    self._write_raw(self.path, {"meta": {"1": _meta()}, "settings": {}})
                    self.created = True
                    return
        schema = self._check_main(data)
        if schema < SCHEMA:
            with self._transaction():
                _, data = self._cache.load(self.path, strict=True)
                if data is not None and self._check_main(data) < SCHEMA:
                    self._migrate(data)
        self._sweep_temp_files()

    def _check_kind(self) -> None:
        """Refuse a path that is a folder, a device or a pipe: never read or move it."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise NotADiaryPath(f"{self.path} cannot be used as a diary: {exc.strerror}") from exc
        if stat.S_ISDIR(st.st_mode):
            raise NotADiaryPath(
                f"{self.path} is a folder, not a diary file. Give a file name such as "
                f"--db {self.path / 'diary.json'}"
            )
        if not stat.S_ISREG(st.st_mode):
            raise NotADiaryPath(f"{self.path} is not a regular file, so it cannot hold a diary")

    def _check_main(self, data: dict) -> int:
        meta = data.get("meta", {}).get("1")
        if not isinstance(meta, dict) or meta.get("app") != APP:
            raise DiaryDamaged(self.path, "is JSON, but not a twitchtui diary")
        schema = meta.get("schema")
        if not isinstance(schema, int) or schema < 1:
            raise DiaryDamaged(self.path, "has no valid schema version")
        if schema > SCHEMA:
            raise DiaryTooNew(
                f"{self.path} was written by a newer twitchtui (diary schema {schema}; "
                f"this version reads up to {SCHEMA}). Upgrade twitchtui to open it."
            )
        return schema

    def _sweep_temp_files(self) -> None:
        """Remove temp files a killed writer left behind (never a diary file)."""
        prefixes = (f".{self.path.name}.", f".{self._stem}.")
        strays = [
            e.path
            for e in os.scandir(self.folder)
            if e.name.startswith(prefixes) and e.name.endswith(".tmp")
        ]
        if not strays:
            return
        try:
            self._lock.acquire(timeout=0)
        except LockTimeout:
            return  # a writer is busy right now; its temp file is not stray
        try:
            for stray in strays:
                with suppress(OSError):
                    os.unlink(stray)
        finally:
            self._lock.release()

    def may_set_aside(self, path: Path) -> bool:
        """Whether ``path`` is a diary file of this diary that twitchtui may rename.

        Only a regular file under one of this diary's own names, which carries
        twitchtui's stamp (or, for a month file, begins with its layout) or
        holds nothing at all (empty or zero bytes: what a crash of the file
        system can leave). Never a folder, never a file of
        someone else's that happens to be named by ``--db``.
        """
        path = Path(path).absolute()
        is_main = path == self.path
        is_shard = path.parent == self.folder and bool(self._shard_re.match(path.name))
        if not (is_main or is_shard):
            return False
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return False
            raw = path.read_bytes()
        except OSError:
            return False
        if _STAMP.search(raw) or not raw.strip(b"\0 \t\r\n"):
            return True
        # Files written before the stamp went first begin with a diary table.
        return is_shard and raw.lstrip().startswith((b'{"twitches":', b'{"days":'))

    def set_aside(self, damaged: Path) -> Path:
        """Rename a damaged file out of the way (never delete it). Returns its new path."""
        if not self.may_set_aside(damaged):
            raise StoreError(f"{damaged} is not a twitchtui diary file; it was left as it is")
        stamp = self.now().strftime("%Y%m%dT%H%M%S")
        target = damaged.with_name(f"{damaged.name}.damaged-{stamp}")
        with self._transaction():
            os.replace(damaged, target)
        self._cache.forget(damaged)
        return target

    # ------------------------------------------------------------------ migration

    def _migrate(self, data: dict) -> None:
        """Schema 1 (one file) to 2 (monthly shards). Safe to re-run after a crash."""
        backup = self.path.with_name(f"{self.path.name}.schema1.bak")
        if not backup.exists():
            self._write_raw(backup, data)
        twitches = [
            Twitch.from_doc(
                {
                    "id": doc.get("uuid") or doc.get("id"),
                    "at": doc["timestamp"],
                    "site": doc["site"],
                    "side": doc["side"],
                    "intensity": doc["intensity"],
                    "duration_s": doc.get("duration", 0),
                    "note": doc.get("note", ""),
                    "triggers": doc.get("triggers", []),
                }
            )
            for doc in data.get("twitches", {}).values()
        ]
        days = [DayLog.from_doc(doc) for doc in data.get("days", {}).values()]
        self._merge_locked(twitches, days)
        main = {"meta": {"1": _meta()}, "settings": data.get("settings", {})}
        self._write_raw(self.path, main)

    # ------------------------------------------------------------------ files

    def _shard_path(self, month: str) -> Path:
        return self.folder / f"{self._stem}.{month}.json"

    def shard_paths(self) -> dict[str, Path]:
        """Every month that has a shard file, oldest first."""
        found: dict[str, Path] = {}
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            return found
        for entry in entries:
            match = self._shard_re.match(entry.name)
            if match:
                found[match.group(1)] = Path(entry.path)
        return dict(sorted(found.items()))

    def data_files(self) -> list[Path]:
        """The main file and every shard: what a backup must copy."""
        return [self.path, *self.shard_paths().values()]

    def _write_raw(self, path: Path, data: dict) -> None:
        raw = encode(data)
        try:
            atomic_write(path, raw, self._ops)
        except OSError as exc:
            raise _write_error(path, exc) from exc
        self._cache.remember(path, raw, data)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self.read_only:
            raise _read_only(self.path)
        try:
            self._lock.acquire()
        except LockTimeout:
            raise StoreBusy(
                f"{self.path} is locked by another twitchtui process; try again in a moment"
            ) from None
        except OSError as exc:
            raise _write_error(self._lock.path, exc) from exc
        try:
            yield
        except OSError as exc:
            raise _write_error(self.path, exc) from exc
        finally:
            self._lock.release()

    def _table(self, path: Path, name: str, stamp: dict) -> Table:
        db = TinyDB(path, storage=_StampedStorage, cache=self._cache, ops=self._ops, stamp=stamp)
        return db.table(name, cache_size=0)

    def _shard_table(self, month: str, name: str) -> Table:
        return self._table(self._shard_path(month), name, _meta(month=month))

    # ------------------------------------------------------------------ reading

    def _shard(self, month: str, *, strict: bool = False) -> _Shard:
        path = self._shard_path(month)
        sig, data = self._cache.load(path, strict=strict)
        if data is None:
            return _Shard(None)
        cached = self._shards.get(month)
        if cached is not None and cached.sig == sig:
            return cached
        meta = data.get("meta", {}).get("1")
        if not isinstance(meta, dict) or meta.get("app") != APP:
            raise DiaryDamaged(path, "is JSON, but not a twitchtui diary shard")
        try:
            twitches = sorted(
                (Twitch.from_doc(d) for d in data.get("twitches", {}).values()),
                key=lambda t: t.at,
            )
            days = {log.day: log for log in map(DayLog.from_doc, data.get("days", {}).values())}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DiaryDamaged(path, f"holds an entry that cannot be read ({exc!r})") from exc
        shard = _Shard.of(sig, twitches, days)
        self._shards[month] = shard
        return shard

    def settings(self) -> Settings:
        """The settings, parsed again only when the main file changed."""
        sig, data = self._cache.load(self.path)
        if data is None:
            raise DiaryDamaged(self.path, "has disappeared")
        if self._settings is not None and self._settings[0] == sig:
            return self._settings[1]
        self._check_main(data)
        settings = self._parse_settings(data.get("settings", {}).get("1", {}))
        self._settings = (sig, settings)
        return settings

    def _parse_settings(self, doc: dict) -> Settings:
        try:
            return Settings.from_doc(doc)
        except (InvalidEntry, TypeError, KeyError, ValueError) as exc:
            raise DiaryDamaged(self.path, f"holds settings that cannot be read ({exc})") from exc

    def twitches(self, first: date | None = None, last: date | None = None) -> list[Twitch]:
        """Twitches whose diary day lies in ``first``..``last`` (inclusive), oldest first."""
        day_start = self.settings().day_start_hour
        if first is None or last is None:
            months = list(self.shard_paths())
        else:
            # A diary day can reach past midnight into the next calendar date.
            months = _months(first, last + timedelta(days=1))
        out: list[Twitch] = []
        for month in months:
            shard = self._shard(month).twitches
            # A shard holds one calendar month of twitches, whose diary days run
            # from the day before the 1st to the last day of the month.
            begins, ends = _month_span(month)
            if (first is None or first < begins) and (last is None or ends <= last):
                out.extend(shard)  # all of it: the usual case for the middle months
                continue
            for twitch in shard:
                day = diary_day(twitch.at, day_start)
                if (first is None or day >= first) and (last is None or day <= last):
                    out.append(twitch)
        out.sort(key=attrgetter("at"))
        return out

    def day_logs(self, first: date | None = None, last: date | None = None) -> dict[date, DayLog]:
        months = list(self.shard_paths()) if first is None or last is None else _months(first, last)
        out: dict[date, DayLog] = {}
        for month in months:
            for day, log in self._shard(month).days.items():
                if (first is None or day >= first) and (last is None or day <= last):
                    out[day] = log
        return dict(sorted(out.items()))

    def self_check_logs(self) -> dict[date, DayLog]:
        """Every day log, over the whole diary, with self-check answers or a
        clinician visit: what the urgent rule needs, without every day's log."""
        out: dict[date, DayLog] = {}
        for month in self.shard_paths():
            out.update(self._shard(month).checks)
        return dict(sorted(out.items()))

    def warm(self, month: str) -> None:
        """Read one month into the cache (so a long read can be done a month at a time)."""
        self._shard(month)

    def day_log(self, day: date) -> DayLog:
        return self._shard(_month_of(day)).days.get(day) or DayLog(day)

    def last_twitch(self) -> Twitch | None:
        for month in reversed(self.shard_paths()):
            twitches = self._shard(month).twitches
            if twitches:
                return twitches[-1]
        return None

    def first_twitch(self) -> Twitch | None:
        for month in self.shard_paths():
            twitches = self._shard(month).twitches
            if twitches:
                return twitches[0]
        return None

    def stamp(self, days: list[date]) -> tuple:
        """The stat signatures of the files behind ``days``: a look that costs
        a few ``stat`` calls, for polling. ``fingerprint`` is the sure one."""
        return tuple(signature(path) for path in self._day_paths(days))

    def _day_paths(self, days: list[date]) -> list[Path]:
        months = sorted({_month_of(d) for d in days} | {_month_of(d + timedelta(1)) for d in days})
        return [self.path, *(self._shard_path(m) for m in months)]

    def fingerprint(self, days: list[date]) -> tuple:
        """Changes whenever the main file or the shards behind ``days`` change.

        Content-checked (not only stat), so a poll every second never misses
        another process's write.
        """
        out = []
        for path in self._day_paths(days):
            self._cache.load(path, strict=True)
            entry = self._cache.entries.get(path)
            out.append(entry.digest if entry else None)
        return tuple(out)

    # ------------------------------------------------------------------ writing

    def log_twitch(self, twitch: Twitch) -> Twitch:
        """Validate and save one twitch. Returns it as saved."""
        clean = twitch.validated(self.now())
        month = _month_of(clean.at.date())
        path = self._shard_path(month)
        with self._transaction():
            current, _ = self._cache.load(path, strict=True)
            self._shard_table(month, "twitches").insert(clean.to_doc())
            # The hot path of the dashboard: when the parsed shard we hold is the
            # file we just added to, extend it instead of parsing it all again.
            known = self._shards.get(month)
            written = self._cache.entries.get(path)
            if known is not None and known.sig == current and written is not None:
                twitches = [*known.twitches, clean]
                if len(twitches) > 1 and twitches[-2].at > clean.at:
                    twitches.sort(key=lambda t: t.at)
                self._shards[month] = _Shard(written.sig, twitches, known.days, known.checks)
        return clean

    def merge(self, twitches: Iterable[Twitch], days: Iterable[DayLog] = ()) -> int:
        """Add many entries at once (demo, import): one write per month touched.

        Entries whose id (twitches) or date (day logs) is already present are
        replaced, so merging the same data twice changes nothing.
        """
        now = self.now()
        clean = [t.validated(now) for t in twitches]
        clean_days = [log.validated() for log in days]
        with self._transaction():
            self._merge_locked(clean, clean_days)
        return len(clean)

    def _merge_locked(self, twitches: list[Twitch], days: list[DayLog]) -> None:
        """Merge entries into their month shards; the caller holds the lock."""
        by_month: dict[str, dict[str, dict]] = {}
        for twitch in twitches:
            by_month.setdefault(_month_of(twitch.at.date()), {})[twitch.id] = twitch.to_doc()
        days_by_month: dict[str, dict[str, dict]] = {}
        for log in days:
            days_by_month.setdefault(_month_of(log.day), {})[log.day.isoformat()] = log.to_doc()
        for month in sorted(set(by_month) | set(days_by_month)):
            path = self._shard_path(month)
            _, existing = self._cache.load(path, strict=True)
            shard = existing or {"meta": {"1": _meta(month=month)}}
            merged = {d["id"]: d for d in shard.get("twitches", {}).values()}
            merged.update(by_month.get(month, {}))
            day_docs = {d["day"]: d for d in shard.get("days", {}).values()}
            day_docs.update(days_by_month.get(month, {}))
            self._write_raw(path, _shard_doc(shard["meta"], merged, day_docs))

    def _find_twitch(self, table: Table, twitch: Twitch, *, unchanged: bool) -> Document:
        """The stored document of ``twitch`` (by id); with ``unchanged``, only if
        nobody has edited it since. Raises ``Conflict`` otherwise."""
        docs = table.search(Query().id == twitch.id)
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
        old_month, new_month = _month_of(old.at.date()), _month_of(clean.at.date())
        with self._transaction():
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
        with self._transaction():
            table = self._shard_table(_month_of(twitch.at.date()), "twitches")
            doc = self._find_twitch(table, twitch, unchanged=unchanged)
            removed = Twitch.from_doc(dict(doc))
            table.remove(doc_ids=[doc.doc_id])
        return removed

    def restore_twitch(self, twitch: Twitch) -> Twitch:
        """Put back a deleted twitch exactly as it was (undo of a delete).

        Raises ``Conflict`` when an entry with its id is already there.
        """
        with self._transaction():
            table = self._shard_table(_month_of(twitch.at.date()), "twitches")
            if table.contains(Query().id == twitch.id):
                raise Conflict("that twitch is already back in the diary")
            table.insert(twitch.to_doc())
        return twitch

    def update_day(self, day: date, change: Callable[[DayLog], DayLog]) -> DayLog:
        """Read-modify-write one day's log under the lock. Returns the saved log."""
        with self._transaction():
            table = self._shard_table(_month_of(day), "days")
            docs = table.search(Query().day == day.isoformat())
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
        with self._transaction():
            table = self._table(self.path, "settings", _meta())
            doc = table.get(doc_id=1)
            current = self._parse_settings(dict(doc)) if doc else Settings()
            clean = change(current).validated()
            table.upsert(Document(clean.to_doc(), doc_id=1))
        return clean


def today(store: Store) -> date:
    """The diary day it is now, by the store's clock and day-start hour."""
    return diary_day(store.now(), store.settings().day_start_hour)
