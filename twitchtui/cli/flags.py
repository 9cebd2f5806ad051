"""``twitchtui flags``: the red-flag findings (exit code 0 either way)."""

from __future__ import annotations

import argparse
import json

from ..redflags import STANDING_NOTE, all_clear
from ..store import Store
from ..views import load_findings
from .args import Subparsers, always, command, parse_date


def register(sub: Subparsers) -> None:
    parser = command(
        sub,
        "flags",
        flags,
        reads_only=always,
        help="list red-flag findings (exit code 0 either way)",
    )
    parser.add_argument(
        "--json", action="store_true", help="a list of {id, level, reason, entries}"
    )
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="check the diary as it was that day")


def flags(args: argparse.Namespace, store: Store) -> int:
    findings = load_findings(store, parse_date(args.as_of, "--as-of"))
    if args.json:
        print(json.dumps([f.to_doc() for f in findings], ensure_ascii=False, indent=2))
        return 0
    if not findings:
        print(all_clear(store.last_twitch() is None))
    for f in findings:
        print(f"[{f.tier}] {f.title}\n  {f.reason}\n  What to do: {f.advice}\n  Source: {f.source}")
        for e in f.entries:
            print(f"    {e.day:%d %b %Y}: {e.detail}")
    print(f"\n{STANDING_NOTE}")
    return 0
