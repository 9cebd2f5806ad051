"""What the dashboard's key handlers (``forms``, ``relief``) may use of the
dashboard screen, as a Protocol: they get the screen itself, but the import
graph and mypy see exactly this, and nothing of the screen's other state."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from textual.app import App

from ...session import Mode, Session
from ...views import Today

if TYPE_CHECKING:
    # The rules load with the first rebuild, after the first frame (see rebuilds.py).
    from ...ops import Op
    from ...redflags import Contacts, Finding
    from ...widgets.checklist import ChecklistPane
    from .answers import AnswerRecord


class Dashboard(Protocol):
    session: Session

    @property
    def app(self) -> App[Any]: ...

    @property
    def today(self) -> Today | None:
        """The day as shown (None until the diary was first read)."""

    @property
    def urgent(self) -> str:
        """The urgent banner's line ("" when no urgent answer is open)."""

    @property
    def who(self) -> Contacts:
        """Who the urgent advice says to call."""

    @property
    def answers(self) -> AnswerRecord:
        """The self-check answers the urgent path counts."""

    def urgent_finding(self) -> Finding | None:
        """The banner's finding from every answer counted, saved or not yet."""

    @property
    def checklist(self) -> ChecklistPane: ...

    def submit(self, op: Op, mode: Mode = Mode.DO) -> None: ...

    def show_day(self, day: date | None) -> None:
        """Show ``day`` on the whole dashboard (None: today)."""

    def show_urgent(self, finding: Finding | None) -> None:
        """The urgent banner for ``finding`` (None: no banner)."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...
