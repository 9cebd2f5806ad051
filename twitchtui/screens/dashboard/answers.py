"""The self-check answers the dashboard's urgent path counts (no Textual here).

The banner and the urgent advice judge a new answer against the earlier
ones. Those come from a read of the diary in a worker, and a read can lag
behind what the person did: a save the disk holds back waits for minutes, and
a read asked for before a save can look at the disk after it, or the other
way round. If the earlier answers came only from the last read, an emergency
still waiting to be saved would be forgotten by the next answer ("nothing
ticked", "those have passed"), and the banner would go.

So this record keeps, beside the last read, every answer queued in the
session (a form's save, a redo) until it is safe to let go of it: its save
has landed, and a read asked for after that has answered. Only such a read
must have looked at the disk after the save.

Two things it never lets an unsaved answer do. A clinician's visit not on
disk yet (still waiting, or refused by a read-only diary) closes nothing:
only a saved visit takes the banner down. And an undo takes back only what
was queued before it: a redo pressed while the undo was still on its way
stays counted.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from ...model import DayLog, SelfCheck

Answers = dict[date, tuple[SelfCheck, ...]]
"""The self-check records of each day that has any (nothing else of the day:
a glass of water on such a day does not change them)."""


def self_check_answers(logs: Iterable[DayLog]) -> Answers:
    """The self-check records of ``logs``, by day."""
    return {log.day: log.checks for log in logs if log.checks}


@dataclass(slots=True)
class _Waiting:
    day: date
    check: SelfCheck
    order: int
    """When it was queued, among the answers and undos (``AnswerRecord._order``)."""
    confirmed_by: int | None = None
    """The first ticket whose read must hold it (None: not saved yet)."""


class AnswerRecord:
    """The day logs with self-check answers, as read, plus the answers that
    no read can be trusted to hold yet."""

    def __init__(self) -> None:
        self._read: tuple[DayLog, ...] = ()
        self._tickets = 0
        """Reads asked for so far."""
        self._newest = 0
        """The ticket of the read whose logs are kept."""
        self._waiting: dict[str, _Waiting] = {}
        """Answers queued that no trusted read holds yet, by id."""
        self._order = 0
        """Answers and undos queued so far, in the session's order."""
        self._queued: dict[str, deque[int]] = {}
        """The saves and undos queued and not told yet, by answer id: their places."""
        self._unwithdrawn: dict[str, int | None] = {}
        """Withdrawals whose removal (the redo of the answer) is queued: left
        out at once, so the answer counts again before the disk has it; with
        the first ticket whose read must show it gone (None: not saved yet)."""

    def ticket(self) -> int:
        """The ticket for a read about to be asked for (its answer carries it)."""
        self._tickets += 1
        return self._tickets

    def read(self, ticket: int, logs: tuple[DayLog, ...]) -> bool:
        """A read's answer; False (and ignored) when a read asked for later
        has already answered."""
        if ticket < self._newest:
            return False
        self._newest = ticket
        self._read = logs
        for check_id, waiting in list(self._waiting.items()):
            if waiting.confirmed_by is not None and ticket >= waiting.confirmed_by:
                del self._waiting[check_id]  # the diary has it (or has since lost it)
        for withdrawal_id, by in list(self._unwithdrawn.items()):
            if by is not None and ticket >= by:
                del self._unwithdrawn[withdrawal_id]  # the read shows it gone
        return True

    def queued(self, day: date, check: SelfCheck) -> None:
        """An answer queued in the session: counted from now on, saved or not
        yet. Queued again (a redo), it must be saved and read again."""
        self._waiting[check.id] = _Waiting(day, check, self._queue(check.id))

    def undo_queued(self, check_id: str) -> None:
        """The undo of an answer was queued: once it lands, it takes back the
        answer as queued before it, never a redo queued after it."""
        self._queue(check_id)

    def landed(self, check_id: str) -> None:
        """Its save is on disk: the next read asked for holds it (the answer
        as this save queued it: a redo queued since must land itself)."""
        order = self._told(check_id)
        waiting = self._waiting.get(check_id)
        if waiting is not None and (order is None or waiting.order == order):
            waiting.confirmed_by = self._tickets + 1

    def refused(self, check_id: str) -> None:
        """The diary refused its save (read-only): it stays counted, never
        confirmed, so a visit among it closes nothing."""
        self._told(check_id)

    def dropped(self, check_id: str, *, saved: bool = True) -> None:
        """The undo of an answer landed (``saved``) or was refused: when it
        landed, the answer queued before it is no longer counted."""
        order = self._told(check_id)
        waiting = self._waiting.get(check_id)
        if saved and waiting is not None and (order is None or waiting.order < order):
            del self._waiting[check_id]
        if saved and check_id in self._unwithdrawn:  # a redo's removal of a withdrawal
            self._unwithdrawn[check_id] = self._tickets + 1

    def unwithdraw(self, withdrawal_id: str) -> None:
        """The removal of a withdrawal was queued: the answer it withdrew counts from now."""
        self._unwithdrawn[withdrawal_id] = None

    def withdrawal_kept(self, withdrawal_id: str) -> None:
        """The diary refused that removal: the withdrawal stands again."""
        self._unwithdrawn.pop(withdrawal_id, None)

    def _queue(self, check_id: str) -> int:
        """Note a save or an undo of ``check_id`` queued now: its place."""
        self._order += 1
        self._queued.setdefault(check_id, deque()).append(self._order)
        return self._order

    def _told(self, check_id: str) -> int | None:
        """The place of the oldest save or undo of ``check_id`` not told yet,
        now told (the session lands them in order; None: queued before this
        record was listening)."""
        queued = self._queued.get(check_id)
        if not queued:
            return None
        order = queued.popleft()
        if not queued:
            del self._queued[check_id]
        return order

    @property
    def has_read(self) -> bool:
        """A read has answered (before the first, only what was queued is known)."""
        return self._newest > 0

    def as_read(self) -> Answers:
        """The answers of the last read, as ``self_check_answers`` gives them
        (without those still waiting)."""
        return self_check_answers(self._read)

    @property
    def waiting(self) -> bool:
        """Some answer counted here may not be in the last read: one queued,
        or one whose withdrawal's removal (a redo) is queued, which a read
        asked for meanwhile still shows withdrawn."""
        return bool(self._waiting or self._unwithdrawn)

    def logs(self) -> dict[date, DayLog]:
        """Every day with an answer: the last read, with the waiting answers
        added (a visit among them only once its save has landed)."""
        logs = {log.day: log for log in self._read}
        if self._unwithdrawn:
            for day, log in logs.items():
                kept = tuple(c for c in log.checks if c.id not in self._unwithdrawn)
                if len(kept) != len(log.checks):
                    logs[day] = replace(log, checks=kept)
        for waiting in self._waiting.values():
            day, check = waiting.day, waiting.check
            if check.seen and waiting.confirmed_by is None:
                check = replace(check, seen=False)  # a visit closes only once saved
            logs[day] = (logs.get(day) or DayLog(day)).with_check(check)
        return logs
