"""``--help`` documents the clock and the exit codes; the dashboard's
clock for ``TWITCHTUI_NOW`` starts there and runs on."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from twitchtui.cli import main
from twitchtui.cli.running import read_clock
from twitchtui.model import InvalidEntry


def test_help_lists_the_clock_and_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "TWITCHTUI_NOW" in out
    for code in ("0  done", "1  the diary could not be used", "2  bad input"):
        assert code in out
    assert "completions" in out and "remind" in out


def test_a_fixed_clock_for_commands_and_a_moving_one_for_the_dashboard(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TWITCHTUI_NOW", "2026-11-18T08:30:00+00:00")
    fixed, moving = read_clock(), read_clock(moving=True)
    start = datetime.fromisoformat("2026-11-18T08:30:00+00:00")
    assert fixed() == start
    first = moving()
    assert abs(first - start) < timedelta(seconds=1)
    time.sleep(0.02)
    assert moving() > first
    assert fixed() == start


def test_a_bad_clock_is_refused_for_the_dashboard_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWITCHTUI_NOW", "tomorrow")
    with pytest.raises(InvalidEntry):
        read_clock(moving=True)


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "--format", "waybar"],
        ["remind", "--print"],
        ["completions", "bash"],
    ],
)
def test_the_new_commands_stay_free_of_textual(argv: list[str], tmp_path: Path) -> None:
    db = tmp_path / "d.json"
    assert main(["log", "--db", str(db)]) == 0
    args = argv if argv[0] == "completions" else [*argv, "--db", str(db)]
    code = (
        "import contextlib, io, sys\n"
        "from twitchtui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({args!r}) == 0\n"
        "print(' '.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    assert "textual" not in loaded


def test_a_write_from_the_shell_loads_neither_shtab_nor_platformdirs(tmp_path: Path) -> None:
    """The names are refreshed on every write: cheaply (see machine.py)."""
    db = tmp_path / "d.json"
    code = (
        "import contextlib, io, sys\n"
        "from twitchtui.cli import main\n"
        "out, err = io.StringIO(), io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
        f"    assert main(['log', '--db', {str(db)!r}]) == 0\n"
        "print(' '.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    assert "twitchtui.names" in loaded  # it did refresh
    assert not {"shtab", "platformdirs", "twitchtui.notify"} & loaded
