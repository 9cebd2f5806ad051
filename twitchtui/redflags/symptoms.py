"""Rules on the self-check answers and the medicine list, including the urgent one."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..humanize import plural
from ..model import LEGACY_SYMPTOMS, SYMPTOMS, DayLog, Medicine, Twitch
from .finding import (
    ARTICLE,
    DOCTOR,
    INFO,
    STROKE,
    URGENT,
    Entry,
    Finding,
)

MEDICINE_WINDOW = 30
URGENT_SIGNS = ("droop", "cannot_hold_water", "speech", "limb_weakness")
"""Urgent when new (never reported before) or sudden: the FAST signs, and
water escaping the mouth (weakness of the face)."""
SUDDEN_ONLY_SIGNS = ("swallowing",)
"""Urgent when sudden; otherwise a reason to see a doctor."""
NEURO_SIGNS = ("speech", "swallowing", "limb_weakness", "wasting", "vision_balance")
"""Signs beyond the face that a twitch alone does not cause."""
PULLING_DAYS = 2
SYMPTOM_WINDOW = 30


def answers(log: DayLog) -> set[str]:
    """The self-check questions answered yes; the old single question counts
    as both a drooping face and a sudden start."""
    yes = {k for k, v in log.symptoms.items() if v and k not in LEGACY_SYMPTOMS}
    if log.symptoms.get("sudden_weakness"):
        yes |= {"droop", "sudden"}
    return yes


def _sign_list(signs: Iterable[str]) -> str:
    return "; ".join(SYMPTOMS[s].lower() for s in signs)


def urgent_signs(yes: set[str], reported: set[str]) -> list[str]:
    """The urgent signs in one self-check's yes answers, given the signs
    reported on earlier days: new or sudden FAST signs, sudden swallowing."""
    sudden = "sudden" in yes
    signs = [s for s in URGENT_SIGNS if s in yes and (sudden or s not in reported)]
    return signs + [s for s in SUDDEN_ONLY_SIGNS if s in yes and sudden]


def reported_signs(logs: dict[date, DayLog], before: date) -> set[str]:
    """The urgent-capable signs the self-check reported on days before ``before``."""
    out: set[str] = set()
    for day, log in logs.items():
        if day < before:
            out |= answers(log) & set(URGENT_SIGNS)
    return out


def urgent(logs: dict[date, DayLog], today: date, number: str) -> Finding | None:
    """Self-check answers that need help at once, still open.

    A drooping face, water escaping the mouth, slurred speech or a weak arm or
    leg is urgent when it is new (never reported on an earlier day) or came on
    suddenly; hard swallowing is urgent when sudden. An urgent answer stays
    open, whatever its age, until a later or same-day "seen by a clinician"
    closes it. ``logs`` must hold the whole diary's day logs.
    """
    seen = [d for d, log in logs.items() if log.seen_clinician and d <= today]
    reported: set[str] = set()
    open_days: list[tuple[date, list[str], bool]] = []
    for day in sorted(d for d in logs if d <= today):
        yes = answers(logs[day])
        now_urgent = urgent_signs(yes, reported)
        reported |= yes & set(URGENT_SIGNS)
        if now_urgent and not any(s >= day for s in seen):
            open_days.append((day, now_urgent, "sudden" in yes))
    if not open_days:
        return None
    latest, signs, sudden = open_days[-1]
    how = "came on suddenly" if sudden else "is new in your diary"
    return Finding(
        id="sudden-weakness",
        level=URGENT,
        title=f"Urgent: call {number} now",
        reason=(
            f"Your self-check on {latest:%d %b} says: {_sign_list(signs)}, and this {how}. "
            "A face that droops, an arm or leg that is weak, or speech that is slurred can be "
            "signs of a stroke; help works best in the first hours. Even if it has passed or "
            "is getting better, it still needs to be checked at once: a short episode can be "
            "a warning sign too."
        ),
        source=STROKE,
        advice=(
            f"Call {number} now, even if it has passed. Say when it started. This stays here "
            "until you mark that a clinician has seen you (k, or "
            "`twitchtui selfcheck --seen-clinician DATE`)."
        ),
        entries=tuple(
            Entry(d, f"self-check: {_sign_list(s)}{' (sudden)' if sud else ''}")
            for d, s, sud in open_days
        ),
    )


def medicine(
    by_day: dict[date, list[Twitch]], medicines: Iterable[Medicine], today: date
) -> Finding | None:
    """A twitch tagged "new-medicine", or a medicine started, in the last 30
    days, with twitches since."""
    recent = {d: ts for d, ts in by_day.items() if 0 <= (today - d).days < MEDICINE_WINDOW}
    tagged = sorted(d for d, ts in recent.items() if any("new-medicine" in t.triggers for t in ts))
    started = [
        m
        for m in medicines
        if m.started is not None
        and 0 <= (today - m.started).days < MEDICINE_WINDOW
        and m.taken_on(today)
        and any(d >= m.started for d in recent)
    ]
    if not tagged and not started:
        return None
    parts = []
    if started:
        parts.append(
            "you started "
            + ", ".join(f"{m.name} on {m.started:%d %b}" for m in started if m.started)
            + " and have logged twitches since"
        )
    if tagged:
        parts.append(f"you tagged a new medicine on {plural(len(tagged), 'day')} with twitches")
    entries = [Entry(m.started, f"started {m.name}") for m in started if m.started]
    entries += [Entry(d, "twitch tagged: new medicine") for d in tagged]
    return Finding(
        id="medicine",
        level=INFO,
        title="A new medicine around the time of the twitching",
        reason=(
            "In the last 30 days " + "; ".join(parts) + ". Some medicines (among them "
            "antipsychotics, diuretics and steroids) can cause twitching as a side effect."
        ),
        source=f"{ARTICLE} (medicines that can cause twitching)",
        advice=(
            "Ask your pharmacist or doctor whether it could play a part. Do not stop or change "
            "a medicine on your own."
        ),
        entries=tuple(sorted(entries, key=lambda e: e.day)),
    )


def _symptom_days(
    logs: dict[date, DayLog], keys: tuple[str, ...], today: date, window: int
) -> list[date]:
    return sorted(
        day
        for day, log in logs.items()
        if answers(log).intersection(keys) and 0 <= (today - day).days < window
    )


def symptom_finding(
    logs: dict[date, DayLog],
    today: date,
    *,
    keys: tuple[str, ...],
    rule: str,
    title: str,
    why: str,
    advice: str,
    level: str = DOCTOR,
    min_days: int = 1,
    window: int = SYMPTOM_WINDOW,
    source: str = ARTICLE,
) -> Finding | None:
    days = _symptom_days(logs, keys, today, window)
    if len(days) < min_days:
        return None
    return Finding(
        id=rule,
        level=level,
        title=title,
        reason=(
            f"Your self-check noted this on {plural(len(days), 'day')} "
            f"({days[-1]:%d %b} most recently). {why}"
        ),
        source=source,
        advice=advice,
        entries=tuple(
            Entry(
                d,
                "self-check: "
                + _sign_list(k for k in SYMPTOMS if k in answers(logs[d]) and k in keys),
            )
            for d in days
        ),
    )


def sensory(
    logs: dict[date, DayLog], by_day: dict[date, list[Twitch]], today: date
) -> Finding | None:
    tingling = [d for d in _symptom_days(logs, ("tingling",), today, SYMPTOM_WINDOW) if d in by_day]
    eyelid = _symptom_days(logs, ("eyelid_closing",), today, SYMPTOM_WINDOW)
    if not tingling and not eyelid:
        return None
    parts, entries = [], []
    if tingling:
        parts.append(f"tingling or numbness on {plural(len(tingling), 'day')} with twitches")
        entries += [
            Entry(d, f"tingling or numbness, {plural(len(by_day[d]), 'twitch')} that day")
            for d in tingling
        ]
    if eyelid:
        parts.append(f"the eyelid pulled shut on {plural(len(eyelid), 'day')}")
        entries += [Entry(d, "self-check: eyelid pulled shut on its own") for d in eyelid]
    return Finding(
        id="sensory",
        level=DOCTOR,
        title="Other symptoms alongside the twitching",
        reason=(
            "Your diary shows " + " and ".join(parts) + ". Twitching on its own is usually "
            "harmless; changes in feeling, or the eye being forced shut, are worth a doctor's look."
        ),
        source=f"{ARTICLE} (tingling or numbness; the eye joining in)",
        advice="Mention these at a GP appointment; the report lists the days.",
        entries=tuple(sorted(entries, key=lambda e: e.day)),
    )
