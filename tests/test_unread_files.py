"""A file of another machine that cannot be read is never passed over in
silence: the red flags, the status bar, the report and the dashboard say that
part of the diary was not read, and none of them gives an all-clear."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from twitchtui import ops
from twitchtui.cli import main
from twitchtui.model import SelfCheck
from twitchtui.report import to_markdown
from twitchtui.store import Store
from twitchtui.views import load_findings, load_report

from .conftest import NOW, Clock, twitch_at
from .test_app import make_app, settle, until


def broken_emergency(db_path: Path, clock: Clock) -> tuple[Store, Path, bytes]:
    """The laptop's diary, and the desk's file holding an emergency answer,
    cut short as a sync tool half-way through copying it leaves it."""
    laptop = Store.open(db_path, now=clock, device="laptop")
    laptop.log_twitch(twitch_at(1))
    desk = Store.open(db_path, now=clock, device="desk")
    ops.AddSelfCheck(NOW.date(), SelfCheck(NOW, {"droop": "sudden"})).apply(desk)
    theirs = desk.layout.shard(f"{NOW:%Y-%m}")
    whole = theirs.read_bytes()
    theirs.write_bytes(whole[:-40])
    return Store.open(db_path, now=clock, device="laptop"), theirs, whole


def test_the_checks_say_a_file_was_not_read_and_clear_once_it_is(
    db_path: Path, clock: Clock
) -> None:
    laptop, theirs, whole = broken_emergency(db_path, clock)
    findings = load_findings(laptop)
    assert [f.id for f in findings] == ["unread"]
    assert theirs.name in findings[0].reason and "not valid JSON" in findings[0].entries[0].detail
    theirs.write_bytes(whole)  # the sync finished
    assert [f.tier for f in load_findings(laptop)] == ["emergency"]
    theirs.write_bytes(whole[:-40])
    assert [f.id for f in load_findings(laptop)] == ["unread"]
    theirs.unlink()  # the half-copy replaced by nothing: no stale note
    assert load_findings(laptop) == []


def test_flags_status_and_the_report_never_give_an_all_clear(
    db_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, theirs, _ = broken_emergency(db_path, clock)
    db = str(db_path)
    monkeypatch.setenv("TWITCHTUI_DEVICE", "laptop")
    capsys.readouterr()
    assert main(["flags", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Part of the diary could not be read" in out and theirs.name in out
    assert "Nothing in your diary matches" not in out
    assert main(["status", "--db", db, "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["incomplete"], status["urgent"]) == (True, False)
    assert main(["status", "--db", db, "--format", "tmux"]) == 0
    assert "? 1 ·" in capsys.readouterr().out
    markdown = to_markdown(load_report(laptop, 7))
    assert "Part of the diary could not be read" in markdown


async def test_the_red_flags_pane_says_so_in_place_of_the_all_clear(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Static

    broken_emergency(db_path, clock)
    monkeypatch.setenv("TWITCHTUI_DEVICE", "laptop")  # the dashboard's machine
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def summary() -> str:
            return str(app.screen.query_one("#flags-summary", Static).render())

        await until(pilot, lambda: "could not be read" in summary())
        assert "Nothing in your diary matches" not in summary()


@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59.999999Z", "zzzz", 7])
def test_another_machines_record_with_a_broken_time_is_left_out_not_a_crash(
    db_path: Path, clock: Clock, stamp: object
) -> None:
    """A day record's "t" (or a twitch version's "v") that twitchtui never
    writes would win every merge and could not be moved past: it is left
    out, named, and this machine's own writes to that day go on."""
    from datetime import time

    from twitchtui.ops import SetDayFields

    desk = Store.open(db_path, now=clock, device="desk")
    day = NOW.date()
    SetDayFields(day, {"bedtime": time(23, 0)}).apply(desk)
    first = desk.log_twitch(twitch_at(1))
    desk.update_twitch(first, replace(first, note="edited"))
    theirs = desk.layout.shard(f"{NOW:%Y-%m}")
    data = json.loads(theirs.read_text())
    for record in data["days"].values():
        record["t"] = stamp
    for version in data["twitches"].values():
        if "v" in version:
            version["v"] = stamp
    theirs.write_text(json.dumps(data))
    laptop = Store.open(db_path, now=clock, device="laptop")
    SetDayFields(day, {"bedtime": time(23, 10)}).apply(laptop)
    assert laptop.day_log(day).bedtime == time(23, 10)
    assert [t.note for t in laptop.twitches()] == [""]  # the version as first saved
    (why,) = laptop.left_out().values()
    assert "not one twitchtui writes" in why
    assert [f.id for f in load_findings(laptop)] == ["unread"]


def test_a_file_from_a_newer_twitchtui_is_left_out_and_never_merged(
    db_path: Path, clock: Clock
) -> None:
    """Another machine's month file, or a conflict copy of the main file,
    stamped with a newer schema is not read as this schema: it is named,
    and its entries and settings stay where they are."""
    desk = Store.open(db_path, now=clock, device="desk")
    desk.log_twitch(twitch_at(1))
    theirs = desk.layout.shard(f"{NOW:%Y-%m}")
    data = json.loads(theirs.read_text())
    data["meta"]["1"]["schema"] = 99
    theirs.write_text(json.dumps(data))
    main_data = json.loads(db_path.read_text())
    main_data["meta"]["1"]["schema"] = 99
    main_data["settings"] = {"1": {"water_target_ml": 3000}}
    copy = db_path.with_name("diary.sync-conflict-20261204-101010-ABCDEFG.json")
    copy.write_text(json.dumps(main_data))
    laptop = Store.open(db_path, now=clock, device="laptop")
    assert laptop.merge_conflicts() == []
    assert laptop.twitches() == []
    assert laptop.settings().water_target_ml != 3000
    reasons = {path.name: why for path, why in laptop.left_out().items()}
    assert "newer twitchtui" in reasons[theirs.name] and "newer twitchtui" in reasons[copy.name]
    assert copy.exists(), "left as it is"
