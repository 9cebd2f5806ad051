"""Statistics against small diaries computed by hand, plus hypothesis properties."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from twitchtui import insights, stats
from twitchtui.model import SITES, DayLog, Settings, Twitch
from twitchtui.views import trend_data

from .conftest import TZ

D0 = date(2026, 11, 1)


def tw(day: int, hour: int = 10, **values) -> Twitch:
    return Twitch(at=datetime.combine(D0 + timedelta(days=day), time(hour), TZ), **values)


def test_per_day_and_moving_average() -> None:
    twitches = [tw(0), tw(0), tw(2), tw(3, hour=23)]
    assert stats.per_day(twitches, D0, D0 + timedelta(days=4)) == [2, 0, 1, 1, 0]
    assert stats.moving_average([2, 0, 1, 1, 0], window=2) == [2.0, 1.0, 0.5, 1.0, 0.5]
    assert stats.moving_average([7.0] * 10) == [7.0] * 10


def test_by_hour_site_side_and_first_seen() -> None:
    twitches = [tw(0, 8), tw(1, 8, site="eye", side="right"), tw(2, 21, side="both")]
    hours = stats.by_hour(twitches)
    assert (hours[8], hours[21], sum(hours)) == (2, 1, 3)
    table = stats.by_site_side(twitches)
    assert table["upper-lip"] == {"left": 1, "right": 0, "both": 1}
    assert table["eye"]["right"] == 1
    assert list(stats.first_seen(twitches)) == [
        ("upper-lip", "left"),
        ("eye", "right"),
        ("upper-lip", "both"),
    ]


def test_summary() -> None:
    twitches = [tw(0, intensity=1, duration_s=4), tw(0, intensity=5, duration_s=10), tw(3)]
    s = stats.summary(twitches, D0, D0 + timedelta(days=4))
    assert (s.count, s.days, s.days_with, s.free_days) == (3, 5, 2, 3)
    # The third twitch gave no intensity or duration: it is in the count, not the figures.
    assert s.mean_intensity == (1 + 5) / 2
    assert (s.median_duration, s.max_duration) == (7, 10)
    assert (s.intensity_given, s.duration_given) == (2, 2)
    assert s.per_day == 0.6


def test_summary_of_twitches_with_nothing_given() -> None:
    s = stats.summary([tw(0), tw(1)], D0, D0 + timedelta(days=1))
    assert s.count == 2
    assert (s.mean_intensity, s.max_intensity, s.median_duration, s.max_duration) == ((None,) * 4)
    assert (s.intensity_given, s.duration_given) == (0, 0)


def test_day_average_intensity_leaves_out_what_was_not_given() -> None:
    twitches = [tw(0, intensity=4), tw(0), tw(1)]
    data = trend_data(twitches, {}, Settings(), D0, D0 + timedelta(days=1))
    assert data.intensity == [4.0, None]


def coffee_day(day: int, late: bool) -> DayLog:
    cups = [datetime.combine(D0 + timedelta(days=day), time(15 if late else 9), TZ)]
    return DayLog(D0 + timedelta(days=day), water_ml=2000, coffees=tuple(cups))


def test_coffee_comparison_by_hand() -> None:
    # Late coffee on days 0-6 (4 twitches each); on time on days 7-13 (2, 2, 2, 2, 0, 0, 0).
    logs = {log.day: log for log in [coffee_day(d, d < 7) for d in range(14)]}
    twitches = [tw(d) for d in range(7) for _ in range(4)]
    twitches += [tw(d) for d in range(7, 11) for _ in range(2)]
    found = insights.insights(twitches, logs, Settings(), D0, D0 + timedelta(days=13))
    same_day = next(c for c in found if c.key == "coffee" and c.lag == 0)
    assert (same_day.with_days, same_day.without_days) == (7, 7)
    assert (same_day.with_avg, same_day.without_avg) == (4.0, 8 / 7)
    assert same_day.ratio == 3.5
    assert same_day.sentence() == (
        "On days you broke the coffee rule you logged 3.5× as many twitches (7 days vs 7 days)."
    )
    next_day = next(c for c in found if c.key == "coffee" and c.lag == 1)
    # days 0-6 are followed by days 1-7; days 7-12 by days 8-13; day 13 has no next day
    assert (next_day.with_days, next_day.without_days) == (7, 6)
    assert not next_day.enough
    assert "not enough data yet (7 days vs 6 days; 7 of each are needed)" in next_day.sentence()


def test_seven_days_on_each_side_at_the_edge() -> None:
    six = insights.Comparison("x", "you walked", 0, 6, 7, 3.0, 1.0)
    seven = insights.Comparison("x", "you walked", 0, 7, 7, 3.0, 1.0)
    assert not six.enough and six.ratio is None
    assert seven.enough and seven.ratio == 3.0


def test_days_with_nothing_logged_are_not_counted_as_kept_or_missed() -> None:
    # 14 days, each with a check-in only: no cup and no water recorded anywhere.
    logs = {D0 + timedelta(days=d): DayLog(D0 + timedelta(days=d), stress=2) for d in range(14)}
    found = insights.insights([tw(d) for d in range(14)], logs, Settings(), D0, D0 + timedelta(13))
    for key in ("coffee", "water"):
        c = next(c for c in found if c.key == key and c.lag == 0)
        assert (c.with_days, c.without_days) == (0, 0)


def test_fewer_twitches_and_about_the_same() -> None:
    fewer = insights.Comparison("x", "you walked", 0, 7, 7, 1.0, 1.3)
    same = insights.Comparison("x", "you walked", 0, 7, 7, 2.05, 2.0)
    assert "23% fewer twitches" in fewer.sentence()
    assert "×" not in fewer.sentence()
    assert "about as many twitches as on other days" in same.sentence()


def test_trigger_tags_are_counted_never_compared() -> None:
    """Random tags on independent data gave "1.8× as many" before: tags live on
    twitches, so busy days collect more of them. Now they are only counted."""
    import random

    rng = random.Random(7)
    twitches = [
        tw(d, triggers=("stress",) if rng.random() < 0.3 else ())
        for d in range(30)
        for _ in range(rng.randint(0, 8))
    ]
    found = insights.insights(twitches, {}, Settings(), D0, D0 + timedelta(days=29))
    assert not any(c.key.startswith("tag:") for c in found)
    line = insights.tag_shares(twitches)
    assert line is not None and line.startswith("Triggers you tagged: stress on ")
    assert "×" not in line


def test_day_level_exposures_from_the_check_in() -> None:
    logs = {}
    for d in range(14):
        day = D0 + timedelta(days=d)
        logs[day] = DayLog(day, alcohol=d < 7, nicotine=None, screen_h=8.0 if d % 2 else 1.0)
    twitches = [tw(d) for d in range(7) for _ in range(3)] + [tw(d) for d in range(7, 14)]
    found = insights.insights(twitches, logs, Settings(), D0, D0 + timedelta(days=13))
    alcohol = next(c for c in found if c.key == "alcohol" and c.lag == 0)
    assert (alcohol.with_days, alcohol.without_days, alcohol.ratio) == (7, 7, 3.0)
    nicotine = next(c for c in found if c.key == "nicotine" and c.lag == 0)
    assert (nicotine.with_days, nicotine.without_days) == (0, 0)  # never answered


def test_week_vs_week_uses_complete_days() -> None:
    # Today is day 14: the last full week is days 7-13, the one before days 0-6.
    twitches = [tw(13, intensity=4), tw(13, intensity=2), tw(5), tw(14), tw(14)]
    this, last = stats.week_vs_week(twitches, D0 + timedelta(days=14))
    assert (this.count, this.mean_intensity, this.free_days) == (2, 3.0, 6)
    assert (last.count, last.free_days) == (1, 6)
    assert stats.week_sentence(this, last).startswith("Last 7 full days: 2 twitches, intensity 3.0")


def test_association_line_stands_under_the_comparisons() -> None:
    logs = {log.day: log for log in [coffee_day(d, d < 7) for d in range(15)]}
    twitches = [tw(d) for d in range(7) for _ in range(4)] + [tw(d) for d in range(7, 15)]
    data = trend_data(twitches, logs, Settings(), D0, D0 + timedelta(days=14))
    assert insights.ASSOCIATION in data.insights
    assert any("coffee rule" in line and "×" in line for line in data.insights)


def test_habit_days() -> None:
    logs = {D0: coffee_day(0, late=True), D0 + timedelta(days=2): coffee_day(2, late=False)}
    habits = insights.habit_days(logs, Settings(), D0, D0 + timedelta(days=2))
    assert habits["coffee"] == [False, None, True]
    assert habits["water"] == [True, None, True]


def test_trend_data_marks_flagged_days() -> None:
    data = trend_data(
        [tw(1, intensity=2), tw(2, intensity=2)],
        {},
        Settings(),
        D0,
        D0 + timedelta(days=6),
        [D0 + timedelta(days=2), D0 - timedelta(days=30)],
    )
    assert data.flagged == [2]
    assert data.total == 2 and data.days == 7
    assert data.intensity[1] == 2.0 and data.intensity[0] is None


# ----------------------------------------------------------------- properties

twitch_st = st.builds(
    tw,
    st.integers(0, 40),
    st.integers(0, 23),
    site=st.sampled_from(SITES),
    intensity=st.integers(1, 5),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(twitch_st, max_size=80), st.integers(0, 40), st.integers(1, 40))
def test_counts_per_day_sum_to_the_total(twitches: list[Twitch], start: int, length: int) -> None:
    first = D0 + timedelta(days=start)
    last = first + timedelta(days=length - 1)
    inside = [t for t in twitches if first <= t.day() <= last]
    counts = stats.per_day(twitches, first, last)
    assert len(counts) == length
    assert sum(counts) == len(inside) == stats.summary(twitches, first, last).count
    assert sum(stats.by_hour(inside)) == len(inside)
    assert sum(sum(s.values()) for s in stats.by_site_side(inside).values()) == len(inside)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(0, 100), min_size=1, max_size=60))
def test_moving_average_stays_within_the_data(values: list[float]) -> None:
    for avg in stats.moving_average(values):
        assert min(values) - 1e-9 <= avg <= max(values) + 1e-9


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 365))
def test_an_empty_diary_gives_zeros_and_not_enough_data(days: int) -> None:
    last = D0 + timedelta(days=days - 1)
    data = trend_data([], {}, Settings(), D0, last)
    assert data.total == 0 and set(data.per_day) == {0} and set(data.hours) == {0}
    assert all(v is None for v in data.intensity)
    assert all(all(c is None for c in cells) for cells in data.habits.values())
    for c in insights.insights([], {}, Settings(), D0, last):
        assert not c.enough and "not enough data" in c.sentence()


def test_own_habits_join_the_strips_and_insights_from_their_first_tick() -> None:
    from twitchtui.model import Habit

    settings = Settings(habits=(Habit("walk", 1),))
    logs = {}
    for offset in range(30):
        day = D0 + timedelta(days=offset)
        walked = offset >= 10 and offset % 2 == 0  # began on day 10, every other day
        logs[day] = DayLog(day, water_ml=500, habits={"walk": 1} if walked else {})
    last = D0 + timedelta(days=29)
    strips = insights.habit_days(logs, settings, D0, last)
    walk = strips["habit:walk"]
    assert walk[:10] == [None] * 10  # not a habit yet: not "missed"
    assert walk[10:14] == [True, False, True, False]
    twitches = [tw(d) for d in range(30) if d % 2]  # twitches on the days without a walk
    found = {c.key: c for c in insights.insights(twitches, logs, settings, D0, last) if c.lag == 0}
    walk_days = found["habit:walk"]
    assert (walk_days.with_days, walk_days.without_days) == (10, 10)
    assert walk_days.with_avg == 1.0 and walk_days.without_avg == 0.0
    assert "your habit 'walk'" in walk_days.sentence()
