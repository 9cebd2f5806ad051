"""Aggregations for the charts, the insights and the doctor's report. Pure.

Everything takes plain lists of ``Twitch`` and ``DayLog`` plus the dates it
should cover, and returns plain numbers; nothing here reads a clock or a file.
A leaf: the insights and the report build on these counts, and the chart data
that composes them all (``views.trend_data``) lives above them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from .humanize import plural
from .model import SIDES, SITES, DayLog, Twitch, days_between


def day_counts(twitches: Iterable[Twitch], day_start_hour: int = 0) -> Counter[date]:
    """Twitch counts by diary day (only the days with any)."""
    return Counter(t.day(day_start_hour) for t in twitches)


def per_day(
    twitches: Iterable[Twitch], first: date, last: date, day_start_hour: int = 0
) -> list[int]:
    """Twitch counts for every day from ``first`` to ``last`` (zeros included)."""
    counts = day_counts(twitches, day_start_hour)
    return [counts.get(day, 0) for day in days_between(first, last)]


def diary_days(
    twitches: Iterable[Twitch], logs: dict[date, DayLog], day_start_hour: int = 0
) -> set[date]:
    """The days something was recorded: a twitch, or anything in the day's log.
    Every other day is "no diary", never a twitch-free day."""
    days = {t.day(day_start_hour) for t in twitches}
    days.update(day for day, log in logs.items() if not log.is_empty)
    return days


def diary_average(values: list[int], diary: list[bool], window: int = 7) -> list[float | None]:
    """Trailing average over the diary days among the last ``window`` days;
    None where there is none (a day with no diary is not a zero)."""
    out: list[float | None] = []
    for i in range(len(values)):
        kept = [values[j] for j in range(max(0, i - window + 1), i + 1) if diary[j]]
        out.append(sum(kept) / len(kept) if kept else None)
    return out


def moving_average(values: list[float], window: int = 7) -> list[float]:
    """Trailing average over up to ``window`` values (shorter at the start)."""
    out: list[float] = []
    total = 0.0
    for i, value in enumerate(values):
        total += value
        if i >= window:
            total -= values[i - window]
        out.append(total / min(i + 1, window))
    return out


def by_hour(twitches: Iterable[Twitch]) -> list[int]:
    """How many twitches fell in each hour of the day, 0 to 23."""
    counts = [0] * 24
    for t in twitches:
        counts[t.at.hour] += 1
    return counts


def by_site_side(twitches: Iterable[Twitch]) -> dict[str, dict[str, int]]:
    """Counts per site, split by side; every site and side is present."""
    table = {site: dict.fromkeys(SIDES, 0) for site in SITES}
    for t in twitches:
        table[t.site][t.side] += 1
    return table


def first_seen(twitches: Iterable[Twitch], day_start_hour: int = 0) -> dict[tuple[str, str], date]:
    """The first diary day each (site, side) appeared, in order of appearance."""
    seen: dict[tuple[str, str], date] = {}
    for t in sorted(twitches, key=lambda t: t.at):
        seen.setdefault((t.site, t.side), t.day(day_start_hour))
    return seen


@dataclass(frozen=True, slots=True)
class Episode:
    """A run of twitching: twitch days with no twitch-free week between them."""

    start: date
    end: date
    twitch_days: int
    count: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def episodes(twitches: Iterable[Twitch], day_start_hour: int = 0, gap: int = 7) -> list[Episode]:
    """Every run of twitching, oldest first; ``gap`` twitch-free days end a run."""
    counts: dict[date, int] = {}
    for t in twitches:
        day = t.day(day_start_hour)
        counts[day] = counts.get(day, 0) + 1
    return episodes_of(counts, gap)


def episodes_of(counts: dict[date, int], gap: int = 7) -> list[Episode]:
    """``episodes`` from the twitch count of each day that has any."""
    out: list[Episode] = []
    run: list[date] = []
    for day in sorted(counts):
        if run and (day - run[-1]).days - 1 >= gap:
            out.append(Episode(run[0], run[-1], len(run), sum(counts[d] for d in run)))
            run = []
        run.append(day)
    if run:
        out.append(Episode(run[0], run[-1], len(run), sum(counts[d] for d in run)))
    return out


@dataclass(frozen=True, slots=True)
class Summary:
    count: int
    days: int
    days_with: int
    mean_intensity: float | None
    max_intensity: int | None
    median_duration: float | None
    max_duration: int | None
    intensity_given: int = 0
    """How many of the ``count`` twitches have an intensity (the rest: not given)."""
    duration_given: int = 0

    @property
    def per_day(self) -> float:
        return self.count / self.days if self.days else 0.0

    @property
    def free_days(self) -> int:
        return self.days - self.days_with


def summary(twitches: list[Twitch], first: date, last: date, day_start_hour: int = 0) -> Summary:
    inside = [t for t in twitches if first <= t.day(day_start_hour) <= last]
    days = (last - first).days + 1
    with_twitch = {t.day(day_start_hour) for t in inside}
    # Values nobody gave stay out of every mean and median.
    strengths = [t.intensity for t in inside if t.intensity is not None]
    lengths = [t.duration_s for t in inside if t.duration_s is not None]
    return Summary(
        count=len(inside),
        days=days,
        days_with=len(with_twitch),
        mean_intensity=sum(strengths) / len(strengths) if strengths else None,
        max_intensity=max(strengths, default=None),
        median_duration=median(lengths) if lengths else None,
        max_duration=max(lengths, default=None),
        intensity_given=len(strengths),
        duration_given=len(lengths),
    )


def trigger_counts(twitches: Iterable[Twitch]) -> list[tuple[str, int]]:
    return most_used(Counter(tag for t in twitches for tag in t.triggers))


def most_used(counts: Counter[str]) -> list[tuple[str, int]]:
    """Each tag and its count, the most used first (then by name)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass(frozen=True, slots=True)
