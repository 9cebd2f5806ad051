"""What was tried, and whether it went with fewer twitches: the stimulant
pause's per-waking-hour comparison, an experiment's before/during days, and
the two hours around a relief session. Pure.

Every result says how much data is behind it, and says "not enough data"
instead of a figure when a side is too thin. A comparison is an association
in the person's own diary, never a cause.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from .checklist import PAUSE_HOURS
from .humanize import plural
from .insights import ASSOCIATION, MIN_DAYS, how_many
from .model import PAUSE, DayLog, Experiment, Relief, Result, Settings, Twitch, diary_day

MIN_TWITCHES = 10
"""Fewer twitches than this on either side: not enough data."""
MIN_WAKING_HOURS = 24
"""The stimulant pause: fewer waking hours than this logged on a side."""
MIN_LOGGED_DAYS = 3
"""An experiment: fewer logged days than this (or than half its days) on a side."""
SLEEP_HOURS = 8
"""The night assumed after each bedtime when counting waking hours."""
AROUND = timedelta(hours=2)
"""The window before and after a relief session."""
MIN_SESSIONS = MIN_DAYS
"""Relief insights follow the insights' minimum (7)."""
_STEP = timedelta(minutes=15)


def logged_days(twitches: list[Twitch], logs: dict[date, DayLog], day_start_hour: int) -> set[date]:
    """Diary days with anything logged: a twitch, a checklist entry or a check-in."""
    days = {t.day(day_start_hour) for t in twitches}
    days.update(day for day, log in logs.items() if not log.is_empty or log.relief)
    return days


def _asleep(moment: datetime, logs: dict[date, DayLog], settings: Settings) -> bool:
    """Whether ``moment`` falls in a night: from the night's bedtime (logged,
    else the usual one) for eight hours."""
    for night in (moment.date() - timedelta(days=1), moment.date()):
        log = logs.get(night)
        bedtime = (log.bedtime if log else None) or settings.usual_bedtime
        # A bedtime after midnight still belongs to the evening before.
        falls = night + timedelta(days=1) if bedtime < time(12) else night
        begins = datetime.combine(falls, bedtime, tzinfo=moment.tzinfo)
        if begins <= moment < begins + timedelta(hours=SLEEP_HOURS):
            return True
    return False


def waking_hours(
    first: datetime, last: datetime, logs: dict[date, DayLog], settings: Settings, logged: set[date]
) -> float:
    """Hours from ``first`` to ``last`` spent awake on logged diary days
    (in quarter hours)."""
    quarters = 0
    moment = first
    while moment < last:
        middle = moment + _STEP / 2
        day = diary_day(middle, settings.day_start_hour)
        if day in logged and not _asleep(middle, logs, settings):
            quarters += 1
        moment += _STEP
    return quarters / 4


def _count(twitches: list[Twitch], first: datetime, last: datetime) -> int:
    return sum(1 for t in twitches if first <= t.at < last)


def pause_result(
    twitches: list[Twitch],
    logs: dict[date, DayLog],
    settings: Settings,
    started: datetime,
    ended: datetime,
) -> Result:
    """Twitches per waking hour during the pause against the same length of
    time just before it."""
    length = ended - started
    before = started - length
    logged = logged_days(twitches, logs, settings.day_start_hour)
    during_h = waking_hours(started, ended, logs, settings, logged)
    before_h = waking_hours(before, started, logs, settings, logged)
    during_n = _count(twitches, started, ended)
    before_n = _count(twitches, before, started)
    enough = min(during_n, before_n) >= MIN_TWITCHES and min(during_h, before_h) >= MIN_WAKING_HOURS
    return Result("waking hour", before_n, before_h, during_n, during_h, enough)


def experiment_days(experiment: Experiment, day_start_hour: int) -> list[date]:
    """The diary days an experiment ran: from the day it began, for its days,
    or up to the day before it was stopped (the day it began always counts)."""
    first = experiment.first_day(day_start_hour)
    last = first + timedelta(days=experiment.days - 1)
    if experiment.ended is not None:
        last = min(
            last, max(first, diary_day(experiment.ended, day_start_hour) - timedelta(days=1))
        )
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def experiment_result(
    twitches: list[Twitch], logs: dict[date, DayLog], settings: Settings, experiment: Experiment
) -> Result:
    """Twitches per logged day during the experiment against as many days just before it."""
    h = settings.day_start_hour
    during = experiment_days(experiment, h)
    before = [during[0] - timedelta(days=i) for i in range(len(during), 0, -1)]
    logged = logged_days(twitches, logs, h)
    counts: dict[date, int] = {}
    for t in twitches:
        counts[t.day(h)] = counts.get(t.day(h), 0) + 1

    def side(days: list[date]) -> tuple[int, int]:
        return sum(counts.get(d, 0) for d in days), sum(1 for d in days if d in logged)

    during_n, during_d = side(during)
    before_n, before_d = side(before)
    least = max(MIN_LOGGED_DAYS, math.ceil(len(during) / 2))
    enough = min(during_n, before_n) >= MIN_TWITCHES and min(during_d, before_d) >= least
    return Result("logged day", before_n, before_d, during_n, during_d, enough)


