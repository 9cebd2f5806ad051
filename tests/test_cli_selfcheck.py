"""`twitchtui selfcheck` and `flags` from the shell: records, onsets, errors
that name the right flag, and the report's third person."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from twitchtui.cli import main
from twitchtui.report import to_markdown
from twitchtui.store import Store
from twitchtui.views import load_report

from .conftest import NOW


def flags(db: str, capsys) -> list[dict]:
    capsys.readouterr()
    assert main(["flags", "--db", db, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_each_call_adds_a_record_with_its_onset(tmp_path: Path, capsys) -> None:
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


def test_sudden_is_onset_sudden_and_they_must_agree(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "d.json")
    assert main(["selfcheck", "--db", db, "--speech", "--sudden"]) == 0
    assert "EMERGENCY: Call 999 now. Call 999 (or 112) now" in capsys.readouterr().err
    assert main(["selfcheck", "--db", db, "--speech", "--sudden", "--onset", "days"]) == 2
    assert "--onset" in capsys.readouterr().err


def test_passed_adds_a_record_and_the_emergency_stays(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "d.json")
    assert main(["selfcheck", "--db", db, "--passed"]) == 2
    assert "--passed no sign is recorded" in capsys.readouterr().err
    main(["selfcheck", "--db", db, "--speech", "--sudden"])
    assert main(["selfcheck", "--db", db, "--passed"]) == 0
    assert "slurred speech passed. The earlier answers stay on record." in capsys.readouterr().out
    [finding] = flags(db, capsys)
    assert finding["tier"] == "emergency" and "recorded as having passed" in finding["reason"]


@pytest.mark.parametrize("flag", ["--day", "--seen-clinician"])
def test_a_future_date_names_the_flag_it_came_with(tmp_path: Path, capsys, flag: str) -> None:
    tomorrow = (NOW.date() + timedelta(days=1)).isoformat()
    assert main(["selfcheck", "--db", str(tmp_path / "d.json"), flag, tomorrow]) == 2
    assert f"{flag} {tomorrow} is in the future" in capsys.readouterr().err


def test_a_visit_closes_only_what_began_before_it(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "d.json")
    yesterday = (NOW.date() - timedelta(days=1)).isoformat()
    main(["selfcheck", "--db", db, "--day", yesterday, "--droop"])
    main(["selfcheck", "--db", db, "--seen-clinician", yesterday])
    assert flags(db, capsys) == []
    main(["selfcheck", "--db", db, "--limb-weakness", "--sudden"])
    assert [f["id"] for f in flags(db, capsys)] == ["emergency"]


def test_the_report_speaks_of_the_patient_and_names_the_pattern_only_there(
    tmp_path: Path, capsys
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
