"""The doctor's report (golden Markdown, self-contained HTML) and the flags command."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from twitchtui.cli import main
from twitchtui.demo import generate
from twitchtui.model import (
    PAUSE,
    DayLog,
    Experiment,
    Medicine,
    Relief,
    Result,
    SelfCheck,
    Settings,
    Twitch,
)
from twitchtui.redflags import check
from twitchtui.report import ReportInput, to_html, to_markdown
from twitchtui.store import Store

from .conftest import NOW

GOLDEN = Path(__file__).parent / "golden" / "report.md"


MEDICINE = Medicine("prednisolone", "20 mg", started=NOW.date() - timedelta(days=10))


def report_input(with_old: bool = True) -> ReportInput:
    """21 days of diary, shown over a 28-day period, with (``with_old``) one lip
    twitch 60 days ago that only the all-time sections know; without it, the
    period's first 7 days come before the diary began."""
    twitches, logs = generate(NOW, days=21, per_day=4, seed=11)
    twitches.append(
        Twitch(at=NOW - timedelta(hours=2), site="eye", side="left", note="eyelid | flutter")
    )
    twitches.append(
        Twitch(at=NOW - timedelta(days=3), triggers=("new-medicine",), note="started new tablets")
    )
    old = Twitch(at=NOW - timedelta(days=60), site="lower-lip", side="right")
    by_day = {log.day: log for log in logs}
    day = NOW.date() - timedelta(days=1)
    pulling = SelfCheck(NOW - timedelta(days=1), {"pulling": "days"}, id="1" * 32)
    by_day[day] = DayLog(day, water_ml=1500, checks=(pulling,), alcohol=True)
    seen = NOW.date() - timedelta(days=2)
    by_day[seen] = DayLog(
        seen, checks=(SelfCheck(NOW - timedelta(days=2), seen=True, id="2" * 32),)
    )
    for back, kind, finished in ((5, "warm-compress", True), (4, "pmr", False)):
        at = (NOW - timedelta(days=back)).replace(hour=18, minute=0)
        session = Relief(
            kind, at, 600 if kind == "warm-compress" else 75, 600 if finished else 40, finished
        )
        by_day[at.date()] = replace(by_day[at.date()], relief=(session,))
    checked = NOW.date() - timedelta(days=6)
    by_day[checked] = replace(by_day[checked], self_checks=3)
    pause = Experiment(
        PAUSE,
        NOW - timedelta(days=10),
        2,
        ended=NOW - timedelta(days=8),
        result=Result("waking hour", 24, 32.0, 11, 31.5, True),
    )
    running = Experiment("Bed an hour earlier", NOW - timedelta(days=3), 14)
    first = NOW.date() - timedelta(days=27)
    settings = Settings(medicines=(MEDICINE,), tried=(pause,), experiment=running)
    history = sorted([old, *twitches] if with_old else twitches, key=lambda t: t.at)
    return ReportInput(
        first=first,
        last=NOW.date(),
        now=NOW,
        twitches=twitches,
        logs={d: log for d, log in by_day.items() if d >= first},
        settings=settings,
        findings=check(twitches, by_day, NOW.date(), medicines=settings.medicines),
        history=history,
        all_logs=by_day,
    )


def test_markdown_report_matches_the_golden_file() -> None:
    text = to_markdown(report_input())
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text)
    assert text == GOLDEN.read_text(), "report changed: rerun with UPDATE_GOLDEN=1 and review"


def test_markdown_report_has_every_section() -> None:
    text = to_markdown(report_input())
    for heading in HEADINGS:
        assert f"## {heading}" in text
    assert "| eye | left | 1 | 1 | 18 Nov 2026 |" in text
    assert "- 18 Nov 12:30: eyelid | flutter" in text
    assert "A new medicine was noted with twitches from 15 Nov 2026." in text
    assert "a pulling feeling (came on over days)" in text
    assert "does not diagnose" in text


def test_report_history_onset_and_first_seen_are_all_time() -> None:
    text = to_markdown(report_input())
    assert "First twitch ever logged: 19 Sep 2026." in text  # 60 days ago, before the period
    assert "| lower-lip | right | 0 | 1 | 19 Sep 2026 |" in text
    assert "| 19 Sep 2026 | 19 Sep 2026 | 1 | 1 | 1 |" in text  # an episode of its own
    assert "| ongoing |" in text


def test_days_before_the_diary_began_are_no_diary_not_twitch_free() -> None:
    data = report_input(with_old=False)
    text = to_markdown(data)
    began = data.diary_began
    assert began == NOW.date() - timedelta(days=20)
    assert "The diary began on 29 Oct 2026: the 7 days before it are marked 'no diary'" in text
    assert "No diary 22 Oct – 28 Oct 2026 (7 days)" in text  # one line, not seven
    assert "of the 21 diary days" in text


