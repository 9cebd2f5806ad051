"""Insights: how the checklist habits and one's own habits line up with the
twitch counts, each with the number of days behind it. Pure.

A comparison is an association over the person's own days, never a cause;
below seven days on either side it is not made at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from . import checklist
from .humanize import plural
from .model import DayLog, Settings, Twitch, days_between
from .stats import day_counts, trigger_counts

# ---------------------------------------------------------------- habits

HABITS: dict[str, str] = {
    "water": "water target met",
    "coffee": "coffee rule kept",
    "snack": "almonds or banana",
    "bed": "early night",
}


def habit_days(
    logs: dict[date, DayLog], settings: Settings, first: date, last: date
) -> dict[str, list[bool | None]]:
    """Per habit, per day: kept (True), missed (False), or nothing logged (None).
    The person's own habits follow the four, keyed ``habit:NAME``; before the
    first day a habit was ever ticked, it was not yet a habit (None)."""
    keys = [*HABITS, *(checklist.habit_key(h.name) for h in settings.habits)]
    began = own_habit_starts(logs, settings)
    out: dict[str, list[bool | None]] = {key: [] for key in keys}
    for day in days_between(first, last):
        log = logs.get(day)
        if log is None or log.is_empty:
            for key in keys:
                out[key].append(None)
            continue
        # Coffee has an answer of its own (a cup, or "no coffee today"):
        # without one the day says nothing about the coffee rule.
        done: dict[str, bool | None] = {
            item.key: item.done if item.answered or item.key != "coffee" else None
            for item in checklist.items(log, settings)
        }
        done.update({i.key: i.done for i in checklist.own_items(log, settings)})
        for key in keys:
            start = began.get(key)
            out[key].append(None if start is not None and day < start else done[key])
    return out


def own_habit_starts(logs: dict[date, DayLog], settings: Settings) -> dict[str, date]:
    """The first day each of the person's own habits was ticked (the far
    future if never: no day counts as missed before a habit began)."""
    out = {}
    for habit in settings.habits:
        ticked = [day for day, log in logs.items() if log.habit_count(habit.name)]
        out[checklist.habit_key(habit.name)] = min(ticked) if ticked else date.max
    return out


def habit_label(key: str) -> str:
    return HABITS.get(key) or key.removeprefix("habit:")


# ---------------------------------------------------------------- insights

MIN_DAYS = 7
"""Fewer days than this on either side of a comparison: "not enough data"."""
ASSOCIATION = "These comparisons show what went together in your diary, not what caused what."


@dataclass(frozen=True, slots=True)
class Comparison:
    """Average twitches on days with a condition against days without it."""

    key: str
    phrase: str
    lag: int
    with_days: int
    without_days: int
    with_avg: float
    without_avg: float

    @property
    def enough(self) -> bool:
        return self.with_days >= MIN_DAYS and self.without_days >= MIN_DAYS

    @property
    def ratio(self) -> float | None:
        if not self.enough or self.without_avg == 0:
            return None
        return self.with_avg / self.without_avg

    def sentence(self) -> str:
        when = f"the day after {self.phrase}" if self.lag else f"days {self.phrase}"
        counts = f"{plural(self.with_days, 'day')} vs {plural(self.without_days, 'day')}"
        if not self.enough:
            return f"On {when}: not enough data yet ({counts}; {MIN_DAYS} of each are needed)."
        if self.ratio is None:
            return (
                f"On {when} you logged {self.with_avg:.1f} twitches a day, against none "
                f"on the other days ({counts})."
            )
        if abs(self.ratio - 1) < 0.1:
            return f"On {when} you logged about as many twitches as on other days ({counts})."
        return f"On {when} you logged {how_many(self.ratio)} twitches ({counts})."


def how_many(ratio: float) -> str:
    """ "2.1× as many" above one; "23% fewer" below it (never "1.3× fewer")."""
    if ratio >= 1:
        return f"{ratio:.1f}× as many"
    return f"{(1 - ratio) * 100:.0f}% fewer"


def _conditions(settings: Settings) -> list[tuple[str, str, object]]:
    """(key, phrase, test) where test(log) is True, False, or None (not logged).

    A habit counts only on days it was logged: no cup recorded is not "the
    coffee rule kept", and no water recorded is not "the water target missed".
    """

    def coffee(log: DayLog) -> bool | None:
        if not log.coffees:
            return False if log.no_coffee else None  # "no coffee today" keeps the rule
        return bool(checklist.coffee_problem(log.coffees, settings, log.day))

    return [
        ("coffee", "you broke the coffee rule", coffee),
        (
            "water",
            "you missed the water target",
            lambda log: None if not log.water_ml else log.water_ml < settings.water_target_ml,
        ),
        ("alcohol", "you drank alcohol", lambda log: log.alcohol),
        ("nicotine", "you had nicotine", lambda log: log.nicotine),
        (
            "screen",
            "you spent 6 hours or more at a screen",
            lambda log: None if log.screen_h is None else log.screen_h >= 6,
        ),
        (
            "sleep",
            "you slept under 6 hours",
            lambda log: None if log.sleep_h is None else log.sleep_h < 6,
        ),
        (
            "stress",
            "your stress was 4 or more",
            lambda log: None if log.stress is None else log.stress >= 4,
        ),
        *(
            (
                checklist.habit_key(habit.name),
                f"you did not keep your habit {habit.name!r}",
                lambda log, habit=habit: log.habit_count(habit.name) < habit.target,
            )
            for habit in settings.habits
        ),
    ]


def _compare(
    key: str,
    phrase: str,
    lag: int,
    flags: dict[date, bool],
    counts: dict[date, int],
    logged: set[date] | None = None,
) -> Comparison:
    with_: list[int] = []
    without: list[int] = []
    for day, flag in flags.items():
        target = day + timedelta(days=lag)
        if target not in counts or (logged is not None and target not in logged):
            continue  # a day with no diary is not a day of no twitches
        (with_ if flag else without).append(counts[target])
    return Comparison(
        key=key,
        phrase=phrase,
        lag=lag,
        with_days=len(with_),
        without_days=len(without),
        with_avg=sum(with_) / len(with_) if with_ else 0.0,
        without_avg=sum(without) / len(without) if without else 0.0,
    )


def insights(
    twitches: list[Twitch],
    logs: dict[date, DayLog],
    settings: Settings,
    first: date,
    last: date,
    logged: set[date] | None = None,
) -> list[Comparison]:
    """Habit comparisons (same day and next day) and trigger-tag comparisons;
    ``logged``: the diary days (None: every day of the range).

    ``last`` should be yesterday: today is not over, so its count would pull
    every average down.
    """
    per_day = day_counts(twitches, settings.day_start_hour)
    return compare_days(per_day, logs, settings, first, last, logged)


def compare_days(
    per_day: Mapping[date, int],
    logs: dict[date, DayLog],
    settings: Settings,
    first: date,
    last: date,
    logged: set[date] | None = None,
) -> list[Comparison]:
    """``insights`` from the twitch count of each diary day (a day not in
    ``per_day`` had none)."""
    counts = {day: per_day.get(day, 0) for day in days_between(first, last)}
    out: list[Comparison] = []
    began = own_habit_starts(logs, settings)
    for key, phrase, test in _conditions(settings):
        flags: dict[date, bool] = {}
        for day in counts:
            log = logs.get(day)
            if log is None or log.is_empty or day < began.get(key, date.min):
                continue
            value = test(log)  # type: ignore[operator]
            if value is not None:
                flags[day] = value
        out.append(_compare(key, phrase, 0, flags, counts, logged))
        out.append(_compare(key, phrase, 1, flags, counts, logged))
    # Trigger tags live on twitches, so a busy day collects more of them: a
    # count per tagged day would find a "link" in pure noise. Day-level
    # exposures come from the check-in (alcohol, nicotine, screen hours) and
    # the coffee log instead; tags are only counted (``tag_shares``).
    return out


def tag_shares(twitches: list[Twitch]) -> str | None:
    """How often each trigger tag was put on a twitch: a count, not a comparison."""
    return tag_line(trigger_counts(twitches), len(twitches))


def tag_line(tags: list[tuple[str, int]], total: int) -> str | None:
    """``tag_shares`` from the tags' counts (most used first) among ``total`` twitches."""
    if not tags:
        return None
    listed = ", ".join(f"{tag} on {n} of {total}" for tag, n in tags[:4])
    return f"Triggers you tagged: {listed} twitches (tags are counted, not compared)."


