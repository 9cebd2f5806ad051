"""``twitchtui report``: the period and sections a clinician asks for, and the PDF."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from twitchtui.cli import main
from twitchtui.model import Settings, Twitch
from twitchtui.store import Store

from .conftest import NOW


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "d.json"
    store = Store.open(path, now=lambda: NOW)  # the command reads NOW too (conftest)
    for days_ago in range(40):
        store.log_twitch(Twitch(at=NOW - timedelta(days=days_ago, hours=1), site="upper-lip"))
    return str(path)


def test_from_and_to_choose_the_days(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", db, "--from", "2026-11-01", "--to", "2026-11-10"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Twitch diary: 01 Nov 2026 to 10 Nov 2026")
    assert "(10 days)" in text


def test_as_of_still_names_the_last_day(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", db, "--days", "7", "--as-of", "2026-11-10"]) == 0
    assert capsys.readouterr().out.startswith("# Twitch diary: 04 Nov 2026 to 10 Nov 2026")


def test_since_last_visit_starts_on_the_visit(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", db, "--since-last-visit"]) == 2
    err = capsys.readouterr().err
    assert "no visit to a clinician is in the diary" in err and "Nothing was written" in err
    assert main(["selfcheck", "--db", db, "--seen-clinician", "2026-11-09"]) == 0
    capsys.readouterr()
    assert main(["report", "--db", db, "--since-last-visit"]) == 0
    assert capsys.readouterr().out.startswith("# Twitch diary: 09 Nov 2026 to 18 Nov 2026")


def test_sections_keep_only_those_asked_for(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", db, "--sections", "findings,medicines"]) == 0
    headings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("## ")]
    assert headings == ["## Summary", "## Findings worth discussing", "## Medicines"]


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["--sections", "bogus"], "'bogus' is not a section"),
        (["--from", "2026-12-01"], "is in the future"),
        (["--from", "2026-11-10", "--to", "2026-11-01"], "is after --to"),
        (["--days", "5", "--from", "2026-11-01"], "not both"),
        (["--days", "0"], "from 1 to 3660"),
        (["--from", "11/01/2026"], "--from"),
    ],
)
def test_a_period_that_cannot_be_used_is_refused_in_one_line(
    db: str, capsys: pytest.CaptureFixture[str], args: list[str], why: str
) -> None:
    assert main(["report", "--db", db, *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert why in captured.err and len(captured.err.strip().splitlines()) == 1


def test_a_pdf_is_written_0600_from_its_file_name(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "visit.pdf"
    assert main(["report", "--db", db, "--days", "28", "-o", str(out)]) == 0
    assert "Wrote the 28-day report" in capsys.readouterr().out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    pdf = PdfReader(out)
    assert "Summary" in pdf.pages[0].extract_text()
    assert list(pdf.attachments)  # the period's entries, as CSV


def test_without_the_pdf_extra_it_says_how_to_add_it(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "fpdf", None)  # as if fpdf2 were not installed
    out = tmp_path / "visit.pdf"
    assert main(["report", "--db", db, "--format", "pdf", "-o", str(out)]) == 2
    assert "pip install 'twitchtui[pdf]'" in capsys.readouterr().err
    assert not out.exists()


def _diary_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize(
    "name", ["d.json", "d.json.lock", "month", "settings", "before-import-x.json"]
)
def test_a_report_is_never_written_over_the_diarys_own_files(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """-o naming a month file once replaced it: its twitches were gone and
    every later command called the diary damaged."""
    if name == "before-import-x.json":
        (tmp_path / name).write_text("{}")
    if name == "settings":
        Store.open(Path(db), now=lambda: NOW).save_settings(Settings(glass_ml=300))
    own = {
        "month": lambda: next(tmp_path.glob("d.2026-*.*.json")),
        "settings": lambda: next(tmp_path.glob("d.settings.*.json")),
    }
    target = own[name]() if name in own else tmp_path / name
    before = _diary_bytes(tmp_path)
    assert main(["report", "--db", db, "-o", str(target)]) == 2
    assert "one of the diary's own files" in capsys.readouterr().err
    assert _diary_bytes(tmp_path) == before
    # Through a link to it as well.
    link = tmp_path.parent / f"{tmp_path.name}-link.md"
    link.symlink_to(target)
    assert main(["report", "--db", db, "-o", str(link)]) == 2
    assert _diary_bytes(tmp_path) == before and link.is_symlink()


@pytest.mark.parametrize("name", ["diary.db", "diary"])
def test_a_report_is_never_written_over_a_main_file_not_named_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    db = tmp_path / name
    assert main(["log", "--db", str(db)]) == 0
    before = _diary_bytes(tmp_path)
    for target in (db, tmp_path / f"{name}.lock"):
        assert main(["report", "--db", str(db), "-o", str(target)]) == 2, target
    assert "one of the diary's own files" in capsys.readouterr().err
    assert _diary_bytes(tmp_path) == before


def test_a_report_is_never_written_over_a_sync_tools_copy(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("d 2.json", "d (Ann's conflicted copy 2026-03-10).json"):
        assert main(["report", "--db", db, "-o", str(tmp_path / name)]) == 2, name
        assert not (tmp_path / name).exists()


def test_a_report_is_not_written_in_place_of_a_folder_or_a_device(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    assert main(["report", "--db", db, "-o", str(folder)]) == 2
    assert "is a folder" in capsys.readouterr().err and folder.is_dir()
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    assert main(["report", "--db", db, "-o", str(fifo)]) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_report_through_a_link_is_written_where_the_link_points(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "out" / "visit.md"
    real.parent.mkdir()
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    assert main(["report", "--db", db, "-o", str(link)]) == 0
    assert link.is_symlink() and real.read_text().startswith("# Twitch diary")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
