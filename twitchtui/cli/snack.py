"""``twitchtui snack``: tick (or untick) the snack."""

from __future__ import annotations

import argparse

from ..ops import SetDayFields
from ..store import Store, today
from .args import Subparsers, command
from .status import checklist_line


def register(sub: Subparsers) -> None:
    parser = command(sub, "snack", snack, help="tick the snack (almonds, a banana or another)")
    parser.add_argument("--undo", action="store_true", help="untick it")
    parser.add_argument(
        "--food", metavar="NAME", help="almonds, banana, spinach, black beans, dark chocolate…"
    )


def snack(args: argparse.Namespace, store: Store) -> int:
    day = today(store)
    food = " ".join((args.food or "").split()).lower()
    eaten = not args.undo
    SetDayFields(day, {"snack": eaten, "snack_food": food if eaten else ""}).apply(store)
    what = "Snack unticked." if args.undo else f"Snack ticked: {food or 'almonds or banana'}."
    print(f"{what} {checklist_line(store, day)}")
    return 0
