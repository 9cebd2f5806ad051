"""The twitch details form: site, side, intensity, duration, when, note, triggers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList

from ..model import SIDES, SITES, TRIGGERS, Clock, InvalidEntry, Twitch, parse_hhmm
from ..when import parse_when
from .form import FormScreen, FormSelectionList


class TwitchForm(FormScreen[Twitch]):
    """Log a twitch with details, or edit one."""

    TITLE = "Twitch details"

    def __init__(
        self, base: Twitch, clock: Clock, *, editing: bool = False, past_day: bool = False
    ) -> None:
        """``past_day``: log on ``base.at``'s date (a day gone by), so "when"
        is a time on that day, never "now"."""
        super().__init__()
        self.base = base
        self.clock = clock
        self.editing = editing
        self.past_day = past_day
        self._heading = self.TITLE or ""
        if editing:
            self._heading = f"Edit the twitch of {base.at:%a %d %b %H:%M}"
        elif past_day:
            self._heading = f"Log a twitch on {base.at:%a %d %b}"
            self.first_field = "#at"  # the time is what a past day needs first

    @property
    def heading(self) -> str:
        return self._heading

    def fields(self) -> Iterable[Widget]:
        b = self.base
        yield from self.field("Site", self.choice(SITES, b.site, "site"), "site")
        yield from self.field("Side", self.choice(SIDES, b.side, "side"), "side")
        yield from self.field(
            "Intensity, 1 (barely) to 5 (strong)",
            Input(_shown(b.intensity), placeholder="not given", id="intensity"),
            "intensity",
        )
        yield from self.field(
            "Duration in seconds",
            Input(_shown(b.duration_s), placeholder="not given", id="duration"),
            "duration",
        )
        if self.past_day:
            label, when = f"Time on {b.at:%a %d %b} (HH:MM)", f"{b.at:%H:%M}"
        else:
            label = "When: now, minutes ago (15), or a time (14:05)"
            when = f"{b.at:%H:%M}" if self.editing else "now"
        yield from self.field(label, Input(when, id="at"), "at")
        yield from self.field("Note", Input(b.note, placeholder="optional", id="note"), "note")
        choices = FormSelectionList[str](
            *[(tag, tag, tag in b.triggers) for tag in TRIGGERS], id="triggers"
        )
        yield from self.field("Possible triggers (space to tick)", choices, "triggers")
        own = ", ".join(t for t in b.triggers if t not in TRIGGERS)
        yield from self.field(
            "Other triggers, separated by commas",
            Input(own, placeholder="e.g. long drive", id="free-tags"),
            "free-tags",
        )

    def collect(self) -> tuple[Twitch | None, dict[str, str]]:
        now = self.clock()
        errors: dict[str, str] = {}
        values: dict[str, Any] = {  # each checked by the Twitch it makes
            "site": self.query_one("#site", Select).value,
            "side": self.query_one("#side", Select).value,
            "intensity": self.query_one("#intensity", Input).value,
            "duration_s": self.query_one("#duration", Input).value,
            "note": self.query_one("#note", Input).value,
        }
        text = self.query_one("#at", Input).value
        try:
            if self.past_day:
                parse_hhmm("at", text)  # a time on that day; "now" or "15" would be today
            values["at"] = parse_when(text, self.base.at, now)
        except InvalidEntry as exc:
            errors["at"] = exc.message
        ticked = list(self.query_one("#triggers", SelectionList).selected)
        free = [t for t in self.query_one("#free-tags", Input).value.split(",") if t.strip()]
        values["triggers"] = tuple(ticked + free)
        # Validate each field on its own so that every wrong field gets its message.
        for name, value in values.items():
            try:
                replace(self.base, **{name: value}).validated(now)
            except InvalidEntry as exc:
                key = "free-tags" if exc.field == "triggers" else exc.field
                errors.setdefault(key, exc.message)
        if errors:
            return None, errors
        return replace(self.base, **values).validated(now), {}


def _shown(value: int | None) -> str:
    """A number in its field; empty when it was not given."""
    return "" if value is None else str(value)
