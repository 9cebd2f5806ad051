"""The urgent advice, on top of everything, when a self-check answer needs help now."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class UrgentScreen(ModalScreen[None]):
    """Says what to do now; the dashboard's banner keeps saying it after this closes."""

    BINDINGS = [Binding("escape,enter", "dismiss", "Close", id="urgent-close")]

    def __init__(self, number: str, reason: str = "") -> None:
        super().__init__()
        self.number = number
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="form urgent"):
            yield Static(f"[b]Call {self.number} now[/b]", id="urgent-title", classes="form-title")
            yield Static(
                "A face that droops, an arm or leg that is weak, or speech that is slurred, "
                f"when it is new or came on suddenly, needs help at once. Call {self.number} "
                "even if it has passed or is getting better. Note the time it started.",
                id="urgent-text",
            )
            if self.reason:
                yield Static(self.reason, markup=False, classes="field-label")
            yield Static(
                "This stays on the dashboard until you mark that a clinician has seen you "
                "(k: the self-check).",
                classes="form-hint",
            )
            with Horizontal(classes="form-buttons"):
                yield Button("I understand", variant="error", id="ok")

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss()
