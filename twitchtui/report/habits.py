"""The report's daily checklist and check-in: each day's habits against the targets."""

from __future__ import annotations

from datetime import date

from .. import checklist
from ..model import DayLog, Settings
from .blocks import Section, Table

HEADER = (
    "day",
    "twitches",
    "water ml",
    "coffee",
    "snack",
    "bed",
    "stress",
    "sleep h",
    "alcohol",
    "nicotine",
    "screen h",
    "food",
)


def daily_habits(
    settings: Settings,
    logs: dict[date, DayLog],
    days: list[date],
    counts: list[int],
    today: date | None = None,
) -> Section:
    """One row per day with anything in its log, beside that day's twitch
    count; ``today``, not over, is marked so (its figures are so far)."""
    habits = Section("Daily checklist and check-in", key="checklist")
    habits.blocks.append(
        f"Targets: water {settings.water_target_ml} ml; at most {settings.coffee_limit} "
        f"coffee before {settings.coffee_cutoff_hour:02d}:00; almonds or a banana; bed by "
        f"{settings.target_bedtime:%H:%M}."
    )
    kept = [
        (day, count, log)
        for day, count in zip(days, counts, strict=True)
        if (log := logs.get(day)) is not None and not log.is_empty
    ]
    # A habit removed since keeps its ticks (the settings say so), so the
    # column is there whenever a day of the period has one.
    with_own = bool(settings.habits) or any(_ticked(log) for _, _, log in kept)
    rows = [_row(day, count, log, settings, with_own, today) for day, count, log in kept]
    own = ["own habits"] if with_own else []
    habits.blocks.append(
        Table((*HEADER, *own), rows)
        if rows
        else "Nothing was recorded in the checklist in this period."
    )
    habits.blocks.append(
        "'+e': electrolytes added. '!': the coffee rule was broken that day. Coffee lists "
        "each cup's time (the caffeine logged), or 'none' when no coffee was ticked; "
        "a snack or a habit shows only when ticked; empty cells were not logged."
    )
    return habits


def _ticked(log: DayLog) -> bool:
    return any(count > 0 for count in log.habits.values())


def _row(
    day: date, count: int, log: DayLog, settings: Settings, with_own: bool, today: date | None
) -> tuple[str, ...]:
    done = {i.key: i for i in checklist.items(log, settings, past=True)}
    return (
        f"{day:%d %b}" + (" (today, so far)" if day == today else ""),
        str(count),
        # Nothing logged is an empty cell, never a 0 or a "no" the person did not say.
        (f"{log.water_ml}" if log.water_ml else "") + (" +e" if log.electrolytes else ""),
        (", ".join(f"{c:%H:%M}" for c in log.coffees) or ("none" if log.no_coffee else ""))
        + (" !" if done["coffee"].warning else ""),
        (log.snack_food or "yes") if log.snack else "",
        f"{log.bedtime:%H:%M}" if log.bedtime else "",
        str(log.stress or ""),
        f"{log.sleep_h:g}" if log.sleep_h is not None else "",
        _yes_no(log.alcohol),
        _yes_no(log.nicotine),
        f"{log.screen_h:g}" if log.screen_h is not None else "",
        log.food,
        *([_own_habits(log, settings)] if with_own else []),
    )


def _own_habits(log: DayLog, settings: Settings) -> str:
    out = []
    current = {habit.name.lower() for habit in settings.habits}
    for habit in settings.habits:
        count = log.habit_count(habit.name)
        if not count:
            continue  # not ticked: not logged, so not said
        out.append(habit.name if habit.target == 1 else f"{habit.name} {count}/{habit.target}")
    removed: dict[str, tuple[str, int]] = {}  # one habit whatever its spellings
    for name, count in sorted(log.habits.items()):
        if count > 0 and name.lower() not in current:  # removed since: its target is gone too
            shown, total = removed.get(name.lower(), (name, 0))
            removed[name.lower()] = (shown, total + count)
    out.extend(f"{name} ({count}, a habit removed since)" for name, count in removed.values())
    return "; ".join(out)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")
