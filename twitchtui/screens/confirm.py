"""A yes-or-no question before a change that runs for a long time (the 48-hour
pause), or that takes back an urgent answer (its withdrawal)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Enter or y says yes; Esc or n says no. Plain text: nothing typed is markup."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical { width: 60; height: auto; border: round $primary;
        background: $surface; padding: 0 1; }
    ConfirmScreen Horizontal { height: auto; margin-top: 1; }
    ConfirmScreen Button { margin-right: 2; }
    """
    BINDINGS = [
        Binding("enter,y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("escape,n", "answer(False)", "No", id="confirm-no"),
    ]

    KEYS_HINT = "Enter or y: yes · Esc or n: no"

    def __init__(self, question: str, yes: str, no: str = "Not now") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal():
                yield Button(self.yes, variant="primary", id="confirm-yes")
                yield Button(self.no, id="confirm-no")
            yield Static(f"[dim]{self.KEYS_HINT}[/]")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")


class CarefulConfirmScreen(ConfirmScreen):
    """The same question where the safe answer is no: only y (or the button)
    says yes, and Enter says no, so a reflex press changes nothing."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("escape,n,enter", "answer(False)", "No", id="confirm-no"),
    ]
    KEYS_HINT = "y: yes · Enter, Esc or n: no"

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()
