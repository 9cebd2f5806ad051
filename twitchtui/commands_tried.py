"""Shell commands for what was tried: relief sessions done away from the
screen, and experiments (start, stop, status). No Textual import."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from .model import PAUSE, PRESETS, Conflict, Experiment, InvalidEntry, Relief, preset_words
from .ops import AddRelief, EndExperiment, StartExperiment
from .store import Store
from .timer import pmr_length

KINDS = {"compress": "warm-compress", "pmr": "pmr"}


def end_if_due(store: Store) -> str | None:
    """End the pause or experiment whose time is up, keeping its result; the
    result's line, or None when nothing was due."""
    from .trials import due_end, result_sentence

    due = due_end(store.settings(), store.now())
    if due is None:
        return None
    try:
        done = EndExperiment(due[0], due[1], stopped_early=False).apply(store)
    except Conflict:
        return None  # ended elsewhere meanwhile
    return result_sentence(done.done)  # type: ignore[attr-defined]


def relief(args: argparse.Namespace, store: Store) -> int:
    from .commands import _parse_at
    from .model import diary_day

    settings = store.settings()
    kind = KINDS[args.kind]
    if args.minutes is not None:
        if not 1 <= args.minutes <= 240:
            raise InvalidEntry("--minutes", f"must be from 1 to 240, not {args.minutes}")
        length = args.minutes * 60
    elif kind == "warm-compress":
        length = settings.compress_minutes * 60
    else:
        length = pmr_length(settings.pmr_rounds)
    # Without --at, the session is taken to have just ended.
    started = _parse_at(args.at, store) if args.at else store.now() - timedelta(seconds=length)
    session = Relief(kind, started, length, length, finished=True)
    day = diary_day(started, settings.day_start_hour)
    AddRelief(day, session).apply(store)
    print(f"Kept: a {session.label} of {length // 60} min at {started:%a %d %b %H:%M}.")
    return 0


def _name(args: argparse.Namespace) -> str:
    words = " ".join(args.name)
    return preset_words(words, args.after) if words in PRESETS else words


def experiment(args: argparse.Namespace, store: Store) -> int:
    from .store import today
    from .trials import result_sentence

    ended = end_if_due(store)
    if ended:
        print(f"Ended by itself: {ended}")
    settings = store.settings()
    if args.experiment_command == "start":
        if not 3 <= args.days <= 60:
            raise InvalidEntry("--days", f"must be from 3 to 60, not {args.days}")
        new = Experiment(_name(args), store.now(), args.days)
        try:
            StartExperiment(new).apply(store)
        except Conflict as exc:
            print(f"twitchtui experiment: {exc}. Nothing was started.", file=sys.stderr)
            return 1
        print(f"Started: {new.name}, for {new.days} days. `twitchtui experiment stop` ends it.")
        return 0
    running = settings.experiment
    if args.experiment_command == "stop":
        if running is None:
            print("No experiment is running.", file=sys.stderr)
            return 1
        done = EndExperiment(running.name, store.now(), stopped_early=True).apply(store)
        print(f"Stopped. {result_sentence(done.done)}")  # type: ignore[attr-defined]
        return 0
    if running is not None:
        day = running.day_number(today(store), settings.day_start_hour)
        print(f"Running: {running.name}, day {day} of {running.days}.")
    elif settings.pause_started is not None:
        print(f"Running: the stimulant pause, begun {settings.pause_started:%a %H:%M}.")
    else:
        print("No experiment is running.")
    for done in sorted(settings.tried, key=lambda e: e.started, reverse=True):
        print(f"- {result_sentence(done)}")
    return 0


def pause(args: argparse.Namespace, store: Store) -> int:
    from .checklist import PAUSE_HOURS
    from .trials import result_sentence

    ended = end_if_due(store)
    if ended:
        print(f"Ended by itself: {ended}")
    if args.stop:
        if store.settings().pause_started is None:
            print("No stimulant pause is running.")
            return 0
        done = EndExperiment(PAUSE, store.now(), stopped_early=True).apply(store)
        print(f"Stimulant pause stopped. {result_sentence(done.done)}")  # type: ignore[attr-defined]
        return 0
    started = store.now().replace(microsecond=0)
    try:
        StartExperiment(Experiment(PAUSE, started, 2)).apply(store)
    except Conflict as exc:
        print(f"twitchtui pause: {exc}. Nothing was started.", file=sys.stderr)
        return 1
    ends = started + timedelta(hours=PAUSE_HOURS)
    print(f"Stimulant pause started: no coffee until {ends:%a %H:%M}.")
    return 0
