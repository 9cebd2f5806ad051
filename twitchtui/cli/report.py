"""``twitchtui report``: the twitch diary for the person's doctor."""

from __future__ import annotations

import argparse
import sys

from ..model import InvalidEntry
from ..report import to_html, to_markdown
from ..store import Store, StoreWriteFailed, write_private
from ..views import load_report
from .args import Subparsers, always, command, parse_date


def register(sub: Subparsers) -> None:
    parser = command(
        sub, "report", report, reads_only=always, help="the twitch diary for your doctor"
    )
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="the period ends that day")
    parser.add_argument("--days", type=int, default=28, help="how many days back (default 28)")
    parser.add_argument("--format", choices=("md", "html"), default="md")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (mode 0600)")


def report(args: argparse.Namespace, store: Store) -> int:
    if not 1 <= args.days <= 3660:
        raise InvalidEntry("--days", "must be from 1 to 3660")
    data = load_report(store, args.days, parse_date(args.as_of, "--as-of"))
    text = to_html(data) if args.format == "html" else to_markdown(data)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        written = write_private(args.output, text)
    except OSError as exc:
        raise StoreWriteFailed(f"could not write {args.output}: {exc.strerror or exc}") from exc
    print(f"Wrote the {args.days}-day report to {written} (readable by you only).")
    return 0
