"""What the report says: each section, built from the diary for the chosen days."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .. import stats
from ..humanize import plural
from ..model import (
    ONSETS,
    RELIEF_KINDS,
    SHORT,
    Twitch,
    days_between,
    diary_day,
    withdrawals,
)
from ..redflags import TIER_ORDER
from ..tried import result_sentence
from .blocks import Bullets, Chart, Section, Table
from .daily import daily
from .data import ReportInput
from .habits import daily_habits
from .period import SECTION_KEYS, PeriodError
from .summary import summary


def _bar(count: int, peak: int, width: int = 30) -> str:
    if not count:
        return ""
    return "█" * max(1, round(count / peak * width))


@dataclass(frozen=True)
class Period:
    """What the period's sections share: its twitches (by diary day), its
    days, each day's count, and the days with anything recorded."""

    twitches: list[Twitch]
    days: list[date]
    counts: list[int]
    logged: set[date]
    """A day with nothing recorded, before the diary began or since, is "no
    diary": never a twitch-free day, nor a zero in the average."""


def sections(data: ReportInput, only: Iterable[str] | None = None) -> list[Section]:
    """The report, section by section, in the order a clinician reads it;
    ``only`` keeps those keys (see ``period.choose_sections``), every section
    when None."""
    keep = set(SECTION_KEYS if only is None else only)
    unknown = keep - set(SECTION_KEYS)
    if unknown:
        raise PeriodError(f"unknown section {sorted(unknown)[0]!r}")
    h = data.settings.day_start_hour
    twitches = [t for t in data.twitches if data.first <= t.day(h) <= data.last]
    days = list(days_between(data.first, data.last))
    counts = stats.per_day(twitches, data.first, data.last, h)
    period = Period(twitches, days, counts, stats.diary_days(twitches, data.logs, h))
    every = [
        summary(data),
        _history(data),
        _findings(data),
        daily(data, twitches, days, counts, period.logged),
        _sites(data, period),
        _hours(period),
        daily_habits(data.settings, data.logs, days, counts, diary_day(data.now, h)),
        _tried(data),
        _self_checks(data),
        _medicines(data),
        _notes(data, period),
        Section("Questions for my doctor", ["1.", "2.", "3."], key="questions"),
    ]
    return [section for section in every if section.key in keep]


def _findings(data: ReportInput) -> Section:
    flags = Section("Findings worth discussing", key="findings")
    if not data.findings:
        flags.blocks.append("None of the app's red-flag rules matched the diary.")
    for f in sorted(data.findings, key=lambda f: TIER_ORDER.get(f.tier, len(TIER_ORDER))):
        flags.blocks.append(f"**{f.title}** ({f.tier}). {f.reason}")
        if f.clinician_note:
            flags.blocks.append(f"For the clinician: {f.clinician_note}")
        flags.blocks.append(
            Bullets(
                [f"{e.day:%d %b %Y}: {e.detail}" for e in f.entries]
                + [f"Advice the app gave the patient: {f.advice}", f"Source: {f.source}"]
            )
        )
    return flags


def _sites(data: ReportInput, period: Period) -> Section:
    twitches = period.twitches
    sites = Section("Where: sites and sides", key="sites")
    table = stats.by_site_side(twitches)
    seen = data.first_seen(twitches)  # all-time, not just this period
    ever = data.sites_ever(twitches)
    rows = [
        (site, side, str(table[site][side]), str(n), f"{seen[(site, side)]:%d %b %Y}")
        for site, sides in ever.items()
        for side, n in sides.items()
        if n
    ]
    sites.blocks.append(
        Table(("site", "side", "in this period", "all time", "first seen ever"), rows)
        if rows
        else "No twitches."
    )
    return sites


def _hours(period: Period) -> Section:
    hours = Section("Time of day", key="hours")
    hour_counts = stats.by_hour(period.twitches)
    peak = max(hour_counts) or 1
    hours.blocks.append(
        Chart(
            [f"{h:02d}:00  {n:3d}  {_bar(n, peak, 24)}" for h, n in enumerate(hour_counts) if n],
            bars=tuple((f"{h:02d}", n) for h, n in enumerate(hour_counts)),
            caption=f"Twitches by the hour they began; the longest bar is {peak}.",
        )
        if period.twitches
        else "No twitches."
    )
    return hours


def _notes(data: ReportInput, period: Period) -> Section:
    twitches = period.twitches
    notes = Section("Triggers, medicines and notes", key="notes")
    tags = stats.trigger_counts(twitches)
    if tags:
        notes.blocks.append(
            "Triggers the patient suspected: " + ", ".join(f"{t} ({n})" for t, n in tags) + "."
        )
    medicine = [t for t in twitches if "new-medicine" in t.triggers]
    if medicine:
        first = medicine[0].day(data.settings.day_start_hour)
        notes.blocks.append(f"A new medicine was noted with twitches from {first:%d %b %Y}.")
    noted = [f"{t.at:%d %b %H:%M}: {t.note}" for t in twitches if t.note]
    notes.blocks.append(Bullets(noted) if noted else "No notes were written.")
    return notes


