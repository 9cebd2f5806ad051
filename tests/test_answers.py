"""The answers the dashboard's urgent path counts: an answer handed to the
session counts at once, whatever the order in which saves land and reads
answer, and once the diary is read again, the record is the diary."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from twitchtui.model import DayLog, SelfCheck
from twitchtui.screens.dashboard.answers import AnswerRecord

from .conftest import NOW

DAYS = [date(2026, 11, 17), date(2026, 11, 18)]


def ids(logs: dict[date, DayLog]) -> set[str]:
    return {check.id for log in logs.values() for check in log.checks}


def snapshot(diary: dict[str, tuple[date, SelfCheck]]) -> tuple[DayLog, ...]:
    """The diary's day logs as a read in a worker would return them."""
    logs: dict[date, DayLog] = {}
    for day, check in diary.values():
        logs[day] = (logs.get(day) or DayLog(day)).with_check(check)
    return tuple(logs.values())


def test_an_answer_queued_counts_before_any_read() -> None:
    record = AnswerRecord()
    check = SelfCheck(NOW, {"speech": "sudden"})
    record.queued(DAYS[1], check)
    assert record.waiting
    assert ids(record.logs()) == {check.id}


def test_a_read_asked_for_before_a_later_one_is_not_kept() -> None:
    record = AnswerRecord()
    old, new = record.ticket(), record.ticket()
    check = SelfCheck(NOW, {"speech": "sudden"})
    assert record.read(new, (DayLog(DAYS[1]).with_check(check),))
    assert not record.read(old, ())  # answered late, with less
    assert ids(record.logs()) == {check.id}


def test_a_saved_answer_counts_until_a_read_asked_for_after_its_save() -> None:
    """A read asked for before the save landed may have looked at the disk
    before it, whatever it holds and whenever it answers."""
    record = AnswerRecord()
    check = SelfCheck(NOW, {"speech": "sudden"})
    record.queued(DAYS[1], check)
    early = record.ticket()
    record.landed(check.id)
    assert record.read(early, ())  # it looked before the save
    assert ids(record.logs()) == {check.id} and record.waiting
    assert record.read(record.ticket(), (DayLog(DAYS[1]).with_check(check),))
    assert not record.waiting


def test_a_redo_of_a_withdrawn_answer_counts_until_a_read_after_it_shows_it() -> None:
    """The redo removes the withdrawal. A read answering before that removal
    is on disk still holds the withdrawal, so the record is waiting (the
    banner is worked out here, not from that read) until a read asked for
    after the removal landed has answered."""
    record = AnswerRecord()
    check = SelfCheck(NOW, {"speech": "sudden"})
    withdrawal = check.withdrawal(NOW + timedelta(minutes=1))
    on_disk = (DayLog(DAYS[1]).with_check(check).with_check(withdrawal),)
    assert record.read(record.ticket(), on_disk)
    assert not record.waiting and ids(record.logs()) == {check.id, withdrawal.id}
    record.undo_queued(withdrawal.id)
    record.unwithdraw(withdrawal.id)  # the redo, queued
    early = record.ticket()
    assert record.read(early, on_disk)  # it looked before the removal was saved
    assert record.waiting and ids(record.logs()) == {check.id}
    record.dropped(withdrawal.id)  # the removal landed
    assert record.read(early, on_disk) and record.waiting
    assert record.read(record.ticket(), (DayLog(DAYS[1]).with_check(check),))
    assert not record.waiting and ids(record.logs()) == {check.id}


def test_a_visit_closes_nothing_until_its_save_lands() -> None:
    """A clinician's visit still waiting to be saved, or refused by a
    read-only diary, is counted without the visit: only a saved one closes."""
    record = AnswerRecord()
    emergency = SelfCheck(NOW - timedelta(hours=1), {"speech": "sudden"})
    assert record.read(record.ticket(), (DayLog(DAYS[1]).with_check(emergency),))
    visit = SelfCheck(NOW, seen=True)
    record.queued(DAYS[1], visit)
    (counted,) = [c for c in record.logs()[DAYS[1]].checks if c.id == visit.id]
    assert not counted.seen
    record.landed(visit.id)
    (counted,) = [c for c in record.logs()[DAYS[1]].checks if c.id == visit.id]
    assert counted.seen


