"""Shown when the diary file cannot be read: keep it aside and start afresh, or quit."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class DamagedScreen(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "dismiss(False)", "Quit", id="damaged-quit")]

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__()
        self.path = path
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static("[b]The diary cannot be read[/b]", classes="form-title")
            yield Static(
                f"{self.path}\n{self.reason}.\n\n"
                "Nothing has been changed or deleted. You can keep this file aside "
                "(renamed with today's date and time, so you or a helper can try to "
                "recover it) and carry on with a fresh diary, or quit and restore "
                "the file from a backup."
            )
            with Horizontal(classes="form-buttons"):
                yield Button("Keep it aside, start fresh", variant="warning", id="aside")
                yield Button("Quit", id="quit")

    @on(Button.Pressed, "#aside")
    def _aside(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.dismiss(False)
