"""A derived index of a diary: what the all-time questions need, without
parsing every month.

Per month it keeps, under the stat signatures of every file behind it
(each device's, and their conflict copies not merged yet): the twitch count
of each diary day by site and side, the instant each (site, side) was first
seen in the month, the days with anything in their log, and the day logs
with self-check records (whole: the urgent rule reads them). The red-flag
check, the urgent banner and the report read it, plus the months their
window needs.

It is a cache, never the only copy of anything. A month one of whose files'
signature (inode, size, mtime, ctime: ``atomic.signature``, never a content
hash, which would read everything again) differs from the one on file is
parsed again, so every write is in the index the next time it is read, by
this process or another. A missing, unreadable or damaged index file, one of
another version, or one made with another day-start hour, is silently built
again from the month files; it is never reported as a damaged diary. Writing
it back is best effort: a read-only cache folder only makes the next read
slower.

Where it is kept: the user cache folder (``$TWITCHTUI_CACHE_DIR``, else
the platform's user cache folder), one file per diary named by a hash of the
diary's path, so that a sync tool carrying the diary's folder never carries
it (its signatures would be meaningless on another device), and a backup of
the diary folder does not hold a second copy of the health data. Created
0600 in a 0700 folder: it holds the same health data as the diary.
"""

from __future__ import annotations

import contextlib
import json
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from ..machine import cache_dir
from ..model import DayLog, Twitch, diary_day
from ..model.values import Doc
from .atomic import FileSystem, atomic_write, make_private_folder
from .files import MonthSig


class Shard(Protocol):
    """One month file, parsed (``cache.Shard``, which holds this index)."""

    @property
    def sig(self) -> MonthSig | None: ...
    @property
    def twitches(self) -> list[Twitch]: ...
    @property
    def days(self) -> dict[date, DayLog]: ...
    @property
    def checks(self) -> dict[date, DayLog]: ...


VERSION = 2
"""2: a month is keyed on the signatures of all its files (schema 4)."""


def default_index_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$TWITCHTUI_CACHE_DIR``, else the platform's user cache folder (the
    same folder as the names Tab completes: ``machine.cache_dir``)."""
    return cache_dir(env)


def index_file(folder: Path, diary: Path) -> Path:
    """The index file of the diary ``diary`` in ``folder``, named by its path
    (not its content). CRC-32 and Adler-32 of the path: zlib is loaded
    already, where hashlib would load OpenSSL (2-3 ms, 3 MB). Two diaries
    whose names collide would only rebuild each other's index: the file
    names the diary it belongs to, and is empty to any other."""
    raw = str(diary).encode("utf-8", "surrogatepass")
    return folder / f"index-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.json"


@dataclass
class MonthTally:
    """What the index keeps of one month file."""

    sig: MonthSig
    days: dict[str, dict[str, int]]
    """Diary day (ISO) to "site|side" to the twitches of that day."""
    first: dict[str, list[str]]
    """"site|side" to the ISO instant and diary day of its first twitch in this month."""
    logged: list[str]
    """The days (ISO) whose log holds anything."""
    checks: dict[str, Doc]
    """The day logs (as stored) holding self-check records."""

    @classmethod
    def of(cls, shard: Shard, day_start_hour: int) -> MonthTally:
        assert shard.sig is not None
        days: dict[str, dict[str, int]] = {}
        first: dict[str, list[str]] = {}
        for t in shard.twitches:  # oldest first
            key = f"{t.site}|{t.side}"
            iso = diary_day(t.at, day_start_hour).isoformat()
            day = days.setdefault(iso, {})
            day[key] = day.get(key, 0) + 1
            if key not in first:
                first[key] = [t.at.isoformat(), iso]
        return cls(
            shard.sig,
            days,
            first,
            sorted(d.isoformat() for d, log in shard.days.items() if not log.is_empty),
            {d.isoformat(): log.to_doc() for d, log in sorted(shard.checks.items())},
        )

    def to_doc(self) -> Doc:
        return {
            "sig": [[name, *sig] for name, sig in self.sig],
            "days": self.days,
            "first": self.first,
            "logged": self.logged,
            "checks": self.checks,
        }

    @classmethod
    def from_doc(cls, doc: Doc) -> MonthTally:
        sig: list[tuple[str, tuple[int, int, int, int]]] = []
        for name, *numbers in doc["sig"]:
            if len(numbers) != 4 or not isinstance(name, str):
                raise ValueError("signature")
            a, b, c, d = (int(n) for n in numbers)
            sig.append((name, (a, b, c, d)))
        days = {
            str(d): {str(k): int(n) for k, n in counts.items()} for d, counts in doc["days"].items()
        }
        first = {str(k): [str(v[0]), str(v[1])] for k, v in doc["first"].items()}
        checks = {str(d): dict(v) for d, v in doc["checks"].items()}
        for iso, log in checks.items():  # few: checked now, so a bad one is a bad index
            date.fromisoformat(iso)
            DayLog.from_doc(log)
        for iso in [*days, *(seen[1] for seen in first.values()), *doc["logged"]]:
            date.fromisoformat(iso)
        for seen in first.values():
            datetime.fromisoformat(seen[0])
        return cls(tuple(sig), days, first, list(doc["logged"]), checks)


@dataclass(frozen=True)
class Tally:
    """The whole diary in totals, read from the index."""

    per_day: dict[date, dict[tuple[str, str], int]]
    """Twitches of each diary day by (site, side), oldest day first."""
    first: dict[tuple[str, str], tuple[datetime, date]]
    """The instant and diary day of each (site, side)'s first twitch, in order of appearance."""
    logged: frozenset[date]
    """The days whose log holds anything."""
    checks: dict[date, DayLog]
    """The day logs with self-check records, oldest first."""

    def upto(self, last: date) -> Tally:
        """The same, for the days up to ``last`` only."""
        return Tally(
            {d: c for d, c in self.per_day.items() if d <= last},
            {k: seen for k, seen in self.first.items() if seen[1] <= last},
            frozenset(d for d in self.logged if d <= last),
            {d: log for d, log in self.checks.items() if d <= last},
        )


