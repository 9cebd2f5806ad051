"""``twitchtui status``: one line for a status bar."""

from __future__ import annotations

import argparse
from datetime import date

from .. import checklist
from ..humanize import ago, plural
from ..model import diary_day
from ..store import Store
from .args import Subparsers, always, command


def register(sub: Subparsers) -> None:
    command(sub, "status", status, reads_only=always, help="one line for a status bar")


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


def checklist_line(store: Store, day: date) -> str:
    """The checklist's score for a day, as the checklist commands end their line."""
    done, total = checklist.score(store.day_log(day), store.settings())
    return f"Checklist {done}/{total} for {day.isoformat()}."


def status(args: argparse.Namespace, store: Store) -> int:
    print(status_line(store))
    return 0
