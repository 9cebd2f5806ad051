"""``twitchtui pause``: start (or ``--stop``) a 48-hour stimulant pause."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from ..checklist import PAUSE_HOURS
from ..model import PAUSE, Conflict, Experiment
from ..ops import EndExperiment, StartExperiment
from ..store import Store
from ..tried import result_sentence
from .args import EXIT_USAGE, Subparsers, command
from .experiment import end_if_due


def register(sub: Subparsers) -> None:
    parser = command(sub, "pause", pause, help="start (or --stop) a 48-hour stimulant pause")
    parser.add_argument("--stop", action="store_true")


def pause(args: argparse.Namespace, store: Store) -> int:
    ended = end_if_due(store)
    if ended:
        print(f"Ended by itself: {ended}")
    if args.stop:
        if store.settings().pause_started is None:
            if ended:  # it ended by itself just now: what --stop asked for
                print("No stimulant pause is running.")
                return 0
            print("No stimulant pause is running.", file=sys.stderr)
            return EXIT_USAGE
        done = EndExperiment(PAUSE, store.now(), stopped_early=True).apply(store)
        print(f"Stimulant pause stopped. {result_sentence(done.done)}")
        return 0
    started = store.now().replace(microsecond=0)
    try:
        StartExperiment(Experiment(PAUSE, started, 2)).apply(store)
    except Conflict as exc:
        print(f"twitchtui pause: {exc}. Nothing was started.", file=sys.stderr)
        return EXIT_USAGE
    ends = started + timedelta(hours=PAUSE_HOURS)
    print(f"Stimulant pause started: no coffee until {ends:%a %H:%M}.")
    return 0
