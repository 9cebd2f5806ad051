"""`twitchtui selfcheck` and `flags` from the shell: records, onsets, errors
that name the right flag, and the report's third person."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from twitchtui.cli import main
from twitchtui.report import to_markdown
from twitchtui.store import Store
from twitchtui.views import load_report

from .conftest import NOW


def flags(db: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["flags", "--db", db, "--json"]) == 0
    found: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return found


def test_each_call_adds_a_record_with_its_onset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    assert main(["selfcheck", "--db", db, "--droop", "--numbness", "--onset", "days"]) == 0
    out, err = capsys.readouterr()
    assert "drooping face (over days), numbness on one side (over days)" in out
    assert err.startswith("SAME-DAY: See a doctor today.") and "111" in err
    assert main(["selfcheck", "--db", db]) == 0
    assert "nothing new to note" in capsys.readouterr().out
    log = Store.open(db, now=lambda: NOW).day_log(NOW.date())
    assert [c.signs for c in log.checks] == [{"droop": "days", "numbness": "days"}, {}]
    assert [f["tier"] for f in flags(db, capsys)] == ["same-day", "info"]


def test_sudden_is_onset_sudden_and_they_must_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    assert main(["selfcheck", "--db", db, "--speech", "--sudden"]) == 0
    assert "EMERGENCY: Call 999 now. Call 999 (or 112) now" in capsys.readouterr().err
    assert main(["selfcheck", "--db", db, "--speech", "--sudden", "--onset", "days"]) == 2
    assert "--onset" in capsys.readouterr().err


def test_passed_adds_a_record_and_the_emergency_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    assert main(["selfcheck", "--db", db, "--passed"]) == 2
    assert "--passed no sign is recorded" in capsys.readouterr().err
    main(["selfcheck", "--db", db, "--speech", "--sudden"])
    assert main(["selfcheck", "--db", db, "--passed"]) == 0
    assert "slurred speech passed. The earlier answers stay on record." in capsys.readouterr().out
    [finding] = flags(db, capsys)
    assert finding["tier"] == "emergency" and "recorded as having passed" in finding["reason"]


@pytest.mark.parametrize("flag", ["--day", "--seen-clinician"])
def test_a_future_date_names_the_flag_it_came_with(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    tomorrow = (NOW.date() + timedelta(days=1)).isoformat()
    assert main(["selfcheck", "--db", str(tmp_path / "d.json"), flag, tomorrow]) == 2
    assert f"{flag} {tomorrow} is in the future" in capsys.readouterr().err


def test_a_visit_closes_only_what_began_before_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    yesterday = (NOW.date() - timedelta(days=1)).isoformat()
    main(["selfcheck", "--db", db, "--day", yesterday, "--droop"])  # counts from 23:59:59
    capsys.readouterr()
    # A visit given as a past date counts from that day's start: the droop stays open.
    assert main(["selfcheck", "--db", db, "--seen-clinician", yesterday]) == 0
    assert "Give its time to close them" in capsys.readouterr().out
    assert [f["id"] for f in flags(db, capsys)] == ["emergency"]
    main(["selfcheck", "--db", db, "--seen-clinician", NOW.date().isoformat()])  # now
    assert flags(db, capsys) == []
    main(["selfcheck", "--db", db, "--limb-weakness", "--sudden"])
    assert [f["id"] for f in flags(db, capsys)] == ["emergency"]


def test_the_report_speaks_of_the_patient_and_names_the_pattern_only_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    main(["selfcheck", "--db", db, "--droop", "--sudden"])
    for days_ago, site in ((20, "eye"), (15, "eye"), (8, "upper-lip"), (3, "upper-lip")):
        at = (NOW - timedelta(days=days_ago)).isoformat()
        main(["log", "--db", db, "--at", at, "--site", site, "--side", "right"])
    text = to_markdown(load_report(Store.open(db, now=lambda: NOW), 28))
    assert "Your self-check" not in text and "The self-check on 18 Nov" in text
    assert "**Call 999 now** (emergency)" in text
    assert "For the clinician: Eye and mouth twitching on the right side" in text
    assert "hemifacial spasm" in text
    spread = next(f for f in flags(db, capsys) if f["id"] == "spread")
    assert "hemifacial" not in json.dumps(spread)
    assert "Advice the app gave the patient: Call 999 (or 112) now" in text


# ------------------------------------------------------------ the review's breaks


def at_clock(monkeypatch: pytest.MonkeyPatch, moment: str) -> None:
    monkeypatch.setenv("TWITCHTUI_NOW", moment)


def test_passed_with_a_sign_records_the_sign_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    assert main(["selfcheck", "--db", db, "--droop", "--sudden", "--passed"]) == 0
    assert "recorded all the same" in capsys.readouterr().out
    [finding] = flags(db, capsys)
    assert finding["tier"] == "emergency" and "recorded as having passed" in finding["reason"]


def test_a_visit_dated_earlier_never_closes_an_evening_sign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "d.json")
    at_clock(monkeypatch, "2026-11-17T20:00:00+01:00")
    main(["selfcheck", "--db", db, "--speech", "--sudden"])
    at_clock(monkeypatch, NOW.isoformat())
    main(["selfcheck", "--db", db, "--seen-clinician", "2026-11-17"])
    assert [f["tier"] for f in flags(db, capsys)] == ["emergency"]  # 18 h 30 min ago
    main(["selfcheck", "--db", db, "--seen-clinician", "2026-11-17T21:00"])
    assert flags(db, capsys) == []


def test_a_visit_told_before_a_sign_was_never_covers_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A visit saved at 09:00 cannot have seen a sudden speech problem first
    told to the diary at 14:30, even one given for the day before (which
    counts from that day's end, before the visit's moment)."""
    db = str(tmp_path / "d.json")
    at_clock(monkeypatch, "2026-11-18T09:00:00+01:00")
    main(["selfcheck", "--db", db, "--seen-clinician", "2026-11-18"])
    at_clock(monkeypatch, NOW.isoformat())  # 14:30
    main(["selfcheck", "--db", db, "--day", "2026-11-17", "--speech", "--sudden"])
    assert [f["tier"] for f in flags(db, capsys)] == ["emergency"]
    # Told after it, the same visit would have covered it: a visit now does.
    main(["selfcheck", "--db", db, "--seen-clinician", NOW.isoformat()[:16]])
    assert flags(db, capsys) == []


