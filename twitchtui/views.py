"""What the dashboard shows, read from the store in one go. No Textual import.

``load_today`` runs in a worker thread; the result is an immutable ``Today``
that the dashboard screen holds and binds to its panes. The other ``load_*``
reads work the same way for the findings, the report, the charts and the
calendar; ``trend_data``, the charts' data, is the one pure function here,
kept beside ``load_trends`` because it composes stats, insights and tried.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from . import checklist
from .checklist import Pause, pause_state
from .humanize import clock, hours_caption, plural
from .model import DayLog, Experiment, Settings, Twitch, days_between, diary_day
from .store import Store

# The dashboard's first frame needs only ``load_today``. What the later reads
# compose (redflags, report, stats, insights, tried) is imported inside the
# function that needs it: together about 50 ms on the 2-core test machine
# (median of 7, ``import`` timed in-process after this module), and the
# first-frame test (tests/test_import_hygiene.py) keeps redflags and stats out.
if TYPE_CHECKING:
    from .columns import Columns, RangeTotals
    from .redflags import Contacts, Finding
    from .report import ReportInput  # lazy: see the note above TYPE_CHECKING
    from .stats import TrendData


@dataclass(frozen=True, slots=True)
class Today:
    now: datetime
    day: date
    settings: Settings
    twitches: tuple[Twitch, ...]
    last: Twitch | None
    hourly: tuple[int, ...]
    """Twitches in each of the last 24 hours, oldest hour first."""
    shown_day: date
    shown_log: DayLog
    fingerprint: tuple[object, ...]
    pause: Pause | None = None
    log: DayLog | None = None
    """Today's log (the checklist may be showing another day)."""
    shown_twitches: tuple[Twitch, ...] = ()
    """The twitches of the shown day (today's, unless the user moved to another day)."""
    last_night: DayLog | None = None
    """Yesterday's log: a bedtime entered before noon belongs to it."""

    logged_since_last: int | None = None
    """Days between the last twitch's day and today with something recorded
    (None: not counted; every day between then counts)."""

    @property
    def shown_hourly(self) -> tuple[int, ...]:
        """The sparkline's counts for the day shown: the last 24 hours on
        today, the day's hours 00 to 23 on another day."""
        if self.shown_day == self.day:
            return self.hourly
        counts = [0] * 24
        for twitch in self.shown_twitches:
            counts[twitch.at.hour] += 1
        return tuple(counts)

    @property
    def shown_caption(self) -> str:
        """What the sparkline shows, in words."""
        if self.shown_day == self.day:
            return hours_caption(self.hourly, self.now)
        counts = self.shown_hourly
        peak = max(counts)
        day = f"{self.shown_day:%a %d %b}"
        if not peak:
            return f"{day} by hour · none"
        hour = max(i for i, n in enumerate(counts) if n == peak)
        return f"{day} by hour · peak {plural(peak, 'twitch')} around {clock(hour)}"

    @property
    def free_days(self) -> int | None:
        """Whole diary days with no twitch between the last twitch's day and
        today (today is not over, so it does not count); None if never. A
        day with nothing recorded is no diary, not a twitch-free day."""
        if self.last is None:
            return None
        between = max(0, (self.day - self.last.day(self.settings.day_start_hour)).days - 1)
        return between if self.logged_since_last is None else self.logged_since_last

    @property
    def free_since(self) -> str:
        """'' when the last twitch is from today; else the line that says since when."""
        last = self.last
        if last is None or last.day(self.settings.day_start_hour) >= self.day:
            return ""
        days = self.free_days or 0
        gap = (self.day - last.day(self.settings.day_start_hour)).days
        when = "yesterday" if gap == 1 else f"{last.at:%a %d %b}"
        unknown = max(0, gap - 1 - days)
        parts = [plural(days, "twitch-free day")] if days else []
        if unknown:
            parts.append(f"{plural(unknown, 'day')} no diary")
        whole = f" ({'; '.join(parts)})" if parts else ""
        return f"None yet today; the last was {when} {last.at:%H:%M}{whole}"


def hourly_counts(twitches: list[Twitch], now: datetime, hours: int = 24) -> tuple[int, ...]:
    """Counts per hour for the ``hours`` hours ending now, oldest first."""
    counts = [0] * hours
    for twitch in twitches:
        age = (now - twitch.at).total_seconds() / 3600
        if 0 <= age < hours:
            counts[hours - 1 - int(age)] += 1
    return tuple(counts)


