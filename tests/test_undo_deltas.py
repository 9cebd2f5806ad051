"""Undo and redo touch only their own change (issue: never undo someone else's entry).

Each test runs the real dashboard under Pilot and writes to the same diary
from real ``twitchtui`` processes in between, as the README's all-day workflow
does (a dashboard open, ``twitchtui water`` behind a hotkey).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from twitchtui.app import TwitchApp
from twitchtui.model import DayLog, Settings
from twitchtui.ops import EditTwitch, SaveSettings, SetDayFields
from twitchtui.store import Store

from .conftest import NOW, TZ, Clock, run_twitchtui
from .test_app import dashboard, make_app, settle, until

DAY = NOW.date()


def cli(db: Path, *args: str) -> str:
    """Run ``twitchtui`` as its own process, on the tests' clock."""
    done = run_twitchtui(*args, "--db", str(db))
    assert done.returncode == 0, done.stderr
    return done.stdout


def at(hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.combine(DAY, time(hours, minutes), tzinfo=TZ)


def day(db: Path, clock: Clock) -> DayLog:
    return Store.open(db, now=clock).day_log(DAY)


def messages(app: TwitchApp) -> list[str]:
    return [n.message for n in app._notifications]


def settings_shown(app: TwitchApp) -> Settings:
    today = dashboard(app).today
    assert today is not None
    return today.settings


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


# ---------------------------------------------------------------- checklist


async def test_undo_water_keeps_glasses_added_from_a_shell(db_path: Path, clock: Clock) -> None:
    """The issue's own steps: w, then `water +2`, `coffee`, `snack` from a shell, then u."""
    cli(db_path, "water", "+4")  # 1000 ml before the dashboard opens
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "w")
        assert day(db_path, clock).water_ml == 1250
        cli(db_path, "water", "+2")
        cli(db_path, "coffee")
        cli(db_path, "snack")
        await press(pilot, "u")
        log = day(db_path, clock)
        assert (log.water_ml, len(log.coffees), log.snack) == (1500, 1, True)
        assert "Undone: +250 ml water." in messages(app)
        await press(pilot, "ctrl+y")
        assert day(db_path, clock).water_ml == 1750
        assert "Redone: +250 ml water." in messages(app)


async def test_undo_of_taking_water_off_gives_back_only_that_glass(
    db_path: Path, clock: Clock
) -> None:
    cli(db_path, "water", "+4")
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "W")
        cli(db_path, "water", "+1")
        await press(pilot, "u")
        assert day(db_path, clock).water_ml == 1250
        await press(pilot, "ctrl+y")
        assert day(db_path, clock).water_ml == 1000


async def test_undo_water_refuses_when_the_water_was_taken_off_elsewhere(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "w")
        cli(db_path, "water", "-1")  # the glass is gone already
        cli(db_path, "coffee")
        await press(pilot, "u")
        log = day(db_path, clock)
        assert (log.water_ml, len(log.coffees)) == (0, 1)
        assert any(m.startswith("Could not undo +250 ml water") for m in messages(app))
        await press(pilot, "ctrl+y")  # a refused undo leaves nothing to redo
        assert "Nothing to redo." in messages(app)


@pytest.mark.parametrize(
    ("keys", "field"), [(("s", "1"), "snack"), (("e",), "electrolytes")], ids=["snack", "e"]
)
async def test_undo_of_a_tick_keeps_other_edits(
    db_path: Path, clock: Clock, keys: tuple[str, ...], field: str
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, *keys)
        cli(db_path, "water", "+1")
        cli(db_path, "coffee")
        await press(pilot, "u")
        log = day(db_path, clock)
        assert (getattr(log, field), log.water_ml, len(log.coffees)) == (False, 250, 1)
        await press(pilot, "ctrl+y")
        log = day(db_path, clock)
        assert (getattr(log, field), log.water_ml, len(log.coffees)) == (True, 250, 1)


async def test_undo_of_a_tick_refuses_when_it_was_unticked_elsewhere(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "s", "1")  # almonds
        cli(db_path, "snack", "--undo")
        cli(db_path, "snack", "--food", "almonds")  # ticked again elsewhere: as our undo expects
        await press(pilot, "u")
        assert day(db_path, clock).snack is False
        await press(pilot, "ctrl+y")
        cli(db_path, "snack", "--undo")
        await press(pilot, "u")
        assert day(db_path, clock).snack is False
        assert any(m.startswith("Could not undo snack: almonds") for m in messages(app))


async def test_undo_coffee_removes_only_its_own_cup(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "c")
        cli(db_path, "coffee", "--at", at("09:00").isoformat())
        await press(pilot, "u")
        assert day(db_path, clock).coffees == (at("09:00"),)
        await press(pilot, "ctrl+y")
        assert day(db_path, clock).coffees == (at("09:00"), at("14:30"))


