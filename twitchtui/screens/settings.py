"""Settings: targets, bedtime, day start, defaults, reminders and theme."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select

from ..model import SIDES, SITES, Habit, InvalidEntry, Settings
from ..views import who_to_call
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
    ("compress_minutes", "A warm compress (f) lasts this many minutes (1-60)"),
    ("pmr_rounds", "Rounds of tense-and-let-go in a face relaxation (l), 1-20"),
]
# Fields that may be left empty: empty means "not given", never a made-up value.
OPTIONAL: list[tuple[str, str]] = [
    ("default_intensity", "Intensity t records, 1-5 (empty: not given; the form asks)"),
    ("default_duration_s", "Duration t records, seconds (empty: not given)"),
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

    def __init__(
        self, settings: Settings, themes: list[str], device: str = "", fixed: bool = False
    ) -> None:
        super().__init__()
        self.settings = settings
        self.themes = themes
        self.device = device
        """This machine's name in the diary's files; the form leaves the new
        one here when it was changed (the caller renames the files)."""
        self.fixed = fixed
        """The name comes from $TWITCHTUI_DEVICE: shown, not changed here."""
        self.who = who_to_call(replace(settings, emergency_number=""))
        """Who the locale alone would say to call (the placeholder)."""

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
        for name, label in OPTIONAL:
            value = getattr(self.settings, name)
            shown = "" if value is None else str(value)
            yield from self.field(label, Input(shown, placeholder="not given", id=name), name)
        for name, label in SWITCHES:
            yield FormCheckbox(label, getattr(self.settings, name), id=name)
        yield from self.field(
            "Emergency number, used in every urgent message (999 UK, 112 Europe, 911 US and "
            "Canada, 000 Australia; empty: from your locale, now "
            f"{self.who.emergency})",
            Input(
                self.settings.emergency_number,
                placeholder=self.who.emergency,
                id="emergency_number",
            ),
            "emergency_number",
        )
        theme = self.settings.theme  # one this Textual lacks (another machine's): the one shown
        yield from self.field(
            "Theme",
            self.choice(self.themes, theme if theme in self.themes else self.app.theme, "theme"),
            "theme",
        )
        own = ", ".join(h.name for h in self.settings.habits) or "none yet"
        yield from self.field(
            f"Add a habit of your own (yours: {own}); name, then times a day, e.g. 'walk 2'",
            Input(placeholder="optional", id="new_habit"),
            "habit",
        )
        yield FormCheckbox("…and count it in the checklist score", False, id="new_habit_score")
        yield from self.field(
            "Your name, printed on the doctor's report only (never exported)",
            Input(self.settings.patient_name, placeholder="optional", id="patient_name"),
            "patient_name",
        )
        born = self.settings.patient_born
        yield from self.field(
            "Your date of birth for the report (YYYY-MM-DD)",
            Input(born.isoformat() if born else "", placeholder="optional", id="patient_born"),
            "patient_born",
        )
        if self.device:
            yield from self._device_field()

    def _device_field(self) -> Iterable[Widget]:
        if self.fixed:
            label = f"This machine's name: {self.device} (set by $TWITCHTUI_DEVICE)"
        else:
            label = (
                "This machine's name, on its diary files when the folder is synced "
                "(1-32 letters, digits, - or _)"
            )
        field = Input(self.device, id="device", disabled=self.fixed)
        yield from self.field(label, field, "device")

    def _chosen_device(self, errors: dict[str, str]) -> None:
        from ..machine import BadDeviceName, check_device

        typed = self.query_one("#device", Input).value.strip()
        if self.fixed or typed == self.device:
            return
        try:
            self.device = check_device(typed, "device")
        except BadDeviceName as exc:
            errors["device"] = exc.message

    def collect(self) -> tuple[Settings | None, dict[str, str]]:
        values: dict[str, Any] = {  # each checked by the Settings it makes
            name: self.query_one(f"#{name}", Input).value.strip() for name, _ in FIELDS
        }
        for name, _ in OPTIONAL:
            values[name] = self.query_one(f"#{name}", Input).value.strip() or None
        for name in ("default_site", "default_side", "theme"):
            values[name] = self.query_one(f"#{name}", Select).value
        values["emergency_number"] = self.query_one("#emergency_number", Input).value.strip()
        for name, _ in SWITCHES:
            values[name] = self.query_one(f"#{name}", Checkbox).value
        errors: dict[str, str] = {}
        values["patient_name"] = self.query_one("#patient_name", Input).value
        born = self.query_one("#patient_born", Input).value.strip()
        try:
            values["patient_born"] = date.fromisoformat(born) if born else None
        except ValueError:
            errors["patient_born"] = "a date like 1980-05-01, or leave it empty"
        if self.device:
            self._chosen_device(errors)
        habits = self._with_new_habit(errors)
        if habits is not None:
            values["habits"] = habits
        for name, value in values.items():
            try:
                replace(self.settings, **{name: value}).validated()
            except (InvalidEntry, TypeError) as exc:
                errors[getattr(exc, "field", name)] = getattr(exc, "message", str(exc))
        if errors:
            return None, errors
        return replace(self.settings, **values).validated(), {}

    def _with_new_habit(self, errors: dict[str, str]) -> tuple[Habit, ...] | None:
        """The habits with the one typed added ('walk 2': twice a day), or None."""
        words = self.query_one("#new_habit", Input).value.split()
        if not words:
            return None
        target = 1
        if len(words) > 1 and words[-1].isdigit():
            target = int(words.pop())
        scored = self.query_one("#new_habit_score", Checkbox).value
        try:
            return self.settings.with_habit(Habit(" ".join(words), target, scored)).habits
        except InvalidEntry as exc:
            errors["habit"] = exc.message
            return None
