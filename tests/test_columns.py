"""The trend charts read a month file at a time (``columns``): the same
figures as the whole range's twitches held at once, and never a year of
twitches parsed together."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twitchtui import insights, stats, tried
from twitchtui.columns import Columns, RangeTotals
from twitchtui.model import SIDES, SITES, DayLog, Relief, Settings, Twitch, days_between, diary_day
from twitchtui.stats import RANGES, TrendData
from twitchtui.store import Store
from twitchtui.views import load_trends, trend_data

from .conftest import NOW

SPAN = 420
"""Days back the generated diaries reach: past a year's chart and its month edges."""

BUSY = st.sampled_from([3, 4, 40, 200, 364, 365])
"""Days that gather twitches and relief sessions (the edges of the ranges among them)."""
AROUND = st.sampled_from([600, 660, 719, 720, 840])
"""Minutes of the day near one another: twitches around a relief session."""
zones = st.sampled_from([UTC, NOW.tzinfo, timezone(timedelta(hours=-9, minutes=-30))])
twitches = st.builds(
    lambda back, minute, zone, site, side, intensity, tags: Twitch(
        at=(NOW - timedelta(days=back, minutes=minute)).astimezone(zone),
        site=site,
        side=side,
        intensity=intensity,
        triggers=tags,
    ),
    st.integers(0, SPAN) | BUSY,
    st.integers(0, 24 * 60 - 1) | AROUND,
    zones,
    st.sampled_from(SITES),
    st.sampled_from(SIDES),
    st.none() | st.integers(1, 5),
    st.sampled_from([(), ("coffee",), ("stress", "screen")]),
)
logs = st.builds(
    lambda back, water, relief_minute: DayLog(
        NOW.date() - timedelta(days=back),
        water_ml=water,
        relief=()
        if relief_minute is None
        else (
            Relief(
                "pmr",
                (NOW - timedelta(days=back)).replace(hour=0, minute=0, second=0, microsecond=0)
                + timedelta(minutes=relief_minute),
                600,
                600,
            ),
        ),
    ),
    st.integers(1, SPAN) | BUSY,
    st.sampled_from([0, 500, 2500]),
    st.none() | st.integers(0, 24 * 60 - 1) | AROUND,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(twitches, max_size=80),
    st.lists(logs, max_size=16, unique_by=lambda log: log.day),
    st.integers(0, 6),
)
def test_a_chart_read_a_month_at_a_time_is_the_chart_of_the_whole_range(
    items: list[Twitch], days: list[DayLog], day_start_hour: int
) -> None:
    """Every range, every time zone and day-start hour: the month-at-a-time
    read (``load_trends``) and the range's twitches held together
    (``trend_data``) give what counting the twitches as objects gives,
    insights included."""
    with tempfile.TemporaryDirectory(prefix="twitchtui-columns-") as folder:
        store = Store.open(Path(folder) / "d.json", now=lambda: NOW)
        store.merge(items, days)
        store.save_settings(Settings(day_start_hour=day_start_hour))
        today = diary_day(NOW, day_start_hour)
        for length in RANGES:
            first = today - timedelta(days=length - 1)
            args = (store.twitches(first, today), store.day_logs(first, today), store.settings())
            began = store.first_diary_day(since=first)
            # This week against the last reads the last 15 days, whatever the range.
            wide = min(first, today - timedelta(days=14))
            recent = (store.twitches(wide, today), store.day_logs(wide, today))
            expected = reference(*args, first, today, began, recent)
            got = trend_data(
                recent[0], *args[1:], first, today, now=NOW, began=began, recent_logs=recent[1]
            )
            assert got == expected
            assert load_trends(store, length) == expected