def test_an_undo_takes_back_only_what_was_queued_before_it() -> None:
    """Undo, then redo before the undo's outcome is told: the redo counts."""
    record = AnswerRecord()
    check = SelfCheck(NOW, {"speech": "sudden"})
    record.queued(DAYS[1], check)
    record.landed(check.id)
    record.undo_queued(check.id)
    record.queued(DAYS[1], check)  # the redo, queued before the undo is told
    record.dropped(check.id)  # the undo's outcome
    assert ids(record.logs()) == {check.id}
    record.undo_queued(check.id)
    record.dropped(check.id, saved=False)  # refused: nothing was taken back
    assert ids(record.logs()) == {check.id}
    record.undo_queued(check.id)
    record.dropped(check.id)
    assert ids(record.logs()) == set()


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_every_answer_not_taken_back_counts_in_any_order(data: st.DataObject) -> None:
    """Saves land in order (the session's queue), and each is told to the
    record later, in the same order (the outcome's way to the event loop).
    An answer may be undone and redone (the same id) at any moment. A read is
    asked for at any moment, looks at the disk at any later moment, and
    answers at any moment after that, in any order. At every step, each
    answer whose latest request is to keep it is counted, and a visit counts
    as a visit only once it has been saved; at the end, a fresh read makes
    the record the diary."""
    record = AnswerRecord()
    diary: dict[str, tuple[date, SelfCheck]] = {}  # what the disk holds
    queue: list[tuple[str, str]] = []  # ("add" | "remove", id), in order
    told: list[tuple[str, str]] = []  # landed, the outcome not told yet
    handed: dict[str, tuple[date, SelfCheck]] = {}
    latest: dict[str, str] = {}  # the latest request for each id: "add" | "remove"
    saved: set[str] = set()  # ids that have been on disk
    asked: list[int] = []  # reads asked for, not yet looking
    looked: list[tuple[int, tuple[DayLog, ...]]] = []  # reads that looked, not answered

    def land() -> None:
        kind, check_id = queue.pop(0)
        if kind == "add":
            diary[check_id] = handed[check_id]
            saved.add(check_id)
        else:
            diary.pop(check_id, None)
        told.append((kind, check_id))

    def tell() -> None:
        kind, check_id = told.pop(0)
        if kind == "add":
            record.landed(check_id)
        else:
            record.dropped(check_id)

    def ask(kind: str, check_id: str) -> None:
        latest[check_id] = kind
        queue.append((kind, check_id))
        if kind == "add":
            record.queued(*handed[check_id])
        else:
            record.undo_queued(check_id)

    steps = ["hand", "land", "tell", "undo", "redo", "ask", "look", "answer"]
    for _ in range(data.draw(st.integers(1, 40))):
        step = data.draw(st.sampled_from(steps))
        kept = sorted(i for i, kind in latest.items() if kind == "add")
        undone = sorted(i for i, kind in latest.items() if kind == "remove")
        if step == "hand":
            n = len(handed)
            signs = {"speech": "sudden"} if n % 2 else {}
            check = SelfCheck(NOW + timedelta(minutes=n), signs, seen=data.draw(st.booleans()))
            handed[check.id] = (data.draw(st.sampled_from(DAYS)), check)
            ask("add", check.id)
        elif step == "land" and queue:
            land()
        elif step == "tell" and told:
            tell()
        elif step == "undo" and kept:
            ask("remove", data.draw(st.sampled_from(kept)))
        elif step == "redo" and undone:
            ask("add", data.draw(st.sampled_from(undone)))
        elif step == "ask":
            asked.append(record.ticket())
        elif step == "look" and asked:
            ticket = asked.pop(data.draw(st.integers(0, len(asked) - 1)))
            looked.append((ticket, snapshot(diary)))
        elif step == "answer" and looked:
            record.read(*looked.pop(data.draw(st.integers(0, len(looked) - 1))))
        counted = record.logs()
        assert {i for i, kind in latest.items() if kind == "add"} <= ids(counted)
        assert all(c.id in saved for log in counted.values() for c in log.checks if c.seen)
    while queue:
        land()
    while told:
        tell()
    looked += [(ticket, snapshot(diary)) for ticket in asked]
    final = record.ticket()
    record.read(final, snapshot(diary))
    for ticket, logs in looked:
        assert not record.read(ticket, logs)  # asked for before the last: not kept
    assert ids(record.logs()) == set(diary) and not record.waiting
