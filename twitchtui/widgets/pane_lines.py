"""A pane's lines, mounted just after the first frame by Textual's ``Lazy``.

The first frame shows each pane's border and title at once; the lines
(whose data comes later anyway: the trends and the red flags) follow one
refresh after it. A pane yields ``LazyLines(self.body)``, Textual's ``Lazy``
around ``PaneLines(self.body)``: ``body`` runs only when the lines mount, so
what it imports (the rules) loads then too, and the pane hears
``PaneLines.Filled`` once they are there to be shown into. (The quick log's
entries table is in the first frame: the screen is not complete without it.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.lazy import Lazy
from textual.message import Message
from textual.widget import Widget


class PaneLines(Vertical):
    """The lines of one pane; ``fit``: as tall as they are (in a scrolling pane)."""

    class Filled(Message):
        """The lines are mounted: the pane can show what its reactives hold."""

    def __init__(self, lines: Callable[[], Iterable[Widget]], *, fit: bool = False) -> None:
        super().__init__()
        self.styles.height = "auto" if fit else "1fr"  # inline: no stylesheet rule to parse
        self._lines = lines

    def compose(self) -> ComposeResult:
        yield from self._lines()

    def on_mount(self) -> None:
        self.post_message(self.Filled())


class LazyLines(Lazy):
    """Textual's ``Lazy`` around a pane's ``PaneLines``, except that an app
    closing at its first frame mounts nothing: ``Lazy`` would call ``mount``
    on a pane no longer attached, and Textual raises ``MountError`` then
    (seen as a traceback on the way out; tests/test_startup.py)."""

    def __init__(self, lines: Callable[[], Iterable[Widget]], *, fit: bool = False) -> None:
        super().__init__(PaneLines(lines, fit=fit))

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        parent = self.parent
        if not isinstance(parent, Widget):
            return

        async def mount() -> None:
            if parent.is_attached:
                await parent.mount(self._replace_widget, after=self)
                await self.remove()

        self.call_after_refresh(mount)
