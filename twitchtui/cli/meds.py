"""``twitchtui meds``: the person's medicine list (add, stop, list)."""

from __future__ import annotations

import argparse

from ..model import Medicine
from ..ops import AddMedicine, StopMedicine
from ..store import Store, today
from .args import Subparsers, always, command, db_option, parse_date


def register(sub: Subparsers) -> None:
    parser = command(sub, "meds", meds, help="your medicine list: add, stop, list")
    actions = parser.add_subparsers(dest="meds_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a medicine")
    add.add_argument("name")
    add.add_argument("--dose", metavar="TEXT", default="")
    add.add_argument("--started", metavar="YYYY-MM-DD", help="default: today")
    stop = actions.add_parser("stop", help="mark a medicine as stopped")
    stop.add_argument("name")
    stop.add_argument("--on", metavar="YYYY-MM-DD", help="default: today")
    listing = actions.add_parser("list", help="show the list")
    listing.set_defaults(reads_only=always)
    for action in (add, stop, listing):
        db_option(action)


def meds(args: argparse.Namespace, store: Store) -> int:
    if args.meds_command == "list":
        medicines = store.settings().medicines
        if not medicines:
            print("No medicines on the list. Add one: twitchtui meds add NAME --started DATE")
        for m in medicines:
            since = f" since {m.started.isoformat()}" if m.started else ""
            until = f", stopped {m.stopped.isoformat()}" if m.stopped else ""
            dose = f" ({m.dose})" if m.dose else ""
            print(f"{m.name}{dose}{since}{until}")
        return 0
    name = args.name.strip()
    if args.meds_command == "add":
        started = parse_date(args.started, "--started") or today(store)
        new = Medicine(name, args.dose, started).validated()
        AddMedicine(new).apply(store)
        print(f"Added {new.name}, started {started.isoformat()}.")
        return 0
    on = parse_date(args.on, "--on") or today(store)
    stop = StopMedicine(name, on)
    stopping = [m.name for m in store.settings().medicines if stop.stops(m)]
    stop.apply(store)
    print(f"Stopped {stopping[0]} on {on.isoformat()}.")
    return 0
