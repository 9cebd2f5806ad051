"""The daily checklist from the source articles, scored from a day log. Pure.

Four items: water (2 L with electrolytes), coffee (at most one cup, before
noon), a magnesium/potassium snack (almonds or a banana), and an early night
(an hour before the usual bedtime). Targets come from ``Settings``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from .model import DayLog, Settings

ITEMS: tuple[str, ...] = ("water", "coffee", "snack", "bed")


@dataclass(frozen=True, slots=True)
class Item:
    key: str
    label: str
    done: bool
    detail: str
    warning: str = ""


def _night_minutes(moment: time) -> int:
    """Minutes since noon, so that 00:30 sorts after 23:30 at bedtime."""
    minutes = moment.hour * 60 + moment.minute
    return minutes - 12 * 60 if minutes >= 12 * 60 else minutes + 12 * 60


def bedtime_met(actual: time, target: time) -> bool:
    return _night_minutes(actual) <= _night_minutes(target)


def coffee_problem(cups: tuple[datetime, ...], settings: Settings) -> str:
    """Why the coffee rule is broken, or "" when it is kept."""
    late = [c for c in cups if c.hour >= settings.coffee_cutoff_hour]
    reasons = []
    if len(cups) > settings.coffee_limit:
        limit = settings.coffee_limit
        reasons.append(f"{len(cups)} cups, the limit is {limit}")
    if late:
        times = ", ".join(c.strftime("%H:%M") for c in late)
        reasons.append(f"after the {settings.coffee_cutoff_hour:02d}:00 cut-off ({times})")
    return "; ".join(reasons)


def items(log: DayLog, settings: Settings) -> list[Item]:
    glasses = log.water_ml / settings.glass_ml
    salts = " + electrolytes" if log.electrolytes else ""
    problem = coffee_problem(log.coffees, settings)
    cup_times = ", ".join(c.strftime("%H:%M") for c in log.coffees) or "none yet"
    target_bed = settings.target_bedtime.strftime("%H:%M")
    if log.bedtime is None:
        bed_done, bed_detail = False, f"aim for {target_bed}"
    else:
        bed_done = bedtime_met(log.bedtime, settings.target_bedtime)
        bed_detail = f"{log.bedtime:%H:%M} (aim {target_bed})"
    return [
        Item(
            "water",
            "Water",
            log.water_ml >= settings.water_target_ml,
            f"{log.water_ml} / {settings.water_target_ml} ml ({glasses:g} glasses){salts}",
        ),
        Item("coffee", "Coffee", not problem, f"cups: {cup_times}", problem),
        Item("snack", "Almonds or banana", log.snack, "eaten" if log.snack else "not yet"),
        Item("bed", "Early night", bed_done, bed_detail),
    ]


def score(log: DayLog, settings: Settings) -> tuple[int, int]:
    """How many of the four items are done, and out of how many."""
    done = items(log, settings)
    return sum(item.done for item in done), len(done)
