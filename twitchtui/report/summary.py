"""The report's first page: what a clinician with two minutes needs, each
fact with the days or entries it rests on. Pure."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from .. import stats
from ..humanize import plural
from ..model import ONSETS, RELIEF_KINDS, SHORT, diary_day, withdrawals
from ..redflags import STANDING_NOTE, TIER_ORDER
from ..tried import AROUND, MIN_SESSIONS
from .blocks import Facts, Section
from .figures import overview_figures

if TYPE_CHECKING:
    from .data import ReportInput

SHOWN = 5
"""Items a summary list shows before "and N more"."""
WINDOW = 7
"""Diary days behind "now" and "at the start"."""


def short_day(day: date) -> str:
    return f"{day:%d %b %Y}"


def span(first: date, last: date) -> str:
    """Two days as a short range: "3 Nov – 9 Nov 2026", or one day."""
    if first == last:
        return short_day(first)
    head = f"{first:%d %b}" if first.year == last.year else short_day(first)
    return f"{head} – {short_day(last)}"


def capped(items: list[str], where: str) -> list[str]:
    """At most ``SHOWN`` items, the rest counted ("and 3 more, under ``where``")."""
    if len(items) <= SHOWN:
        return items
    rest = len(items) - (SHOWN - 1)
    return [*items[: SHOWN - 1], f"and {rest} more, under {where}"]


def summary(data: ReportInput) -> Section:
    section = Section("Summary", key="summary")
    rows: list[tuple[str, str | list[str]]] = []
    who = patient(data)
    if who:
        rows.append(("Patient", who))
    rows.append(("Period", period_line(data)))
    rows.append(("In this period", in_period(data)))
    rows.append(("Onset", onset(data)))
    rows.append(("Twitches a day", now_and_start(data)))
    seen = data.first_seen()
    rows.append(
        (
            "Sites and sides",
            capped(
                [
                    f"{site}, {side}: first seen {short_day(day)}"
                    for (site, side), day in seen.items()
                ],
                "Where: sites and sides",
            )
            or "No twitch has been logged.",
        )
    )
    rows.append(("Findings", findings(data)))
    rows.append(("Self-check", self_checks(data)))
    rows.append(("Medicines now", medicines(data)))
    rows.append(("Tried", tried(data)))
    section.blocks.append(Facts(rows))
    section.blocks.append(STANDING_NOTE)
    return section


def patient(data: ReportInput) -> str:
    """The patient, only with what the person chose to give."""
    s = data.settings
    parts = [s.patient_name] if s.patient_name else []
    if s.patient_born:
        parts.append(f"born {short_day(s.patient_born)}")
    return ", ".join(parts)


def period_line(data: ReportInput) -> str:
    days = (data.last - data.first).days + 1
    text = (
        f"{span(data.first, data.last)} ({plural(days, 'day')}). "
        f"Written {data.now:%d %b %Y %H:%M} by twitchtui from the patient's own diary."
    )
    began = data.diary_began
    if began and began > data.first:
        text += (
            f" The diary began on {short_day(began)}: the "
            f"{plural((began - data.first).days, 'day')} before it "
            f"{'is' if (began - data.first).days == 1 else 'are'} marked 'no diary', "
            "not counted as twitch-free."
        )
    start = data.settings.day_start_hour
    if start:
        text += (
            f" A diary day runs from {start:02d}:00 to {start:02d}:00 the next morning, "
            "so a twitch just after midnight counts for the day before."
        )
    return text


def _diary_days(data: ReportInput) -> set[date]:
    """Every day with anything recorded, all time up to ``last``."""
    return data.diary_days()


def in_period(data: ReportInput) -> str:
    h = data.settings.day_start_hour
    twitches = [t for t in data.twitches if data.first <= t.day(h) <= data.last]
    began = data.diary_began
    if not began or not twitches:
        return "No twitches were logged in this period."
    kept_from = max(data.first, began)
    s = stats.summary(twitches, kept_from, data.last, h)
    logged = stats.diary_days(twitches, data.logs, h)
    today = diary_day(data.now, h)
    # Today, not over, is none of: a diary day in the average (its part
    # would pull it down), a twitch-free day, a day with no diary. What it
    # has so far is said apart.
    open_day = data.first <= today <= data.last
    kept = sum(1 for d in logged if data.first <= d <= data.last and not (open_day and d == today))
    so_far = sum(1 for t in twitches if t.day(h) == today) if open_day else 0
    return overview_figures(s, kept, open_day=open_day, so_far=so_far)


def onset(data: ReportInput) -> str:
    runs = data.episodes()
    began = data.diary_began
    first_entry = f"First entry in the diary: {short_day(began)}." if began else ""
    if not runs:
        return f"No twitch has been logged. {first_entry}".strip()
    current = runs[-1]
    if (data.last - current.end).days < 7:
        run = (
            f"This run began on {short_day(current.start)} and is ongoing "
            f"({plural(current.days, 'day')} to the latest twitch)."
        )
    else:
        run = (
            f"The latest run began on {short_day(current.start)} and ended on "
            f"{short_day(current.end)}; no twitch since."
        )
    first = f" First twitch ever: {short_day(runs[0].start)}." if len(runs) > 1 else ""
    return f"{run}{first} {first_entry}".strip()


def now_and_start(data: ReportInput) -> str:
    """Twitches per diary day over the last full diary days, against the first
    ones of the current run, each with the days it rests on."""
    h = data.settings.day_start_hour
    runs = data.episodes()
    if not runs:
        return "No twitch has been logged."
    current = runs[-1]
    if (data.last - current.end).days >= 7:
        return f"None since {short_day(current.end)}."
    today = diary_day(data.now, h)
    # Today is not over: it would pull "now" down.
    end = min(data.last, today - timedelta(days=1))
    days = sorted(d for d in _diary_days(data) if current.start <= d <= end)
    counts = data.day_counts()
    if len(days) < 2:
        return f"Too few full diary days in this run to say ({plural(len(days), 'day')})."
    n = min(WINDOW, len(days) // 2)
    start, latest = days[:n], days[-n:]

    def rate(chunk: list[date]) -> str:
        return f"{sum(counts.get(d, 0) for d in chunk) / len(chunk):.1f}"

    # "the last full diary day", not "the last 1 full diary day"
    last = "full diary day" if n == 1 else plural(n, "full diary day")
    first = "diary day" if n == 1 else plural(n, "diary day")
    return (
        f"{rate(latest)} now (the last {last}, "
        f"{span(latest[0], latest[-1])}) against {rate(start)} at the start of this run "
        f"(its first {first}, {span(start[0], start[-1])})."
    )


def findings(data: ReportInput) -> list[str] | str:
    if not data.findings:
        return "None of the app's red-flag rules matched the diary."
    ordered = sorted(data.findings, key=lambda f: TIER_ORDER.get(f.tier, len(TIER_ORDER)))
    items = [
        f"{f.title} ({f.tier}"
        + (f", from {short_day(min(e.day for e in f.entries))}" if f.entries else "")
        + ")"
        for f in ordered
    ]
    return capped(items, "Findings worth discussing")


def self_checks(data: ReportInput) -> list[str] | str:
    """Each sign ever answered yes (first answered, how it came on), each one
    said to have passed, and the visits to a clinician."""
    logs = data.check_logs()
    signs: dict[str, tuple[date, str]] = {}
    passed: dict[str, date] = {}
    visits: list[date] = []
    last_check: date | None = None
    for day, log in sorted(logs.items()):
        for c in log.answers:
            last_check = day
            for key, how in c.signs.items():
                signs.setdefault(key, (day, how))
            for key in c.passed:
                passed[key] = day
            if c.seen:
                visits.append(day)
    everything = [c for log in logs.values() for c in log.checks]
    ids = {c.id for c in everything}
    withdrawn = sum(1 for target in withdrawals(everything) if target in ids)  # of ones there
    note = (
        f"{plural(withdrawn, 'answer')} withdrawn as entered by mistake (in the self-check table)"
        if withdrawn
        else ""
    )
    if last_check is None:
        if note:
            return f"No self-check answer stands: {note}."
        return "The self-check has not been done."
    items = [
        f"{SHORT.get(k, k)} ({ONSETS.get(how, how)}), first answered {short_day(day)}"
        for k, (day, how) in signs.items()
    ]
    items += [f"said to have passed: {SHORT.get(k, k)}, {short_day(d)}" for k, d in passed.items()]
    if visits:
        items.append(
            f"seen by a clinician: {', '.join(short_day(d) for d in visits[-3:])}"
            + (f" (and {len(visits) - 3} earlier)" if len(visits) > 3 else "")
        )
    if not signs:
        items.insert(0, f"no sign answered yes (last self-check {short_day(last_check)})")
    if note:
        items.append(note)
    return capped(items, "Self-check answers and visits")


def medicines(data: ReportInput) -> list[str] | str:
    taking = [
        m
        for m in data.settings.medicines
        if (m.started is None or m.started <= data.last)
        and (m.stopped is None or m.stopped > data.last)
    ]
    if not taking:
        return "None on the patient's list."
    return capped(
        [
            f"{m.name}{' ' + m.dose if m.dose else ''}"
            + (f", since {short_day(m.started)}" if m.started else ", start not given")
            for m in taking
        ],
        "Medicines",
    )


def tried(data: ReportInput) -> list[str] | str:
    """Each kept comparison: fewer, about as many or more twitches, with the
    counts on both sides (n); relief sessions in this period; what runs now."""

    items = []
    kept = [e for e in data.settings.tried if e.started.date() <= data.last]
    for e in sorted(kept, key=lambda e: e.started, reverse=True):
        r = e.result
        if r is None:
            items.append(f"{e.title}: no result was kept")
            continue
        n = (
            f"n = {r.during_twitches} twitches in {r.during_units:g} {r.unit}s during, "
            f"{r.before_twitches} in {r.before_units:g} before"
        )
        if not r.enough:
            verdict = "too little data to compare"
        elif r.before_rate and abs(r.during_rate / r.before_rate - 1) < 0.1:
            verdict = "about as many twitches"
        elif r.during_rate < r.before_rate:
            verdict = "went with fewer twitches"
        else:
            verdict = "went with more twitches"
        items.append(f"{e.title}, {e.started:%d %b}: {verdict} ({n})")
    sessions = [r for log in data.logs.values() for r in log.relief]
    for kind, label in RELIEF_KINDS.items():
        done = [s for s in sessions if s.kind == kind]
        if not done:
            continue
        over = [s for s in done if s.started + timedelta(seconds=s.actual_s) + AROUND <= data.now]
        if len(over) < MIN_SESSIONS:
            items.append(f"{label}: {plural(len(done), 'session')}, too few to compare")
            continue
        before = sum(_count(data, s.started - AROUND, s.started) for s in over)
        after = sum(
            _count(data, end, end + AROUND)
            for s in over
            for end in [s.started + timedelta(seconds=s.actual_s)]
        )
        verdict = "fewer" if after < before else "not fewer"
        items.append(
            f"{label}: {verdict} twitches in the 2 h after than before "
            f"(n = {after} after, {before} before, {plural(len(over), 'session')})"
        )
    if data.settings.experiment is not None:
        items.append(f"running now: {data.settings.experiment.name}")
    if not items:
        return "Nothing was recorded as tried."
    return capped(items, "What was tried")


def _count(data: ReportInput, first: datetime, last: datetime) -> int:
    return sum(1 for t in data.history or data.twitches if first <= t.at < last)
