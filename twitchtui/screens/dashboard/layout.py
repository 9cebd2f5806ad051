"""The dashboard's layout: four panes, or under ``COMPACT_BELOW`` a summary
and one pane at a time (keys 1-4 open one, Esc comes back)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual import events
    from textual.geometry import Size


class Layout:
    """Mixed into ``DashboardScreen`` (which owns ``compact``, ``open_pane``
    and builds the summary in ``_compact_summary``)."""

    COMPACT_BELOW = (100, 30)
    """Under this width or height the four panes give way to the compact summary."""

    def _too_small(self, size: Size) -> bool:
        width, height = self.COMPACT_BELOW
        return size.width < width or size.height < height

    def on_resize(self, event: events.Resize) -> None:
        self.compact = self._too_small(event.size)

    def _show_compact(self) -> None:
        """Mount the compact summary the first time the terminal is small. Not
        before the screen is mounted, nor while the app is closing."""
        if self.compact and self.is_mounted and self.is_attached and not self.query("#compact"):
            self.mount(self._compact_summary(), before="#panes")

    def watch_compact(self, compact: bool) -> None:
        self._show_compact()
        if not compact:
            self.open_pane = ""
        self.refresh_bindings()

    def watch_open_pane(self, old: str, new: str) -> None:
        if old:
            self.remove_class(f"-open-{old}")
        if new:
            self.add_class(f"-open-{new}")
        else:
            self.set_focus(None)
        self.refresh_bindings()

    def action_pane(self, pane_id: str) -> None:
        """Bring a pane into view and focus into it; in the compact layout it
        fills the screen until Esc."""
        if self.compact:
            self.open_pane = pane_id
        pane = self.query_one(f"#{pane_id}")
        focusable = [w for w in (pane, *pane.query("*")) if w.focusable]
        if focusable:
            focusable[0].focus(scroll_visible=False)

    def action_summary(self) -> None:
        self.open_pane = ""
