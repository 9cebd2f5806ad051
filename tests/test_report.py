"""The doctor's report (golden Markdown, self-contained HTML) and the flags command."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

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

from .conftest import NOW, write_old_diary

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
    # Today (18 Nov), not over, is none of the 20 full days: said apart.
    assert "of the 20 full diary days" in text and "so far today, which is not over" in text


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
    day = NOW.date() - timedelta(days=days_ago)  # the command reads NOW too
    # An answer from before the self-check kept records: read as a record at the
    # end of its day, a sudden drooping face, 14 h 30 min ago: still an emergency.
    # Such a day is only in a diary of the old layout (upgraded when opened).
    old_day = {"day": day.isoformat(), "symptoms": {"sudden_weakness": True}}
    write_old_diary(Path(db), {}, {f"{day:%Y-%m}": {"days": [old_day]}})
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
    assert "| own habits |" in text and "| walk 1/2 |" in text and "tea no" not in text
    page = to_html(data)
    assert "Alex &lt;Doe&gt;" in page and "<Doe>" not in page


def test_a_habit_removed_since_keeps_its_ticks_in_the_report() -> None:
    """``habit remove`` says the days ticked keep their record: the report
    shows them, marked as a habit no longer kept, even with no habit left."""
    plain = report_input()
    day = plain.last - timedelta(days=2)
    logs = {**plain.logs, day: replace(plain.logs.get(day, DayLog(day)), habits={"meditate": 2})}
    text = to_markdown(replace(plain, logs=logs))  # no habit in the settings now
    assert "| own habits |" in text
    assert "meditate (2, a habit removed since)" in text


def test_today_not_over_is_never_a_day_with_no_diary_nor_a_twitch_free_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary leaves today, not over and with no twitch yet, out of its
    counts: the per-day table says so too, with nothing recorded yet or with
    only the checklist."""
    db = ["--db", str(tmp_path / "d.json")]

    def at(moment: str, *args: str) -> None:
        monkeypatch.setenv("TWITCHTUI_NOW", moment)
        assert main([*args, *db]) == 0

    for day in ("10", "11"):
        for hour in ("10", "12", "14"):
            at(f"2026-03-{day}T{hour}:00", "log")
    at("2026-03-13T21:00", "report", "--days", "7", "-o", str(tmp_path / "r.md"))
    text = (tmp_path / "r.md").read_text()
    assert "| Fri 13 Mar: today, nothing recorded yet |" in text
    assert "No diary 13 Mar" not in text
    at("2026-03-13T21:00", "water", "+1")
    at("2026-03-13T21:00", "report", "--days", "7", "-o", str(tmp_path / "r.md"))
    assert "| Fri 13 Mar | 0 so far |" in (tmp_path / "r.md").read_text()


