"""Build scenario diaries with the real CLI and print what `flags` finds in each.

Each scenario is a list of `twitchtui` commands run against a fresh diary at
a fixed clock (TWITCHTUI_NOW), then `twitchtui flags --json`. The table shows
the expected rule ids and levels next to what came back, so a clinical review
can be repeated after any change to the rules:

    .venv/bin/python tools/red_flag_scenarios.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

NOW = datetime.fromisoformat("2026-11-18T14:30:00+01:00")


def at(days_ago: float, hour: int = 10) -> str:
    moment = (NOW - timedelta(days=days_ago)).replace(hour=hour, minute=0)
    return moment.isoformat()


def log(days_ago: float, site: str = "upper-lip", side: str = "right", *extra: str) -> list[str]:
    return ["log", "--at", at(days_ago), "--site", site, "--side", side, *extra]


def day(days_ago: int) -> str:
    return (NOW - timedelta(days=days_ago)).date().isoformat()


SCENARIOS: list[tuple[str, list[list[str]], str]] = [
    (
        "eye (right) on 2 days, then lip and cheek (right)",
        [log(20, "eye"), log(15, "eye"), log(8), log(3), log(2, "cheek"), log(1, "cheek")],
        "spread (doctor), names hemifacial pattern, began at the eye",
    ),
    (
        "elsewhere in the body on 2 days, then the lip on 2",
        [log(30, "other"), log(25, "other"), log(5), log(2)],
        "spread (doctor)",
    ),
    ("one side=both lip twitch", [log(1, side="both")], "nothing"),
    (
        "daily lip twitches + one eyelid flicker 80 days ago",
        [log(80, "eye"), *(log(d) for d in range(10))],
        "nothing (no spread, no condition named, not rising)",
    ),
    ("3 single twitches over 15 days", [log(14), log(7), log(0)], "nothing"),
    (
        "twitches on 7 of 15 days",
        [log(d) for d in (14, 12, 10, 8, 6, 3, 0)],
        "persistence (doctor)",
    ),
    (
        "droop + water escaping, new today, no 'sudden'",
        [["selfcheck", "--droop", "--water-escapes"]],
        "sudden-weakness (urgent) + weakness (doctor)",
    ),
    (
        "sudden weakness 30 days ago, never seen",
        [["selfcheck", "--day", day(30), "--droop", "--sudden"]],
        "sudden-weakness (urgent): never expires",
    ),
    (
        "same, then seen by a clinician",
        [
            ["selfcheck", "--day", day(30), "--droop", "--sudden"],
            ["selfcheck", "--seen-clinician", day(29)],
        ],
        "nothing urgent (weakness is past 30 days)",
    ),
    ("slurred speech, new", [["selfcheck", "--speech"]], "sudden-weakness (urgent) + neuro-signs"),
    ("hard swallowing, not sudden", [["selfcheck", "--swallowing"]], "neuro-signs (doctor)"),
    (
        "muscle wasting and balance trouble",
        [["selfcheck", "--wasting", "--vision-balance"]],
        "neuro-signs (doctor)",
    ),
    (
        "a new medicine started 10 days ago, twitches since",
        [["meds", "add", "prednisolone", "--started", day(10)], log(5), log(1)],
        "medicine (info): ask a pharmacist or doctor",
    ),
    (
        "left on 2 days and right on 2 days",
        [log(5, side="left"), log(4, side="left"), log(3), log(2)],
        "spread (doctor): both sides",
    ),
]


def run(db: Path, args: list[str]) -> str:
    env = {**os.environ, "TWITCHTUI_NOW": NOW.isoformat()}
    done = subprocess.run(
        [sys.executable, "-m", "twitchtui", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"{args}: exit {done.returncode}: {done.stderr}")
    return done.stdout


def main() -> None:
    print("| # | diary (built with the CLI) | expected | got (`flags --json`: id, level) |")
    print("|---:|---|---|---|")
    for number, (name, commands, expected) in enumerate(SCENARIOS, 1):
        with tempfile.TemporaryDirectory(prefix="twitchtui-scenario-") as folder:
            db = Path(folder) / "diary.json"
            for command in commands:
                if command[0] == "meds":
                    command = [command[0], "--db", str(db), *command[1:]]
                    env = {**os.environ, "TWITCHTUI_NOW": NOW.isoformat()}
                    subprocess.run(
                        [sys.executable, "-m", "twitchtui", *command],
                        capture_output=True,
                        env=env,
                        check=True,
                    )
                else:
                    run(db, command)
            findings = json.loads(run(db, ["flags", "--json"]))
        got = ", ".join(f"{f['id']} ({f['level']})" for f in findings) or "nothing"
        extra = [f["reason"] for f in findings if f["id"] == "spread"]
        if extra and "hemifacial" in extra[0]:
            got += "; names hemifacial pattern" + (
                ", began at the eye" if "began at the eye" in extra[0] else ""
            )
        print(f"| {number} | {name} | {expected} | {got} |")


if __name__ == "__main__":
    main()
