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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...model import DayLog, SelfCheck


@dataclass(slots=True)
class _Waiting:
    day: date
    check: SelfCheck
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
        return True

    def queued(self, day: date, check: SelfCheck) -> None:
        """An answer queued in the session: counted from now on, saved or not yet."""
        self._waiting.setdefault(check.id, _Waiting(day, check))

    def landed(self, check_id: str) -> None:
        """Its save is on disk: the next read asked for holds it."""
        waiting = self._waiting.get(check_id)
        if waiting is not None:
            waiting.confirmed_by = self._tickets + 1

    def dropped(self, check_id: str) -> None:
        """An answer taken back by an undo that landed: no longer counted."""
        self._waiting.pop(check_id, None)

    @property
    def waiting(self) -> bool:
        """Some answer counted here may not be in the last read."""
        return bool(self._waiting)

    def logs(self) -> dict[date, DayLog]:
        """Every day with an answer: the last read, with the waiting answers added."""
        logs = {log.day: log for log in self._read}
        for waiting in self._waiting.values():
            day = waiting.day
            logs[day] = (logs.get(day) or DayLog(day)).with_check(waiting.check)
        return logs
