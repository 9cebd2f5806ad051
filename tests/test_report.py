"""The doctor's report (golden Markdown, self-contained HTML) and the flags command."""

from __future__ import annotations

import json
import os
import stat
from datetime import date, timedelta
from pathlib import Path

from twitchtui.cli import main
from twitchtui.demo import generate
from twitchtui.model import DayLog, Twitch
from twitchtui.redflags import check
from twitchtui.report import ReportInput, to_html, to_markdown
from twitchtui.store import Store

from .conftest import NOW

GOLDEN = Path(__file__).parent / "golden" / "report.md"


def report_input() -> ReportInput:
    twitches, logs = generate(NOW, days=21, per_day=4, seed=11)
    twitches.append(
        Twitch(at=NOW - timedelta(hours=2), site="eye", side="left", note="eyelid | flutter")
    )
    twitches.append(
        Twitch(at=NOW - timedelta(days=3), triggers=("new-medicine",), note="started new tablets")
    )
    by_day = {log.day: log for log in logs}
    day = NOW.date() - timedelta(days=1)
    by_day[day] = DayLog(day, water_ml=1500, symptoms={"pulling": True, "asymmetry": False})
    first = NOW.date() - timedelta(days=13)
    inside = {d: log for d, log in by_day.items() if d >= first}
    from twitchtui.model import Settings

    return ReportInput(
        first=first,
        last=NOW.date(),
        now=NOW,
        twitches=twitches,
        logs=inside,
        settings=Settings(),
        findings=check(twitches, by_day, NOW.date()),
    )


def test_markdown_report_matches_the_golden_file() -> None:
    text = to_markdown(report_input())
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text)
    assert text == GOLDEN.read_text(), "report changed: rerun with UPDATE_GOLDEN=1 and review"


def test_markdown_report_has_every_section() -> None:
    text = to_markdown(report_input())
    for heading in (
        "## Overview",
        "## Findings worth discussing",
        "## Twitches per day",
        "## Where: sites and sides",
        "## Time of day",
        "## Daily checklist and check-in",
        "## Weakness self-check answers",
        "## Triggers, medicines and notes",
        "## Questions for my doctor",
    ):
        assert heading in text
    assert "| eye | left | 1 | 18 Nov 2026 |" in text
    assert "- 18 Nov 12:30: eyelid | flutter" in text
    assert "A new medicine was noted with twitches from 15 Nov 2026." in text
    assert "A pulling sensation that stays: YES" in text
    assert "does not diagnose" in text


def test_html_report_is_self_contained_and_escaped() -> None:
    data = report_input()
    data.twitches.append(Twitch(at=NOW - timedelta(minutes=5), note="<script>alert(1)</script>"))
    page = to_html(data)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page and "src=" not in page
    assert "@page" in page and "@media print" in page
    assert page.count("<h2>") == 9


def test_report_and_flags_commands(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "d.json")
    store = Store.open(db, now=lambda: NOW)  # the command reads NOW too (conftest)
    for days_ago in range(16):
        store.log_twitch(Twitch(at=NOW - timedelta(days=days_ago)))
    assert main(["flags", "--db", db, "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert [f["id"] for f in findings] == ["persistence"]
    assert {"id", "level", "reason", "entries"} <= set(findings[0])
    assert findings[0]["level"] == "talk to a doctor"
    assert findings[0]["entries"][0]["date"]

    out = tmp_path / "reports" / "diary.html"
    assert main(["report", "--db", db, "--days", "14", "--format", "html", "-o", str(out)]) == 0
    assert "readable by you only" in capsys.readouterr().out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Twitch diary" in out.read_text()

    assert main(["report", "--db", db, "--days", "0"]) == 2


def test_flags_exit_0_when_all_clear(tmp_path: Path, capsys) -> None:
    assert main(["flags", "--db", str(tmp_path / "d.json")]) == 0
    assert "Nothing in your diary matches" in capsys.readouterr().out
    assert main(["flags", "--db", str(tmp_path / "d.json"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_self_check_feeds_the_flags_command(tmp_path: Path, capsys) -> None:
    days_ago = 1
    db = str(tmp_path / "d.json")
    store = Store.open(db, now=lambda: NOW)  # the command reads NOW too
    day = store.now().date() - timedelta(days=days_ago)
    store.update_day(day, lambda log: DayLog(day, symptoms={"sudden_weakness": True}))
    main(["flags", "--db", db, "--json"])
    [finding] = json.loads(capsys.readouterr().out)
    assert (finding["id"], finding["level"]) == ("sudden-weakness", "urgent")
    assert date.fromisoformat(finding["entries"][0]["date"]) == day
