"""``twitchtui selfcheck``: add to the weakness self-check record."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

from ..model import (
    SHORT,
    SYMPTOMS,
    InvalidEntry,
    SelfCheck,
    check_year,
    day_end,
    diary_day,
    onset_note,
)
from ..ops import AddSelfCheck, WithdrawSelfCheck
from ..store import Store, today
from ..views import load_findings
from .args import SELFCHECK_FLAGS, Subparsers, command, parse_date, parse_visit, selfcheck_signs


def register(sub: Subparsers) -> None:
    parser = command(
        sub,
        "selfcheck",
        selfcheck,
        help="add to the weakness self-check record (urgent answers say so on stderr)",
        description=(
            "Each call adds a record with its time. A later call never takes back a sign: "
            "to say one has gone, use --passed with it. Only --seen-clinician closes an "
            "urgent answer, for the signs that began before that visit."
        ),
    )
    parser.add_argument(
        "--day", metavar="YYYY-MM-DD", help="default: today (a past day is recorded at its end)"
    )
    for flag, key in SELFCHECK_FLAGS.items():
        parser.add_argument(f"--{flag}", action="store_true", help=SYMPTOMS[key].lower())
    parser.add_argument(
        "--onset",
        choices=("sudden", "days", "unsure"),
        help="how the signs in this call came on (default: unsure)",
    )
    parser.add_argument("--sudden", action="store_true", help="the same as --onset sudden")
    parser.add_argument(
        "--passed",
        action="store_true",
        help=(
            "the signs named have passed now (they are recorded, and marked as passed); "
            "with none named, every sign recorded on the day"
        ),
    )
    parser.add_argument(
        "--seen-clinician",
        metavar="WHEN",
        help=(
            "a clinician saw you: today (now), a past date (its start), or a date and time "
            "like 2026-11-30T15:00; closes urgent answers that began before it"
        ),
    )
    parser.add_argument(
        "--withdraw",
        action="store_true",
        help=(
            "withdraw the day's latest answer with a sign as entered by mistake: it stays "
            "in the diary and the report, marked withdrawn, and the red flags stop counting it"
        ),
    )


def withdraw(store: Store, day: date) -> None:
    """Withdraw the latest answer with a sign saved for ``day`` (``--withdraw``)."""
    answers = [c for c in store.day_log(day).answers if c.signs]
    if not answers:
        raise InvalidEntry(
            "--withdraw", f"finds no answer with a sign on {day.isoformat()} not withdrawn already"
        )
    check = max(answers, key=lambda c: c.saved_at)
    WithdrawSelfCheck(day, check).apply(store)
    signs = ", ".join(SHORT[k] + onset_note(v) for k, v in check.signs.items())
    print(
        f"Withdrawn: the self-check for {day.isoformat()} "
        f"{_said_when(check, day)} ({signs}"
        + ("; its 'seen by a clinician' with it" if check.seen else "")
        + "). The diary keeps it, marked withdrawn; the red flags no longer count it."
    )


def _said_when(check: SelfCheck, day: date) -> str:
    """When a confirmation says the answer was: a past day's answer has no
    time of its own; today's moment may lie on the next calendar date
    (before the day-start hour), and then says that date."""
    if check.timeless:
        return "(no time given)"
    at = check.at
    return f"at {at:%H:%M}" if at.date() == day else f"at {at:%Y-%m-%d %H:%M}"


def record_visit(
    store: Store, visit: datetime, given: str, current: date, start: int, *, hint: bool = True
) -> None:
    """Save a clinician's visit (``--seen-clinician``), and say how a date alone
    counts (``hint``: not when the call's own signs are covered already)."""
    on = diary_day(visit, start)
    # Saved now, whatever moment it was: it covers only the signs told before now.
    now = store.now()
    AddSelfCheck(on, SelfCheck(visit, seen=True, saved=now if visit < now else None)).apply(store)
    print(f"Noted: seen by a clinician at {visit:%Y-%m-%d %H:%M}.")
    if hint and "T" not in given and on != current:
        print(
            "A visit given as a date counts from the start of that day, so signs noted "
            "later that day stay open. Give its time to close them: --seen-clinician "
            f"{on.isoformat()}T15:00"
        )


def passed_only(store: Store, day: date, at: datetime, saved: datetime | None) -> None:
    """``--passed`` alone: the day's signs recorded as having passed."""
    gone = tuple(store.day_log(day).symptoms)
    if not gone:
        raise InvalidEntry("--passed", f"no sign is recorded on {day.isoformat()} to pass")
    AddSelfCheck(day, SelfCheck(at, passed=gone, saved=saved)).apply(store)
    print(
        f"Noted for {day.isoformat()}: {', '.join(SHORT[k] for k in gone)} passed. "
        "The earlier answers stay on record."
    )


def selfcheck(args: argparse.Namespace, store: Store) -> int:
    """Add a self-check record. A sign answered before is never taken back:
    ``--passed`` records that it has gone, and only ``--seen-clinician``
    closes an urgent answer, for the signs that began before the visit."""
    now = store.now()
    start = store.settings().day_start_hour
    current = today(store)
    day = parse_date(args.day, "--day") or current
    check_year("--day", day)
    if day > current:
        raise InvalidEntry("--day", f"{day.isoformat()} is in the future")
    visit = parse_visit(args.seen_clinician, now, current, start)
    if args.sudden and args.onset not in (None, "sudden"):
        raise InvalidEntry("--onset", f"--sudden and --onset {args.onset} disagree")
    onset = "sudden" if args.sudden else args.onset or "unsure"
    named = selfcheck_signs(args)
    # An answer about a past day has no time: it counts from that day's end,
    # saved now (whether a sign is new is judged by what was saved before).
    at, saved = (now, None) if day == current else (day_end(day, start), now)
    how = onset_note(onset)
    together = False  # a visit saved in the answer's own record (below)
    if args.withdraw:
        if named or args.passed or visit is not None or args.onset or args.sudden:
            raise InvalidEntry("--withdraw", "takes back an answer and adds none: give it alone")
        withdraw(store, day)
    elif args.passed and not named:
        passed_only(store, day, at, saved)
    elif named or visit is None:
        # A sign named with --passed is recorded too, and marked as passed.
        # Seen about these signs: now, or (an answer about a past day, which
        # has no time) a visit on that same day, which it cannot be said to
        # come after: the visit is kept in the answer's own record too.
        together = visit is not None and (
            visit == at or (saved is not None and diary_day(visit, start) == day)
        )
        check = SelfCheck(
            at,
            dict.fromkeys(named, onset),
            passed=tuple(named) if args.passed else (),
            seen=together,
            saved=saved,
        )
        AddSelfCheck(day, check, opened=1).apply(store)  # its answers and its count, in one write
        said = ", ".join(SHORT[k] + how for k in named) or "nothing new to note"
        also = " (passed now; recorded all the same)" if args.passed else ""
        print(f"Self-check for {day.isoformat()} {_said_when(check, day)}: {said}{also}.")
        if together and visit == at:
            print("Noted: seen by a clinician about these signs, now.")
            visit = None
        elif together:
            print(f"Noted: seen by a clinician about these signs on {day.isoformat()}.")
    if visit is not None:
        record_visit(store, visit, args.seen_clinician, current, start, hint=not together)
    for finding in load_findings(store):
        if finding.urgent:
            print(f"{finding.tier.upper()}: {finding.title}. {finding.advice}", file=sys.stderr)
    return 0
