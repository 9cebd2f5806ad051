"""The self-check records read as answers: one sign in one record, each with its tier.

Every self-check save is a record with its instant (see ``model.selfcheck``).
Answers are read in order of those instants, so a later save, a new time zone
or a new day-start hour can add to what is open but never remove it: only a
recorded clinician visit closes an emergency or same-day answer, and only for
the signs that began before it and were told to the diary before it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..model import SHORT, DayLog, SelfCheck, diary_day, in_force, onset_note
from .finding import EMERGENCY, ROUTINE, SAME_DAY

SYMPTOM_WINDOW = 30
"""Routine and info answers look back this many days; urgent ones never expire."""
COUNTED = ("numbness",)
"""Signs with a counted card (days in the window) that can also be same-day
when new with the onset not sure."""
UNTIL_SEEN = ("wasting",)
"""Routine, but open until a clinician visit covers it, however long ago: a
muscle that gets thinner does not pass, so a month's quiet is no all-clear."""
EMERGENCY_HOURS = 24
"""A sign that may be a stroke or TIA stays an emergency this long from its
onset, even once it has passed; after that it is same-day until a clinician
has seen the person."""
PULLING_DAYS = 2
NUMBNESS_DAYS = 2

FAST_SIGNS = ("droop", "cannot_hold_water", "asymmetry", "speech", "limb_weakness")
"""The FAST signs: an emergency when new (or when sudden), same-day over days."""
SUDDEN_SIGNS = ("numbness", "tingling", "vision_balance", "swallowing", "confusion", "headache")
"""An emergency when they came on suddenly."""
BEYOND_SIGNS = ("vision_balance", "swallowing", "confusion", "headache", "wasting")
"""Signs a simple twitch does not cause: routine when not sudden."""
UNSURE_SAME_DAY = ("numbness", "vision_balance", "swallowing", "confusion", "headache")
"""New, with the onset not known: same-day (a confused person may not know
whether it came on suddenly; numbness on one side is one of the stroke signs
NHS guidance lists, like a weak arm)."""

STROKE = (
    "NHS guidance on stroke (FAST, and its other symptoms); the Stroke Association on "
    "symptoms that pass (TIA)"
)
BELLS = "NHS guidance on Bell's palsy (see a GP as soon as possible)"
MND = "NHS guidance on motor neurone disease (early signs: see a GP)"
NHS_TWITCH = "NHS guidance on twitching eyes and muscles"


@dataclass(frozen=True, slots=True)
class Answer:
    """One sign in one self-check record, with the tier the rules gave it."""

    check: SelfCheck
    day: date
    sign: str
    onset: str
    tier: str | None
    why: str
    """Why this tier: "new", "again", "seen-again", "past" (an emergency
    more than 24 hours ago) or "" for the counted kinds."""
    raised: bool = False
    """Moved onto the emergency card from same-day (its sign, or its record,
    has an emergency answer): not itself what makes it an emergency."""

    def detail(self) -> str:
        # Listed under its diary day: a moment on another date (before the
        # day-start hour) says its date, so that no time reads as the wrong day's.
        at = self.check.at
        moment = f"{at:%H:%M}" if at.date() == self.day else f"{at:%d %b %H:%M}"
        said = "self-check (no time given)" if self.check.timeless else f"self-check at {moment}"
        return f"{said}: {SHORT[self.sign]}{onset_note(self.onset)}"


def records(logs: dict[date, DayLog]) -> list[SelfCheck]:
    """Every self-check answer of the diary in force (not withdrawn as a
    mistake, ``selfcheck.in_force``), oldest instant first. An id seen twice
    (it cannot be, once validated) keeps every copy: nothing is dropped."""
    out = in_force(c for log in logs.values() for c in log.checks)
    return sorted(out, key=lambda c: (c.at, c.id))


RETURN_DAYS = 7
"""A weakness sign seen by a clinician counts as assessed (a routine
follow-up) while it is reported again within this many days of its last
report. Reported again after a longer gap, or after it was said to have
passed, it has come back: an answer of its own (same-day at least)."""

NEW_HOURS = 24
"""A sign is "new" when no answer saved before reported it more than this
long before. An instant rule: calendar days, zones and the day-start hour
never change it."""


