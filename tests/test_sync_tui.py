"""The dashboard, open all day, while a sync tool brings another machine's files."""

from __future__ import annotations

from pathlib import Path

import pytest

from twitchtui.app import TwitchApp
from twitchtui.model import Twitch
from twitchtui.ops import AddWater, LogTwitch
from twitchtui.store import Store

from .conftest import NOW, Clock
from .syncsim import SyncTool
from .test_app import make_app, settle, text_of, until


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SyncTool:
    monkeypatch.setenv("TWITCHTUI_DEVICE", "laptop")  # the dashboard's machine
    tool = SyncTool({"laptop": tmp_path / "laptop", "desk": tmp_path / "desk"})
    for folder in tool.folders.values():
        folder.mkdir(mode=0o700)
    return tool


def toasts(app: TwitchApp) -> str:
    """Every notification the app has shown and still holds."""
    return "\n".join(n.message for n in app._notifications)


async def test_the_other_machines_twitches_and_water_appear_once_synced(
    folders: SyncTool, clock: Clock
) -> None:
    db = folders.folders["laptop"] / "diary.json"
    desk = Store.open(folders.folders["desk"] / "diary.json", now=clock, device="desk")
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "0 twitches today" in text_of(app, "#summary")
        for minutes in (10, 20):
            LogTwitch(Twitch(at=NOW.replace(minute=minutes))).apply(desk)
        AddWater(NOW.date(), 500).apply(desk)
        folders.sync("laptop", "desk")
        await until(pilot, lambda: "2 twitches today" in text_of(app, "#summary"))
        await until(pilot, lambda: "500" in text_of(app, "#checklist-items"))


async def test_a_conflict_copy_arriving_is_merged_and_said_so(
    folders: SyncTool, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same name on a second machine: the sync tool keeps a conflict copy
    of the month file; the open dashboard folds it in and says so."""
    db = folders.folders["laptop"] / "diary.json"
    twin = Store.open(folders.folders["desk"] / "diary.json", now=clock, device="laptop")
    LogTwitch(Twitch(at=NOW.replace(minute=5))).apply(twin)
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await until(pilot, lambda: "1 twitch today" in text_of(app, "#summary"))
        folders.sync("laptop", "desk")
        assert folders.conflicts
        await until(pilot, lambda: "2 twitches today" in text_of(app, "#summary"))
        await until(pilot, lambda: "conflict copy" in toasts(app))
        names = [p.name for p in folders.folders["laptop"].iterdir()]
        assert any(".merged-" in n for n in names)
        assert not any(n.endswith(".json") and "sync-conflict" in n for n in names)


async def test_settings_renames_this_machine_and_its_files(
    folders: SyncTool, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name is this machine's (not the diary's): Settings changes it, and
    this machine's files follow; a bad name is an error on the field."""
    from textual.widgets import Input, Static

    from twitchtui import machine
    from twitchtui.screens.settings import SettingsForm

    monkeypatch.delenv("TWITCHTUI_DEVICE")
    db = folders.folders["laptop"] / "diary.json"
    app = make_app(db, clock)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        old = machine.device_name()
        assert any(f".{old}.json" in p.name for p in db.parent.iterdir())

        await pilot.press("o")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SettingsForm)
        assert form.query_one("#device", Input).value == old
        form.query_one("#device", Input).value = "home pc"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "1 to 32 letters" in str(form.query_one("#error-device", Static).render())

        form.query_one("#device", Input).value = "home-pc"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await until(pilot, lambda: "named for home-pc" in toasts(app))
        names = [p.name for p in db.parent.iterdir()]
        assert not any(f".{old}." in n for n in names)
        assert "diary.settings.home-pc.json" in names or any(".home-pc.json" in n for n in names)
        assert machine.device_name() == "home-pc"
        assert "1 twitch today" in text_of(app, "#summary")
        await pilot.press("t")
        await until(pilot, lambda: "2 twitches today" in text_of(app, "#summary"))
    assert len(Store.open(db, now=clock).twitches()) == 2
