"""``twitchtui bed``: a bedtime (before noon: last night's)."""

from __future__ import annotations

import argparse

from .. import checklist
from ..model import InvalidEntry, parse_hhmm
from ..ops import SetDayFields
from ..session import bedtime_night, bedtime_refusal, now_is_bedtime
from ..store import Store
from .args import Subparsers, command, parse_date


def register(sub: Subparsers) -> None:
    parser = command(sub, "bed", bed, help="record a bedtime (before noon: last night's)")
    parser.add_argument("time", nargs="?", metavar="HH:MM", help="default: now")
    parser.add_argument("--day", metavar="YYYY-MM-DD", help="the night of this day")


def bed(args: argparse.Namespace, store: Store) -> int:
    now = store.now()
    settings = store.settings()
    if args.time:
        bedtime = parse_hhmm("bedtime", args.time)
    elif now_is_bedtime(now, settings.day_start_hour):
        bedtime = now.time().replace(second=0, microsecond=0)
    else:
        raise InvalidEntry(
            "bedtime",
            f"needs a time: it is {now:%H:%M}, not the evening; give the time you "
            "went to bed, e.g. twitchtui bed 22:30",
        )
    assert bedtime is not None  # parse_hhmm gives None only for no text
    day = parse_date(args.day, "--day") or bedtime_night(now, settings.day_start_hour)
    refusal = bedtime_refusal(day, bedtime, now)
    if refusal:
        raise InvalidEntry("bedtime", refusal)
    before = store.day_log(day).bedtime
    SetDayFields(day, {"bedtime": bedtime}).apply(store)
    met = checklist.bedtime_met(bedtime, settings.target_bedtime)
    verdict = "early enough" if met else f"later than the {settings.target_bedtime:%H:%M} aim"
    replaced = f" (replaces {before:%H:%M})" if before is not None and before != bedtime else ""
    print(f"Bedtime {bedtime:%H:%M} for the night of {day.isoformat()}{replaced}: {verdict}.")
    return 0
