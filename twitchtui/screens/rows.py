"""A partial redraw that renders only the rows it sends.

Textual's compositor, sending a small change (a running compress's clock, six
cells), asks every widget whose *clip* meets the change for all its visible
lines: the screen, the panes' grid, each pane, and everything beside the
clock in its pane, full height, 18 widgets a second on the dashboard. Only
the changed rows of them are sent. ``RowsCompositor`` asks only the widgets
that are drawn in the changed area, for those rows alone, front first, and stops at one that
covers the whole area: the same cells on the screen, for a small part of the
work (the clock's own line alone, most seconds).

A full redraw is Textual's own. Textual (``>=8.2,<9``) names these internals
``Screen._compositor`` and ``Compositor._get_renders``;
``tests/test_rows.py`` checks that both still exist and that the bytes sent
to the terminal are those of Textual's own partial redraw.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual._compositor import Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip


class RowsCompositor(Compositor):
    """Textual's compositor, but a partial redraw renders only what it sends."""

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None or crop == self.size.region:
            yield from super()._get_renders(crop)  # a full redraw: Textual's own
            return
        # Every cut (where a widget starts or ends) on a row stays where it is,
        # so whole rows of each widget are rendered, never a part of one; a
        # widget with nothing in the area is left out: none of its cells are sent.
        rows = Region(0, crop.y, self.size.width, crop.height)
        overlaps, intersection = crop.overlaps, Region.intersection
        for widget, (region, clip) in self.visible_widgets.items():  # front first
            drawn = intersection(intersection(region, clip), rows)
            if drawn and overlaps(drawn):
                x, y, width, height = drawn
                lines = widget.render_lines(Region(x - region.x, y - region.y, width, height))
                yield region, drawn, lines
                if drawn.contains_region(crop):
                    # All that is sent is this widget's: the ones behind it
                    # (its containers, the screen) would be drawn over.
                    return


def redraw_rows_only(screen: Screen[Any]) -> None:
    """Give ``screen`` the compositor above (call it in ``__init__``)."""
    screen._compositor = RowsCompositor()
