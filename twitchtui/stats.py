"""Aggregations for the charts, the insights and the doctor's report. Pure.

Everything takes plain lists of ``Twitch`` and ``DayLog`` plus the dates it
should cover, and returns plain numbers; nothing here reads a clock or a file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from . import checklist
from .humanize import plural
from .model import SIDES, SITES, DayLog, Settings, Twitch, days_between


def per_day(
    twitches: Iterable[Twitch], first: date, last: date, day_start_hour: int = 0
) -> list[int]:
    """Twitch counts for every day from ``first`` to ``last`` (zeros included)."""
    counts = Counter(t.day(day_start_hour) for t in twitches)
    return [counts.get(day, 0) for day in days_between(first, last)]


def moving_average(values: list[float], window: int = 7) -> list[float]:
    """Trailing average over up to ``window`` values (shorter at the start)."""
    out: list[float] = []
    total = 0.0
    for i, value in enumerate(values):
        total += value
        if i >= window:
            total -= values[i - window]
        out.append(total / min(i + 1, window))
    return out


def by_hour(twitches: Iterable[Twitch]) -> list[int]:
    """How many twitches fell in each hour of the day, 0 to 23."""
    counts = [0] * 24
    for t in twitches:
        counts[t.at.hour] += 1
    return counts


def by_site_side(twitches: Iterable[Twitch]) -> dict[str, dict[str, int]]:
    """Counts per site, split by side; every site and side is present."""
    table = {site: dict.fromkeys(SIDES, 0) for site in SITES}
    for t in twitches:
        table[t.site][t.side] += 1
    return table


def first_seen(twitches: Iterable[Twitch], day_start_hour: int = 0) -> dict[tuple[str, str], date]:
    """The first diary day each (site, side) appeared, in order of appearance."""
    seen: dict[tuple[str, str], date] = {}
    for t in sorted(twitches, key=lambda t: t.at):
        seen.setdefault((t.site, t.side), t.day(day_start_hour))
    return seen


@dataclass(frozen=True, slots=True)
class Episode:
    """A run of twitching: twitch days with no twitch-free week between them."""

    start: date
    end: date
    twitch_days: int
    count: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def episodes(twitches: Iterable[Twitch], day_start_hour: int = 0, gap: int = 7) -> list[Episode]:
    """Every run of twitching, oldest first; ``gap`` twitch-free days end a run."""
    counts: dict[date, int] = {}
    for t in twitches:
        day = t.day(day_start_hour)
        counts[day] = counts.get(day, 0) + 1
    out: list[Episode] = []
    run: list[date] = []
    for day in sorted(counts):
        if run and (day - run[-1]).days - 1 >= gap:
            out.append(Episode(run[0], run[-1], len(run), sum(counts[d] for d in run)))
            run = []
        run.append(day)
    if run:
        out.append(Episode(run[0], run[-1], len(run), sum(counts[d] for d in run)))
    return out


@dataclass(frozen=True, slots=True)
class Summary:
    count: int
    days: int
    days_with: int
    mean_intensity: float | None
    max_intensity: int | None
    median_duration: float | None
    max_duration: int | None

    @property
    def per_day(self) -> float:
        return self.count / self.days if self.days else 0.0

    @property
    def free_days(self) -> int:
        return self.days - self.days_with


def summary(twitches: list[Twitch], first: date, last: date, day_start_hour: int = 0) -> Summary:
    inside = [t for t in twitches if first <= t.day(day_start_hour) <= last]
    days = (last - first).days + 1
    with_twitch = {t.day(day_start_hour) for t in inside}
    return Summary(
        count=len(inside),
        days=days,
        days_with=len(with_twitch),
        mean_intensity=sum(t.intensity for t in inside) / len(inside) if inside else None,
        max_intensity=max((t.intensity for t in inside), default=None),
        median_duration=median(t.duration_s for t in inside) if inside else None,
        max_duration=max((t.duration_s for t in inside), default=None),
    )


def trigger_counts(twitches: Iterable[Twitch]) -> list[tuple[str, int]]:
    counts = Counter(tag for t in twitches for tag in t.triggers)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


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
        done = {item.key: item.done for item in checklist.items(log, settings)}
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
        ticked = [day for day, log in logs.items() if log.habits.get(habit.name)]
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
            return None
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
                lambda log, habit=habit: log.habits.get(habit.name, 0) < habit.target,
            )
            for habit in settings.habits
        ),
    ]


def _compare(
    key: str, phrase: str, lag: int, flags: dict[date, bool], counts: dict[date, int]
) -> Comparison:
    with_, without = [], []
    for day, flag in flags.items():
        target = day + timedelta(days=lag)
        if target not in counts:
            continue
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
) -> list[Comparison]:
    """Habit comparisons (same day and next day) and trigger-tag comparisons.

    ``last`` should be yesterday: today is not over, so its count would pull
    every average down.
    """
    h = settings.day_start_hour
    counts = dict(zip(days_between(first, last), per_day(twitches, first, last, h), strict=True))
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
        out.append(_compare(key, phrase, 0, flags, counts))
        out.append(_compare(key, phrase, 1, flags, counts))
    # Trigger tags live on twitches, so a busy day collects more of them: a
    # count per tagged day would find a "link" in pure noise. Day-level
    # exposures come from the check-in (alcohol, nicotine, screen hours) and
    # the coffee log instead; tags are only counted (``tag_shares``).
    return out


def tag_shares(twitches: list[Twitch]) -> str | None:
    """How often each trigger tag was put on a twitch: a count, not a comparison."""
    tags = trigger_counts(twitches)
    if not tags:
        return None
    listed = ", ".join(f"{tag} on {n} of {len(twitches)}" for tag, n in tags[:4])
    return f"Triggers you tagged: {listed} twitches (tags are counted, not compared)."


@dataclass(frozen=True, slots=True)
class Week:
    count: int
    mean_intensity: float | None
    free_days: int


def week_vs_week(twitches: list[Twitch], today: date, day_start_hour: int = 0) -> tuple[Week, Week]:
    """The 7 complete days before ``today`` (today is not over) and the 7 before them."""

    def week(last: date) -> Week:
        s = summary(twitches, last - timedelta(days=6), last, day_start_hour)
        return Week(s.count, s.mean_intensity, s.free_days)

    return week(today - timedelta(days=1)), week(today - timedelta(days=8))


def week_sentence(this: Week, last: Week) -> str:
    def intensity(w: Week) -> str:
        return "no intensity" if w.mean_intensity is None else f"intensity {w.mean_intensity:.1f}"

    return (
        f"Last 7 full days: {plural(this.count, 'twitch')}, {intensity(this)}, "
        f"{plural(this.free_days, 'twitch-free day')}. "
        f"The 7 before: {plural(last.count, 'twitch')}, "
        f"{intensity(last)}, {plural(last.free_days, 'twitch-free day')}."
    )


# ---------------------------------------------------------------- chart data

RANGES: tuple[int, ...] = (7, 14, 30, 90, 365)


@dataclass(frozen=True, slots=True)
class TrendData:
    """Everything the trend charts draw for one range, computed off the event loop."""

    first: date
    last: date
    per_day: list[int]
    average: list[float]
    flagged: list[int]
    """Indices (into per_day) of days a red-flag finding names."""
    hours: list[int]
    sites: dict[str, dict[str, int]]
    intensity: list[float | None]
    habits: dict[str, list[bool | None]]
    insights: list[str]

    @property
    def total(self) -> int:
        return sum(self.per_day)

    @property
    def days(self) -> int:
        return len(self.per_day)


def trend_data(
    twitches: list[Twitch],
    logs: dict[date, DayLog],
    settings: Settings,
    first: date,
    last: date,
    flagged_days: Iterable[date] = (),
) -> TrendData:
    h = settings.day_start_hour
    inside = [t for t in twitches if first <= t.day(h) <= last]
    counts = per_day(inside, first, last, h)
    sums: dict[date, list[int]] = {}
    for t in inside:
        sums.setdefault(t.day(h), []).append(t.intensity)
    days = list(days_between(first, last))
    index = {day: i for i, day in enumerate(days)}
    yesterday = last - timedelta(days=1)
    fortnight = last - timedelta(days=14)
    recent = [t for t in inside if t.day(h) >= fortnight]
    this_week, last_week = week_vs_week(recent, last, h)
    comparisons = insights(inside, logs, settings, first, yesterday) if yesterday >= first else []
    ready = sorted(
        (c for c in comparisons if c.enough and c.ratio is not None),
        key=lambda c: -abs(c.ratio - 1),  # type: ignore[operator]
    )
    waiting = [c for c in comparisons if not c.enough and c.lag == 0]
    sentences = [week_sentence(this_week, last_week), *(c.sentence() for c in ready)]
    sentences += [c.sentence() for c in waiting]
    if tags := tag_shares(inside):
        sentences.append(tags)
    if ready:
        sentences.append(ASSOCIATION)
    return TrendData(
        first=first,
        last=last,
        per_day=counts,
        average=moving_average([float(c) for c in counts]),
        flagged=sorted({index[d] for d in flagged_days if d in index}),
        hours=by_hour(inside),
        sites=by_site_side(inside),
        intensity=[sum(v) / len(v) if (v := sums.get(d)) else None for d in days],
        habits=habit_days(logs, settings, first, last),
        insights=sentences,
    )
