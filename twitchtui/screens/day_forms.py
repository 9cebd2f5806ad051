"""Small forms for one day's log: bedtime, daily check-in, weakness self-check.

Each returns a dict of the DayLog fields to set, or None when cancelled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual.widget import Widget
from textual.widgets import Checkbox, Input

from ..model import SYMPTOMS, DayLog, InvalidEntry, parse_hhmm
from .form import FormScreen


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

    def collect(self) -> tuple[dict | None, dict[str, str]]:
        stress, sleep = self.value("stress"), self.value("sleep")
        values = {
            "stress": stress or None,
            "sleep_h": sleep.replace(",", ".") or None,
            "food": self.value("food"),
        }
        errors: dict[str, str] = {}
        for name, raw in values.items():
            try:
                replace(self.day_log, **{name: raw}).validated()
            except InvalidEntry as exc:
                errors[exc.field] = exc.message
        if errors:
            return None, errors
        clean = replace(self.day_log, **values).validated()
        return {"stress": clean.stress, "sleep_h": clean.sleep_h, "food": clean.food}, {}


class SelfCheckForm(_DayForm):
    TITLE = "Weakness self-check"
    HINT = "Tick what is true today · space ticks · Ctrl+S saves · Esc cancels"

    def fields(self) -> Iterable[Widget]:
        yield from self.field(
            "Try holding a sip of water in your mouth, and look at your smile in a mirror once.",
            Checkbox(
                SYMPTOMS["cannot_hold_water"],
                self._answer("cannot_hold_water"),
                id="cannot_hold_water",
            ),
            "cannot_hold_water",
        )
        for key, question in SYMPTOMS.items():
            if key != "cannot_hold_water":
                yield Checkbox(question, self._answer(key), id=key)

    def _answer(self, key: str) -> bool:
        return bool(self.day_log.symptoms.get(key, False))

    def collect(self) -> tuple[dict | None, dict[str, str]]:
        answers = {key: self.query_one(f"#{key}", Checkbox).value for key in SYMPTOMS}
        return {"symptoms": answers}, {}
