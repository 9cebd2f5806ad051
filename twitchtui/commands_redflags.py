"""The self-check and red-flag shell commands: ``selfcheck`` and ``flags``. No Textual import."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

from .commands import _date
from .model import InvalidEntry
from .store import Store, today


def selfcheck(args: argparse.Namespace, store: Store) -> int:
    """Add a self-check record. A sign answered before is never taken back:
    ``--passed`` records that it has gone, and only ``--seen-clinician``
    closes an urgent answer."""
    from .cli import SELFCHECK_FLAGS
    from .model import SHORT, SelfCheck, day_end
    from .ops import AddSelfCheck, CountSelfCheck
    from .views import load_findings

    now = store.now()
    settings = store.settings()
    current = today(store)
    day = _date(args.day, "--day") or current
    seen = _date(args.seen_clinician, "--seen-clinician")
    if day > current:
        raise InvalidEntry("--day", f"{day.isoformat()} is in the future")
    if seen is not None and seen > current:
        raise InvalidEntry("--seen-clinician", f"{seen.isoformat()} is in the future")
    if args.sudden and args.onset not in (None, "sudden"):
        raise InvalidEntry("--onset", f"--sudden and --onset {args.onset} disagree")
    onset = "sudden" if args.sudden else args.onset or "unsure"
    named = [key for flag, key in SELFCHECK_FLAGS.items() if getattr(args, flag.replace("-", "_"))]

    def moment(of: date) -> datetime:
        return now if of == current else day_end(of, settings.day_start_hour)

    if args.passed:
        gone = named or list(store.day_log(day).symptoms)
        if not gone:
            raise InvalidEntry("--passed", f"no sign is recorded on {day.isoformat()} to pass")
        AddSelfCheck(day, SelfCheck(moment(day), passed=tuple(gone))).apply(store)
        print(
            f"Noted for {day.isoformat()}: {', '.join(SHORT[k] for k in gone)} passed. "
            "The earlier answers stay on record."
        )
    elif named or seen is None:
        check = SelfCheck(moment(day), {key: onset for key in named})
        AddSelfCheck(day, check).apply(store)
        CountSelfCheck(day).apply(store)
        how = {"sudden": " (sudden)", "days": " (over days)"}.get(onset, "")
        said = ", ".join(SHORT[k] + how for k in named) or "nothing new to note"
        print(f"Self-check for {day.isoformat()} at {check.at:%H:%M}: {said}.")
    if seen is not None:
        AddSelfCheck(seen, SelfCheck(moment(seen), seen=True)).apply(store)
        print(f"Noted: seen by a clinician on {seen.isoformat()}.")
    for finding in load_findings(store):
        if finding.urgent:
            print(f"{finding.tier.upper()}: {finding.title}. {finding.advice}", file=sys.stderr)
    return 0


def flags(args: argparse.Namespace, store: Store) -> int:
    import json

    from .redflags import STANDING_NOTE, all_clear
    from .views import load_findings

    findings = load_findings(store, _date(args.as_of, "--as-of"))
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
