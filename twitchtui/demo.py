"""A realistic, reproducible sample diary. Pure: the same arguments give the same diary.

The sample has a daily rhythm (few twitches in the morning, more in the
afternoon and evening), better and worse weeks, and habits that matter: days
with a late coffee, a short night, high stress or too little water get more
twitches, so the insights have something true to find.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta, tzinfo

from .model import DayLog, Relief, Twitch
from .model.values import Doc

# Relative weight of each hour of the day (0-23).
_HOURS = [0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 4, 4, 5, 5, 7, 8, 8, 7, 6, 6, 5, 4, 2, 1]


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 60:  # normal approximation; exact sampling is slow for large means
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _day_log(rng: random.Random, day: date, tz: tzinfo | None) -> tuple[DayLog, float]:
    """A day's habits, and how much they raise the twitch rate."""
    late_coffee = rng.random() < 0.3
    short_night = rng.random() < 0.3
    stress = rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5])
    water = rng.choice([750, 1000, 1250, 1500, 1750, 2000, 2000, 2250, 2500])
    cups = [datetime.combine(day, time(rng.randint(7, 10), rng.randrange(0, 60, 5)), tz)]
    if late_coffee:
        cups.append(datetime.combine(day, time(rng.randint(13, 16), rng.randrange(0, 60, 5)), tz))
    bed = time(22 + rng.randint(0, 1), rng.randrange(0, 60, 15))
    log = DayLog(
        day=day,
        water_ml=water,
        electrolytes=rng.random() < 0.4,
        coffees=tuple(cups),
        snack=rng.random() < 0.6,
        bedtime=bed,
        stress=stress,
        sleep_h=round(rng.uniform(4.5, 6.0) if short_night else rng.uniform(6.5, 8.5), 1),
        food=rng.choice(["pasta, salad", "rice and beans", "sandwich", "soup, bread", "curry"]),
    )
    factor = (1.7 if late_coffee else 1.0) * (1.4 if short_night else 1.0)
    factor *= 1.3 if stress >= 4 else 1.0
    factor *= 0.8 if water >= 2000 else 1.0
    return log, factor


def generate(
    end: datetime, days: int = 60, per_day: float = 6.0, seed: int = 1
) -> tuple[list[Twitch], list[DayLog]]:
    """Twitches and day logs for the ``days`` days up to ``end`` (which is "now")."""
    rng = random.Random(seed)
    tz = end.tzinfo
    twitches: list[Twitch] = []
    logs: list[DayLog] = []
    first = end.date() - timedelta(days=days - 1)
    for offset in range(days):
        day = first + timedelta(days=offset)
        log, factor = _day_log(rng, day, tz)
        if day == end.date():  # today: only what has happened so far
            log = DayLog(day, water_ml=min(log.water_ml, 500), coffees=log.coffees[:1], stress=2)
            log = DayLog(**{**_fields(log), "coffees": tuple(c for c in log.coffees if c <= end)})
        logs.append(log)
        week = 1.0 + 0.45 * math.sin(2 * math.pi * offset / 21 + rng.uniform(-0.3, 0.3))
        count = _poisson(rng, per_day * week * factor / 1.35)
        for _ in range(count):
            hour = rng.choices(range(24), weights=_HOURS)[0]
            at = datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)), tz)
            if at > end:
                continue
            triggers = []
            if len(log.coffees) > 1 and rng.random() < 0.5:
                triggers.append("caffeine")
            if (log.stress or 0) >= 4 and rng.random() < 0.5:
                triggers.append("stress")
            if (log.sleep_h or 8) < 6 and rng.random() < 0.4:
                triggers.append("poor-sleep")
            if rng.random() < 0.1:
                triggers.append("screen-time")
            twitches.append(
                Twitch(
                    at=at,
                    site="upper-lip" if rng.random() < 0.75 else "lower-lip",
                    side="left",
                    intensity=rng.choices([1, 2, 3, 4], weights=[4, 5, 3, 1])[0],
                    duration_s=rng.choice([2, 3, 5, 5, 8, 10, 15, 20, 30]),
                    triggers=tuple(triggers),
                    id=f"{rng.getrandbits(128):032x}",
                )
            )
    twitches.sort(key=lambda t: t.at)
    return twitches, logs


def _fields(log: DayLog) -> Doc:
    return {name: getattr(log, name) for name in DayLog.__dataclass_fields__}


def tried(
    end: datetime, twitches: list[Twitch], logs: list[DayLog], seed: int = 1
) -> tuple[list[Twitch], list[DayLog], datetime]:
    """The sample diary with what was tried in it: a 48-hour stimulant pause
    a few weeks back (no coffee in it, and fewer twitches, as a pause may
    bring), and a warm compress or a face relaxation on some evenings.
    Returns the twitches, the logs, and when the pause began."""
    rng = random.Random(seed + 1)
    keep = 0.6

    def count(first: datetime) -> int:
        return sum(1 for t in twitches if first <= t.at < first + timedelta(hours=48))

    def start(back: int) -> datetime:
        return datetime.combine(end.date() - timedelta(days=back), time(8, 0), end.tzinfo)

    # The pause falls in a busy spell 2-5 weeks back (as one is tried when
    # twitching is bad), so that both sides hold enough twitches to compare.
    began = max(
        (start(back) for back in range(14, 36)),
        key=lambda b: min(count(b - timedelta(hours=48)), count(b) * keep),
    )
    ends = began + timedelta(hours=48)
    kept = [t for t in twitches if not (began <= t.at < ends) or rng.random() < keep]
    out: list[DayLog] = []
    for log in logs:
        if began.date() <= log.day <= ends.date():
            log = DayLog(**{**_fields(log), "coffees": tuple(c for c in log.coffees if c < began)})
        if log.day < end.date() and rng.random() < 0.35:
            kind = "warm-compress" if rng.random() < 0.7 else "pmr"
            length = 600 if kind == "warm-compress" else 75
            at = datetime.combine(log.day, time(19, rng.randrange(0, 60, 5)), end.tzinfo)
            done = length if rng.random() < 0.85 else length // 2
            session = Relief(kind, at, length, done, finished=done == length)
            log = DayLog(**{**_fields(log), "relief": (session,)})
        out.append(log)
    return kept, out, began
