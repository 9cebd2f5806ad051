"""Small forms for one day's log: bedtime, daily check-in, weakness self-check.

Each returns a dict of the DayLog fields to set, or None when cancelled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual.widget import Widget
from textual.widgets import Checkbox, Input, Static

from ..model import LEGACY_SYMPTOMS, SYMPTOMS, DayLog, InvalidEntry, parse_hhmm
from .form import FormCheckbox, FormScreen


class _DayForm(FormScreen[dict]):
    def __init__(self, log: DayLog) -> None:
        super().__init__()
        self.day_log = log

    def value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()


class BedtimeForm(_DayForm):
    TITLE = "Early night"

    def fields(self) -> Iterable[Widget]:
        current = f"{self.day_log.bedtime:%H:%M}" if self.day_log.bedtime else ""
        yield from self.field(
            f"When did you go to bed on the night of {self.day_log.day:%a %d %b}? (HH:MM)",
            Input(current, placeholder="22:30", id="bedtime"),
            "bedtime",
        )

    def collect(self) -> tuple[dict | None, dict[str, str]]:
        text = self.value("bedtime")
        try:
            return {"bedtime": parse_hhmm("bedtime", text) if text else None}, {}
        except InvalidEntry as exc:
            return None, {"bedtime": exc.message}


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

    def collect(self) -> tuple[dict | None, dict[str, str]]:
        stress, sleep = self.value("stress"), self.value("sleep")
        exposure_errors: dict[str, str] = {}
        values = {
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


class SelfCheckForm(_DayForm):
    TITLE = "Weakness self-check"
    HINT = "Space ticks what is true today · Enter saves · Esc cancels"

    def __init__(self, log: DayLog, emergency_number: str = "999", again: bool = False) -> None:
        super().__init__(log)
        self.emergency_number = emergency_number
        self.again = again
        """Opened before on this day: say, kindly, that checking less helps."""

    def fields(self) -> Iterable[Widget]:
        yield Static(
            f"[b $error]If your face droops, an arm is weak or your speech is slurred, and it "
            f"is new or came on suddenly: call {self.emergency_number} now, even if it passes.[/]",
            id="emergency-line",
        )
        if self.again:
            yield Static(
                "[$text-muted]You have checked once already today. Looking again and again "
                "tends to keep the worry going; once a day is enough. Go on if you need to.[/]",
                id="check-less",
            )
        yield from self.field(
            "Hold a sip of water in your mouth; look at your smile once.",
            FormCheckbox(SYMPTOMS["droop"], self._answer("droop"), id="droop"),
            "droop",
        )
        for key in QUESTIONS[1:]:
            yield FormCheckbox(SYMPTOMS[key], self._answer(key), id=key)
        yield FormCheckbox(
            "A clinician saw me about this today", self.day_log.seen_clinician, id="seen"
        )

    def _answer(self, key: str) -> bool:
        return bool(self.day_log.symptoms.get(key, False))

    def collect(self) -> tuple[dict | None, dict[str, str]]:
        kept = {k: v for k, v in self.day_log.symptoms.items() if k in LEGACY_SYMPTOMS}
        answers = {key: self.query_one(f"#{key}", Checkbox).value for key in QUESTIONS}
        seen = self.query_one("#seen", Checkbox).value
        return {"symptoms": {**kept, **answers}, "seen_clinician": seen}, {}


QUESTIONS: tuple[str, ...] = tuple(k for k in SYMPTOMS if k not in LEGACY_SYMPTOMS)
"""The self-check asks these, in this order (the model's order)."""
