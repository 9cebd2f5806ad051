"""First run: where the data lives, one question, and the one key that matters."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ..model import InvalidEntry, Settings, parse_hhmm

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


class WelcomeScreen(ModalScreen[tuple[str, str, str] | None]):
    """Dismisses with ("start", bedtime, number), ("demo", bedtime, number) or
    None (skipped). The bedtime is "HH:MM" as typed, or "" when the field is
    not a time; the number is the emergency number as confirmed, or "" when
    the field is not a phone number."""

    AUTO_FOCUS = None
    BINDINGS = [Binding("escape", "skip", "Skip", id="welcome-skip")]

    def __init__(self, path: Path, number: str = "112") -> None:
        super().__init__()
        self.path = path
        self.number = number
        """The emergency number the locale's country gives, to be confirmed."""

    def compose(self) -> ComposeResult:
        # The question and the buttons come first, so that even a 60×20 split
        # shows them without scrolling; the rest can be read below.
        with VerticalScroll(classes="form", id="welcome"):
            yield Static("[b]Welcome to twitchtui[/b]", classes="form-title")
            yield Static(INTRO)
            # Two questions side by side, so the buttons still fit a 60×20 split.
            with Horizontal(id="welcome-questions"):
                with Vertical():
                    yield Label("Your usual bedtime", classes="field-label")
                    yield Input("23:30", id="usual-bedtime")
                    yield Static("", id="error-usual-bedtime", classes="error")
                with Vertical():
                    yield Label("Your emergency number?", classes="field-label")
                    yield Input(self.number, id="emergency-number")
                    yield Static("", id="error-emergency-number", classes="error")
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

    def _number(self) -> str | None:
        text = self.query_one("#emergency-number", Input).value.strip()
        try:
            Settings(emergency_number=text or "x").validated()
        except InvalidEntry:
            self.query_one("#error-emergency-number", Static).update(
                "2 to 6 digits: 999 UK, 112 Europe, 911 US"
            )
            return None
        return text

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        bedtime, number = self._bedtime(), self._number()
        if bedtime is not None and number is not None:
            self.dismiss(("start", bedtime, number))

    @on(Button.Pressed, "#demo")
    def _demo(self) -> None:
        # What was typed is kept for the real diary; a half-typed value is not.
        self.dismiss(("demo", self._bedtime() or "", self._number() or ""))

    def action_skip(self) -> None:
        self.dismiss(None)
