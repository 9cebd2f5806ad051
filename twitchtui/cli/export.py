"""``twitchtui export``: every entry, as JSON or CSV, to stdout."""

from __future__ import annotations

import argparse
import sys

from ..export import experiments_of, to_csv, to_json
from ..store import SCHEMA, Store
from .args import Subparsers, always, command


def register(sub: Subparsers) -> None:
    parser = command(sub, "export", export, reads_only=always, help="write every entry to stdout")
    parser.add_argument("--format", choices=("json", "csv"), default="json")


def export(args: argparse.Namespace, store: Store) -> int:
    settings = store.settings()
    twitches = store.twitches()
    days = list(store.day_logs().values())
    if args.format == "csv":
        text = to_csv(twitches, days, settings.day_start_hour, experiments_of(settings))
    else:
        text = to_json(twitches, days, settings, store.now(), SCHEMA)
    sys.stdout.write(text)
    return 0