async def test_undo_removing_a_coffee_puts_back_that_cup(db_path: Path, clock: Clock) -> None:
    cli(db_path, "coffee", "--at", at("08:00").isoformat())
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "C")
        assert day(db_path, clock).coffees == ()
        cli(db_path, "coffee", "--at", at("10:00").isoformat())
        await press(pilot, "u")
        assert day(db_path, clock).coffees == (at("08:00"), at("10:00"))
        await press(pilot, "ctrl+y")
        assert day(db_path, clock).coffees == (at("10:00"),)


async def test_undo_of_a_form_puts_back_only_its_fields(db_path: Path, clock: Clock) -> None:
    """Check-in, bedtime and self-check forms save field values: undo puts back
    those fields, and refuses when one of them was changed elsewhere since."""
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        dashboard(app).submit(SetDayFields(DAY, {"stress": 4, "food": "soup"}, label="check-in"))
        await settle(pilot)
        cli(db_path, "checkin", "--sleep", "7")
        await press(pilot, "u")
        log = day(db_path, clock)
        assert (log.stress, log.food, log.sleep_h) == (None, "", 7.0)
        await press(pilot, "ctrl+y")
        cli(db_path, "checkin", "--stress", "2")
        await press(pilot, "u")
        log = day(db_path, clock)
        assert (log.stress, log.food, log.sleep_h) == (2, "soup", 7.0)
        assert any(m.startswith("Could not undo check-in") for m in messages(app))


# ---------------------------------------------------------------- twitches


async def test_undo_log_removes_only_its_own_twitch(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "t")
        cli(db_path, "log", "--note", "from a shell")
        await press(pilot, "u")
        assert [t.note for t in Store.open(db_path, now=clock).twitches()] == ["from a shell"]
        await press(pilot, "ctrl+y")
        notes = sorted(t.note for t in Store.open(db_path, now=clock).twitches())
        assert notes == ["", "from a shell"]


async def test_undo_log_refuses_when_the_twitch_was_edited_elsewhere(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "t")
        other = Store.open(db_path, now=clock)  # a second dashboard, say
        [mine] = other.twitches()
        other.update_twitch(mine, replace(mine, intensity=5))
        await press(pilot, "u")
        [kept] = Store.open(db_path, now=clock).twitches()
        assert kept.intensity == 5
        assert any("changed elsewhere" in m for m in messages(app))


async def test_undo_delete_and_edit_keep_other_entries(db_path: Path, clock: Clock) -> None:
    cli(db_path, "log", "--note", "first")
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "1", "x")  # delete the first entry of today's table
        assert Store.open(db_path, now=clock).twitches() == []
        cli(db_path, "log", "--note", "second")
        await press(pilot, "u")
        assert sorted(t.note for t in Store.open(db_path, now=clock).twitches()) == [
            "first",
            "second",
        ]
        store = Store.open(db_path, now=clock)
        old = next(t for t in store.twitches() if t.note == "first")
        dashboard(app).submit(EditTwitch(old, replace(old, intensity=4)))
        await settle(pilot)
        cli(db_path, "log", "--note", "third")
        await press(pilot, "u")
        twitches = {t.note: t for t in Store.open(db_path, now=clock).twitches()}
        assert set(twitches) == {"first", "second", "third"}
        assert twitches["first"] == old


# ---------------------------------------------------------------- settings


async def test_undo_settings_and_pause_keep_changes_from_a_shell(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        before = Store.open(db_path, now=clock).settings()
        changed = replace(before, glass_ml=300, water_target_ml=2500)
        dashboard(app).submit(SaveSettings.diff(before, changed))
        await settle(pilot)
        cli(db_path, "pause")
        await press(pilot, "u")
        settings = Store.open(db_path, now=clock).settings()
        assert (settings.glass_ml, settings.water_target_ml) == (250, 2000)
        assert settings.pause_started == NOW
        # The pause key: its undo refuses once the pause was stopped elsewhere.
        cli(db_path, "pause", "--stop")
        await until(pilot, lambda: settings_shown(app).pause_started is None)
        await press(pilot, "p", "y")  # p asks first; y starts the pause
        assert Store.open(db_path, now=clock).settings().pause_started == NOW
        cli(db_path, "pause", "--stop")
        await press(pilot, "u")
        assert any(m.startswith("Could not undo 48-hour") for m in messages(app))
        assert Store.open(db_path, now=clock).settings().pause_started is None


# ---------------------------------------------------------------- two dashboards


async def test_two_dashboards_undo_only_their_own_glass(db_path: Path, clock: Clock) -> None:
    first, second = make_app(db_path, clock), make_app(db_path, clock)
    async with first.run_test() as a, second.run_test() as b:
        await settle(a)
        await settle(b)
        await press(a, "w")
        await press(b, "w")
        await press(a, "u")
        assert day(db_path, clock).water_ml == 250
        await press(b, "u")
        assert day(db_path, clock).water_ml == 0
