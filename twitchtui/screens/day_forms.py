"""Small forms for one day's log: the daily check-in and the weakness self-check.

The check-in returns a dict of the DayLog fields to set; the self-check
returns one new record. Each returns None when cancelled. (The bedtime form
is in ``bedtime.py``.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from ..model import SHORT, SIGNS, DayLog, InvalidEntry, SelfCheck
from ..widgets.toasts import clear_toasts
from .form import FormCheckbox, FormScreen
from .urgent import NoticesMayShow

if TYPE_CHECKING:
    from ..redflags import Contacts


class _DayForm(FormScreen[dict[str, object]]):
    def __init__(self, log: DayLog) -> None:
        super().__init__()
        self.day_log = log

    def value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()


class CheckInForm(_DayForm):
    TITLE = "Daily check-in"

    def fields(self) -> Iterable[Widget]:
        log = self.day_log
        yield from self.field(
            "Stress today, 1 (calm) to 5 (very stressed)",
            Input("" if log.stress is None else str(log.stress), id="stress"),
            "stress",
        )
        yield from self.field(
            "Hours slept last night",
            Input("" if log.sleep_h is None else f"{log.sleep_h:g}", id="sleep"),
            "sleep",
        )
        yield from self.field(
            "What did you eat? (short note)",
            Input(log.food, placeholder="e.g. oats, pasta, a banana", id="food"),
            "food",
        )
        for name, label in (("alcohol", "Alcohol today?"), ("nicotine", "Nicotine today?")):
            value = getattr(log, name)
            yield from self.field(
                f"{label} (yes or no; leave empty to skip)",
                Input("" if value is None else ("yes" if value else "no"), id=name),
                name,
            )
        yield from self.field(
            "Hours at a screen today",
            Input("" if log.screen_h is None else f"{log.screen_h:g}", id="screen"),
            "screen",
        )

    def _yes_no(self, name: str, errors: dict[str, str]) -> bool | None:
        text = self.value(name).lower()
        if text in ("", "-"):
            return None
        if text in ("y", "yes"):
            return True
        if text in ("n", "no"):
            return False
        errors[name] = "please write yes or no (or leave it empty)"
        return None

    def collect(self) -> tuple[dict[str, object] | None, dict[str, str]]:
        stress, sleep = self.value("stress"), self.value("sleep")
        exposure_errors: dict[str, str] = {}
        values: dict[str, Any] = {  # each checked by the DayLog it makes
            "stress": stress or None,
            "sleep_h": sleep.replace(",", ".") or None,
            "food": self.value("food"),
            "alcohol": self._yes_no("alcohol", exposure_errors),
            "nicotine": self._yes_no("nicotine", exposure_errors),
            "screen_h": self.value("screen").replace(",", ".") or None,
        }
        errors: dict[str, str] = dict(exposure_errors)
        for name, raw in values.items():
            try:
                replace(self.day_log, **{name: raw}).validated()
            except InvalidEntry as exc:
                errors[exc.field] = exc.message
        if errors:
            return None, errors
        clean = replace(self.day_log, **values).validated()
        return {name: getattr(clean, name) for name in values}, {}


ONSET_CHOICES: tuple[tuple[str, str], ...] = (
    ("Not sure how it began", "unsure"),
    ("It came on suddenly", "sudden"),
    ("It came on over days", "days"),
)


class SelfCheckForm(FormScreen[SelfCheck]):
    """Adds one self-check record. What was answered earlier stays on record:
    the form shows it, can say it has passed, and never unticks it."""

    TITLE = "Weakness self-check"
    HINT = "Space ticks · Tab moves on · Enter saves · Esc cancels"
    KEEPS_CLEAR = True
    """No notice is shown over this form (see ``TwitchApp.notify``)."""

    def __init__(
        self,
        log: DayLog,
        who: Contacts,
        moment: Callable[[], datetime],
        *,
        again: bool = False,
        urgent_open: bool = False,
    ) -> None:
        super().__init__()
        self.day_log = log
        self.who = who
        self.moment = moment
        """When a save is recorded: now, or the end of a past day."""
        self.again = again
        """Opened before on this day: say, kindly, that checking less helps."""
        self.urgent_open = urgent_open
        """An emergency or same-day answer is open: never say "once is enough"."""

    def fields(self) -> Iterable[Widget]:
        yield Static(
            Content.from_markup(
                "[b $error]If your face droops, your smile is uneven, an arm or leg is weak or "
                "your speech is slurred, and it is new or came on suddenly: call $n now, even "
                "if it passes.[/]",
                n=self.who.call,
            ),
            id="emergency-line",
        )
        if self.again and not self.urgent_open:
            yield Static(
                "[$text-muted]You have checked once already today. Looking again and again "
                "tends to keep the worry going; once a day is enough. Go on if you need to.[/]",
                id="check-less",
            )
        earlier = self.day_log.symptoms
        if earlier:
            yield Static(
                Content.from_markup(
                    "[b]Answered earlier on this day:[/b] $s. Saving again adds to it and never "
                    "takes it back; only a clinician's visit closes an urgent answer.",
                    s=", ".join(SHORT[k] for k in earlier),
                ),
                id="earlier",
            )
            yield FormCheckbox("Those signs have passed now", False, id="passed")
        yield Label(
            "Hold a sip of water in your mouth; look at your smile once. Tick what is true now:",
            classes="field-label",
        )
        for key, question in SIGNS.items():
            yield FormCheckbox(question, False, id=key)
            onset = Select(
                ONSET_CHOICES, value="unsure", allow_blank=False, id=f"onset-{key}", classes="onset"
            )
            onset.display = False
            yield onset
        yield FormCheckbox("A clinician saw me about these signs today", False, id="seen")

    def on_mount(self) -> None:
        super().on_mount()
        clear_toasts(self.app)  # nothing is drawn over the advice

    def on_unmount(self) -> None:
        self.app.post_message(NoticesMayShow())

    @on(Checkbox.Changed)
    def _ask_onset(self, event: Checkbox.Changed) -> None:
        """A ticked sign asks how it came on, just below it."""
        key = event.checkbox.id or ""
        if key in SIGNS:
            self.query_one(f"#onset-{key}", Select).display = event.value

    def collect(self) -> tuple[SelfCheck | None, dict[str, str]]:
        signs = {
            key: str(self.query_one(f"#onset-{key}", Select).value)
            for key in SIGNS
            if self.query_one(f"#{key}", Checkbox).value
        }
        passed = self.query("#passed")
        gone = tuple(self.day_log.symptoms) if passed and passed.first(Checkbox).value else ()
        seen = self.query_one("#seen", Checkbox).value
        return SelfCheck(self.moment(), signs, passed=gone, seen=seen).validated(), {}
