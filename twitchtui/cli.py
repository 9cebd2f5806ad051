"""Command line: argument parsing and dispatch only.

``twitchtui`` alone opens the dashboard; the subcommands work from a shell or a
hotkey while the dashboard is open. Nothing here imports Textual unless the
dashboard is started, so ``twitchtui log`` starts fast.

Exit codes: 0 done, 1 the diary could not be used (damaged, locked, a failed
write; the message says which file and what to do), 2 bad input (nothing was
written).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import __version__
from .model import PRESETS, SIDES, SITES, SYMPTOMS

EXIT_DIARY = 1
EXIT_USAGE = 2

SELFCHECK_FLAGS: dict[str, str] = {
    "droop": "droop",
    "water-escapes": "cannot_hold_water",
    "uneven-smile": "asymmetry",
    "eye-wont-close": "eye_wont_close",
    "speech": "speech",
    "limb-weakness": "limb_weakness",
    "numbness": "numbness",
    "tingling": "tingling",
    "vision-balance": "vision_balance",
    "swallowing": "swallowing",
    "confusion": "confusion",
    "headache": "headache",
    "wasting": "wasting",
    "pulling": "pulling",
    "eyelid-shut": "eyelid_closing",
}
"""``twitchtui selfcheck`` flags and the self-check answer each one sets."""


def _formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's formatter, told the width up front: otherwise it imports shutil
    on every run just to measure the terminal, which slows ``twitchtui log``."""
    try:
        width = os.get_terminal_size().columns
    except OSError:
        width = 80
    return argparse.HelpFormatter(prog, width=max(40, width - 2))


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="diary file (default: $TWITCHTUI_DB, else the user data folder)",
    )


