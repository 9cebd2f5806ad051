"""``twitchtui sync status``: the machines writing this diary through a sync
tool, what each wrote last, and the conflict copies found and merged;
``twitchtui sync rename NAME``: this machine's files take a new name."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..humanize import ago
from ..model import clean_text, local_now
from ..store import DeviceNameTaken, Store
from .args import EXIT_USAGE, Subparsers, command

if TYPE_CHECKING:
    from ..store.sync import SyncReport


def register(sub: Subparsers) -> None:
    parser = command(
        sub,
        "sync",
        sync,
        reads_only=lambda args: args.what == "status",
        help="the machines sharing this diary through a sync tool: status, rename NAME",
    )
    parser.add_argument(
        "what",
        choices=["status", "rename"],
        help="status: machines, last writes, conflict copies; rename: this machine's name",
    )
    parser.add_argument("name", nargs="?", help="rename: the new name (1-32 letters, digits, - _)")
    parser.add_argument("--json", action="store_true", help="status as one JSON object")


def sync(args: argparse.Namespace, store: Store) -> int:
    if args.what == "rename":
        return rename(args, store)
    report = store.sync_report()
    if args.json:
        print(json.dumps(as_doc(report), ensure_ascii=False, indent=2))
        return 0
    # A file's time is the file system's, so its age is taken by the real clock,
    # never the diary's (which ``$TWITCHTUI_NOW`` may set to another day).
    for line in lines(report, local_now()):
        print(line)
    return 0


def rename(args: argparse.Namespace, store: Store) -> int:
    from ..machine import DEVICE_VAR

    if not args.name:
        print("twitchtui sync rename: give the new name, e.g. `sync rename desk`", file=sys.stderr)
        return EXIT_USAGE
    if os.environ.get(DEVICE_VAR):
        print(
            f"twitchtui sync rename: this machine's name comes from ${DEVICE_VAR}; "
            "change it there. Nothing was renamed.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    old = store.device
    try:
        store.rename_device(args.name)
    except DeviceNameTaken:  # in any letter case (``store.sync.rename_device``)
        print(
            f"twitchtui sync rename: {clean_text(args.name)!r} is the name of another machine "
            "writing this diary; choose another. Nothing was renamed.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    print(f"This machine is now {store.device} (was {old}); its diary files carry the new name.")
    return 0


def _name(path: Path) -> str:
    return clean_text(path.name)


def as_doc(report: SyncReport) -> dict[str, object]:
    return {
        "device": report.device,
        "devices": {
            name: None if when is None else when.isoformat(timespec="seconds")
            for name, when in sorted(report.devices.items())
        },
        "merged": [_name(p) for p in report.merged],
        "pending": [_name(p) for p in report.pending],
        "unreadable": [{"file": _name(p), "why": why} for p, why in report.unreadable],
    }


def lines(report: SyncReport, now: datetime) -> list[str]:
    """What ``sync status`` prints: one line per machine, then the files."""
    out = [f"This machine: {report.device}"]
    if len(report.devices) <= 1 and not (report.merged or report.pending):
        out.append("No other machine has written to this diary (yet).")
    out.append("Machines writing this diary:")
    for name, when in sorted(report.devices.items(), key=lambda item: item[0]):
        mark = " (this one)" if name == report.device else ""
        last = "nothing written yet" if when is None else f"last wrote {ago(when, now)}"
        out.append(f"  {clean_text(name)}{mark}: {last}")
    if report.pending:
        unread = {p for p, _ in report.unreadable}
        out.append(f"Conflict copies not merged yet ({len(report.pending)}):")
        for p in report.pending:
            why = (
                "not read whole (below): merged once it reads whole, with entries twitchtui accepts"
                if p in unread
                else "read already; folded in once the diary can be written (read-only or busy now)"
            )
            out.append(f"  {_name(p)}: {why}")
    if report.merged:
        out.append(f"Conflict copies merged ({len(report.merged)}), kept renamed:")
        out.extend(f"  {_name(p)}" for p in report.merged)
    if report.unreadable:
        count = len(report.unreadable)
        out.append(f"Files not read, or read in part ({count}); read again once they change:")
        out.extend(f"  {_name(p)}: {clean_text(why)}" for p, why in report.unreadable)
    return out
