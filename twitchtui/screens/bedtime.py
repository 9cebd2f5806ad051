"""The bed form: the bedtime of one night, worded for the time of day.

A bedtime still to come is refused (it is entered once the person has gone
to bed), and a form that would replace one recorded earlier says so. An
empty field takes a recorded bedtime off; with none recorded it is refused
(the placeholder, the aim, is only a hint: saving it said "Saved" and kept
nothing).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget
from textual.widgets import Input, Static

from ..model import Clock, DayLog, InvalidEntry, parse_hhmm
from ..session import bedtime_question, bedtime_refusal
from .form import FormScreen


class BedtimeForm(FormScreen[dict[str, object]]):
    TITLE = "Early night"

    def __init__(self, log: DayLog, clock: Clock, aim: str = "22:30") -> None:
        super().__init__()
        self.day_log = log
        self.clock = clock
        self.aim = aim
        """The target bedtime, shown as the field's placeholder."""

    def fields(self) -> Iterable[Widget]:
        earlier = self.day_log.bedtime
        current = f"{earlier:%H:%M}" if earlier else ""
        yield from self.field(
            bedtime_question(self.day_log.day, self.clock()),
            Input(current, placeholder=self.aim, id="bedtime"),
            "bedtime",
        )
        if earlier is not None:
            yield Static(
                f"{earlier:%H:%M} is recorded for this night: saving another time replaces it.",
                id="bedtime-replaces",
                classes="form-hint",
            )

    def collect(self) -> tuple[dict[str, object] | None, dict[str, str]]:
        text = self.query_one("#bedtime", Input).value.strip()
        if not text and self.day_log.bedtime is None:
            return None, {"bedtime": f"type the time you went to bed, such as {self.aim}"}
        try:
            bedtime = parse_hhmm("bedtime", text) if text else None
        except InvalidEntry as exc:
            return None, {"bedtime": exc.message}
        if bedtime is not None and (
            why := bedtime_refusal(self.day_log.day, bedtime, self.clock())
        ):
            return None, {"bedtime": why}
        return {"bedtime": bedtime}, {}
