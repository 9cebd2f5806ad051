"""A running warm compress at a glance: what it is, a ProgressBar, the time left, the keys."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Label

from ..timer import steps_done
from .quiet_bar import QuietBar


@dataclass(frozen=True, slots=True)
class ReliefView:
    """What the bar shows: the countdown text, how far along (0-1), paused or not."""

    left: str
    fraction: float
    paused: bool


BAR_CELLS = 10
STEPS = 2 * BAR_CELLS
"""What the bar can show: half a cell at a time. Counted in those steps, its
progress changes (and it is redrawn) only when what it shows moves: every
30 s of a 10-minute compress. Ten cells: the bar, "10 min left" and its
keys fit the quick-log pane of a 120-column terminal. The compress timer
wakes at those steps and at each new minute, nothing between."""


class ReliefBar(Horizontal):
    """Hidden until a compress runs; the dashboard binds ``view`` to its own.

    A running compress changes it once a minute (the minutes left) and at
    each step of the bar: only those move then, each redrawn in place (no
    layout of the screen unless the clock's width changed, as from "10 min
    left" to "9 min left" or on a pause), and the keys' line only when a pause or
    resume changes it."""

    DEFAULT_CSS = f"""
    ReliefBar {{ height: 1; display: none; }}
    ReliefBar.-running {{ display: block; }}
    ReliefBar > Label {{ width: auto; padding: 0 1 0 0; }}
    ReliefBar > #relief-what {{ text-style: bold; color: $warning; }}
    ReliefBar > QuietBar {{ width: auto; padding: 0 1 0 0; }}
    ReliefBar > QuietBar Bar {{ width: {BAR_CELLS}; }}
    """

    view: var[ReliefView | None] = var(None)
    """What to show (a var: the bar itself is not redrawn, only what changed in it)."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        # Kept, not looked up: each second sets them without a query.
        self._clock = Label("", id="relief-clock")
        self._progress = QuietBar(
            total=STEPS, show_eta=False, show_percentage=False, id="relief-progress"
        )
        self._keys = Label("", id="relief-keys")

    def compose(self) -> ComposeResult:
        yield Label("Compress", id="relief-what")  # short: fits a 57-column pane
        yield self._clock
        yield self._progress
        yield self._keys

    def on_mount(self) -> None:
        self.watch_view(self.view)  # a view given before mounting shows at once

    def watch_view(self, view: ReliefView | None) -> None:
        self.set_class(view is not None, "-running")
        if view is None:
            return
        # Set, not update(): that also moves the hidden ETA, one more redraw.
        self._progress.progress = steps_done(view.fraction, STEPS)  # unchanged: no redraw
        _show(self._clock, f"paused, {view.left}" if view.paused else view.left)
        # Paused, f still stops (the Footer says so): the line fits the pane.
        keys = "space resumes" if view.paused else "space pauses · f stops"
        _show(self._keys, f"[dim]{keys}[/]")


def _show(label: Label, text: str) -> None:
    """Show ``text`` in ``label`` if it is not shown already; the screen is
    laid out again only when the label's width changes."""
    shown = label.content
    if shown == text:
        return
    label.update(text, layout=not isinstance(shown, str) or len(shown) != len(text))


def show_relief(parent: Widget, view: ReliefView | None, *, bar_id: str, after: str) -> None:
    """Give ``parent``'s bar the view, mounting the bar (after ``after``) the
    first time a compress runs: start-up never styles a hidden bar."""
    try:  # by id, not by a query: a query walks the pane (its table) every second
        parent.get_child_by_id(bar_id, ReliefBar).view = view
    except NoMatches:
        if view is None:
            return
        bar = ReliefBar(id=bar_id)
        bar.set_reactive(ReliefBar.view, view)  # shown as it mounts
        parent.mount(bar, after=after)
