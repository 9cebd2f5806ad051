"""The rebuild service: the findings and charts, built in a worker, and
whether an urgent answer is open. It tells the screen in Messages.

A burst of presses costs one rebuild: it waits for ``rebuild_seconds`` of
quiet after the last change, and never more than one runs at a time (a
request that arrives meanwhile runs once, afterwards).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widget import Widget

from ...session import Session, Unreadable
from ...store import Store, StoreError
from ...views import Today, load_findings, load_trends, load_urgent
from ..host import host
from .watcher import Answer

if TYPE_CHECKING:
    # The rules and the charts' data load with the first rebuild, after the
    # first frame (together about 12 ms of start-up; test_import_hygiene).
    from ...model import DayLog
    from ...redflags import Finding
    from ...stats import TrendData


class RebuildService(Widget):
    """Not drawn: the slow builds, off the event loop, one at a time."""

    today: var[Today | None] = var(None)
    """The day as the screen shows it (its settings give the charts' range)."""

    @dataclass
    class FindingsBuilt(Message):
        """The red-flag findings, or None with why they could not be worked out."""

        findings: tuple[Finding, ...] | None
        problem: str

    @dataclass
    class TrendsBuilt(Answer):
        """The charts' data; None where it is unchanged (busy for a moment)."""

        trends: TrendData | None
        problem: str | None

    @dataclass
    class UrgentRead(Message):
        """The most serious open urgent answer, and the day logs with
        self-checks; ``ticket`` says which read (``AnswerRecord.ticket``)."""

        ticket: int
        finding: Finding | None
        logs: tuple[DayLog, ...]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.display = False  # not drawn (inline: no stylesheet rule to parse)
        self.session = session
        self._rebuilding = False
        self._again: bool | None = None
        """A rebuild asked for while one runs: None, or whether with findings."""
        self._timer: Timer | None = None
        self._warmed = False
        """Every month of the diary has been read into the cache once."""
        self._findings: tuple[Finding, ...] | None = None
        """The findings last built (the charts mark them)."""
        self.tickets = 0
        """Rebuilds started so far (each answered by a ``TrendsBuilt``)."""

    @property
    def idle(self) -> bool:
        """Nothing scheduled or being built."""
        return self._timer is None and not self._rebuilding

    def schedule(self) -> None:
        """Rebuild findings and charts once things are quiet (``rebuild_seconds``
        after the last change): a burst of presses costs one rebuild, and the
        rebuild stays out of the burst's saves."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(host(self).rebuild_seconds, self._scheduled)

    def _scheduled(self) -> None:
        self._timer = None
        self.rebuild()

    def rebuild(self, findings: bool = True) -> None:
        """Rebuild the findings, then the charts that mark them, in one worker;
        never more than one rebuild in flight. With the findings, a rebuild
        scheduled for later is not needed any more: this one reads what it
        would (one of the charts alone leaves it be: the findings are its)."""
        if findings and self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._rebuilding:
            self._again = findings or bool(self._again)
            return
        self._rebuilding = True
        self._again = None
        self.tickets += 1
        days = self.today.settings.chart_days if self.today else 30
        self._rebuild(days, findings, self.tickets)

    @work(thread=True, group="rebuild")
    def _rebuild(self, days: int, with_findings: bool, ticket: int) -> None:
        read = self.session.read
        if with_findings:
            try:
                self._findings = tuple(read(load_findings))
                self.post_message(self.FindingsBuilt(self._findings, ""))
            except Unreadable as exc:
                self._findings = None
                self.post_message(self.FindingsBuilt(None, str(exc)))
            except StoreError:
                pass  # busy for a moment; the next change rebuilds
        marked = self._findings or ()
        trends: TrendData | None = None
        problem: str | None = None
        try:
            trends = read(lambda store: load_trends(store, days, marked))
            problem = ""
        except Unreadable as exc:
            problem = str(exc)
        except StoreError:
            pass
        self.post_message(self.TrendsBuilt(ticket, trends, problem))
        with suppress(StoreError):  # a damaged file is reported by the session
            self._warm_months()  # once the charts are on their way, not before
        self.app.call_from_thread(self._rebuilt)

    def _rebuilt(self) -> None:
        self._rebuilding = False
        if self._again is not None:
            self.rebuild(self._again)

    def _warm_months(self) -> None:
        """Read the whole diary's months into the cache one turn each (worker
        thread): the first read of ten years takes a second, and a save must
        never wait for more than one month of it. Once is enough: later, only
        a month that changed is read again, inside one turn. It runs after the
        first charts are sent: they and the findings read the index and the
        months of their window only, and need not wait for ten years."""
        if self._warmed:
            return
        months = self.session.read(lambda store: list(store.shard_paths()))
        for month in months:
            self.session.read(partial(Store.warm, month=month))
        self._warmed = True

    # ------------------------------------------------------------ urgent answers

    @work(thread=True, exclusive=True, group="urgent")
    def check_urgent(self, ticket: int) -> None:
        """Read whether an urgent answer is open: at start-up, and after a self-check."""
        try:
            # An old month damaged and left as it is must not silence the
            # banner: the months that can be read still count.
            finding, logs = self.session.read(partial(load_urgent, around_damage=True))
        except StoreError:
            return  # the settings or the main file: reported by the session
        self.post_message(self.UrgentRead(ticket, finding, logs))