class Week:
    count: int
    mean_intensity: float | None
    free_days: int
    """Diary days with no twitch (a day with nothing recorded is not one)."""
    no_diary: int = 0
    """Days of the seven with nothing recorded."""


def week_vs_week(
    twitches: list[Twitch],
    today: date,
    day_start_hour: int = 0,
    logged: set[date] | None = None,
) -> tuple[Week, Week]:
    """The 7 complete days before ``today`` (today is not over) and the 7
    before them. ``logged``: the diary days (None: every day counts)."""

    def week(last: date) -> Week:
        first = last - timedelta(days=6)
        s = summary(twitches, first, last, day_start_hour)
        if logged is None:
            return Week(s.count, s.mean_intensity, s.free_days)
        kept = sum(1 for day in days_between(first, last) if day in logged)
        return Week(s.count, s.mean_intensity, kept - s.days_with, 7 - kept)

    return week(today - timedelta(days=1)), week(today - timedelta(days=8))


def week_sentence(this: Week, last: Week) -> str:
    def one(w: Week) -> str:
        if w.no_diary >= 7:
            return "no diary"
        strength = "" if w.mean_intensity is None else f", intensity {w.mean_intensity:.1f}"
        missing = f", {plural(w.no_diary, 'day')} no diary" if w.no_diary else ""
        return (
            f"{plural(w.count, 'twitch')}{strength}, "
            f"{plural(w.free_days, 'twitch-free day')}{missing}"
        )

    return f"Last 7 full days: {one(this)}. The 7 before: {one(last)}."


# ---------------------------------------------------------------- chart data

RANGES: tuple[int, ...] = (7, 14, 30, 90, 365)


@dataclass(frozen=True, slots=True)
class TrendData:
    """Everything the trend charts draw for one range, computed off the event loop."""

    first: date
    last: date
    per_day: list[int]
    average: list[float | None]
    """The 7-day average over diary days (None: no diary in the window)."""
    flagged: list[int]
    """Indices (into per_day) of days a red-flag finding names."""
    hours: list[int]
    sites: dict[str, dict[str, int]]
    intensity: list[float | None]
    habits: dict[str, list[bool | None]]
    insights: list[str]
    diary: list[bool] | None = None
    """Per day: something was recorded (False: "no diary", not drawn as zero)."""
    since_began: bool = False
    """The range reached back before the diary began, so it starts there."""

    @property
    def total(self) -> int:
        return sum(self.per_day)

    @property
    def days(self) -> int:
        return len(self.per_day)
