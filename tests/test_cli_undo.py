"""The shell takes back a twitch or a cup pressed by mistake (``--undo``),
through the same operations as the dashboard's undo."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from twitchtui.cli import main
from twitchtui.model import Twitch
from twitchtui.store import Store

from .conftest import NOW


def test_log_undo_takes_back_todays_latest_twitch_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    store = Store.open(db, now=lambda: NOW)
    store.log_twitch(Twitch(at=NOW - timedelta(days=1)))
    assert main(["log", "--db", db, "--undo"]) == 2  # yesterday's is never taken back
    assert main(["log", "--db", db, "--at", "08:00"]) == 0
    assert main(["log", "--db", db]) == 0
    assert main(["log", "--db", db, "--undo", "--site", "eye"]) == 2  # alone only
    capsys.readouterr()
    assert main(["log", "--db", db, "--undo"]) == 0
    assert "Took back the twitch at" in capsys.readouterr().out
    left = Store.open(db, now=lambda: NOW).twitches()
    assert [t.at.hour for t in left] == [(NOW - timedelta(days=1)).hour, 8]


def test_coffee_undo_takes_back_the_latest_cup_then_the_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    assert main(["coffee", "--db", db, "--undo"]) == 2  # nothing to take back
    assert main(["coffee", "--db", db, "--none"]) == 0
    capsys.readouterr()
    assert main(["coffee", "--db", db, "--at", "08:00"]) == 0  # takes the "none" back
    assert "It takes back 'no coffee'" in capsys.readouterr().out, "and says so"
    assert main(["coffee", "--db", db]) == 0
    assert main(["coffee", "--db", db, "--undo"]) == 0
    assert "1 left." in capsys.readouterr().out
    log = Store.open(db, now=lambda: NOW).day_log(NOW.date())
    assert ([c.hour for c in log.coffees], log.no_coffee) == ([8], False)
    assert main(["coffee", "--db", db, "--undo"]) == 0
    # No undo history in the shell: it says how to give the "none" again.
    assert "`twitchtui coffee --none` if there was none" in capsys.readouterr().out
    assert main(["coffee", "--db", db, "--undo"]) == 2
    assert main(["coffee", "--db", db, "--none"]) == 0
    assert main(["coffee", "--db", db, "--undo"]) == 0
    assert not Store.open(db, now=lambda: NOW).day_log(NOW.date()).no_coffee


def test_undo_never_takes_another_machines_entry_nor_one_ahead_of_the_clock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desk logged a real twitch and a cup later than the laptop's
    mistaken press: the laptop's --undo takes back its own, never the desk's."""
    from twitchtui.ops import AddCoffee

    db = str(tmp_path / "d.json")
    desk = Store.open(db, now=lambda: NOW + timedelta(minutes=90), device="desk")
    desk.log_twitch(Twitch(at=NOW + timedelta(minutes=90), note="real one"))  # ahead, too
    desk.log_twitch(Twitch(at=NOW - timedelta(minutes=10), note="desk, earlier"))
    AddCoffee(NOW.date(), NOW + timedelta(minutes=30)).apply(desk)
    monkeypatch.setenv("TWITCHTUI_DEVICE", "laptop")
    assert main(["log", "--db", db, "--undo"]) == 2  # none of the laptop's yet
    assert main(["coffee", "--db", db, "--undo"]) == 2
    assert main(["log", "--db", db, "--at", "08:00", "--note", "mistake"]) == 0
    assert main(["coffee", "--db", db, "--at", "08:00"]) == 0
    capsys.readouterr()
    assert main(["log", "--db", db, "--undo"]) == 0
    assert main(["coffee", "--db", db, "--undo"]) == 0
    store = Store.open(db, now=lambda: NOW, device="laptop")
    assert sorted(t.note for t in store.twitches()) == ["desk, earlier", "real one"]
    assert store.day_log(NOW.date()).coffees == (NOW + timedelta(minutes=30),)


def test_coffee_undo_on_another_day_gives_the_none_hint_for_that_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    assert main(["coffee", "--db", db, "--at", "yesterday 09:00"]) == 0
    capsys.readouterr()
    assert main(["coffee", "--db", db, "--undo", "--at", "yesterday 09:00"]) == 0
    yesterday = (NOW - timedelta(days=1)).date().isoformat()
    hint = f"`twitchtui coffee --none --at {yesterday}T12:00`"
    assert hint in capsys.readouterr().out
    assert main(["coffee", "--db", db, "--none", "--at", f"{yesterday}T12:00"]) == 0
    assert Store.open(db, now=lambda: NOW).day_log(date.fromisoformat(yesterday)).no_coffee
