"""Whole-process time of shell commands against a bare interpreter, same run.

    .venv/bin/python benchmarks/cli_startup.py [--repeat 20]

Target from the foundation issue: ``twitchtui log`` takes no more than about
three times ``python -c pass``. The diary is a 60-day demo diary.
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


def run_ms(cmd: list[str], repeat: int) -> float:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=ENV)  # warm-up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=ENV)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
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
    base = results["python -c pass (baseline)"]
    print(f"Median of {args.repeat} runs, whole process.\n")
    print("| command | ms | × baseline |\n|---|---:|---:|")
    for name, ms in results.items():
        print(f"| {name} | {ms:.1f} | {ms / base:.2f} |")


if __name__ == "__main__":
    main()
