"""The small numbers and labels: glasses, axis ticks, the sparkline caption,
the twitch-free line and the stimulant pause, each at its edges."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from twitchtui.checklist import pause_state
from twitchtui.humanize import clock, glasses, hours_caption, int_ticks, plural
from twitchtui.insights import Comparison
from twitchtui.model import DayLog, Settings, Twitch
from twitchtui.views import Today

from .conftest import NOW, TZ


def test_glasses_never_show_long_fractions() -> None:
    assert glasses(2000, 300) == "6.7 glasses"
    assert glasses(250, 250) == "1 glass"
    assert glasses(0, 250) == "0 glasses"
    assert glasses(2000, 250) == "8 glasses"
    assert glasses(500, 200) == "2.5 glasses"


def test_clock_is_a_time_of_day() -> None:
    assert (clock(4), clock(0), clock(23)) == ("04:00", "00:00", "23:00")


@given(
    st.floats(min_value=0, max_value=10_000, allow_nan=False),
    st.integers(2, 8),
    st.none() | st.integers(2, 60),
)
def test_int_ticks_are_whole_even_and_cover_the_peak(
    peak: float, most: int, rows: int | None
) -> None:
    ticks = int_ticks(peak, most, rows)
    if rows is not None:  # each gap spans the same number of rows on screen
        assert (rows - 1) % (len(ticks) - 1) == 0
    assert ticks[0] == 0 and ticks[-1] >= peak
    assert all(isinstance(t, int) for t in ticks)
    steps = {b - a for a, b in pairwise(ticks)}
    assert len(steps) == 1 and steps.pop() > 0  # evenly spaced
    assert len(ticks) <= most + 1


def test_int_ticks_examples() -> None:
    assert int_ticks(4.6) == [0, 1, 2, 3, 4, 5]
    assert int_ticks(37) == [0, 10, 20, 30, 40]
    assert int_ticks(0) == [0, 1]


def test_hours_caption_names_a_count_and_a_time() -> None:
    hourly = [0] * 24
    hourly[-1] = 4  # the hour ending now (14:30)
    assert hours_caption(hourly, NOW) == "24 h by hour · peak 4 twitches around 14:00"
    hourly[0] = 4  # the same count 23 hours ago: the latest peak is named
    assert "around 14:00" in hours_caption(hourly, NOW)
    assert hours_caption([0] * 24, NOW).endswith("none")


def test_plural_in_insight_counts() -> None:
    line = Comparison("coffee", "with coffee", 0, 1, 5, 2.0, 1.0).sentence()
    assert "1 day vs 5 days" in line and "1 days" not in line
    assert plural(1, "day") == "1 day"


def _today(now: datetime, last: Twitch | None, start: int = 0, **extra) -> Today:
    settings = Settings(day_start_hour=start)
    day = (now - timedelta(hours=start)).date()
    return Today(
        now=now,
        day=day,
        settings=settings,
        twitches=(),
        last=last,
        hourly=(0,) * 24,
        shown_day=extra.pop("shown_day", day),
        shown_log=DayLog(day),
        fingerprint=(),
        **extra,
    )


def test_rollover_does_not_claim_a_twitch_free_day() -> None:
    """Day start 03:00: a twitch at 02:59, seen at 03:00, is yesterday's but a
    whole twitch-free day has not passed."""
    now = datetime(2026, 11, 18, 3, 0, tzinfo=TZ)
    last = Twitch(at=now - timedelta(minutes=1))
    today = _today(now, last, start=3)
    assert today.free_days == 0
    assert today.free_since == "None yet today; the last was yesterday 02:59"


def test_whole_twitch_free_days_are_counted() -> None:
    last = Twitch(at=NOW - timedelta(days=3))
    today = _today(NOW, last)
    assert today.free_days == 2
    assert today.free_since.endswith("(2 twitch-free days)")
    assert _today(NOW, Twitch(at=NOW)).free_since == ""


def test_days_with_nothing_recorded_are_no_diary_not_twitch_free() -> None:
    last = Twitch(at=NOW - timedelta(days=3))
    today = replace(_today(NOW, last), logged_since_last=1)
    assert today.free_days == 1
    assert today.free_since.endswith("(1 twitch-free day; 1 day no diary)")
    nothing = replace(_today(NOW, last), logged_since_last=0)
    assert nothing.free_days == 0
    assert nothing.free_since.endswith("(2 days no diary)")


def test_a_pause_begun_today_is_not_on_yesterdays_checklist() -> None:
    from twitchtui.widgets.checklist import ChecklistPane

    pause = pause_state(NOW, [], NOW)
    shown_today = _today(NOW, None, pause=pause)
    yesterday = _today(NOW, None, pause=pause, shown_day=NOW.date() - timedelta(days=1))
    assert ChecklistPane._pause_covers(shown_today)
    assert not ChecklistPane._pause_covers(yesterday)


def test_past_days_do_not_say_yet() -> None:
    from twitchtui.checklist import items, own_items
    from twitchtui.model import Habit

    log = DayLog(date(2026, 11, 1), bedtime=time(23, 0))
    settings = Settings(habits=(Habit("walk"),))
    text = " ".join(i.detail for i in items(log, settings, past=True))
    text += " " + " ".join(i.detail for i in own_items(log, settings, past=True))
    assert "yet" not in text and "not done" in text
