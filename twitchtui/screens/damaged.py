"""Shown when the diary cannot be used: what is wrong, which file, what to do.

For a damaged file of the diary's own, it offers to keep the file aside and
start afresh. Anything else (a folder given as the diary, someone else's file,
a newer diary) can only be read about and closed: nothing is moved or changed.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

SET_ASIDE_TEXT = (
    "Nothing has been changed or deleted. You can keep this file aside "
    "(renamed with today's date and time, so you or a helper can try to "
    "recover it) and carry on with a fresh diary, or quit and restore "
    "the file from a backup."
)


class DamagedScreen(ModalScreen[bool]):
    """A problem with the diary; ``can_set_aside`` adds the "keep it aside" button."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Quit", id="damaged-quit")]

    def __init__(
        self,
        path: Path,
        reason: str,
        *,
        can_set_aside: bool = True,
        title: str = "The diary cannot be read",
        advice: str = SET_ASIDE_TEXT,
        dismiss_label: str = "Quit",
    ) -> None:
        super().__init__()
        self.dismiss_label = dismiss_label
        self.path = path
        self.reason = reason
        self.can_set_aside = can_set_aside
        self.title_text = title
        self.advice = advice

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(f"[b]{self.title_text}[/b]", classes="form-title")
            yield Static(f"{self.path}\n{self.reason.rstrip('.')}.\n\n{self.advice}", markup=False)
            with Horizontal(classes="form-buttons"):
                if self.can_set_aside:
                    yield Button("Keep it aside, start fresh", variant="warning", id="aside")
                yield Button(self.dismiss_label, id="quit")

    @on(Button.Pressed, "#aside")
    def _aside(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.dismiss(False)
