"""Red-flag rules: diary in, findings out. Pure: no Textual, no I/O, clock passed in.

Every rule says, in plain words, why it fires, where the rule comes from, which
diary entries made it fire, and what the user can do now. None of them is a
diagnosis: they point to a clinician, calmly.

Sources named in the findings:

- ARTICLE: the source articles on lip twitching (see shared/seeds): most lip
  twitches pass within days; the "two-week mark"; red flags are spreading to
  other parts of the face (especially the eye), weakness such as not being able
  to hold water in the mouth, an uneven face, and a pulling sensation that
  persists; twitching that becomes more frequent may warrant a check.
- NHS: NHS guidance on muscle twitches: see a GP if a twitch lasts more than
  two weeks or spreads; sudden weakness on one side of the face is an emergency.
- STROKE: NHS and Stroke Association guidance on stroke and TIA (FAST: a face
  that droops, an arm that is weak, speech that is slurred: call the emergency
  number at once, even when the signs pass, because a passing episode can be a
  TIA); NHS guidance on Bell's palsy (sudden weakness of one side of the face
  needs urgent care).
- The second source article names hemifacial spasm (usually starts at the eye
  and moves down to the mouth, on one side) and medicines that can cause
  twitching: antipsychotics, diuretics and steroids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from .humanize import plural
from .model import LEGACY_SYMPTOMS, SYMPTOMS, DayLog, Medicine, Twitch, diary_day

INFO, DOCTOR, URGENT = "info", "talk to a doctor", "urgent"
_ORDER = {URGENT: 0, DOCTOR: 1, INFO: 2}

ARTICLE = "the source articles on lip twitching"
NHS = "NHS guidance on muscle twitches"
STROKE = (
    "NHS and Stroke Association guidance on stroke and TIA (FAST); NHS guidance on Bell's palsy"
)

PERSIST_DAYS = 14
"""First and latest twitch of the current run this many days apart (or more)."""
PERSIST_MIN_DAYS = 7
PERSIST_SHARE = 0.4
"""...and twitches on at least 7 of the run's days and on at least 40% of them."""
GAP_DAYS = 7
"""A twitch-free stretch this long ends a run."""
SPREAD_WINDOW = 90
"""Spread looks at the diary days from today back to 89 days ago."""
SPREAD_MIN_DAYS = 2
"""A place (or a side) counts once it has twitched on this many different days."""
MEDICINE_WINDOW = 30
URGENT_SIGNS = ("droop", "cannot_hold_water", "speech", "limb_weakness")
"""Urgent when new (never reported before) or sudden: the FAST signs, and
water escaping the mouth (weakness of the face)."""
SUDDEN_ONLY_SIGNS = ("swallowing",)
"""Urgent when sudden; otherwise a reason to see a doctor."""
NEURO_SIGNS = ("speech", "swallowing", "limb_weakness", "wasting", "vision_balance")
"""Signs beyond the face that a twitch alone does not cause."""
RISE_FACTOR = 1.5
RISE_MARGIN = 5
"""This week counts as clearly above when it is at least 1.5x the weekly average
of the three weeks before it and at least 5 twitches more."""
PULLING_DAYS = 2
SYMPTOM_WINDOW = 30

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


def _by_day(twitches: Iterable[Twitch], day_start_hour: int) -> dict[date, list[Twitch]]:
    days: dict[date, list[Twitch]] = defaultdict(list)
    for twitch in twitches:
        days[diary_day(twitch.at, day_start_hour)].append(twitch)
    return dict(sorted(days.items()))


def current_run(days: list[date], today: date) -> list[date] | None:
    """The twitch days since the last twitch-free gap of GAP_DAYS, or None if
    that gap is happening now (the twitching has stopped)."""
    if not days or (today - days[-1]).days >= GAP_DAYS:
        return None
    start = 0
    for i in range(1, len(days)):
        if (days[i] - days[i - 1]).days - 1 >= GAP_DAYS:
            start = i
    return days[start:]


