"""``twitchtui export``: every entry, as JSON or CSV, to stdout."""

from __future__ import annotations

import argparse
import sys

from ..export import EXPORT_SCHEMA, experiments_of, write_csv, write_json
from ..store import Store
from .args import Subparsers, always, command
from .progress import Progress


def register(sub: Subparsers) -> None:
    parser = command(sub, "export", export, reads_only=always, help="write every entry to stdout")
    parser.add_argument("--format", choices=("json", "csv"), default="json")


def export(args: argparse.Namespace, store: Store) -> int:
    """Written a month at a time as it is read, so that ten years of diary
    never sit in memory whole; a bar on stderr when it takes a while."""
    settings = store.settings()
    months = Progress("Exporting", len(store.shard_paths())).over(store.each_month())
    # The collector stays on: each entry's json.dumps with an indent leaves
    # a cycle of closures behind (300 MB at 100k with it paused).
    if args.format == "csv":
        write_csv(sys.stdout, months, settings.day_start_hour, experiments_of(settings))
    else:
        write_json(sys.stdout, months, settings, store.now(), EXPORT_SCHEMA)
    return 0
