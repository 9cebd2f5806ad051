"""Experiments: start one ("try X for N days"), or see the one running and stop it.

Each screen is dismissed with the operation to save (or None), so the change
goes through the dashboard's session and its undo like every other.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from ..model import PRESETS, Experiment, InvalidEntry, parse_hhmm, preset_words
from ..ops import EndExperiment, Op, StartExperiment
from .form import FormScreen
from .host import host

OWN = "own"


class ExperimentForm(FormScreen[Op]):
    """Try one change for some days; at the end the days are compared with as
    many days before."""

    TITLE = "Try one change for some days"

    def __init__(self, now: datetime) -> None:
        super().__init__()
        self.now = now

    def fields(self) -> Iterable[Widget]:
        options = [(preset_words(key), key) for key in PRESETS] + [("My own idea…", OWN)]
        yield from self.field(
            "What to try", Select(options, value="early-bed", allow_blank=False, id="idea"), "idea"
        )
        yield from self.field(
            "Your own idea, in a few words (for “My own idea”)",
            Input(placeholder="e.g. a walk at lunch", id="own"),
            "own",
        )
        yield from self.field(
            "The time, for “No coffee after” and “No screens after” (HH:MM)",
            Input(placeholder="default 12:00 or 21:00", id="at"),
            "at",
        )
        yield from self.field("For how many days (3 to 60)", Input("14", id="days"), "days")
        yield Static(
            "[dim]At the end, your twitches on these days are set against as many days "
            "before. One experiment runs at a time.[/]"
        )

    def collect(self) -> tuple[Op | None, dict[str, str]]:
        errors: dict[str, str] = {}
        idea = self.query_one("#idea", Select).value
        own = " ".join(self.query_one("#own", Input).value.split())
        at = self.query_one("#at", Input).value.strip()
        days_text = self.query_one("#days", Input).value.strip()
        if idea == OWN and not own:
            errors["own"] = "Write your idea in a few words."
        if len(own) > 60:
            errors["own"] = "Keep it under 60 characters."
        if at:
            try:
                at = f"{parse_hhmm('time', at):%H:%M}"
            except InvalidEntry as exc:
                errors["at"] = exc.message
        try:
            days = int(days_text)
            if not 3 <= days <= 60:
                errors["days"] = "From 3 to 60 days."
        except ValueError:
            errors["days"] = "A whole number of days, like 14."
            days = 0
        if errors:
            return None, errors
        name = own if idea == OWN else preset_words(str(idea), at or None)
        return StartExperiment(Experiment(name, self.now, days), label=f"experiment: {name}"), {}


class RunningExperimentScreen(ModalScreen[Op | None]):
    """The experiment running: which day it is, and a way to stop it now."""

    DEFAULT_CSS = """
    RunningExperimentScreen { align: center middle; }
    """
    BINDINGS = [
        Binding("escape", "keep", "Keep going", id="running-keep"),
        Binding("s", "stop", "Stop now", id="running-stop"),
    ]

    def __init__(self, experiment: Experiment, day: int) -> None:
        super().__init__()
        self.experiment = experiment
        self.day = day

    def compose(self) -> ComposeResult:
        e = self.experiment
        with VerticalScroll(classes="form"):
            yield Static(Content.from_markup("[b]$n[/b]", n=e.name), classes="form-title")
            yield Static(
                f"Day {min(self.day, e.days)} of {e.days}, begun {e.started:%a %d %b}. "
                "It ends by itself after its last day; stopping it now compares the "
                "days it ran with as many days before."
            )
            with Horizontal(classes="form-buttons"):
                yield Button("Stop now", variant="warning", id="stop")
                yield Button("Keep going", id="keep")
            yield Static("[dim]s stops it now · Esc keeps it going[/]", classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    @on(Button.Pressed, "#stop")
    def action_stop(self) -> None:
        now = host(self).now()
        self.dismiss(EndExperiment(self.experiment.name, now, stopped_early=True))

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self.dismiss(None)
