"""What a report is built from: the chosen days, and the whole diary up to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .. import stats
from ..model import DayLog, Settings, Twitch
from ..redflags import Finding


@dataclass(frozen=True)
class AllTime:
    """The whole diary up to a report's last day, in totals: what the onset,
    the episodes and the first-seen dates need, without every twitch
    (``views.load_report`` builds it from the store's derived index)."""

    per_day: dict[date, dict[tuple[str, str], int]]
    """Twitches of each diary day by (site, side), oldest day first."""
    first_seen: dict[tuple[str, str], date]
    """The first diary day of each (site, side), in order of appearance."""
    logged: frozenset[date]
    """The days whose log holds anything."""
    checks: dict[date, DayLog]
    """The day logs with self-check records, oldest first."""

    @property
    def counts(self) -> dict[date, int]:
        """Twitches of each diary day."""
        return {day: sum(sides.values()) for day, sides in self.per_day.items()}


@dataclass(frozen=True)
class ReportInput:
    first: date
    last: date
    now: datetime
    twitches: list[Twitch]
    logs: dict[date, DayLog]
    settings: Settings
    findings: list[Finding]
    history: list[Twitch] = field(default_factory=list)
    """Every twitch up to ``last``, for the onset, the episodes and first-seen dates."""
    all_logs: dict[date, DayLog] = field(default_factory=dict)
    """Every day log up to ``last``: self-checks, visits to a clinician."""
    all_time: AllTime | None = None
    """When given, the whole diary's totals: then ``history`` need only hold
    the twitches around the period (a day either side), ``all_logs`` nothing."""

    @property
    def diary_began(self) -> date | None:
        """The first day anything was recorded."""
        if self.all_time is not None:
            return min(
                [*self.all_time.per_day][:1] + sorted(self.all_time.logged)[:1], default=None
            )
        days = [t.day(self.settings.day_start_hour) for t in self.history[:1]]
        days += [d for d, log in self.all_logs.items() if not log.is_empty][:1]
        return min(days, default=None)

    def day_counts(self) -> dict[date, int]:
        """Twitches of each diary day, all time up to ``last``."""
        if self.all_time is not None:
            return self.all_time.counts
        counts: dict[date, int] = {}
        for t in self.history:
            day = t.day(self.settings.day_start_hour)
            counts[day] = counts.get(day, 0) + 1
        return counts

    def episodes(self) -> list[stats.Episode]:
        """Every run of twitching, all time up to ``last``."""
        return stats.episodes_of(self.day_counts())

    def first_seen(self, fallback: list[Twitch] | None = None) -> dict[tuple[str, str], date]:
        """The first diary day of each (site, side), all time; from
        ``fallback`` when the diary's history is not given."""
        h = self.settings.day_start_hour
        if self.all_time is not None:
            if self.all_time.per_day or fallback is None:
                return self.all_time.first_seen
            return stats.first_seen(fallback, h)
        return stats.first_seen(self.history or fallback or [], h)

    def sites_ever(self, fallback: list[Twitch]) -> dict[str, dict[str, int]]:
        """Counts per site and side, all time (``stats.by_site_side``)."""
        if self.all_time is not None and self.all_time.per_day:
            table = stats.by_site_side([])
            for sides in self.all_time.per_day.values():
                for (site, side), n in sides.items():
                    table.setdefault(site, {}).setdefault(side, 0)
                    table[site][side] += n
            return table
        if self.all_time is not None:
            return stats.by_site_side(fallback)
        return stats.by_site_side(self.history or fallback)

    def diary_days(self) -> set[date]:
        """Every day with anything recorded, all time up to ``last``."""
        if self.all_time is not None and (self.all_time.per_day or self.all_time.logged):
            days = set(self.all_time.per_day) | self.all_time.logged
        else:
            history = self.history or self.twitches
            days = stats.diary_days(
                history, self.all_logs or self.logs, self.settings.day_start_hour
            )
        return {d for d in days if d <= self.last}

    def check_logs(self) -> dict[date, DayLog]:
        """The day logs the self-check record is read from (all time)."""
        if self.all_time is not None:
            return self.all_time.checks
        return self.all_logs or self.logs
