"""``twitchtui demo``: write a reproducible sample diary, never into one that exists."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from ..demo import generate
from ..humanize import plural
from ..model import InvalidEntry
from ..ops import MergeEntries
from ..store import Store, today
from ..store.demo_file import DiaryExists, new_demo_diary, with_tried
from .args import EXIT_USAGE, Subparsers, db_option, never

MAX_DAYS = 20_000
"""About 55 years back: the diary's dates stay after 1900."""
MAX_PER_DAY = 200


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("demo", help="write a reproducible sample diary")
    db_option(parser)
    parser.set_defaults(new_diary=demo, reads_only=never)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--per-day", type=float, default=6.0, metavar="M")
    parser.add_argument("--seed", type=int, default=1, metavar="K")


def demo(args: argparse.Namespace, path: Path | None, now: Callable[[], datetime]) -> int:
    """Write a sample diary, only where there is none: at ``--db`` if that is
    new, else (no ``--db``) in a fresh temporary folder. Never into a diary
    that exists (exit 2), so the person's own cannot be mixed with samples."""
    if not 1 <= args.days <= MAX_DAYS:
        raise InvalidEntry("--days", f"needs from 1 to {MAX_DAYS:,} days")
    if not 0 <= args.per_day <= MAX_PER_DAY:  # NaN fails both: it would never end
        raise InvalidEntry("--per-day", f"needs a rate from 0 to {MAX_PER_DAY} twitches a day")
    if path is None:
        path = Path(tempfile.mkdtemp(prefix="twitchtui-demo-")) / "diary.json"  # mode 0700

    def fill(store: Store) -> int:
        twitches, days = generate(store.now(), days=args.days, per_day=args.per_day, seed=args.seed)
        if args.days >= 28:  # room for a stimulant pause three weeks back, and its week before
            return with_tried(store, twitches, days)
        MergeEntries(twitches, days).apply(store)
        return len(twitches)

    try:
        written = new_demo_diary(path, now, fill)
    except DiaryExists as exc:
        print(
            f"twitchtui demo: {exc}; a demo never writes into a diary. Give a new --db path, "
            "or run `twitchtui demo` alone for a temporary one. Nothing was changed.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    store = Store.open(path, now=now)
    first = today(store) - timedelta(days=args.days - 1)
    print(
        f"Wrote a sample diary to {store.path}: {plural(written, 'twitch')} "
        f"from {first.isoformat()} to {today(store).isoformat()}. "
        f"Open it with: twitchtui --db {store.path}"
    )
    return 0
