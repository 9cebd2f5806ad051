"""``twitchtui coffee``: a cup of coffee, or ``--none``: no coffee that day."""

from __future__ import annotations

import argparse

from .. import checklist
from ..model import InvalidEntry, diary_day
from ..ops import AddCoffee, RemoveCoffee, SetDayFields
from ..store import Store, today
from .args import AT_HELP, Subparsers, command, parse_at


def register(sub: Subparsers) -> None:
    parser = command(sub, "coffee", coffee, help="record a cup of coffee")
    parser.add_argument("--at", metavar="WHEN", help=AT_HELP)
    parser.add_argument(
        "--none",
        action="store_true",
        help="no coffee today: answers the checklist's coffee item without a cup",
    )
    parser.add_argument(
        "--undo",
        action="store_true",
        help="take back the day's latest cup logged on this machine (or the day's 'none')",
    )


def coffee(args: argparse.Namespace, store: Store) -> int:
    settings = store.settings()
    if args.undo:
        return undo_coffee(args, store)
    if args.none:
        return no_coffee(args, store)
    at = parse_at(args.at, store)
    day = diary_day(at, settings.day_start_hour)
    undo = AddCoffee(day, at).apply(store)
    log = store.day_log(day)
    problem = checklist.coffee_problem(log.coffees, settings, log.day)
    note = f" Noted, but the rule is broken: {problem}." if problem else " Within the rule."
    if undo.none_again:
        note += f" It takes back 'no coffee' for {day.isoformat()}."
    print(f"Coffee at {at:%H:%M} recorded ({len(log.coffees)} on {day.isoformat()}).{note}")
    return 0


def no_coffee(args: argparse.Namespace, store: Store) -> int:
    """``coffee --none``: the day (``--at``'s, or today) had no coffee."""
    settings = store.settings()
    day = diary_day(parse_at(args.at, store), settings.day_start_hour) if args.at else today(store)
    if store.day_log(day).coffees:
        raise InvalidEntry(
            "coffee", f"a cup is already recorded for {day.isoformat()}, so nothing was changed"
        )
    SetDayFields(day, {"no_coffee": True}).apply(store)
    print(f"No coffee on {day.isoformat()}: the coffee item is answered.")
    return 0


def undo_coffee(args: argparse.Namespace, store: Store) -> int:
    """``coffee --undo``: the day's (``--at``'s, or today's) latest cup
    taken back, or its "no coffee" when it has no cup."""
    if args.none:
        raise InvalidEntry("--undo", "takes back a cup or a 'none': give it without --none")
    settings = store.settings()
    day = diary_day(parse_at(args.at, store), settings.day_start_hour) if args.at else today(store)
    log = store.day_log(day)
    _, mine = store.own_of_day(day)
    cups = [c for c in log.coffees if c in mine and c <= store.now()]  # this machine's
    if cups:
        RemoveCoffee(day, max(cups)).apply(store)
        left = len(store.day_log(day).coffees)
        # The shell keeps no undo history: a "none" this cup took back is not
        # known here, so say how to give it again rather than guess.
        # --at names the day by a moment in it (noon: inside any diary day).
        at = "" if day == today(store) else f" --at {day.isoformat()}T12:00"
        after = (
            f" {left} left."
            if left
            else f" No cup is left: `twitchtui coffee --none{at}` if there was none."
        )
        print(f"Took back the {max(cups):%H:%M} coffee of {day.isoformat()}.{after}")
    elif log.coffees:
        raise InvalidEntry("--undo", f"finds no cup logged on this machine on {day.isoformat()}")
    elif log.no_coffee:
        SetDayFields(day, {"no_coffee": False}).apply(store)
        print(f"Took back 'no coffee' for {day.isoformat()}: the coffee item is open again.")
    else:
        raise InvalidEntry("--undo", f"finds no coffee, nor a 'none', on {day.isoformat()}")
    return 0
