"""Hypothesis: any valid entry survives a trip through the store unchanged."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, time, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twitchtui.model import (
    ONSETS,
    RELIEF_KINDS,
    SIDES,
    SIGNS,
    SITES,
    TRIGGERS,
    DayLog,
    Experiment,
    Relief,
    Result,
    SelfCheck,
    Settings,
    Twitch,
)
from twitchtui.store import Store

from .conftest import NOW

zones = st.sampled_from([UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=9))])
moments = st.builds(
    lambda secs, tz: (NOW - timedelta(seconds=secs)).astimezone(tz),
    st.integers(0, 3 * 365 * 86400),
    zones,
)
tags = st.lists(
    st.one_of(st.sampled_from(TRIGGERS), st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)),
    max_size=4,
    unique=True,
)
twitches = st.builds(
    Twitch,
    at=moments,
    site=st.sampled_from(SITES),
    side=st.sampled_from(SIDES),
    intensity=st.integers(1, 5),
    duration_s=st.integers(0, 3600),
    note=st.text(max_size=40).map(str.strip),
    triggers=tags.map(tuple),
)
whole = moments.map(lambda m: m.replace(microsecond=0))
reliefs = st.builds(
    Relief,
    kind=st.sampled_from(list(RELIEF_KINDS)),
    started=whole,
    planned_s=st.integers(1, 4 * 3600),
    actual_s=st.integers(0, 4 * 3600),
    finished=st.booleans(),
)


def on_its_day(log: DayLog) -> DayLog:
    """Each self-check record at its time of day, on the day it is filed under."""
    moved = (
        replace(c, at=c.at.replace(year=log.day.year, month=log.day.month, day=log.day.day))
        for c in log.checks
    )
    return replace(log, checks=tuple(sorted(moved, key=lambda c: c.at)))


day_logs = st.builds(
    DayLog,
    # A relief session's id comes from its kind and start: two of a kind that
    # begin at the same instant are one session.
    relief=st.lists(reliefs, max_size=3, unique_by=lambda r: (r.kind, r.started)).map(
        lambda rs: tuple(sorted(rs, key=lambda r: r.started))
    ),
    snack_food=st.sampled_from(["", "almonds", "dark chocolate", "kiwi"]),
    self_checks=st.integers(0, 9),
    day=st.dates(min_value=NOW.date() - timedelta(days=900), max_value=NOW.date()),
    water_ml=st.integers(0, 5000),
    electrolytes=st.booleans(),
    coffees=st.lists(moments, max_size=3).map(lambda cs: tuple(sorted(cs))),
    snack=st.booleans(),
    bedtime=st.none() | st.times().map(lambda t: time(t.hour, t.minute)),
    stress=st.none() | st.integers(1, 5),
    sleep_h=st.none() | st.integers(0, 48).map(lambda n: n / 2),
    food=st.text(max_size=30).map(str.strip),
    checks=st.lists(
        st.builds(
            SelfCheck,
            at=whole,
            signs=st.dictionaries(
                st.sampled_from(list(SIGNS)), st.sampled_from(list(ONSETS)), max_size=4
            ),
            passed=st.lists(st.sampled_from(list(SIGNS)), max_size=2, unique=True).map(
                lambda p: tuple(k for k in SIGNS if k in p)
            ),
            seen=st.booleans(),
        ),
        max_size=3,
    ).map(lambda cs: tuple(sorted(cs, key=lambda c: c.at))),
).map(on_its_day)


results = st.builds(
    Result,
    unit=st.sampled_from(["waking hour", "logged day"]),
    before_twitches=st.integers(0, 500),
    before_units=st.integers(0, 200).map(lambda n: n / 4),
    during_twitches=st.integers(0, 500),
    during_units=st.integers(0, 200).map(lambda n: n / 4),
    enough=st.booleans(),
)
experiments = st.builds(
    lambda name, started, days, length, early, result: Experiment(
        name, started, days, started + timedelta(hours=length) if length else None, early, result
    ),
    st.text("abcdefgh -", min_size=1, max_size=20).map(lambda t: " ".join(t.split()) or "x"),
    whole,
    st.integers(1, 90),
    st.integers(0, 2000),
    st.booleans(),
    st.none() | results,
)


@contextmanager
def fresh_store() -> Iterator[Store]:
    """A new diary for one example, removed afterwards (hypothesis runs hundreds)."""
    with tempfile.TemporaryDirectory(prefix="twitchtui-prop-") as folder:
        yield Store.open(Path(folder) / "d.json", now=lambda: NOW)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(twitches, max_size=8, unique_by=lambda t: t.id))
def test_twitches_round_trip(items: list[Twitch]) -> None:
    with fresh_store() as store:
        for item in items:
            store.log_twitch(item)
        reopened = Store.open(store.path, now=lambda: NOW)
        got = sorted(reopened.twitches(), key=lambda t: t.id)
        want = sorted((t.validated(NOW) for t in items), key=lambda t: t.id)
        assert got == want
        assert [t.at for t in reopened.twitches()] == sorted(t.at for t in items)


@settings(max_examples=60, deadline=None)
@given(day_logs)
def test_day_logs_round_trip(log: DayLog) -> None:
    with fresh_store() as store:
        saved = store.update_day(log.day, lambda _: log)
        assert Store.open(store.path, now=lambda: NOW).day_log(log.day) == saved == log.validated()


@settings(max_examples=40, deadline=None)
@given(
    st.builds(
        Settings,
        water_target_ml=st.integers(250, 10_000),
        glass_ml=st.integers(50, 2000),
        coffee_limit=st.integers(0, 10),
        coffee_cutoff_hour=st.integers(0, 23),
        usual_bedtime=st.times().map(lambda t: time(t.hour, t.minute)),
        bed_earlier_min=st.integers(0, 240),
        day_start_hour=st.integers(0, 6),
        default_site=st.sampled_from(SITES),
        chart_days=st.sampled_from([7, 14, 30, 90, 365]),
        compress_minutes=st.integers(1, 60),
        pmr_rounds=st.integers(1, 20),
        experiment=st.none() | experiments,
        tried=st.lists(experiments, max_size=3).map(tuple),
    )
)
def test_settings_round_trip(chosen: Settings) -> None:
    with fresh_store() as store:
        store.save_settings(chosen)
        assert Store.open(store.path, now=lambda: NOW).settings() == chosen


@settings(max_examples=40, deadline=None)
@given(st.lists(twitches, min_size=1, max_size=10, unique_by=lambda t: t.id), st.data())
def test_day_ranges_partition_the_diary(items: list[Twitch], data) -> None:
    """Asking day by day finds every twitch exactly once, whatever the day-start hour."""
    with fresh_store() as store:
        store.save_settings(Settings(day_start_hour=data.draw(st.integers(0, 6))))
        store.merge(items)
        everything = store.twitches()
        first = min(t.day(store.settings().day_start_hour) for t in everything)
        last = max(t.day(store.settings().day_start_hour) for t in everything)
        found = []
        day = first
        while day <= last:
            found.extend(store.twitches(day, day))
            day += timedelta(days=1)
        assert sorted(t.id for t in found) == sorted(t.id for t in everything)


recent_moments = st.builds(
    lambda minutes, tz: (NOW - timedelta(minutes=minutes)).astimezone(tz),
    st.integers(0, 150 * 24 * 60),
    zones,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.builds(replace, twitches, at=recent_moments),
        min_size=1,
        max_size=25,
        unique_by=lambda t: t.id,
    ),
    st.integers(0, 6),
    st.dates(NOW.date() - timedelta(days=160), NOW.date()),
    st.integers(0, 120),
)
def test_any_range_finds_exactly_the_twitches_of_its_days(
    items: list[Twitch], day_start: int, first: date, length: int
) -> None:
    """Months wholly inside a range are taken whole; that must agree with day by day."""
    with fresh_store() as store:
        store.save_settings(Settings(day_start_hour=day_start))
        store.merge(items)
        last = first + timedelta(days=length)
        got = store.twitches(first, last)
        expected = [t for t in items if first <= t.day(day_start) <= last]
        assert sorted(t.id for t in got) == sorted(t.id for t in expected)
        assert [t.at for t in got] == sorted(t.at for t in expected)


@given(day_logs, st.booleans(), st.booleans())
def test_is_empty_is_a_blank_day_but_relief_and_self_checks_opened(
    log: DayLog, blank: bool, opened: bool
) -> None:
    """``is_empty`` compares field by field (it is asked of every day of a
    year's chart): the same answer as the blank day it stands for."""
    if blank:
        log = DayLog(log.day, relief=log.relief, self_checks=log.self_checks)
    if opened:
        log = replace(log, self_checks=log.self_checks + 1)
    assert log.is_empty == (replace(log, relief=(), self_checks=0) == DayLog(log.day))