def load_today(store: Store, shown_day: date | None = None) -> Today:
    """Everything the dashboard needs for today (and the checklist's shown day)."""
    now = store.now()
    settings = store.settings()
    day = diary_day(now, settings.day_start_hour)
    shown = shown_day or day
    recent = store.twitches(day - timedelta(days=1), day)
    todays = tuple(t for t in recent if t.day(settings.day_start_hour) == day)
    fingerprint = store.fingerprint(sorted({day, shown}))
    pause = None
    if settings.pause_started is not None:
        since = diary_day(settings.pause_started, settings.day_start_hour)
        cups = [c for log in store.day_logs(since, day).values() for c in log.coffees]
        pause = pause_state(settings.pause_started, cups, now)
    last = recent[-1] if recent else store.last_twitch()
    logged_since = None
    if last is not None and last.day(settings.day_start_hour) < day - timedelta(days=1):
        since = last.day(settings.day_start_hour) + timedelta(days=1)
        logs = store.day_logs(since, day - timedelta(days=1))
        logged_since = sum(1 for log in logs.values() if not log.is_empty)
    return Today(
        now=now,
        day=day,
        settings=settings,
        twitches=todays,
        last=last,
        logged_since_last=logged_since,
        hourly=hourly_counts(recent, now),
        shown_day=shown,
        shown_log=store.day_log(shown),
        fingerprint=fingerprint,
        pause=pause,
        log=store.day_log(day),
        shown_twitches=todays if shown == day else tuple(store.twitches(shown, shown)),
        last_night=store.day_log(day - timedelta(days=1)),
    )


def trial_window(
    store: Store, experiment: Experiment, at: datetime
) -> tuple[list[Twitch], dict[date, DayLog]]:
    """The twitches and day logs an experiment ending at ``at`` is compared on:
    its own span and as long again before it (a day either side for nights)."""
    length = max(at - experiment.started, timedelta(days=experiment.days))
    first = (experiment.started - length).date() - timedelta(days=2)
    last = at.date() + timedelta(days=1)
    return store.twitches(first, last), store.day_logs(first, last)


FLAG_WINDOW_DAYS = 120
"""How much history the red-flag rules look at (the longest rule window is 90 days)."""


def who_to_call(settings: Settings, env: Mapping[str, str] | None = None) -> Contacts:
    """The emergency number and the same-day line, from the settings and the
    locale (``env``: the environment, ``os.environ`` when not given)."""
    from .redflags.contacts import contacts  # lazy: see the note above TYPE_CHECKING

    return contacts(settings.emergency_number, os.environ if env is None else env)


def load_findings(
    store: Store, as_of: date | None = None, env: Mapping[str, str] | None = None
) -> list[Finding]:
    """The red-flag findings for the diary as it is now, or as it was at the
    end of ``as_of``.

    Every self-check record is read (an urgent one never expires, and records
    are compared by their instants, whatever day they are filed under), but
    only the last 120 days of twitches and day logs.
    """
    from .redflags import check  # lazy: see the note above TYPE_CHECKING

    settings = store.settings()
    now = store.now()
    today = diary_day(now, settings.day_start_hour)
    live = as_of is None or as_of >= today
    day = as_of or today
    first = day - timedelta(days=FLAG_WINDOW_DAYS)
    # Live, up to tomorrow: a twitch logged under a clock ahead of this one
    # (another machine's zone) can be on tomorrow's date by its own clock and
    # have happened already; ``check`` keeps those, and no later one.
    twitches = store.twitches(first, day + timedelta(days=1) if live else day)
    logs = {**store.day_logs(first, day), **store.self_check_logs()}
    findings = check(
        twitches,
        logs,
        day,
        settings.day_start_hour,
        now=now if live else None,
        who=who_to_call(settings, env),
        medicines=settings.medicines,
    )
    unread = store.left_out()
    if unread:  # never an all-clear over files that were not read
        from .redflags.finding import left_out

        findings.append(left_out({path.name: why for path, why in unread.items()}, day))
    return findings


