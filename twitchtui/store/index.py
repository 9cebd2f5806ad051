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
again from the month files; it is never reported as a damaged diary. So is
one whose months do not match the CRC-32 the file carries, or whose values
are not what the index writes (a count below 1, a day outside its month, a
place that is not one): a hand edit never becomes a wrong total. Writing
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
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Protocol, TypeAlias

from ..machine import cache_dir
from ..model import SIDES, SITES, DayLog, Twitch, diary_day
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


VERSION = 3
"""2: a month is keyed on the signatures of all its files (schema 4). 3: the
file carries the CRC-32 of its months (``_MONTHS``)."""

_MONTHS = b',"months":'
"""Where the months begin in the file: the head (version, diary, hour) is
written first, and these bytes cannot occur inside its JSON strings (a quote
there is escaped)."""


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


Days: TypeAlias = "dict[str, tuple[array[int], array[int]]]"
""""site|side" to the diary days (ordinals, ascending) with twitches there, and
their counts: two arrays of 4-byte numbers, not a dict of a dict of strings
for every day (ten years of days took about 1.2 MB held all day that way)."""


def _ordinals(numbers: Iterable[int]) -> array[int]:
    return array("i", numbers)


class MonthTally:
    """What the index keeps of one month file. It is held as compact arrays
    and written to the index file as plain JSON (``to_doc``)."""

    __slots__ = ("checks", "days", "first", "logged", "sig")

    def __init__(
        self,
        sig: MonthSig,
        days: Days,
        first: dict[str, tuple[str, str]],
        logged: array[int],
        checks: dict[str, Doc],
    ) -> None:
        self.sig = sig
        self.days = days
        self.first = first
        """"site|side" to the ISO instant and diary day of its first twitch in this month."""
        self.logged = logged
        """The diary days (ordinals, ascending) whose log holds anything."""
        self.checks = checks
        """The day logs (as stored) holding self-check records, by ISO day."""

    @classmethod
    def of(cls, shard: Shard, day_start_hour: int) -> MonthTally:
        assert shard.sig is not None
        counts: dict[str, dict[int, int]] = {}
        first: dict[str, tuple[str, str]] = {}
        for t in shard.twitches:  # oldest first
            key = f"{t.site}|{t.side}"
            day = diary_day(t.at, day_start_hour)
            per_day = counts.setdefault(key, {})
            ordinal = day.toordinal()
            per_day[ordinal] = per_day.get(ordinal, 0) + 1
            if key not in first:
                first[key] = (t.at.isoformat(), day.isoformat())
        return cls(
            shard.sig,
            _days(counts),
            first,
            _ordinals(sorted(d.toordinal() for d, log in shard.days.items() if not log.is_empty)),
            {d.isoformat(): log.to_doc() for d, log in sorted(shard.checks.items())},
        )

    def per_day(self) -> Iterator[tuple[date, str, int]]:
        """Each day with twitches, its "site|side" and their count."""
        for key, (ordinals, counts) in self.days.items():
            for ordinal, n in zip(ordinals, counts, strict=True):
                yield date.fromordinal(ordinal), key, n

    def to_doc(self) -> Doc:
        days: dict[str, dict[str, int]] = {}
        for day, key, n in sorted(self.per_day()):
            days.setdefault(day.isoformat(), {})[key] = n
        return {
            "sig": [[name, *sig] for name, sig in self.sig],
            "days": days,
            "first": {k: list(v) for k, v in self.first.items()},
            "logged": [date.fromordinal(d).isoformat() for d in self.logged],
            "checks": self.checks,
        }

    @classmethod
    def from_doc(cls, doc: Doc, month: str, day_start_hour: int) -> MonthTally:
        """One month of the index file, checked as strictly as it was written:
        a hand edit or a damaged cache is a ``ValueError`` (built again),
        never a wrong total. A count is a whole number of at least 1, each
        day lies in the month's diary days, each "site|side" is a real one
        with its first twitch, on one of its days (not always the earliest:
        time zones can put a later instant on an earlier day)."""
        sig: list[tuple[str, tuple[int, int, int, int]]] = []
        for name, *numbers in doc["sig"]:
            if len(numbers) != 4 or not isinstance(name, str):
                raise ValueError("signature")
            if not all(type(n) is int for n in numbers):  # inode, size, ns times
                raise ValueError("signature")
            a, b, c, d = numbers
            sig.append((name, (a, b, c, d)))
        span = _span(month)
        # Each ISO day the month can hold, to its ordinal: a look-up checks a
        # day (its form and its month) at once, as _day does one at a time.
        ordinal_of = {date.fromordinal(o).isoformat(): o for o in range(span[0], span[1] + 1)}
        counts: dict[str, dict[int, int]] = {}
        for iso, per_key in doc["days"].items():
            ordinal = ordinal_of.get(iso) if type(iso) is str else None
            if ordinal is None:
                raise ValueError(f"days: {iso!r} is not a day of its month")
            for key, n in per_key.items():
                if key not in _PLACES:
                    raise ValueError(f"not a place: {key!r}")
                if type(n) is not int or not 1 <= n <= _LARGEST:
                    raise ValueError(f"not a count: {n!r}")
                counts.setdefault(key, {})[ordinal] = n
        first = {_place(k): (str(v[0]), str(v[1])) for k, v in doc["first"].items()}
        if first.keys() != counts.keys():
            raise ValueError("first twitches")
        for key, (at_iso, day_iso) in first.items():
            at = datetime.fromisoformat(at_iso)
            if at.utcoffset() is None or diary_day(at, day_start_hour).isoformat() != day_iso:
                raise ValueError("first twitch")
            if _day(day_iso, span, "first") not in counts[key]:
                raise ValueError("first day")
        days = (span[0] + 1, span[1])  # a day log's own month
        checks = {str(d): dict(v) for d, v in doc["checks"].items()}
        for iso, log in checks.items():  # few: checked now, so a bad one is a bad index
            _day(iso, days, "checks")
            if DayLog.from_doc(log).day.isoformat() != iso:
                raise ValueError("checks")
        logged = sorted({_day(d, days, "logged") for d in doc["logged"]})
        if len(logged) != len(doc["logged"]):
            raise ValueError("logged")
        return cls(tuple(sig), _days(counts), first, _ordinals(logged), checks)


