"""A red-flag finding: its level, reason, source, advice and the diary entries behind it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..model import Twitch, diary_day

INFO, DOCTOR, URGENT = "info", "talk to a doctor", "urgent"
ORDER = {URGENT: 0, DOCTOR: 1, INFO: 2}

ARTICLE = "the source articles on lip twitching"
NHS = "NHS guidance on muscle twitches"
STROKE = (
    "NHS and Stroke Association guidance on stroke and TIA (FAST); NHS guidance on Bell's palsy"
)

STANDING_NOTE = (
    "twitchtui does not diagnose. Most lip twitches are harmless and settle within days. "
    "These checks only point out what is worth showing a clinician; they never replace one."
)
ALL_CLEAR = (
    "Nothing in your diary matches the signs that call for a doctor. "
    "There is no need to check the mirror again: logging twitches is enough."
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One piece of the diary that made a rule fire."""

    day: date
    detail: str

    def to_doc(self) -> dict:
        return {"date": self.day.isoformat(), "detail": self.detail}


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    level: str
    title: str
    reason: str
    source: str
    advice: str
    entries: tuple[Entry, ...] = field(default_factory=tuple)

    def to_doc(self) -> dict:
        return {
            "id": self.id,
            "level": self.level,
            "title": self.title,
            "reason": self.reason,
            "source": self.source,
            "advice": self.advice,
            "entries": [e.to_doc() for e in self.entries],
        }


def twitches_by_day(twitches: Iterable[Twitch], day_start_hour: int) -> dict[date, list[Twitch]]:
    days: dict[date, list[Twitch]] = defaultdict(list)
    for twitch in twitches:
        days[diary_day(twitch.at, day_start_hour)].append(twitch)
    return dict(sorted(days.items()))