def test_a_sign_back_after_a_visit_is_not_said_to_have_passed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "It is recorded as having passed" speaks of this episode: the 1 Nov
    droop passed and was seen, but the one of 18 Nov has not passed."""
    db = str(tmp_path / "d.json")
    at_clock(monkeypatch, "2026-11-01T12:00:00+01:00")
    main(["selfcheck", "--db", db, "--droop", "--sudden"])
    at_clock(monkeypatch, "2026-11-01T12:30:00+01:00")
    main(["selfcheck", "--db", db, "--passed"])
    at_clock(monkeypatch, "2026-11-01T16:00:00+01:00")
    main(["selfcheck", "--db", db, "--seen-clinician", "2026-11-01T15:00"])
    at_clock(monkeypatch, NOW.isoformat())
    main(["selfcheck", "--db", db, "--droop", "--sudden"])
    (card,) = flags(db, capsys)
    assert card["tier"] == "emergency"
    assert "having passed" not in card["reason"]
    main(["selfcheck", "--db", db, "--passed"])
    (card,) = flags(db, capsys)
    assert "It is recorded as having passed (" in card["reason"]


def test_a_thinner_muscle_stays_until_a_visit_is_recorded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The card says "do not wait for it to pass": a month of quiet is no
    all-clear. A visit recorded after it closes it, as for any routine sign
    once its month is over."""
    db = str(tmp_path / "d.json")
    at_clock(monkeypatch, "2026-09-01T12:00:00+01:00")
    main(["selfcheck", "--db", db, "--wasting", "--onset", "days"])
    at_clock(monkeypatch, NOW.isoformat())  # 18 Nov: 78 days later
    assert [f["id"] for f in flags(db, capsys)] == ["neuro-signs"]
    main(["selfcheck", "--db", db, "--seen-clinician", "2026-11-18T09:00"])
    assert flags(db, capsys) == []


