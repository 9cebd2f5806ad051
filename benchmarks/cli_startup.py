"""Whole-process time of shell commands against a bare interpreter, same run.

    .venv/bin/python benchmarks/cli_startup.py [--repeat 20] [--base DIR]

Target from the foundation issue: ``twitchtui log`` takes no more than about
three times ``python -c pass``. The diary is a 60-day demo diary.

Every case runs once a round, in turn with ``python -c pass``, so the
machine's drift between rounds moves them alike. Reported: each case's
median, the ratio of the medians, and the median of each round's own ratio
("same round"), which the drift cannot move.

The status-bar formats (``--format json|waybar|tmux``) run twice a round:
"cold", just after a diary file changed (its mtime moved), as the first
call after a ``log`` is, then "warm", the diary unchanged since that call
(the result cache answers).

``--base DIR``: a checkout of another commit (``git archive <commit> | tar -x
-C DIR``); each command then also runs as ``python -m twitchtui`` with that
code and with this one, in the same rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# As on a user's machine: bytecode is cached after the first run. (Some shells and
# CI images set PYTHONDONTWRITEBYTECODE, which would time the compiler instead.)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
BASELINE = "python -c pass (baseline)"
FLOOR = "dataclasses, argparse, pathlib, json, datetime"
WRITE_FLOOR = "json, datetime, os, fcntl"
"""What one locked, durable JSON write needs at the least: the issue's 3× is
measured against this too."""


class Case:
    """One command line, and what to do (untimed) before each run of it."""

    def __init__(
        self, cmd: list[str], env: dict[str, str], before: Callable[[], None] | None = None
    ) -> None:
        self.cmd, self.env, self.before = cmd, env, before


def once_ms(case: Case) -> float:
    if case.before is not None:
        case.before()
    start = time.perf_counter()
    # Not in this checkout: ``python -m`` puts the working folder first on
    # sys.path, which would hide --base.
    subprocess.run(
        case.cmd, check=True, stdout=subprocess.DEVNULL, env=case.env, cwd=tempfile.gettempdir()
    )
    return (time.perf_counter() - start) * 1000


def rounds(cases: dict[str, Case], repeat: int) -> dict[str, list[float]]:
    """Each case once a round, in turn."""
    for case in cases.values():
        once_ms(case)  # warm-up: bytecode written
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, case in cases.items():
            samples[name].append(once_ms(case))
    return samples


def touch(folder: Path) -> Callable[[], None]:
    """Move the mtime of the diary's newest month file, as a write would."""

    def change() -> None:
        newest = max(folder.glob("diary.*-*.json"))
        os.utime(newest, ns=(time.time_ns(), time.time_ns()))

    return change


def table(samples: dict[str, list[float]], repeat: int) -> None:
    base = statistics.median(samples[BASELINE])
    print(f"Median of {repeat} rounds, whole process, every case once a round.\n")
    print("| command | ms | × baseline | × baseline, same round |\n|---|---:|---:|---:|")
    for name, got in samples.items():
        ms = statistics.median(got)
        same = statistics.median(a / b for a, b in zip(got, samples[BASELINE], strict=True))
        print(f"| {name} | {ms:.1f} | {ms / base:.2f} | {same:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--base", type=Path, help="a checkout of the commit to compare with")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="twitchtui-cli-"))
    db = str(work / "diary.json")
    env = {**ENV, "TWITCHTUI_CACHE_DIR": str(work / "cache")}
    exe = [str(Path(sys.executable).with_name("twitchtui"))]  # the installed command
    # ``log`` writes to a diary of its own, so the status formats' "warm" runs
    # are really after no change.
    log_db = str(work / "log" / "diary.json")
    for made in (db, log_db):
        subprocess.run([*exe, "demo", "--db", made], check=True, stdout=subprocess.DEVNULL, env=env)
    changed = touch(work)
    cases = {
        BASELINE: Case([sys.executable, "-c", "pass"], env),
        "python -c 'import textual.app'": Case([sys.executable, "-c", "import textual.app"], env),
        # What any CLI built on the design card pays before its own code runs.
        f"a write's floor ({WRITE_FLOOR})": Case(
            [sys.executable, "-c", f"import {WRITE_FLOOR}"], env
        ),
        f"stdlib floor ({FLOOR})": Case([sys.executable, "-c", f"import {FLOOR}"], env),
        f"stdlib + TinyDB floor ({FLOOR}, tinydb)": Case(
            [sys.executable, "-c", f"import {FLOOR}, tinydb.table"], env
        ),
        # What every command loads before its own code: the model (all of it,
        # for the store's classes) and the store.
        "python -c 'import twitchtui.model'": Case(
            [sys.executable, "-c", "import twitchtui.model"], env
        ),
        "python -c 'import twitchtui.store'": Case(
            [sys.executable, "-c", "import twitchtui.store"], env
        ),
    }
    commands = {
        "log": ["log"],
        "status": ["status"],
        **{
            f"status --format {fmt}": ["status", "--format", fmt]
            for fmt in ("json", "waybar", "tmux")
        },
    }
    here = str(Path(__file__).resolve().parents[1])
    codes = [("", None)] if not args.base else [(", before", args.base), (", after", here)]
    for name, words in commands.items():
        for label, code in codes:
            target = log_db if name == "log" else db
            if code is None:  # the installed command
                case = Case([*exe, *words, "--db", target], env)
                key = f"twitchtui {name}"
            else:
                cmd = [sys.executable, "-m", "twitchtui", *words, "--db", target]
                case = Case(cmd, {**env, "PYTHONPATH": str(code)})
                key = f"python -m twitchtui {name}{label}"
            if "--format" not in words:
                cases[key] = case
                continue
            # Cold: just after a change, where the result cache cannot answer.
            # Warm, right after it with the same code: unchanged since.
            cases[f"{key}, cold"] = Case(case.cmd, case.env, changed)
            cases[f"{key}, warm"] = case
    table(rounds(cases, args.repeat), args.repeat)


if __name__ == "__main__":
    main()
