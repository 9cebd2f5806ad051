"""``twitchtui import``: restore a JSON export (merges by id; safe to repeat)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from ..export import EXPORT_SCHEMA, to_json
from ..importer import ExportFile, plan, read_export
from ..model import InvalidEntry, new_id
from ..ops import RestoreExport
from ..store import Store, write_private
from .args import Subparsers, command
from .progress import Progress, bulk


def register(sub: Subparsers) -> None:
    parser = command(
        sub,
        "import",
        import_,
        reads_only=dry_run,
        help="restore a JSON export (merges by id; safe to repeat)",
    )
    parser.add_argument("file", metavar="FILE", help="a file from: twitchtui export --format json")
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would change, change nothing"
    )
    parser.add_argument(
        "--settings", action="store_true", help="take the file's settings even if yours differ"
    )


def dry_run(args: argparse.Namespace) -> bool:
    return bool(args.dry_run)


def import_(args: argparse.Namespace, store: Store) -> int:
    with bulk():
        return _import(args, store)


def read(args: argparse.Namespace, store: Store, source: TextIO, bar: Progress) -> ExportFile:
    """The file's entries, each checked: its text is let go once parsed (see
    ``read_export``), not held through the write."""
    try:
        return read_export(
            source,
            newest_schema=EXPORT_SCHEMA,
            now=store.now(),
            name=args.file,
            progress=lambda done, total: bar.to(60 * done // max(total, 1)),
        )
    except OSError as exc:
        raise InvalidEntry("FILE", f"{args.file} cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InvalidEntry("FILE", f"{args.file} is not a text file") from None


def _import(args: argparse.Namespace, store: Store) -> int:
    path = Path(args.file).expanduser()
    try:
        # A file or a pipe (``import /dev/stdin``); a device such as
        # /dev/zero would be read without end.
        if path.exists() and not (path.is_file() or path.is_fifo()):
            raise InvalidEntry("FILE", f"{args.file} is not a file or a pipe, so not an export")
        # utf-8-sig: a byte-order mark (Notepad writes one) is read past.
        source = path.open(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidEntry("FILE", f"{args.file} cannot be read ({exc.strerror})") from None
    # A bar on stderr, on a terminal, when it takes a while: reading the
    # file's entries is the first 60%, comparing them with the diary the next
    # 10%, writing the rest.
    bar = Progress("Importing", 100)
    try:
        with source:
            data = read(args, store, source, bar)
        bar.to(60)
        current = store.settings()
        twitches = store.twitches()
        days = store.day_logs()
        what = plan(data, twitches, days, current, replace_settings=args.settings)
        bar.to(70)
    finally:
        bar.done()
    for warning in what.warnings:
        print(warning, file=sys.stderr)
    if args.dry_run:
        print(f"Dry run: nothing was changed. Importing {args.file} would do this:")
        print("\n".join(what.lines(dry_run=True)))
        return 0
    if not what.changes:
        print("\n".join(what.lines(dry_run=False)))
        return 0
    if what.replaces:
        # The entries about to be replaced are kept first, in a private copy
        # whose name no other import can take (two in one second included).
        stamp = f"{store.now():%Y%m%d-%H%M%S}-{new_id()[:8]}"
        kept = store.folder / f"before-import-{stamp}.json"
        write_private(kept, to_json(twitches, days.values(), current, store.now(), EXPORT_SCHEMA))
        print(f"The diary as it was is kept in {kept}.")
    bar.to(70)
    try:
        RestoreExport(
            what.new_twitches,
            what.new_days,
            what.settings_change(),
            until=data.until or store.now(),
        ).apply(store)
    finally:
        bar.to(100)
        bar.done()
    print(f"Imported {args.file}.")
    print("\n".join(what.lines(dry_run=False)))
    return 0
