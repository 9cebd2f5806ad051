"""``twitchtui report``: the twitch diary for the person's doctor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..model import diary_day
from ..report import (
    SECTION_KEYS,
    PdfUnavailable,
    PeriodError,
    choose_period,
    choose_sections,
    format_of,
    render_as,
)
from ..store import Store, StoreWriteFailed, not_a_file, write_private
from ..views import load_report
from .args import EXIT_USAGE, Subparsers, always, command


def register(sub: Subparsers) -> None:
    parser = command(
        sub, "report", report, reads_only=always, help="the twitch diary for your doctor"
    )
    period = parser.add_argument_group(
        "the period (default: the last 28 days; give one way of choosing it)"
    )
    period.add_argument("--days", type=int, help="how many days back, up to --to or today")
    period.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="the first day")
    period.add_argument(
        "--to", "--as-of", dest="end", metavar="YYYY-MM-DD", help="the last day (default: today)"
    )
    period.add_argument(
        "--since-last-visit",
        action="store_true",
        help="from the day a clinician last saw you (twitchtui selfcheck --seen-clinician)",
    )
    parser.add_argument(
        "--sections",
        metavar="KEYS",
        help="only these sections, comma-separated (-KEY leaves one out; give that "
        "with '=', as in --sections=-notes, or it is read as an option): "
        + ", ".join(SECTION_KEYS),
    )
    parser.add_argument(
        "--format",
        choices=("md", "html", "pdf"),
        help="default: from the -o file name's ending, else md; pdf needs twitchtui[pdf]",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (mode 0600)")


def report(args: argparse.Namespace, store: Store) -> int:
    fmt = args.format or format_of(args.output)
    try:
        sections = choose_sections(args.sections)
        today = diary_day(store.now(), store.settings().day_start_hour)
        period = choose_period(
            today,
            days=args.days,
            start=args.start,
            end=args.end,
            since_visit=args.since_last_visit,
            logs=store.self_check_logs() if args.since_last_visit else None,
        )
    except PeriodError as exc:
        return _refuse(str(exc))
    if fmt == "pdf" and args.output is None and sys.stdout.isatty():
        return _refuse("a PDF is not for the terminal; give -o FILE.pdf")
    if args.output is not None:
        problem = output_problem(args.output, store)
        if problem is not None:
            return _refuse(problem)
    data = load_report(store, first=period.first, last=period.last)
    try:
        content = render_as(data, fmt, sections)
    except PdfUnavailable as exc:
        return _refuse(str(exc))
    if args.output is None:
        if isinstance(content, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        return 0
    try:
        written = write_private(args.output, content)
    except OSError as exc:
        raise StoreWriteFailed(f"could not write {args.output}: {exc.strerror or exc}") from exc
    print(f"Wrote the {period.days}-day report to {written} (readable by you only).")
    return 0


def output_problem(output: str, store: Store) -> str | None:
    """Why the report may not be written at ``-o output`` (None: it may)."""
    if not output.strip():
        return "-o needs a file name"
    path = Path(output)
    if store.owns(path):
        return f"{output} is one of the diary's own files; choose another name"
    reason = not_a_file(path)
    return None if reason is None else f"{output} {reason}"


def _refuse(why: str) -> int:
    print(f"twitchtui report: {why}. Nothing was written.", file=sys.stderr)
    return EXIT_USAGE
