"""A running warm compress at a glance: what it is, a ProgressBar, the time left, the keys."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label, ProgressBar


@dataclass(frozen=True, slots=True)
class ReliefView:
    """What the bar shows: the countdown text, how far along (0-1), paused or not."""

    left: str
    fraction: float
    paused: bool


class ReliefBar(Horizontal):
    """Hidden until a compress runs; the dashboard binds ``view`` to its own."""

    DEFAULT_CSS = """
    ReliefBar { height: 1; display: none; }
    ReliefBar.-running { display: block; }
    ReliefBar > Label { width: auto; padding: 0 1 0 0; }
    ReliefBar > #relief-what { text-style: bold; color: $warning; }
    ReliefBar > ProgressBar { width: auto; padding: 0 1 0 0; }
    ReliefBar > ProgressBar Bar { width: 16; }
    """

    view: reactive[ReliefView | None] = reactive(None)

    def compose(self) -> ComposeResult:
        yield Label("Compress", id="relief-what")  # short: fits a 57-column pane
        yield Label("", id="relief-clock")
        yield ProgressBar(total=1000, show_eta=False, show_percentage=False, id="relief-progress")
        yield Label("", id="relief-keys")

    def on_mount(self) -> None:
        self.watch_view(self.view)  # a view given before mounting shows at once

    def watch_view(self, view: ReliefView | None) -> None:
        self.set_class(view is not None, "-running")
        if view is None:
            return
        self.query_one(ProgressBar).update(progress=round(view.fraction * 1000))
        paused = " (paused)" if view.paused else ""
        self.query_one("#relief-clock", Label).update(f"{view.left}{paused}")
        keys = "space resumes · f stops" if view.paused else "space pauses · f stops"
        self.query_one("#relief-keys", Label).update(f"[dim]{keys}[/]")


def show_relief(parent: Widget, view: ReliefView | None, *, bar_id: str, after: str) -> None:
    """Give ``parent``'s bar the view, mounting the bar (after ``after``) the
    first time a compress runs: start-up never styles a hidden bar."""
    bars = parent.query(ReliefBar)
    if bars:
        bars.first().view = view
    elif view is not None:
        bar = ReliefBar(id=bar_id)
        bar.set_reactive(ReliefBar.view, view)  # shown as it mounts
        parent.mount(bar, after=after)
