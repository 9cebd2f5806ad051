"""The command-line contract: output, exit codes, and nothing written on bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from twitchtui.cli import main
from twitchtui.export import CSV_COLUMNS
from twitchtui.store import Store

from .conftest import run_twitchtui

run = run_twitchtui


def test_log_prints_one_line_and_saves(tmp_path: Path) -> None:
    db = tmp_path / "d.json"
    done = run(
        "log",
        "--db",
        str(db),
        "--site",
        "lower-lip",
        "--side",
        "right",
        "--intensity",
        "3",
        "--duration",
        "12",
        "--note",
        "after lunch",
        "--trigger",
        "stress",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1
    assert "lower-lip, right, intensity 3" in done.stdout
    [t] = Store.open(db).twitches()
    assert (t.site, t.side, t.intensity, t.duration_s, t.note, t.triggers) == (
        "lower-lip",
        "right",
        3,
        12,
        "after lunch",
        ("stress",),
    )


def test_log_reuses_the_last_site_and_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    assert main(["log", "--db", db, "--site", "cheek", "--side", "both"]) == 0
    assert main(["log", "--db", db]) == 0
    assert [(t.site, t.side) for t in Store.open(db).twitches()] == [("cheek", "both")] * 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--intensity", "9"], "intensity must be from 1 to 5, not 9"),
        (["--duration", "-3"], "duration must be from 0"),
        (["--at", "yesterday"], "is not a time"),
        (["--at", "2099-01-01T10:00:00+00:00"], "is later than now"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    tmp_path: Path, args: list[str], message: str
) -> None:
    db = tmp_path / "d.json"
    Store.open(db)
    before = sorted(p.name for p in tmp_path.iterdir())
    done = run("log", "--db", str(db), *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Nothing was saved" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_unknown_site_is_a_usage_error(tmp_path: Path) -> None:
    done = run("log", "--db", str(tmp_path / "d.json"), "--site", "elbow")
    assert done.returncode == 2
    assert "invalid choice: 'elbow'" in done.stderr
    assert not (tmp_path / "d.json").exists()


def test_env_var_chooses_the_diary(tmp_path: Path) -> None:
    db = tmp_path / "env.json"
    env = {"TWITCHTUI_DB": str(db), "PATH": "/usr/bin:/bin"}
    assert run("log", env=env).returncode == 0
    assert len(Store.open(db).twitches()) == 1


def test_damaged_diary_exits_1_with_one_clear_line(tmp_path: Path) -> None:
    db = tmp_path / "d.json"
    db.write_text("{oops")
    done = run("status", "--db", str(db))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert str(db) in done.stderr and "not valid JSON" in done.stderr
    assert "left untouched" in done.stderr
    assert db.read_text() == "{oops"


def test_status_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.json")
    assert main(["status", "--db", db]) == 1  # only reads: never creates a diary
    assert "there is no diary at" in capsys.readouterr().err and not list(tmp_path.iterdir())
    assert main(["water", "--db", db, "+1"]) == 0 and main(["water", "--db", db, "-1"]) == 0
    capsys.readouterr()
    assert main(["status", "--db", db]) == 0
    assert capsys.readouterr().out == "0 twitches today · none logged yet · checklist 0/4\n"
    main(["log", "--db", db])
    capsys.readouterr()
    main(["status", "--db", db])
    assert capsys.readouterr().out == "1 twitch today · last just now · checklist 0/4\n"


def test_demo_is_reproducible_and_export_round_trips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = str(tmp_path / "a.json"), str(tmp_path / "b.json")
    assert main(["demo", "--db", a, "--days", "20", "--seed", "5"]) == 0
    assert main(["demo", "--db", b, "--days", "20", "--seed", "5"]) == 0
    capsys.readouterr()
    main(["export", "--db", a, "--format", "json"])
    doc_a = json.loads(capsys.readouterr().out)
    main(["export", "--db", b, "--format", "json"])
    doc_b = json.loads(capsys.readouterr().out)
    doc_a.pop("exported_at"), doc_b.pop("exported_at")
    assert doc_a == doc_b
    assert len(doc_a["days"]) == 20
    assert len(doc_a["twitches"]) > 20

    main(["export", "--db", a, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    kinds = [r["kind"] for r in rows]
    assert kinds.count("twitch") == len(doc_a["twitches"])
    assert kinds.count("day") == 20


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("09:05", "2026-11-18 09:05"),
        ("yesterday 23:40", "2026-11-17 23:40"),
        ("2026-11-10T08:00", "2026-11-10 08:00"),
        ("2026-11-10 08:00", "2026-11-10 08:00"),
    ],
)
def test_log_at_accepts_a_time_yesterday_or_iso(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, expected: str
) -> None:
    db = tmp_path / "d.json"
    assert main(["log", "--db", str(db), "--at", typed]) == 0
    (twitch,) = Store.open(db).twitches()
    assert f"{twitch.at:%Y-%m-%d %H:%M}" == expected


@pytest.mark.parametrize("typed", ["23:59", "tomorrow 10:00", "25:00", "soon"])
def test_log_at_refuses_the_future_and_nonsense(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    db = tmp_path / "d.json"
    assert main(["log", "--db", str(db), "--at", typed]) != 0
    err = capsys.readouterr().err
    assert "--at" in err and ("later than now" in err or "is not a time" in err)
    assert not Store.open(db).twitches()


def test_habit_add_tick_and_a_second_of_the_same_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    assert main(["habit", "add", "walk", "--target", "2", "--db", db]) == 0
    assert main(["habit", "add", "Walk", "--db", db]) == 2
    assert "'Walk' is already on your list" in capsys.readouterr().err
    assert main(["habit", "tick", "walk", "--db", db]) == 0
    assert main(["habit", "tick", "walk", "--undo", "--db", db]) == 0
    assert main(["habit", "tick", "walk", "--undo", "--db", db]) == 0  # never below none
    store = Store.open(db)
    assert [h.name for h in store.settings().habits] == ["walk"]
    assert all(not log.habits for log in store.day_logs().values())


def test_a_habit_added_again_in_another_case_keeps_its_ticks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Names are one habit whatever their case: "meditate" removed and added
    again as "Meditate" still shows today's tick, and the next tick adds to it."""
    db = str(tmp_path / "d.json")
    assert main(["habit", "add", "meditate", "--target", "2", "--db", db]) == 0
    assert main(["habit", "tick", "meditate", "--db", db]) == 0
    assert main(["habit", "remove", "meditate", "--db", db]) == 0
    assert main(["habit", "add", "Meditate", "--target", "2", "--db", db]) == 0
    capsys.readouterr()
    assert main(["habit", "list", "--db", db]) == 0
    assert "Meditate: 1/2 today" in capsys.readouterr().out
    assert main(["habit", "tick", "Meditate", "--db", db]) == 0
    assert "Meditate: 2/2 on" in capsys.readouterr().out
    (log,) = Store.open(db).day_logs().values()
    assert log.habits == {"meditate": 1, "Meditate": 1}, "each spelling keeps its own ticks"
