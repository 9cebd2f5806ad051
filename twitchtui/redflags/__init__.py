"""Red-flag rules: diary in, findings out. Pure: no Textual, no I/O, clock passed in.

Every rule says, in plain words, why it fires, where the rule comes from, which
diary entries made it fire, and what the user can do now. None of them is a
diagnosis: they point to a clinician, calmly.

Sources named in the findings:

- ARTICLE: the source articles on lip twitching that this app is based on
  (they are not kept in this repository): most lip twitches pass within
  days; the "two-week mark"; red flags are spreading to other parts of the
  face (especially the eye), weakness such as not being able to hold water in
  the mouth, an uneven face, and a pulling sensation that persists; twitching
  that becomes more frequent may warrant a check.
- NHS: NHS guidance on muscle twitches: see a GP if a twitch lasts more than
  two weeks or spreads; sudden weakness on one side of the face is an emergency.
- STROKE: NHS guidance on stroke (FAST: a face that droops, an arm that is
  weak, speech that is slurred; and the other sudden symptoms: numbness on one
  side, confusion, trouble seeing or with balance, a severe headache): call the
  emergency number at once; the Stroke Association: symptoms that pass can be a
  TIA and still need urgent care, and a past episode needs an urgent GP visit.
- BELLS: NHS guidance on Bell's palsy: a face that weakens and an eye that will
  not close need a GP as soon as possible.
- MND: NHS guidance on motor neurone disease: weakness or wasting that comes
  on gradually is a reason to see a GP.
- The second source article names hemifacial spasm (usually starts at the eye
  and moves down to the mouth, on one side) and medicines that can cause
  twitching: antipsychotics, diuretics and steroids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta

from ..model import DayLog, Medicine, Twitch, day_end, diary_day
from .answers import (
    BELLS,
    EMERGENCY_HOURS,
    FAST_SIGNS,
    MND,
    NUMBNESS_DAYS,
    PULLING_DAYS,
    STROKE,
    SUDDEN_SIGNS,
    SYMPTOM_WINDOW,
    Answer,
    answers,
    records,
)
from .finding import (
    ALL_CLEAR,
    ARTICLE,
    DOCTOR,
    EMERGENCY,
    EMPTY_DIARY,
    INFO,
    NHS,
    ROUTINE,
    SAME_DAY,
    STANDING_NOTE,
    TIER_ORDER,
    TIERS,
    URGENT,
    Contacts,
    Entry,
    Finding,
    all_clear,
    by_tier,
    twitches_by_day,
    when,
)
from .medicine import MEDICINE_WINDOW, medicine
from .patterns import (
    GAP_DAYS,
    PERSIST_DAYS,
    PERSIST_MIN_DAYS,
    PERSIST_SHARE,
    RISE_FACTOR,
    RISE_MARGIN,
    SPREAD_MIN_DAYS,
    SPREAD_WINDOW,
    current_run,
    persistence,
    rising,
    spread,
)
from .symptoms import open_urgent, self_check_findings


def check(
    twitches: list[Twitch],
    logs: dict[date, DayLog],
    today: date,
    day_start_hour: int = 0,
    *,
    now: datetime | None = None,
    who: Contacts | None = None,
    medicines: Iterable[Medicine] = (),
) -> list[Finding]:
    """Every finding for the diary, most serious first (by tier).

    ``logs`` should hold every day log with a self-check record: an urgent
    answer never expires with age. ``now`` is the instant the diary is checked
    at (the end of ``today`` when not given); records are compared by their
    instants, so no day log is dropped for its date. Twitches older than 120
    days change nothing.
    """
    logs = {d: log for d, log in logs.items() if log.checks}
    if now is None:
        # As of a day: only what had been recorded by its end.
        now = day_end(today, day_start_hour)
        logs = {d: _until(log, now) for d, log in logs.items()}
    # Up to today, and a twitch already happened that its own clock (another
    # machine's zone, ahead of this one) dated tomorrow: it counts now.
    tomorrow = today + timedelta(days=1)
    twitches = sorted(
        (
            t
            for t in twitches
            if (d := diary_day(t.at, day_start_hour)) <= today or (d == tomorrow and t.at <= now)
        ),
        key=lambda t: t.at,
    )
    by_day = twitches_by_day(twitches, day_start_hour)
    findings = [
        *self_check_findings(logs, by_day, now, day_start_hour, who),
        persistence(by_day, today),
        spread(by_day, today),
        medicine(by_day, medicines, today),
        rising(by_day, today),
    ]
    return by_tier(f for f in findings if f is not None)


def _until(log: DayLog, now: datetime) -> DayLog:
    """The day's records as they stood at ``now`` (a withdrawal from when it was saved)."""
    # By when each record was saved: an answer about an earlier day told
    # later was not in the diary then, nor was its withdrawal.
    kept = (c for c in log.checks if c.saved_at <= now)
    return replace(log, checks=tuple(kept))


__all__ = [
    "ALL_CLEAR",
    "ARTICLE",
    "BELLS",
    "DOCTOR",
    "EMERGENCY",
    "EMERGENCY_HOURS",
    "EMPTY_DIARY",
    "FAST_SIGNS",
    "GAP_DAYS",
    "INFO",
    "MEDICINE_WINDOW",
    "MND",
    "NHS",
    "NUMBNESS_DAYS",
    "PERSIST_DAYS",
    "PERSIST_MIN_DAYS",
    "PERSIST_SHARE",
    "PULLING_DAYS",
    "RISE_FACTOR",
    "RISE_MARGIN",
    "ROUTINE",
    "SAME_DAY",
    "SPREAD_MIN_DAYS",
    "SPREAD_WINDOW",
    "STANDING_NOTE",
    "STROKE",
    "SUDDEN_SIGNS",
    "SYMPTOM_WINDOW",
    "TIERS",
    "TIER_ORDER",
    "URGENT",
    "Answer",
    "Contacts",
    "Entry",
    "Finding",
    "all_clear",
    "answers",
    "by_tier",
    "check",
    "current_run",
    "medicine",
    "open_urgent",
    "persistence",
    "records",
    "rising",
    "self_check_findings",
    "spread",
    "twitches_by_day",
    "when",
]
