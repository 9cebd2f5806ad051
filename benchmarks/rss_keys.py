"""Resident memory over a long run of keys in tmux, before and after, same run.

    .venv/bin/python benchmarks/rss_keys.py [--keys 600] [--every 300] [--rounds 2]
                                            [--size 100000] [--base DIR]

twitchtui in a tmux pane of 120x40 (``python -m twitchtui``, as ``tui.py``
runs it) on the benchmark's diary of ``--size`` twitches (``tui.make_diary``),
pressing the issue's key round (``tui.KEYS``) 0.1 s apart: its RSS once
settled (the chart drawn), then after every ``--every`` keys. Each run
starts from the same diary, cache and state folders, after one untimed run
that builds the derived index, as a first start does.

``--base DIR``: a checkout of another commit (``git archive <commit> | tar
-x -C DIR``); it then runs with ``PYTHONPATH=DIR``, taking turns with this
checkout, round by round. The panes start outside both checkouts, since
``python -m`` puts the working folder first on ``sys.path``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

import tui

ROOT = Path(__file__).resolve().parents[1]


def one_run(db: Path, folder: Path, code: Path, keys: int, every: int) -> list[float]:
    """MiB once settled, then after each ``every`` keys."""
    pane = tui.tmux_cases(db, folder)["ours"]
    pane.env = {**pane.env, "PYTHONPATH": str(code)}
    pane.start()
    try:
        pane.wait(tui.charts_drawn)
        pane.quiet(1.0)
        out = [pane.rss_kib() / 1024]
        for i in range(keys):
            pane.press(tui.KEYS[i % len(tui.KEYS)])
            time.sleep(0.1)  # a person's pace
            if (i + 1) % every == 0:
                pane.quiet(1.0)
                out.append(pane.rss_kib() / 1024)
        return out
    finally:
        pane.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=600)
    parser.add_argument("--every", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--size", type=int, default=100_000, help="twitches in the diary")
    parser.add_argument("--base", type=Path, help="a checkout of the commit to compare with")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("(tmux is not installed: nothing to measure.)")
        return
    codes = {"after": ROOT} if args.base is None else {"before": args.base, "after": ROOT}
    db = tui.make_diary(args.size)
    folder = Path(tempfile.mkdtemp(prefix="twitchtui-rss-"))
    os.chdir(folder)  # outside both checkouts (see above)
    try:
        for code in codes.values():  # builds the index, as a first start
            one_run(db, folder, code, 0, args.every)
        runs: dict[str, list[list[float]]] = {name: [] for name in codes}
        for _ in range(args.rounds):
            for name, code in codes.items():
                runs[name].append(one_run(db, folder, code, args.keys, args.every))
        steps = range(args.every, args.keys + 1, args.every)
        marks = ["settled", *(f"after {n} keys" for n in steps)]
        print(f"RSS in MiB, each run of {args.rounds} round(s), the codes taking turns\n")
        print("| RSS | " + " | ".join(codes) + " |\n|---|" + "---:|" * len(codes))
        for i, mark in enumerate(marks):
            cells = []
            for name in codes:
                shown = []
                for run in runs[name]:
                    grown = f" ({100 * (run[i] - run[0]) / run[0]:+.0f}%)" if i else ""
                    shown.append(f"{run[i]:.1f}{grown}")
                cells.append(", ".join(shown))
            print(f"| {mark} | " + " | ".join(cells) + " |")
        print(f"\n(keys: `{' '.join(tui.KEYS)}` repeated, 0.1 s apart, with tmux send-keys.)")
    finally:
        tui.tmux("kill-server")
        shutil.rmtree(db.parent, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
