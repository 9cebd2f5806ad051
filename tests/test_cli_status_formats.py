"""``twitchtui status --format``: the same figures for a status bar."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from twitchtui.cli import main
from twitchtui.cli.status import FORMATS
from twitchtui.model import Twitch
from twitchtui.store import Store

from .conftest import NOW


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["status", *args]) == 0
    return capsys.readouterr().out


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "d.json"
    assert main(["log", "--db", str(path), "--at", "13:00"]) == 0
    assert main(["snack", "--db", str(path)]) == 0
    return path


def test_text_keeps_todays_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    line = run(capsys, "--db", str(db))
    assert line == run(capsys, "--db", str(db), "--format", "text")
    assert line == "1 twitch today · last 1 h ago · checklist 1/4\n"


def test_json_carries_the_figures(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    data = json.loads(run(capsys, "--db", str(db), "--format", "json"))
    assert data["count"] == 1
    assert data["last"] == NOW.replace(hour=13, minute=0).isoformat(timespec="minutes")
    assert data["checklist"] == {"done": 1, "answered": 1, "total": 4}
    assert data["worst_tier"] is None
    assert data["urgent"] is False


def test_json_tells_done_from_answered(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A glass of water is an answer, not the 2 L: the bar's "1/4" stays the
    items done, and "answered" counts the water too."""
    assert main(["water", "+1", "--db", str(db)]) == 0
    capsys.readouterr()
    data = json.loads(run(capsys, "--db", str(db), "--format", "json"))
    assert data["checklist"] == {"done": 1, "answered": 2, "total": 4}
    assert run(capsys, "--db", str(db), "--format", "tmux").endswith("1 · 1/4\n")


def test_an_urgent_answer_shows_in_every_bar_format(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["selfcheck", "--droop", "--sudden", "--db", str(db)]) == 0
    capsys.readouterr()
    data = json.loads(run(capsys, "--db", str(db), "--format", "json"))
    assert data["urgent"] is True
    assert data["worst_tier"] == "emergency"
    bar = json.loads(run(capsys, "--db", str(db), "--format", "waybar"))
    assert bar["class"] == "urgent"
    assert bar["text"].startswith("! ")
    assert "emergency" in bar["tooltip"]
    assert run(capsys, "--db", str(db), "--format", "tmux").startswith("#[fg=red]! ")


def test_waybar_has_text_tooltip_and_class(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    bar = json.loads(run(capsys, "--db", str(db), "--format", "waybar"))
    assert set(bar) == {"text", "tooltip", "class"}
    assert bar["text"] == "1 · 1/4"
    assert bar["tooltip"].startswith("1 twitch today")
    assert bar["class"] == "clear"


def test_tmux_is_a_short_segment(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(capsys, "--db", str(db), "--format", "tmux") == "1 · 1/4\n"


def test_a_routine_flag_colours_the_tmux_segment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.json"
    store = Store.open(db)
    for days in range(1, 20):  # twitching every day for weeks: worth a routine visit
        store.log_twitch(Twitch(at=NOW.replace(hour=9) - timedelta(days=days)))
    capsys.readouterr()
    data = json.loads(run(capsys, "--db", str(db), "--format", "json"))
    assert data["worst_tier"] == "routine"
    assert run(capsys, "--db", str(db), "--format", "tmux").startswith("#[fg=yellow]")


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_format_creates_a_diary(fmt: str, tmp_path: Path) -> None:
    db = tmp_path / "none.json"
    assert main(["status", "--db", str(db), "--format", fmt]) == 1
    assert not db.exists()


def test_a_twitch_ahead_of_this_clock_is_never_just_now(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another machine's clock a day fast (or an import) can put the latest
    twitch in this machine's future: the bar says so, not "just now"."""
    path = tmp_path / "d.json"
    ahead = Store.open(path, now=lambda: NOW + timedelta(days=1), device="desk")
    ahead.log_twitch(Twitch(at=NOW + timedelta(days=1)))
    capsys.readouterr()
    data = json.loads(run(capsys, "--db", str(path), "--format", "json"))
    assert data["last_ago"] == "ahead of this clock"
