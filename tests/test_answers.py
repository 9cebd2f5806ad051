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


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_every_answer_not_taken_back_counts_in_any_order(data: st.DataObject) -> None:
    """Saves land in order (the session's queue). A read is asked for at any
    moment, looks at the disk at any later moment, and answers at any moment
    after that, in any order. At every step, each answer queued and not
    undone is counted; at the end, a fresh read makes the record the diary."""
    record = AnswerRecord()
    diary: dict[str, tuple[date, SelfCheck]] = {}  # what the disk holds
    queue: list[tuple[str, str]] = []  # ("add" | "remove", id), in order
    handed: dict[str, tuple[date, SelfCheck]] = {}
    undone: set[str] = set()  # undo asked for
    removed: set[str] = set()  # undo landed
    asked: list[int] = []  # reads asked for, not yet looking
    looked: list[tuple[int, tuple[DayLog, ...]]] = []  # reads that looked, not answered

    def land() -> None:
        kind, check_id = queue.pop(0)
        if kind == "add":
            diary[check_id] = handed[check_id]
            record.landed(check_id)
        elif check_id in diary:
            del diary[check_id]
            removed.add(check_id)
            record.dropped(check_id)

    for _ in range(data.draw(st.integers(1, 30))):
        step = data.draw(st.sampled_from(["hand", "land", "undo", "ask", "look", "answer"]))
        if step == "hand":
            n = len(handed)
            check = SelfCheck(NOW + timedelta(minutes=n), {"speech": "sudden"} if n % 2 else {})
            day = data.draw(st.sampled_from(DAYS))
            handed[check.id] = (day, check)
            record.queued(day, check)
            queue.append(("add", check.id))
        elif step == "land" and queue:
            land()
        elif step == "undo" and set(handed) - undone:
            check_id = data.draw(st.sampled_from(sorted(set(handed) - undone)))
            undone.add(check_id)
            queue.append(("remove", check_id))
        elif step == "ask":
            asked.append(record.ticket())
        elif step == "look" and asked:
            ticket = asked.pop(data.draw(st.integers(0, len(asked) - 1)))
            looked.append((ticket, snapshot(diary)))
        elif step == "answer" and looked:
            record.read(*looked.pop(data.draw(st.integers(0, len(looked) - 1))))
        assert set(handed) - removed <= ids(record.logs())
    while queue:
        land()
    looked += [(ticket, snapshot(diary)) for ticket in asked]
    final = record.ticket()
    record.read(final, snapshot(diary))
    for ticket, logs in looked:
        assert not record.read(ticket, logs)  # asked for before the last: not kept
    assert ids(record.logs()) == set(diary) and not record.waiting