def test_a_sign_is_explained_once_by_its_first_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sudden headache, then "--headache --passed" five minutes later: the
    next day's card says it began more than a day ago, not that it is new
    with an unknown onset."""
    db = str(tmp_path / "d.json")
    at_clock(monkeypatch, "2026-11-16T12:00:00+01:00")
    main(["selfcheck", "--db", db, "--headache", "--sudden"])
    at_clock(monkeypatch, "2026-11-16T12:05:00+01:00")
    main(["selfcheck", "--db", db, "--headache", "--passed"])
    at_clock(monkeypatch, NOW.isoformat())
    (card,) = flags(db, capsys)
    assert card["tier"] == "same-day"
    assert "began more than a day ago" in card["reason"]
    assert "is new and when it began is not known" not in card["reason"]


def test_a_past_days_answer_is_never_given_a_time_nobody_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It counts from the day's end (23:59:59), but the person gave no time:
    the confirmation, the card's reason and its entry say so."""
    db = str(tmp_path / "d.json")
    yesterday = (NOW.date() - timedelta(days=1)).isoformat()
    capsys.readouterr()
    main(["selfcheck", "--db", db, "--day", yesterday, "--speech", "--sudden"])
    assert f"Self-check for {yesterday} (no time given): slurred speech" in capsys.readouterr().out
    (card,) = flags(db, capsys)
    assert "23:59" not in json.dumps(card)
    assert "(no time given)" in card["reason"]
    assert card["entries"][0]["detail"].startswith("self-check (no time given): ")
    report = tmp_path / "r.md"
    assert main(["report", "--db", db, "-o", str(report)]) == 0
    assert (
        "23:59" not in report.read_text() and "(no time given) | self-check |" in report.read_text()
    )
    capsys.readouterr()
    assert main(["selfcheck", "--db", db, "--day", yesterday, "--withdraw"]) == 0
    assert f"the self-check for {yesterday} (no time given)" in capsys.readouterr().out


