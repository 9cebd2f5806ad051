"""An import checks each twitch once: the store trusts the twitches the
importer's reader checked (``CheckedTwitches``, which only ``TwitchChecks``
makes), and checks everything else as before. The month files of a restore
are made and written one at a time, and it still writes every file or none."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from twitchtui.cli import main
from twitchtui.export import EXPORT_SCHEMA as SCHEMA
from twitchtui.export import to_json
from twitchtui.importer import plan, read_export
from twitchtui.model import DayLog, InvalidEntry, SelfCheck, Settings, Twitch
from twitchtui.model.checked import CheckedTwitches, TwitchChecks
from twitchtui.store import DiaryReadOnly, FileSystem, Store
from twitchtui.store.writer import DiaryWriter

from .conftest import NOW


def months_of_twitches(count: int = 6) -> list[Twitch]:
    """A twitch on the 10th of each of ``count`` months up to NOW's."""
    return [
        Twitch(at=(NOW - timedelta(days=31 * k)).replace(day=10, hour=9, microsecond=0))
        for k in range(count)
    ]


def counting(monkeypatch: pytest.MonkeyPatch) -> list[Twitch]:
    """``Twitch.validated`` still runs, each call noted."""
    calls: list[Twitch] = []
    real = Twitch.validated

    def validated(self: Twitch, now: datetime) -> Twitch:
        calls.append(self)
        return real(self, now)

    monkeypatch.setattr(Twitch, "validated", validated)
    return calls


def test_checked_twitches_are_made_only_by_checking_them() -> None:
    with pytest.raises(TypeError):
        CheckedTwitches((Twitch(at=NOW),), NOW, object())
    checks = TwitchChecks(NOW)
    with pytest.raises(InvalidEntry):
        checks.check(Twitch(at=NOW, intensity=9))
    good = checks.check(Twitch(at=NOW, note="  a note  "))
    assert good.note == "a note"  # what ``validated`` returned is what is kept
    done = checks.checked()
    assert type(done) is CheckedTwitches and list(done) == [good] and done.until == NOW
    # A slice, a copy or a filtered tuple is no longer known to be checked;
    # ``only`` keeps a part of it checked.
    assert type(done[:]) is tuple and type(tuple(done)) is tuple
    assert type(done.only(lambda t: True)) is CheckedTwitches
    assert done.only(lambda t: False) == ()


def test_restore_does_not_check_again_what_the_import_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    twitches = months_of_twitches()
    text = to_json(twitches, [], Settings(), NOW, SCHEMA)
    calls = counting(monkeypatch)
    data = read_export(text, newest_schema=SCHEMA, now=NOW)
    assert len(calls) == len(twitches)  # the reader checks each one once
    store = Store.open(tmp_path / "diary.json", now=lambda: NOW)
    what = plan(data, [], {}, store.settings())
    assert isinstance(what.new_twitches, CheckedTwitches)
    calls.clear()
    assert store.restore(what.new_twitches, what.new_days, until=data.until or NOW) == 6
    assert calls == []  # the store trusted them
    assert [t.to_doc() for t in store.twitches()] == [
        t.to_doc() for t in sorted(data.twitches, key=lambda t: t.at)
    ]
    # The same twitches given as a plain tuple are checked, one call each.
    again = Store.open(tmp_path / "again" / "diary.json", now=lambda: NOW)
    again.restore(tuple(what.new_twitches), (), until=NOW)
    assert len(calls) == len(twitches)


def test_twitches_checked_against_a_later_moment_are_checked_again(tmp_path: Path) -> None:
    """Trusted only if their check was at least as strict as the store's."""
    checks = TwitchChecks(NOW + timedelta(days=30))
    ahead = checks.check(Twitch(at=NOW + timedelta(days=5)))
    store = Store.open(tmp_path / "diary.json", now=lambda: NOW)
    with pytest.raises(InvalidEntry, match="is later than"):
        store.restore(checks.checked(), until=NOW)
    assert store.twitches() == []
    store.restore(checks.checked(), until=NOW + timedelta(days=30))
    assert store.twitches() == [ahead]