def load_urgent(
    store: Store, env: Mapping[str, str] | None = None, *, around_damage: bool = False
) -> tuple[Finding | None, tuple[DayLog, ...]]:
    """The most serious open emergency or same-day finding (if any), and the
    day logs with self-check records: what the dashboard needs to show the
    urgent banner at once (start-up, and the moment a self-check is saved).
    ``around_damage``: a month file that cannot be read is passed over, not
    a reason to say nothing (the dashboard's banner)."""
    from .redflags import open_urgent  # lazy: see the note above TYPE_CHECKING

    settings = store.settings()
    logs = store.self_check_logs_around_damage() if around_damage else store.self_check_logs()
    finding = open_urgent(logs, store.now(), settings.day_start_hour, who_to_call(settings, env))
    return finding, tuple(logs.values())


def load_report(
    store: Store,
    days: int = 28,
    as_of: date | None = None,
    *,
    first: date | None = None,
    last: date | None = None,
) -> ReportInput:
    """Everything the doctor's report needs: for ``first`` to ``last`` when
    given (a ``report.Period``, e.g. from ``report.choose_period``), else for
    the ``days`` days up to today (or ``as_of``)."""
    from .report import AllTime, ReportInput  # lazy: see the note above TYPE_CHECKING

    now = store.now()
    settings = store.settings()
    if last is None:
        last = as_of or diary_day(now, settings.day_start_hour)
    if first is None:
        first = last - timedelta(days=days - 1)
    # The all-time parts (onset, episodes, first-seen dates, self-checks)
    # come from the store's index; only the period's months are read whole.
    totals = store.tally().upto(last)
    return ReportInput(
        first=first,
        last=last,
        now=now,
        twitches=store.twitches(first, last),
        logs=store.day_logs(first, last),
        settings=settings,
        findings=load_findings(store, last),
        # Around the period only: what was tried is counted in the 2 hours
        # either side of a relief session.
        history=store.twitches(first - timedelta(days=1), last),
        all_time=AllTime(
            per_day=totals.per_day,
            first_seen={key: seen[1] for key, seen in totals.first.items()},
            logged=totals.logged,
            checks=totals.checks,
        ),
    )


def trend_data(
    twitches: list[Twitch],
    logs: dict[date, DayLog],
    settings: Settings,
    first: date,
    last: date,
    flagged_days: Iterable[date] = (),
    now: datetime | None = None,
    began: date | None = None,
    recent_logs: dict[date, DayLog] | None = None,
) -> TrendData:
    """Chart data for ``first``..``last``; with ``now``, the insights include
    what was tried (relief sessions whose two hours after are over by then).
    ``began``: the diary's first day; a range reaching further back starts there.
    This week against the last reads the last 15 days whatever the range:
    ``twitches`` may reach before ``first`` for it, and ``recent_logs`` gives
    those days' logs (default ``logs``).

    It composes the counts (``stats``), the habit comparisons (``insights``)
    and what was tried (``tried``), so it lives above all three. The
    twitches are counted as ``load_trends`` counts a month file's
    (``columns``)."""
    from .columns import Columns  # lazy: see the note above TYPE_CHECKING

    months = [Columns(twitches, settings.day_start_hour)]
    week_logs = logs if recent_logs is None else recent_logs
    return _trends(
        months, twitches, logs, week_logs, settings, first, last, flagged_days, now, began
    )


def _trends(
    months: Iterable[Columns],
    recent: list[Twitch],
    logs: dict[date, DayLog],
    recent_logs: dict[date, DayLog],
    settings: Settings,
    first: date,
    last: date,
    flagged_days: Iterable[date],
    now: datetime | None,
    began: date | None,
) -> TrendData:
    """``trend_data`` from the range's twitches as columns (a month file's
    each, or all at once); ``recent`` and ``recent_logs``: at least the
    twitches and the day logs of the last 15 days, whatever the range (this
    week against the last: a 7-day chart once called the week before it "no
    diary", and a 14-day one counted only part of it)."""
    from . import insights, stats  # lazy: see the note above TYPE_CHECKING
    from .columns import RangeTotals

    since_began = began is not None and first < began
    if began is not None and since_began:
        first = min(began, last)
    h = settings.day_start_hour
    totals = RangeTotals(first, last)
    for columns in months:
        totals.add(columns)
    logged = set(totals.per_day)
    logged.update(d for d, log in logs.items() if first <= d <= last and not log.is_empty)
    days = list(days_between(first, last))
    counts = [totals.per_day.get(day, 0) for day in days]
    index = {day: i for i, day in enumerate(days)}
    diary = [day in logged for day in days]
    strengths = totals.strengths
    since = last - timedelta(days=14)
    week = [t for t in recent if since <= t.day(h) <= last]
    week_logs = {d: log for d, log in recent_logs.items() if since <= d <= last}
    week_logged = stats.diary_days(week, week_logs, h)
    return stats.TrendData(
        first=first,
        last=last,
        per_day=counts,
        average=stats.diary_average(counts, diary),
        diary=diary,
        since_began=since_began,
        flagged=sorted({index[d] for d in flagged_days if d in index}),
        hours=totals.hours,
        sites=totals.sites,
        intensity=[(s[0] / s[1] if (s := strengths.get(d)) else None) for d in days],
        habits=insights.habit_days(logs, settings, first, last),
        insights=_trend_sentences(totals, week, week_logged, logs, settings, logged, now),
    )