def _tier(sign: str, onset: str, new: bool, seen_since_first: bool, age: timedelta) -> str | None:
    """The tier of one answer before any visit closes it; None for the counted kinds.

    ``new``: no answer saved before reported the sign more than ``NEW_HOURS``
    earlier. ``seen_since_first``: a clinician visit lies between an earlier
    report of the sign and this one.
    """
    emergency = EMERGENCY if age <= timedelta(hours=EMERGENCY_HOURS) else SAME_DAY
    if onset == "sudden" and sign in (*FAST_SIGNS, *SUDDEN_SIGNS, "eye_wont_close"):
        return emergency
    if sign in FAST_SIGNS:
        if seen_since_first:
            return ROUTINE
        return emergency if onset == "unsure" and new else SAME_DAY
    if sign == "eye_wont_close":
        return ROUTINE if seen_since_first else SAME_DAY
    if sign in UNSURE_SAME_DAY and onset == "unsure" and new and not seen_since_first:
        return SAME_DAY  # it may well have been sudden: a doctor today, not a booking
    return None


def _returned(
    sign: str, check: SelfCheck, before: list[SelfCheck], checks: list[SelfCheck]
) -> bool:
    """Whether ``sign``, answered in ``check`` and reported ``before``, has
    come back: its last report is more than ``RETURN_DAYS`` earlier, or a
    record between says it had passed."""
    last = max(c.at for c in before)
    if check.at - last > timedelta(days=RETURN_DAYS):
        return True
    # "--passed --droop" records the sign and that it has passed: it counts too.
    return any(last <= c.at < check.at and sign in c.passed for c in checks)


def _covers(visit: SelfCheck, check: SelfCheck) -> bool:
    """Whether a clinician visit can have covered what ``check`` records: it
    lies after the answer's instant and was told to the diary after the answer
    was (a visit saved at 09:00 never covers a sign first told at 15:00, even
    one given for the day before), or it is in the same record."""
    return visit is check or (visit.at > check.at and visit.saved_at >= check.saved_at)


def answers(logs: dict[date, DayLog], now: datetime, day_start_hour: int = 0) -> list[Answer]:
    """Every answered sign still open, each with its tier.

    An emergency or same-day answer is open until a clinician visit after its
    instant (or in the same record). The others are open for
    ``SYMPTOM_WINDOW`` days (their cards count days).
    """
    checks = records(logs)
    visits = [c for c in checks if c.seen]
    out: list[Answer] = []
    today = diary_day(now, day_start_hour)
    for check in checks:
        day = diary_day(check.at, day_start_hour)
        for sign, onset in check.signs.items():
            before = [c for c in checks if c is not check and sign in c.signs and c.at < check.at]
            new = not any(
                c.saved_at <= check.saved_at and c.at < check.at - timedelta(hours=NEW_HOURS)
                for c in before
            )
            # A visit saved with an earlier report (one record) counts too.
            seen_since = any(any(_covers(v, c) and v.at < check.at for v in visits) for c in before)
            returned = seen_since and _returned(sign, check, before, checks)
            if returned:
                seen_since = False  # assessed before, but this is a new episode
            tier = _tier(sign, onset, new, seen_since, now - check.at)
            if tier in (EMERGENCY, SAME_DAY):
                if any(_covers(v, check) for v in visits):
                    # A clinician saw the person after this began. A sign that
                    # also has a counted card (numbness) still counts as a day
                    # with it there, within the window, as it did before it
                    # was same-day: a second day's card must not say "1 day".
                    if sign in COUNTED and 0 <= (today - day).days < SYMPTOM_WINDOW:
                        out.append(Answer(check, day, sign, onset, None, ""))
                    continue
                was = _tier(sign, onset, new, seen_since, timedelta(0))
                why = (
                    "past" if tier != was else "new" if new else "returned" if returned else "again"
                )
            elif sign in UNTIL_SEEN and (today - day).days >= -1:
                seen = any(_covers(v, check) for v in visits)
                if seen and (today - day).days >= SYMPTOM_WINDOW:
                    continue  # seen since, and a month old: as any routine answer
                why = ""
            elif (today - day).days >= SYMPTOM_WINDOW or (today - day).days < -1:
                continue
            else:
                why = "seen-again" if tier == ROUTINE else ""
            out.append(Answer(check, day, sign, onset, tier, why))
    return out
