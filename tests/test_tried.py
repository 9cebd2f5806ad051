"""What was tried: the stimulant pause's and an experiment's before/during
comparison, their "not enough data" edges, and the two hours around a relief
session. Pure; no Textual, no files."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twitchtui.model import PAUSE, DayLog, Experiment, Relief, Settings, Twitch
from twitchtui.tried import (
    MIN_TWITCHES,
    MIN_WAKING_HOURS,
    experiment_days,
    experiment_result,
    finish,
    pause_result,
    relief_sentences,
    result_sentence,
    waking_hours,
)

from .conftest import TZ

SETTINGS = Settings(usual_bedtime=time(23, 0))
START = datetime(2026, 11, 10, 9, 0, tzinfo=TZ)


def every(first: datetime, last: datetime, hours: float) -> list[Twitch]:
    """A twitch every ``hours`` from ``first`` up to (not at) ``last``."""
    out, at = [], first
    while at < last:
        out.append(Twitch(at=at))
        at += timedelta(hours=hours)
    return out


def logged(first: date, last: date) -> dict[date, DayLog]:
    """Each day from first to last with a glass of water logged."""
    days = (last - first).days + 1
    return {
        first + timedelta(days=i): DayLog(first + timedelta(days=i), water_ml=250)
        for i in range(days)
    }


def test_waking_hours_leave_out_the_nights_and_the_days_not_logged() -> None:
    logs = logged(date(2026, 11, 10), date(2026, 11, 10))
    days = {date(2026, 11, 10)}
    # 09:00 to 09:00 next day: awake until 23:00 (14 h), asleep to 07:00, then
    # 07:00-09:00 on the 11th, which has nothing logged.
    assert waking_hours(START, START + timedelta(days=1), logs, SETTINGS, days) == 14
    days.add(date(2026, 11, 11))
    assert waking_hours(START, START + timedelta(days=1), logs, SETTINGS, days) == 16


def test_a_logged_bedtime_moves_that_night() -> None:
    logs = {date(2026, 11, 10): DayLog(date(2026, 11, 10), bedtime=time(21, 0))}
    hours = waking_hours(START, START + timedelta(hours=15), logs, SETTINGS, {START.date()})
    assert hours == 12  # 09:00-21:00, not to 23:00


def test_a_pause_with_fewer_twitches_during_shows_the_rate_and_counts() -> None:
    before = every(START - timedelta(hours=48), START, 1.5)  # 32 twitches
    during = every(START, START + timedelta(hours=48), 4)  # 12 twitches
    logs = logged(date(2026, 11, 7), date(2026, 11, 13))
    result = pause_result(before + during, logs, SETTINGS, START, START + timedelta(hours=48))
    assert (result.before_twitches, result.during_twitches) == (32, 12)
    assert result.before_units == result.during_units == 32  # 2 × 16 waking hours
    assert result.enough
    assert result.during_rate < result.before_rate


@pytest.mark.parametrize(
    ("during_every", "enough"),
    [(48 / MIN_TWITCHES, True), (48 / (MIN_TWITCHES - 1), False)],
)
def test_a_side_under_ten_twitches_is_not_enough(during_every: float, enough: bool) -> None:
    before = every(START - timedelta(hours=48), START, 1)
    during = every(START, START + timedelta(hours=48), during_every)
    logs = logged(date(2026, 11, 7), date(2026, 11, 13))
    result = pause_result(before + during, logs, SETTINGS, START, START + timedelta(hours=48))
    assert result.enough is enough


def test_a_pause_stopped_early_compares_as_long_before_and_needs_24_waking_hours() -> None:
    twitches = every(START - timedelta(hours=48), START + timedelta(hours=48), 0.5)
    logs = logged(date(2026, 11, 7), date(2026, 11, 13))
    short = pause_result(twitches, logs, SETTINGS, START, START + timedelta(hours=14))
    assert short.during_units == 14  # 09:00-23:00
    assert short.before_units == 6  # 19:00-23:00 and 07:00-09:00 the night before
    assert not short.enough  # plenty of twitches, too few waking hours
    long = pause_result(twitches, logs, SETTINGS, START, START + timedelta(hours=40))
    assert long.during_units >= 24 and long.before_units >= 24 and long.enough


def test_days_with_nothing_logged_do_not_count_as_waking_hours() -> None:
    before = every(START - timedelta(hours=48), START, 1)
    logs = logged(date(2026, 11, 8), date(2026, 11, 9))  # nothing after the pause began
    result = pause_result(before, logs, SETTINGS, START, START + timedelta(hours=48))
    # The day it began counts (twitches were logged that morning); the next
    # day, with nothing logged, does not.
    assert result.during_units == 14 and not result.enough
    assert "not enough data" in result_sentence(
        Experiment(PAUSE, START, 2, ended=START + timedelta(hours=48), result=result)
    )


MIDNIGHT = START.replace(hour=0)


def experiment(days: int, ended: datetime | None = None) -> Experiment:
    return Experiment("Bed an hour earlier", MIDNIGHT, days, ended=ended)


def test_an_experiment_compares_its_days_with_as_many_days_before() -> None:
    twitches = every(MIDNIGHT - timedelta(days=7), MIDNIGHT, 24 / 6)  # 6 a day before
    twitches += every(MIDNIGHT, MIDNIGHT + timedelta(days=7), 24 / 3)  # 3 a day during
    logs = logged(date(2026, 11, 1), date(2026, 11, 20))
    result = experiment_result(twitches, logs, SETTINGS, experiment(7))
    assert (result.before_units, result.during_units) == (7, 7)
    assert (result.before_twitches, result.during_twitches) == (42, 21)
    assert result.enough
    line = result_sentence(
        finish(
            experiment(7),
            MIDNIGHT + timedelta(days=7),
            twitches,
            logs,
            SETTINGS,
            stopped_early=False,
        )
    )
    assert "50% fewer twitches per logged day" in line
    assert "21 twitches in 7 logged days during, 42 twitches in 7 logged days before" in line


def test_an_experiment_stopped_early_counts_only_the_days_it_ran() -> None:
    stopped = experiment(14, ended=MIDNIGHT + timedelta(days=4, hours=3))
    assert len(experiment_days(stopped, 0)) == 4  # the day it stopped is not a full day
    assert len(experiment_days(experiment(14, ended=MIDNIGHT + timedelta(hours=2)), 0)) == 1


def test_an_experiment_needs_half_its_days_logged_on_each_side() -> None:
    twitches = every(MIDNIGHT - timedelta(days=4), MIDNIGHT + timedelta(days=10), 2)
    # Of the 10 days before, only the last 4 have anything logged.
    logs = logged(date(2026, 11, 1), date(2026, 11, 25))
    logs = {d: log for d, log in logs.items() if d >= date(2026, 11, 6)}
    result = experiment_result(twitches, logs, SETTINGS, experiment(10))
    assert result.before_units == 4 and not result.enough
    logs.update(logged(date(2026, 11, 5), date(2026, 11, 5)))  # 5 of 10: half
    assert experiment_result(twitches, logs, SETTINGS, experiment(10)).enough


def relief_at(at: datetime, kind: str = "warm-compress") -> Relief:
    return Relief(kind, at, 600, 600)


def test_relief_insight_counts_the_two_hours_either_side() -> None:
    sessions = [relief_at(START + timedelta(days=i)) for i in range(7)]
    twitches = []
    for s in sessions:  # 3 twitches in the two hours before, 1 after the end
        twitches += [Twitch(at=s.started - timedelta(minutes=m)) for m in (10, 50, 110)]
        twitches.append(Twitch(at=s.started + timedelta(minutes=40)))
        twitches.append(Twitch(at=s.started + timedelta(hours=3)))  # outside both
    logs = {s.started.date(): DayLog(s.started.date(), relief=(s,)) for s in sessions}
    now = START + timedelta(days=10)
    (line,) = relief_sentences(twitches, logs, now)
    assert line == (
        "In the 2 hours after a warm compress you logged 7 twitches, "
        "against 21 in the 2 hours before (7 sessions)."
    )


def test_relief_insight_waits_for_seven_sessions_and_their_two_hours() -> None:
    sessions = [relief_at(START + timedelta(days=i)) for i in range(7)]
    logs = {s.started.date(): DayLog(s.started.date(), relief=(s,)) for s in sessions}
    # The last session's two hours after are not over yet: 6 count.
    now = sessions[-1].started + timedelta(minutes=10 + 119)
    (line,) = relief_sentences([], logs, now)
    assert "not enough data yet (6 sessions; 7 are needed)" in line


@given(st.lists(st.integers(0, 96 * 4 - 1), max_size=120), st.integers(1, 48))
def test_a_pause_result_counts_each_side_and_says_enough_only_past_both_minimums(
    quarters: list[int], hours: int
) -> None:
    twitches = [Twitch(at=START - timedelta(hours=48, minutes=-15 * q)) for q in quarters]
    ended = START + timedelta(hours=hours)
    logs = logged(date(2026, 11, 7), date(2026, 11, 13))
    result = pause_result(twitches, logs, SETTINGS, START, ended)
    before = sum(1 for t in twitches if START - (ended - START) <= t.at < START)
    during = sum(1 for t in twitches if START <= t.at < ended)
    assert (result.before_twitches, result.during_twitches) == (before, during)
    assert 0 <= result.during_units <= hours and 0 <= result.before_units <= hours
    assert result.enough == (
        min(before, during) >= MIN_TWITCHES
        and min(result.before_units, result.during_units) >= MIN_WAKING_HOURS
    )
