"""``twitchtui log``: record one twitch."""

from __future__ import annotations

import argparse

from ..humanize import given, plural
from ..model import SIDES, SITES, InvalidEntry, Twitch
from ..model.twitch import next_site_side
from ..ops import DeleteTwitch, LogTwitch
from ..store import Store, today
from .args import AT_HELP, Subparsers, command, parse_at


def register(sub: Subparsers) -> None:
    parser = command(sub, "log", log, help="record one twitch")
    parser.add_argument("--site", choices=SITES, help="default: the last site used")
    parser.add_argument("--side", choices=SIDES, help="default: the last side used")
    unset = "left out: not given (or the default set in the settings)"
    parser.add_argument("--intensity", type=int, metavar="1-5", help=unset)
    parser.add_argument("--duration", type=int, metavar="SECONDS", help=unset)
    parser.add_argument("--note", metavar="TEXT")
    parser.add_argument("--trigger", action="append", metavar="TAG", help="repeatable")
    parser.add_argument("--at", metavar="WHEN", help=AT_HELP)
    parser.add_argument(
        "--undo",
        action="store_true",
        help="take back the latest twitch logged on this machine today (a key pressed by "
        "mistake), and say which",
    )


def log(args: argparse.Namespace, store: Store) -> int:
    settings = store.settings()
    if args.undo:
        return undo(args, store)
    site, side = next_site_side(store.last_twitch(), settings)
    twitch = Twitch(
        at=parse_at(args.at, store),
        site=args.site or site,
        side=args.side or side,
        intensity=settings.default_intensity if args.intensity is None else args.intensity,
        duration_s=settings.default_duration_s if args.duration is None else args.duration,
        note=args.note or "",
        triggers=tuple(args.trigger or ()),
    )
    saved = LogTwitch(twitch).apply(store).twitch
    day = saved.day(settings.day_start_hour)
    count = len(store.twitches(day, day))
    print(
        f"Logged a twitch at {saved.at:%H:%M}: {saved.site}, {saved.side}, "
        f"intensity {given(saved.intensity)}, duration "
        f"{given(saved.duration_s) if saved.duration_s is None else f'{saved.duration_s} s'}. "
        f"{plural(count, 'twitch')} on {day.isoformat()}."
    )
    return 0


def undo(args: argparse.Namespace, store: Store) -> int:
    """``log --undo``: delete the latest twitch logged on this machine today
    (never an older day's, another machine's, or one ahead of this clock)."""
    options = [f"--{k}" for k in ("site", "side", "intensity", "duration", "note", "trigger", "at")]
    if any(getattr(args, flag[2:]) is not None for flag in options):
        raise InvalidEntry("--undo", "takes back a twitch and logs none: give it alone")
    day, now = today(store), store.now()
    mine, _ = store.own_of_day(day)
    # Logged on this machine (never another's), and not ahead of this clock.
    candidates = [t for t in store.twitches(day, day) if t.id in mine and t.at <= now]
    if not candidates:
        raise InvalidEntry(
            "--undo", f"finds no twitch logged on this machine on {day.isoformat()} to take back"
        )
    latest = max(candidates, key=lambda t: t.at)
    DeleteTwitch(latest, unchanged=True).apply(store)
    count = len(store.twitches(day, day))
    print(
        f"Took back the twitch at {latest.at:%H:%M} ({latest.site}, {latest.side}). "
        f"{plural(count, 'twitch')} on {day.isoformat()}."
    )
    return 0
