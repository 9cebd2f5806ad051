"""The report's "Twitches per day": a one-line chart of every day, then a row
per diary day, or a Monday-to-Sunday grid once the period is over 14 days;
a run of days with nothing recorded is one line. Pure."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..humanize import plural
from ..model import Twitch, days_between, diary_day
from .blocks import Chart, Section, Table
from .figures import longest_given, mean_given
from .summary import span

if TYPE_CHECKING:
    from .data import ReportInput

GRID_FROM = 15
"""Periods this long or longer show the week-by-week grid, not a row a day."""
NO_DIARY = "–"


def so_far(count: int) -> str:
    """Today's count, not over: never a day with no diary, a twitch-free day,
    nor a full day's count."""
    return f"{count} so far"


def no_diary_line(first: date, last: date) -> str:
    """One line for a run of days with nothing recorded."""
    days = (last - first).days + 1
    return f"No diary {span(first, last)} ({plural(days, 'day')})"


def runs_of(days: list[date], logged: set[date]) -> list[tuple[date, date, bool]]:
    """The days as runs: (first, last, kept a diary), in order."""
    out: list[tuple[date, date, bool]] = []
    for day in days:
        kept = day in logged
        if out and out[-1][2] == kept and out[-1][1] == day - timedelta(days=1):
            out[-1] = (out[-1][0], day, kept)
        else:
            out.append((day, day, kept))
    return out


def daily(
    data: ReportInput,
    twitches: list[Twitch],
    days: list[date],
    counts: list[int],
    logged: set[date],
) -> Section:
    """Twitches per day: a chart of every day, then a row per diary day (a
    run of "no diary" days as one line), or, for a longer period, a grid of
    weeks. The chart draws what the table counts, so its text is one short line."""
    h = data.settings.day_start_hour
    today = diary_day(data.now, h)
    section = Section("Twitches per day", key="daily")
    by_count = dict(zip(days, counts, strict=True))
    peak = max(counts, default=0) or 1
    # Today, not over, is drawn as the day it is so far (a 0), never as "no diary".
    drawn = logged | ({today} & set(days))
    section.blocks.append(
        Chart(
            [_spark(days, by_count, drawn, peak)],
            bars=tuple((f"{day:%d %b}", by_count[day] if day in drawn else None) for day in days),
            caption=(
                f"One bar a day, {span(days[0], days[-1])}; the tallest is {peak}. "
                "Days with nothing recorded are marked apart as 'no diary': "
                "they are not twitch-free days."
            ),
        )
    )
    if len(days) >= GRID_FROM:
        section.blocks.append(_week_grid(days, by_count, logged, today))
        section.blocks.append(
            f"Twitches each day, a week to a row; 'a day' is the week's twitches per full "
            f"diary day (today, not over, is 'so far' and not in it). {NO_DIARY}: no diary "
            "that day; blank: outside the period."
        )
        return section
    rows = _day_rows(days, logged, twitches, h, today)
    section.blocks.append(
        Table(("day", "twitches", "mean intensity", "longest, s", "sites", "sides"), rows)
    )
    return section


def _day_rows(
    days: list[date], logged: set[date], twitches: list[Twitch], h: int, today: date
) -> list[tuple[str, ...]]:
    """The table's rows: one per diary day, one line per run of "no diary"
    days, and today (not over, nothing yet) on a line of its own."""
    by_day: dict[date, list[Twitch]] = {}
    for t in twitches:
        by_day.setdefault(t.day(h), []).append(t)
    rows: list[tuple[str, ...]] = []
    for first, last, kept in runs_of(days, logged):
        if not kept:
            # Today, not over, is not yet a day with no diary (the summary
            # leaves it out of the counts too): a line of its own.
            if first <= today <= last:
                if first < today:
                    rows.append((no_diary_line(first, today - timedelta(days=1)), *[""] * 5))
                rows.append((f"{today:%a %d %b}: today, nothing recorded yet", *[""] * 5))
                if today < last:
                    rows.append((no_diary_line(today + timedelta(days=1), last), *[""] * 5))
            else:
                rows.append((no_diary_line(first, last), "", "", "", "", ""))
            continue
        for day in days_between(first, last):
            day_twitches = by_day.get(day, [])
            rows.append(
                (
                    f"{day:%a %d %b}",
                    # Today, not over: a count so far (not counted in the summary).
                    so_far(len(day_twitches)) if day == today else str(len(day_twitches)),
                    mean_given([t.intensity for t in day_twitches]) if day_twitches else "",
                    longest_given([t.duration_s for t in day_twitches]) if day_twitches else "",
                    ", ".join(sorted({t.site for t in day_twitches})),
                    ", ".join(sorted({t.side for t in day_twitches})),
                )
            )
    return rows


def _spark(days: list[date], counts: dict[date, int], logged: set[date], peak: int) -> str:
    """The days as one line of marks, a week between bars: "▂▅█" and "·" for no diary."""
    marks = " ▁▂▃▄▅▆▇█"
    out = []
    for day in days:
        if day != days[0] and day.weekday() == 0:
            out.append("|")
        if day not in logged:
            out.append("·")
        else:
            n = counts[day]
            out.append(marks[max(1, round(n / peak * 8))] if n else "_")
    return f"{days[0]:%d %b} {''.join(out)} {days[-1]:%d %b}"


def _week_grid(days: list[date], counts: dict[date, int], logged: set[date], today: date) -> Table:
    """Rows of weeks (Monday to Sunday), each day's count, "–" for no diary,
    blank outside the period; weeks with no diary at all make one line.
    Today, not over, is its count "so far": its week has a row, no run of
    "no diary" takes it in, and the week's "a day" is of its full days."""
    first_monday = days[0] - timedelta(days=days[0].weekday())
    weeks: list[list[date]] = []
    monday = first_monday
    while monday <= days[-1]:
        weeks.append([monday + timedelta(days=i) for i in range(7)])
        monday += timedelta(days=7)
    inside = set(days)
    shown = logged | ({today} & inside)
    gaps = [(a, b) for a, b, kept in runs_of(days, shown) if not kept]
    rows: list[tuple[str, ...]] = []
    blank_run: list[date] = []

    def _cell(day: date) -> str:
        if day not in inside:
            return ""
        if day == today:
            return so_far(counts[day])
        return str(counts[day]) if day in logged else NO_DIARY

    def close_blank() -> None:
        # The line names the whole run of "no diary" days, the ends that
        # share a week with diary days included (they show "–" there too).
        if blank_run:
            a, b = next((a, b) for a, b in gaps if a <= blank_run[0] <= b)
            rows.append((no_diary_line(a, b), *[""] * 9))
            blank_run.clear()

    for week in weeks:
        in_week = [d for d in week if d in inside]
        if not any(d in shown for d in in_week):
            blank_run.extend(in_week)
            continue
        close_blank()
        total = sum(counts[d] for d in in_week if d in shown)
        full = [d for d in in_week if d in logged and d != today]
        mean = f"{sum(counts[d] for d in full) / len(full):.1f}" if full else ""
        rows.append((f"{week[0]:%d %b}", *(_cell(d) for d in week), str(total), mean))
    close_blank()
    return Table(
        ("week of", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "total", "a day"),
        rows,
    )
