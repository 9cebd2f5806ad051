"""The status-bar formats' result cache skips the red-flag checks while
nothing changed, and never changes an answer: every change to a diary file,
the clock crossing a tier's boundary, the locale, or a damaged cache file
gives the answer the checks give, at once."""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterator, Mapping
from datetime import timedelta
from pathlib import Path

import pytest

from twitchtui.cli import main, status_cache
from twitchtui.cli.running import read_clock
from twitchtui.machine import cache_dir
from twitchtui.redflags import contacts
from twitchtui.store import Store
from twitchtui.views import load_findings

from .conftest import NOW

FORMATS = ("json", "waybar", "tmux")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "diary.json"
    assert main(["log", "--db", str(path), "--at", "13:00"]) == 0
    return path


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many times the checks ran (each item: one run)."""
    runs: list[int] = []
    real = status_cache.compute

    def counting(store: Store, now: object) -> object:
        runs.append(1)
        return real(store, now)  # type: ignore[arg-type]

    monkeypatch.setattr(status_cache, "compute", counting)
    yield runs


def flags(capsys: pytest.CaptureFixture[str], db: Path) -> dict[str, object]:
    """``status --format json``'s flags, checked against the checks run
    directly on the diary as it is, so no test can pass on a stale answer."""
    capsys.readouterr()
    assert main(["status", "--db", str(db), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    got = {k: data[k] for k in status_cache.FLAG_KEYS}
    findings = load_findings(Store.open(db, now=read_clock()))
    assert got == {
        "worst_tier": findings[0].tier if findings else None,
        "urgent": any(f.urgent for f in findings),
        "worst_title": findings[0].title if findings else None,
        "incomplete": any(f.id == "unread" for f in findings),
    }
    return got


def test_a_second_call_takes_the_answer_from_the_cache(
    db: Path, capsys: pytest.CaptureFixture[str], computed: list[int]
) -> None:
    for fmt in FORMATS:
        capsys.readouterr()
        assert main(["status", "--db", str(db), "--format", fmt]) == 0
        first = capsys.readouterr().out
        assert main(["status", "--db", str(db), "--format", fmt]) == 0
        assert capsys.readouterr().out == first
    assert len(computed) == 1  # one run for all three formats and six calls


def test_a_new_twitch_is_a_new_answer_at_once(
    db: Path, capsys: pytest.CaptureFixture[str], computed: list[int]
) -> None:
    flags(capsys, db)
    for hour in range(8, 12):
        assert main(["log", "--db", str(db), "--at", f"{hour}:00"]) == 0
        flags(capsys, db)
    assert len(computed) == 5


def test_an_urgent_self_check_shows_at_once(
    db: Path,
    capsys: pytest.CaptureFixture[str],
    computed: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert flags(capsys, db)["urgent"] is False
    assert flags(capsys, db)["urgent"] is False
    assert main(["selfcheck", "--droop", "--sudden", "--db", str(db)]) == 0
    got = flags(capsys, db)
    assert got["urgent"] is True and got["worst_tier"] == "emergency"
    monkeypatch.setenv("TWITCHTUI_NOW", (NOW + timedelta(minutes=10)).isoformat())
    assert flags(capsys, db)["urgent"] is True
    assert main(["selfcheck", "--seen-clinician", NOW.date().isoformat(), "--db", str(db)]) == 0
    assert flags(capsys, db)["urgent"] is False  # the visit closes it, at once too
    assert len(computed) == 3  # once before, once after each answer


def test_any_file_of_the_diary_counts_whatever_its_name(
    db: Path, capsys: pytest.CaptureFixture[str], computed: list[int]
) -> None:
    """Per-device files (``diary.2026-11.laptop.json``) are not read by this
    store yet, but the key covers every file named after the diary."""
    flags(capsys, db)
    (db.parent / "notes.txt").write_text("not the diary's")
    flags(capsys, db)
    assert len(computed) == 1
    device = db.parent / "diary.settings.laptop.json"
    device.write_text("{}")
    flags(capsys, db)
    assert len(computed) == 2
    os.utime(device, ns=(0, 0))  # only its mtime moves
    flags(capsys, db)
    device.unlink()
    flags(capsys, db)
    assert len(computed) == 4


def test_a_rewritten_file_of_the_same_size_and_time_is_a_new_key(db: Path) -> None:
    """A file replaced by a rename keeps its name, size and even mtime, not its inode."""
    month = next(db.parent.glob("diary.*-*.json"))
    before = status_cache.signatures(db)
    copy = month.with_name("copy")
    copy.write_bytes(month.read_bytes())
    got = month.stat()
    os.utime(copy, ns=(got.st_atime_ns, got.st_mtime_ns))
    os.replace(copy, month)
    assert status_cache.signatures(db) != before


def test_the_clock_crossing_a_tier_boundary_is_a_new_answer(
    db: Path,
    capsys: pytest.CaptureFixture[str],
    computed: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An emergency answer becomes a same-day one EMERGENCY_HOURS after its
    instant, with no file changing: the entry is not used past that moment."""
    rules = sys.modules["twitchtui.redflags.answers"]  # the package's name is its function
    monkeypatch.setattr(rules, "EMERGENCY_HOURS", 2)  # within one day
    assert main(["selfcheck", "--droop", "--sudden", "--db", str(db)]) == 0
    at = NOW
    for hours, tier in ((0.5, "emergency"), (1.5, "emergency"), (2.5, "same-day"), (3, "same-day")):
        monkeypatch.setenv("TWITCHTUI_NOW", (at + timedelta(hours=hours)).isoformat())
        assert flags(capsys, db)["worst_tier"] == tier
    assert len(computed) == 2  # the first, and the first past the boundary
    monkeypatch.setenv("TWITCHTUI_NOW", (at + timedelta(hours=1)).isoformat())
    assert flags(capsys, db)["worst_tier"] == "emergency"  # the clock went back


