"""What one ``Store`` has read, shared by its reader and its writer.

Three levels, each kept until its file changes: the JSON of the files in
use, by stat signature and content digest (``atomic.JsonCache``, which is
also how a change made by another process is picked up); the month files in
use parsed into their entries (``Shard``, held once: the JSON of a month the
reader has parsed is not kept beside it); the settings merged from the
settings files. Both are bounded (least recently used out), so memory follows what is
shown, not the whole history; the whole history's totals are the derived
index's (``index``). The reader
fills it; the writer tells it what it wrote, so that a save is not read back
from disk (``JsonCache.remember``), and extends the month it just added a
twitch to instead of parsing it again (``DiaryWriter.log_twitch``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import DayLog, Settings, Twitch
from .atomic import JsonCache
from .files import MonthSig
from .index import DiaryIndex

if TYPE_CHECKING:
    from ..columns import Columns


@dataclass
class Shard:
    """One month, merged from every file behind it: its twitches (oldest
    first) and day logs, with the signatures of those files."""

    sig: MonthSig | None
    twitches: list[Twitch] = field(default_factory=list)
    days: dict[date, DayLog] = field(default_factory=dict)
    checks: dict[date, DayLog] = field(default_factory=dict)
    """The days with self-check records (few; read whole-diary)."""

    @classmethod
    def of(cls, sig: MonthSig | None, twitches: list[Twitch], days: dict[date, DayLog]) -> Shard:
        checks = {d: log for d, log in days.items() if log.checks}
        return cls(sig, twitches, days, checks)


class Months:
    """The parsed month files, by "YYYY-MM": at most ``bound``, least
    recently used out. Six fit the red-flag window (120 days) and today's
    month, so a rebuild after a write parses only the month written. A long
    chart does not hold its months here (``MonthColumns``), and ten years of
    history never are: the all-time questions are the index's (``index``)."""

    def __init__(self, bound: int = 6) -> None:
        self.bound = bound
        self._held: dict[str, Shard] = {}

    def get(self, month: str) -> Shard | None:
        shard = self._held.pop(month, None)
        if shard is not None:
            self._held[month] = shard
        return shard

    def __setitem__(self, month: str, shard: Shard) -> None:
        self._held.pop(month, None)
        self._held[month] = shard
        while len(self._held) > self.bound:
            del self._held[next(iter(self._held))]

    def __contains__(self, month: object) -> bool:
        return month in self._held

    def __len__(self) -> int:
        return len(self._held)


class MonthColumns:
    """The month files' twitches as columns (``columns.Columns``) and their day
    logs, by "YYYY-MM", under the month's signatures and the day-start hour
    they were counted with: what a chart of any length reads, one month at a
    time, without holding the months' twitches as objects. Only the months of
    the last range read are kept (``keep_only``): a year's chart while it is
    shown, a week's once the range is shorter."""

    def __init__(self) -> None:
        self._held: dict[str, tuple[object, Columns, dict[date, DayLog]]] = {}

    def get(self, month: str, key: object) -> tuple[Columns, dict[date, DayLog]] | None:
        known = self._held.get(month)
        return None if known is None or known[0] != key else (known[1], known[2])

    def put(self, month: str, key: object, columns: Columns, days: dict[date, DayLog]) -> None:
        self._held[month] = (key, columns, days)

    def keep_only(self, months: list[str]) -> None:
        for month in [m for m in self._held if m not in months]:
            del self._held[month]

    def __len__(self) -> int:
        return len(self._held)


@dataclass
class DiaryCache:
    """The one cache of a diary's files, held by the ``Store`` and handed to
    its reader and writer (neither reaches into the other)."""

    files: JsonCache = field(default_factory=JsonCache)
    shards: Months = field(default_factory=Months)
    """Parsed month files, by "YYYY-MM" (the ones in use)."""
    columns: MonthColumns = field(default_factory=MonthColumns)
    """The month files as the charts count them (``MonthColumns``)."""
    index: DiaryIndex = field(default_factory=lambda: DiaryIndex(None))
    """The all-time totals (``index``), where the ``Store`` says to keep them."""
    settings: tuple[tuple[object, ...], Settings] | None = None
    """The merged settings, with the signatures of the files they came from."""
    unreadable: dict[Path, str] = field(default_factory=dict)
    """Files of other devices (or conflict copies) left out for now, and why
    (half-written by a sync tool: read again once they change)."""
