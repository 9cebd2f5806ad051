"""The self-check answers the dashboard's urgent path counts (no Textual here).

The banner and the urgent advice judge a new answer against the earlier
ones. Those come from a read of the diary in a worker, and a read can lag
behind what the person did: a save the disk holds back waits for minutes, and
a read that began before a save can answer after it. If the earlier answers
came only from the last read, an emergency still waiting to be saved would
be forgotten by the next answer ("nothing ticked", "those have passed"), and
the banner would go. So this record keeps, beside the last read, every answer
handed to the session that no read has shown yet, and it takes only the
newest read.
"""

from __future__ import annotations

from datetime import date

from ...model import DayLog, SelfCheck


class AnswerRecord:
    """The day logs with self-check answers, as read, plus the answers not read yet."""

    def __init__(self) -> None:
        self._read: tuple[DayLog, ...] | None = None
        self._tickets = 0
        """Reads asked for so far."""
        self._newest = 0
        """The ticket of the read whose logs are kept."""
        self._unread: dict[str, tuple[date, SelfCheck]] = {}
        """Answers handed to the session that no kept read holds yet, by id."""

    def ticket(self) -> int:
        """The ticket for a read about to start (its answer carries it)."""
        self._tickets += 1
        return self._tickets

    def read(self, ticket: int, logs: tuple[DayLog, ...]) -> bool:
        """A read's answer; False (and ignored) when a later read already answered."""
        if ticket < self._newest:
            return False
        self._newest = ticket
        self._read = logs
        seen = {check.id for log in logs for check in log.checks}
        for check_id in seen & self._unread.keys():
            del self._unread[check_id]
        return True

    def handed(self, day: date, check: SelfCheck) -> None:
        """An answer handed to the session: counted from now on, saved or not yet."""
        self._unread[check.id] = (day, check)

    def dropped(self, check_id: str) -> None:
        """An answer the diary will not hold: refused, or taken back by undo."""
        self._unread.pop(check_id, None)

    @property
    def waiting(self) -> bool:
        """Some answer counted here is not in the last read yet."""
        return bool(self._unread)

    @property
    def known(self) -> bool:
        """The diary has been read once (before that, only the answers handed count)."""
        return self._read is not None

    def logs(self) -> dict[date, DayLog]:
        """Every day with an answer: the last read, with the unread answers added."""
        logs = {log.day: log for log in self._read or ()}
        for day, check in self._unread.values():
            logs[day] = (logs.get(day) or DayLog(day)).with_check(check)
        return logs
