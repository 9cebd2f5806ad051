"""Textual's Footer, with its keys in the first frame, recomposed only when
they change, and without the keys it replaced kept alive.

Textual's Footer composes nothing until the screen's bindings are first
published (its keys, and the "^p palette" hint, came a few hundred ms after
the first frame), and recomposes all its keys on every ``refresh_bindings``
(each focus move, each pane key). Each ``FooterKey`` it composes is bound to
the Footer's ``compact`` (``data_bind``), and Textual forgets such a watcher
only when ``compact`` changes, which it never does here: every key ever
composed stayed in memory, with its styles and caches (about 170 KiB a
press of ``1``-``4``, ``v`` or ``n`` on the dashboard; benchmarks/tui.py).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[str, str, str, bool, bool, str], ...]


class KeysFooter(Footer):
    """A Footer that shows its keys at once and recomposes only on a change."""

    def __init__(self) -> None:
        super().__init__()
        # The keys come with the first frame: the screen's bindings are known
        # by the time the Footer composes (it mounts with the screen).
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: Shown | None = None
        """The keys as last composed."""
        self.recomposed = 0
        """How many times the keys were composed (tests count them)."""

    def _keys(self) -> Shown:
        return tuple(
            (b.key, b.action, b.description, b.show, enabled, tooltip)
            for _, b, enabled, tooltip in self.screen.active_bindings.values()
        )

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        self.recomposed += 1
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and self._keys() == self._shown:
            return  # the same keys as shown: nothing to redraw
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        await super().recompose()
        # Textual keeps a watcher of ``compact`` for each key ever composed
        # until ``compact`` changes: forget those of the keys just removed.
        watchers: dict[str, list[tuple[object, object]]] = getattr(self, "__watchers", {})
        for bound in watchers.values():
            bound[:] = [(node, call) for node, call in bound if not getattr(node, "_closing", 0)]
