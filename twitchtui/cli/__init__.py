"""Command line: the entry point, which parses the arguments and runs one command.

``twitchtui`` alone opens the dashboard; the subcommands work from a shell or a
hotkey while the dashboard is open. Each command is a module of this package
that adds its own parser (``register``) and sets its handler on it. Only the
module of the command being run is imported, and nothing imports Textual
unless the dashboard is started, so ``twitchtui log`` starts fast. How a
command runs (clock, diary, refusals, exit codes) is ``running``'s.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence

from .. import __version__
from .args import SubParser, db_option, never, raw_epilog

COMMANDS: dict[str, str] = {
    "log": "log",
    "status": "status",
    "export": "export",
    "water": "water",
    "coffee": "coffee",
    "snack": "snack",
    "bed": "bed",
    "checkin": "checkin",
    "pause": "pause",
    "relief": "relief",
    "experiment": "experiment",
    "selfcheck": "selfcheck",
    "meds": "meds",
    "flags": "flags",
    "report": "report",
    "import": "import_",
    "habit": "habit",
    "demo": "demo",
    "remind": "remind",
    "sync": "sync",
    "completions": "completions",
}
"""Each command and the module of this package that registers it, in the
order ``--help`` lists them. The modules are imported by name, so that a
command loads only its own (this is the one lazy step of the shell)."""


EPILOG = """\
Run without a command to open the dashboard.

environment:
  TWITCHTUI_DB     the diary file, when --db is not given
  TWITCHTUI_NOW    an ISO date and time the commands take as "now" (to try
                   a morning in the afternoon, or for a reproducible example):
                   TWITCHTUI_NOW=2026-11-18T08:30 twitchtui status; the
                   dashboard starts there and its clock runs on
  TWITCHTUI_DEVICE this machine's name in a diary shared through a sync
                   tool (1 to 32 letters, digits, - or _; default: a name
                   made once and kept in the state folder)
  TWITCHTUI_CACHE_DIR, TWITCHTUI_STATE_DIR
                   where the completion names and the record of reminders
                   sent are kept (default: the user cache and state folders)

exit codes:
  0  done
  1  the diary could not be used (damaged, locked, read-only, a failed
     write; the message names the file and what to do), or a command that
     only reads found no diary
  2  bad input (a bad date, --db, TWITCHTUI_NOW or clock); nothing was written
"""


def build_parser(commands: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The parser, with the parsers of ``commands`` (default: all of them)."""
    parser = argparse.ArgumentParser(
        prog="twitchtui",
        formatter_class=raw_epilog,
        description="A twitch diary, daily checklist and doctor's report for a twitching lip.",
        epilog=EPILOG,
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
    db_option(parser)
    parser.set_defaults(handler=None, new_diary=None, standalone=None, reads_only=never)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=SubParser)
    for name in COMMANDS if commands is None else commands:
        # __import__, not importlib.import_module: the import statement's own
        # path, which ``python -X importtime`` reports (import_module's it does not).
        module = __import__(f"{__name__}.{COMMANDS[name]}", fromlist=["register"])
        module.register(sub)
    return parser


def wanted(argv: Sequence[str]) -> list[str]:
    """The commands whose parsers ``argv`` needs: the one it names; none for
    the dashboard (or ``--version``); all of them for ``--help`` or an
    unknown command, whose message lists them."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help"):
            return list(COMMANDS)
        if word == "--db":
            next(words, None)  # its value
            continue
        if word == "--":
            word = next(words, "")
        elif word.startswith("-"):
            continue
        return [word] if word in COMMANDS else list(COMMANDS)
    return []


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(wanted(words)).parse_args(words)
    try:
        from .running import run  # the store and the clock: not needed for --help

        code = run(args)
        sys.stdout.flush()  # here, not at exit, where a closed pipe could not be caught
        return code
    except BrokenPipeError:
        # The reader went away (``twitchtui export | head -2``): end quietly,
        # and keep Python from complaining again as it flushes at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