def reference(
    twitches: list[Twitch],
    logs: dict[date, DayLog],
    settings: Settings,
    first: date,
    last: date,
    began: date | None,
    recent: tuple[list[Twitch], dict[date, DayLog]],
) -> TrendData:
    """The charts' data counted from the twitches as objects, with the
    ``stats``, ``insights`` and ``tried`` functions that take them (how
    ``trend_data`` counted before the columns); ``recent``: the twitches and
    logs of the last 15 days, for this week against the last."""
    since_began = began is not None and first < began
    if began is not None and since_began:
        first = min(began, last)
    h = settings.day_start_hour
    inside = [t for t in twitches if first <= t.day(h) <= last]
    logged = stats.diary_days(inside, {d: log for d, log in logs.items() if first <= d <= last}, h)
    counts = stats.per_day(inside, first, last, h)
    sums: dict[date, list[int]] = {}
    for t in inside:
        if t.intensity is not None:
            sums.setdefault(t.day(h), []).append(t.intensity)
    days = list(days_between(first, last))
    diary = [day in logged for day in days]
    since = last - timedelta(days=14)
    week = [t for t in recent[0] if since <= t.day(h) <= last]
    week_logs = {d: log for d, log in recent[1].items() if since <= d <= last}
    week_logged = stats.diary_days(week, week_logs, h)
    sentences = [stats.week_sentence(*stats.week_vs_week(week, last, h, week_logged))]
    sentences += tried.tried_sentences(inside, logs, settings, NOW)
    sentences += insights.insight_sentences(inside, logs, settings, first, last, logged)
    if sentences.count(insights.ASSOCIATION) > 1:
        sentences = [s for s in sentences if s != insights.ASSOCIATION] + [insights.ASSOCIATION]
    return TrendData(
        first=first,
        last=last,
        per_day=counts,
        average=stats.diary_average(counts, diary),
        diary=diary,
        since_began=since_began,
        flagged=[],
        hours=stats.by_hour(inside),
        sites=stats.by_site_side(inside),
        intensity=[sum(v) / len(v) if (v := sums.get(d)) else None for d in days],
        habits=insights.habit_days(logs, settings, first, last),
        insights=sentences,
    )


def test_a_years_chart_holds_at_most_the_bound_of_months_parsed(tmp_path: Path) -> None:
    """A year's chart parses its months one at a time and lets them go:
    the parsed months held stay within ``Months.bound`` (the dashboard once
    kept a year of twitches as objects while the chart was shown)."""
    store = Store.open(tmp_path / "d.json", now=lambda: NOW)
    store.merge([Twitch(at=NOW - timedelta(days=d, hours=h)) for d in range(800) for h in (1, 5)])
    reopened = Store.open(store.path, now=lambda: NOW)
    data = load_trends(reopened, 365)
    assert data.total == 730
    shards = reopened.cache.shards
    assert len(shards) <= shards.bound < 13
    assert len(reopened.cache.columns) == 13


