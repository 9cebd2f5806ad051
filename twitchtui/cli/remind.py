"""``twitchtui remind``: the dashboard's reminders once, as a desktop
notification, for a timer to run while the dashboard is closed.

Same rules as the dashboard (``nudges``): each kind on its own switch and
gap, quiet mode, one at a time. The record of what was sent is shared with
the dashboard (``notify.Record``), so neither says a thing twice within
its gap. An open urgent answer is in every notification. Where no way to
notify exists it does nothing, silently (exit 0).
"""

from __future__ import annotations

import argparse
import sys

from .. import names, notify
from ..store import Store
from ..views import load_today, load_urgent
from .args import Subparsers, always, command


def register(sub: Subparsers) -> None:
    parser = command(
        sub,
        "remind",
        remind,
        reads_only=always,
        help="send a due reminder as a desktop notification (for a timer)",
        description="Send the reminder that is due now, if any, as a desktop notification: "
        "the dashboard's rules, quiet mode and gaps, and one record of what was sent, "
        "shared with the dashboard. Run it every 15 minutes from a timer (see the README).",
    )
    parser.set_defaults(no_diary_ok=True)  # a timer set up before the first entry
    parser.add_argument(
        "--print",
        action="store_true",
        help="print the notification instead of sending it (and count it as sent)",
    )


def remind(args: argparse.Namespace, store: Store) -> int:
    today = load_today(store)
    names.refresh(today.settings)  # the dashboard's writes reach Tab this way too
    ways = [] if args.print else notify.notifiers()
    if not args.print and not ways:
        return 0  # nothing on this machine can show one
    finding, _ = load_urgent(store)
    urgent = notify.Urgent(finding.title, finding.advice) if finding is not None else None

    def deliver(notice: notify.Notice) -> bool:
        if args.print:
            print(f"{notice.title}\n{notice.body}")
            return True
        return notify.send(notice, ways)

    log = today.log if today.log is not None else store.day_log(today.day)
    try:
        notify.remind(
            notify.Record.for_diary(store.path),
            today.now,
            today.settings,
            log,
            today.pause,
            today.day,
            urgent,
            deliver,
        )
    except OSError as exc:  # busy (the dashboard is reminding now), or not writable
        print(f"twitchtui remind: the record of reminders sent: {exc}; skipped.", file=sys.stderr)
    return 0
