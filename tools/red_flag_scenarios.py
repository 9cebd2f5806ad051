"""Build scenario diaries with the real CLI and print what `flags` finds in each.

Each scenario is a list of `twitchtui` commands run against a fresh diary,
each at its own moment (TWITCHTUI_NOW, with its own UTC offset), then
`twitchtui flags --json` at the scenario's "now". The table shows the expected
findings (rule id and tier) next to what came back, and whether they agree, so
a clinical review can be repeated after any change to the rules:

    .venv/bin/python tools/red_flag_scenarios.py

It exits 1 when a scenario disagrees. Numbers given run only those scenarios.
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

Step = tuple[datetime, list[str]]


def ago(hours: float = 0, now: datetime = NOW) -> datetime:
    return now - timedelta(hours=hours)


def at(days_ago: float, hour: int = 10) -> str:
    return (NOW - timedelta(days=days_ago)).replace(hour=hour, minute=0).isoformat()


def day(days_ago: int) -> str:
    return (NOW - timedelta(days=days_ago)).date().isoformat()


def log(days_ago: float, site: str = "upper-lip", side: str = "right") -> Step:
    return NOW, ["log", "--at", at(days_ago), "--site", site, "--side", side]


def check(*flags: str, hours_ago: float = 0) -> Step:
    return ago(hours_ago), ["selfcheck", *flags]


def weeks(*counts: int) -> list[Step]:
    """Twitches per week, oldest first; the last is the current week."""
    out = []
    for week, count in enumerate(reversed(counts)):
        out += [log(week * 7 + 6 - i % 7) for i in range(count)]
    return out


LONDON_0030 = datetime.fromisoformat("2026-12-01T00:30:00+00:00")
NEW_YORK_2030 = datetime.fromisoformat("2026-11-30T20:30:00-05:00")

Scenario = tuple[str, list[Step], str, datetime]
S = NOW
SCENARIOS: list[Scenario] = [
    # ---- the second clinical review's cases
    (
        "speech, sudden, at 09:00; a plain self-check at 11:00 ('it's gone')",
        [check("--speech", "--sudden", hours_ago=5.5), check(hours_ago=3.5)],
        "emergency:emergency",
        S,
    ),
    (
        "speech, sudden; a redo 2 h later ticking only --pulling",
        [check("--speech", "--sudden", hours_ago=2), check("--pulling")],
        "emergency:emergency",
        S,
    ),
    (
        "droop + sudden 00:30 in London; flags 20:30 the day before in New York",
        [(LONDON_0030, ["selfcheck", "--droop", "--sudden"])],
        "emergency:emergency",
        NEW_YORK_2030,
    ),
    (
        "sudden numbness, no twitch that day",
        [log(3), check("--numbness", "--sudden")],
        "emergency:emergency",
        S,
    ),
    (
        "numbness (not sudden) on 3 days, no twitches",
        [check("--numbness", hours_ago=h) for h in (0, 24, 48)],
        "numbness:routine",
        S,
    ),
    ("a sudden uneven smile", [check("--uneven-smile", "--sudden")], "emergency:emergency", S),
    (
        "sudden trouble with vision or balance",
        [check("--vision-balance", "--onset", "sudden")],
        "emergency:emergency",
        S,
    ),
    ("tingling once, on a twitch day", [log(0), check("--tingling")], "tingling:info", S),
    (
        "two eyelid flickers 12 weeks ago + a week of lip twitching",
        [log(84, "eye"), log(83, "eye"), *(log(d) for d in range(7))],
        "nothing",
        S,
    ),
    (
        "a droop answered 130 days ago, never seen",
        [check("--droop", hours_ago=130 * 24)],
        "same-day:same-day",
        S,
    ),
    (
        "arm weakness with wasting, came on over weeks",
        [check("--limb-weakness", "--wasting", "--onset", "days")],
        "same-day:same-day, neuro-signs:routine",
        S,
    ),
    (
        "a medicine started 12 days ago, stopped 2 days ago, twitches since",
        [
            (NOW, ["meds", "add", "sertraline", "--started", day(12)]),
            (NOW, ["meds", "stop", "sertraline", "--on", day(2)]),
            *(log(d) for d in range(11)),
        ],
        "medicine:info",
        S,
    ),
    # ---- beyond the review
    (
        "droop + water escaping, new today, onset not given",
        [check("--droop", "--water-escapes")],
        "emergency:emergency",
        S,
    ),
    (
        "sudden droop at 09:00, seen by a clinician later today",
        [check("--droop", "--sudden", hours_ago=5.5), check("--seen-clinician", day(0))],
        "nothing",
        S,
    ),
    (
        "droop 3 days ago, seen 2 days ago, droop again today (not sure when it began)",
        [check("--droop", hours_ago=72), check("--seen-clinician", day(2)), check("--droop")],
        "weakness:routine",
        S,
    ),
    (
        "a droop that came on over days",
        [check("--droop", "--onset", "days")],
        "same-day:same-day",
        S,
    ),
    ("an eye that will not close fully", [check("--eye-wont-close")], "same-day:same-day", S),
    (
        "an eye that will not close + a droop, over days",
        [check("--eye-wont-close", "--droop", "--onset", "days")],
        "same-day:same-day",
        S,
    ),
    ("sudden confusion", [check("--confusion", "--sudden")], "emergency:emergency", S),
    ("a sudden severe headache", [check("--headache", "--sudden")], "emergency:emergency", S),
    (
        "a severe headache that came on over days",
        [check("--headache", "--onset", "days")],
        "neuro-signs:routine",
        S,
    ),
    ("hard swallowing, new, onset not known", [check("--swallowing")], "same-day:same-day", S),
    ("hard swallowing, sudden", [check("--swallowing", "--sudden")], "emergency:emergency", S),
    (
        "a sudden weak arm 23 hours ago",
        [check("--limb-weakness", "--sudden", hours_ago=23)],
        "emergency:emergency",
        S,
    ),
    (
        "a sudden weak arm 25 hours ago, never seen",
        [check("--limb-weakness", "--sudden", hours_ago=25)],
        "same-day:same-day",
        S,
    ),
    (
        "slurred speech 3 days ago and again today, never seen",
        [check("--speech", hours_ago=72), check("--speech")],
        "same-day:same-day",
        S,
    ),
    ("numbness once, not sudden", [check("--numbness")], "numbness:info", S),
    (
        "numbness on 2 days, not sudden",
        [check("--numbness", hours_ago=30), check("--numbness")],
        "numbness:routine",
        S,
    ),
    (
        "a pulling feeling on 2 days",
        [check("--pulling", hours_ago=48), check("--pulling")],
        "pulling:routine",
        S,
    ),
    ("the eyelid pulled shut on its own", [check("--eyelid-shut")], "eyelid:routine", S),
    (
        "twitches on 7 of 15 days",
        [log(d) for d in (14, 12, 10, 8, 6, 3, 0)],
        "persistence:routine",
        S,
    ),
    (
        "eye (right) on 2 days, then the lip (right) on 2, within 28 days",
        [log(20, "eye"), log(15, "eye"), log(8), log(3)],
        "spread:routine",
        S,
    ),
    (
        "eye on 2 days a month ago, then the lip",
        [log(31, "eye"), log(30, "eye"), log(3), log(1)],
        "nothing",
        S,
    ),
    (
        "a medicine taken for 40 days, twitches this week",
        [(NOW, ["meds", "add", "prednisolone", "--started", day(40)]), log(2), log(1)],
        "medicine:info",
        S,
    ),
    (
        "a medicine stopped 31 days ago",
        [
            (NOW, ["meds", "add", "prednisolone", "--started", day(60)]),
            (NOW, ["meds", "stop", "prednisolone", "--on", day(31)]),
            log(2),
        ],
        "nothing",
        S,
    ),
    (
        "sudden speech, then --passed an hour later",
        [check("--speech", "--sudden", hours_ago=1), check("--passed")],
        "emergency:emergency",
        S,
    ),
    (
        "a droop for yesterday (--day, no time: counts from its end)",
        [check("--day", day(1), "--droop")],
        "emergency:emergency",
        S,
    ),
    ("a droop for 3 days ago (--day)", [check("--day", day(3), "--droop")], "same-day:same-day", S),
    (
        "this week 15 twitches against 10 a week before",
        weeks(10, 10, 10, 15),
        "persistence:routine, rising-frequency:info",
        S,
    ),
    (
        "sudden droop + wasting together",
        [check("--droop", "--wasting", "--sudden")],
        "emergency:emergency, neuro-signs:routine",
        S,
    ),
    ("only a self-check with nothing ticked", [check()], "nothing", S),
    # ---- the breaks a reviewer found in the first version of these rules
    (
        "a sudden droop given with --passed in the same call",
        [check("--droop", "--sudden", "--passed")],
        "emergency:emergency",
        S,
    ),
    (
        "sudden speech last night at 20:00; a visit recorded as yesterday's date",
        [check("--speech", "--sudden", hours_ago=18.5), check("--seen-clinician", day(1))],
        "emergency:emergency",
        S,
    ),
    (
        "speech (onset not known) at 13:30; then an answer saved about 3 days ago",
        [check("--speech", hours_ago=1), check("--day", day(3), "--speech")],
        "emergency:emergency",
        S,
    ),
    (
        "speech at 23:50 and 00:10 (two calendar days), looked at 23 h later",
        [
            (datetime.fromisoformat("2026-11-16T23:50:00+01:00"), ["selfcheck", "--speech"]),
            (datetime.fromisoformat("2026-11-17T00:10:00+01:00"), ["selfcheck", "--speech"]),
        ],
        "emergency:emergency",
        datetime.fromisoformat("2026-11-17T23:00:00+01:00"),
    ),
    (
        "a sudden droop and a visit in the same call",
        [check("--droop", "--sudden", "--seen-clinician", day(0))],
        "nothing",
        S,
    ),
    ("confusion, new, onset not known", [check("--confusion")], "same-day:same-day", S),
]


def run(db: Path, args: list[str], moment: datetime) -> str:
    env = {**os.environ, "TWITCHTUI_NOW": moment.isoformat(), "LANG": "en_GB.UTF-8"}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    head = args[:2] if args[0] == "meds" else args[:1]
    done = subprocess.run(
        [sys.executable, "-m", "twitchtui", *head, "--db", str(db), *args[len(head) :]],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"{args}: exit {done.returncode}: {done.stderr}")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    only = {int(n) for n in argv or ()}  # scenario numbers; none: all
    print("| # | diary (built with the CLI) | expected (id:tier) | got | agree |")
    print("|---:|---|---|---|---|")
    wrong = 0
    for number, (name, steps, expected, now) in enumerate(SCENARIOS, 1):
        if only and number not in only:
            continue
        with tempfile.TemporaryDirectory(prefix="twitchtui-scenario-") as folder:
            db = Path(folder) / "diary.json"
            for moment, command in steps:
                run(db, command, moment)
            findings = json.loads(run(db, ["flags", "--json"], now))
        got = ", ".join(f"{f['id']}:{f['tier']}" for f in findings) or "nothing"
        ok = got == expected
        wrong += not ok
        print(f"| {number} | {name} | {expected} | {got} | {'yes' if ok else '**NO**'} |")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
