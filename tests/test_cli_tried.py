"""The relief toolkit from the shell: relief sessions, experiments, the
stimulant pause's kept result, the snack's food, and their exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest

from twitchtui.cli import main
from twitchtui.model import PAUSE, Twitch
from twitchtui.store import Store

from .conftest import NOW


def at(monkeypatch: pytest.MonkeyPatch, **later: float) -> None:
    monkeypatch.setenv("TWITCHTUI_NOW", (NOW + timedelta(**later)).isoformat())


def test_relief_keeps_a_session_done_away_from_the_screen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    assert main(["relief", "compress", "--db", db]) == 0
    assert main(["relief", "pmr", "--db", db, "--at", "09:15", "--minutes", "3"]) == 0
    pmr, compress = Store.open(db).day_log(NOW.date()).relief  # in order of start
    assert (compress.kind, compress.started, compress.actual_s) == (
        "warm-compress",
        NOW - timedelta(minutes=10),  # it just ended: ten minutes, the default
        600,
    )
    assert (pmr.kind, pmr.started.hour, pmr.started.minute, pmr.planned_s) == ("pmr", 9, 15, 180)
    assert "Kept: a warm compress of 10 min" in capsys.readouterr().out


def test_an_experiment_starts_shows_its_day_and_stops_with_its_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "d.json")
    assert (
        main(
            [
                "experiment",
                "start",
                "no-coffee-after",
                "--after",
                "14:00",
                "--days",
                "7",
                "--db",
                db,
            ]
        )
        == 0
    )
    assert main(["experiment", "start", "walk", "--days", "7", "--db", db]) == 2
    assert "“No coffee after 14:00” is running; stop it first" in capsys.readouterr().err
    at(monkeypatch, days=2)
    assert main(["experiment", "status", "--db", db]) == 0
    assert "Running: No coffee after 14:00, day 3 of 7." in capsys.readouterr().out
    assert main(["experiment", "stop", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Stopped. No coffee after 14:00" in out and "stopped early" in out
    assert "not enough data to compare" in out
    (done,) = Store.open(db).settings().tried
    assert done.stopped_early and done.result is not None


def test_an_experiment_ends_by_itself_after_its_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "d.json")
    assert main(["experiment", "start", "Walk", "at", "lunch", "--days", "3", "--db", db]) == 0
    at(monkeypatch, days=3)
    assert main(["experiment", "status", "--db", db]) == 0
    assert "Ended by itself: Walk at lunch" in capsys.readouterr().out
    (done,) = Store.open(db).settings().tried
    assert not done.stopped_early
    assert done.ended == (NOW + timedelta(days=3)).replace(hour=0, minute=0)


def test_a_48_hour_pause_keeps_its_result_when_it_ends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "d.json")
    store = Store.open(db)
    # Every hour awake for two days before, every other hour during.
    for hour in range(0, 96):
        moment = NOW - timedelta(hours=48) + timedelta(hours=hour)
        if 8 <= moment.hour < 22 and (moment < NOW or hour % 2 == 0):
            store.log_twitch(Twitch(at=moment))
    assert main(["pause", "--db", db]) == 0
    at(monkeypatch, hours=49)
    assert main(["pause", "--db", db, "--stop"]) == 0
    out = capsys.readouterr().out
    assert "Ended by itself: 48-hour stimulant pause" in out
    assert "fewer twitches per waking hour" in out
    assert "No stimulant pause is running." in out
    (done,) = Store.open(db).settings().tried
    assert done.result is not None
    assert (done.name, done.result.enough) == (PAUSE, True)


def test_the_snack_keeps_its_food(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.json")
    assert main(["snack", "--db", db, "--food", "Black  Beans"]) == 0
    log = Store.open(db).day_log(NOW.date())
    assert (log.snack, log.snack_food) == (True, "black beans")
    assert main(["snack", "--db", db, "--undo"]) == 0
    log = Store.open(db).day_log(NOW.date())
    assert (log.snack, log.snack_food) == (False, "")


def test_exports_list_relief_and_experiments_by_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    assert main(["relief", "pmr", "--db", db]) == 0
    assert main(["experiment", "start", "early-bed", "--days", "5", "--db", db]) == 0
    capsys.readouterr()
    assert main(["export", "--db", db]) == 0
    doc = json.loads(capsys.readouterr().out)
    (session,) = doc["relief"]
    assert (session["kind"], session["type"], session["date"]) == ("relief", "pmr", "2026-11-18")
    assert [e["kind"] for e in doc["experiments"]] == ["experiment"]
    assert "relief" not in doc["days"][0] and "experiment" not in doc["settings"]
    assert main(["export", "--db", db, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    kinds = {row["kind"]: row for row in rows}
    assert kinds["relief"]["type"] == "pmr" and kinds["relief"]["finished"] == "yes"
    assert kinds["experiment"]["name"] == "Bed an hour earlier"


def test_relief_sessions_come_back_from_an_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, copy = str(tmp_path / "d.json"), str(tmp_path / "copy.json")
    assert main(["relief", "compress", "--db", db]) == 0
    capsys.readouterr()
    assert main(["export", "--db", db]) == 0
    exported = tmp_path / "export.json"
    exported.write_text(capsys.readouterr().out)
    assert main(["import", str(exported), "--db", copy]) == 0
    assert Store.open(copy).day_log(NOW.date()).relief == Store.open(db).day_log(NOW.date()).relief
