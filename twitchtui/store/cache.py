"""What one ``Store`` has read, shared by its reader and its writer.

Three levels, each kept until its file changes: every file's JSON, by stat
signature and content digest (``atomic.JsonCache``, which is also how a
change made by another process is picked up); each month file parsed into
its entries (``Shard``); the settings parsed from the main file. The reader
fills it; the writer tells it what it wrote, so that a save is not read back
from disk (``JsonCache.remember``), and extends the month it just added a
twitch to instead of parsing it again (``DiaryWriter.log_twitch``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..model import DayLog, Settings, Twitch
from .atomic import JsonCache, Signature


@dataclass
class Shard:
    """One month file, parsed: its twitches (oldest first) and day logs."""

    sig: Signature | None
    twitches: list[Twitch] = field(default_factory=list)
    days: dict[date, DayLog] = field(default_factory=dict)
    checks: dict[date, DayLog] = field(default_factory=dict)
    """The days with self-check records (few; read whole-diary)."""

    @classmethod
    def of(cls, sig: Signature | None, twitches: list[Twitch], days: dict[date, DayLog]) -> Shard:
        checks = {d: log for d, log in days.items() if log.checks}
        return cls(sig, twitches, days, checks)


@dataclass
class DiaryCache:
    """The one cache of a diary's files, held by the ``Store`` and handed to
    its reader and writer (neither reaches into the other)."""

    files: JsonCache = field(default_factory=JsonCache)
    shards: dict[str, Shard] = field(default_factory=dict)
    """Parsed month files, by "YYYY-MM"."""
    settings: tuple[Signature | None, Settings] | None = None
    """The parsed settings, with the signature of the main file they came from."""