class CacheFileSystem(FileSystem):
    """Writes with no fsync: the index is a cache, and one cut short by a
    power cut is built again like any damaged one (a save of the diary
    itself is fsynced; this one need not cost the same)."""

    def fsync(self, fd: int) -> None:
        pass

    def fsync_dir(self, folder: Path) -> None:
        pass


@dataclass
class DiaryIndex:
    """The index of one diary: loaded once, refreshed month by month."""

    file: Path | None
    """Where it is kept; None keeps it in memory only."""
    diary: str = ""
    """The diary it belongs to (a file naming another is not read)."""
    locate: Callable[[], Path] | None = None
    """Where it is kept, found on first use (the default folder costs an import)."""
    fs: FileSystem = field(default_factory=CacheFileSystem)
    months: dict[str, MonthTally] = field(default_factory=dict)
    day_start_hour: int | None = None
    loaded: bool = False
    dirty: bool = False
    """Months changed in memory since the file was last written."""

    def _load(self, day_start_hour: int) -> None:
        if not self.loaded:
            self.loaded = True
            if self.locate is not None:
                try:
                    self.file = self.locate()
                except Exception:
                    self.file = None
            self.months, self.day_start_hour = self._read()
        if self.day_start_hour != day_start_hour:
            self.months, self.day_start_hour, self.dirty = {}, day_start_hour, True

    def _read(self) -> tuple[dict[str, MonthTally], int | None]:
        """What the file holds; nothing when it is missing or cannot be trusted."""
        if self.file is None:
            return {}, None
        try:
            doc = json.loads(self.file.read_bytes())
            if doc.get("version") != VERSION or doc.get("diary") != self.diary:
                return {}, None
            months = {str(m): MonthTally.from_doc(v) for m, v in doc["months"].items()}
            return months, int(doc["day_start_hour"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return {}, None  # a cache: built again, never a damaged diary

    def _save(self) -> None:
        if self.file is None:
            return
        doc = {
            "version": VERSION,
            "diary": self.diary,
            "day_start_hour": self.day_start_hour,
            "months": {m: t.to_doc() for m, t in sorted(self.months.items())},
        }
        raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        with contextlib.suppress(OSError):  # best effort: a cache
            if not self.file.parent.exists():
                make_private_folder(self.file.parent)
            atomic_write(self.file, raw, self.fs)

    def update(
        self, month: str, sig: MonthSig, day_start_hour: int, parse: Callable[[str], Shard]
    ) -> bool:
        """Bring one month up to date (merged again, ``parse``, when one of its
        files changed: ``sig``); whether it changed. Kept in memory until
        ``refresh``."""
        self._load(day_start_hour)
        known = self.months.get(month)
        if known is not None and known.sig == sig:
            return False
        shard = parse(month)
        if not shard.sig:  # gone meanwhile
            self.months.pop(month, None)
        else:
            self.months[month] = MonthTally.of(shard, day_start_hour)
        self.dirty = True
        return True

    def refresh(
        self, paths: Mapping[str, MonthSig], day_start_hour: int, parse: Callable[[str], Shard]
    ) -> dict[str, MonthTally]:
        """Every month of ``paths`` (with the signatures of its files),
        merged again (``parse``) where a file changed, and the index file
        written when anything did."""
        for month, sig in paths.items():
            self.update(month, sig, day_start_hour, parse)
        self._load(day_start_hour)
        for gone in self.months.keys() - paths.keys():
            del self.months[gone]
            self.dirty = True
        if self.dirty:
            self._save()
            self.dirty = False
        return dict(sorted(self.months.items()))


def tally(months: Mapping[str, MonthTally]) -> Tally:
    """The totals of the months (as ``DiaryIndex.refresh`` returns them)."""
    per_day: dict[date, dict[tuple[str, str], int]] = {}
    first: dict[tuple[str, str], tuple[datetime, date]] = {}
    logged: set[date] = set()
    for entry in months.values():
        for iso, counts in entry.days.items():
            day = per_day.setdefault(date.fromisoformat(iso), {})
            for key, n in counts.items():
                site, _, side = key.partition("|")
                day[(site, side)] = day.get((site, side), 0) + n
        for key, (at_iso, day_iso) in entry.first.items():
            site, _, side = key.partition("|")
            at = datetime.fromisoformat(at_iso)
            if (site, side) not in first or at < first[(site, side)][0]:
                first[(site, side)] = (at, date.fromisoformat(day_iso))
        logged.update(date.fromisoformat(d) for d in entry.logged)
    return Tally(
        dict(sorted(per_day.items())),
        dict(sorted(first.items(), key=lambda kv: kv[1][0])),
        frozenset(logged),
        dict(sorted(check_logs(months).items())),
    )


def check_logs(months: Mapping[str, MonthTally]) -> dict[date, DayLog]:
    """The day logs with self-check records, of every month."""
    return {
        date.fromisoformat(iso): DayLog.from_doc(doc)
        for entry in months.values()
        for iso, doc in entry.checks.items()
    }
