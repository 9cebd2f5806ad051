"""The urgent advice, on top of everything, when a self-check answer needs help soon."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..widgets.toasts import clear_toasts

if TYPE_CHECKING:
    from ..redflags import Contacts, Finding


class NoticesMayShow(Message):
    """Posted to the app when a screen that keeps notices off it closes."""


class UrgentScreen(ModalScreen[None]):
    """Says what to do now (an emergency) or today (same-day), with the
    reason; the dashboard's banner keeps saying it after this closes. It is
    a screen, never a toast, and no notice is shown over it."""

    BINDINGS = [Binding("escape,enter", "dismiss", "Close", id="urgent-close")]
    KEEPS_CLEAR = True

    def __init__(self, finding: Finding, who: Contacts) -> None:
        super().__init__()
        self.finding = finding
        self.who = who

    def compose(self) -> ComposeResult:
        finding = self.finding
        with VerticalScroll(classes="form urgent"):
            yield Static(finding.title, id="urgent-title", classes="form-title", markup=False)
            yield Static(finding.advice, id="urgent-text", markup=False)
            yield Static(finding.reason, markup=False, classes="field-label")
            with Horizontal(classes="form-buttons"):
                yield Button("I understand", variant="error", id="ok")

    def on_mount(self) -> None:
        clear_toasts(self.app)

    def on_unmount(self) -> None:
        self.app.post_message(NoticesMayShow())

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss()