def test_a_past_days_sign_and_a_visit_that_day_in_one_call_are_closed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An answer about yesterday has no time (it counts from the day's end),
    so no visit that day could come after it: given in the same call, the
    visit is about these signs, and the emergency can be closed truthfully."""
    db = str(tmp_path / "d.json")
    yesterday = (NOW.date() - timedelta(days=1)).isoformat()
    capsys.readouterr()
    main(
        [
            "selfcheck",
            "--db",
            db,
            "--day",
            yesterday,
            "--speech",
            "--seen-clinician",
            f"{yesterday}T15:00",
        ]
    )
    out = capsys.readouterr().out
    assert f"seen by a clinician about these signs on {yesterday}" in out
    assert "Give its time" not in out
    assert flags(db, capsys) == []


def test_numbness_seen_then_back_another_day_counts_both_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first day's numbness (same-day, then seen) is still a day with it:
    back five days later, the card says 2 days and is routine, not "1 day"."""
    db = str(tmp_path / "d.json")
    at_clock(monkeypatch, "2026-11-10T10:00:00+01:00")
    main(["selfcheck", "--db", db, "--numbness"])
    at_clock(monkeypatch, "2026-11-10T17:00:00+01:00")
    main(["selfcheck", "--db", db, "--seen-clinician", "2026-11-10T16:00"])
    at_clock(monkeypatch, "2026-11-15T10:00:00+01:00")
    main(["selfcheck", "--db", db, "--numbness"])
    (card,) = flags(db, capsys)
    assert (card["id"], card["tier"]) == ("numbness", "routine")
    assert "on 2 days" in card["reason"]


def test_a_visit_saved_with_a_sign_counts_as_seen_when_it_comes_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "--droop --seen-clinician TODAY" is one record; the droop reported
    again two days later has been seen, as with a visit saved apart."""
    db = str(tmp_path / "d.json")
    at_clock(monkeypatch, "2026-11-16T10:00:00+01:00")
    main(["selfcheck", "--db", db, "--droop", "--seen-clinician", "2026-11-16"])
    at_clock(monkeypatch, NOW.isoformat())
    main(["selfcheck", "--db", db, "--droop", "--onset", "days"])
    assert [f["tier"] for f in flags(db, capsys)] == ["routine"]
    at_clock(monkeypatch, "2026-11-16T11:00:00+01:00")
    assert main(["selfcheck", "--db", db, "--day", "2026-11-16", "--withdraw"]) == 0
    assert "its 'seen by a clinician' with it" in capsys.readouterr().out


def test_as_of_a_day_leaves_out_what_was_told_later(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An answer about 10 Nov told on 18 Nov, and withdrawn then: as of the
    15th the diary held neither, so the flags as of then show nothing."""
    db = str(tmp_path / "d.json")
    main(["selfcheck", "--db", db, "--day", "2026-11-10", "--droop"])
    main(["selfcheck", "--db", db, "--day", "2026-11-10", "--withdraw"])
    capsys.readouterr()
    assert main(["flags", "--db", db, "--json", "--as-of", "2026-11-15"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_sign_and_a_visit_in_one_call_is_one_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    today = NOW.date().isoformat()
    assert main(["selfcheck", "--db", db, "--droop", "--sudden", "--seen-clinician", today]) == 0
    assert "seen by a clinician about these signs" in capsys.readouterr().out
    [check] = Store.open(db, now=lambda: NOW).day_log(NOW.date()).checks
    assert check.seen and check.signs == {"droop": "sudden"}
    assert flags(db, capsys) == []


@pytest.mark.parametrize("flag", ["--day", "--seen-clinician"])
def test_a_year_out_of_range_is_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    assert main(["selfcheck", "--db", str(tmp_path / "d.json"), flag, "0001-01-01"]) == 2
    assert "between 1900 and 2100" in capsys.readouterr().err


def exported(db: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["export", "--db", db, "--format", "json"]) == 0
    doc: dict[str, Any] = json.loads(capsys.readouterr().out)
    return doc


def import_of(
    doc: dict[str, Any], tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    file = tmp_path / "edited.json"
    file.write_text(json.dumps(doc))
    capsys.readouterr()
    code = main(["import", "--db", db, str(file)])
    return code, capsys.readouterr().err


def test_an_edited_export_cannot_erase_an_emergency(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    main(["selfcheck", "--db", db, "--droop", "--sudden"])
    doc = exported(db, capsys)
    [record] = doc["days"][0]["checks"]
    # The same id again, later and with nothing ticked: refused, in a fresh diary too.
    twin = {**record, "signs": {}, "at": NOW.isoformat()}
    dup = {**doc, "days": [{**doc["days"][0], "checks": [record, twin]}]}
    code, err = import_of(dup, tmp_path, str(tmp_path / "fresh.json"), capsys)
    assert code == 2 and "share one id" in err
    # The record rewritten under its own id, into the diary that holds it: the diary's stays.
    rewritten = {**doc, "days": [{**doc["days"][0], "checks": [{**record, "signs": {}}]}]}
    code, _ = import_of(rewritten, tmp_path, db, capsys)
    assert code == 0 and [f["tier"] for f in flags(db, capsys)] == ["emergency"]
    # An old-format "no" is not a yes, and a visit in the future is refused.
    old = {**doc, "days": [{"day": doc["days"][0]["day"], "seen_clinician": "no"}]}
    code, err = import_of(old, tmp_path, str(tmp_path / "old.json"), capsys)
    assert code == 2 and "not true or false" in err
    ahead = {**record, "id": "f" * 32, "signs": {}, "seen": True, "at": "2100-12-31T12:00:00+00:00"}
    future = {**doc, "days": [{**doc["days"][0], "checks": [record, ahead]}]}
    code, err = import_of(future, tmp_path, str(tmp_path / "future.json"), capsys)
    assert code == 2