def test_report_lists_medicines_self_checks_visits_and_exposures() -> None:
    text = to_markdown(report_input())
    assert "| prednisolone | 20 mg | 08 Nov 2026 |  |" in text
    assert "| 16 Nov 2026 14:30 | seen by a clinician |" in text
    assert "| 17 Nov 2026 14:30 | self-check | a pulling feeling (came on over days) |  |" in text
    assert "| alcohol | nicotine | screen h |" in text
    assert "| left, right |" in text or "| left |" in text  # sides per day


HEADINGS = (
    "Summary",
    "History of the twitching",
    "Findings worth discussing",
    "Twitches per day",
    "Where: sites and sides",
    "Time of day",
    "Daily checklist and check-in",
    "What was tried",
    "Self-check answers and visits",
    "Medicines",
    "Triggers, medicines and notes",
    "Questions for my doctor",
)


def test_html_report_is_self_contained_and_escaped() -> None:
    data = report_input()
    data.twitches.append(Twitch(at=NOW - timedelta(minutes=5), note="<script>alert(1)</script>"))
    page = to_html(data)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page and "src=" not in page
    assert "@page" in page and "@media print" in page
    assert page.count("<h2>") == len(HEADINGS)


def test_report_and_flags_commands(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "d.json")
    store = Store.open(db, now=lambda: NOW)  # the command reads NOW too (conftest)
    for days_ago in range(16):
        store.log_twitch(Twitch(at=NOW - timedelta(days=days_ago)))
    assert main(["flags", "--db", db, "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert [f["id"] for f in findings] == ["persistence"]
    assert {"id", "tier", "level", "reason", "entries"} <= set(findings[0])
    assert (findings[0]["tier"], findings[0]["level"]) == ("routine", "talk to a doctor")
    assert findings[0]["entries"][0]["date"]

    out = tmp_path / "reports" / "diary.html"
    assert main(["report", "--db", db, "--days", "14", "--format", "html", "-o", str(out)]) == 0
    assert "readable by you only" in capsys.readouterr().out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Twitch diary" in out.read_text()

    assert main(["report", "--db", db, "--days", "0"]) == 2


def test_flags_exit_0_when_all_clear(tmp_path: Path, capsys) -> None:
    Store.open(tmp_path / "d.json", now=lambda: NOW)
    assert main(["flags", "--db", str(tmp_path / "d.json")]) == 0
    assert "No twitch is in the diary yet" in capsys.readouterr().out
    assert main(["flags", "--db", str(tmp_path / "d.json"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_self_check_feeds_the_flags_command(tmp_path: Path, capsys) -> None:
    days_ago = 1
    db = str(tmp_path / "d.json")
    store = Store.open(db, now=lambda: NOW)  # the command reads NOW too
    day = store.now().date() - timedelta(days=days_ago)
    # An answer from before the self-check kept records: read as a record at the
    # end of its day, a sudden drooping face, 14 h 30 min ago: still an emergency.
    store.update_day(day, lambda log: log)
    shard = next(iter(store.shard_paths().values()))
    doc = json.loads(shard.read_text())
    doc["days"]["1"].pop("checks", None)
    doc["days"]["1"]["symptoms"] = {"sudden_weakness": True}
    shard.write_text(json.dumps(doc))
    main(["flags", "--db", db, "--json"])
    finding, *rest = json.loads(capsys.readouterr().out)
    assert (finding["id"], finding["tier"], finding["level"]) == (
        "emergency",
        "emergency",
        "urgent",
    )
    assert date.fromisoformat(finding["entries"][0]["date"]) == day
    assert rest == []  # one answer, one card
    # --as-of: the day before the answer, the diary showed nothing.
    main(["flags", "--db", db, "--json", "--as-of", (day - timedelta(days=1)).isoformat()])
    assert json.loads(capsys.readouterr().out) == []


def test_patient_details_and_own_habits_appear_only_when_set() -> None:
    from dataclasses import replace

    from twitchtui.model import Habit

    plain = report_input()
    assert "Patient:" not in to_markdown(plain) and "own habits" not in to_markdown(plain)
    settings = replace(
        plain.settings,
        patient_name="Alex <Doe>",
        patient_born=date(1980, 5, 1),
        habits=(Habit("walk", 2), Habit("tea")),
    )
    day = plain.last - timedelta(days=1)
    logs = {**plain.logs, day: replace(plain.logs.get(day, DayLog(day)), habits={"walk": 1})}
    data = replace(plain, settings=settings, logs=logs)
    text = to_markdown(data)
    assert "- **Patient:** Alex \\<Doe\\>, born 01 May 1980\n" in text  # shows as <Doe>, no tag
    assert "| own habits |" in text and "walk 1/2; tea no" in text
    page = to_html(data)
    assert "Alex &lt;Doe&gt;" in page and "<Doe>" not in page
