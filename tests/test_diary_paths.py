"""A diary path is never a folder, never someone else's file, and a read-only
diary is only ever read (issue: never touch a folder, honour a read-only diary)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from twitchtui.model import Twitch
from twitchtui.screens.damaged import DamagedScreen
from twitchtui.screens.dashboard import DashboardScreen
from twitchtui.store import DiaryReadOnly, Store, StoreError

from .conftest import NOW, Clock, run_twitchtui
from .test_app import make_app, settle, until

cli = run_twitchtui


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# ---------------------------------------------------------------- folders and devices


def test_cli_refuses_a_folder_and_leaves_it_alone(tmp_path: Path) -> None:
    folder = tmp_path / "somefolder"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    done = cli("log", "--db", str(folder))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "is a folder, not a diary file" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["somefolder"]
    assert listing(folder) == {"notes.txt": b"mine"}


def test_cli_refuses_a_device(tmp_path: Path) -> None:
    done = cli("status", "--db", os.devnull)
    assert done.returncode == 2
    assert "not a regular file" in done.stderr


async def test_dashboard_refuses_a_folder_with_a_message_and_no_set_aside(
    tmp_path: Path, clock: Clock
) -> None:
    folder = tmp_path / "somefolder"
    folder.mkdir()
    app = make_app(folder, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DamagedScreen)
        assert not app.screen.query("#aside")
        await pilot.press("enter")  # Quit is the only button
        await settle(pilot)
    assert app.return_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["somefolder"]
    assert list(folder.iterdir()) == []


def test_set_aside_never_moves_a_folder_or_a_stranger(tmp_path: Path, clock: Clock) -> None:
    db = tmp_path / "diary.json"
    store = Store(db, now=clock)
    (tmp_path / "diary.2026-11.json").mkdir()  # a folder under a shard's name
    notes = tmp_path / "notes.json"
    notes.write_text('{"todo": {"1": {"text": "buy milk"}}}')
    for path in (tmp_path / "diary.2026-11.json", notes, tmp_path):
        assert not store.may_set_aside(path)
        with pytest.raises(StoreError):
            store.set_aside(path)
    assert notes.exists() and (tmp_path / "diary.2026-11.json").is_dir()


async def test_someone_elses_json_file_is_not_offered_for_set_aside(
    tmp_path: Path, clock: Clock
) -> None:
    notes = tmp_path / "notes.json"
    notes.write_text('{"todo": {"1": {"text": "buy milk"}}}')
    done = cli("status", "--db", str(notes))
    assert done.returncode == 1
    assert "not a twitchtui diary file: choose another file with --db" in done.stderr
    app = make_app(notes, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DamagedScreen)
        assert not app.screen.query("#aside")
    assert notes.read_text() == '{"todo": {"1": {"text": "buy milk"}}}'


def test_a_zeroed_shard_of_our_own_may_be_set_aside(store: Store) -> None:
    store.log_twitch(Twitch(at=NOW))
    shard = store.shard_paths()["2026-11"]
    shard.write_bytes(b"\0" * 64)  # what a crash of the file system can leave
    assert store.may_set_aside(shard)


# ---------------------------------------------------------------- read-only


def read_only_diary(db: Path, clock: Clock) -> dict[str, bytes]:
    store = Store.open(db, now=clock)
    store.log_twitch(Twitch(at=NOW, note="kept"))
    db.chmod(0o400)
    return listing(db.parent)


def test_read_only_diary_refuses_writes_and_keeps_the_file(db_path: Path, clock: Clock) -> None:
    before = read_only_diary(db_path, clock)
    store = Store.open(db_path, now=clock)
    assert store.read_only
    with pytest.raises(DiaryReadOnly, match="read-only"):
        store.log_twitch(Twitch(at=NOW))
    with pytest.raises(DiaryReadOnly):
        store.update_day(NOW.date(), lambda log: log)
    assert [t.note for t in store.twitches()] == ["kept"]  # reading still works
    assert listing(db_path.parent) == {**before, "diary.json.lock": b""}
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o400


def test_a_read_only_shard_is_never_replaced(store: Store) -> None:
    store.log_twitch(Twitch(at=NOW))
    shard = store.shard_paths()["2026-11"]
    shard.chmod(0o400)
    content = shard.read_bytes()
    with pytest.raises(DiaryReadOnly):
        store.log_twitch(Twitch(at=NOW))
    assert shard.read_bytes() == content
    assert stat.S_IMODE(shard.stat().st_mode) == 0o400


def test_cli_on_a_read_only_diary(db_path: Path, clock: Clock) -> None:
    before = read_only_diary(db_path, clock)
    done = cli("log", "--db", str(db_path))
    assert done.returncode == 1
    assert "is read-only" in done.stderr and "chmod u+w" in done.stderr
    status = cli("status", "--db", str(db_path))
    assert status.returncode == 0 and "1 twitch today" in status.stdout
    assert listing(db_path.parent) == {**before, "diary.json.lock": b""}


async def test_dashboard_on_a_read_only_diary(db_path: Path, clock: Clock) -> None:
    before = read_only_diary(db_path, clock)
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "read-only" in app.sub_title
        assert any(n.title == "Read-only diary" for n in app._notifications)
        for key, what in (("t", "twitch logged"), ("w", "water")):
            await pilot.press(key)
            await settle(pilot)
            await until(  # one toast at a time: each refusal is the newest in turn
                pilot,
                lambda what=what: any(
                    n.message.startswith("Not saved (")
                    and what in n.message
                    and "read-only" in n.message
                    for n in app._notifications
                ),
            )
        assert app.session.unsaved == 0  # refused, not held back to retry for ever
    assert listing(db_path.parent) == {**before, "diary.json.lock": b""}
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o400


# ---------------------------------------------------------------- saying what happens


def test_cli_says_where_a_new_diary_was_started(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "deeper" / "diary.json"
    done = cli("status", "--db", str(db))
    assert done.returncode == 1  # a command that only reads never starts a diary
    assert "there is no diary at" in done.stderr and not (tmp_path / "typo").exists()
    done = cli("log", "--db", str(db))
    assert done.returncode == 0
    assert done.stderr == f"Started a new diary at {db} (in a new folder).\n"
    for folder in (db.parent, db.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    again = cli("status", "--db", str(db))
    assert again.stderr == ""


def test_water_without_a_number_only_shows(db_path: Path) -> None:
    cli("water", "+2", "--db", str(db_path))
    before = listing(db_path.parent)
    done = cli("water", "--db", str(db_path))
    assert done.returncode == 0
    assert done.stdout.startswith("Water today: 500 / 2000 ml")
    assert listing(db_path.parent) == before


@pytest.mark.parametrize("value", ["2", "+0", "+x", "1.5"])
def test_water_needs_a_sign(db_path: Path, value: str) -> None:
    done = cli("water", value, "--db", str(db_path))
    assert done.returncode == 2
    assert "+N to add glasses" in done.stderr
