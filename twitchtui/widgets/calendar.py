"""A month as a heatmap: twitches per day as shade, checklist ticks as n/m."""

from __future__ import annotations

from datetime import date, timedelta

from textual.color import Color
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from ..views import Month

WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
CELL = 7
"""Columns per day: " 18    " above " 3 2/4 "."""


def shade(count: int, peak: int) -> float:
    """0 for no twitch, up to 0.85 for the month's busiest day."""
    if not count or not peak:
        return 0.0
    return 0.25 + 0.6 * count / peak


class MonthGrid(Widget, can_focus=False):
    """Seven columns, Monday first; the chosen day is shown reversed."""

    DEFAULT_CSS = "MonthGrid { height: auto; width: auto; }"

    month: reactive[Month | None] = reactive(None, layout=True)
    chosen: reactive[date | None] = reactive(None)

    def render(self) -> Content:
        month = self.month
        if month is None:
            return Content("Reading the month…")
        variables = self.app.theme_variables
        base = Color.parse(variables.get("surface", "#1e1e1e"))
        heat = Color.parse(variables.get("error", "#ff5555"))
        peak = max(month.counts.values(), default=0)
        head = Content(
            "".join(f"{name:^{CELL}}" for name in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"))
        )
        lines = [Content.from_markup("[b]$h[/b]", h=head.plain)]
        day = month.first - timedelta(days=month.first.weekday())
        while day <= month.last:
            top, bottom = [], []
            for _ in range(7):
                top_text, bottom_text = self._cell(day, month)
                style = ""
                if month.first <= day <= month.last:
                    level = shade(month.counts.get(day, 0), peak)
                    if level:
                        style = f"on {base.blend(heat, level).hex}"
                    if day == self.chosen:
                        style = "reverse bold"
                top.append(Content.styled(top_text, style) if style else Content(top_text))
                bottom.append(Content.styled(bottom_text, style) if style else Content(bottom_text))
                day += timedelta(days=1)
            lines.append(Content("").join(top))
            lines.append(Content("").join(bottom))
        return Content("\n").join(lines)

    @staticmethod
    def _cell(day: date, month: Month) -> tuple[str, str]:
        if not month.first <= day <= month.last:
            return " " * CELL, " " * CELL
        if day > month.today:
            return f" {day.day:>2}".ljust(CELL), " " * CELL
        if day not in month.counts:  # before the diary began
            return f" {day.day:>2}".ljust(CELL), " " * CELL
        done = month.ticks.get(day)
        tick = f"{done[0]}/{done[1]}" if done else ""
        return f" {day.day:>2}".ljust(CELL), f" {month.counts[day]:>2} {tick}"[:CELL].ljust(CELL)