def persistence(by_day: dict[date, list[Twitch]], today: date) -> Finding | None:
    """The current run of twitching spans 14 days or more (first to latest
    twitch, no twitch-free week in between), with twitches on at least 7 of
    its days and on at least 40% of them: a few stray twitches spread over two
    weeks are not "still going strong at the two-week mark"."""
    run = current_run(list(by_day), today)
    if not run or (run[-1] - run[0]).days < PERSIST_DAYS:
        return None
    span = (run[-1] - run[0]).days
    if len(run) < max(PERSIST_MIN_DAYS, PERSIST_SHARE * (span + 1)):
        return None
    count = sum(len(by_day[d]) for d in run)
    return Finding(
        id="persistence",
        level=DOCTOR,
        title="Twitching has gone on for two weeks or more",
        reason=(
            f"Your current run of twitching began on {run[0]:%d %b} and the latest twitch was on "
            f"{run[-1]:%d %b} ({span + 1} days, counting both), with twitches on {len(run)} of "
            f"them and no twitch-free week in between. Most lip twitches settle within days; "
            f"twitching that carries on past two weeks is worth a check."
        ),
        source=f"{ARTICLE} (the two-week mark); {NHS} (twitches lasting over 2 weeks)",
        advice="Book a routine appointment with your GP and take the diary report with you.",
        entries=(
            Entry(run[0], f"first twitch of this run ({len(by_day[run[0]])} that day)"),
            Entry(run[-1], f"latest twitch ({len(by_day[run[-1]])} that day)"),
            Entry(run[-1], f"{plural(count, 'twitch')} on {len(run)} of {span + 1} days"),
        ),
    )


REGIONS: dict[str, str] = {
    "upper-lip": "lip",
    "lower-lip": "lip",
    "eye": "eye",
    "cheek": "cheek",
    "other": "elsewhere in the body",
}
_FACE = {"lip", "eye", "cheek"}


def spread(by_day: dict[date, list[Twitch]], today: date) -> Finding | None:
    """Twitching in more than one place, in any order (lip then eye, eye then
    lip, elsewhere then lip...), or on both sides of the face, in the last 90
    days. A place or a side counts only once it has twitched on 2 different
    days: one stray flicker is not spread. ``side=both`` is a twitch in the
    middle (of the lip, say), not a sign of both sides."""
    window = [(d, ts) for d, ts in by_day.items() if 0 <= (today - d).days < SPREAD_WINDOW]
    places: dict[str, list[date]] = defaultdict(list)
    sides: dict[str, list[date]] = defaultdict(list)
    same_side: dict[tuple[str, str], list[date]] = defaultdict(list)
    for d, twitches in window:
        for place in {REGIONS[t.site] for t in twitches}:
            places[place].append(d)
        for t in twitches:
            region = REGIONS[t.site]
            if region in _FACE and t.side != "both":
                if not sides[t.side] or sides[t.side][-1] != d:
                    sides[t.side].append(d)
                group = "eye" if region == "eye" else "mouth"
                key = (t.side, group)
                if not same_side[key] or same_side[key][-1] != d:
                    same_side[key].append(d)
    counted = {p: days for p, days in places.items() if len(days) >= SPREAD_MIN_DAYS}
    notes: list[str] = []
    entries: list[Entry] = []
    if len(counted) >= 2:
        order = sorted(counted, key=lambda p: counted[p][0])
        steps = ", then ".join(
            f"{'the ' if p in _FACE else ''}{p} from {counted[p][0]:%d %b} "
            f"({plural(len(counted[p]), 'day')})"
            for p in order
        )
        notes.append(f"twitches have come in more than one place: {steps}")
        entries += [
            Entry(counted[p][0], f"first {p} twitch ({plural(len(counted[p]), 'day')} in all)")
            for p in order
        ]
        for side in ("left", "right"):
            eye, mouth = same_side[(side, "eye")], same_side[(side, "mouth")]
            if len(eye) >= SPREAD_MIN_DAYS and len(mouth) >= SPREAD_MIN_DAYS:
                began = "began at the eye, " if eye[0] < mouth[0] else ""
                notes.append(
                    f"on the {side} side the eye and the mouth both twitch ({began}"
                    f"{plural(len(eye), 'day')} at the eye, {plural(len(mouth), 'day')} at the "
                    "mouth), a pattern doctors look at when they consider hemifacial spasm"
                )
                break
    left, right = sides["left"], sides["right"]
    if len(left) >= SPREAD_MIN_DAYS and len(right) >= SPREAD_MIN_DAYS:
        later = max(left[0], right[0])
        notes.append(
            f"both sides of the face are involved (left on {plural(len(left), 'day')}, "
            f"right on {plural(len(right), 'day')})"
        )
        entries.append(Entry(later, "first day the second side twitched"))
    if not notes:
        return None
    return Finding(
        id="spread",
        level=DOCTOR,
        title="Twitching has spread",
        reason=(
            "In the last 90 days " + "; ".join(notes) + ". A twitch that stays in one spot is "
            "the usual harmless kind; twitching that spreads, especially to or from the eye, "
            "is worth showing a doctor."
        ),
        source=f"{ARTICLE} (spreading, especially to the eye); {NHS} (twitches that spread)",
        advice="Make a GP appointment; mention where and on which side each twitch started.",
        entries=tuple(sorted(entries, key=lambda e: e.day)),
    )


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


