"""The daily checklist from the source articles, scored from a day log. Pure.

Four items: water (2 L with electrolytes), coffee (at most one cup, before
noon), a magnesium/potassium snack (almonds or a banana), and an early night
(an hour before the usual bedtime). Targets come from ``Settings``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from .humanize import glasses
from .model import DayLog, Settings


@dataclass(frozen=True, slots=True)
class Item:
    key: str
    label: str
    done: bool
    detail: str
    warning: str = ""
    scored: bool = True
    """Counted in the day's score (the person's own habits only if they chose so)."""
    answered: bool = False
    """Something was recorded for it that day. Nothing is kept without an
    answer: ``done`` implies ``answered``."""


def habit_key(name: str) -> str:
    return f"habit:{name}"


def own_items(log: DayLog, settings: Settings, *, past: bool = False) -> list[Item]:
    """The person's own habits for a day, after the four seed items; ``past``
    words what is missing for a day gone by."""
    out = []
    for habit in settings.habits:
        count = log.habit_count(habit.name)
        if habit.target == 1:
            detail = "done" if count else ("not done" if past else "not yet")
        else:
            detail = f"{count} / {habit.target}"
        out.append(
            Item(
                habit_key(habit.name),
                habit.name,
                count >= habit.target,
                detail,
                "",
                habit.in_score,
                answered=count > 0,
            )
        )
    return out


def tally(items: list[Item]) -> tuple[int, int]:
    """Done and total among the scored items."""
    scored = [item for item in items if item.scored]
    return sum(item.done for item in scored), len(scored)


def answered(items: list[Item]) -> int:
    """How many of the scored items were answered at all that day."""
    return sum(item.answered for item in items if item.scored)


def _night_minutes(moment: time) -> int:
    """Minutes since noon, so that 00:30 sorts after 23:30 at bedtime."""
    minutes = moment.hour * 60 + moment.minute
    return minutes - 12 * 60 if minutes >= 12 * 60 else minutes + 12 * 60


def bedtime_met(actual: time, target: time) -> bool:
    return _night_minutes(actual) <= _night_minutes(target)


def coffee_problem(cups: tuple[datetime, ...], settings: Settings, day: date | None = None) -> str:
    """Why the coffee rule is broken, or "" when it is kept.

    A cup is late from the cut-off hour of the diary day ``day`` it belongs
    to: with a day start of 03:00, a cup at 01:30 still counts for the day
    before, and is well past that day's noon.
    """

    def late_cup(cup: datetime) -> bool:
        if day is None:
            return cup.hour >= settings.coffee_cutoff_hour
        cutoff = datetime.combine(day, time(settings.coffee_cutoff_hour), tzinfo=cup.tzinfo)
        return cup >= cutoff

    late = [c for c in cups if late_cup(c)]
    reasons = []
    if len(cups) > settings.coffee_limit:
        limit = settings.coffee_limit
        reasons.append(f"{len(cups)} cups, the limit is {limit}")
    if late:
        times = ", ".join(c.strftime("%H:%M") for c in late)
        reasons.append(f"after the {settings.coffee_cutoff_hour:02d}:00 cut-off ({times})")
    return "; ".join(reasons)


def items(log: DayLog, settings: Settings, *, past: bool = False) -> list[Item]:
    """The four items for a day; ``past`` words what is missing for a day gone by."""
    salts = " + electrolytes" if log.electrolytes else ""
    problem = coffee_problem(log.coffees, settings, log.day)
    coffee_answered = bool(log.coffees) or log.no_coffee
    if log.coffees:
        cups = "cups: " + ", ".join(c.strftime("%H:%M") for c in log.coffees)
    elif log.no_coffee:
        cups = "none: no coffee this day"
    else:
        cups = "not recorded" if past else "not answered yet (c a cup, 0 none today)"
    target_bed = settings.target_bedtime.strftime("%H:%M")
    if log.bedtime is None:
        bed_done = False
        bed_detail = f"not recorded (aim {target_bed})" if past else f"aim for {target_bed}"
    else:
        bed_done = bedtime_met(log.bedtime, settings.target_bedtime)
        bed_detail = f"{log.bedtime:%H:%M} (aim {target_bed})"
    return [
        Item(
            "water",
            "Water",
            log.water_ml >= settings.water_target_ml,
            f"{log.water_ml} / {settings.water_target_ml} ml "
            f"({glasses(log.water_ml, settings.glass_ml)}){salts}",
            answered=log.water_ml > 0,
        ),
        Item(
            "coffee",
            "Coffee",
            coffee_answered and not problem,
            cups,
            problem,
            answered=coffee_answered,
        ),
        Item(
            "snack",
            "Almonds or banana",
            log.snack,
            (f"eaten: {log.snack_food}" if log.snack_food else "eaten")
            if log.snack
            else ("not eaten" if past else "not yet"),
            answered=log.snack,
        ),
        Item("bed", "Early night", bed_done, bed_detail, answered=log.bedtime is not None),
    ]


def all_items(log: DayLog, settings: Settings, *, past: bool = False) -> list[Item]:
    """The four items, then the person's own habits (``tally`` and
    ``answered`` count the scored ones among them)."""
    return items(log, settings, past=past) + own_items(log, settings, past=past)


def score(log: DayLog, settings: Settings) -> tuple[int, int]:
    """How many of the scored items are done (the four, plus the person's own
    habits they chose to count), and out of how many. An item counts only
    when it was answered that day: a day with nothing recorded scores 0."""
    return tally(all_items(log, settings))


# ---------------------------------------------------------------- edits
# The same small changes serve the dashboard keys and the shell commands.


def add_water(log: DayLog, ml: int) -> DayLog:
    return replace(log, water_ml=max(0, log.water_ml + ml))


def toggle_electrolytes(log: DayLog) -> DayLog:
    return replace(log, electrolytes=not log.electrolytes)


def checkin_state(log: DayLog) -> str:
    """The daily check-in: "done" (stress, sleep and food all given),
    "half" (some of them) or "" (none)."""
    given = [log.stress is not None, log.sleep_h is not None, bool(log.food)]
    return "done" if all(given) else "half" if any(given) else ""


def add_coffee(log: DayLog, at: datetime) -> DayLog:
    """One more cup; a "no coffee today" said before no longer holds."""
    return replace(log, coffees=(*log.coffees, at), no_coffee=False)


def remove_last_coffee(log: DayLog) -> DayLog:
    return replace(log, coffees=log.coffees[:-1])


def tick_habit(log: DayLog, name: str, times: int) -> DayLog:
    """``times`` more ticks of one of the person's own habits (never below
    none; a habit at none is not kept in the log)."""
    habits = dict(log.habits)
    if times >= 0:
        habits[name] = habits.get(name, 0) + times
    else:
        # Ticks kept under another letter case are the same habit's. Each
        # spelling keeps its own count (the store merges a day's counts name
        # by name across machines, so moving ticks between names would count
        # them twice): take back from this name first, then from the others.
        left = -times
        for key in sorted(habits, key=lambda k: (k != name, k)):
            if left and key.lower() == name.lower():
                taken = min(left, habits[key])
                habits[key] -= taken
                left -= taken
    return replace(log, habits={k: v for k, v in habits.items() if v > 0})


FOODS: tuple[str, ...] = ("almonds", "banana", "spinach", "black beans", "dark chocolate")
"""Magnesium or potassium foods offered for the snack (any other may be typed)."""


def set_snack(log: DayLog, eaten: bool, food: str = "") -> DayLog:
    return replace(log, snack=eaten, snack_food=food if eaten else "")


def set_bedtime(log: DayLog, bedtime: time | None) -> DayLog:
    return replace(log, bedtime=bedtime)


# ---------------------------------------------------------------- stimulant pause

PAUSE_HOURS = 48


@dataclass(frozen=True, slots=True)
class Pause:
    """A 48-hour break from coffee, as the second source article suggests."""

    started: datetime
    now: datetime
    broken_by: datetime | None = None

    @property
    def hours_left(self) -> float:
        return max(0.0, PAUSE_HOURS - (self.now - self.started).total_seconds() / 3600)

    @property
    def text(self) -> str:
        if self.broken_by is not None:
            return f"Stimulant pause: a cup at {self.broken_by:%a %H:%M} ended it (p restarts)"
        if self.hours_left <= 0:
            return f"Stimulant pause: done, {PAUSE_HOURS} h without coffee"
        return f"Stimulant pause: {self.hours_left:.0f} h to go"


def pause_state(started: datetime | None, cups: list[datetime], now: datetime) -> Pause | None:
    if started is None:
        return None
    during = sorted(c for c in cups if started <= c <= started + timedelta(hours=PAUSE_HOURS))
    return Pause(started, now, during[0] if during else None)
