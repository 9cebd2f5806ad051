"""The pane holding the focus has the accent border, and a move between
panes restyles only what it must (not both panes' whole subtrees)."""

from __future__ import annotations

from pathlib import Path

from textual.color import Color

from .conftest import Clock
from .test_app import dashboard, make_app, settle, until


def border(app, pane_id: str) -> Color:
    return dashboard(app).query_one(f"#{pane_id}").styles.border_top[1]


def accent(app) -> Color:
    return Color.parse(app.get_css_variables()["accent"])


async def test_the_focused_pane_alone_has_the_accent_border(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key, pane in (("3", "trends"), ("4", "red-flags"), ("1", "quick-log")):
            await pilot.press(key)
            await until(pilot, lambda pane=pane: border(app, pane) == accent(app))
            others = {"quick-log", "checklist", "trends", "red-flags"} - {pane}
            assert all(border(app, other) != accent(app) for other in others)
        app.theme = "nord" if app.theme != "nord" else "gruvbox"
        await until(pilot, lambda: border(app, "quick-log") == accent(app))  # the new theme's


async def test_a_move_between_panes_restyles_few_widgets(db_path: Path, clock: Clock) -> None:
    """A ``:focus-within`` rule on the panes made Textual restyle the whole
    subtree of the pane left and of the pane entered (hundreds of widgets,
    and a few MiB of peak memory per move)."""
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        restyled: list[int] = []
        update_nodes = app.stylesheet.update_nodes

        def counting(nodes, animate: bool = False) -> None:
            nodes = list(nodes)
            restyled.append(len(nodes))
            update_nodes(nodes, animate=animate)

        app.stylesheet.update_nodes = counting  # type: ignore[method-assign]
        panes = dashboard(app).query_one("#panes")
        everything = len(list(panes.walk_children()))
        for key in "3414":
            await pilot.press(key)
            await pilot.pause()
        assert restyled and max(restyled) < everything // 2, (restyled, everything)
