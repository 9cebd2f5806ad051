"""Shell commands that change what the diary holds as a whole: ``import``
(restore a JSON export) and ``habit`` (the person's own habits)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import timedelta

from .checklist import tick_habit
from .model import Habit, InvalidEntry, new_id
from .store import SCHEMA, Store, read_user_file, today, write_private


def import_(args: argparse.Namespace, store: Store) -> int:
    from .export import to_json
    from .importer import plan, read_export

    try:
        text = read_user_file(args.file)
    except OSError as exc:
        raise InvalidEntry("FILE", f"{args.file} cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InvalidEntry("FILE", f"{args.file} is not a text file") from None
    data = read_export(text, newest_schema=SCHEMA, now=store.now(), name=args.file)
    current = store.settings()
    twitches = store.twitches()
    days = store.day_logs()
    what = plan(data, twitches, days, current, replace_settings=args.settings)
    for warning in what.warnings:
        print(warning, file=sys.stderr)
    if args.dry_run:
        print(f"Dry run: nothing was changed. Importing {args.file} would do this:")
        print("\n".join(what.lines(dry_run=True)))
        return 0
    if not what.changes:
        print("\n".join(what.lines(dry_run=False)))
        return 0
    if what.replaces:
        # The entries about to be replaced are kept first, in a private copy
        # whose name no other import can take (two in one second included).
        stamp = f"{store.now():%Y%m%d-%H%M%S}-{new_id()[:8]}"
        kept = store.folder / f"before-import-{stamp}.json"
        write_private(kept, to_json(twitches, days.values(), current, store.now(), SCHEMA))
        print(f"The diary as it was is kept in {kept}.")
    store.restore(
        what.new_twitches, what.new_days, what.settings_change(), until=data.until or store.now()
    )
    print(f"Imported {args.file}.")
    print("\n".join(what.lines(dry_run=False)))
    return 0


def habit(args: argparse.Namespace, store: Store) -> int:
    if args.habit_command == "list":
        habits = store.settings().habits
        if not habits:
            print("No habits of your own yet. Add one: twitchtui habit add NAME [--target N]")
        day = today(store)
        log = store.day_log(day)
        for h in habits:
            done = log.habits.get(h.name, 0)
            score = " (in the checklist score)" if h.in_score else ""
            print(f"{h.name}: {done}/{h.target} today{score}")
        return 0
    name = " ".join(args.name.split())
    if args.habit_command == "add":
        new = Habit(name, args.target, args.in_score).validated()
        store.update_settings(lambda settings: settings.with_habit(new))
        kind = "yes or no" if new.target == 1 else f"{new.target} a day"
        print(f"Added the habit {new.name!r} ({kind}). Tick it with h in the app, or:")
        print(f"  twitchtui habit tick {new.name!r}")
        return 0
    habit = _find(store, name)
    if args.habit_command == "remove":

        def remove(settings):
            return replace(settings, habits=tuple(h for h in settings.habits if h != habit))

        store.update_settings(remove)
        print(f"Removed {habit.name!r} from your habits. Days already ticked keep their record.")
        return 0
    day = today(store) - timedelta(days=1 if args.yesterday else 0)
    step = -1 if args.undo else 1
    log = store.update_day(day, lambda log: tick_habit(log, habit.name, step))
    print(f"{habit.name}: {log.habits.get(habit.name, 0)}/{habit.target} on {day.isoformat()}.")
    return 0


def _find(store: Store, name: str) -> Habit:
    for h in store.settings().habits:
        if h.name.lower() == name.lower():
            return h
    known = ", ".join(h.name for h in store.settings().habits) or "none yet"
    raise InvalidEntry("habit", f"{name!r} is not one of your habits ({known})")
