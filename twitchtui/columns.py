"""Twitches as compact columns, and the totals a range's charts need. No Textual import.

A year's chart once held the year's twitches as parsed objects (about
10,000 of them at 27 a day, 2.2 MB, with 2.8 MB more at the peak of
reading them), and the process kept that high-water mark long after the
range was left: what Python frees among objects that live on is not given
back. ``Columns`` keeps of each twitch what the charts and their insights
count (its diary day, hour, place, strength, tags and instant) in arrays,
about 18 bytes a twitch. The store keeps them a month file at a time, under
the month's signatures (``Store.month_columns``), so a chart of any length
is built from one parsed month at a time, and a rebuild parses again only
the month that changed.

``RangeTotals`` adds months of columns up for ``first``..``last``. The
in-memory path (``views.trend_data`` given twitches) goes through the same
columns, so both give the same figures by construction.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from math import floor

from .model import SIDES, SITES, Twitch, diary_day

PLACES: tuple[tuple[str, str], ...] = tuple((site, side) for site in SITES for side in SIDES)
"""Every (site, side), by the number ``Columns.places`` holds."""
_PLACE = {place: i for i, place in enumerate(PLACES)}


def instant(at: datetime) -> int:
    """An aware datetime as whole microseconds since 1970: exact, and in the
    datetimes' order (whole seconds from ``timestamp``, which is exact for
    them, and the microseconds as they are)."""
    return floor(at.replace(microsecond=0).timestamp()) * 1_000_000 + at.microsecond


class Columns:
    """Some twitches (a month file's, usually), one array per field counted."""

    __slots__ = ("days", "hours", "instants", "places", "strengths", "tags")

    def __init__(self, twitches: Iterable[Twitch], day_start_hour: int) -> None:
        self.days = array("i")
        """Each twitch's diary day, as an ordinal (``date.toordinal``)."""
        self.hours = array("b")
        """The hour on the twitch's own clock (as ``stats.by_hour`` counts it)."""
        self.places = array("b")
        """The index of its (site, side) in ``PLACES`` (-1: one twitchtui does not know)."""
        self.strengths = array("b")
        """Its intensity, 0 when none was given (or one outside 1 to 5)."""
        self.instants = array("q")
        """Its instant (``instant``)."""
        self.tags: dict[int, Counter[str]] = {}
        """Per diary day (an ordinal) with any: how many twitches carry each trigger tag."""
        tags, place_of = self.tags, _PLACE.get
        days, hours, places, strengths, instants = [], [], [], [], []
        for twitch in twitches:
            at = twitch.at
            day = diary_day(at, day_start_hour).toordinal()
            if twitch.triggers:
                tags.setdefault(day, Counter()).update(twitch.triggers)
            days.append(day)
            hours.append(at.hour)
            places.append(place_of((twitch.site, twitch.side), -1))
            strength = twitch.intensity
            strengths.append(strength if type(strength) is int and 1 <= strength <= 5 else 0)
            instants.append(instant(at))
        self.days.fromlist(days)
        self.hours.fromlist(hours)
        self.places.fromlist(places)
        self.strengths.fromlist(strengths)
        self.instants.fromlist(instants)


class RangeTotals:
    """The twitches of the diary days ``first``..``last``, counted: per day,
    by hour, by site and side, the strengths given per day, the tags, and
    their instants in order (for the counts around a relief session)."""

    def __init__(self, first: date, last: date) -> None:
        self.first = first
        self.last = last
        self.count = 0
        self.per_day: Counter[date] = Counter()
        self.hours = [0] * 24
        self.sites: dict[str, dict[str, int]] = {site: dict.fromkeys(SIDES, 0) for site in SITES}
        self.strengths: dict[date, tuple[int, int]] = {}
        """Per day with any given: their sum and how many."""
        self.tags: Counter[str] = Counter()
        self._instants: list[int] = []
        """In order (``between`` bisects them)."""

    def add(self, columns: Columns) -> None:
        """Count the twitches of ``columns`` whose diary day lies in the range."""
        low, high = self.first.toordinal(), self.last.toordinal()
        days: Counter[int] = Counter()
        places = [0] * len(PLACES)
        strengths: dict[int, list[int]] = {}  # per day: the strengths' sum, and how many
        hours, instants = self.hours, self._instants
        for day, tags in columns.tags.items():
            if low <= day <= high:
                self.tags.update(tags)
        for i, day in enumerate(columns.days):
            if not low <= day <= high:
                continue
            days[day] += 1
            hours[columns.hours[i]] += 1
            if (place := columns.places[i]) >= 0:
                places[place] += 1
            if strength := columns.strengths[i]:
                given = strengths.setdefault(day, [0, 0])
                given[0] += strength
                given[1] += 1
            instants.append(columns.instants[i])
        instants.sort()  # each month's come in order: little more than a merge
        for day, n in days.items():
            self.per_day[date.fromordinal(day)] += n
            self.count += n
        for (site, side), n in zip(PLACES, places, strict=True):
            self.sites[site][side] += n
        for day, (total, n) in strengths.items():
            key = date.fromordinal(day)
            before, counted = self.strengths.get(key, (0, 0))
            self.strengths[key] = (before + total, counted + n)

    def between(self, first: datetime, last: datetime) -> int:
        """How many twitches fell at or after ``first`` and before ``last``."""
        return bisect_left(self._instants, instant(last)) - bisect_left(
            self._instants, instant(first)
        )

    def trigger_counts(self) -> list[tuple[str, int]]:
        """Each tag and how many twitches carry it, the most used first (as
        ``stats.trigger_counts``)."""
        from .stats import most_used  # not at import: the store imports this module

        return most_used(self.tags)
