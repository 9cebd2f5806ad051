"""`twitchtui import`: an export restores into a fresh diary exactly, a second
import changes nothing, --dry-run changes nothing, and a newer file is refused."""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twitchtui.cli import main
from twitchtui.export import EXPORT_SCHEMA as SCHEMA
from twitchtui.export import to_json
from twitchtui.importer import ExportTooNew, plan, read_export
from twitchtui.model import DayLog, Habit, Settings, Twitch
from twitchtui.store import Store

from .conftest import NOW
from .test_properties_store import day_logs, twitches

own_habits = st.dictionaries(
    st.sampled_from(["stretch", "walk", "tea"]), st.integers(1, 5), max_size=2
)
diary_days = st.builds(
    lambda log, alcohol, screen, habits: replace(
        log, alcohol=alcohol, screen_h=screen, habits=habits
    ),
    day_logs,
    st.none() | st.booleans(),
    st.none() | st.integers(0, 48).map(lambda n: n / 2),
    own_habits,
)
chosen_settings = st.builds(
    Settings,
    water_target_ml=st.integers(250, 4000),
    glass_ml=st.sampled_from([200, 250, 300]),
    day_start_hour=st.integers(0, 6),
    habits=st.just((Habit("walk", 2, True), Habit("tea"))) | st.just(()),
)


def export_of(store: Store) -> str:
    return to_json(
        store.twitches(), store.day_logs().values(), store.settings(), store.now(), SCHEMA
    )


def one_day_per_session(logs: list[DayLog]) -> bool:
    """A relief session (its id comes from its kind and start) is on one day only."""
    ids = [r.id for log in logs for r in log.relief]
    return len(ids) == len(set(ids))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(twitches, max_size=8, unique_by=lambda t: t.id),
    st.lists(diary_days, max_size=6, unique_by=lambda d: d.day).filter(one_day_per_session),
    chosen_settings,
)
def test_export_import_round_trip_gives_the_same_export(
    items: list[Twitch], logs: list[DayLog], chosen: Settings
) -> None:
    with tempfile.TemporaryDirectory(prefix="twitchtui-import-") as folder:
        first = Store.open(Path(folder) / "a.json", now=lambda: NOW)
        first.merge(items, logs)
        first.save_settings(chosen)
        exported = export_of(first)
        file = Path(folder) / "export.json"
        file.write_text(exported)
        fresh = Path(folder) / "b.json"
        assert main(["import", "--db", str(fresh), str(file)]) == 0
        assert export_of(Store.open(fresh, now=lambda: NOW)) == exported
        # Idempotent: the second import changes nothing at all.
        files = {p: p.read_bytes() for p in Path(folder).glob("b*.json")}
        assert main(["import", "--db", str(fresh), str(file)]) == 0
        assert {p: p.read_bytes() for p in Path(folder).glob("b*.json")} == files


def _diary(tmp_path: Path) -> tuple[Store, Path]:
    store = Store.open(tmp_path / "a.json", now=lambda: NOW)
    store.log_twitch(Twitch(at=NOW, site="eye"))
    store.update_day(NOW.date(), lambda log: replace(log, water_ml=500))
    file = tmp_path / "export.json"
    file.write_text(export_of(store))
    return store, file


@pytest.mark.parametrize("laid_out", [True, False])
def test_an_export_saved_with_a_byte_order_mark_is_read(tmp_path: Path, laid_out: bool) -> None:
    """Notepad saves UTF-8 with a byte-order mark: such a file was refused
    ("Unexpected UTF-8 BOM"). Both readers: an export as written (streamed)
    and one laid out otherwise (read whole)."""
    store, file = _diary(tmp_path)
    text = file.read_text()
    if not laid_out:
        text = json.dumps(json.loads(text), indent=1, sort_keys=True)
    file.write_bytes(b"\xef\xbb\xbf" + text.encode())
    fresh = tmp_path / "b.json"
    assert main(["import", "--db", str(fresh), str(file)]) == 0
    assert export_of(Store.open(fresh, now=lambda: NOW)) == export_of(store)


