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


def test_an_answer_handed_counts_before_any_read() -> None:
    record = AnswerRecord()
    check = SelfCheck(NOW, {"speech": "sudden"})
    record.handed(DAYS[1], check)
    assert record.waiting and not record.known
    assert ids(record.logs()) == {check.id}


def test_a_read_that_began_before_a_later_one_is_not_kept() -> None:
    record = AnswerRecord()
    old, new = record.ticket(), record.ticket()
    check = SelfCheck(NOW, {"speech": "sudden"})
    assert record.read(new, (DayLog(DAYS[1]).with_check(check),))
    assert not record.read(old, ())  # answered late, with less
    assert ids(record.logs()) == {check.id}


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_answer_not_taken_back_counts_in_any_order(data: st.DataObject) -> None:
    """Saves land in order (the session's queue), reads start at any moment
    and answer in any order. At every step, each answer handed and not yet
    undone is counted; at the end, a fresh read makes the record the diary."""
    record = AnswerRecord()
    diary: dict[str, tuple[date, SelfCheck]] = {}  # what the disk holds
    queue: list[tuple[str, str]] = []  # ("add" | "remove", id), in order
    handed: dict[str, tuple[date, SelfCheck]] = {}
    undone: set[str] = set()  # undo asked for
    removed: set[str] = set()  # undo landed
    reads: list[tuple[int, tuple[DayLog, ...]]] = []

    def land() -> None:
        kind, check_id = queue.pop(0)
        if kind == "add":
            diary[check_id] = handed[check_id]
        elif check_id in diary:
            del diary[check_id]
            removed.add(check_id)
            record.dropped(check_id)

    for _ in range(data.draw(st.integers(1, 25))):
        step = data.draw(st.sampled_from(["hand", "land", "undo", "read", "answer"]))
        if step == "hand":
            n = len(handed)
            check = SelfCheck(NOW + timedelta(minutes=n), {"speech": "sudden"} if n % 2 else {})
            day = data.draw(st.sampled_from(DAYS))
            handed[check.id] = (day, check)
            record.handed(day, check)
            queue.append(("add", check.id))
        elif step == "land" and queue:
            land()
        elif step == "undo" and set(handed) - undone:
            check_id = data.draw(st.sampled_from(sorted(set(handed) - undone)))
            undone.add(check_id)
            queue.append(("remove", check_id))
        elif step == "read":
            reads.append((record.ticket(), snapshot(diary)))
        elif step == "answer" and reads:
            record.read(*reads.pop(data.draw(st.integers(0, len(reads) - 1))))
        assert set(handed) - removed <= ids(record.logs())
    while queue:
        land()
    for ticket, logs in [*reads, (record.ticket(), snapshot(diary))][::-1]:
        record.read(ticket, logs)  # the newest first: the older ones are not kept
    assert ids(record.logs()) == set(diary) and not record.waiting
