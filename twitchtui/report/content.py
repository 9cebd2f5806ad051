"""What the report says: each section, built from the diary for the chosen days."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .. import stats
from ..humanize import plural
from ..model import ONSETS, RELIEF_KINDS, SHORT, DayLog, Settings, Twitch, days_between, diary_day
from ..redflags import STANDING_NOTE, Finding
from ..trials import result_sentence
from .blocks import Bullets, Chart, Section, Table
from .figures import longest_given, mean_given, overview_figures
from .habits import daily_habits


@dataclass(frozen=True)
class ReportInput:
    first: date
    last: date
    now: datetime
    twitches: list[Twitch]
    logs: dict[date, DayLog]
    settings: Settings
    findings: list[Finding]
    history: list[Twitch] = field(default_factory=list)
    """Every twitch up to ``last``, for the onset, the episodes and first-seen dates."""
    all_logs: dict[date, DayLog] = field(default_factory=dict)
    """Every day log up to ``last``: self-checks, visits to a clinician."""

    @property
    def diary_began(self) -> date | None:
        """The first day anything was recorded."""
        days = [t.day(self.settings.day_start_hour) for t in self.history[:1]]
        days += [d for d, log in self.all_logs.items() if not log.is_empty][:1]
        return min(days, default=None)


def _patient(settings: Settings) -> str:
    """The patient line, only with what the person chose to give."""
    parts = []
    if settings.patient_name:
        parts.append(settings.patient_name)
    if settings.patient_born:
        parts.append(f"born {settings.patient_born:%d %b %Y}")
    return f"**Patient:** {', '.join(parts)}." if parts else ""


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


def sections(data: ReportInput) -> list[Section]:
    """The report, section by section, in the order a clinician reads it."""
    h = data.settings.day_start_hour
    twitches = [t for t in data.twitches if data.first <= t.day(h) <= data.last]
    days = list(days_between(data.first, data.last))
    counts = stats.per_day(twitches, data.first, data.last, h)
    period = Period(twitches, days, counts, stats.diary_days(twitches, data.logs, h))
    return [
        _overview(data, period),
        _history(data),
        _findings(data),
        _per_day(data, period),
        _sites(data, period),
        _hours(period),
        daily_habits(data.settings, data.logs, days, counts),
        _tried(data),
        _self_checks(data),
        _medicines(data),
        _notes(data, period),
        Section("Questions for my doctor", ["1.", "2.", "3."]),
    ]


def _overview(data: ReportInput, period: Period) -> Section:
    h = data.settings.day_start_hour
    began = data.diary_began
    kept_from = max(data.first, began) if began else data.last + timedelta(days=1)
    s = stats.summary(period.twitches, kept_from, data.last, h) if began else None
    overview = Section("Overview")
    patient = _patient(data.settings)
    if patient:
        overview.blocks.append(patient)
    overview.blocks.append(
        f"Period: {data.first:%a %d %b %Y} to {data.last:%a %d %b %Y} "
        f"({plural(len(period.days), 'day')}). "
        f"Written {data.now:%d %b %Y %H:%M} by twitchtui from the patient's own diary."
    )
    if began and began > data.first:
        overview.blocks.append(
            f"The diary began on {began:%d %b %Y}: the {plural((began - data.first).days, 'day')} "
            "before it are marked 'no diary', not counted as twitch-free."
        )
    if s is not None and s.count:
        diary_days = sum(1 for day in period.days if day in period.logged)
        overview.blocks.append(overview_figures(s, diary_days))
    else:
        overview.blocks.append("No twitches were logged in this period.")
    overview.blocks.append(STANDING_NOTE)
    return overview


def _findings(data: ReportInput) -> Section:
    flags = Section("Findings worth discussing")
    if not data.findings:
        flags.blocks.append("None of the app's red-flag rules matched the diary.")
    for f in data.findings:
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


def _per_day(data: ReportInput, period: Period) -> Section:
    h = data.settings.day_start_hour
    daily = Section("Twitches per day")
    by_day: dict[date, list[Twitch]] = {}
    for t in period.twitches:
        by_day.setdefault(t.day(h), []).append(t)
    daily.blocks.append(
        Table(
            ("day", "twitches", "mean intensity", "longest, s", "sites", "sides"),
            [
                (
                    f"{day:%a %d %b}",
                    str(len(day_twitches)),
                    mean_given([t.intensity for t in day_twitches]),
                    longest_given([t.duration_s for t in day_twitches]),
                    ", ".join(sorted({t.site for t in day_twitches})),
                    ", ".join(sorted({t.side for t in day_twitches})),
                )
                for day in period.days
                if (day_twitches := by_day.get(day))
            ],
        )
        if period.twitches
        else "No twitches."
    )
    peak = max(period.counts, default=0) or 1
    daily.blocks.append(
        Chart(
            [
                f"{day:%a %d %b}  {count:3d}  {_bar(count, peak)}"
                if day in period.logged
                else f"{day:%a %d %b}    -  no diary"
                for day, count in zip(period.days, period.counts, strict=True)
            ]
        )
    )
    return daily


def _sites(data: ReportInput, period: Period) -> Section:
    h = data.settings.day_start_hour
    twitches = period.twitches
    sites = Section("Where: sites and sides")
    table = stats.by_site_side(twitches)
    seen = stats.first_seen(data.history or twitches, h)  # all-time, not just this period
    ever = stats.by_site_side(data.history or twitches)
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
    hours = Section("Time of day")
    hour_counts = stats.by_hour(period.twitches)
    peak = max(hour_counts) or 1
    hours.blocks.append(
        Chart([f"{h:02d}:00  {n:3d}  {_bar(n, peak, 24)}" for h, n in enumerate(hour_counts) if n])
        if period.twitches
        else "No twitches."
    )
    return hours


def _notes(data: ReportInput, period: Period) -> Section:
    twitches = period.twitches
    notes = Section("Triggers, medicines and notes")
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
    section = Section("History of the twitching")
    runs = stats.episodes(data.history, data.settings.day_start_hour)
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
    onset, what was said to have passed, and the clinician visits."""
    section = Section("Self-check answers and visits")
    logs = data.all_logs or data.logs
    rows = []
    for log in (log for _, log in sorted(logs.items())):
        for c in log.checks:
            when = f"{c.at:%d %b %Y %H:%M}"
            if c.seen:
                rows.append((when, "seen by a clinician", "", ""))
            if c.signs or not (c.seen or c.passed):
                said = "; ".join(f"{SHORT[k]} ({ONSETS[v]})" for k, v in c.signs.items())
                rows.append((when, "self-check", said or "no to all", ""))
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
    section = Section("Medicines")
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
    section = Section("What was tried")
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
