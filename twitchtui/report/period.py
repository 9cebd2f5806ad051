"""Which days and which sections a report covers: pure functions the CLI and
the preview call. Every refusal is a ``PeriodError`` whose message is one
line, ready to print."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import DayLog

MAX_DAYS = 3660
"""The longest period a report covers: ten years."""
EARLIEST = date(1900, 1, 1)

SECTION_KEYS: dict[str, str] = {
    "summary": "Summary",
    "history": "History of the twitching",
    "findings": "Findings worth discussing",
    "daily": "Twitches per day",
    "sites": "Where: sites and sides",
    "hours": "Time of day",
    "checklist": "Daily checklist and check-in",
    "tried": "What was tried",
    "selfchecks": "Self-check answers and visits",
    "medicines": "Medicines",
    "notes": "Triggers, medicines and notes",
    "questions": "Questions for my doctor",
}
"""Each section's key (for ``--sections``) and title, in the report's order."""


class PeriodError(ValueError):
    """A period or a choice of sections that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class Period:
    """The days a report covers, ``first`` to ``last``, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        for name in ("first", "last"):
            value = getattr(self, name)
            if not isinstance(value, date) or hasattr(value, "hour"):
                raise PeriodError(f"the period's {name} day is not a date")
        if self.first > self.last:
            raise PeriodError(
                f"the period begins on {self.first.isoformat()}, after it ends "
                f"({self.last.isoformat()})"
            )
        if self.first < EARLIEST:
            raise PeriodError(f"{self.first.isoformat()} is too far back (before 1900)")
        if self.days > MAX_DAYS:
            raise PeriodError(f"the period is {self.days} days long; at most {MAX_DAYS} are shown")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def parse_day(text: str, option: str) -> date:
    """A day written as YYYY-MM-DD, or a one-line refusal naming ``option``."""
    if not isinstance(text, str) or len(text.strip()) != 10:
        raise PeriodError(f"{option}: {text!r} is not a date; write it as YYYY-MM-DD")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodError(f"{option}: {text!r} is not a date; write it as YYYY-MM-DD") from None


def since_last_visit(logs: Mapping[date, DayLog], until: date | None = None) -> date | None:
    """The diary day of the last self-check record saying a clinician saw the
    person (on or before ``until``), or None when there is none."""
    days = [
        day for day, log in logs.items() if (until is None or day <= until) and log.seen_clinician
    ]
    return max(days, default=None)


def choose_period(
    today: date,
    *,
    days: int | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
    since_visit: bool = False,
    logs: Mapping[date, DayLog] | None = None,
) -> Period:
    """The period asked for: ``--from``/``--to`` (either may be left out),
    ``--days`` up to ``--to`` (or today), or ``--since-last-visit`` (from the
    day of the last visit to a clinician, that day included). Without any of
    them, the last 28 days. Days after ``today`` are refused: a report tells
    what was recorded, never what is to come."""
    if isinstance(start, str):
        start = parse_day(start, "--from")
    if isinstance(end, str):
        end = parse_day(end, "--to")
    chosen = [
        name
        for name, on in (
            ("--days", days is not None),
            ("--from", start is not None),
            ("--since-last-visit", since_visit),
        )
        if on
    ]
    if len(chosen) > 1:
        raise PeriodError(f"give one of {' or '.join(chosen)}, not both")
    last = end if end is not None else today
    if last > today:
        raise PeriodError(
            f"--to {last.isoformat()} is in the future (today is {today.isoformat()})"
        )
    if start is not None and start > today:
        raise PeriodError(
            f"--from {start.isoformat()} is in the future (today is {today.isoformat()})"
        )
    if since_visit:
        visit = since_last_visit(logs or {}, last)
        if visit is None:
            raise PeriodError(
                "no visit to a clinician is in the diary up to "
                f"{last.isoformat()} (the self-check records one as 'seen by a clinician'); "
                "give --from or --days instead"
            )
        return Period(visit, last)
    if start is not None:
        if start > last:
            raise PeriodError(f"--from {start.isoformat()} is after --to {last.isoformat()}")
        return Period(start, last)
    n = 28 if days is None else days
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_DAYS:
        raise PeriodError(f"--days must be a whole number from 1 to {MAX_DAYS}")
    return Period(last - timedelta(days=n - 1), last)


def choose_sections(chosen: str | Iterable[str] | None) -> tuple[str, ...]:
    """The section keys to show, in the report's order.

    ``None`` (or "all") is every section. Keys name the sections wanted, and
    the summary comes first with them unless it is left out explicitly with
    ``-summary``; keys that all begin with "-" take those sections out of the
    whole report. A comma-separated string is split."""
    if chosen is None:
        return tuple(SECTION_KEYS)
    parts = chosen.split(",") if isinstance(chosen, str) else list(chosen)
    words = [p.strip().lower() for p in parts if isinstance(p, str) and p.strip()]
    if not words:
        raise PeriodError(f"--sections: name at least one of {', '.join(SECTION_KEYS)}")
    if words == ["all"]:
        return tuple(SECTION_KEYS)
    wanted: set[str] = set()
    dropped: set[str] = set()
    for word in words:
        key = word[1:] if word.startswith("-") else word
        if key not in SECTION_KEYS:
            raise PeriodError(
                f"--sections: {key[:40]!r} is not a section; choose from {', '.join(SECTION_KEYS)}"
            )
        (dropped if word.startswith("-") else wanted).add(key)
    if wanted & dropped:
        raise PeriodError(f"--sections: {sorted(wanted & dropped)[0]} is both wanted and left out")
    if wanted:
        wanted.add("summary")
        keep = wanted - dropped
    else:
        keep = set(SECTION_KEYS) - dropped
    if not keep:
        raise PeriodError("--sections: that leaves no section to show")
    return tuple(key for key in SECTION_KEYS if key in keep)
