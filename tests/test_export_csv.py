"""CSV export: RFC 4180 quoting, and notes that a spreadsheet must not run."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchtui.export import CSV_COLUMNS, to_csv
from twitchtui.model import DayLog, SelfCheck, Twitch, clean_text

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


@pytest.mark.parametrize("note", ['=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1)"])
def test_formulas_are_kept_as_text(note: str) -> None:
    [twitch, day] = rows(to_csv([Twitch(at=NOW, note=note)], [DayLog(NOW.date(), food=note)]))
    assert twitch["note"] == "'" + note
    assert day["food"] == "'" + note


def test_every_text_column_is_guarded_the_id_included() -> None:
    # What a diary kept before ids were checked could hold: no column is trusted.
    twitch = Twitch(at=NOW, id='=HYPERLINK("http://x")', site="-x", triggers=("+a",))
    [row] = rows(to_csv([twitch], []))
    assert (row["id"], row["site"], row["triggers"]) == ('\'=HYPERLINK("http://x")', "'-x", "'+a")


@pytest.mark.parametrize(
    ("note", "kept"),
    [
        ("\tx", "x"),
        ("\rx", "x"),
        ("\x1b]0;pwned\x07x", "]0;pwnedx"),
        ("\x9b2Jx", "2Jx"),
        ("\x00x\x7f", "x"),
    ],
)
def test_control_characters_never_reach_the_file(note: str, kept: str) -> None:
    text = to_csv([Twitch(at=NOW, note=note)], [DayLog(NOW.date(), food=note)])
    [twitch, day] = rows(text)
    assert twitch["note"] == day["food"] == kept
    assert not set(text.replace("\r\n", "\n")) & {
        chr(c) for c in [*range(32), *range(127, 160)]
    } - {"\n"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60).map(str.strip))
def test_any_note_round_trips_through_the_csv_module(note: str) -> None:
    [row] = rows(to_csv([Twitch(at=NOW, note=note)], []))
    kept = clean_text(note, newlines=True)  # control characters out, line breaks kept
    assert row["note"] == ("'" + kept if kept[:1] in ("=", "+", "-", "@") else kept)
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


def test_relief_and_experiment_rows_carry_their_ids() -> None:
    from datetime import timedelta

    from twitchtui.model import Experiment, Relief

    session = Relief("pmr", NOW.replace(microsecond=0), 75, 75)
    trial = Experiment("Bed earlier", NOW - timedelta(days=9), 3, ended=NOW - timedelta(days=6))
    got = rows(to_csv([], [DayLog(NOW.date(), relief=(session,))], 0, [trial]))
    assert {r["kind"]: r["id"] for r in got if r["kind"] != "day"} == {
        "relief": session.id,
        "experiment": trial.id,
    }
    assert all(len(r["id"]) == 32 for r in got if r["kind"] != "day")