def finish(
    experiment: Experiment,
    ended: datetime,
    twitches: list[Twitch],
    logs: dict[date, DayLog],
    settings: Settings,
    *,
    stopped_early: bool,
) -> Experiment:
    """The experiment as ended at ``ended``, with its result worked out now and kept."""
    ended = ended.replace(microsecond=0)
    done = replace(experiment, ended=ended, stopped_early=stopped_early)
    if experiment.name == PAUSE:
        result = pause_result(twitches, logs, settings, experiment.started, ended)
    else:
        result = experiment_result(twitches, logs, settings, done)
    return replace(done, result=result)


def _units(value: float, unit: str) -> str:
    if unit == "waking hour":
        return f"{value:g} waking hour{'' if value == 1 else 's'}"
    return plural(round(value), unit)


def result_sentence(experiment: Experiment) -> str:
    """One line on how it went, with the counts behind both sides."""
    r = experiment.result
    when = f"ended {experiment.ended:%a %d %b %H:%M}" if experiment.ended else "running"
    early = ", stopped early" if experiment.stopped_early else ""
    head = f"{experiment.title} ({when}{early})"
    if r is None:
        return f"{head}: no result was kept."
    before_side = "the same length of time before" if r.unit == "waking hour" else "the days before"
    counts = (
        f"{plural(r.during_twitches, 'twitch')} in {_units(r.during_units, r.unit)} during, "
        f"{plural(r.before_twitches, 'twitch')} in {_units(r.before_units, r.unit)} before"
    )
    if not r.enough:
        need = (
            f"{MIN_TWITCHES} twitches and {MIN_WAKING_HOURS} waking hours logged"
            if r.unit == "waking hour"
            else f"{MIN_TWITCHES} twitches and {MIN_LOGGED_DAYS} logged days (half the days)"
        )
        return f"{head}: not enough data to compare ({counts}; each side needs {need})."
    per = "per waking hour" if r.unit == "waking hour" else "per logged day"
    if r.before_rate == 0:
        change = f"{r.during_rate:.2f} twitches {per}, against none in {before_side}"
    else:
        ratio = r.during_rate / r.before_rate
        if abs(ratio - 1) < 0.1:
            change = f"about as many twitches {per} as in {before_side}"
        else:
            change = (
                f"{how_many(ratio)} twitches {per} ({r.during_rate:.2f} against "
                f"{r.before_rate:.2f} in {before_side})"
            )
    return f"{head}: {change}; {counts}."


def relief_sentences(twitches: list[Twitch], logs: dict[date, DayLog], now: datetime) -> list[str]:
    """Per relief type: twitches in the two hours after the sessions against the
    two hours before them (sessions whose two hours after are not over yet wait)."""
    return relief_lines(lambda first, last: _count(twitches, first, last), logs, now)


Counts = Callable[[datetime, datetime], int]
"""How many twitches fell at or after one moment and before another."""


def relief_lines(count: Counts, logs: dict[date, DayLog], now: datetime) -> list[str]:
    """``relief_sentences``, the twitches counted by ``count`` (the charts
    count a year's without holding them: ``columns.RangeTotals.between``)."""
    sessions: dict[str, list[Relief]] = {}
    for log in logs.values():
        for r in log.relief:
            if r.started + timedelta(seconds=r.actual_s) + AROUND <= now:
                sessions.setdefault(r.kind, []).append(r)
    out = []
    for _kind, done in sorted(sessions.items(), key=lambda pair: pair[0]):
        label = done[0].label
        n = len(done)
        if n < MIN_SESSIONS:
            out.append(
                f"Around a {label}: not enough data yet "
                f"({plural(n, 'session')}; {MIN_SESSIONS} are needed)."
            )
            continue
        before = sum(count(r.started - AROUND, r.started) for r in done)
        after = sum(
            count(end, end + AROUND)
            for r in done
            for end in [r.started + timedelta(seconds=r.actual_s)]
        )
        out.append(
            f"In the 2 hours after a {label} you logged {plural(after, 'twitch')}, against "
            f"{before} in the 2 hours before ({plural(n, 'session')})."
        )
    return out


def tried_sentences(
    twitches: list[Twitch], logs: dict[date, DayLog], settings: Settings, now: datetime
) -> list[str]:
    """The lines for the insights and the report: kept results, newest first,
    then relief; the association line closes them when any is shown."""
    return tried_lines(lambda first, last: _count(twitches, first, last), logs, settings, now)


def tried_lines(
    count: Counts, logs: dict[date, DayLog], settings: Settings, now: datetime
) -> list[str]:
    """``tried_sentences``, the twitches counted by ``count`` (see ``relief_lines``)."""
    lines = [result_sentence(e) for e in sorted(settings.tried, key=lambda e: e.started)[::-1]]
    lines += relief_lines(count, logs, now)
    if lines:
        lines.append(ASSOCIATION)
    return lines


def due_end(settings: Settings, now: datetime) -> tuple[str, datetime] | None:
    """The running pause or experiment whose time is up at ``now``: its name
    and the moment it ended by itself (48 hours on; the start of the diary day
    after its last day)."""
    if settings.pause_started is not None:
        end = settings.pause_started + timedelta(hours=PAUSE_HOURS)
        return (PAUSE, end) if end <= now else None
    running = settings.experiment
    if running is None:
        return None
    after = running.first_day(settings.day_start_hour) + timedelta(days=running.days)
    end = datetime.combine(after, time(settings.day_start_hour), tzinfo=running.started.tzinfo)
    return (running.name, end) if end <= now else None