def one_per_habit(comparisons: list[Comparison]) -> list[Comparison]:
    """For each habit, one comparison with enough days: the same-day or the
    next-day one, whichever has more days behind it (the same day on a tie),
    so that two lines about one habit never seem to contradict each other."""
    best: dict[str, Comparison] = {}
    for c in comparisons:
        if not c.enough or c.ratio is None:
            continue
        kept = best.get(c.key)
        if kept is None or c.with_days + c.without_days > kept.with_days + kept.without_days:
            best[c.key] = c
    return list(best.values())


def insight_sentences(
    twitches: list[Twitch],
    logs: dict[date, DayLog],
    settings: Settings,
    first: date,
    last: date,
    logged: set[date] | None = None,
) -> list[str]:
    """The insight lines for the charts pane: one comparison per habit with
    enough days (largest difference first), then those still gathering days,
    the tag counts, and the association-not-cause line when any comparison
    shows. ``logged``: the diary days; the others are left out."""
    per_day = day_counts(twitches, settings.day_start_hour)
    tags = trigger_counts(twitches)
    return sentences_of(per_day, tags, len(twitches), logs, settings, first, last, logged)


def sentences_of(
    per_day: Mapping[date, int],
    tags: list[tuple[str, int]],
    total: int,
    logs: dict[date, DayLog],
    settings: Settings,
    first: date,
    last: date,
    logged: set[date] | None = None,
) -> list[str]:
    """``insight_sentences`` from counts: the twitches of each diary day, the
    tags' counts (most used first) and how many twitches there were."""
    yesterday = last - timedelta(days=1)  # today is not over: it is not compared
    comparisons = (
        compare_days(per_day, logs, settings, first, yesterday, logged)
        if yesterday >= first
        else []
    )
    ready = sorted(
        one_per_habit(comparisons),
        key=lambda c: -abs(c.ratio - 1),  # type: ignore[operator]
    )
    waiting = [c for c in comparisons if not c.enough and c.lag == 0]
    sentences = [c.sentence() for c in ready] + [c.sentence() for c in waiting]
    if line := tag_line(tags, total):
        sentences.append(line)
    if ready:
        sentences.append(ASSOCIATION)
    return sentences
