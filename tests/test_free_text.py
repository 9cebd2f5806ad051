"""Whatever a person types is shown as typed, and never breaks a screen.

Textual reads square brackets as markup and Rich turns ``:smile:`` into an
emoji. A note, a habit, a medicine, a snack or an experiment named with such
characters once stopped the dashboard from opening ("closing tag '[/h]' does
not match any open tag"). Here every free-text field holds them, and every
pane and screen that shows one is opened.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from twitchtui.cli import main

from .conftest import Clock
from .test_app import dashboard, make_app, settle

TRICKY = "[/x] [b]odd :smile:"


@pytest.fixture
def tricky_diary(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = ["--db", str(db_path)]
    assert main(["log", *db, "--note", f"note {TRICKY}", "--at", "09:00"]) == 0
    assert main(["habit", "add", *db, f"habit {TRICKY}"]) == 0
    assert main(["habit", "tick", *db, f"habit {TRICKY}"]) == 0
    assert main(["meds", "add", *db, f"med {TRICKY}"]) == 0
    assert main(["snack", *db, "--food", f"food {TRICKY}"]) == 0
    assert main(["experiment", "start", *db, f"exp {TRICKY}", "--days", "7"]) == 0
    capsys.readouterr()
    return db_path


async def test_tricky_text_opens_every_pane_and_screen_as_typed(
    tricky_diary: Path, clock: Clock
) -> None:
    app = make_app(tricky_diary, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        table = screen.query_one("#entries", DataTable)
        assert str(table.get_row_at(0)[-1]) == f"note {TRICKY}"  # the note, literally
        # habits, medicines, experiment, calendar, report, settings, details,
        # check-in, bedtime, self-check, help
        for key in ("h", "m", "y", "g", "r", "o", "d", "i", "b", "k", "question_mark"):
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is not screen, key
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is screen, key
        await pilot.press("m")  # the medicine to mark as stopped, picked from its list
        await settle(pilot)
        app.screen.query_one("#stop").focus()
        await pilot.press("enter", "down", "enter")
        await settle(pilot)
        assert app.screen.query_one("#stop").value == f"med {TRICKY}"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")  # edit the entry: the note in its field
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.return_code is None  # nothing crashed


async def test_tricky_text_in_the_compact_layout(tricky_diary: Path, clock: Clock) -> None:
    app = make_app(tricky_diary, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert dashboard(app).compact
        for key in ("1", "2", "3", "4"):
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("escape")
        assert app.return_code is None


async def test_tricky_text_in_notices_is_shown_as_typed(tricky_diary: Path, clock: Clock) -> None:
    app = make_app(tricky_diary, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("s")  # the snack was ticked: s unticks it
        await settle(pilot)
        await pilot.press("s", "tab", *TRICKY, "enter")  # another food, typed
        await settle(pilot)
        await pilot.press("u")  # "Undone: snack: ..."
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(TRICKY.lower() in m for m in messages), messages
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any(TRICKY.lower() in t for t in toasts), toasts  # drawn as typed
        assert app.return_code is None
