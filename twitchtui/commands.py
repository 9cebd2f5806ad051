"""What each shell command does, on top of the store. No Textual import.

Every handler takes the parsed arguments and an open ``Store`` and returns an
exit code; it prints one clear line (or the requested document) to stdout.
Bad input raises ``InvalidEntry`` and is turned into exit code 2 by ``cli``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta

from . import checklist
from .humanize import ago, plural
from .model import InvalidEntry, Twitch, diary_day
from .store import SCHEMA, Store, today


def _parse_at(value: str | None, store: Store) -> datetime:
    if value is None:
        return store.now()
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidEntry("--at", f"{value!r} is not an ISO date and time") from None
    return at if at.tzinfo else at.astimezone()  # a bare time is local time


def log(args: argparse.Namespace, store: Store) -> int:
    settings = store.settings()
    last = store.last_twitch()
    site = args.site or (last.site if last else settings.default_site)
    side = args.side or (last.side if last else settings.default_side)
    twitch = Twitch(
        at=_parse_at(args.at, store),
        site=site,
        side=side,
        intensity=args.intensity,
        duration_s=args.duration,
        note=args.note or "",
        triggers=tuple(args.trigger or ()),
    )
    saved = store.log_twitch(twitch)
    day = saved.day(settings.day_start_hour)
    count = len(store.twitches(day, day))
    print(
        f"Logged a twitch at {saved.at:%H:%M}: {saved.site}, {saved.side}, "
        f"intensity {saved.intensity}. {plural(count, 'twitch')} on {day.isoformat()}."
    )
    return 0


def status_line(store: Store) -> str:
    """One short line for a status bar."""
    settings = store.settings()
    now = store.now()
    day = diary_day(now, settings.day_start_hour)
    count = len(store.twitches(day, day))
    last = store.last_twitch()
    done, total = checklist.score(store.day_log(day), settings)
    parts = [f"{plural(count, 'twitch')} today"]
    parts.append(f"last {ago(last.at, now)}" if last else "none logged yet")
    parts.append(f"checklist {done}/{total}")
    return " · ".join(parts)


def status(args: argparse.Namespace, store: Store) -> int:
    print(status_line(store))
    return 0


def export(args: argparse.Namespace, store: Store) -> int:
    from .export import to_csv, to_json

    settings = store.settings()
    twitches = store.twitches()
    days = list(store.day_logs().values())
    if args.format == "csv":
        text = to_csv(twitches, days, settings.day_start_hour)
    else:
        text = to_json(twitches, days, settings, store.now(), SCHEMA)
    sys.stdout.write(text)
    return 0


def demo(args: argparse.Namespace, store: Store) -> int:
    from .demo import generate

    if args.days < 1 or args.per_day < 0:
        raise InvalidEntry("--days", "needs at least one day and a rate of 0 or more")
    twitches, days = generate(store.now(), days=args.days, per_day=args.per_day, seed=args.seed)
    store.merge(twitches, days)
    first = today(store) - timedelta(days=args.days - 1)
    print(
        f"Wrote a sample diary to {store.path}: {plural(len(twitches), 'twitch')} "
        f"from {first.isoformat()} to {today(store).isoformat()}."
    )
    return 0
