"""The cards the self-check answers give, the urgent ones first.

Each answered sign (one sign in one record) goes on one card only, so the same
answer never shows up twice with two kinds of advice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime

from ..humanize import plural
from ..model import SHORT, DayLog, SelfCheck, Twitch, diary_day
from .answers import (
    BELLS,
    BEYOND_SIGNS,
    MND,
    NHS_TWITCH,
    NUMBNESS_DAYS,
    PULLING_DAYS,
    STROKE,
    Answer,
    answers,
    records,
)
from .finding import (
    ARTICLE,
    EMERGENCY,
    INFO,
    ROUTINE,
    SAME_DAY,
    TIER_ORDER,
    Contacts,
    Entry,
    Finding,
    when,
)


def _signs(items: Iterable[Answer]) -> str:
    seen: list[str] = []
    for a in items:
        if SHORT[a.sign] not in seen:
            seen.append(SHORT[a.sign])
    if len(seen) <= 1:
        return "".join(seen)
    return ", ".join(seen[:-1]) + " and " + seen[-1]


def _passed(items: list[Answer], checks: list[SelfCheck], today: date) -> str:
    """A sentence for the signs a later record says have passed, or "": said
    of this episode, at or after the card's first answer of that sign (a
    "passed" from an earlier episode, before the sign came back, is not)."""
    began: dict[str, datetime] = {}
    for a in items:
        began[a.sign] = min(a.check.at, began.get(a.sign, a.check.at))
    gone = [c for c in checks if any(c.at >= began[s] for s in c.passed if s in began)]
    if not gone:
        return ""
    return (
        f" It is recorded as having passed ({when(gone[-1].at, today)}); a sign that "
        "passes still needs the same check, because a short episode can be a warning."
    )


def _told(answer: Answer, today: date) -> str:
    """When an answer is dated in a reason: its moment, or for an answer about
    a past day its day alone (no time was given: its 23:59 is the app's)."""
    if answer.check.timeless:
        return f"{when(answer.day, today)} (no time given)"
    return when(answer.check.at, today)


def _entries(items: Iterable[Answer]) -> tuple[Entry, ...]:
    return tuple(Entry(a.day, a.detail()) for a in items)


def _with_onsets(items: Iterable[Answer]) -> str:
    """Each sign once, with how it came on: "slurred speech (sudden)"."""
    words = {"sudden": "sudden", "days": "over days", "unsure": "onset not known"}
    seen: dict[str, str] = {}
    for a in items:
        how = words[a.onset]
        if a.onset == "unsure" and a.why == "new":
            how = f"new, {how}"
        seen.setdefault(a.sign, f"{SHORT[a.sign]} ({how})")
    parts = list(seen.values())
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def emergency(items: list[Answer], checks: list[SelfCheck], today: date, who: Contacts) -> Finding:
    # The answers that make it an emergency, the earliest first (not one
    # moved here from same-day, nor a later "it has passed"): the time to
    # give when calling is when it started.
    causes = sorted((a for a in items if not a.raised), key=lambda a: a.check.at) or items
    cause = causes[0]
    signs = {a.sign for a in causes}
    first = min((a for a in items if a.sign in signs), key=lambda a: a.check.at)
    began = (
        f" {_signs([first]).capitalize()} was first recorded on {_told(first, today)}."
        if first.check.at < cause.check.at
        else ""
    )
    return Finding(
        id="emergency",
        tier=EMERGENCY,
        title=f"Call {who.emergency} now",
        reason=(
            f"The self-check on {_told(cause, today)} records "
            f"{_with_onsets(causes)}.{began} A face that droops or smiles unevenly, water "
            "escaping the mouth, slurred speech or a weak arm or leg, and a sudden numbness or "
            "tingling, confusion, trouble seeing, trouble swallowing or severe headache, can be "
            "signs of a stroke, and help works best in the first hours."
            + _passed(items, checks, today)
        ),
        source=STROKE,
        advice=(
            f"Call {who.call} now, even if it has passed, and say when it started. This stays "
            "here until you record that a clinician has seen you (k, or "
            "twitchtui selfcheck --seen-clinician DATE)."
        ),
        entries=_entries(items),
    )


def same_day(items: list[Answer], checks: list[SelfCheck], today: date, who: Contacts) -> Finding:
    parts: list[str] = []
    groups = {
        "past": "began more than a day ago and no clinician visit is recorded since; a sign "
        "like this still needs an urgent check, even one that has passed",
        "days": "came on over days; a sign like this that comes on gradually is not a call "
        "for an ambulance, but it needs a doctor's look today",
        "again": "was reported more than a day before too and has not been seen by a clinician",
        "returned": "is reported again since a clinician saw it, more than a week after its "
        "last report or after it had passed; if it has come back or is worse, a doctor "
        "should look today",
        "unsure": "is new and when it began is not known; it may have come on suddenly, so a "
        "doctor should look today",
        "eye": "an eye that will not close fully needs a GP as soon as possible, with or "
        "without a drooping face: early treatment helps",
    }
    # A sign is explained once, by its first answer: "--passed --headache"
    # five minutes after a sudden headache is not a new one of unknown onset.
    first: dict[str, Answer] = {}
    for a in sorted(items, key=lambda a: a.check.at):
        first.setdefault(a.sign, a)
    for key, text in groups.items():
        group = [a for a in items if _same_day_group(first[a.sign]) == key]
        if group:
            # A past emergency is dated from its first answer (when it began).
            shown = group[0] if key == "past" else group[-1]
            parts.append(f"{_signs(group)} ({_told(shown, today)}): {text}")
    return Finding(
        id="same-day",
        tier=SAME_DAY,
        title="See a doctor today",
        reason=("The self-check records " + "; ".join(parts) + "." + _passed(items, checks, today)),
        source="; ".join(
            [STROKE]
            + ([BELLS] if any(a.sign == "eye_wont_close" for a in items) else [])
            + ([MND] if any(a.sign == "limb_weakness" and a.onset == "days" for a in items) else [])
        ),
        advice=(
            f"Today, {who.same_day}. If a sign comes back, gets worse or comes on suddenly, call "
            f"{who.call}. This stays here until you record that a clinician has seen you (k)."
        ),
        entries=_entries(items),
    )


def _same_day_group(answer: Answer) -> str:
    """Why a same-day answer is same-day, for the sentence that explains it."""
    if answer.sign == "eye_wont_close":
        return "eye"
    if answer.why == "past":
        return "past"
    if answer.why in ("returned", "seen-again"):  # a seen-again one joins its sign's return
        return "returned"
    if answer.onset == "days" and answer.why == "new":
        return "days"
    return "unsure" if answer.why == "new" else "again"


def _days(items: Iterable[Answer]) -> list[date]:
    return sorted({a.day for a in items})


def _counted(
    items: list[Answer],
    today: date,
    *,
    rule: str,
    tier: str,
    title: str,
    why: str,
    advice: str,
    source: str,
) -> Finding:
    days = _days(items)
    return Finding(
        id=rule,
        tier=tier,
        title=title,
        reason=(
            f"The self-check noted {_signs(items)} on {plural(len(days), 'day')} "
            f"({when(days[-1], today)} most recently). {why}"
        ),
        source=source,
        advice=advice,
        entries=_entries(items),
    )


def _raised(answer: Answer) -> Answer:
    """A same-day or routine answer moved onto the emergency card (others as they are)."""
    if answer.tier in (SAME_DAY, ROUTINE):
        return replace(answer, tier=EMERGENCY, raised=True)
    return answer


def self_check_findings(
    logs: dict[date, DayLog],
    by_day: dict[date, list[Twitch]],
    now: datetime,
    day_start_hour: int = 0,
    who: Contacts | None = None,
) -> list[Finding]:
    """Every card the self-check records give, most serious first."""
    who = who or Contacts()
    today = diary_day(now, day_start_hour)
    found = _emergency_alone(answers(logs, now, day_start_hour))
    checks = records(logs)
    urgent = _pick(found, tier=EMERGENCY)
    soon = _pick(found, tier=SAME_DAY)
    cards = [
        emergency(urgent, checks, today, who) if urgent else None,
        same_day(soon, checks, today, who) if soon else None,
        _weakness_again(_pick(found, tier=ROUTINE), today),
        _beyond(_pick(found, signs=BEYOND_SIGNS), today, who),
        _pulling(_pick(found, signs=("pulling",)), today),
        _eyelid(_pick(found, signs=("eyelid_closing",)), today),
        _numbness(_pick(found, signs=("numbness",)), today, who),
        _tingling(_pick(found, signs=("tingling",)), today, by_day, who),
    ]
    return sorted((card for card in cards if card is not None), key=lambda f: TIER_ORDER[f.tier])


def _emergency_alone(found: list[Answer]) -> list[Answer]:
    """A sign, or a record, with an emergency answer is on the emergency card
    alone: its same-day answers join it there, never on a second card with
    other advice."""
    flagged_records = {a.check.id for a in found if a.tier == EMERGENCY}
    found = [_raised(a) if a.check.id in flagged_records else a for a in found]
    flagged = {a.sign for a in found if a.tier == EMERGENCY}
    found = [_raised(a) if a.sign in flagged else a for a in found]
    # The same for a sign with a same-day answer: its routine ones join that card.
    soon = {a.sign for a in found if a.tier == SAME_DAY}
    found = [
        replace(a, tier=SAME_DAY, raised=True) if a.tier == ROUTINE and a.sign in soon else a
        for a in found
    ]
    # Two records giving the same answer at the same minute, one with a visit
    # and one without, read word for word alike: the answer is shown once, on
    # the card of the one still open, not on a calmer card as well.
    open_ = {(a.day, a.detail()) for a in found if a.tier is not None}
    return [a for a in found if a.tier is not None or (a.day, a.detail()) not in open_]


def _pick(
    found: list[Answer], *, tier: str | None = None, signs: Iterable[str] = ()
) -> list[Answer]:
    """The answers of ``tier`` (None: the answers no rule tiers), of ``signs`` if given."""
    wanted = set(signs)
    return [a for a in found if a.tier == tier and (not wanted or a.sign in wanted)]


def _weakness_again(again: list[Answer], today: date) -> Finding | None:
    if not again:
        return None
    return _counted(
        again,
        today,
        rule="weakness",
        tier=ROUTINE,
        title="Signs of weakness, reported again after a visit",
        why=(
            "A clinician has seen the person since these signs were first recorded, "
            "and they are recorded again. Weakness is not caused by a simple twitch, so "
            "it is worth a follow-up."
        ),
        advice="Book a GP appointment and mention the earlier visit.",
        source=f"{ARTICLE} (weakness, an uneven face); {STROKE}",
    )


def _beyond(beyond: list[Answer], today: date, who: Contacts) -> Finding | None:
    if not beyond:
        return None
    gradual = "wasting" in {a.sign for a in beyond}
    return _counted(
        beyond,
        today,
        rule="neuro-signs",
        tier=ROUTINE,
        title="Signs beyond the twitch",
        why=(
            "A simple twitch does not cause these, so they are worth a doctor's look. "
            + (
                "A muscle that slowly gets thinner is a reason to book a GP appointment; "
                "it is not an emergency, so a routine visit is right, but do not wait "
                "for it to pass. "
                if gradual
                else ""
            )
            + "If one of them comes on suddenly, that is an emergency instead."
        ),
        advice=(
            f"Book a GP appointment and take the diary report. If a sign comes on "
            f"suddenly, call {who.call}."
        ),
        source=f"{ARTICLE} (weakness and wasting; other neurological symptoms); {MND}",
    )


def _pulling(pulling: list[Answer], today: date) -> Finding | None:
    if len(_days(pulling)) < PULLING_DAYS:
        return None
    return _counted(
        pulling,
        today,
        rule="pulling",
        tier=ROUTINE,
        title="A pulling sensation that persists",
        why=(
            f"A pulling feeling that comes back ({PULLING_DAYS} or more days) is one of "
            "the signs the articles list for seeing a doctor."
        ),
        advice="Mention it at a GP appointment, with the days from the report.",
        source=ARTICLE,
    )


def _eyelid(eyelid: list[Answer], today: date) -> Finding | None:
    if not eyelid:
        return None
    return _counted(
        eyelid,
        today,
        rule="eyelid",
        tier=ROUTINE,
        title="The eyelid is pulled shut",
        why="The eye joining in with the twitching is worth a doctor's look.",
        advice="Mention it at a GP appointment; the report lists the days.",
        source=f"{ARTICLE} (the eyelid joining in)",
    )


def _numbness(numb: list[Answer], today: date, who: Contacts) -> Finding | None:
    if not numb:
        return None
    many = len(_days(numb)) >= NUMBNESS_DAYS
    return _counted(
        numb,
        today,
        rule="numbness",
        tier=ROUTINE if many else INFO,
        title="Numbness",
        why=(
            "Numbness that comes back is worth a doctor's look; a twitch on its own "
            "does not take feeling away."
            if many
            else f"On one day this is worth noting; if it comes back on another day, "
            f"book a GP appointment. If it comes on suddenly, call {who.call}."
        ),
        advice=(
            "Book a GP appointment and take the diary report."
            if many
            else "Keep noting it in the self-check."
        ),
        source=f"{NHS_TWITCH}; {STROKE}",
    )


def _tingling(
    tingle: list[Answer], today: date, by_day: dict[date, list[Twitch]], who: Contacts
) -> Finding | None:
    if not tingle:
        return None
    twitch_days = sum(1 for d in _days(tingle) if d in by_day)
    return _counted(
        tingle,
        today,
        rule="tingling",
        tier=INFO,
        title="Tingling near the twitch",
        why=(
            f"Twitches were logged on {twitch_days} of those days. A tingle in the "
            "same area often comes with a twitch and is not a warning sign on its own; "
            "numbness is the one to watch."
        ),
        advice=f"Nothing to do for this alone. If it comes on suddenly, call {who.call}.",
        source=f"{NHS_TWITCH}; {ARTICLE} (tingling around the twitch)",
    )


def open_urgent(
    logs: dict[date, DayLog], now: datetime, day_start_hour: int = 0, who: Contacts | None = None
) -> Finding | None:
    """The most serious open emergency or same-day card, or None: what the
    dashboard's banner says."""
    cards = [f for f in self_check_findings(logs, {}, now, day_start_hour, who) if f.urgent]
    return cards[0] if cards else None