def _symptom_finding(
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


def rising(by_day: dict[date, list[Twitch]], today: date) -> Finding | None:
    """This week against the three weeks before it, within one run of twitching
    that began at least four weeks ago."""

    def count(first: int, last: int) -> int:
        return sum(len(v) for d, v in by_day.items() if first <= (today - d).days <= last)

    run = current_run(list(by_day), today)
    if not run or (today - run[0]).days < 27:
        # The three weeks before must belong to the same run of twitching: a new
        # bout after a quiet spell is not "more frequent" (persistence covers it).
        return None
    this_week = count(0, 6)
    before = [count(7, 13), count(14, 20), count(21, 27)]
    average = sum(before) / 3
    threshold = max(average * RISE_FACTOR, average + RISE_MARGIN)
    if this_week < threshold:
        return None
    return Finding(
        id="rising-frequency",
        level=INFO,
        title="More twitches this week",
        reason=(
            f"{plural(this_week, 'twitch')} in the last 7 days against an average of "
            f"{average:.1f} a week over the three weeks before. The app flags a week at "
            f"{RISE_FACTOR:g}× that average and at least {RISE_MARGIN} more. Twitching that "
            f"keeps becoming more frequent can be worth a check; a bad week often has a plain "
            f"cause such as stress, short nights or extra coffee."
        ),
        source=f"{ARTICLE} (twitching that becomes more frequent)",
        advice="Look at the checklist and triggers for this week. If it keeps rising, see a GP.",
        entries=(
            Entry(today - timedelta(days=6), f"{plural(this_week, 'twitch')} from here to today"),
            Entry(
                today - timedelta(days=27),
                f"weekly counts before: {before[2]}, {before[1]}, {before[0]}",
            ),
        ),
    )


def check(
    twitches: list[Twitch],
    logs: dict[date, DayLog],
    today: date,
    day_start_hour: int = 0,
    *,
    emergency_number: str = "999",
    medicines: Iterable[Medicine] = (),
) -> list[Finding]:
    """Every finding for the diary, most serious first.

    ``logs`` should hold every day log of the diary: an urgent answer never
    expires with age. Twitches older than 120 days change nothing.
    """
    twitches = sorted(
        (t for t in twitches if diary_day(t.at, day_start_hour) <= today), key=lambda t: t.at
    )
    logs = {d: log for d, log in logs.items() if d <= today}
    by_day = _by_day(twitches, day_start_hour)
    findings = [
        urgent(logs, today, emergency_number),
        persistence(by_day, today),
        spread(by_day, today),
        _symptom_finding(
            logs,
            today,
            keys=("cannot_hold_water", "droop"),
            rule="weakness",
            title="Signs of weakness in the face",
            why=(
                "Not being able to hold water in the mouth, or a face that droops, points to "
                "muscle weakness, which a simple twitch does not cause."
            ),
            advice="Book a GP appointment soon and describe what happens when you drink.",
        ),
        _symptom_finding(
            logs,
            today,
            keys=("asymmetry",),
            rule="asymmetry",
            title="The face looks uneven",
            why="A face that looks uneven in the mirror is one of the signs worth a doctor's look.",
            advice="Book a GP appointment; a photo from before and now can help.",
        ),
        _symptom_finding(
            logs,
            today,
            keys=("pulling",),
            rule="pulling",
            min_days=PULLING_DAYS,
            title="A pulling sensation that persists",
            why=(
                f"A pulling feeling that comes back ({PULLING_DAYS} or more days) is one of the "
                "signs the articles list for seeing a doctor."
            ),
            advice="Mention it at a GP appointment, with the days from the report.",
        ),
        _symptom_finding(
            logs,
            today,
            keys=NEURO_SIGNS,
            rule="neuro-signs",
            title="Signs beyond the twitch",
            why=(
                "Trouble speaking or swallowing, a weak arm or leg, a muscle getting thinner, "
                "or problems with vision or balance are not caused by a simple twitch and are "
                "worth a doctor's look soon."
            ),
            advice="Book a GP appointment soon and take the diary report; it lists the days.",
            source=f"{ARTICLE} (weakness and wasting; other neurological symptoms)",
        ),
        sensory(logs, by_day, today),
        medicine(by_day, medicines, today),
        rising(by_day, today),
    ]
    found = [f for f in findings if f is not None]
    return sorted(found, key=lambda f: _ORDER[f.level])
