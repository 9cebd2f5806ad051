"""``twitchtui status``: today in one line, or as data for a status bar
(``--format json|waybar|tmux``).

The text line reads only today. The other formats also carry the worst
red-flag tier, so they run the red-flag checks (``views.load_findings``),
imported only for them, or take their answer from ``status_cache`` while
no diary file has changed since the last call.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from .. import checklist
from ..humanize import ago, plural
from ..model import diary_day
from ..store import Store
from .args import Subparsers, always, command

FORMATS = ("text", "json", "waybar", "tmux")
TMUX_COLOURS = {"emergency": "red", "same-day": "red", "routine": "yellow"}
"""The tmux segment's colour by worst tier; otherwise the bar's own."""


def register(sub: Subparsers) -> None:
    parser = command(sub, "status", status, reads_only=always, help="one line for a status bar")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default): one line; json: the figures; waybar: waybar's custom "
        "module JSON; tmux: a short coloured segment",
    )


def status_line(store: Store) -> str:
    """One short line for a status bar."""
    return line(figures(store, with_flags=False))


def figures(store: Store, *, with_flags: bool = True) -> dict[str, Any]:
    """Today's figures: the count, the last twitch, the checklist, and (when
    ``with_flags``) the worst red-flag tier and whether any is urgent."""
    settings = store.settings()
    now = store.now()
    day = diary_day(now, settings.day_start_hour)
    count = len(store.twitches(day, day))
    last = store.last_twitch()
    log = store.day_log(day)
    scored = checklist.all_items(log, settings)
    done, total = checklist.tally(scored)
    out: dict[str, Any] = {
        "day": day.isoformat(),
        "count": count,
        "last": last.at.isoformat(timespec="minutes") if last else None,
        "last_ago": ago(last.at, now) if last else None,
        # "done" is the x of "x/4"; "answered" counts items given any answer
        # (water short of 2 L, or a coffee after noon, is answered, not done).
        "checklist": {"done": done, "answered": checklist.answered(scored), "total": total},
    }
    if with_flags:  # the red-flag checks, or their cached answer: only these formats
        from .status_cache import worst_flags

        out.update(worst_flags(store))
    return out


def line(data: dict[str, Any]) -> str:
    parts = [f"{plural(data['count'], 'twitch')} today"]
    parts.append(f"last {data['last_ago']}" if data["last"] else "none logged yet")
    parts.append(f"checklist {data['checklist']['done']}/{data['checklist']['total']}")
    return " · ".join(parts)


def short(data: dict[str, Any]) -> str:
    """The few characters a bar has room for: "3 · 2/4", "! 3 · 2/4" when
    urgent, "? 3 · 2/4" when part of the diary could not be read."""
    check = data["checklist"]
    text = f"{data['count']} · {check['done']}/{check['total']}"
    if data.get("urgent"):
        return f"! {text}"
    return f"? {text}" if data.get("incomplete") else text


def waybar(data: dict[str, Any]) -> dict[str, str]:
    """Waybar's custom-module JSON: text, tooltip and a class to style."""
    from html import escape  # its table of entities: only waybar needs it

    tooltip = line(data)
    if data["worst_tier"] is not None:
        tooltip += f"\nRed flags: {data['worst_tier']}: {data['worst_title']} (twitchtui flags)"
    return {  # waybar reads Pango markup: &, < and > escaped
        "text": escape(short(data), quote=False),
        "tooltip": escape(tooltip, quote=False),
        "class": "urgent" if data["urgent"] else data["worst_tier"] or "clear",
    }


def tmux(data: dict[str, Any]) -> str:
    colour = TMUX_COLOURS.get(data["worst_tier"] or "")
    text = short(data)
    return f"#[fg={colour}]{text}#[default]" if colour else text


def checklist_line(store: Store, day: date) -> str:
    """The checklist's score for a day, as the checklist commands end their line."""
    done, total = checklist.score(store.day_log(day), store.settings())
    return f"Checklist {done}/{total} for {day.isoformat()}."


def status(args: argparse.Namespace, store: Store) -> int:
    if args.format == "text":
        print(status_line(store))
        return 0
    data = figures(store)
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False))
    elif args.format == "waybar":
        print(json.dumps(waybar(data), ensure_ascii=False))
    else:
        print(tmux(data))
    return 0
