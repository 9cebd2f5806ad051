"""How a shell command runs: the clock it reads, the diary it opens, and
every refusal turned into one line and its exit code (see ``args``).

Nothing is created by a command that only reads, and a command that is
refused leaves no new, empty diary behind. stdout is filtered, so no entry
can drive the terminal whatever a command prints.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import TextIO, cast

from ..machine import check_device_env
from ..model import InvalidEntry, clean_text, local_now
from ..store import DiaryDamaged, NotADiaryPath, Store, StoreError, diary_target, resolve_db_path
from ..store.files import Layout
from .args import EXIT_DIARY, EXIT_USAGE, Handler, NewDiary, ReadsOnly, Standalone

Clock = Callable[[], datetime]


def run(args: argparse.Namespace) -> int:
    """Run the parsed command line (the dashboard, or one shell command)."""
    standalone: Standalone | None = vars(args).get("standalone")
    if standalone is not None:  # no diary, no clock: prints what it makes as it is
        return standalone(args)
    given: str | None = vars(args).get("db")
    try:
        path = diary_target(resolve_db_path(given))
        clock = read_clock()
        check_device_env()  # $TWITCHTUI_DEVICE names this machine's files
    except (InvalidEntry, NotADiaryPath) as exc:
        what = f"{exc.field} {exc.message}" if isinstance(exc, InvalidEntry) else str(exc)
        print(f"twitchtui: {clean_text(what)}. Nothing was changed.", file=sys.stderr)
        return EXIT_USAGE
    if args.command is None:
        from ..tui import run_tui  # Textual: only the dashboard loads it

        # The dashboard stays open, so its clock moves on from $TWITCHTUI_NOW.
        moving = read_clock(moving=True) if os.environ.get(NOW_VAR) else None
        code: int = run_tui(path, demo=args.demo, welcome=args.welcome, now=moving)
        return code
    plain = sys.stdout
    if args.command != "export":  # an export escapes its own (CSV needs its CRs)
        sys.stdout = cast(TextIO, Printable(plain))  # a stream in all but its class
    try:
        new_diary: NewDiary | None = args.new_diary
        if new_diary is not None:
            # Not the person's own diary unless named: a bare demo gets a new one.
            made = path if given else None
            return guarded(args, lambda: new_diary(args, made, clock))
        return run_command(args, path, clock)
    finally:
        sys.stdout.flush()
        sys.stdout = plain


class Printable:
    """stdout with every control character but the newline taken out, so no
    entry (a note, a medicine's name) can retitle or clear the terminal,
    whichever command prints it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(clean_text(text, newlines=True))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


NOW_VAR = "TWITCHTUI_NOW"
"""An ISO date-time that the commands take as "now" (tests, reproducible examples)."""
FIRST_CLOCK_YEAR, LAST_CLOCK_YEAR = 2000, 2100
"""A clock outside these years is wrong, and nothing is saved by it."""


def read_clock(*, moving: bool = False) -> Clock:
    """The real clock, or the moment in ``$TWITCHTUI_NOW``; either one is
    refused (``InvalidEntry``) when it is not a sane time.

    A shell command takes that moment as fixed. ``moving=True`` (for the
    dashboard, which stays open) starts the clock there and lets it run on
    at the real pace, so "12 min ago", the day's rollover and reminders move
    as they would that morning."""
    fixed = os.environ.get(NOW_VAR)
    clock: Clock = local_now
    if fixed:
        try:
            moment = datetime.fromisoformat(fixed)
        except ValueError:
            raise InvalidEntry(
                NOW_VAR, f"{fixed[:40]!r} is not an ISO date and time like 2026-11-18T14:30"
            ) from None
        _sane_year(moment.year, NOW_VAR, "it")  # before placing it: year 1 would overflow
        if moment.tzinfo is None:  # this machine's wall clock: a skipped hour is refused
            from ..when import local_moment

            moment = local_moment(moment, local_now(), NOW_VAR, [])
        offset = moment - local_now() if moving else None

        def clock() -> datetime:
            return moment if offset is None else (local_now() + offset).astimezone(moment.tzinfo)

    _sane_year(clock().year, "clock", f"the computer's clock, or {NOW_VAR},")
    return clock


def _sane_year(year: int, field: str, what: str) -> None:
    if not FIRST_CLOCK_YEAR <= year <= LAST_CLOCK_YEAR:
        raise InvalidEntry(
            field,
            f"says the year is {year}, which cannot be right (set {what} to a time "
            f"from {FIRST_CLOCK_YEAR} to {LAST_CLOCK_YEAR})",
        )


def run_command(args: argparse.Namespace, path: Path, clock: Clock | None = None) -> int:
    """Open the diary at ``path`` (creating it, unless the command only reads)
    and run the command's handler on it."""
    handler: Handler = args.handler
    reads_only: ReadsOnly = args.reads_only
    if clock is None:
        clock = read_clock()
    if reads_only(args) and not path.exists():
        if vars(args).get("no_diary_ok"):
            return 0  # ``remind`` from a timer, before the first entry: nothing to say
        print(
            f"twitchtui {args.command}: there is no diary at {clean_text(str(path))} "
            "(none was created). Give the right one with --db, or start one: twitchtui log",
            file=sys.stderr,
        )
        return EXIT_DIARY
    created: list[Path] = []
    layouts: list[Layout] = []

    def run() -> int:
        new_folders = missing_folders(path.parent)
        store = Store.open(path, now=clock)
        if store.created:
            created.extend([store.path, store.layout.lock, *new_folders])
            layouts.append(store.layout)
        warn_if_shared(store.folder)
        for line in store.merged:  # conflict copies a sync tool made, folded in
            print(f"twitchtui: {clean_text(line)}", file=sys.stderr)
        code = handler(args, store)
        if code != 0:
            return code  # refused: a diary made only for it is taken back (below)
        if not reads_only(args):
            refresh_names(store)
        if store.created:
            where = " (in a new folder)" if new_folders else ""
            print(f"Started a new diary at {clean_text(str(store.path))}{where}.", file=sys.stderr)
        created.clear()
        return code

    try:
        return guarded(args, run)
    finally:
        if created and not layouts[0].shard_paths():  # nothing was written into it
            undo_creation(created)


def refresh_names(store: Store) -> None:
    """After a write: the habit and medicine names Tab offers (``names``),
    rewritten only when one changed (the settings are cached: no read)."""
    from ..names import refresh  # after a write only

    refresh(store.settings())


def guarded(args: argparse.Namespace, run: Callable[[], int]) -> int:
    """``run()``, with every refusal turned into one line and its exit code."""
    try:
        return run()
    except InvalidEntry as exc:
        print(
            f"twitchtui {args.command}: {clean_text(exc.field)} {clean_text(exc.message)}. "
            "Nothing was saved.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except NotADiaryPath as exc:
        print(f"twitchtui: {clean_text(str(exc))}. Nothing was changed.", file=sys.stderr)
        return EXIT_USAGE
    except DiaryDamaged as exc:
        if Store(exc.path).may_set_aside(exc.path):
            what = "open `twitchtui` to set it aside and start afresh, or restore it from a backup"
        else:
            what = "it is not a twitchtui diary file: choose another file with --db"
        print(
            f"twitchtui: {clean_text(str(exc.path))} {clean_text(exc.reason)}. "
            f"It was left untouched; {what}.",
            file=sys.stderr,
        )
        return EXIT_DIARY
    except StoreError as exc:
        print(f"twitchtui: {clean_text(str(exc))}", file=sys.stderr)
        return EXIT_DIARY


def missing_folders(folder: Path) -> list[Path]:
    """``folder`` and its parents that do not exist yet, deepest first."""
    missing = []
    folder = folder.absolute()
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def undo_creation(created: list[Path]) -> None:
    """A command that was refused leaves no diary behind: remove the empty
    diary (and the folders) it made on the way, and nothing else."""
    for made in created:
        with suppress(OSError):
            if made.is_dir():
                made.rmdir()  # only if empty
            else:
                made.unlink()


def warn_if_shared(folder: Path) -> None:
    """Say so when other people may write in the diary's folder: they could
    replace the diary with anything."""
    try:
        mode = folder.stat().st_mode
    except OSError:
        return
    if mode & (stat.S_IWGRP | stat.S_IWOTH):
        print(
            f"twitchtui: warning: other users can write in {clean_text(str(folder))} "
            f"(mode {stat.S_IMODE(mode):o}), so they could replace your diary. "
            f"To fix: chmod 700 {clean_text(str(folder))}",
            file=sys.stderr,
        )