def test_today_not_over_is_so_far_in_the_week_grid_and_the_chart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long period's grid once marked today, with nothing recorded yet,
    "–" (no diary), and a week holding only today went into a "No diary"
    line that ran up to today."""
    db = ["--db", str(tmp_path / "d.json")]

    def at(moment: str, *args: str) -> str:
        monkeypatch.setenv("TWITCHTUI_NOW", moment)
        assert main([*args, *db]) == 0
        return (tmp_path / "r.md").read_text() if "report" in args else ""

    for day in ("10", "11"):
        for hour in ("10", "12", "14"):
            at(f"2026-03-{day}T{hour}:00", "log")
    out = ["-o", str(tmp_path / "r.md")]
    text = at("2026-03-13T21:00", "report", "--days", "21", *out)
    assert "| No diary 21 Feb – 09 Mar 2026 (17 days) |" in text
    assert "| 09 Mar | – | 3 | 3 | – | 0 so far |  |  | 6 | 3.0 |" in text
    assert "|·██·_ 13 Mar" in text  # the chart: today a 0 so far, not "·"
    # Only the checklist today, then a twitch: still "so far", and the averages
    # of full days only (a part of a day once pulled them down by a third).
    at("2026-03-13T21:00", "water", "+1")
    text = at("2026-03-13T21:00", "report", "--days", "21", *out)
    assert "| 09 Mar | – | 3 | 3 | – | 0 so far |  |  | 6 | 3.0 |" in text
    assert "| 13 Mar (today, so far) | 0 | 250 |" in text  # the checklist table
    at("2026-03-13T21:00", "log")
    text = at("2026-03-13T21:00", "report", "--days", "21", *out)
    assert "| 09 Mar | – | 3 | 3 | – | 1 so far |  |  | 7 | 3.0 |" in text
    assert (
        "7 twitches: 6 on 2 of the 2 full diary days (3.0 a day on average; 0 twitch-free "
        "days; 1 day with nothing recorded, 'no diary') and 1 so far today" in text
    )
    text = at("2026-03-16T08:00", "report", "--days", "21", *out)  # a Monday: its week is today
    assert "| 09 Mar | – | 3 | 3 | – | 1 | – | – | 7 | 2.3 |" in text
    assert "| No diary 24 Feb – 09 Mar 2026 (14 days) |" in text
    assert "| 16 Mar | 0 so far |  |  |  |  |  |  | 0 |  |" in text


def test_the_report_says_when_a_diary_day_starts_if_not_at_midnight() -> None:
    plain = report_input()
    assert "A diary day runs" not in to_markdown(plain)
    late = replace(plain, settings=replace(plain.settings, day_start_hour=4))
    assert "A diary day runs from 04:00 to 04:00 the next morning" in to_markdown(late)


# ---------------------------------------------------------------- issue 28


def short_input(days: int) -> ReportInput:
    """The report input over its last ``days`` days only."""
    data = report_input(with_old=False)
    first = data.last - timedelta(days=days - 1)
    return replace(data, first=first, logs={d: v for d, v in data.logs.items() if d >= first})


def test_a_long_period_shows_a_week_grid_and_no_diary_runs_as_one_line() -> None:
    text = to_markdown(report_input(with_old=False))
    assert "| week of | Mon | Tue | Wed | Thu | Fri | Sat | Sun | total | a day |" in text
    # 22-28 Oct had no diary: one line, and the Mon-Wed that share a week with diary days show "–".
    assert "| No diary 22 Oct – 28 Oct 2026 (7 days) |" in text
    assert "| 26 Oct | – | – | – | 6 | 2 | 7 | 8 | 23 | 5.8 |" in text
    # Blank: after the period; today (Wed) so far, and out of "a day".
    assert "| 16 Nov | 1 | 2 | 4 so far |  |  |  |  | 7 | 1.5 |" in text
    assert "Thu 29 Oct" not in text  # no row a day
    assert "████" not in text.split("## Twitches per day")[1].split("## ")[0]  # one-line chart


def test_a_short_period_has_a_row_a_day_and_a_no_diary_run_as_one_row() -> None:
    data = short_input(14)
    gap = [data.last - timedelta(days=n) for n in (5, 6, 7)]
    data = replace(
        data,
        twitches=[t for t in data.twitches if t.at.date() not in gap],
        logs={d: v for d, v in data.logs.items() if d not in gap},
    )
    text = to_markdown(data)
    assert "| week of |" not in text
    assert "| No diary 11 Nov – 13 Nov 2026 (3 days) |  |  |  |  |  |" in text
    assert "| Tue 10 Nov |" in text and "| Sat 14 Nov |" in text
    assert "Wed 11 Nov" not in text.split("## Twitches per day")[1].split("## ")[0]


def test_the_summary_comes_first_and_says_what_matters() -> None:
    text = to_markdown(report_input())
    summary = text.split("## Summary")[1].split("\n## ")[0]
    assert text.index("## Summary") < text.index("## History of the twitching")
    assert "- **Onset:** This run began on 29 Oct 2026 and is ongoing" in summary
    assert "First twitch ever: 19 Sep 2026." in summary
    assert (
        "- **Twitches a day:** 2.3 now (the last 7 full diary days, 11 Nov – 17 Nov 2026)"
        in summary
    )
    assert "against 5.6 at the start of this run (its first 7 diary days" in summary
    assert "  - lower-lip, right: first seen 19 Sep 2026" in summary
    assert "  - Twitching has gone on for two weeks or more (routine, from 29 Oct 2026)" in summary
    assert "  - a pulling feeling (came on over days), first answered 17 Nov 2026" in summary
    assert "  - seen by a clinician: 16 Nov 2026" in summary
    assert "  - prednisolone 20 mg, since 08 Nov 2026" in summary
    assert "went with fewer twitches (n = 11 twitches in 31.5 waking hours during" in summary
    assert "does not diagnose" in summary


def test_summary_lists_stop_at_five_with_a_count_of_the_rest() -> None:
    from twitchtui.report.summary import capped

    assert capped(list("abcde"), "X") == list("abcde")
    assert capped(list("abcdefg"), "Where") == ["a", "b", "c", "d", "and 3 more, under Where"]


def _said(data: ReportInput) -> list[str]:
    """Every piece of text the sections hold (charts' figures aside)."""
    from twitchtui.report import Bullets, Chart, Facts, Table, sections

    out: list[str] = []
    for section in sections(data):
        out.append(section.title)
        for block in section.blocks:
            if isinstance(block, Table):
                out += [*block.header, *(c for row in block.rows for c in row)]
            elif isinstance(block, Chart):
                out.append(block.caption)
            elif isinstance(block, Bullets):
                out += [p for item in block.items for p in item.split("**")]
            elif isinstance(block, Facts):
                for label, value in block.rows:
                    out += [label, *([value] if isinstance(value, str) else value)]
            else:
                out += block.split("**")
    return [s.strip() for s in out if s.strip()]


def test_markdown_and_html_say_the_same() -> None:
    import html

    from twitchtui.report.render import _md_cell, _md_text

    data = report_input()
    data.twitches.append(Twitch(at=NOW - timedelta(minutes=9), note="a <b>|</b> [x]"))
    text, page = to_markdown(data), to_html(data)
    said = _said(data)
    assert len(said) > 300
    for piece in said:
        assert _md_text(piece) in text or _md_cell(piece) in text, piece
        assert html.escape(piece) in page, piece


def test_html_prints_the_summary_alone_on_page_one() -> None:
    page = to_html(report_input())
    assert '<section class="summary"><h2>Summary</h2>' in page
    assert "section.summary { break-after: page;" in page
    assert "tr, li { break-inside: avoid;" in page
    assert "thead { display: table-header-group; }" in page
    assert page.count('class="bars"') == 2 and "<pre>" not in page  # days and hours drawn


def test_sections_can_be_chosen_with_the_summary_first() -> None:
    from twitchtui.report import PeriodError, choose_sections, sections

    data = report_input()
    keys = choose_sections("medicines, findings")
    assert keys == ("summary", "findings", "medicines")
    assert [s.key for s in sections(data, keys)] == list(keys)
    text = to_markdown(data, keys)
    assert text.count("\n## ") == 3 and "## Time of day" not in text
    assert choose_sections("-summary,findings") == ("findings",)
    assert "summary" not in choose_sections("-summary") and len(choose_sections("-summary")) == 11
    assert choose_sections(None) == choose_sections("all") == tuple(s.key for s in sections(data))
    for bad, says in (
        ("findings,x-rays", "'x-rays' is not a section; choose from summary, history"),
        ("", "name at least one"),
        (" , ", "name at least one"),
        ("findings,-findings", "findings is both wanted and left out"),
        ("-" + ",-".join(choose_sections(None)), "leaves no section"),
    ):
        with pytest.raises(PeriodError, match=says):
            choose_sections(bad)
    with pytest.raises(PeriodError):
        sections(data, ["nope"])


def test_periods_from_to_days_and_since_the_last_visit() -> None:
    from twitchtui.report import Period, PeriodError, choose_period, since_last_visit

    data = report_input()
    today = NOW.date()
    assert choose_period(today) == Period(today - timedelta(days=27), today)
    assert choose_period(today, days=7).days == 7
    assert choose_period(today, start="2026-11-01", end="2026-11-10") == Period(
        date(2026, 11, 1), date(2026, 11, 10)
    )
    assert choose_period(today, start="2026-11-01").last == today
    assert choose_period(today, days=3, end="2026-11-10").first == date(2026, 11, 8)
    assert since_last_visit(data.all_logs) == date(2026, 11, 16)
    assert since_last_visit(data.all_logs, until=date(2026, 11, 15)) is None
    assert since_last_visit({}) is None
    visit = choose_period(today, since_visit=True, logs=data.all_logs)
    assert visit == Period(date(2026, 11, 16), today)
    for kwargs, says in (
        ({"start": "2026-11-10", "end": "2026-11-01"}, "--from 2026-11-10 is after --to"),
        ({"end": "2026-11-19"}, "--to 2026-11-19 is in the future \\(today is 2026-11-18\\)"),
        ({"start": "2026-12-01"}, "--from 2026-12-01 is in the future"),
        ({"start": "2026-02-30"}, "'2026-02-30' is not a date; write it as YYYY-MM-DD"),
        ({"start": "18/11/2026"}, "is not a date"),
        ({"end": "2026-11-1"}, "is not a date"),
        ({"start": "1899-12-31"}, "too far back"),
        ({"days": 0}, "--days must be a whole number from 1 to 3660"),
        ({"days": 3661}, "from 1 to 3660"),
        ({"days": 7, "start": "2026-11-01"}, "give one of --days or --from, not both"),
        ({"since_visit": True, "start": "2026-11-01"}, "--from or --since-last-visit"),
        ({"since_visit": True, "logs": {}}, "no visit to a clinician is in the diary up to"),
        ({"start": "2010-01-01"}, "at most 3660 are shown"),
    ):
        with pytest.raises(PeriodError, match=says):
            choose_period(today, **kwargs)


@given(st.text(max_size=30))
def test_any_text_as_a_day_is_a_date_or_one_clear_refusal(text: str) -> None:
    from twitchtui.report import PeriodError
    from twitchtui.report.period import parse_day

    try:
        day = parse_day(text, "--from")
    except PeriodError as exc:
        assert str(exc).startswith("--from: ") and "\n" not in str(exc).replace(repr(text), "")
    else:
        assert day.isoformat() == text.strip()


@given(st.lists(st.text(max_size=12), max_size=5))
def test_any_section_list_is_chosen_or_refused_clearly(words: list[str]) -> None:
    from twitchtui.report import SECTION_KEYS, PeriodError, choose_sections

    try:
        keys = choose_sections(",".join(words))
    except PeriodError as exc:
        assert str(exc).startswith("--sections")
    else:
        assert keys and set(keys) <= set(SECTION_KEYS)
        assert list(keys) == [k for k in SECTION_KEYS if k in keys]


def test_load_report_takes_a_chosen_period(tmp_path: Path) -> None:
    from twitchtui.views import load_report

    store = Store.open(tmp_path / "d.json", now=lambda: NOW)
    for days_ago in range(10):
        store.log_twitch(Twitch(at=NOW - timedelta(days=days_ago)))
    data = load_report(store, first=date(2026, 11, 12), last=date(2026, 11, 14))
    assert (data.first, data.last) == (date(2026, 11, 12), date(2026, 11, 14))
    assert {t.at.date() for t in data.twitches} == {date(2026, 11, d) for d in (12, 13, 14)}
    # All time up to the period's last day (9-14 Nov), in totals from the index;
    # the twitches themselves only around the period (a day either side).
    assert data.all_time is not None and sum(data.all_time.counts.values()) == 6
    assert {t.at.date() for t in data.history} == {date(2026, 11, d) for d in (11, 12, 13, 14)}
    old = load_report(store, 5, date(2026, 11, 10))  # the callers' way still works
    assert (old.first, old.last) == (date(2026, 11, 6), date(2026, 11, 10))


def test_a_period_with_twitches_only_today_says_so_without_a_yet() -> None:
    """A review: with the diary begun weeks before, "no full diary day yet"
    read as if the diary had only just started."""
    from twitchtui.report.figures import overview_figures
    from twitchtui.stats import Summary

    s = Summary(4, 7, 1, None, None, None, None)
    text = overview_figures(s, 0, open_day=True, so_far=4)
    assert text.startswith(
        "4 twitches: all so far today, which is not over and not counted in the days; "
        "6 days with nothing recorded, 'no diary'."
    )
    assert "yet" not in text


def test_one_day_each_side_reads_as_one_day_not_the_last_1() -> None:
    """'the last 1 full diary day' read as a slip; one day is said as one."""
    plain = report_input(with_old=False)
    first = plain.last - timedelta(days=2)
    data = replace(
        plain,
        first=first,
        twitches=[t for t in plain.twitches if t.at.date() >= first],
        history=[t for t in plain.history if t.at.date() >= first],
        logs={d: v for d, v in plain.logs.items() if d >= first},
    )
    text = to_markdown(data)
    line = next(x for x in text.splitlines() if x.startswith("- **Twitches a day:**"))
    assert " 1 " not in line, line
