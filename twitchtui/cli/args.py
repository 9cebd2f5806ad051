"""What every shell command shares: its parser's shape, the ``--db``
option, the exit codes, and reading the dates and moments people type.

Exit codes: 0 done, 1 the diary could not be used (damaged, locked, a failed
write; the message says which file and what to do), 2 bad input (nothing was
written).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from ..model import InvalidEntry, check_year

if TYPE_CHECKING:
    from pathlib import Path

    from ..store import Store

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    Subparsers = argparse._SubParsersAction  # generic only to the type checker
"""What ``add_subparsers`` returns: each command module adds its parser to it."""

EXIT_DIARY = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace, "Store"], int]
"""A command: the parsed arguments and the open diary in, an exit code out.
Each command module sets its own with ``parser.set_defaults(handler=...)``."""
NewDiary = Callable[[argparse.Namespace, "Path | None", Callable[[], datetime]], int]
"""A command that writes a diary of its own (``demo``): the path given with
``--db`` (None: none was given) and the clock, no diary opened."""
Standalone = Callable[[argparse.Namespace], int]
"""A command that needs no diary and no clock (``completions``)."""
ReadsOnly = Callable[[argparse.Namespace], bool]
"""Whether the command, with these arguments, only reads (so it never creates a diary)."""


def always(args: argparse.Namespace) -> bool:
    return True


def never(args: argparse.Namespace) -> bool:
    return False


def help_width() -> int:
    try:
        width = os.get_terminal_size().columns
    except OSError:
        width = 80
    return max(40, width - 2)


def formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's formatter, told the width up front: otherwise it imports shutil
    on every run just to measure the terminal, which slows ``twitchtui log``."""
    return argparse.HelpFormatter(prog, width=help_width())


class RawEpilog(argparse.HelpFormatter):
    """The help formatter, with the epilog (environment, exit codes) kept as
    it is laid out."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n\n" in text:  # the epilog: laid out by hand
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def raw_epilog(prog: str) -> argparse.HelpFormatter:
    """``formatter``, keeping the epilog's lines."""
    return RawEpilog(prog, width=help_width())


class SubParser(argparse.ArgumentParser):
    """Every command's parser, with the same formatter as the main one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", formatter)
        super().__init__(*args, **kwargs)


def db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="diary file (default: $TWITCHTUI_DB, else the user data folder)",
    )


def command(
    sub: Subparsers,
    name: str,
    handler: Handler,
    *,
    reads_only: ReadsOnly = never,
    **kwargs: Any,
) -> argparse.ArgumentParser:
    """Add the parser of one command, with ``--db`` and its handler."""
    parser = sub.add_parser(name, **kwargs)
    db_option(parser)
    parser.set_defaults(handler=handler, reads_only=reads_only)
    return parser


AT_HELP = "HH:MM today, 'yesterday HH:MM', or ISO (default: now)"


def parse_at(value: str | None, store: Store) -> datetime:
    """``--at``: a moment typed (see ``when.parse_at``), never later than now;
    a note about it (an hour the clocks showed twice) goes to stderr."""
    if value is None:  # now, as ``when.parse_at`` gives it: a plain ``log`` never loads it
        return store.now()
    from ..when import parse_at as parse_moment

    notes: list[str] = []
    at = parse_moment(value, store.now(), notes=notes)
    for note in notes:
        print(f"Note: {note}", file=sys.stderr)
    return at


def parse_date(value: str | None, name: str) -> date | None:
    """A date option (``--day``, ``--as-of``…): None when not given."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InvalidEntry(name, f"{value!r} is not a date like 2026-11-18") from None
    check_year(name, day)  # the years a diary holds (year 1 would overflow a window)
    return day


def parse_visit(value: str | None, now: datetime, current: date, start: int) -> datetime | None:
    """When a clinician saw the person: ``--seen-clinician`` as a date (today:
    now; an earlier day: the start of that day, so it closes only what began
    before it) or as a date and time (2026-11-30T15:00, on this clock)."""
    if value is None:
        return None
    if "T" in value or " " in value.strip():
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidEntry(
                "--seen-clinician", f"{value!r} is not a date like 2026-11-18 or 2026-11-18T15:00"
            ) from None
        moment = moment if moment.tzinfo else moment.replace(tzinfo=now.tzinfo)
        if moment > now:
            raise InvalidEntry("--seen-clinician", f"{value} is in the future")
        check_year("--seen-clinician", moment.date())
        return moment
    day = parse_date(value, "--seen-clinician")
    assert day is not None
    check_year("--seen-clinician", day)
    if day > current:
        raise InvalidEntry("--seen-clinician", f"{day.isoformat()} is in the future")
    if day == current:
        return now
    return datetime.combine(day, time(start)).astimezone()


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


def selfcheck_signs(args: argparse.Namespace) -> list[str]:
    """The self-check answers named by the flags given, in the flags' order."""
    return [key for flag, key in SELFCHECK_FLAGS.items() if vars(args)[flag.replace("-", "_")]]
