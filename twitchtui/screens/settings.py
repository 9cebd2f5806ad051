"""Settings: targets, bedtime, day start, defaults, reminders and theme."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select

from ..model import EMERGENCY_NUMBERS, SIDES, SITES, InvalidEntry, Settings
from .form import FormCheckbox, FormScreen

# (field, label) for the number and time fields, in the order shown.
FIELDS: list[tuple[str, str]] = [
    ("water_target_ml", "Water target per day, ml"),
    ("glass_ml", "One glass, ml"),
    ("coffee_limit", "Coffees allowed per day"),
    ("coffee_cutoff_hour", "No coffee from this hour (0-23)"),
    ("usual_bedtime", "Your usual bedtime (HH:MM)"),
    ("bed_earlier_min", "Aim to go to bed this many minutes earlier"),
    ("day_start_hour", "A new diary day starts at hour (0-6; 3 keeps a late night in its day)"),
    ("checkin_hour", "Remind me of the check-in from this hour (0-23)"),
]
SWITCHES: list[tuple[str, str]] = [
    ("nudges", "Gentle reminders while the app is open"),
    ("nudge_coffee", "  …the coffee window is closing"),
    ("nudge_water", "  …water is behind pace"),
    ("nudge_bed", "  …bedtime is near"),
    ("nudge_checkin", "  …the check-in is not done"),
    ("nudge_pause", "  …how the stimulant pause is going"),
    ("bell", "Ring the terminal bell with a reminder"),
]


class SettingsForm(FormScreen[Settings]):
    TITLE = "Settings"

    def __init__(self, settings: Settings, themes: list[str]) -> None:
        super().__init__()
        self.settings = settings
        self.themes = themes

    def fields(self) -> Iterable[Widget]:
        doc = self.settings.to_doc()
        for name, label in FIELDS:
            yield from self.field(label, Input(str(doc[name]), id=name), name)
        yield from self.field(
            "Site logged by t before you log any twitch",
            self.choice(SITES, self.settings.default_site, "default_site"),
            "default_site",
        )
        yield from self.field(
            "Side", self.choice(SIDES, self.settings.default_side, "default_side"), "default_side"
        )
        for name, label in SWITCHES:
            yield FormCheckbox(label, getattr(self.settings, name), id=name)
        yield from self.field(
            "Emergency number (used in every urgent message)",
            self.choice(
                sorted({*EMERGENCY_NUMBERS, self.settings.emergency_number}),
                self.settings.emergency_number,
                "emergency_number",
            ),
            "emergency_number",
        )
        yield from self.field(
            "Theme", self.choice(self.themes, self.settings.theme, "theme"), "theme"
        )

    def collect(self) -> tuple[Settings | None, dict[str, str]]:
        values: dict[str, object] = {
            name: self.query_one(f"#{name}", Input).value.strip() for name, _ in FIELDS
        }
        for name in ("default_site", "default_side", "theme", "emergency_number"):
            values[name] = self.query_one(f"#{name}", Select).value
        for name, _ in SWITCHES:
            values[name] = self.query_one(f"#{name}", Checkbox).value
        errors: dict[str, str] = {}
        for name, value in values.items():
            try:
                replace(self.settings, **{name: value}).validated()
            except (InvalidEntry, TypeError) as exc:
                errors[getattr(exc, "field", name)] = getattr(exc, "message", str(exc))
        if errors:
            return None, errors
        return replace(self.settings, **values).validated(), {}
