"""The dashboard's and the relaxation's partial redraw (``screens/rows.py``)
sends the terminal the same bytes as Textual's own, for any changed area."""

from __future__ import annotations

import inspect
import random
import re
from pathlib import Path
from unittest.mock import patch

from textual._compositor import Compositor
from textual.geometry import Region
from textual.screen import Screen

from twitchtui.screens.relax import RelaxScreen
from twitchtui.screens.rows import RowsCompositor

from .conftest import Clock
from .test_app import dashboard, make_app, settle, shown, until


def test_the_textual_internals_it_relies_on_are_there() -> None:
    assert isinstance(Screen()._compositor, Compositor)
    assert list(inspect.signature(Compositor._get_renders).parameters) == ["self", "crop"]
    assert inspect.isgeneratorfunction(Compositor._get_renders)


IDLE_MOVE = re.compile(r"\x1b\[\d+;\d+H(?=\x1b\[\d+;\d+H|\r?\n|$)")
"""A cursor move with nothing drawn after it: Textual's own sends one for a
widget that starts just right of the area (and draws none of it)."""


def sent(screen: Screen, regions: list[Region], textual: bool) -> str:
    """What a partial redraw of ``regions`` draws (Textual's own, or ours)."""
    compositor = screen._compositor
    assert isinstance(compositor, RowsCompositor)
    compositor._dirty_regions.update(regions)
    renders = Compositor._get_renders if textual else RowsCompositor._get_renders
    with patch.object(RowsCompositor, "_get_renders", renders):
        update = compositor.render_update(screen_stack=screen.app._background_screens)
    assert update is not None
    return IDLE_MOVE.sub("", update.render_segments(screen.app.console))  # type: ignore[union-attr]


def areas(screen: Screen, seed: int) -> list[list[Region]]:
    """Changed areas: each widget's own region, one or two regions at random
    (straddling panes and borders), a row."""
    width, height = screen.size
    shown = [region for region, _ in screen._compositor.visible_widgets.values()]
    rnd = random.Random(seed)

    def anywhere() -> Region:
        x, y = rnd.randrange(width), rnd.randrange(height)
        return Region(x, y, rnd.randint(1, width - x), rnd.randint(1, min(4, height - y)))

    out = [[region.intersection(screen.size.region)] for region in shown]
    out += [[anywhere()] for _ in range(40)]
    out += [[anywhere(), anywhere()] for _ in range(40)]
    out.append([Region(0, height // 2, width, 1)])
    return [regions for regions in out if all(regions)]


def same_as_textual(screen: Screen, seed: int) -> None:
    for regions in areas(screen, seed):
        ours = sent(screen, regions, textual=False)
        assert ours == sent(screen, regions, textual=True), regions


async def test_the_dashboard_with_a_compress_running_redraws_as_textual_does(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock, monotonic=lambda: 1000.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        await pilot.press("f")
        await until(pilot, lambda: screen.relief is not None)
        await settle(pilot)
        same_as_textual(screen, seed=1)


async def test_the_relaxation_over_the_dashboard_redraws_as_textual_does(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock, monotonic=lambda: 1000.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await until(pilot, lambda: shown(app, RelaxScreen))
        await pilot.pause()
        same_as_textual(app.screen, seed=2)