class _SubParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _formatter)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="twitchtui",
        formatter_class=_formatter,
        description="A twitch diary, daily checklist and doctor's report for a twitching lip.",
        epilog="Run without a command to open the dashboard.",
    )
    parser.add_argument("--version", action="version", version=f"twitchtui {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the dashboard on a temporary sample diary (yours is left untouched)",
    )
    parser.add_argument(
        "--welcome", action="store_true", help="show the first-run welcome page again"
    )
    _db_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_SubParser)

    log = sub.add_parser("log", help="record one twitch")
    _db_option(log)
    log.add_argument("--site", choices=SITES, help="default: the last site used")
    log.add_argument("--side", choices=SIDES, help="default: the last side used")
    unset = "left out: not given (or the default set in the settings)"
    log.add_argument("--intensity", type=int, metavar="1-5", help=unset)
    log.add_argument("--duration", type=int, metavar="SECONDS", help=unset)
    log.add_argument("--note", metavar="TEXT")
    log.add_argument("--trigger", action="append", metavar="TAG", help="repeatable")
    log.add_argument(
        "--at", metavar="WHEN", help="HH:MM today, 'yesterday HH:MM', or ISO (default: now)"
    )

    status = sub.add_parser("status", help="one line for a status bar")
    _db_option(status)

    export = sub.add_parser("export", help="write every entry to stdout")
    _db_option(export)
    export.add_argument("--format", choices=("json", "csv"), default="json")

    water = sub.add_parser("water", help="show today's water; +N adds glasses, -N takes some off")
    _db_option(water)
    water.add_argument("glasses", nargs="?", help="+1, +2, -1 … (without it: show, change nothing)")
    water.add_argument("--electrolytes", action="store_true", help="tick: electrolytes added")

    coffee = sub.add_parser("coffee", help="record a cup of coffee")
    _db_option(coffee)
    coffee.add_argument(
        "--at", metavar="WHEN", help="HH:MM today, 'yesterday HH:MM', or ISO (default: now)"
    )
    coffee.add_argument(
        "--none",
        action="store_true",
        help="no coffee today: answers the checklist's coffee item without a cup",
    )

    snack = sub.add_parser("snack", help="tick the snack (almonds, a banana or another)")
    _db_option(snack)
    snack.add_argument("--undo", action="store_true", help="untick it")
    snack.add_argument(
        "--food", metavar="NAME", help="almonds, banana, spinach, black beans, dark chocolate…"
    )

    bed = sub.add_parser("bed", help="record a bedtime (before noon: last night's)")
    _db_option(bed)
    bed.add_argument("time", nargs="?", metavar="HH:MM", help="default: now")
    bed.add_argument("--day", metavar="YYYY-MM-DD", help="the night of this day")

    checkin = sub.add_parser("checkin", help="daily check-in: stress, sleep, food")
    _db_option(checkin)
    checkin.add_argument("--stress", type=int, metavar="1-5")
    checkin.add_argument("--sleep", type=float, metavar="HOURS")
    checkin.add_argument("--food", metavar="TEXT")
    checkin.add_argument("--alcohol", choices=("yes", "no"), help="any alcohol today")
    checkin.add_argument("--nicotine", choices=("yes", "no"), help="any nicotine today")
    checkin.add_argument("--screen-hours", type=float, metavar="HOURS")

    pause = sub.add_parser("pause", help="start (or --stop) a 48-hour stimulant pause")
    _db_option(pause)
    pause.add_argument("--stop", action="store_true")

    relief = sub.add_parser("relief", help="keep a warm compress or face relaxation done")
    _db_option(relief)
    relief.add_argument("kind", choices=("compress", "pmr"))
    relief.add_argument("--at", metavar="WHEN", help="when it began (default: it just ended)")
    relief.add_argument("--minutes", type=int, metavar="N", help="how long (default: settings)")

    trial = sub.add_parser("experiment", help="try one change for some days: start, stop, status")
    _db_option(trial)
    trial_sub = trial.add_subparsers(dest="experiment_command", metavar="ACTION", required=True)
    t_start = trial_sub.add_parser(
        "start", help=f"start NAME: {', '.join(PRESETS)}, or your own words"
    )
    t_start.add_argument("name", nargs="+")
    t_start.add_argument("--days", type=int, required=True, metavar="N", help="3 to 60")
    t_start.add_argument("--after", metavar="HH:MM", help="the time in no-*-after presets")
    t_stop = trial_sub.add_parser("stop", help="stop it now and show how it went")
    t_status = trial_sub.add_parser("status", help="the one running, and the results kept")
    for action in (t_start, t_stop, t_status):
        _db_option(action)

    selfcheck = sub.add_parser(
        "selfcheck",
        help="add to the weakness self-check record (urgent answers say so on stderr)",
        description=(
            "Each call adds a record with its time. A later call never takes back a sign: "
            "to say one has gone, use --passed with it. Only --seen-clinician closes an "
            "urgent answer, for the signs that began before that visit."
        ),
    )
    _db_option(selfcheck)
    selfcheck.add_argument(
        "--day", metavar="YYYY-MM-DD", help="default: today (a past day is recorded at its end)"
    )
    for flag, key in SELFCHECK_FLAGS.items():
        selfcheck.add_argument(f"--{flag}", action="store_true", help=SYMPTOMS[key].lower())
    selfcheck.add_argument(
        "--onset",
        choices=("sudden", "days", "unsure"),
        help="how the signs in this call came on (default: unsure)",
    )
    selfcheck.add_argument("--sudden", action="store_true", help="the same as --onset sudden")
    selfcheck.add_argument(
        "--passed",
        action="store_true",
        help=(
            "the signs named have passed now (they are recorded, and marked as passed); "
            "with none named, every sign recorded on the day"
        ),
    )
    selfcheck.add_argument(
        "--seen-clinician",
        metavar="WHEN",
        help=(
            "a clinician saw you: today (now), a past date (its start), or a date and time "
            "like 2026-11-30T15:00; closes urgent answers that began before it"
        ),
    )

    meds = sub.add_parser("meds", help="your medicine list: add, stop, list")
    _db_option(meds)
    meds_sub = meds.add_subparsers(dest="meds_command", metavar="ACTION", required=True)
    add = meds_sub.add_parser("add", help="add a medicine")
    add.add_argument("name")
    add.add_argument("--dose", metavar="TEXT", default="")
    add.add_argument("--started", metavar="YYYY-MM-DD", help="default: today")
    stop = meds_sub.add_parser("stop", help="mark a medicine as stopped")
    stop.add_argument("name")
    stop.add_argument("--on", metavar="YYYY-MM-DD", help="default: today")
    listing = meds_sub.add_parser("list", help="show the list")
    for action in (add, stop, listing):
        _db_option(action)

    flags = sub.add_parser("flags", help="list red-flag findings (exit code 0 either way)")
    _db_option(flags)
    flags.add_argument("--json", action="store_true", help="a list of {id, level, reason, entries}")
    flags.add_argument("--as-of", metavar="YYYY-MM-DD", help="check the diary as it was that day")

    report = sub.add_parser("report", help="the twitch diary for your doctor")
    _db_option(report)
    report.add_argument("--as-of", metavar="YYYY-MM-DD", help="the period ends that day")
    report.add_argument("--days", type=int, default=28, help="how many days back (default 28)")
    report.add_argument("--format", choices=("md", "html"), default="md")
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE (mode 0600)")

    restore = sub.add_parser("import", help="restore a JSON export (merges by id; safe to repeat)")
    _db_option(restore)
    restore.add_argument("file", metavar="FILE", help="a file from: twitchtui export --format json")
    restore.add_argument(
        "--dry-run", action="store_true", help="say what would change, change nothing"
    )
    restore.add_argument(
        "--settings", action="store_true", help="take the file's settings even if yours differ"
    )

    habit = sub.add_parser("habit", help="your own habits: add, tick, remove, list")
    _db_option(habit)
    habit_sub = habit.add_subparsers(dest="habit_command", metavar="ACTION", required=True)
    h_add = habit_sub.add_parser("add", help="add a habit (yes/no, or --target N a day)")
    h_add.add_argument("name")
    h_add.add_argument("--target", type=int, default=1, metavar="N", help="times a day (default 1)")
    h_add.add_argument("--in-score", action="store_true", help="count it in the checklist score")
    h_tick = habit_sub.add_parser("tick", help="tick a habit once for today")
    h_tick.add_argument("name")
    h_tick.add_argument("--yesterday", action="store_true", help="for yesterday instead")
    h_tick.add_argument("--undo", action="store_true", help="take one tick off")
    h_remove = habit_sub.add_parser("remove", help="take a habit off your list")
    h_remove.add_argument("name")
    h_list = habit_sub.add_parser("list", help="your habits and today's ticks")
    for action in (h_add, h_tick, h_remove, h_list):
        _db_option(action)

    demo = sub.add_parser("demo", help="write a reproducible sample diary")
    _db_option(demo)
    demo.add_argument("--days", type=int, default=60)
    demo.add_argument("--per-day", type=float, default=6.0, metavar="M")
    demo.add_argument("--seed", type=int, default=1, metavar="K")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        from .running import run

        code = run(args)
        sys.stdout.flush()  # here, not at exit, where a closed pipe could not be caught
        return code
    except BrokenPipeError:
        # The reader went away (``twitchtui export | head -2``): end quietly,
        # and keep Python from complaining again as it flushes at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
