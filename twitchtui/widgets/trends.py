"""Trends pane. Charts and insights arrive with the trends feature."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static


class TrendsPane(Vertical):
    BORDER_TITLE = "Trends"

    def compose(self) -> ComposeResult:
        yield Static("Charts of twitches per day, hour and site will appear here.", classes="empty")
