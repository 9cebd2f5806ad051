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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from .humanize import plural
from .model import LIP_SITES, SYMPTOMS, DayLog, Twitch, diary_day

INFO, DOCTOR, URGENT = "info", "talk to a doctor", "urgent"
_ORDER = {URGENT: 0, DOCTOR: 1, INFO: 2}

ARTICLE = "the source articles on lip twitching"
NHS = "NHS guidance on muscle twitches"

PERSIST_DAYS = 14
"""First and latest twitch of the current run this many days apart (or more)."""
GAP_DAYS = 7
"""A twitch-free stretch this long ends a run."""
SPREAD_WINDOW = 90
RISE_FACTOR = 1.5
RISE_MARGIN = 5
"""This week counts as clearly above when it is at least 1.5x the weekly average
of the three weeks before it and at least 5 twitches more."""
PULLING_DAYS = 2
SYMPTOM_WINDOW = 30
URGENT_WINDOW = 14

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
    run = current_run(list(by_day), today)
    if not run or (run[-1] - run[0]).days < PERSIST_DAYS:
        return None
    span = (run[-1] - run[0]).days
    count = sum(len(by_day[d]) for d in run)
    return Finding(
        id="persistence",
        level=DOCTOR,
        title="Twitching has gone on for two weeks or more",
        reason=(
            f"Your current run of twitching began on {run[0]:%d %b} and the latest twitch was on "
            f"{run[-1]:%d %b}: {span} days, with no twitch-free week in between. Most lip twitches "
            f"settle within days; twitching that carries on past two weeks is worth a check."
        ),
        source=f"{ARTICLE} (the two-week mark); {NHS} (twitches lasting over 2 weeks)",
        advice="Book a routine appointment with your GP and take the diary report with you.",
        entries=(
            Entry(run[0], f"first twitch of this run ({len(by_day[run[0]])} that day)"),
            Entry(run[-1], f"latest twitch ({len(by_day[run[-1]])} that day)"),
            Entry(run[-1], f"{plural(count, 'twitch')} on {len(run)} of {span + 1} days"),
        ),
    )


def spread(by_day: dict[date, list[Twitch]], today: date) -> Finding | None:
    """Beyond the lip, lip then eye on one side, or both sides, in the last 90 days."""
    dated = [(d, t) for d, day in by_day.items() if (today - d).days < SPREAD_WINDOW for t in day]
    if not dated:
        return None
    recent = [t for _, t in dated]
    first_seen: dict[str, date] = {}
    for d, t in dated:
        first_seen.setdefault(t.site, d)
    notes: list[str] = []
    entries: list[Entry] = []
    if recent[0].site in LIP_SITES:  # it started at the lip...
        beyond = [site for site in first_seen if site not in LIP_SITES]
        for site in beyond:  # ...and went elsewhere
            count = sum(1 for t in recent if t.site == site)
            entries.append(Entry(first_seen[site], f"first {site} twitch ({count} in all)"))
        if beyond:
            places = ", ".join(f"{site} from {first_seen[site]:%d %b}" for site in beyond)
            notes.append(f"twitches have appeared beyond the lip ({places})")
        lip_sides = {t.side for t in recent if t.site in LIP_SITES} - {"both"}
        same_side = [t for t in recent if t.site == "eye" and t.side in lip_sides]
        if same_side:
            notes.append(
                f"the eye on the {same_side[0].side} side joined lip twitching on the same side, "
                "a pattern doctors look at when they consider hemifacial spasm"
            )
    sides = {t.side for t in recent}
    if "both" in sides or {"left", "right"} <= sides:
        notes.append("both sides of the face are involved")
        if "both" in sides:
            day = next(d for d, t in dated if t.side == "both")
        else:  # the day the second side first twitched
            day = max(next(d for d, t in dated if t.side == side) for side in ("left", "right"))
        entries.append(Entry(day, "first day both sides were involved"))
    if not notes:
        return None
    firsts = ", ".join(f"{site} {seen:%d %b}" for site, seen in first_seen.items())
    return Finding(
        id="spread",
        level=DOCTOR,
        title="Twitching has spread",
        reason=(
            "In the last 90 days " + "; ".join(notes) + ". A twitch that stays in one spot is "
            f"the usual harmless kind; spreading is worth showing a doctor. First seen: {firsts}."
        ),
        source=f"{ARTICLE} (spreading, especially to the eye); {NHS} (twitches that spread)",
        advice="Make a GP appointment; mention where and on which side each twitch started.",
        entries=tuple(sorted(entries, key=lambda e: e.day)),
    )


