"""What a report is built from: the chosen days, and the whole diary up to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..model import DayLog, Settings, Twitch
from ..redflags import Finding


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

    @property
    def diary_began(self) -> date | None:
        """The first day anything was recorded."""
        days = [t.day(self.settings.day_start_hour) for t in self.history[:1]]
        days += [d for d, log in self.all_logs.items() if not log.is_empty][:1]
        return min(days, default=None)
