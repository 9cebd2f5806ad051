"""``twitchtui sync status``: the machines writing this diary through a sync
tool, what each wrote last, and the conflict copies found and merged."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..humanize import ago
from ..model import clean_text
from ..store import Store
from .args import Subparsers, always, command

if TYPE_CHECKING:
    from ..store.sync import SyncReport


def register(sub: Subparsers) -> None:
    parser = command(
        sub,
        "sync",
        sync,
        reads_only=always,
        help="the machines sharing this diary through a sync tool: sync status",
    )
    parser.add_argument("what", choices=["status"], help="status: devices, last writes, conflicts")
    parser.add_argument("--json", action="store_true", help="the same as one JSON object")


def sync(args: argparse.Namespace, store: Store) -> int:
    report = store.sync_report()
    if args.json:
        print(json.dumps(as_doc(report), ensure_ascii=False, indent=2))
        return 0
    for line in lines(report, store.now()):
        print(line)
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
        out.append(f"Conflict copies not merged yet ({len(report.pending)}):")
        out.extend(f"  {_name(p)}" for p in report.pending)
        out.append("  They are read already; the next write folds them in.")
    if report.merged:
        out.append(f"Conflict copies merged ({len(report.merged)}), kept renamed:")
        out.extend(f"  {_name(p)}" for p in report.merged)
    if report.unreadable:
        count = len(report.unreadable)
        out.append(f"Files that could not be read ({count}), tried again each time:")
        out.extend(f"  {_name(p)}: {clean_text(why)}" for p, why in report.unreadable)
    return out
