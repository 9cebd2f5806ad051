"""No entry can drive a terminal or inject Markdown: what is typed loses its
control characters, and a diary that already holds some (kept by an older
version, or edited by hand) is printed without them by every printer."""

from __future__ import annotations

import html
import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from twitchtui.cli import main
from twitchtui.export import EXPORT_SCHEMA as SCHEMA
from twitchtui.export import to_json
from twitchtui.model import DayLog, Experiment, Medicine, Settings, Twitch
from twitchtui.report import to_html, to_markdown
from twitchtui.store import Store

from .conftest import NOW, write_old_diary
from .test_report import report_input

ESCAPES = "\x1b]0;owned\x07\x1b[2J\x9b2J\x00\x7f\u202e\u2066"
# With the bidirectional overrides: one turns the rest of a line round.
BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
CONTROLS = {chr(c) for c in [*range(32), *range(127, 160), *BIDI]} - {"\n"}


def hostile_diary(tmp_path: Path) -> Path:
    """A diary whose files hold control characters in every kind of text,
    written straight into its JSON as an older version could have."""
    path = tmp_path / "diary.json"
    started = (NOW - timedelta(days=10)).isoformat(timespec="seconds")
    settings = {
        "medicines": [{"name": f"Med{ESCAPES}", "dose": f"1{ESCAPES}", "started": None}],
        "habits": [{"name": f"walk{ESCAPES}", "target": 1, "in_score": False}],
        "tried": [
            {
                "name": f"Bed{ESCAPES}",
                "started": started,
                "days": 3,
                "ended": (NOW - timedelta(days=7)).isoformat(timespec="seconds"),
                "stopped_early": False,
                "result": None,
            }
        ],
    }
    twitch = Twitch(at=NOW - timedelta(hours=1), note=f"note{ESCAPES}").to_doc()
    day = {**DayLog(NOW.date()).to_doc(), "food": f"food{ESCAPES}"}
    # Schema 3's layout, as an older twitchtui kept it: the upgrade reads it as it is.
    write_old_diary(path, settings, {"2026-11": {"twitches": [twitch], "days": [day]}})
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["meds", "list"],
        ["habit", "list"],
        ["experiment", "status"],
        ["status"],
        ["flags"],
        ["report"],
        ["report", "--format", "html"],
        ["export"],
        ["export", "--format", "csv"],
    ],
)
def test_no_printer_lets_a_control_character_through(
    tmp_path: Path, capsysbinary, command: list[str]
) -> None:
    db = hostile_diary(tmp_path)
    assert main([*command, "--db", str(db)]) == 0
    out = capsysbinary.readouterr().out.decode()
    if command == ["export", "--format", "csv"]:
        out = out.replace("\r\n", "\n")  # the CSV's own line ends (RFC 4180)
    assert not set(out) & CONTROLS, repr(out[:200])
    assert "owned" in out or command[0] in ("status", "flags")  # the words stay


def test_the_json_export_escapes_them_and_keeps_the_data(tmp_path: Path, capsys) -> None:
    db = hostile_diary(tmp_path)
    assert main(["export", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "\\u009b" in out and "\\u001b" in out
    assert json.loads(out)["twitches"][0]["note"] == f"note{ESCAPES}"


def test_what_is_typed_loses_its_control_characters(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "diary.json")
    assert main(["log", "--db", db, "--note", f"a{ESCAPES}\nb"]) == 0
    assert main(["meds", "add", f"Med{ESCAPES}", "--db", db]) == 0
    assert main(["habit", "add", f"walk{ESCAPES}", "--db", db]) == 0
    assert main(["experiment", "start", f"Bed{ESCAPES}", "--days", "5", "--db", db]) == 0
    store = Store.open(db, now=lambda: NOW)
    (twitch,) = store.twitches()
    assert twitch.note == "a]0;owned[2J2J\nb"  # the words kept, the line break too
    settings = store.settings()
    assert settings.medicines[0].name == "Med]0;owned[2J2J"
    assert settings.habits[0].name == "walk]0;owned[2J2J"
    assert settings.experiment is not None and settings.experiment.name == "Bed]0;owned[2J2J"


def test_markdown_cannot_be_injected_by_a_note_or_a_name() -> None:
    plain = report_input()
    attack = "x\n# Heading\n- item\n[click](javascript:alert(1)) <script>alert(1)</script>"
    settings = Settings(
        patient_name="Alex",
        medicines=(Medicine(attack, "1", date(2026, 11, 1)),),
        tried=(
            Experiment(
                attack.replace("\n", " ")[:60],
                NOW - timedelta(days=9),
                3,
                ended=NOW - timedelta(days=6),
            ),
        ),
    )
    noted = Twitch(at=NOW - timedelta(hours=2), note=attack)
    data = replace(
        plain,
        settings=settings,
        twitches=[*plain.twitches, noted],
        history=[*plain.history, noted],
    )
    text = to_markdown(data)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert "# Heading" not in headings and not any("Heading" in h for h in headings)
    assert "](javascript:" not in text.replace("\\]", "") and "<script>" not in text
    assert "\\[click\\]" in text and "\\<script\\>" in text
    assert not [line for line in text.splitlines() if line.startswith("- item")]
    page = to_html(data)
    assert "<script>" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize("name", ["```sh", "~~~", "# Heading", "1. first", "- item", "> quote"])
def test_a_name_that_starts_markdown_is_shown_as_typed(name: str) -> None:
    """A medicine is a nested bullet, so its name starts a line: three
    backticks there opened a code block that hid its dose and date, "# "
    made a heading. Rendered, the line says what was typed."""
    from markdown_it import MarkdownIt

    plain = report_input()
    settings = replace(plain.settings, medicines=(Medicine(name, "5 mg", date(2026, 11, 1)),))
    page = MarkdownIt("commonmark").render(to_markdown(replace(plain, settings=settings)))
    assert f"<li>{html.escape(name, quote=False)} 5 mg, since 01 Nov 2026</li>" in page
    assert "<pre>" not in page.split("Medicines now")[1].split("</ul>")[0]


def test_an_export_round_trips_a_note_with_a_line_break(tmp_path: Path) -> None:
    twitch = Twitch(at=NOW - timedelta(hours=1), note="two\nlines").validated(NOW)
    text = to_json([twitch], [DayLog(NOW.date())], Settings(), NOW, SCHEMA)
    assert json.loads(text)["twitches"][0]["note"] == "two\nlines"


def test_stdout_itself_is_filtered(tmp_path: Path, capsysbinary) -> None:
    # A file name is printed as given: the filter on stdout is what keeps it safe.
    db = tmp_path / "diary.json"
    Store.open(db, now=lambda: NOW)
    file = tmp_path / f"in{ESCAPES.replace(chr(0), '')}.json"
    file.write_text(to_json([], [], Settings(), NOW, SCHEMA))
    assert main(["import", "--dry-run", "--db", str(db), str(file)]) == 0
    out = capsysbinary.readouterr().out.decode()
    assert "Importing" in out and "owned" in out and not set(out) & CONTROLS
