"""A write of several files (an import, a restore) killed part-way is
finished, or never begun, the next time the diary opens: never half done.

Each case kills a real process (``os._exit``, no cleanup runs, as under
``kill -9``) at one moment of ``atomic.write_together``."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from twitchtui.model import Twitch
from twitchtui.store import Store
from twitchtui.store.errors import JournalRefused

from .conftest import NOW

MONTHS = 6

CHILD = """
import os, sys
from datetime import datetime, timedelta
from twitchtui.model import Twitch
from twitchtui.store import Store
from twitchtui.store.atomic import FileSystem

db, when, at = sys.argv[1], sys.argv[2], int(sys.argv[3])
now = datetime.fromisoformat(sys.argv[4])


class Killed(FileSystem):
    temps = moves = 0

    def fsync(self, fd):
        Killed.temps += 1
        if when == "temps" and Killed.temps == at:
            os._exit(9)
        super().fsync(fd)

    def replace(self, src, dst):
        if str(dst).endswith(".journal"):
            return super().replace(src, dst)
        Killed.moves += 1
        if when == "moves" and Killed.moves == at:
            os._exit(9)
        super().replace(src, dst)


store = Store.open(db, now=lambda: now)
store._fs = Killed()
store.merge([Twitch(at=now - timedelta(days=31 * i), note="new") for i in range({months})])
"""


def killed_import(db: Path, when: str, at: int) -> None:
    code = CHILD.replace("{months}", str(MONTHS))
    done = subprocess.run([sys.executable, "-c", code, str(db), when, str(at), NOW.isoformat()])
    assert done.returncode == 9, "the write was to be killed part-way"


def diary(db: Path) -> Store:
    store = Store.open(db, now=lambda: NOW)
    store.merge([Twitch(at=NOW - timedelta(days=31 * i, hours=2)) for i in range(MONTHS)])
    return Store.open(db, now=lambda: NOW)


@pytest.mark.parametrize("at", [1, 2, MONTHS - 1])
def test_killed_between_two_moves_the_next_open_finishes_every_one(tmp_path: Path, at: int) -> None:
    db = tmp_path / "diary.json"
    before = len(diary(db).twitches())
    killed_import(db, "moves", at)
    store = Store.open(db, now=lambda: NOW)
    notes = [t.note for t in store.twitches()]
    assert (len(notes), notes.count("new")) == (before + MONTHS, MONTHS)
    assert not list(tmp_path.glob(".*journal*")) and not list(tmp_path.glob(".*.tmp"))


def test_killed_before_the_journal_nothing_changed(tmp_path: Path) -> None:
    db = tmp_path / "diary.json"
    before = [t.id for t in diary(db).twitches()]
    killed_import(db, "temps", 3)  # three month files of six written to temporary files
    store = Store.open(db, now=lambda: NOW)
    assert [t.id for t in store.twitches()] == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_journal_naming_a_file_twitchtui_would_not_write_is_never_acted_on(
    tmp_path: Path,
) -> None:
    db = tmp_path / "diary.json"
    store = diary(db)
    victim = tmp_path / "notes.txt"
    victim.write_text("mine")
    (tmp_path / ".evil.tmp").write_text("x")
    journal = store.layout.journal
    journal.write_text(json.dumps({"moves": [[".evil.tmp", "notes.txt"]]}))
    with pytest.raises(JournalRefused, match="nothing in it was done"):
        Store.open(db, now=lambda: NOW)
    assert victim.read_text() == "mine"
    assert journal.with_name(journal.name + ".damaged").exists()
    assert len(Store.open(db, now=lambda: NOW).twitches()) == MONTHS


def test_a_report_is_never_written_over_the_journal(tmp_path: Path) -> None:
    store = diary(tmp_path / "diary.json")
    assert store.owns(store.layout.journal)


def test_another_device_names_open_in_between_leaves_the_moves_to_be_made(
    tmp_path: Path,
) -> None:
    """Another $TWITCHTUI_DEVICE on this machine (or a peer seeing the files
    through Dropbox) opens the diary before this device does: it sweeps
    none of this device's temporary files, so the moves are all still made."""
    db = tmp_path / "diary.json"
    before = len(diary(db).twitches())
    killed_import(db, "moves", 1)  # the journal saved, no move made
    Store.open(db, now=lambda: NOW, device="desk")
    store = Store.open(db, now=lambda: NOW)
    assert len(store.twitches()) == before + MONTHS
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("kind", ["folder", "pipe", "link"])
def test_no_plain_file_where_the_journal_goes_is_read_nor_waited_on(
    tmp_path: Path, kind: str
) -> None:
    """A folder, a named pipe or a link in the journal's place is never
    opened for reading (a pipe would hang every command): the diary opens."""
    import os

    db = tmp_path / "diary.json"
    journal = diary(db).layout.journal
    if kind == "folder":
        journal.mkdir()
    elif kind == "pipe":
        os.mkfifo(journal)
    else:
        journal.symlink_to(tmp_path / "elsewhere.json")
    assert len(Store.open(db, now=lambda: NOW).twitches()) == MONTHS