def _month(month: object) -> str:
    if not isinstance(month, str) or len(month) != 7 or month[4] != "-":
        raise ValueError(f"not a month: {month!r}")
    return month


_LARGEST = 2**31 - 1
"""The arrays' 4-byte numbers."""


def _span(month: str) -> tuple[int, int]:
    """The ordinals of the diary days a month file's twitches can fall on:
    the day before the 1st (a twitch before the day-start hour) to the last."""
    start = date.fromisoformat(f"{month}-01")
    after = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start.toordinal() - 1, after.toordinal() - 1


def _day(iso: object, span: tuple[int, int], what: str) -> int:
    if not isinstance(iso, str) or len(iso) != 10:
        raise ValueError(what)
    ordinal = date.fromisoformat(iso).toordinal()
    if not span[0] <= ordinal <= span[1]:
        raise ValueError(f"{what}: {iso} is not in its month")
    return ordinal


_PLACES = frozenset(f"{site}|{side}" for site in SITES for side in SIDES)
_PAIRS: dict[str, tuple[str, str]] = {
    f"{site}|{side}": (site, side) for site in SITES for side in SIDES
}
"""Each "site|side" of the index file, as the (site, side) the totals are keyed by."""


def _place(key: object) -> str:
    if key not in _PLACES:
        raise ValueError(f"not a place: {key!r}")
    return str(key)


