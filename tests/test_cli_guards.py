"""What the shell refuses before it can hurt a diary: a demo over a real
diary, links, shared folders, a wrong clock, times the clocks skipped; and
that a refused command leaves every ``diary*`` file as it was."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from twitchtui.cli import main
from twitchtui.model import Twitch
from twitchtui.store import Store

from .conftest import NOW, run_twitchtui


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def diary_files(folder: Path) -> dict[str, bytes]:
    return {k: v for k, v in files(folder).items() if k.startswith("diary")}


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    store = Store.open(tmp_path / "diary.json", now=lambda: NOW)
    store.log_twitch(Twitch(at=NOW, note="mine"))
    return store.path


# ---------------------------------------------------------------- demo


@pytest.mark.parametrize("where", ["main file", "month file only"])
def test_demo_refuses_a_diary_that_exists(
    diary: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    if where == "month file only":
        diary.unlink()
    before = files(diary.parent)
    assert main(["demo", "--db", str(diary)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already holds a diary" in err and "Nothing was changed" in err
    assert files(diary.parent) == before


def test_a_bare_demo_writes_a_new_temporary_diary(
    diary: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TWITCHTUI_DB", str(diary))  # the person's own diary
    before = files(diary.parent)
    assert main(["demo", "--days", "3"]) == 0
    out = capsys.readouterr().out
    written = Path(out.split("Wrote a sample diary to ")[1].split(":")[0])
    assert written.parent != diary.parent and written.exists()
    assert stat.S_IMODE(written.parent.stat().st_mode) == 0o700
    assert Store.open(written, now=lambda: NOW).twitches()
    assert files(diary.parent) == before


def test_a_demo_that_fails_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new" / "diary.json"
    real_link = os.link
    calls: list[object] = []

    def link(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", link)
    assert main(["demo", "--db", str(target), "--days", "40"]) == 1
    assert "the disk is full" in capsys.readouterr().err
    assert files(target.parent) == {}  # no half demo, no work folder left
    assert list(target.parent.iterdir()) == []


# ---------------------------------------------------------------- paths


def test_a_linked_diary_is_written_beside_its_target(diary: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "diary.json"
    link.symlink_to(diary)
    assert main(["log", "--db", str(link), "--note", "through the link"]) == 0
    assert main(["water", "--db", str(link), "+1"]) == 0
    assert main(["meds", "add", "Magnesium", "--db", str(link)]) == 0  # the main file
    assert link.is_symlink() and os.listdir(elsewhere) == ["diary.json"]
    assert [t.note for t in Store.open(diary, now=lambda: NOW).twitches()] == [
        "mine",
        "through the link",
    ]


def test_a_dangling_link_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "diary.json"
    link.symlink_to(tmp_path / "gone.json")
    assert main(["log", "--db", str(link)]) == 2
    assert "which does not exist" in capsys.readouterr().err
    assert os.listdir(tmp_path) == ["diary.json"] and link.is_symlink()


def test_a_folder_others_can_write_is_warned_about(
    diary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    diary.parent.chmod(0o777)
    try:
        assert main(["status", "--db", str(diary)]) == 0
    finally:
        diary.parent.chmod(0o700)
    assert "other users can write in" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["status"],
        ["export"],
        ["report"],
        ["flags"],
        ["meds", "list"],
        ["habit", "list"],
        ["experiment", "status"],
        ["water"],
    ],
)
def test_a_command_that_only_reads_never_creates_a_diary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    db = tmp_path / "typo" / "diary.json"
    assert main([*command, "--db", str(db)]) == 1
    assert "there is no diary at" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command",
    [
        ["log", "--intensity", "9"],
        ["log", "--note", "x" * 600],
        ["log", "--at", "25:00"],
        ["water", "2"],
        ["checkin", "--stress", "8"],
        ["bed", "--day", "9999-01-01", "22:00"],
        ["meds", "add", "x" * 100],
        ["habit", "tick", "nothing-like-it"],
    ],
)
def test_a_refused_command_changes_no_diary_file(
    diary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    before = diary_files(tmp_path)
    assert main([*command, "--db", str(diary)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert diary_files(tmp_path) == before
    new = tmp_path / "new" / "diary.json"
    assert main([*command, "--db", str(new)]) == 2
    assert not new.parent.exists()  # nor does it leave a new, empty diary behind


# ---------------------------------------------------------------- clock and time


@pytest.mark.parametrize(
    ("now", "says"),
    [
        ("garbage", "is not an ISO date and time"),
        ("1999-12-31T23:00:00+00:00", "the year is 1999"),
        ("2101-01-01T10:00:00+00:00", "the year is 2101"),
        ("9999-12-31T10:00:00+00:00", "the year is 9999"),
    ],
)
def test_a_wrong_clock_is_refused(
    diary: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    now: str,
    says: str,
) -> None:
    monkeypatch.setenv("TWITCHTUI_NOW", now)
    before = diary_files(diary.parent)
    assert main(["log", "--db", str(diary)]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1
    assert diary_files(diary.parent) == before


def _in_london(now: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_twitchtui(*args, env={**os.environ, "TZ": "Europe/London", "TWITCHTUI_NOW": now})


def test_a_time_the_clocks_skipped_is_refused_with_a_hint(tmp_path: Path) -> None:
    db = str(tmp_path / "diary.json")
    done = _in_london("2026-03-29T12:00:00+01:00", "log", "--db", db, "--at", "01:30")
    assert done.returncode == 2
    assert "01:30 did not happen on 2026-03-29" in done.stderr and "Write 02:30" in done.stderr
    assert not (tmp_path / "diary.json").exists()


def test_a_time_shown_twice_is_the_first_and_is_said_so(tmp_path: Path) -> None:
    db = str(tmp_path / "diary.json")
    done = _in_london("2026-10-25T12:00:00+00:00", "log", "--db", db, "--at", "01:30")
    assert done.returncode == 0
    assert "01:30 happened twice on 2026-10-25" in done.stderr and "first" in done.stderr
    (saved,) = Store.open(db, now=lambda: NOW).twitches()
    assert saved.at.isoformat() == "2026-10-25T01:30:00+01:00"


def test_a_clock_set_to_a_skipped_time_is_refused(tmp_path: Path) -> None:
    """TWITCHTUI_NOW=02:30 on the night the clocks went forward was once
    stored as 01:30, an hour off, without a word."""
    db = tmp_path / "diary.json"
    done = _in_london("2026-03-29T01:30", "log", "--db", str(db))
    assert done.returncode == 2
    assert "TWITCHTUI_NOW 01:30 did not happen on 2026-03-29" in done.stderr
    assert not db.exists()


def test_a_time_given_in_another_offset_is_filed_on_the_local_day(tmp_path: Path) -> None:
    """01:30Z is 21:30 the evening before in New York: it was once filed on
    the UTC date, so that evening's status said 0 twitches today."""
    db = str(tmp_path / "diary.json")
    env = {**os.environ, "TZ": "America/New_York", "TWITCHTUI_NOW": "2026-03-10T22:00"}
    done = run_twitchtui("log", "--db", db, "--at", "2026-03-11T01:30Z", env=env)
    assert done.returncode == 0, done.stderr
    assert "at 21:30" in done.stdout and "1 twitch on 2026-03-10" in done.stdout
    (saved,) = Store.open(db, now=lambda: NOW).twitches()
    assert saved.at.isoformat() == "2026-03-10T21:30:00-04:00"
    status = run_twitchtui("status", "--db", db, env=env)
    assert status.stdout.startswith("1 twitch today"), status.stdout


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["log", "--at", "0001-01-01T00:00"], "--at 0001-01-01 is not between 1900 and 2100"),
        (["log", "--at", "9999-12-31T23:59"], "--at 9999-12-31 is not between 1900 and 2100"),
        (["log", "--at", "9999-12-31T23:59+00:00"], "is not between 1900 and 2100"),
        (["coffee", "--at", "9999-12-31T23:59"], "is not between 1900 and 2100"),
        (["flags", "--as-of", "0001-01-01"], "--as-of 0001-01-01 is not between"),
        (["flags", "--as-of", "2200-01-01"], "--as-of 2200-01-01 is not between"),
        (["demo", "--days", "2", "--per-day", "nan"], "--per-day needs a rate from 0 to 200"),
        (["demo", "--days", "2", "--per-day", "inf"], "--per-day needs a rate from 0 to 200"),
        (["demo", "--days", "100000"], "--days needs from 1 to 20,000 days"),
    ],
)
def test_a_date_or_a_number_out_of_range_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    """Each of these once ended in a traceback (year 0 or 10000 out of
    range, an overflow) or, for a NaN rate, never ended."""
    diary = tmp_path / "diary.json"
    if argv[0] != "demo":
        assert main(["log", "--db", str(diary)]) == 0
    capsys.readouterr()
    before = diary_files(tmp_path)
    db = ["--db", str(tmp_path / "new.json" if argv[0] == "demo" else diary)]
    assert main([*argv, *db]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err, err
    assert diary_files(tmp_path) == before


@pytest.mark.parametrize("now", ["0001-01-01", "9999-12-31T23:00"])
def test_a_clock_set_to_year_1_or_9999_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], now: str
) -> None:
    monkeypatch.setenv("TWITCHTUI_NOW", now)
    assert main(["status"]) == 2
    assert "TWITCHTUI_NOW says the year is" in capsys.readouterr().err


