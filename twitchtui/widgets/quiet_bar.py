"""A ProgressBar that wakes only when it is told to move."""

from __future__ import annotations

from textual import events
from textual.widgets import ProgressBar


class QuietBar(ProgressBar):
    """A progress bar without an ETA, and so without the ETA's redraw every
    second (Textual's ProgressBar sets one up on mount): the dashboard stays
    open all day, an untouched pane should cost nothing, and a running
    compress should cost one redraw a second, not two."""

    # Textual hands the event to a handler that asks for it; ProgressBar's takes none.
    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        event.prevent_default()  # skip ProgressBar.on_mount and its 1-second timer