def _symptom_days(logs: dict[date, DayLog], key: str, today: date, window: int) -> list[date]:
    return sorted(
        day
        for day, log in logs.items()
        if log.symptoms.get(key) and 0 <= (today - day).days < window
    )


def _symptom_finding(
    logs: dict[date, DayLog],
    today: date,
    *,
    key: str,
    rule: str,
    title: str,
    why: str,
    advice: str,
    level: str = DOCTOR,
    min_days: int = 1,
    window: int = SYMPTOM_WINDOW,
    source: str = ARTICLE,
) -> Finding | None:
    days = _symptom_days(logs, key, today, window)
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
        entries=tuple(Entry(d, f"self-check: {SYMPTOMS[key].lower()}") for d in days),
    )


def sensory(
    logs: dict[date, DayLog], by_day: dict[date, list[Twitch]], today: date
) -> Finding | None:
    tingling = [d for d in _symptom_days(logs, "tingling", today, SYMPTOM_WINDOW) if d in by_day]
    eyelid = _symptom_days(logs, "eyelid_closing", today, SYMPTOM_WINDOW)
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
    """This week against the three weeks before it."""

    def count(first: int, last: int) -> int:
        return sum(len(v) for d, v in by_day.items() if first <= (today - d).days <= last)

    if not by_day or (today - next(iter(by_day))).days < 27:
        return None  # fewer than four weeks of diary: too little to compare
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
) -> list[Finding]:
    """Every finding for the diary, most serious first."""
    twitches = sorted(twitches, key=lambda t: t.at)
    by_day = _by_day(twitches, day_start_hour)
    findings = [
        _symptom_finding(
            logs,
            today,
            key="sudden_weakness",
            rule="sudden-weakness",
            level=URGENT,
            window=URGENT_WINDOW,
            title="Sudden weakness on one side of the face",
            why=(
                "Sudden weakness or drooping on one side of the face needs urgent care: it can "
                "be a sign of a stroke or of Bell's palsy, and both are treated best early."
            ),
            advice=(
                "If it is happening now, call an ambulance (999 in the UK, 911 in the US, 112 "
                "in the EU). If it has passed, get urgent medical advice today (NHS 111)."
            ),
            source=NHS,
        ),
        persistence(by_day, today),
        spread(by_day, today),
        _symptom_finding(
            logs,
            today,
            key="cannot_hold_water",
            rule="weakness",
            title="Signs of weakness around the mouth",
            why=(
                "Not being able to hold water in the mouth points to muscle weakness, which a "
                "simple twitch does not cause."
            ),
            advice="Book a GP appointment soon and describe what happens when you drink.",
        ),
        _symptom_finding(
            logs,
            today,
            key="asymmetry",
            rule="asymmetry",
            title="The face looks uneven",
            why="A face that looks uneven in the mirror is one of the signs worth a doctor's look.",
            advice="Book a GP appointment; a photo from before and now can help.",
        ),
        _symptom_finding(
            logs,
            today,
            key="pulling",
            rule="pulling",
            min_days=PULLING_DAYS,
            title="A pulling sensation that persists",
            why=(
                f"A pulling feeling that comes back ({PULLING_DAYS} or more days) is one of the "
                "signs the articles list for seeing a doctor."
            ),
            advice="Mention it at a GP appointment, with the days from the report.",
        ),
        sensory(logs, by_day, today),
        rising(by_day, today),
    ]
    found = [f for f in findings if f is not None]
    return sorted(found, key=lambda f: _ORDER[f.level])
