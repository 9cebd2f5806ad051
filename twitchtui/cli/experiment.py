"""``twitchtui experiment``: try one change for some days (start, stop, status)."""

from __future__ import annotations

import argparse
import sys

from ..model import PRESETS, Conflict, Experiment, InvalidEntry, preset_words
from ..ops import EndExperiment, StartExperiment
from ..store import Store, today
from ..tried import due_end, result_sentence
from .args import EXIT_USAGE, Subparsers, always, command, db_option


def register(sub: Subparsers) -> None:
    parser = command(
        sub, "experiment", experiment, help="try one change for some days: start, stop, status"
    )
    actions = parser.add_subparsers(dest="experiment_command", metavar="ACTION", required=True)
    start = actions.add_parser("start", help=f"start NAME: {', '.join(PRESETS)}, or your own words")
    start.add_argument("name", nargs="+")
    start.add_argument("--days", type=int, required=True, metavar="N", help="3 to 60")
    start.add_argument("--after", metavar="HH:MM", help="the time in no-*-after presets")
    stop = actions.add_parser("stop", help="stop it now and show how it went")
    status = actions.add_parser("status", help="the one running, and the results kept")
    status.set_defaults(reads_only=always)
    for action in (start, stop, status):
        db_option(action)


def end_if_due(store: Store) -> str | None:
    """End the pause or experiment whose time is up, keeping its result; the
    result's line, or None when nothing was due."""
    due = due_end(store.settings(), store.now())
    if due is None:
        return None
    try:
        done = EndExperiment(due[0], due[1], stopped_early=False).apply(store)
    except Conflict:
        return None  # ended elsewhere meanwhile
    return result_sentence(done.done)


def name_of(args: argparse.Namespace) -> str:
    words = " ".join(args.name)
    return preset_words(words, args.after) if words in PRESETS else words


def experiment(args: argparse.Namespace, store: Store) -> int:
    ended = end_if_due(store)
    if ended:
        print(f"Ended by itself: {ended}")
    settings = store.settings()
    if args.experiment_command == "start":
        if not 3 <= args.days <= 60:
            raise InvalidEntry("--days", f"must be from 3 to 60, not {args.days}")
        new = Experiment(name_of(args), store.now(), args.days)
        try:
            StartExperiment(new).apply(store)
        except Conflict as exc:
            print(f"twitchtui experiment: {exc}. Nothing was started.", file=sys.stderr)
            return EXIT_USAGE
        print(f"Started: {new.name}, for {new.days} days. `twitchtui experiment stop` ends it.")
        return 0
    running = settings.experiment
    if args.experiment_command == "stop":
        if running is None:
            if ended:  # it ended by itself just now: what stop asked for
                print("No experiment is running.")
                return 0
            print("No experiment is running.", file=sys.stderr)
            return EXIT_USAGE
        done = EndExperiment(running.name, store.now(), stopped_early=True).apply(store)
        print(f"Stopped. {result_sentence(done.done)}")
        return 0
    if running is not None:
        day = running.day_number(today(store), settings.day_start_hour)
        print(f"Running: {running.name}, day {day} of {running.days}.")
    elif settings.pause_started is not None:
        print(f"Running: the stimulant pause, begun {settings.pause_started:%a %H:%M}.")
    else:
        print("No experiment is running.")
    for kept in sorted(settings.tried, key=lambda e: e.started, reverse=True):
        print(f"- {result_sentence(kept)}")
    return 0