def test_a_hostile_twitch_after_thousands_of_good_ones_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = [Twitch(at=NOW - timedelta(minutes=37 * k)).to_doc() for k in range(3000)]
    bad = {**good[0], "id": "f" * 32, "intensity": "3"}
    doc = json.loads(to_json([], [], Settings(), NOW, SCHEMA))
    doc["twitches"] = [*good, bad]
    file = tmp_path / "in.json"
    file.write_text(json.dumps(doc))
    db = tmp_path / "new" / "diary.json"
    assert main(["import", str(file), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "twitch number 3001 in" in err and "intensity" in err
    assert not db.parent.exists() or not list(db.parent.glob("diary.*-*.json"))
    # An id given twice is named by both entries, as before.
    doc["twitches"] = [*good, good[10]]
    file.write_text(json.dumps(doc))
    assert main(["import", str(file), "--db", str(db)]) == 2
    assert "twitch number 3001 in" in (err := capsys.readouterr().err)
    assert "is also in twitch number 11 in" in err


def test_a_day_or_a_self_check_given_twice_is_named_with_both_entries() -> None:
    check = SelfCheck(NOW - timedelta(hours=2), {"droop": "days"}, id="c" * 32)
    day = DayLog((NOW - timedelta(days=1)).date(), water_ml=500, checks=(check,))
    doc = json.loads(to_json([], [day], Settings(), NOW, SCHEMA))
    other = {**doc["days"][0], "day": NOW.date().isoformat()}
    cases = {
        "the day " + day.day.isoformat(): [doc["days"][0], doc["days"][0]],
        "the self-check id " + "c" * 32: [doc["days"][0], other],
    }
    for what, days in cases.items():
        with pytest.raises(InvalidEntry) as refused:
            read_export(json.dumps({**doc, "days": days}), newest_schema=SCHEMA, now=NOW)
        assert refused.value.message == (
            f"day number 2 in the file: {what} is also in day number 1 in the file"
        )


def test_a_read_only_last_month_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    """The months before it were already in their temporary files: those go."""
    store = Store.open(tmp_path / "diary.json", now=lambda: NOW)
    store.log_twitch(Twitch(at=NOW - timedelta(days=2)))
    last = store.layout.shard(f"{NOW:%Y-%m}")
    last.chmod(0o400)
    before = {p: p.read_bytes() for p in tmp_path.glob("diary*")}
    with pytest.raises(DiaryReadOnly, match=last.name):
        store.merge(months_of_twitches())
    assert {p: p.read_bytes() for p in tmp_path.glob("diary*")} == before
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_a_month_that_cannot_be_made_leaves_every_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(tmp_path / "diary.json", now=lambda: NOW)
    store.log_twitch(Twitch(at=NOW - timedelta(days=2)))
    before = {p: p.read_bytes() for p in tmp_path.glob("diary*")}
    real = DiaryWriter.month_file
    made: list[str] = []

    def month_file(self: DiaryWriter, month: str, tables: dict[str, dict[str, object]]) -> object:
        made.append(month)
        if len(made) == 4:
            raise RuntimeError("made to fail")
        return real(self, month, tables)  # type: ignore[arg-type]

    monkeypatch.setattr(DiaryWriter, "month_file", month_file)
    with pytest.raises(RuntimeError):
        store.merge(months_of_twitches())
    assert {p: p.read_bytes() for p in tmp_path.glob("diary*")} == before
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_the_month_files_are_made_as_they_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each month's document is made just before its temporary file is
    written, not all of them first: the whole diary is never held as
    documents and bytes at once."""
    events: list[str] = []
    real = DiaryWriter.month_file

    def month_file(self: DiaryWriter, month: str, tables: dict[str, dict[str, object]]) -> object:
        events.append(f"made {month}")
        return real(self, month, tables)  # type: ignore[arg-type]

    class Noting(FileSystem):
        def mkstemp(self, folder: Path, prefix: str) -> tuple[int, str]:
            if ".journal" not in prefix:  # the list of moves, once all are written
                events.append(f"wrote {prefix.split('.')[2]}")
            return super().mkstemp(folder, prefix)

    monkeypatch.setattr(DiaryWriter, "month_file", month_file)
    store = Store.open(tmp_path / "diary.json", now=lambda: NOW, fs=Noting())
    events.clear()
    twitches = months_of_twitches(5)
    store.merge(twitches)
    months = sorted(f"{t.at:%Y-%m}" for t in twitches)
    # Two months are made first (to tell one file from several), then each
    # one just before it is written.
    want = [f"made {months[0]}", f"made {months[1]}", f"wrote {months[0]}", f"wrote {months[1]}"]
    for month in months[2:]:
        want += [f"made {month}", f"wrote {month}"]
    assert events == want
    assert sorted(store.twitches(), key=lambda t: t.at) == sorted(twitches, key=lambda t: t.at)
