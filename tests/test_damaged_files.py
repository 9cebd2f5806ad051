"""A damaged month file never crashes the dashboard (kind of damage × which month).

For each kind of damage, in the current month, the month before and an old
month, the app stays up, names the file, offers to keep it aside, and never
changes it unless asked. A damaged month blocks only what needs that month:
today's logging goes on when an older month is damaged.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from twitchtui.model import Twitch
from twitchtui.screens.damaged import DamagedScreen
from twitchtui.screens.dashboard import DashboardScreen
from twitchtui.screens.report import ReportScreen
from twitchtui.store import Store

from .conftest import NOW, Clock
from .test_app import make_app, settle, text_of, until

MONTHS = {"current": "2026-11", "previous": "2026-10", "old": "2026-08"}
AGO = {"current": 0, "previous": 30, "old": 100}


def damage(raw: bytes, kind: str) -> bytes:
    if kind == "truncated":
        return raw[: len(raw) // 2]
    if kind == "nul-bytes":
        return b"\0" * len(raw)
    assert kind == "wrong-shape"  # valid JSON, stamped, but not laid out as a diary
    return b'{"meta": {"1": {"app": "twitchtui", "schema": 2}}, "twitches": [1, 2, 3]}'


def damaged_diary(db_path: Path, clock: Clock, kind: str, position: str) -> tuple[Path, bytes]:
    store = Store.open(db_path, now=clock)
    for days in AGO.values():
        store.log_twitch(Twitch(at=NOW - timedelta(days=days, hours=1), note=f"{days} days ago"))
    shard = store.shard_paths()[MONTHS[position]]
    broken = damage(shard.read_bytes(), kind)
    shard.write_bytes(broken)
    return shard, broken


def offered(app) -> DamagedScreen | None:
    """The damaged-file screen, once it is on top and composed."""
    screen = app.screen
    if isinstance(screen, DamagedScreen) and screen.query("Button"):
        return screen
    return None


async def not_now(pilot, app) -> None:
    """Answer the damaged-file screen "Not now" (the file is left as it is),
    and wait for the dashboard to settle."""
    await until(pilot, lambda: offered(app) is not None)
    await pilot.press("escape")
    await settle(pilot)


KINDS = ["truncated", "nul-bytes", "wrong-shape"]


@pytest.mark.parametrize("kind", KINDS)
async def test_damaged_current_month(db_path: Path, clock: Clock, kind: str) -> None:
    """Today cannot be shown without its month: the start offers to keep it aside."""
    shard, broken = damaged_diary(db_path, clock, kind, "current")
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = offered(app)
        assert screen is not None and screen.path == shard
        assert screen.query("#aside")
        assert shard.read_bytes() == broken  # nothing changed before the answer
        await pilot.click("#aside")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("t")
        await settle(pilot)
        assert "1 twitch today" in text_of(app, "#summary")
    [kept] = shard.parent.glob(f"{shard.name}.damaged-*")  # this device's own month file
    assert kept.read_bytes() == broken


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("position", ["previous", "old"])
async def test_damaged_older_month(db_path: Path, clock: Clock, kind: str, position: str) -> None:
    shard, broken = damaged_diary(db_path, clock, kind, position)
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: offered(app) is not None)
        screen = offered(app)
        assert screen.path == shard and screen.query("#aside")
        assert str(shard) in str(screen.query_one("Static.form-title").parent.children[1].render())
        await pilot.press("escape")  # "Not now"
        await settle(pilot)
        dash = app.screen
        assert isinstance(dash, DashboardScreen)
        # Today's logging still works.
        await pilot.press("t")
        await settle(pilot)
        assert "2 twitches today" in text_of(app, "#summary")
        # The red flags never claim an all-clear over a diary they could not read.
        flags = text_of(app, "#flags-summary")
        assert "Could not check the red flags" in flags and shard.name in flags
        # The 30-day charts need October, not August.
        trends = text_of(app, "#trend-title")
        assert ("Could not draw" in trends) == (position == "previous")
        # Asked once per file, not at every rebuild.
        assert offered(app) is None
        # The report says why it cannot be built, and writes nothing.
        await pilot.press("r")
        await until(pilot, lambda: "Could not build" in text_of(app, "#report-status"))
        assert isinstance(app.screen, ReportScreen)
    assert shard.read_bytes() == broken
    assert not list(shard.parent.glob("*.damaged-*"))


async def test_set_aside_from_the_palette_clears_the_panes(db_path: Path, clock: Clock) -> None:
    shard, broken = damaged_diary(db_path, clock, "truncated", "old")
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await not_now(pilot, app)
        app.screen.action_damaged()  # what the palette's "Damaged file" runs
        await until(pilot, lambda: offered(app) is not None)
        await settle(pilot)
        await pilot.click("#aside")
        await settle(pilot)
        await until(pilot, lambda: "Could not" not in text_of(app, "#flags-summary"))
        assert any("kept as" in n.message for n in app._notifications)
    [kept] = shard.parent.glob(f"{shard.name}.damaged-*")
    assert kept.read_bytes() == broken
    assert not shard.exists()


async def test_with_an_old_month_damaged_the_poll_still_shows_today_and_the_new_day(
    db_path: Path, clock: Clock
) -> None:
    """The poll's look at every day's self-check answers cannot read the
    damaged month: the day shown and the day rolling over do not wait on it."""
    damaged_diary(db_path, clock, "truncated", "old")
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await not_now(pilot, app)
        assert "1 twitch today" in text_of(app, "#summary")
        Store.open(db_path, now=clock).log_twitch(Twitch(at=NOW - timedelta(minutes=5)))
        await until(pilot, lambda: "2 twitches today" in text_of(app, "#summary"))
        board = app.screen
        assert isinstance(board, DashboardScreen) and board.today is not None
        day = board.today.day
        clock.advance(hours=12)
        await until(pilot, lambda: board.today is not None and board.today.day != day)


async def test_with_an_old_month_damaged_an_emergency_saved_elsewhere_shows(
    db_path: Path, clock: Clock
) -> None:
    """The urgent read passes over the damaged month: the banner still
    shows a sudden sign saved from the shell today."""
    from twitchtui import ops
    from twitchtui.model import SelfCheck

    from .test_urgent_path import emergency_shown

    damaged_diary(db_path, clock, "truncated", "old")
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await not_now(pilot, app)
        moment = NOW - timedelta(minutes=30)
        check = SelfCheck(moment, {"speech": "sudden"})
        ops.AddSelfCheck(moment.date(), check).apply(Store.open(db_path, now=clock))
        await until(pilot, lambda: emergency_shown(app))


async def test_with_an_old_month_damaged_an_answer_for_last_month_shows(
    db_path: Path, clock: Clock
) -> None:
    """The poll's look at the answers reads around the damaged month too: a
    sudden sign saved elsewhere for last night, in last month's file."""
    from twitchtui import ops
    from twitchtui.model import SelfCheck

    from .test_urgent_path import emergency_shown

    damaged_diary(db_path, clock, "truncated", "old")
    clock.now = NOW.replace(month=12, day=1, hour=9)
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await not_now(pilot, app)
        moment = clock.now - timedelta(hours=10)
        check = SelfCheck(moment, {"speech": "sudden"})
        ops.AddSelfCheck(moment.date(), check).apply(Store.open(db_path, now=clock))
        await until(pilot, lambda: emergency_shown(app))
