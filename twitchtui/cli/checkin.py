"""``twitchtui checkin``: the daily check-in (stress, sleep, food…)."""

from __future__ import annotations

import argparse
from typing import Any

from ..model import InvalidEntry
from ..ops import SetDayFields
from ..store import Store, today
from .args import Subparsers, command


def register(sub: Subparsers) -> None:
    parser = command(sub, "checkin", checkin, help="daily check-in: stress, sleep, food")
    parser.add_argument("--stress", type=int, metavar="1-5")
    parser.add_argument("--sleep", type=float, metavar="HOURS")
    parser.add_argument("--food", metavar="TEXT")
    parser.add_argument("--alcohol", choices=("yes", "no"), help="any alcohol today")
    parser.add_argument("--nicotine", choices=("yes", "no"), help="any nicotine today")
    parser.add_argument("--screen-hours", type=float, metavar="HOURS")


def answers(args: argparse.Namespace) -> dict[str, Any]:
    """The day log's fields the options given set."""
    values: dict[str, Any] = {}
    if args.stress is not None:
        values["stress"] = args.stress
    if args.sleep is not None:
        values["sleep_h"] = args.sleep
    if args.food is not None:
        values["food"] = args.food
    if args.alcohol is not None:
        values["alcohol"] = args.alcohol == "yes"
    if args.nicotine is not None:
        values["nicotine"] = args.nicotine == "yes"
    if args.screen_hours is not None:
        values["screen_h"] = args.screen_hours
    return values


def checkin(args: argparse.Namespace, store: Store) -> int:
    values = answers(args)
    if not values:
        raise InvalidEntry(
            "check-in",
            "needs at least one of --stress, --sleep, --food, --alcohol, --nicotine "
            "or --screen-hours",
        )
    day = today(store)
    SetDayFields(day, values).apply(store)
    log = store.day_log(day)
    parts = [
        f"stress {log.stress}/5" if log.stress else None,
        f"slept {log.sleep_h:g} h" if log.sleep_h is not None else None,
        f"ate: {log.food}" if log.food else None,
        None if log.alcohol is None else f"alcohol: {'yes' if log.alcohol else 'no'}",
        None if log.nicotine is None else f"nicotine: {'yes' if log.nicotine else 'no'}",
        None if log.screen_h is None else f"{log.screen_h:g} h at a screen",
    ]
    said = ", ".join(p for p in parts if p)
    # An empty --food clears what was eaten: say what is left, not ": ."
    print(f"Check-in for {day.isoformat()}: {said or 'nothing recorded in it now'}.")
    return 0
