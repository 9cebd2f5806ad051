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
from twitchtui.store import DiaryDamaged, Store

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
    with pytest.raises(DiaryDamaged):
        Store.open(db, now=lambda: NOW)
    assert victim.read_text() == "mine"
    assert journal.with_name(journal.name + ".damaged").exists()
    assert len(Store.open(db, now=lambda: NOW).twitches()) == MONTHS


def test_a_report_is_never_written_over_the_journal(tmp_path: Path) -> None:
    store = diary(tmp_path / "diary.json")
    assert store.owns(store.layout.journal)
