"""Gentle reminders, in the dashboard and from ``twitchtui remind``. Pure:
state and clock in, one nudge out (the record of what was sent is passed in).

Rules: each kind has its own switch in the settings and its own minimum gap
(never less than an hour); only one reminder is shown at a time (no stacking:
none within two minutes of the last); quiet mode silences them all until the
end of the day it was turned on. The dashboard and ``twitchtui remind`` keep
one record of what was sent (``notify.Record``), so neither repeats the other.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from .checklist import Pause
from .humanize import plural
from .model import DayLog, Settings

GAPS: dict[str, timedelta] = {
    "coffee": timedelta(hours=24),
    "bed": timedelta(hours=24),
    "water": timedelta(hours=2),
    "checkin": timedelta(hours=2),
    "pause": timedelta(hours=6),
}
"""The least time between two reminders of one kind."""
APART = timedelta(minutes=2)
"""The least time between any two reminders, so they never pile up."""
WATER_FROM, WATER_UNTIL = 8, 20
"""Water pace: the target spread evenly over these hours of the day."""


@dataclass(frozen=True, slots=True)
class Nudge:
    kind: str
    message: str


def _minutes_until(now: datetime, hour: int, minute: int = 0) -> float:
    target = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return (target - now).total_seconds() / 60


def candidates(now: datetime, settings: Settings, log: DayLog, pause: Pause | None) -> list[Nudge]:
    """Every reminder that applies right now, most useful first."""
    out: list[Nudge] = []
    if settings.nudge_bed and log.bedtime is None:
        bed = settings.target_bedtime
        left = _minutes_until(now, bed.hour, bed.minute)
        if 0 < left <= 30:
            out.append(
                Nudge(
                    "bed", f"Bedtime in {left:.0f} min ({bed:%H:%M}), an hour earlier than usual."
                )
            )
    pausing = pause is not None and pause.broken_by is None and pause.hours_left > 0
    if settings.nudge_coffee and len(log.coffees) < settings.coffee_limit and not pausing:
        left = _minutes_until(now, settings.coffee_cutoff_hour)
        if 0 < left <= 15:
            out.append(
                Nudge(
                    "coffee",
                    f"The coffee window closes in {left:.0f} min "
                    f"({settings.coffee_cutoff_hour:02d}:00). After that, better skip it today.",
                )
            )
    if settings.nudge_water and 12 <= now.hour < WATER_UNTIL:
        elapsed = (now.hour + now.minute / 60 - WATER_FROM) / (WATER_UNTIL - WATER_FROM)
        expected = settings.water_target_ml * min(1.0, elapsed)
        if log.water_ml + settings.glass_ml < expected:  # more than a glass behind
            behind = round((expected - log.water_ml) / settings.glass_ml)
            out.append(
                Nudge(
                    "water",
                    f"Water is behind pace: {log.water_ml} of {settings.water_target_ml} ml "
                    f"so far. About {plural(behind, 'glass')} would catch up (w).",
                )
            )
    checkin_missing = log.stress is None or log.sleep_h is None
    if settings.nudge_checkin and now.hour >= settings.checkin_hour and checkin_missing:
        out.append(Nudge("checkin", "Time for the daily check-in: stress, sleep and food (i)."))
    if (
        settings.nudge_pause
        and pause is not None
        and pause.broken_by is None
        and pause.hours_left > 0
    ):
        out.append(Nudge("pause", f"Stimulant pause: {pause.hours_left:.0f} h to go. Going well."))
    return out


def due(
    now: datetime,
    settings: Settings,
    log: DayLog,
    pause: Pause | None,
    fired: dict[str, datetime],
    today: date,
) -> Nudge | None:
    """The one reminder to show now, or None. ``fired`` holds when each kind last fired."""
    if not settings.nudges or (settings.quiet_until is not None and today <= settings.quiet_until):
        return None
    if fired and now - max(fired.values()) < APART:
        return None
    for nudge in candidates(now, settings, log, pause):
        last = fired.get(nudge.kind)
        if last is None or now - last >= GAPS[nudge.kind]:
            return nudge
    return None


QUIET_AFTER_START = timedelta(minutes=10)
"""No reminder this soon after the dashboard opens: the person just arrived."""


class Sent(Protocol):
    """When each kind of reminder was last sent, held for a look and an
    update (``notify.Record``: a file shared with ``twitchtui remind``)."""

    def claim(self) -> AbstractContextManager[dict[str, datetime]]: ...


class InMemory:
    """A record of reminders sent that lives as long as the object."""

    def __init__(self) -> None:
        self.fired: dict[str, datetime] = {}

    @contextmanager
    def claim(self) -> Iterator[dict[str, datetime]]:
        yield self.fired


class Reminders:
    """The reminders of one open dashboard: the record of when each kind
    last fired (``sent``: shared with ``twitchtui remind``; default: this
    object's own), so that none repeats before its gap, and quiet for the
    first ``QUIET_AFTER_START`` after ``started``."""

    def __init__(self, started: datetime | None = None, sent: Sent | None = None) -> None:
        self.sent: Sent = sent if sent is not None else InMemory()
        self.started = started

    def due(
        self, now: datetime, settings: Settings, log: DayLog, pause: Pause | None, today: date
    ) -> Nudge | None:
        """The reminder to show now (counted as shown), or None."""
        if self.started is not None and now - self.started < QUIET_AFTER_START:
            return None
        with self.sent.claim() as fired:
            nudge = due(now, settings, log, pause, fired, today)
            if nudge is not None:
                fired[nudge.kind] = now
        return nudge