def _days(counts: dict[str, dict[int, int]]) -> Days:
    """The arrays of ``Days``, from "site|side" to day ordinal to count."""
    out: Days = {}
    for key, per_day in counts.items():
        ordinals = sorted(per_day)
        out[sys.intern(key)] = (_ordinals(ordinals), _ordinals(per_day[d] for d in ordinals))
    return out


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


def _compact(value: object) -> str:
    """JSON as the index file holds it: no spaces, and ASCII, so that a path
    whose bytes are not UTF-8 (Python holds them as lone surrogates) is kept
    as ``\\udcXX`` escapes, and reads back the same, instead of failing."""
    return json.dumps(value, separators=(",", ":"))


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
    saved: bool = False
    """The file was written by this process. After that, a refresh that read
    one month again (the month a write just changed, usually) leaves the
    file as it is: each write would otherwise rewrite ten years of totals,
    and whoever reads the file next reads that one month again, as its
    signature says. One that read two or more writes it, with the rest."""

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
            raw = self.file.read_bytes()
            doc = json.loads(raw)
            if doc.get("version") != VERSION or doc.get("diary") != self.diary:
                return {}, None
            months_at = raw.find(_MONTHS) + len(_MONTHS)
            if doc.get("crc") != zlib.crc32(raw[months_at:-1]):  # a hand edit, a bad block
                return {}, None
            hour = doc["day_start_hour"]
            if type(hour) is not int:
                raise ValueError("day_start_hour")
            months = {_month(m): MonthTally.from_doc(v, m, hour) for m, v in doc["months"].items()}
            return months, hour
        except (
            OSError,
            ValueError,
            TypeError,
            KeyError,
            AttributeError,
            RecursionError,
            OverflowError,
        ):  # OverflowError: a count or day past the arrays' 4 bytes
            return {}, None  # a cache: built again, never a damaged diary

    def _save(self) -> None:
        if self.file is None:
            return
        # A month at a time: the whole index as one document of dicts was
        # about 3 MB at once for ten years, each time it was written.
        months = ",".join(
            f"{_compact(m)}:{_compact(t.to_doc())}" for m, t in sorted(self.months.items())
        )
        body = f"{{{months}}}".encode()
        head = _compact(
            {
                "version": VERSION,
                "diary": self.diary,
                "day_start_hour": self.day_start_hour,
                "crc": zlib.crc32(body),
            }
        )
        raw = head[:-1].encode() + _MONTHS + body + b"}"
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
        merged again (``parse``) where a file changed; the index file is
        written when anything did, except a single month after this process
        has written it once (``saved``)."""
        read = sum(self.update(month, sig, day_start_hour, parse) for month, sig in paths.items())
        self._load(day_start_hour)
        gone = self.months.keys() - paths.keys()
        for month in gone:
            del self.months[month]
        if gone or read > 1 or (self.dirty and not self.saved):
            self._save()
            self.dirty, self.saved = False, True
        return dict(sorted(self.months.items()))


def tally(months: Mapping[str, MonthTally]) -> Tally:
    """The totals of the months (as ``DiaryIndex.refresh`` returns them)."""
    by_ordinal: dict[int, dict[tuple[str, str], int]] = {}
    first: dict[tuple[str, str], tuple[datetime, date]] = {}
    logged: set[date] = set()
    for entry in months.values():
        for key, (ordinals, numbers) in entry.days.items():
            pair = _PAIRS[key]
            for ordinal, n in zip(ordinals, numbers, strict=True):
                counts = by_ordinal.setdefault(ordinal, {})
                counts[pair] = counts.get(pair, 0) + n
        for key, (at_iso, day_iso) in entry.first.items():
            site, _, side = key.partition("|")
            at = datetime.fromisoformat(at_iso)
            if (site, side) not in first or at < first[(site, side)][0]:
                first[(site, side)] = (at, date.fromisoformat(day_iso))
        logged.update(date.fromordinal(d) for d in entry.logged)
    return Tally(
        {date.fromordinal(o): counts for o, counts in sorted(by_ordinal.items())},
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
