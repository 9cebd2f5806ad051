"""CSV export: RFC 4180 quoting, and notes that a spreadsheet must not run."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchtui.export import CSV_COLUMNS, to_csv
from twitchtui.model import DayLog, SelfCheck, Twitch

from .conftest import NOW


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_lines_end_in_crlf_and_awkward_notes_come_back_whole() -> None:
    note = 'after "lunch", with a comma\nand a second line'
    text = to_csv([Twitch(at=NOW, note=note)], [DayLog(NOW.date(), food="rice, beans")])
    assert text.startswith(",".join(CSV_COLUMNS) + "\r\n")
    assert '"after ""lunch"", with a comma\nand a second line"' in text  # quoted, "" inside
    twitch, day = rows(text)
    assert twitch["note"] == note
    assert day["food"] == "rice, beans"
    assert len(twitch) == len(CSV_COLUMNS)


@pytest.mark.parametrize(
    "note", ['=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_formulas_are_kept_as_text(note: str) -> None:
    [twitch, day] = rows(to_csv([Twitch(at=NOW, note=note)], [DayLog(NOW.date(), food=note)]))
    assert twitch["note"] == "'" + note
    assert day["food"] == "'" + note


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60).map(str.strip))
def test_any_note_round_trips_through_the_csv_module(note: str) -> None:
    [row] = rows(to_csv([Twitch(at=NOW, note=note)], []))
    assert row["note"] == ("'" + note if note[:1] in ("=", "+", "-", "@") else note)
    assert row["id"] and row["kind"] == "twitch"


def test_day_rows_carry_the_check_in_exposures_and_visits() -> None:
    visit = SelfCheck(NOW, {"droop": "sudden"}, passed=("speech",), seen=True, id="a" * 32)
    day = DayLog(NOW.date(), alcohol=True, nicotine=None, screen_h=7.5, checks=(visit,))
    row, check = rows(to_csv([], [day]))
    assert (check["kind"], check["at"], check["symptoms"], check["passed"]) == (
        "selfcheck",
        NOW.isoformat(),
        "droop=sudden",
        "speech",
    )
    assert (check["seen_clinician"], check["id"]) == ("yes", "a" * 32)
    assert (row["alcohol"], row["nicotine"], row["screen_h"], row["seen_clinician"]) == (
        "yes",
        "",
        "7.5",
        "yes",
    )
