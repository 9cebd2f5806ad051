"""``twitchtui export``: every entry, as JSON or CSV, to stdout."""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile

from ..export import EXPORT_SCHEMA, experiments_of, write_csv, write_json
from ..store import Store
from .args import Subparsers, always, command
from .progress import Progress


def register(sub: Subparsers) -> None:
    parser = command(sub, "export", export, reads_only=always, help="write every entry to stdout")
    parser.add_argument("--format", choices=("json", "csv"), default="json")


def export(args: argparse.Namespace, store: Store) -> int:
    """Written a month at a time as it is read, so that ten years of diary
    never sit in memory whole; a bar on stderr when it takes a while.
    Nothing reaches stdout unless every month could be read."""
    settings = store.settings()
    months = Progress("Exporting", len(store.shard_paths())).over(store.each_month())
    # Into a file with no name first (gone when closed, or if this process
    # dies), then out: a month that turns out damaged half-way stops the
    # export before a byte is on stdout, so a backup script never keeps the
    # first half of a diary as if it were all of it.
    with tempfile.TemporaryFile() as raw:
        held = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        # The collector stays on: each entry's json.dumps with an indent leaves
        # a cycle of closures behind (300 MB at 100k with it paused).
        if args.format == "csv":
            write_csv(held, months, settings.day_start_hour, experiments_of(settings))
        else:
            write_json(held, months, settings, store.now(), EXPORT_SCHEMA)
        held.seek(0)
        out = getattr(sys.stdout, "buffer", None)
        if out is None:  # a text stream with no bytes beneath (a caller's StringIO)
            shutil.copyfileobj(held, sys.stdout)
            return 0
        # As UTF-8 bytes whatever the terminal's encoding: an export is a
        # file, and a note with an é must not stop it half-way on an ASCII one.
        sys.stdout.flush()
        shutil.copyfileobj(raw, out)
        out.flush()
    return 0