def test_a_write_reads_again_only_the_month_written(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d.json", now=lambda: NOW)
    store.merge([Twitch(at=NOW - timedelta(days=d)) for d in range(1, 400, 2)])
    before = load_trends(store, 365)
    months = {month: id(columns) for month, columns in _columns(store)}
    store.log_twitch(Twitch(at=NOW))
    after = load_trends(store, 365)
    assert after.total == before.total + 1
    changed = [month for month, columns in _columns(store) if id(columns) != months[month]]
    assert changed == [f"{NOW:%Y-%m}"]


def test_a_new_day_start_hour_counts_the_months_again(tmp_path: Path) -> None:
    """The columns hold diary days: counted with another day-start hour, a
    twitch at 02:00 belongs to the day before."""
    store = Store.open(tmp_path / "d.json", now=lambda: NOW)
    early = NOW.replace(hour=2, minute=0) - timedelta(days=3)
    store.log_twitch(Twitch(at=early))
    day = load_trends(store, 7)
    assert day.per_day[day.days - 4] == 1
    store.save_settings(Settings(day_start_hour=4))
    night = load_trends(store, 7)
    assert night.per_day[night.days - 5] == 1


def _columns(store: Store) -> list[tuple[str, Columns]]:
    held = store.cache.columns._held
    return [(month, entry[1]) for month, entry in held.items()]


def test_totals_leave_out_what_twitchtui_does_not_accept() -> None:
    """A twitch a file held with an unknown place or an intensity outside 1
    to 5 is counted as a twitch, but not placed and not averaged (the
    readers leave such entries out before; the charts do not fail on one)."""
    odd = [
        Twitch(at=NOW, site="elbow", intensity=9),
        Twitch(at=NOW, site=SITES[0], side=SIDES[0], intensity=3),
    ]
    totals = RangeTotals(NOW.date(), NOW.date())
    totals.add(Columns(odd, 0))
    assert totals.count == 2
    assert sum(sum(sides.values()) for sides in totals.sites.values()) == 1
    assert totals.strengths == {NOW.date(): (3, 1)}


@pytest.mark.parametrize(
    ("offset", "inside"),
    [
        (-timedelta(hours=2, microseconds=1), False),
        (-timedelta(hours=2), True),
        (-timedelta(microseconds=1), True),
        (timedelta(0), False),
    ],
)
def test_relief_counts_are_the_twitches_in_each_window(offset: timedelta, inside: bool) -> None:
    """``RangeTotals.between`` counts as ``tried`` does: from the first
    moment, up to but not including the last, whatever the time zone."""
    at = NOW.replace(minute=0, second=0, microsecond=0)
    totals = RangeTotals(date.min, date.max)
    totals.add(Columns([Twitch(at=(at + offset).astimezone(UTC))], 4))
    assert totals.between(at - timedelta(hours=2), at) == int(inside)


def test_this_week_against_the_last_is_the_same_at_every_range(tmp_path: Path) -> None:
    """A new user's review: at 7 days the line said the week before had "no
    diary", at 14 it counted part of it; the export said otherwise. The
    weeks are the last 14 full days, whatever the chart shows."""
    store = Store.open(tmp_path / "d.json", now=lambda: NOW)
    store.merge(
        [Twitch(at=NOW - timedelta(days=back, hours=1)) for back in range(1, 21) for _ in (0, 1)],
        [DayLog(NOW.date() - timedelta(days=10), water_ml=500)],
    )
    lines = {days: load_trends(store, days).insights[0] for days in (7, 14, 30, 90)}
    assert len(set(lines.values())) == 1, lines
    assert "Last 7 full days: 14 twitches" in lines[7] and "The 7 before: 14 twitches" in lines[7]


def test_relief_lines_over_a_year_count_the_twitches_around_each_session(tmp_path: Path) -> None:
    """Ten sessions across the year, twitches before and after each (some
    across midnight and a month's end): the year's chart says what counting
    the twitches as objects says."""
    store = Store.open(tmp_path / "d.json", now=lambda: NOW)
    sessions = [
        (NOW - timedelta(days=back)).replace(hour=23, minute=30, second=0, microsecond=0)
        for back in range(5, 360, 36)
    ]
    near = [
        Twitch(at=start + timedelta(minutes=minutes))
        for i, start in enumerate(sessions)
        for minutes in range(-110 - i, 140, 25 + i)
    ]
    logs = [DayLog(start.date(), relief=(Relief("pmr", start, 600, 600),)) for start in sessions]
    store.merge(near, logs)
    today = NOW.date()
    first = today - timedelta(days=364)
    args = (store.twitches(first, today), store.day_logs(first, today), store.settings())
    expected = reference(*args, first, today, store.first_diary_day(since=first), args[:2])
    assert any("2 hours after a" in line for line in expected.insights)
    assert load_trends(store, 365) == expected


def test_relief_counts_hold_across_months_whose_instants_overlap() -> None:
    """A month file is by local date: one twitch filed under December (just
    after midnight, far east) can be earlier than one under November (late
    evening, far west). The counts stay right whatever order they come in."""
    east, west = timezone(timedelta(hours=14)), timezone(timedelta(hours=-9, minutes=-30))
    december = Twitch(at=datetime(2026, 12, 1, 0, 30, tzinfo=east))  # 30 Nov 10:30 UTC
    november = Twitch(at=datetime(2026, 11, 30, 23, 0, tzinfo=west))  # 1 Dec 08:30 UTC
    totals = RangeTotals(date.min, date.max)
    totals.add(Columns([november], 0))
    totals.add(Columns([december], 0))
    start = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    assert totals.between(start, start + timedelta(hours=2)) == 1  # december's
    assert totals.between(start, start + timedelta(hours=24)) == 2
