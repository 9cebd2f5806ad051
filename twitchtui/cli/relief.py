"""``twitchtui relief``: keep a warm compress or face relaxation done away from the screen."""

from __future__ import annotations

import argparse
from datetime import timedelta

from ..model import InvalidEntry, Relief, diary_day
from ..ops import AddRelief
from ..store import Store
from ..timer import pmr_length
from .args import Subparsers, command, parse_at

KINDS = {"compress": "warm-compress", "pmr": "pmr"}


def register(sub: Subparsers) -> None:
    parser = command(sub, "relief", relief, help="keep a warm compress or face relaxation done")
    parser.add_argument("kind", choices=tuple(KINDS))
    parser.add_argument("--at", metavar="WHEN", help="when it began (default: it just ended)")
    parser.add_argument("--minutes", type=int, metavar="N", help="how long (default: settings)")


def relief(args: argparse.Namespace, store: Store) -> int:
    settings = store.settings()
    kind = KINDS[args.kind]
    if args.minutes is not None:
        if not 1 <= args.minutes <= 240:
            raise InvalidEntry("--minutes", f"must be from 1 to 240, not {args.minutes}")
        length = args.minutes * 60
    elif kind == "warm-compress":
        length = settings.compress_minutes * 60
    else:
        length = pmr_length(settings.pmr_rounds)
    # Without --at, the session is taken to have just ended.
    started = parse_at(args.at, store) if args.at else store.now() - timedelta(seconds=length)
    session = Relief(kind, started, length, length, finished=True)
    day = diary_day(started, settings.day_start_hour)
    AddRelief(day, session).apply(store)
    print(f"Kept: a {session.label} of {length // 60} min at {started:%a %d %b %H:%M}.")
    return 0
