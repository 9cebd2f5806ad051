"""An urgent answer is never erased by an undo: it is withdrawn as a mistake,
after asking, and the diary, its exports and the report keep it, marked."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twitchtui import ops
from twitchtui.cli import main
from twitchtui.export import to_csv
from twitchtui.model import Conflict, DayLog, InvalidEntry, SelfCheck, in_force
from twitchtui.report import to_markdown
from twitchtui.screens.confirm import CarefulConfirmScreen
from twitchtui.screens.dashboard import DashboardScreen
from twitchtui.screens.day_forms import SelfCheckForm
from twitchtui.store import Store
from twitchtui.views import load_findings, load_report

from .conftest import NOW, Clock
from .test_app import dashboard, make_app, settle, shown, until
from .test_urgent_path import banner, save_emergency

DAY = NOW.date()


def urgent(store: Store) -> list[str]:
    return [f.tier for f in load_findings(store) if f.urgent]


def test_undo_of_an_answer_with_a_sign_withdraws_it_and_redo_counts_it_again(
    store: Store, clock: Clock
) -> None:
    check = SelfCheck(NOW, {"droop": "sudden"})
    undo = ops.AddSelfCheck(DAY, check, opened=1).apply(store)
    assert urgent(store) == ["emergency"]
    assert isinstance(undo, ops.WithdrawSelfCheck)
    clock.advance(minutes=2)
    redo = undo.apply(store)
    log = store.day_log(DAY)
    assert log.checks[0].id == check.id, "the answer stays in the diary"
    (withdrawal,) = (c for c in log.checks if c.withdraws == check.id)
    assert withdrawal.saved == NOW + timedelta(minutes=2) and withdrawal.at == check.at
    assert (log.answers, log.symptoms, log.self_checks) == ([], {}, 0)
    assert urgent(store) == []
    again = redo.apply(store)
    assert isinstance(again, ops.WithdrawSelfCheck)
    assert [c.id for c in store.day_log(DAY).checks] == [check.id]
    assert urgent(store) == ["emergency"]
    assert store.day_log(DAY).self_checks == 1


def test_a_withdrawal_of_an_answer_gone_elsewhere_changes_nothing(store: Store) -> None:
    undo = ops.AddSelfCheck(DAY, SelfCheck(NOW, {"speech": "sudden"})).apply(store)
    store.update_day(DAY, lambda log: DayLog(DAY))  # another dashboard took it out
    with pytest.raises(Conflict):
        undo.apply(store)
    assert store.day_log(DAY).checks == ()


def test_a_withdrawal_answers_nothing_and_names_another_record() -> None:
    with pytest.raises(InvalidEntry):
        SelfCheck(NOW, {"droop": "sudden"}, withdraws="a" * 32).validated()
    alone = SelfCheck(NOW, id="b" * 32)
    with pytest.raises(InvalidEntry):
        SelfCheck(NOW, withdraws=alone.id, id=alone.id).validated()
    with pytest.raises(InvalidEntry):
        SelfCheck.from_doc({"id": "c" * 32, "at": NOW.isoformat(), "withdraws": 7})
    assert not SelfCheck(NOW, withdraws="d" * 32).is_empty


@given(
    st.lists(st.booleans(), min_size=1, max_size=8),
    st.lists(st.integers(min_value=0, max_value=7), max_size=8),
)
def test_in_force_is_every_answer_not_withdrawn(signs: list[bool], withdrawn: list[int]) -> None:
    answers = [
        SelfCheck(NOW + timedelta(minutes=i), {"droop": "unsure"} if sign else {})
        for i, sign in enumerate(signs)
    ]
    picked = {answers[i].id for i in withdrawn if i < len(answers)}
    records = [
        *answers,
        *(a.withdrawal(NOW + timedelta(hours=1)) for a in answers if a.id in picked),
    ]
    kept = in_force(records)
    assert [c.id for c in kept] == [a.id for a in answers if a.id not in picked]
    log = DayLog(DAY, checks=tuple(records)).validated()
    assert DayLog.from_doc(log.to_doc()) == log, "a withdrawal survives the file"


def test_the_report_export_and_import_keep_the_withdrawn_answer(
    tmp_path: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    check = SelfCheck(NOW, {"droop": "unsure"})
    ops.AddSelfCheck(DAY, check).apply(store).apply(store)
    markdown = to_markdown(load_report(store, 7))
    assert "withdrawn" in markdown and "drooping face" in markdown
    assert "1 answer withdrawn as entered by mistake" in markdown
    assert "Call 112" not in markdown

    text = to_csv([], [store.day_log(DAY)])
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["kind"] == "selfcheck"]
    assert sorted(r["withdraws"] for r in rows) == ["", check.id]

    db = str(store.path)
    capsys.readouterr()
    assert main(["export", "--db", db, "--format", "json"]) == 0
    exported = tmp_path / "e.json"
    exported.write_text(capsys.readouterr().out)
    fresh = str(tmp_path / "fresh" / "d.json")
    assert main(["import", "--db", fresh, str(exported)]) == 0
    again = Store.open(fresh, now=lambda: NOW)
    assert len(again.day_log(DAY).checks) == 2
    assert urgent(again) == []
    assert json.loads(exported.read_text())  # a plain JSON file


def test_the_shell_withdraws_the_days_latest_answer_with_a_sign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.json")
    assert main(["selfcheck", "--db", db, "--withdraw"]) == 2  # nothing to withdraw
    assert main(["selfcheck", "--db", db, "--droop", "--sudden"]) == 0
    assert main(["selfcheck", "--db", db, "--withdraw", "--droop"]) == 2  # alone only
    capsys.readouterr()
    assert main(["selfcheck", "--db", db, "--withdraw"]) == 0
    out, err = capsys.readouterr()
    assert "Withdrawn: the self-check for" in out and "drooping face (sudden)" in out
    assert "EMERGENCY" not in err
    store = Store.open(db, now=lambda: NOW)
    assert len(store.day_log(DAY).checks) == 2 and urgent(store) == []
    assert main(["selfcheck", "--db", db, "--withdraw"]) == 2  # none left


async def emergency_then_undo(pilot, app) -> None:
    """Save a sudden sign, close the advice, and press u: the question is open."""
    await settle(pilot)
    await save_emergency(pilot, app)
    await settle(pilot)
    assert banner(app).display
    await pilot.press("u")
    await until(pilot, lambda: isinstance(app.screen, CarefulConfirmScreen))


async def test_undo_asks_before_withdrawing_and_enter_keeps_the_answer(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await emergency_then_undo(pilot, app)
        await pilot.press("enter")  # the safe answer: keep it
        await until(pilot, lambda: shown(app, DashboardScreen))
        await settle(pilot)
        assert banner(app).display
        assert not dashboard(app).session.can_undo, "kept: undo goes on to the step before"
        store = Store.open(db_path, now=clock)
        assert [c.signs for c in store.day_log(DAY).checks] == [{"speech": "sudden"}]


async def test_undo_withdraws_after_y_and_redo_brings_the_banner_back(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await emergency_then_undo(pilot, app)
        await pilot.press("y")
        await until(pilot, lambda: shown(app, DashboardScreen) and not banner(app).display)
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Withdrawn: the self-check at") for m in said)
        store = Store.open(db_path, now=clock)
        assert len(store.day_log(DAY).checks) == 2 and urgent(store) == []
        await pilot.press("ctrl+y")
        await until(pilot, lambda: banner(app).display)
        await settle(pilot)
        assert urgent(Store.open(db_path, now=clock)) == ["emergency"]


async def test_a_self_check_opened_before_midnight_and_saved_after_is_the_new_days(
    db_path: Path,
) -> None:
    """The record's moment and its day agree: saved at 00:00:15, it is filed
    under the new day, whose checklist then shows the self-check done."""
    late = Clock(NOW.replace(hour=23, minute=59, second=30))
    app = make_app(db_path, late)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await until(pilot, lambda: shown(app, SelfCheckForm))
        late.advance(seconds=45)
        await pilot.press("ctrl+s")  # nothing ticked
        await until(pilot, lambda: shown(app, DashboardScreen))
        await settle(pilot)
    store = Store.open(db_path, now=late)
    new_day = DAY + timedelta(days=1)
    assert [c.at for c in store.day_log(new_day).checks] == [late().replace(microsecond=0)]
    assert store.day_log(DAY).checks == ()


def test_a_withdrawal_of_an_answer_not_in_the_diary_is_not_counted(store: Store) -> None:
    """A withdrawal naming an id no record has (a hand-made one, or its answer
    in a file left out) withdraws nothing, and the report does not count it."""
    check = SelfCheck(NOW, {"droop": "unsure"})
    ops.AddSelfCheck(DAY, check).apply(store).apply(store)
    stray = SelfCheck(NOW, withdraws="f" * 32)
    store.update_day(DAY, lambda log: log.with_check(stray))
    markdown = to_markdown(load_report(store, 7))
    assert "1 answer withdrawn as entered by mistake" in markdown
