"""One convention in every form: Enter saves, Esc cancels, Space ticks a box."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Checkbox, Input, SelectionList

from twitchtui.app import TwitchApp
from twitchtui.screens.form import FormScreen
from twitchtui.store import Store

from .conftest import NOW, Clock
from .test_app import make_app, settle, until

FORM_KEYS = ["d", "b", "i", "k", "o", "m"]


def opened(app: TwitchApp, before: Screen[object]) -> bool:
    """A new form is on top, composed."""
    screen = app.screen
    return screen is not before and isinstance(screen, FormScreen) and bool(screen.query(".form"))


@pytest.mark.parametrize("key", FORM_KEYS)
async def test_escape_cancels_every_form(db_path: Path, clock: Clock, key: str) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)


@pytest.mark.parametrize("key", FORM_KEYS)
async def test_enter_saves_every_form_from_any_field(db_path: Path, clock: Clock, key: str) -> None:
    """Enter on a field must close the form (saved), except on a drop-down,
    where Enter opens the list: on the first field, the last, and one field
    of every other kind (Enter is the form's key, so each kind of widget is
    one case; trying all 25 fields of the settings form took a minute).
    Between fields it waits for the form to close and the next to open, not
    for the whole dashboard to settle. The bed form refuses an empty field
    with no bedtime recorded: it is given one, late in the evening."""
    if key == "b":
        clock.now = clock.now.replace(hour=23)
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        if key == "b":
            form.query_one("#bedtime", Input).value = "22:30"
        fields = [w for w in form.query(form.FIELDS) if w.focusable]
        kinds: dict[type, int] = {}
        for index, widget in enumerate(fields):
            kinds.setdefault(type(widget), index)
        for index in sorted({0, len(fields) - 1, *kinds.values()}):
            field = [w for w in form.query(form.FIELDS) if w.focusable][index]
            if type(field).__name__ == "Select":
                continue
            field.focus()
            await pilot.press("enter")
            with contextlib.suppress(AssertionError):  # the message below says why
                await until(pilot, lambda form=form: app.screen is not form)
            errors = [str(e.render()) for e in form.query(".error")]
            assert app.screen is not form, f"Enter on {field} did not save: {errors}"
            await pilot.press(key)
            await until(pilot, lambda form=form: opened(app, form))
            form = app.screen
        await settle(pilot)


async def test_space_ticks_and_enter_saves_the_self_check(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        app.screen.query_one("#pulling", Checkbox).focus()
        await pilot.press("space")
        assert app.screen.query_one("#pulling", Checkbox).value is True
        await pilot.press("enter")
        await settle(pilot)
    log = Store.open(db_path, now=clock).day_log(NOW.date())
    assert log.symptoms["pulling"] is True


async def test_space_ticks_a_trigger_and_enter_saves_the_details(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        triggers = app.screen.query_one("#triggers", SelectionList)
        triggers.focus()
        await pilot.press("space")
        ticked = list(triggers.selected)
        assert len(ticked) == 1
        await pilot.press("enter")
        await settle(pilot)
    (twitch,) = Store.open(db_path, now=clock).twitches()
    assert list(twitch.triggers) == ticked
