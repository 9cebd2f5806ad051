"""First run: where the data lives, one question, and the one key that matters."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ..model import InvalidEntry, parse_hhmm

INTRO = """\
twitchtui keeps a twitch diary and a short daily checklist, and tells you, \
calmly and with reasons, when the diary shows something worth showing a doctor. \
It does not diagnose."""

MORE = """\
[b]t[/b] logs a twitch, right now. That is all you need on a busy day.

The four panes: [b]Quick log[/b] (today's twitches), [b]Checklist[/b] (water, \
one coffee before noon, almonds or a banana, an early night, and a short \
check-in), [b]Trends[/b] (charts and what seems to make twitches worse), and \
[b]Red flags[/b] (signs worth a doctor's look). Press [b]?[/b] for every key.

To look around first, run [b]twitchtui --demo[/b] (or press the button above): \
it opens a sample diary and leaves yours untouched, apart from the bedtime \
above. [b]twitchtui --welcome[/b] shows this page again."""


class WelcomeScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with ("start", bedtime), ("demo", bedtime) or None (skipped).
    The bedtime is "HH:MM" as typed, or "" when the field is not a time."""

    AUTO_FOCUS = None
    BINDINGS = [Binding("escape", "skip", "Skip", id="welcome-skip")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        # The question and the buttons come first, so that even a 60×20 split
        # shows them without scrolling; the rest can be read below.
        with VerticalScroll(classes="form", id="welcome"):
            yield Static("[b]Welcome to twitchtui[/b]", classes="form-title")
            yield Static(INTRO)
            yield Label(
                "When do you usually go to bed? The checklist aims an hour earlier.",
                classes="field-label",
            )
            yield Input("23:30", id="usual-bedtime")
            yield Static("", id="error-usual-bedtime", classes="error")
            with Horizontal(classes="form-buttons"):
                yield Button("Start", variant="primary", id="start")
                yield Button("Open the demo", id="demo")
            yield Static(
                Content.from_markup(
                    "\nYour diary lives in [b]$path[/b] (readable by you only).",
                    path=str(self.path),
                )
            )
            yield Static("\n" + MORE)

    def on_mount(self) -> None:
        self.query_one("#usual-bedtime", Input).focus(scroll_visible=False)
        self.call_after_refresh(
            self.query_one("#welcome", VerticalScroll).scroll_home, animate=False
        )

    def _bedtime(self) -> str | None:
        text = self.query_one("#usual-bedtime", Input).value.strip()
        try:
            parse_hhmm("bedtime", text)
        except InvalidEntry as exc:
            self.query_one("#error-usual-bedtime", Static).update(exc.message)
            return None
        return text

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        bedtime = self._bedtime()
        if bedtime is not None:
            self.dismiss(("start", bedtime))

    @on(Button.Pressed, "#demo")
    def _demo(self) -> None:
        # What was typed is kept for the real diary; a half-typed time is not.
        self.dismiss(("demo", self._bedtime() or ""))

    def action_skip(self) -> None:
        self.dismiss(None)