def test_dry_run_says_what_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, file = _diary(tmp_path)
    target = tmp_path / "b.json"
    Store.open(target, now=lambda: NOW)
    before = {p: p.read_bytes() for p in tmp_path.glob("b*")}
    assert main(["import", "--db", str(target), str(file), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Twitches: 1 would be added" in out and "Day logs: 1 would be added" in out
    assert {p: p.read_bytes() for p in tmp_path.glob("b*")} == before


def test_replacing_keeps_the_diary_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, file = _diary(tmp_path)
    store.update_day(NOW.date(), lambda log: replace(log, water_ml=1500))  # newer than the file
    assert main(["import", "--db", str(store.path), str(file)]) == 0
    out = capsys.readouterr().out
    assert "Day logs: 0 were added, 1 replaced" in out
    (kept,) = tmp_path.glob("before-import-*.json")
    assert kept.stat().st_mode & 0o777 == 0o600
    assert json.loads(kept.read_text())["days"][0]["water_ml"] == 1500
    assert Store.open(store.path, now=lambda: NOW).day_log(NOW.date()).water_ml == 500


def test_a_newer_schema_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, file = _diary(tmp_path)
    doc = json.loads(file.read_text())
    doc["schema"] = SCHEMA + 1
    file.write_text(json.dumps(doc))
    with pytest.raises(ExportTooNew):
        read_export(file.read_text(), newest_schema=SCHEMA, now=NOW)
    target = tmp_path / "b.json"
    assert main(["import", "--db", str(target), str(file)]) == 2
    assert "newer twitchtui" in capsys.readouterr().err
    assert not Store.open(target, now=lambda: NOW).twitches()


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "{}",
        '{"app": "twitchtui"}',
        '{"app": "twitchtui", "schema": 2, '
        '"twitches": [{"id": "x", "at": "2026-11-18T10:00:00+01:00", "site": "nose", '
        '"side": "left", "intensity": 1}]}',
    ],
)
def test_a_wrong_file_is_refused_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    file = tmp_path / "in.json"
    file.write_text(text)
    assert main(["import", "--db", str(tmp_path / "b.json"), str(file)]) == 2
    assert "Nothing was saved" in capsys.readouterr().err


def test_your_own_settings_are_kept_unless_asked(tmp_path: Path) -> None:
    _, file = _diary(tmp_path)
    doc = json.loads(file.read_text())
    doc["settings"]["water_target_ml"] = 3000
    data = read_export(json.dumps(doc), newest_schema=SCHEMA, now=NOW)
    mine = Settings(water_target_ml=2500, patient_name="A. Person")
    assert plan(data, [], {}, mine).settings is None
    taken = plan(data, [], {}, mine, replace_settings=True).settings
    assert taken is not None and taken.water_target_ml == 3000
    assert taken.patient_name == "A. Person"  # never in an export, never overwritten
    planned = plan(data, [], {}, Settings()).settings
    assert planned is not None and planned.water_target_ml == 3000


def test_patient_details_never_reach_an_export() -> None:
    chosen = Settings(patient_name="A. Person", patient_born=date(1980, 5, 1))
    text = to_json([], [], chosen, NOW, SCHEMA)
    assert "A. Person" not in text and "1980" not in text


def test_an_import_never_removes_a_self_check_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A restore of an export taken before an urgent answer keeps the answer:
    the day's records are joined by id, never replaced."""
    db = str(tmp_path / "d.json")
    assert main(["selfcheck", "--db", db, "--pulling"]) == 0
    capsys.readouterr()
    assert main(["export", "--db", db, "--format", "json"]) == 0
    older = tmp_path / "older.json"
    older.write_text(capsys.readouterr().out)
    assert main(["selfcheck", "--db", db, "--speech", "--sudden"]) == 0
    capsys.readouterr()
    assert main(["import", "--db", db, str(older)]) == 0
    capsys.readouterr()
    log = Store.open(db, now=lambda: NOW).day_log(NOW.date())
    assert [c.signs for c in log.checks] == [{"pulling": "unsure"}, {"speech": "sudden"}]
    assert main(["flags", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["tier"] == "emergency"
