"""Red-flag pane. The checker arrives with the red-flag feature."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static


class RedFlagsPane(Vertical):
    BORDER_TITLE = "Red flags"

    def compose(self) -> ComposeResult:
        yield Static(
            "twitchtui does not diagnose. Most lip twitches are harmless and pass within days.",
            classes="empty",
        )