# ---------------------------------------------------------------- messages


@pytest.mark.parametrize("command", [["export"], ["import", "--dry-run"], ["status"]])
def test_a_closed_pipe_ends_quietly(tmp_path: Path, command: list[str]) -> None:
    diary = tmp_path / "demo.json"
    assert main(["demo", "--db", str(diary), "--days", "3"]) == 0
    export = tmp_path / "export.json"
    export.write_text(_export(diary))
    args = [*command, "--db", str(diary)] + ([str(export)] if command[0] == "import" else [])
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before a byte is written (like `| head -0`)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "twitchtui", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 0 and done.stderr == ""


def _export(diary: Path) -> str:
    from twitchtui.export import EXPORT_SCHEMA as SCHEMA
    from twitchtui.export import to_json

    store = Store.open(diary, now=lambda: NOW)
    return to_json(store.twitches(), store.day_logs().values(), store.settings(), NOW, SCHEMA)


BAD_BYTES = "x\udced\udca0\udc80y"
"""What Python makes of bytes that are not UTF-8 in an argument (b"x\\xed\\xa0\\x80y")."""


@pytest.mark.parametrize(
    "words",
    [
        ["log", "--note", BAD_BYTES],
        ["checkin", "--food", BAD_BYTES],
        ["experiment", "start", BAD_BYTES, "--days", "3"],
        ["meds", "add", BAD_BYTES, "--dose", "5 mg"],
        ["meds", "add", "magnesium", "--dose", BAD_BYTES],
        ["habit", "add", BAD_BYTES],
    ],
    ids=lambda words: " ".join(w for w in words if w != BAD_BYTES),
)
def test_text_that_is_not_utf8_is_refused_with_a_reason_and_nothing_saved(
    diary: Path, words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A terminal set to another encoding passes bytes Python cannot decode;
    kept, they made the write fail with a traceback (no file takes them)."""
    before = diary_files(diary.parent)
    assert main([*words, "--db", str(diary)]) == 2
    err = capsys.readouterr().err
    assert "not UTF-8 text" in err and "Nothing was saved" in err
    assert diary_files(diary.parent) == before


def test_a_path_that_is_not_utf8_is_named_as_python_prints_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """File names need not be UTF-8: such a diary works, and each message
    names its file with the same escapes (they were dropped from some)."""
    folder = tmp_path / BAD_BYTES
    folder.mkdir()
    db, out = folder / "diary.json", folder / f"{BAD_BYTES}.md"
    assert main(["log", "--db", str(db)]) == 0
    assert main(["report", "--db", str(db), "-o", str(out)]) == 0
    assert out.exists()
    assert "x\\udced\\udca0\\udc80y/x\\udced\\udca0\\udc80y.md" in capsys.readouterr().out
    assert main(["flags", "--db", str(db)]) == 0


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_that_meets_a_damaged_month_writes_nothing_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """It once wrote the months before the damaged one (and the CSV's header),
    so a backup script that did not check the exit code kept half a diary."""
    diary = tmp_path / "diary.json"
    assert main(["demo", "--db", str(diary), "--days", "70"]) == 0
    months = sorted(tmp_path.glob("diary.20*.json"))
    assert len(months) >= 3
    months[1].write_text(months[1].read_text()[:100])  # a middle month, cut short
    capsys.readouterr()
    assert main(["export", "--db", str(diary), "--format", fmt]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "is not valid JSON" in err


def test_a_command_refused_on_a_new_diary_leaves_no_diary_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'experiment stop' with nothing running once made the diary, said so,
    and exited 1, which is kept for a diary that cannot be used."""
    diary = tmp_path / "new" / "diary.json"
    assert main(["experiment", "stop", "--db", str(diary)]) == 2
    err = capsys.readouterr().err
    assert "No experiment is running" in err and "Started a new diary" not in err
    assert not diary.parent.exists()


def test_minus_zero_hours_of_sleep_is_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "diary.json")
    assert main(["checkin", "--sleep", "-0", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "-0" not in out, out
    (log,) = Store.open(db, now=lambda: NOW).day_logs().values()
    assert str(log.sleep_h) == "0.0"


def test_a_blank_food_clears_it_and_says_what_is_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "diary.json")
    assert main(["checkin", "--food", "soup", "--db", db]) == 0
    assert main(["checkin", "--food", "  ", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith(": nothing recorded in it now.")
    (log,) = Store.open(db, now=lambda: NOW).day_logs().values()
    assert log.food == ""


@pytest.mark.parametrize(
    "name", ["diary.2026-03.laptop.json", "diary.settings.desk.json", "notes.2026-03.json"]
)
def test_a_new_diary_named_as_another_diarys_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Beside diary.json, a demo written to diary.2026-03.laptop.json showed
    up in the real diary's sync status as a machine called "laptop"."""
    assert main(["log", "--db", str(tmp_path / "diary.json")]) == 0
    before = diary_files(tmp_path)
    capsys.readouterr()
    assert main(["demo", "--db", str(tmp_path / name), "--days", "3"]) == 2
    assert "named as a diary's month or settings file is" in capsys.readouterr().err
    assert main(["log", "--db", str(tmp_path / name)]) == 2
    assert diary_files(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_pause_stop_with_none_running_leaves_no_diary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    diary = tmp_path / "new" / "diary.json"
    assert main(["pause", "--stop", "--db", str(diary)]) == 2
    assert "No stimulant pause is running" in capsys.readouterr().err
    assert not diary.parent.exists()


def test_an_export_is_utf8_whatever_the_terminal_encoding(tmp_path: Path) -> None:
    """On an ASCII stdout a note with an é stopped the export half-way, after
    14 MB, with a traceback."""
    db = tmp_path / "diary.json"
    assert main(["log", "--db", str(db), "--note", "café"]) == 0
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "twitchtui", "export", "--format", "csv", "--db", str(db)],
        capture_output=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "café".encode() in done.stdout
