"""``twitchtui water``: show today's water, or add and take off glasses."""

from __future__ import annotations

import argparse
from contextlib import suppress

from ..model import Conflict, InvalidEntry
from ..ops import AddWater
from ..store import Store, today
from .args import Subparsers, command
from .status import checklist_line


def register(sub: Subparsers) -> None:
    parser = command(
        sub,
        "water",
        water,
        reads_only=shows_only,
        help="show today's water; +N adds glasses, -N takes some off",
    )
    parser.add_argument(
        "glasses", nargs="?", help="+1, +2, -1 … (without it: show, change nothing)"
    )
    parser.add_argument("--electrolytes", action="store_true", help="tick: electrolytes added")


def shows_only(args: argparse.Namespace) -> bool:
    return args.glasses is None and not args.electrolytes


def glasses_of(text: str | None) -> int:
    """``+N`` or ``-N`` (0 when not given); anything else is refused."""
    if text is None:
        return 0
    words = text.strip()
    if not words.startswith(("+", "-")) or not words[1:].isdigit() or not int(words[1:]):
        raise InvalidEntry(
            "glasses", f"{text!r} should be +N to add glasses or -N to take some off"
        )
    return int(words)


def water(args: argparse.Namespace, store: Store) -> int:
    """``water`` alone shows the day's water; ``+N``/``-N`` changes it."""
    settings = store.settings()
    glasses = glasses_of(args.glasses)
    day = today(store)
    if glasses or args.electrolytes:
        ticks = True if args.electrolytes else None
        with suppress(Conflict):  # nothing to change: the line below says how much there is
            AddWater(day, glasses * settings.glass_ml, electrolytes=ticks).apply(store)
    log = store.day_log(day)
    salts = " with electrolytes" if log.electrolytes else ""
    print(
        f"Water today: {log.water_ml} / {settings.water_target_ml} ml{salts}. "
        f"{checklist_line(store, day)}"
    )
    return 0