def _trend_sentences(
    totals: RangeTotals,
    week: list[Twitch],
    week_logged: set[date],
    logs: dict[date, DayLog],
    settings: Settings,
    logged: set[date],
    now: datetime | None,
) -> list[str]:
    """The lines under the charts: this week against the last (``week``: the
    twitches of the last 15 days, ``week_logged`` their diary days), what
    was tried (with ``now``),
    then the habit comparisons; the caveat that a link is not a cause comes
    once, at the end."""
    from . import insights, stats, tried  # lazy: see the note above TYPE_CHECKING

    h = settings.day_start_hour
    this_week, last_week = stats.week_vs_week(week, totals.last, h, week_logged)
    sentences = [stats.week_sentence(this_week, last_week)]
    if now is not None:  # what was tried comes first: each is a result of its own
        sentences += tried.tried_lines(totals.between, logs, settings, now)
    sentences += insights.sentences_of(
        totals.per_day,
        totals.trigger_counts(),
        totals.count,
        logs,
        settings,
        totals.first,
        totals.last,
        logged,
    )
    if sentences.count(insights.ASSOCIATION) > 1:  # once, at the end
        sentences = [s for s in sentences if s != insights.ASSOCIATION] + [insights.ASSOCIATION]
    return sentences


def load_trends(store: Store, days: int, findings: Iterable[Finding] = ()) -> TrendData:
    """Chart data for the last ``days`` days (today included), read a month
    file at a time (``Store.month_columns``): a year's twitches are never
    held as parsed objects together."""
    settings = store.settings()
    last = diary_day(store.now(), settings.day_start_hour)
    first = last - timedelta(days=days - 1)
    flagged = [entry.day for finding in findings for entry in finding.entries]
    # The red flags' window is read and held parsed anyway; older months are let go.
    months = store.month_columns(first, last, held_from=last - timedelta(days=FLAG_WINDOW_DAYS))
    logs = {
        day: log
        for _, month_logs in months
        for day, log in month_logs.items()
        if first <= day <= last
    }
    fortnight = last - timedelta(days=14)  # this week against the last, whatever the range
    return _trends(
        [columns for columns, _ in months],
        store.twitches(fortnight, last),
        dict(sorted(logs.items())),
        logs if first <= fortnight else store.day_logs(fortnight, last),
        settings,
        first,
        last,
        flagged,
        now=store.now(),
        began=store.first_diary_day(since=first),
    )


@dataclass(frozen=True, slots=True)
class Month:
    """One calendar month for the calendar view: twitches and checklist per day."""

    first: date
    last: date
    today: date
    counts: dict[date, int]
    ticks: dict[date, tuple[int, int]]
    """Checklist items done and counted, on days with anything recorded."""


def load_month(store: Store, year: int, month: int) -> Month:
    """The twitch count and checklist score of every day of a month."""
    from .stats import per_day  # lazy: see the note above TYPE_CHECKING

    settings = store.settings()
    first = date(year, month, 1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    counts = per_day(store.twitches(first, last), first, last, settings.day_start_hour)
    ticks = {
        day: checklist.score(log, settings)
        for day, log in store.day_logs(first, last).items()
        if not log.is_empty
    }
    days = [first + timedelta(days=i) for i in range(len(counts))]
    today = diary_day(store.now(), settings.day_start_hour)
    # A day with nothing recorded (before the diary began, or since) is "no
    # diary", not a twitch-free day: it gets no count at all.
    counted = {day: count for day, count in zip(days, counts, strict=True) if count or day in ticks}
    return Month(first, last, today, counted, ticks)
