"""The compact layout: under 100×30 one screen summarises everything, each
full pane is one key away, and Esc comes back."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from twitchtui.model import DayLog, Twitch
from twitchtui.store import Store

from .conftest import NOW, Clock
from .test_app import dashboard, make_app, settle, until
from .test_urgent_path import on_screen

PANES = ("#quick-log", "#checklist", "#trends", "#red-flags")


def visible(app, selector: str) -> bool:
    found = app.screen.query(selector)  # the summary is not even mounted on a large terminal
    return bool(found) and on_screen(app, found.first())


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@pytest.mark.parametrize("size", [(60, 20), (80, 15), (80, 24), (99, 40), (120, 29)])
async def test_small_terminals_get_the_summary(db_path: Path, clock: Clock, size) -> None:
    store = Store.open(db_path, now=clock)
    store.log_twitch(Twitch(at=NOW - timedelta(minutes=12), site="eye", side="left"))
    store.update_day(NOW.date(), lambda log: DayLog(NOW.date(), water_ml=750))
    app = make_app(db_path, clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert dashboard(app).compact
        assert visible(app, "#compact")
        assert not any(visible(app, pane) for pane in PANES)
        assert "1 twitch today · last 12 min ago (eye, left)" in text(app, "#compact-quick")
        assert "water 750/2000 (w)" in text(app, "#compact-checklist")
        await until(pilot, lambda: "checking" not in text(app, "#compact-flags"))
        assert "Red flags: none found" in text(app, "#compact-flags")


async def test_each_pane_is_one_key_away_and_esc_comes_back(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, pane in zip("1234", PANES, strict=True):
            await pilot.press(key)
            await settle(pilot)
            assert visible(app, pane), pane
            assert not visible(app, "#compact")
            assert [p for p in PANES if visible(app, p)] == [pane]
            await pilot.press("escape")
            await settle(pilot)
            assert visible(app, "#compact") and not visible(app, pane)


async def test_keys_act_from_the_summary(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", "w")
        await settle(pilot)
        assert text(app, "#compact-quick").startswith("1 twitch today")
        assert "water 250/2000" in text(app, "#compact-checklist")


async def test_a_finding_shows_its_badge_and_title(db_path: Path, clock: Clock) -> None:
    store = Store.open(db_path, now=clock)
    for days in range(20):  # a twitch a day for 20 days: the persistence rule
        store.log_twitch(Twitch(at=NOW - timedelta(days=days, hours=1)))
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: "Red flags: 1 finding" in text(app, "#compact-flags"))
        assert "worst: routine" in text(app, "#compact-flags")
        assert "two weeks" in text(app, "#compact-flags")


async def test_a_large_terminal_keeps_four_panes(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not dashboard(app).compact
        assert all(visible(app, pane) for pane in PANES)
        assert not visible(app, "#compact")
        await pilot.press("escape")  # nothing to go back from: no effect
        assert all(visible(app, pane) for pane in PANES)


async def test_a_past_day_in_the_summary_says_how_to_log_on_it(db_path: Path, clock: Clock) -> None:
    Store.open(db_path, now=clock).log_twitch(Twitch(at=NOW - timedelta(minutes=5)))
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        line = text(app, "#compact-quick")
        assert line.startswith("0 twitches on Tue 17 Nov")
        assert "t or d logs one on that day" in line and "last" not in line
