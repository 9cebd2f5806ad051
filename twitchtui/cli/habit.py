"""``twitchtui habit``: the person's own habits (add, tick, remove, list)."""

from __future__ import annotations

import argparse
from contextlib import suppress
from datetime import timedelta

from ..model import Conflict, Habit, InvalidEntry
from ..ops import AddHabit, DropHabit, NewHabit
from ..store import Store, today
from .args import Subparsers, always, command, db_option


def register(sub: Subparsers) -> None:
    parser = command(sub, "habit", habit, help="your own habits: add, tick, remove, list")
    actions = parser.add_subparsers(dest="habit_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a habit (yes/no, or --target N a day)")
    add.add_argument("name")
    add.add_argument("--target", type=int, default=1, metavar="N", help="times a day (default 1)")
    add.add_argument("--in-score", action="store_true", help="count it in the checklist score")
    tick = actions.add_parser("tick", help="tick a habit once for today")
    tick.add_argument("name")
    tick.add_argument("--yesterday", action="store_true", help="for yesterday instead")
    tick.add_argument("--undo", action="store_true", help="take one tick off")
    remove = actions.add_parser("remove", help="take a habit off your list")
    remove.add_argument("name")
    listing = actions.add_parser("list", help="your habits and today's ticks")
    listing.set_defaults(reads_only=always)
    for action in (add, tick, remove, listing):
        db_option(action)


def habit(args: argparse.Namespace, store: Store) -> int:
    if args.habit_command == "list":
        habits = store.settings().habits
        if not habits:
            print("No habits of your own yet. Add one: twitchtui habit add NAME [--target N]")
        log = store.day_log(today(store))
        for h in habits:
            done = log.habit_count(h.name)
            score = " (in the checklist score)" if h.in_score else ""
            print(f"{h.name}: {done}/{h.target} today{score}")
        return 0
    name = " ".join(args.name.split())
    if args.habit_command == "add":
        new = Habit(name, args.target, args.in_score).validated()
        NewHabit(new).apply(store)
        kind = "yes or no" if new.target == 1 else f"{new.target} a day"
        print(f"Added the habit {new.name!r} ({kind}). Tick it with h in the app, or:")
        print(f"  twitchtui habit tick {new.name!r}")
        return 0
    found = find(store, name)
    if args.habit_command == "remove":
        DropHabit(found).apply(store)
        print(f"Removed {found.name!r} from your habits. Days already ticked keep their record.")
        return 0
    day = today(store) - timedelta(days=1 if args.yesterday else 0)
    with suppress(Conflict):  # no tick to take off: the line below says none
        AddHabit(day, found.name, -1 if args.undo else 1).apply(store)
    ticks = store.day_log(day).habit_count(found.name)
    print(f"{found.name}: {ticks}/{found.target} on {day.isoformat()}.")
    return 0


def find(store: Store, name: str) -> Habit:
    """The habit of this name (in any case), or ``InvalidEntry`` naming those there are."""
    for h in store.settings().habits:
        if h.name.lower() == name.lower():
            return h
    known = ", ".join(h.name for h in store.settings().habits) or "none yet"
    raise InvalidEntry("habit", f"{name!r} is not one of your habits ({known})")