def _history(data: ReportInput) -> Section:
    """Onset and every episode, over the whole diary (not only this period)."""
    section = Section("History of the twitching", key="history")
    runs = data.episodes()
    if not runs:
        section.blocks.append("No twitch has been logged.")
        return section
    first, current = runs[0], runs[-1]
    ongoing = (data.last - current.end).days < 7
    section.blocks.append(
        f"First twitch ever logged: {first.start:%d %b %Y}. "
        + (
            f"The current run began on {current.start:%d %b %Y} "
            f"({plural(current.days, 'day')} to the latest twitch on {current.end:%d %b %Y})."
            if ongoing
            else f"The latest run ended on {current.end:%d %b %Y}; no twitch since."
        )
    )
    section.blocks.append(
        Table(
            ("run began", "ended", "days", "days with twitches", "twitches"),
            [
                (
                    f"{r.start:%d %b %Y}",
                    "ongoing" if r is current and ongoing else f"{r.end:%d %b %Y}",
                    str(r.days),
                    str(r.twitch_days),
                    str(r.count),
                )
                for r in runs
            ],
        )
    )
    section.blocks.append("A run ends with a week free of twitches.")
    return section


def _self_checks(data: ReportInput) -> Section:
    """Every self-check record on file (all time), with its time, each sign's
    onset, what was said to have passed, and the clinician visits. An answer
    withdrawn as a mistake stays, saying so and when."""
    section = Section("Self-check answers and visits", key="selfchecks")
    logs = data.check_logs()
    withdrawn = withdrawals(c for log in logs.values() for c in log.checks)
    rows = []
    for log in (log for _, log in sorted(logs.items())):
        for c in log.checks:
            if c.withdraws is not None:
                continue  # shown on the answer it withdraws
            # An answer about a past day has no time: its day's end is the app's.
            when = f"{log.day:%d %b %Y} (no time given)" if c.timeless else f"{c.at:%d %b %Y %H:%M}"
            if c.seen:
                rows.append((when, "seen by a clinician", "", ""))
            if c.signs or not (c.seen or c.passed):
                said = "; ".join(f"{SHORT[k]} ({ONSETS[v]})" for k, v in c.signs.items())
                what = "self-check"
                if (undone := withdrawn.get(c.id)) is not None:
                    on = f"{undone.saved_at:%d %b %H:%M}"
                    what = f"self-check, withdrawn {on} (entered by mistake)"
                rows.append((when, what, said or "no to all", ""))
            if c.passed:
                rows.append(
                    (when, "said to have passed", "", ", ".join(SHORT[k] for k in c.passed))
                )
    section.blocks.append(
        Table(("when", "what", "answered yes (onset)", "passed"), rows)
        if rows
        else "The self-check has not been done."
    )
    return section


def _medicines(data: ReportInput) -> Section:
    section = Section("Medicines", key="medicines")
    meds = data.settings.medicines
    section.blocks.append(
        Table(
            ("medicine", "dose", "started", "stopped"),
            [
                (
                    m.name,
                    m.dose,
                    f"{m.started:%d %b %Y}" if m.started else "",
                    f"{m.stopped:%d %b %Y}" if m.stopped else "",
                )
                for m in meds
            ],
        )
        if meds
        else "No medicines are on the patient's list."
    )
    return section


def _tried(data: ReportInput) -> Section:
    """Relief sessions in the period, experiments and pauses (all kept
    results), and how often the self-check was opened each day."""
    section = Section("What was tried", key="tried")
    sessions = [r for log in data.logs.values() for r in log.relief]
    for kind, label in RELIEF_KINDS.items():
        done = [r for r in sessions if r.kind == kind]
        if done:
            early = sum(1 for r in done if not r.finished)
            minutes = round(sum(r.actual_s for r in done) / 60)
            section.blocks.append(
                f"{label[0].upper()}{label[1:]}: {plural(len(done), 'session')} in this period "
                f"({minutes} min in all; {early} stopped early)."
            )
    settings = data.settings
    lines = [result_sentence(e) for e in sorted(settings.tried, key=lambda e: e.started)]
    if settings.experiment is not None:
        running = settings.experiment
        h = settings.day_start_hour
        day = running.day_number(diary_day(data.now, h), h)
        lines.append(f"Running now: {running.name}, day {day} of {running.days}.")
    if lines:
        section.blocks.append(Bullets(lines))
        section.blocks.append(
            "Each comparison is of the patient's own days before and during the change: "
            "what went together, not what caused what."
        )
    if not sessions and not lines:
        section.blocks.append("No relief session or experiment was recorded.")
    checks = [(day, log.self_checks) for day, log in sorted(data.logs.items()) if log.self_checks]
    if checks:
        again = sum(1 for _, n in checks if n > 1)
        section.blocks.append(
            f"The self-check was opened on {plural(len(checks), 'day')} in this period, "
            f"more than once on {plural(again, 'day')}:"
        )
        section.blocks.append(
            Table(("day", "self-checks opened"), [(f"{d:%d %b %Y}", str(n)) for d, n in checks])
        )
    return section
