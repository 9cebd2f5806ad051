"""Aggregations for the charts, the insights and the doctor's report. Pure.

Everything takes plain lists of ``Twitch`` and ``DayLog`` plus the dates it
should cover, and returns plain numbers; nothing here reads a clock or a file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import median

from . import checklist
from .model import SIDES, SITES, DayLog, Settings, Twitch, days_between


def per_day(
    twitches: Iterable[Twitch], first: date, last: date, day_start_hour: int = 0
) -> list[int]:
    """Twitch counts for every day from ``first`` to ``last`` (zeros included)."""
    counts = Counter(t.day(day_start_hour) for t in twitches)
    return [counts.get(day, 0) for day in days_between(first, last)]


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
class Summary:
    count: int
    days: int
    days_with: int
    mean_intensity: float | None
    max_intensity: int | None
    median_duration: float | None
    max_duration: int | None

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
    return Summary(
        count=len(inside),
        days=days,
        days_with=len(with_twitch),
        mean_intensity=sum(t.intensity for t in inside) / len(inside) if inside else None,
        max_intensity=max((t.intensity for t in inside), default=None),
        median_duration=median(t.duration_s for t in inside) if inside else None,
        max_duration=max((t.duration_s for t in inside), default=None),
    )


def trigger_counts(twitches: Iterable[Twitch]) -> list[tuple[str, int]]:
    counts = Counter(tag for t in twitches for tag in t.triggers)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


# ---------------------------------------------------------------- habits

HABITS: dict[str, str] = {
    "water": "water target met",
    "coffee": "coffee rule kept",
    "snack": "almonds or banana",
    "bed": "early night",
}


def habit_days(
    logs: dict[date, DayLog], settings: Settings, first: date, last: date
) -> dict[str, list[bool | None]]:
    """Per habit, per day: kept (True), missed (False), or nothing logged (None)."""
    out: dict[str, list[bool | None]] = {key: [] for key in HABITS}
    for day in days_between(first, last):
        log = logs.get(day)
        if log is None or log.is_empty:
            for key in HABITS:
                out[key].append(None)
            continue
        done = {item.key: item.done for item in checklist.items(log, settings)}
        for key in HABITS:
            out[key].append(done[key])
    return out
