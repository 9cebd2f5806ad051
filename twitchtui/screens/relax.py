"""The guided face relaxation (PMR): tense for 5 s, let go for 10 s, for a
number of rounds, with one large cue that changes on the second it should.

Time is kept by ``app.monotonic``; the screen wakes exactly at the next whole
second (when a cue can change), so a cue is never a frame late and an idle
timer never counts ticks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import ModalScreen
from textual.timer import Timer as Wake
from textual.widgets import Digits, Static

from ..model import Relief
from ..timer import Timer, clock_text, pmr_cue, pmr_length
from ..widgets.footer import KeysFooter
from .host import host
from .rows import redraw_rows_only

HOW = {
    "tense": "Tense: press the lips together, scrunch the face.",
    "let go": "Let go: loosen the jaw and lips, breathe out slowly.",
    "done": "Done. Notice how the face feels now.",
}


class RelaxScreen(ModalScreen[None]):
    """Hands the session to ``keep`` as it ends (finished, or stopped early:
    by Esc, or by quitting), then closes; nothing is kept when it was stopped
    before a second had run."""

    DEFAULT_CSS = """
    RelaxScreen { align: center middle; }
    RelaxScreen > #relax { width: 100%; max-width: 72; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1; }
    RelaxScreen #relax-title { text-style: bold; }
    RelaxScreen #cue { width: 100%; height: 5; content-align: center middle;
        text-style: bold; margin: 1 0 0 0; }
    RelaxScreen #cue.-tense { background: $warning 60%; color: $text; }
    RelaxScreen #cue.-let-go { background: $success 50%; color: $text; }
    RelaxScreen #cue.-done { background: $primary 40%; }
    RelaxScreen Center { height: auto; }
    RelaxScreen Digits { width: auto; }
    RelaxScreen #how, RelaxScreen #round { width: 100%; content-align: center middle; }
    """
    BINDINGS = [
        Binding("space", "pause", "Pause", id="relax-pause"),
        Binding("escape,x", "stop", "Stop", id="relax-stop"),
        Binding("q", "app.quit", "Quit", id="relax-quit"),  # keeps the session so far
    ]

    def __init__(
        self,
        rounds: int,
        now: Callable[[], datetime],
        keep: Callable[[Relief], None],
        bell: bool = False,
    ) -> None:
        super().__init__()
        redraw_rows_only(self)  # each second redraws the digits' rows alone
        self.rounds = rounds
        self.keep = keep
        self.bell = bell
        """Ring the terminal bell at the end (the settings' bell)."""
        self._now = now
        self._began: datetime | None = None
        self._timer: Timer | None = None
        self._wake: Wake | None = None
        self.phase = ""
        """The cue shown now (tests read it)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="relax"):
            yield Static(
                f"Face relaxation · {self.rounds} rounds · {clock_text(pmr_length(self.rounds))}",
                id="relax-title",
            )
            yield Static("", id="cue")
            with Center():
                yield Digits("", id="left")
            yield Static("", id="how")
            yield Static("", id="round")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._began = self._now()
        self._timer = Timer.start(pmr_length(self.rounds), host(self).monotonic())
        self.tick()

    def tick(self) -> None:
        """Show the cue the clock calls for, and wake when it next changes."""
        if self._wake is not None:
            self._wake.stop()
            self._wake = None
        timer = self._timer
        if timer is None:
            return
        at = host(self).monotonic()
        cue = pmr_cue(timer.elapsed(at), self.rounds)
        cue_box = self.query_one("#cue", Static)
        if cue.phase != self.phase:
            self.phase = cue.phase
            for name in ("tense", "let-go", "done"):
                cue_box.set_class(cue.phase.replace(" ", "-") == name, f"-{name}")
        word = cue.phase.upper() if not timer.paused else f"{cue.phase.upper()} (paused)"
        _show(cue_box, word, layout=False)  # a fixed box: its size never changes
        digits = self.query_one("#left", Digits)
        left = clock_text(cue.left)[3:]
        if digits.value != left:
            digits.update(left)  # laid out again only if its width changed
        _show(self.query_one("#how", Static), HOW[cue.phase])
        _show(
            self.query_one("#round", Static),
            f"Round {cue.round} of {cue.rounds} · space pauses · Esc stops",
        )
        if timer.done(at):
            self._finish(finished=True)
            return
        wait = timer.next_change(at)
        if wait is not None:
            self._wake = self.set_timer(max(wait, 0.001), self.tick)

    def action_pause(self) -> None:
        if self._timer is None:
            return
        at = host(self).monotonic()
        self._timer = self._timer.resume(at) if self._timer.paused else self._timer.pause(at)
        self.tick()

    def action_stop(self) -> None:
        self._finish(finished=False)

    def session(self, finished: bool) -> Relief | None:
        """The session as it stands (None when nothing had run yet)."""
        timer, began = self._timer, self._began
        if timer is None or began is None:
            return None
        done = round(timer.elapsed(host(self).monotonic()))
        if not finished and done == 0:
            return None
        return Relief("pmr", began, round(timer.planned_s), done, finished)

    def _finish(self, finished: bool) -> None:
        session = self.session(finished)
        self._timer = None
        if self._wake is not None:
            self._wake.stop()
        if session is not None:
            self.keep(session)
        if finished:
            self.notify("Face relaxation done. It is in the diary.", title="Relief", timeout=8)
            if self.bell:
                self.app.bell()
        self.dismiss(None)

    def stop_relief_for_quit(self) -> bool:
        """Quitting: keep the session so far as stopped early."""
        if self._timer is None:
            return False
        self._finish(finished=False)
        return True


def _show(widget: Static, text: str, layout: bool = True) -> None:
    """Each second only what changed is redrawn: most seconds, the digits alone."""
    if widget.content != text:
        widget.update(text, layout=layout)
