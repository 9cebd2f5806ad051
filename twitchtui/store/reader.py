"""Reading a diary: parsed month shards, cached until their file changes, and range queries.

Reads go through the ``DiaryCache`` the reader shares with the writer, and a
file is parsed again only when it changed (see ``cache``), which is also how
a change made by another process (a second window, ``twitchtui log`` from a
shell) is picked up.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from operator import attrgetter
from pathlib import Path

from ..model import DayLog, InvalidEntry, Settings, Twitch, diary_day
from ..model.values import Doc
from .atomic import Signature, signature
from .cache import DiaryCache, Shard
from .errors import DiaryDamaged
from .files import Layout, month_of, month_span, months_between
from .index import MonthTally, Tally, check_logs, tally
from .schema import check_main, check_shard


def parse_settings(path: Path, doc: Doc) -> Settings:
    """The settings document of the main file ``path``, parsed."""
    try:
        return Settings.from_doc(doc)
    except (InvalidEntry, TypeError, KeyError, ValueError) as exc:
        raise DiaryDamaged(path, f"holds settings that cannot be read ({exc})") from exc


def _key(months: dict[str, MonthTally]) -> tuple[tuple[str, Signature], ...]:
    return tuple((month, entry.sig) for month, entry in months.items())


class DiaryReader:
    """The read side of ``Store``: it never writes, and reads only through ``cache``."""

    def __init__(self, layout: Layout, cache: DiaryCache) -> None:
        self.path = layout.path
        self.layout = layout
        self.cache = cache
        self._watched: tuple[tuple[date, ...], list[Path]] = ((), [])
        """The days polled last, and their files (the same all day long)."""
        self._tally: tuple[tuple[tuple[str, Signature], ...], Tally] | None = None
        """The last totals, with the month signatures they were made from."""

    def shard_paths(self) -> dict[str, Path]:
        """Every month that has a shard file, oldest first."""
        return self.layout.shard_paths()

    def _shard(self, month: str, *, strict: bool = False) -> Shard:
        path = self.layout.shard(month)
        cached = self.cache.shards.get(month)
        if not strict and cached is not None and cached.sig == signature(path):
            return cached  # without its JSON, which is not kept once parsed
        sig, data = self.cache.files.load(path, strict=strict)
        if data is None:
            return Shard(None)
        if cached is not None and cached.sig == sig:
            return cached
        check_shard(path, data)
        try:
            twitches = sorted(
                (Twitch.from_doc(d) for d in data.get("twitches", {}).values()),
                key=lambda t: t.at,
            )
            days = {log.day: log for log in map(DayLog.from_doc, data.get("days", {}).values())}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DiaryDamaged(path, f"holds an entry that cannot be read ({exc!r})") from exc
        shard = Shard.of(sig, twitches, days)
        self.cache.shards[month] = shard
        if not strict:
            # Held once, as parsed objects; a write reads its month's JSON again.
            self.cache.files.forget(path)
        return shard

    def settings(self) -> Settings:
        """The settings, parsed again only when the main file changed."""
        sig, data = self.cache.files.load(self.path)
        if data is None:
            raise DiaryDamaged(self.path, "has disappeared")
        known = self.cache.settings
        if known is not None and known[0] == sig:
            return known[1]
        check_main(self.path, data)
        settings = parse_settings(self.path, data.get("settings", {}).get("1", {}))
        self.cache.settings = (sig, settings)
        return settings

    def twitches(self, first: date | None = None, last: date | None = None) -> list[Twitch]:
        """Twitches whose diary day lies in ``first``..``last`` (inclusive), oldest first."""
        day_start = self.settings().day_start_hour
        if first is None or last is None:
            months = list(self.shard_paths())
        else:
            # A diary day can reach past midnight into the next calendar date.
            months = months_between(first, last + timedelta(days=1))
        out: list[Twitch] = []
        for month in months:
            shard = self._shard(month).twitches
            # A shard holds one calendar month of twitches, whose diary days run
            # from the day before the 1st to the last day of the month.
            begins, ends = month_span(month)
            if (first is None or first < begins) and (last is None or ends <= last):
                out.extend(shard)  # all of it: the usual case for the middle months
                continue
            for twitch in shard:
                day = diary_day(twitch.at, day_start)
                if (first is None or day >= first) and (last is None or day <= last):
                    out.append(twitch)
        out.sort(key=attrgetter("at"))
        return out

    def each_month(self) -> Iterator[tuple[list[Twitch], list[DayLog]]]:
        """The whole diary a month file at a time, oldest first, for a long
        job (export) that should hold no more than a month or two: the
        twitches in exactly the order ``twitches()`` gives them (a twitch
        kept under one month may come before one of the month before, when
        their UTC offsets differ: it is held back until no later month can
        come before it), and each month's day logs, oldest first."""
        carry: list[Twitch] = []
        at = attrgetter("at")
        for month in self.shard_paths():
            shard = self._shard(month)
            batch = [*carry, *shard.twitches]
            if carry:
                batch.sort(key=at)  # stable: as the whole diary sorted at once
            # Every later month's twitches lie on or after its 1st, local
            # time, at an offset under a day.
            following = month_span(month)[1] + timedelta(days=1)
            cutoff = datetime.combine(following, time(), UTC) - timedelta(days=1)
            cut = bisect_left(batch, cutoff, key=at)
            carry = batch[cut:]
            yield batch[:cut], [log for _, log in sorted(shard.days.items())]
        if carry:
            yield carry, []

    def day_logs(self, first: date | None = None, last: date | None = None) -> dict[date, DayLog]:
        if first is None or last is None:
            months = list(self.shard_paths())
        else:
            months = months_between(first, last)
        out: dict[date, DayLog] = {}
        for month in months:
            for day, log in self._shard(month).days.items():
                if (first is None or day >= first) and (last is None or day <= last):
                    out[day] = log
        return dict(sorted(out.items()))

    def tally(self) -> Tally:
        """The whole diary in totals, from the index (``index``): only the
        months whose file changed since it was last brought up to date are read."""
        months = self.cache.index.refresh(
            self.shard_paths(), self.settings().day_start_hour, self._shard
        )
        key = _key(months)
        if self._tally is None or self._tally[0] != key:
            self._tally = (key, tally(months))
        return self._tally[1]

    def self_check_logs(self) -> dict[date, DayLog]:
        """Every day log, over the whole diary, with self-check answers or a
        clinician visit: what the urgent rule needs, without every day's log."""
        months = self.cache.index.refresh(
            self.shard_paths(), self.settings().day_start_hour, self._shard
        )
        if self._tally is not None and self._tally[0] == _key(months):
            return dict(self._tally[1].checks)
        return dict(sorted(check_logs(months).items()))

    def warm(self, month: str) -> None:
        """Bring one month into the index, reading it only if its file changed
        (so that building the index can be done a month at a time)."""
        path = self.layout.shard(month)
        self.cache.index.update(month, path, self.settings().day_start_hour, self._shard)

    def day_log(self, day: date) -> DayLog:
        return self._shard(month_of(day)).days.get(day) or DayLog(day)

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

    def first_diary_day(self, since: date | None = None) -> date | None:
        """The first day anything was recorded (a twitch, or a day's log):
        the days before it are "no diary". Usually read from one month.

        With ``since``: only whether the diary began after it matters, so a
        month file older than ``since`` answers None (began before) without
        being read (it may be damaged; the charts do not need it)."""
        day_start = self.settings().day_start_hour
        months = list(self.shard_paths())
        # A diary day may begin in the calendar month before (day-start hour).
        if since is not None and any(m < month_of(since - timedelta(days=1)) for m in months):
            return None
        for month in months:
            shard = self._shard(month)
            days = [day for day, log in shard.days.items() if not log.is_empty]
            if shard.twitches:
                days.append(diary_day(shard.twitches[0].at, day_start))
            if days:
                return min(days)
        return None

    def stamp(self, days: list[date]) -> tuple[Signature | None, ...]:
        """The stat signatures of the files behind ``days``: a look that costs
        a few ``stat`` calls, for polling. ``fingerprint`` is the sure one."""
        key = tuple(days)
        if self._watched[0] != key:
            self._watched = (key, self.layout.for_days(days))
        return tuple(signature(path) for path in self._watched[1])

    def fingerprint(self, days: list[date]) -> tuple[tuple[int, int] | None, ...]:
        """Changes whenever the main file or the shards behind ``days`` change.

        Content-checked (not only stat), so it never misses another process's write.
        """
        out = []
        for path in self.layout.for_days(days):
            self.cache.files.load(path, strict=True)
            entry = self.cache.files.entries.get(path)
            out.append(entry.digest if entry else None)
        return tuple(out)
