"""The self-check and red-flag shell commands: ``selfcheck`` and ``flags``. No Textual import."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time

from .commands import _date
from .model import InvalidEntry, check_year
from .store import Store, today


def _visit(value: str | None, now: datetime, current: date, start: int) -> datetime | None:
    """When a clinician saw the person: ``--seen-clinician`` as a date (today:
    now; an earlier day: the start of that day, so it closes only what began
    before it) or as a date and time (2026-11-30T15:00, on this clock)."""
    if value is None:
        return None
    if "T" in value or " " in value.strip():
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidEntry(
                "--seen-clinician", f"{value!r} is not a date like 2026-11-18 or 2026-11-18T15:00"
            ) from None
        moment = moment if moment.tzinfo else moment.replace(tzinfo=now.tzinfo)
        if moment > now:
            raise InvalidEntry("--seen-clinician", f"{value} is in the future")
        check_year("--seen-clinician", moment.date())
        return moment
    day = _date(value, "--seen-clinician")
    assert day is not None
    check_year("--seen-clinician", day)
    if day > current:
        raise InvalidEntry("--seen-clinician", f"{day.isoformat()} is in the future")
    if day == current:
        return now
    return datetime.combine(day, time(start)).astimezone()


def selfcheck(args: argparse.Namespace, store: Store) -> int:
    """Add a self-check record. A sign answered before is never taken back:
    ``--passed`` records that it has gone, and only ``--seen-clinician``
    closes an urgent answer, for the signs that began before the visit."""
    from .cli import SELFCHECK_FLAGS
    from .model import SHORT, SelfCheck, day_end, diary_day, onset_note
    from .ops import AddSelfCheck, CountSelfCheck
    from .views import load_findings

    now = store.now()
    start = store.settings().day_start_hour
    current = today(store)
    day = _date(args.day, "--day") or current
    check_year("--day", day)
    if day > current:
        raise InvalidEntry("--day", f"{day.isoformat()} is in the future")
    visit = _visit(args.seen_clinician, now, current, start)
    if args.sudden and args.onset not in (None, "sudden"):
        raise InvalidEntry("--onset", f"--sudden and --onset {args.onset} disagree")
    onset = "sudden" if args.sudden else args.onset or "unsure"
    named = [key for flag, key in SELFCHECK_FLAGS.items() if getattr(args, flag.replace("-", "_"))]
    # An answer about a past day has no time: it counts from that day's end,
    # saved now (whether a sign is new is judged by what was saved before).
    at, saved = (now, None) if day == current else (day_end(day, start), now)
    how = onset_note(onset)
    if args.passed and not named:
        gone = tuple(store.day_log(day).symptoms)
        if not gone:
            raise InvalidEntry("--passed", f"no sign is recorded on {day.isoformat()} to pass")
        AddSelfCheck(day, SelfCheck(at, passed=gone, saved=saved)).apply(store)
        print(
            f"Noted for {day.isoformat()}: {', '.join(SHORT[k] for k in gone)} passed. "
            "The earlier answers stay on record."
        )
    elif named or visit is None:
        # A sign named with --passed is recorded too, and marked as passed.
        together = visit is not None and visit == at
        check = SelfCheck(
            at,
            dict.fromkeys(named, onset),
            passed=tuple(named) if args.passed else (),
            seen=together,
            saved=saved,
        )
        AddSelfCheck(day, check).apply(store)
        CountSelfCheck(day).apply(store)
        said = ", ".join(SHORT[k] + how for k in named) or "nothing new to note"
        gone = " (passed now; recorded all the same)" if args.passed else ""
        print(f"Self-check for {day.isoformat()} at {at:%H:%M}: {said}{gone}.")
        if together:
            print("Noted: seen by a clinician about these signs, now.")
            visit = None
    if visit is not None:
        on = diary_day(visit, start)
        AddSelfCheck(on, SelfCheck(visit, seen=True)).apply(store)
        print(f"Noted: seen by a clinician at {visit:%Y-%m-%d %H:%M}.")
        if args.seen_clinician and "T" not in args.seen_clinician and on != current:
            print(
                "A visit given as a date counts from the start of that day, so signs noted "
                "later that day stay open. Give its time to close them: --seen-clinician "
                f"{on.isoformat()}T15:00"
            )
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
