"""A red-flag finding: its tier, reason, source, advice and the diary entries behind it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from ..model import Twitch, diary_day
from ..model.values import Doc

EMERGENCY, SAME_DAY, ROUTINE, INFO = "emergency", "same-day", "routine", "info"
TIERS: tuple[str, ...] = (EMERGENCY, SAME_DAY, ROUTINE, INFO)
"""Most serious first: call the emergency number now; an urgent appointment
today; book a GP appointment; worth knowing."""
TIER_ORDER = {tier: i for i, tier in enumerate(TIERS)}

URGENT, DOCTOR = "urgent", "talk to a doctor"
LEVEL = {EMERGENCY: URGENT, SAME_DAY: URGENT, ROUTINE: DOCTOR, INFO: INFO}
"""The older, coarser word for a tier (kept in ``flags --json`` as ``level``):
both urgent tiers raise the dashboard's banner."""

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
    "Logging the twitches is enough; the checks run again with every entry."
)
EMPTY_DIARY = (
    "No twitch is in the diary yet, so there is nothing to check. Log one with t "
    "(or twitchtui log) and the checks run by themselves."
)


def left_out(files: dict[str, str], today: date) -> Finding:
    """The note that some of the diary was not read (another machine's file,
    or a conflict copy, that is damaged or half-copied, or holds entries
    twitchtui does not accept), by file name and why. It stands in place of
    an all-clear: a sign in such a file would not be found."""
    shown = sorted(files.items())
    names = ", ".join(name for name, _ in shown[:3])
    if len(shown) > 3:
        names += f" and {len(shown) - 3} more"
    return Finding(
        id="unread",
        tier=INFO,
        title="Part of the diary could not be read",
        reason=(
            f"{names} could not be read whole, so what "
            + ("it holds" if len(shown) == 1 else "they hold")
            + ", a self-check answer included, is not in these checks: they may miss something."
        ),
        source="twitchtui's own reading of the diary's files",
        advice=(
            "If a sync tool is still copying the file, the checks read it again once it "
            "is whole. If this stays, run twitchtui sync status, and look at the diary "
            "on the machine the file came from."
        ),
        entries=tuple(Entry(today, f"{name}: {why}") for name, why in shown),
    )


def all_clear(empty: bool) -> str:
    """The calm line shown when no rule matches: it says so honestly when no
    twitch is logged yet."""
    return EMPTY_DIARY if empty else ALL_CLEAR


@dataclass(frozen=True, slots=True)
class Contacts:
    """Who to call: the emergency number and the same-day urgent line."""

    emergency: str = "112"
    urgent_line: str = ""
    """The country's non-emergency urgent line ("111" in the UK), or "" for
    none, when advice says "your GP's urgent line"."""

    @property
    def call(self) -> str:
        """The emergency number, with 112 beside it (it works across Europe
        and on most mobile phones)."""
        return self.emergency if self.emergency == "112" else f"{self.emergency} (or 112)"

    @property
    def same_day(self) -> str:
        """Where to turn today: the GP surgery, or the urgent line."""
        line = f"call {self.urgent_line}" if self.urgent_line else "use your GP's urgent line"
        return f"ask your GP surgery for an urgent appointment, or {line}"


def when(moment: date | datetime, today: date) -> str:
    """A short date (and time) for a reason; with the year when it is not this year."""
    day = moment.date() if isinstance(moment, datetime) else moment
    text = f"{day:%d %b}" if day.year == today.year else f"{day:%d %b %Y}"
    if isinstance(moment, datetime):
        text += f" at {moment:%H:%M}"
    return text


@dataclass(frozen=True, slots=True)
class Entry:
    """One piece of the diary that made a rule fire."""

    day: date
    detail: str

    def to_doc(self) -> Doc:
        return {"date": self.day.isoformat(), "detail": self.detail}


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    tier: str
    title: str
    reason: str
    source: str
    advice: str
    entries: tuple[Entry, ...] = field(default_factory=tuple)
    clinician_note: str = ""
    """A line for the clinician's report only (a pattern worth assessing,
    named in medical words); never shown on screen."""

    @property
    def level(self) -> str:
        return LEVEL[self.tier]

    @property
    def urgent(self) -> bool:
        return self.tier in (EMERGENCY, SAME_DAY)

    def to_doc(self) -> Doc:
        return {
            "id": self.id,
            "tier": self.tier,
            "level": self.level,
            "title": self.title,
            "reason": self.reason,
            "source": self.source,
            "advice": self.advice,
            "entries": [e.to_doc() for e in self.entries],
        }


def by_tier(findings: Iterable[Finding]) -> list[Finding]:
    """Findings most serious first (a stable sort: rule order within a tier)."""
    return sorted(findings, key=lambda f: TIER_ORDER[f.tier])


def twitches_by_day(twitches: Iterable[Twitch], day_start_hour: int) -> dict[date, list[Twitch]]:
    days: dict[date, list[Twitch]] = defaultdict(list)
    for twitch in twitches:
        days[diary_day(twitch.at, day_start_hour)].append(twitch)
    return dict(sorted(days.items()))
