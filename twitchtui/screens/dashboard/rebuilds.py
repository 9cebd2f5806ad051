"""When and how the dashboard rebuilds its findings and charts, and the urgent banner.

A burst of presses costs one rebuild: it waits for ``rebuild_seconds`` of
quiet after the last change, and never more than one runs at a time (a
request that arrives meanwhile runs once, afterwards).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.timer import Timer
from textual.widgets import Static

from ...store import DiaryDamaged, StoreError
from ...views import load_findings, load_trends

if TYPE_CHECKING:
    from ...model import DayLog
    from ...redflags import Finding
    from ...stats import TrendData


class Rebuilds:
    """Mixed into ``DashboardScreen`` (which owns ``findings``, ``trends``, ``urgent``)."""

    def _init_rebuilds(self) -> None:
        self._rebuilding = False
        self._again: bool | None = None
        """A rebuild asked for while one runs: None, or whether with findings."""
        self._secondary_timer: Timer | None = None
        self._warmed = False
        """Every month of the diary has been read into the cache once."""
        self._built = False
        """The findings and charts have been built once (tests wait for it)."""
        self._check_logs: tuple[DayLog, ...] | None = None
        """The day logs with self-check records, as last read (None until read)."""

    def schedule_secondary(self) -> None:
        """Rebuild findings and charts once things are quiet (``rebuild_seconds``
        after the last change): a burst of presses costs one rebuild, and the
        rebuild stays out of the burst's saves."""
        if self._secondary_timer is not None:
            self._secondary_timer.stop()
        self._secondary_timer = self.set_timer(self.app.rebuild_seconds, self._refresh_secondary)

    def _refresh_secondary(self) -> None:
        self._secondary_timer = None
        self.rebuild()

    def refresh_trends(self) -> None:
        """Rebuild the charts only (another range; a changed preference)."""
        self.rebuild(findings=False)

    def rebuild(self, findings: bool = True) -> None:
        """Rebuild the findings, then the charts that mark them, in one worker;
        never more than one rebuild in flight."""
        if self._rebuilding:
            self._again = findings or bool(self._again)
            return
        self._rebuilding = True
        self._again = None
        days = self.today.settings.chart_days if self.today else 30
        self._rebuild(days, findings)

    @work(thread=True, group="rebuild")
    def _rebuild(self, days: int, with_findings: bool) -> None:
        turns = self.session.turns
        findings, data = self.findings, None
        flags_problem, trends_problem = self.flags_problem, self.trends_problem
        if with_findings:
            try:
                self._warm_months()
                with turns.read():
                    findings = tuple(load_findings(self.store))
                flags_problem = ""
            except DiaryDamaged as exc:
                findings, flags_problem = None, self._report_damaged(exc)
            except StoreError:
                pass  # busy for a moment; the next change rebuilds
        try:
            with turns.read():
                data = load_trends(self.store, days, findings or ())
            trends_problem = ""
        except DiaryDamaged as exc:
            trends_problem = self._report_damaged(exc)
        except StoreError:
            pass
        self.app.call_from_thread(self._rebuilt, findings, data, flags_problem, trends_problem)

    def _rebuilt(
        self,
        findings: tuple[Finding, ...] | None,
        data: TrendData | None,
        flags_problem: str,
        trends_problem: str,
    ) -> None:
        self._rebuilding = False
        self._built = True
        self.flags_problem, self.trends_problem = flags_problem, trends_problem
        self.findings = findings
        if findings is not None:
            self._show_urgent(next((f for f in findings if f.urgent), None))
        if data is not None:
            self.trends = data
        if self._again is not None:
            self.rebuild(self._again)

    def _warm_months(self) -> None:
        """Read the whole diary's months into the cache one turn each (worker
        thread): the first read of ten years takes a second, and a save must
        never wait for more than one month of it. Once is enough: later, only
        a month that changed is read again, inside one turn."""
        if self._warmed:
            return
        turns = self.session.turns
        with turns.read():
            months = list(self.store.shard_paths())
        for month in months:
            with turns.read():
                self.store.warm(month)
        self._warmed = True

    # ------------------------------------------------------------ urgent banner

    @work(thread=True, exclusive=True, group="urgent")
    def check_urgent(self) -> None:
        """Read whether an urgent answer is open: at start-up, and after a self-check."""
        from ...views import load_urgent

        try:
            self._warm_months()
            with self.session.turns.read():
                finding, logs = load_urgent(self.store)
        except DiaryDamaged as exc:
            self._report_damaged(exc)
            return
        except StoreError:
            return
        self.app.call_from_thread(self._urgent_read, finding, logs)

    def _urgent_read(self, finding: Finding | None, logs: tuple[DayLog, ...]) -> None:
        self._check_logs = logs
        self._show_urgent(finding)

    def _show_urgent(self, finding: Finding | None) -> None:
        """The banner for the most serious open urgent answer, or none."""
        if finding is None:
            self.urgent = ""
        elif finding.tier == "emergency":
            self.urgent = (
                f"EMERGENCY: call {self.who.call} now, even if it passed. "
                "4: why · k: seen by a clinician"
            )
        else:
            self.urgent = (
                f"SAME DAY: see a doctor today; {self.who.same_day}. "
                "4: why · k: seen by a clinician"
            )

    def watch_urgent(self, text: str) -> None:
        banner = self.query_one("#urgent-banner", Static)
        banner.update(text)
        banner.set_class(bool(text), "-shown")
