"""The medicine list: add one, or mark one as stopped (the same list as `twitchtui meds`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from textual.widget import Widget
from textual.widgets import Input, Select, Static

from ..model import InvalidEntry, Medicine
from .form import FormScreen

KEEP = "(none)"


class MedicinesForm(FormScreen[tuple[Medicine, ...]]):
    TITLE = "Medicines"
    HINT = "Enter saves · Esc cancels · never stop a medicine without asking your doctor"

    def __init__(self, medicines: tuple[Medicine, ...], today: date) -> None:
        super().__init__()
        self.medicines = medicines
        self.today = today

    def fields(self) -> Iterable[Widget]:
        listed = "\n".join(
            f"• {m.name}{f' ({m.dose})' if m.dose else ''}"
            f"{f', since {m.started:%d %b %Y}' if m.started else ''}"
            f"{f', stopped {m.stopped:%d %b %Y}' if m.stopped else ''}"
            for m in self.medicines
        )
        yield Static(listed or "No medicines on the list yet.", markup=False, id="med-list")
        yield from self.field("Add a medicine: name", Input(id="name"), "medicine")
        yield from self.field("Dose (optional)", Input(placeholder="e.g. 20 mg", id="dose"), "dose")
        yield from self.field(
            "Started on (YYYY-MM-DD)", Input(self.today.isoformat(), id="started"), "started"
        )
        taking = [m.name for m in self.medicines if m.stopped is None]
        yield from self.field(
            "Mark as stopped today",
            self.choice([KEEP, *taking], KEEP, "stop"),
            "stop",
        )

    def collect(self) -> tuple[tuple[Medicine, ...] | None, dict[str, str]]:
        name = self.query_one("#name", Input).value.strip()
        meds = list(self.medicines)
        errors: dict[str, str] = {}
        if name:
            try:
                started = date.fromisoformat(self.query_one("#started", Input).value.strip())
                if started > self.today:
                    raise ValueError
            except ValueError:
                errors["started"] = "a date like 2026-11-18, not in the future"
            else:
                try:
                    dose = self.query_one("#dose", Input).value
                    new = Medicine(name, dose, started).validated()
                except InvalidEntry as exc:
                    errors[exc.field] = exc.message
                else:
                    meds = [m for m in meds if m.name.lower() != name.lower()] + [new]
        stop = self.query_one("#stop", Select).value
        if stop != KEEP:
            meds = [
                replace(m, stopped=self.today) if m.name == stop and m.stopped is None else m
                for m in meds
            ]
        return (None, errors) if errors else (tuple(meds), {})
