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

from ..model import DayLog, Settings, Twitch
from .atomic import JsonCache
from .files import MonthSig
from .index import DiaryIndex


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
    """The parsed month files, by "YYYY-MM": the months a long view holds in
    use (``use``: the trends chart's range, up to a year) and, besides them,
    at most ``bound`` more, least recently used out. Six fit the red-flag
    window (120 days) and today's month, so a rebuild after a write parses
    only the month written; a year's chart, once its range is left, is let
    go rather than held (ten years of history never is: the all-time
    questions are the index's, ``index``)."""

    def __init__(self, bound: int = 6) -> None:
        self.bound = bound
        self._held: dict[str, Shard] = {}
        self._in_use: frozenset[str] = frozenset()

    def get(self, month: str) -> Shard | None:
        shard = self._held.pop(month, None)
        if shard is not None:
            self._held[month] = shard
        return shard

    def __setitem__(self, month: str, shard: Shard) -> None:
        self._held.pop(month, None)
        self._held[month] = shard
        self._trim()

    def use(self, months: list[str]) -> None:
        """Hold ``months`` beyond the bound, instead of the last call's."""
        self._in_use = frozenset(months)
        self._trim()

    def _trim(self) -> None:
        spare = [month for month in self._held if month not in self._in_use]
        for month in spare[: max(0, len(spare) - self.bound)]:
            del self._held[month]

    def __contains__(self, month: object) -> bool:
        return month in self._held

    def __len__(self) -> int:
        return len(self._held)


@dataclass
class DiaryCache:
    """The one cache of a diary's files, held by the ``Store`` and handed to
    its reader and writer (neither reaches into the other)."""

    files: JsonCache = field(default_factory=JsonCache)
    shards: Months = field(default_factory=Months)
    """Parsed month files, by "YYYY-MM" (the ones in use)."""
    index: DiaryIndex = field(default_factory=lambda: DiaryIndex(None))
    """The all-time totals (``index``), where the ``Store`` says to keep them."""
    settings: tuple[tuple[object, ...], Settings] | None = None
    """The merged settings, with the signatures of the files they came from."""
    unreadable: dict[Path, str] = field(default_factory=dict)
    """Files of other devices (or conflict copies) left out for now, and why
    (half-written by a sync tool: read again once they change)."""
