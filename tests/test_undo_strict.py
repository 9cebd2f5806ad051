"""Undo takes off only what its own action added, and the cached month the
dashboard extends is the file on disk: three checks that once let a broken
version pass the whole suite (each was tried by hand against its mutant)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from twitchtui.model import Conflict, Twitch
from twitchtui.ops import AddHabit, AddWater
from twitchtui.store import Store

from .conftest import NOW, Clock


def test_water_undo_refuses_to_take_another_process_water(db_path: Path, clock: Clock) -> None:
    mine, theirs = Store.open(db_path, now=clock), Store.open(db_path, now=clock)
    day = NOW.date()
    undo = AddWater(day, 500).apply(mine)
    # Elsewhere, 300 ml of it is taken off: 200 ml are left, which this undo
    # may not take (it would stop at zero and swallow a change it never made).
    theirs.update_day(day, lambda log: replace(log, water_ml=log.water_ml - 300))
    with pytest.raises(Conflict, match="only 200 ml"):
        undo.apply(mine)
    assert Store.open(db_path, now=clock).day_log(day).water_ml == 200


def test_habit_undo_refuses_when_the_tick_was_taken_off_elsewhere(
    db_path: Path, clock: Clock
) -> None:
    mine, theirs = Store.open(db_path, now=clock), Store.open(db_path, now=clock)
    day = NOW.date()
    undo = AddHabit(day, "walk", 1).apply(mine)
    theirs.update_day(day, lambda log: replace(log, habits={}))
    with pytest.raises(Conflict, match="ticked only 0 times"):
        undo.apply(mine)
    assert Store.open(db_path, now=clock).day_log(day).habits == {}


def test_logging_after_another_process_logged_keeps_both(db_path: Path, clock: Clock) -> None:
    dashboard, shell = Store.open(db_path, now=clock), Store.open(db_path, now=clock)
    first = dashboard.log_twitch(Twitch(at=NOW.replace(hour=9)))
    assert [t.id for t in dashboard.twitches()] == [first.id]  # the month is cached now
    theirs = shell.log_twitch(Twitch(at=NOW.replace(hour=10)))
    mine = dashboard.log_twitch(Twitch(at=NOW.replace(hour=11)))
    # The fast path may extend the cached month only if it is still the file.
    assert [t.id for t in dashboard.twitches()] == [first.id, theirs.id, mine.id]


def test_a_self_check_taken_and_saved_at_once_is_one_write_and_one_undo(
    db_path: Path, clock: Clock
) -> None:
    """The shell's selfcheck adds the record and its count together; undoing
    it takes both back (an answer with a sign is withdrawn, not removed), and
    a record gone elsewhere leaves the count alone."""
    from twitchtui.model import SelfCheck
    from twitchtui.ops import AddSelfCheck

    store = Store.open(db_path, now=clock)
    day = NOW.date()
    undo = AddSelfCheck(day, SelfCheck(NOW, {"droop": "sudden"}), opened=1).apply(store)
    log = store.day_log(day)
    assert (log.self_checks, len(log.checks)) == (1, 1)
    redo = undo.apply(store)
    log = store.day_log(day)
    assert (log.self_checks, len(log.checks), log.answers) == (0, 2, [])
    again = redo.apply(store)
    log = store.day_log(day)
    assert (log.self_checks, len(log.checks), len(log.answers)) == (1, 1, 1)
    undo = AddSelfCheck(day, SelfCheck(NOW), opened=1).apply(store)  # nothing ticked
    undo.apply(store)  # an answer without a sign is taken out
    log = store.day_log(day)
    assert (log.self_checks, len(log.checks)) == (1, 1)
    store.update_day(day, lambda log: replace(log, checks=()))  # removed elsewhere
    with pytest.raises(Conflict):
        again.apply(store)
    assert store.day_log(day).self_checks == 1


def test_water_with_electrolytes_is_one_write_and_its_undo_unticks_only_its_own(
    db_path: Path, clock: Clock
) -> None:
    store = Store.open(db_path, now=clock)
    day = NOW.date()
    undo = AddWater(day, 500, electrolytes=True).apply(store)
    log = store.day_log(day)
    assert (log.water_ml, log.electrolytes) == (500, True)
    redo = undo.apply(store)
    log = store.day_log(day)
    assert (log.water_ml, log.electrolytes) == (0, False)
    redo.apply(store)
    # Ticked already: a second glass with the tick leaves the tick to its undo.
    second = AddWater(day, 250, electrolytes=True).apply(store)
    second.apply(store)
    log = store.day_log(day)
    assert (log.water_ml, log.electrolytes) == (500, True)
    with pytest.raises(Conflict):  # nothing would change
        AddWater(day, 0, electrolytes=True).apply(store)
