"""Whole-process time of shell commands against a bare interpreter, same run.

    .venv/bin/python benchmarks/cli_startup.py [--repeat 20] [--base DIR]

Target from the foundation issue: ``twitchtui log`` takes no more than about
three times ``python -c pass``. The diary is a 60-day demo diary.

``--base DIR``: a checkout of another commit (``git archive <commit> | tar -x
-C DIR``); ``python -m twitchtui log`` then runs with that code and with
this one, taking turns with the baseline in the same rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# As on a user's machine: bytecode is cached after the first run. (Some shells and
# CI images set PYTHONDONTWRITEBYTECODE, which would time the compiler instead.)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def once_ms(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    # Not in this checkout: ``python -m`` puts the working folder first on
    # sys.path, which would hide --base.
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env, cwd=tempfile.gettempdir())
    return (time.perf_counter() - start) * 1000


def run_ms(cmd: list[str], repeat: int) -> float:
    once_ms(cmd, ENV)  # warm-up
    return statistics.median(once_ms(cmd, ENV) for _ in range(repeat))


def rounds(cases: dict[str, tuple[list[str], dict[str, str]]], repeat: int) -> dict[str, float]:
    """Each case once a round, in turn, so that the machine's drift moves them alike."""
    for cmd, env in cases.values():
        once_ms(cmd, env)  # warm-up: bytecode written
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, (cmd, env) in cases.items():
            samples[name].append(once_ms(cmd, env))
    return {name: statistics.median(got) for name, got in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--base", type=Path, help="a checkout of the commit to compare with")
    args = parser.parse_args()
    db = str(Path(tempfile.mkdtemp(prefix="twitchtui-cli-")) / "diary.json")
    exe = [str(Path(sys.executable).with_name("twitchtui"))]  # the installed command
    subprocess.run([*exe, "demo", "--db", db], check=True, stdout=subprocess.DEVNULL)
    cases = {
        "python -c pass (baseline)": [sys.executable, "-c", "pass"],
        "python -c 'import textual.app'": [sys.executable, "-c", "import textual.app"],
        # What any CLI built on the design card pays before its own code runs.
        "stdlib + TinyDB floor (dataclasses, argparse, pathlib, json, tinydb)": [
            sys.executable,
            "-c",
            "import dataclasses, argparse, pathlib, json, datetime, tinydb.table",
        ],
        "twitchtui log": [*exe, "log", "--db", db],
        "twitchtui status": [*exe, "status", "--db", db],
        # The status-bar formats also run the red-flag checks.
        **{
            f"twitchtui status --format {fmt}": [*exe, "status", "--db", db, "--format", fmt]
            for fmt in ("json", "waybar", "tmux")
        },
    }
    results = {name: run_ms(cmd, args.repeat) for name, cmd in cases.items()}
    if args.base:
        here = str(Path(__file__).resolve().parents[1])
        log = [sys.executable, "-m", "twitchtui", "log", "--db", db]
        turns = {
            "python -c pass, same rounds": ([sys.executable, "-c", "pass"], ENV),
            "python -m twitchtui log, before": (log, {**ENV, "PYTHONPATH": str(args.base)}),
            "python -m twitchtui log, after": (log, {**ENV, "PYTHONPATH": here}),
        }
        same = rounds(turns, args.repeat)
        print(f"Same rounds ({args.repeat}), each × python -c pass of those rounds:\n")
        print("| command | ms | × baseline |\n|---|---:|---:|")
        for name, ms in same.items():
            print(f"| {name} | {ms:.1f} | {ms / same['python -c pass, same rounds']:.2f} |")
        print()
    base = results["python -c pass (baseline)"]
    print(f"Median of {args.repeat} runs, whole process.\n")
    print("| command | ms | × baseline |\n|---|---:|---:|")
    for name, ms in results.items():
        print(f"| {name} | {ms:.1f} | {ms / base:.2f} |")


if __name__ == "__main__":
    main()
