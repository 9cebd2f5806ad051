"""The urgent path: saving an urgent self-check shows the emergency line at once,
at any size, and the banner stays until a clinician has seen the person."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Static

from twitchtui.model import DayLog, Settings
from twitchtui.screens.day_forms import SelfCheckForm
from twitchtui.screens.urgent import UrgentScreen
from twitchtui.store import Store

from .conftest import NOW, Clock
from .test_app import dashboard, make_app, settle, until

DAY = NOW.date()


def banner(app) -> Static:
    return dashboard(app).query_one("#urgent-banner", Static)


def on_screen(app, widget) -> bool:
    region = widget.region
    width, height = app.size
    return widget.display and region.height > 0 and 0 <= region.y < height and region.x < width


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_saving_an_urgent_self_check_shows_the_emergency_line_at_once(
    db_path: Path, clock: Clock, size: tuple[int, int]
) -> None:
    Store.open(db_path, now=clock).save_settings(Settings(emergency_number="112"))
    app = make_app(db_path, clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SelfCheckForm)
        assert "call 112 now" in str(form.query_one("#emergency-line", Static).render())
        form.query_one("#droop", Checkbox).value = True
        form.query_one("#cannot_hold_water", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()  # one frame
        assert isinstance(app.screen, UrgentScreen)
        assert "Call 112 now" in str(app.screen.query_one("#urgent-title", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        text = str(banner(app).render())
        assert "call 112 now" in text and on_screen(app, banner(app))
        saved = Store.open(db_path, now=clock).day_log(DAY)
        assert saved.symptoms["droop"] and saved.symptoms["cannot_hold_water"]


async def test_the_banner_is_there_on_start_up_and_goes_once_seen(
    db_path: Path, clock: Clock
) -> None:
    store = Store.open(db_path, now=clock)
    long_ago = DAY - timedelta(days=60)
    store.update_day(long_ago, lambda log: DayLog(long_ago, symptoms={"speech": True}))
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)  # the dashboard is up
        await until(pilot, lambda: "call 999 now" in str(banner(app).render()))
        assert on_screen(app, banner(app))
        # The red-flags pane never shows the all-clear while it is open.
        await settle(pilot)
        assert "Nothing in your diary" not in str(
            dashboard(app).query_one("#flags-summary", Static).render()
        )
        await pilot.press("k")
        await settle(pilot)
        app.screen.query_one("#seen", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        await until(pilot, lambda: not banner(app).display)
    assert Store.open(db_path, now=clock).day_log(DAY).seen_clinician


async def test_a_known_sign_saved_again_does_not_raise_the_alarm(
    db_path: Path, clock: Clock
) -> None:
    store = Store.open(db_path, now=clock)
    before = DAY - timedelta(days=20)
    store.update_day(
        before, lambda log: DayLog(before, symptoms={"droop": True}, seen_clinician=True)
    )
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        app.screen.query_one("#droop", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, UrgentScreen)
        assert not banner(app).display


async def test_medicines_form_adds_and_undo_takes_it_back(db_path: Path, clock: Clock) -> None:
    from textual.widgets import Input

    from twitchtui.screens.medicines import MedicinesForm

    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MedicinesForm)
        app.screen.query_one("#name", Input).value = "prednisolone"
        app.screen.query_one("#dose", Input).value = "20 mg"
        app.screen.query_one("#started", Input).value = "2026-11-10"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [med] = Store.open(db_path, now=clock).settings().medicines
        assert (med.name, med.dose, med.started.isoformat()) == (
            "prednisolone",
            "20 mg",
            "2026-11-10",
        )
        await pilot.press("u")
        await settle(pilot)
        assert Store.open(db_path, now=clock).settings().medicines == ()