def test_the_locale_is_part_of_the_key(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["selfcheck", "--droop", "--sudden", "--db", str(db)]) == 0
    assert flags(capsys, db)["worst_title"] == "Call 999 now"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert flags(capsys, db)["worst_title"] == "Call 112 now"


def test_the_locale_read_is_all_in_the_key() -> None:
    """``contacts`` reads only variables the key carries (``LANG*``, ``LC_*``)."""

    asked: list[str] = []

    class Seen(Mapping[str, str]):
        def __getitem__(self, name: str) -> str:
            asked.append(name)
            raise KeyError(name)

        def __iter__(self) -> Iterator[str]:
            return iter(())

        def __len__(self) -> int:
            return 0

    contacts.contacts("", Seen())
    assert asked and all(k.startswith(("LANG", "LC_")) for k in asked)


@pytest.mark.parametrize(
    "damage",
    [b"", b"{", b"\x00\x00", b"[]", b'{"key": 1}', "not json \u00e9".encode(), None],
)
def test_a_damaged_cache_is_worked_out_again(
    db: Path, capsys: pytest.CaptureFixture[str], damage: bytes | None
) -> None:
    assert main(["selfcheck", "--droop", "--sudden", "--db", str(db)]) == 0
    where = status_cache.cache_file(Store.open(db).path)
    flags(capsys, db)
    if damage is None:  # the right key, flags of the wrong type
        entry = json.loads(where.read_text())
        where.write_text(json.dumps({**entry, "urgent": "yes", "worst_tier": 3}))
    else:
        where.write_bytes(damage)
    got = flags(capsys, db)
    assert got["urgent"] is True
    assert capsys.readouterr().err == ""
    assert json.loads(where.read_text())["urgent"] is True  # and kept right again


def test_a_forged_entry_for_another_day_is_not_used(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags(capsys, db)
    where = status_cache.cache_file(Store.open(db).path)
    entry = json.loads(where.read_text())
    entry["key"]["day"] = "2026-11-17"
    where.write_text(json.dumps({**entry, "urgent": True, "worst_tier": "emergency"}))
    assert flags(capsys, db)["urgent"] is False


def test_the_cache_is_private_and_outside_the_diary_folder(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags(capsys, db)
    where = status_cache.cache_file(Store.open(db).path)
    assert where.parent == cache_dir()
    assert stat.S_IMODE(where.stat().st_mode) == 0o600
    assert not where.is_relative_to(db.parent)
    assert [p.name for p in cache_dir().iterdir() if p.name.endswith(".tmp")] == []


def test_an_unwritable_cache_folder_is_no_error(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = db.parent / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("TWITCHTUI_CACHE_DIR", str(blocked / "cache"))
    assert flags(capsys, db)["urgent"] is False
    assert capsys.readouterr().err == ""


def test_a_change_while_the_checks_run_keeps_nothing(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write landing between the key and the end of the checks: the answer
    is given, but not kept under a key it may not match."""
    real = status_cache.compute

    def racing(store: Store, now: object) -> object:
        got = real(store, now)  # type: ignore[arg-type]
        assert main(["log", "--db", str(db), "--at", "09:00"]) == 0
        return got

    monkeypatch.setattr(status_cache, "compute", racing)
    capsys.readouterr()
    assert main(["status", "--db", str(db), "--format", "json"]) == 0
    assert not status_cache.cache_file(Store.open(db).path).exists()
