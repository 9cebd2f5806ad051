"""Resident memory a key at a time, each run in a fresh process, headless.

    .venv/bin/python benchmarks/rss_per_key.py [--runs 4] [--rounds 4]
                                               [--size 100000] [--warm]

Where ``rss_keys.py`` gives the growth over a long run in tmux, this says
which key leaves it: twitchtui under ``App.run_test`` (120x40, toasts shown)
on the benchmark's diary of ``--size`` twitches (``tui.make_diary``, built
in this process; each run is a fresh interpreter, so the diary's making is
not in its heap), pressing the issue's key round (``tui.KEYS``) ``--rounds``
times. After each key has settled (the dashboard's rebuild and every worker
done, then 0.1 s): the RSS it added, in KiB.

``--warm``: before the count begins, load the writer's modules, show a
toast and make one write, to see how much of the first round is first use.

``--keys t,u,v``: another key round than the issue's (for example the
issue's without ``t`` and ``u``, to see what the saves add).

After each round, the RSS added is also split, from CPython's own
allocator statistics (``sys._debugmallocstats``), into: the small objects
still alive (bytes in pymalloc's allocated blocks), the room pymalloc holds
free among them (free blocks in used pools, empty pools in arenas it
cannot give back while one pool of theirs is used), and the rest (memory
outside pymalloc: large blocks from the C allocator, thread stacks, pages
touched for the first time).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import tui


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


POOLS = {
    "alive": "bytes in allocated blocks",
    "free in pools": "bytes in available blocks",
    "empty pools": "unused pools",
}


def pymalloc_bytes() -> dict[str, int]:
    """The figures of ``POOLS``, from what ``sys._debugmallocstats`` prints on
    the C stderr (so through a temporary file put in its place)."""
    with tempfile.TemporaryFile(mode="w+") as out:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(out.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        text = out.read()
    got = {}
    for name, label in POOLS.items():
        found = re.search(re.escape(label) + r"[^=]*=\s*([\d,]+)", text)
        if found is None:
            raise RuntimeError(f"no {label!r} in sys._debugmallocstats()")
        got[name] = int(found[1].replace(",", ""))
    return got


async def child(db: Path, rounds: int, warm: bool, order: list[str]) -> dict[str, object]:
    from twitchtui.app import TwitchApp
    from twitchtui.screens.dashboard import DashboardScreen

    app = TwitchApp(db, now=lambda: tui.NOW, poll_seconds=3600, rebuild_seconds=0.01)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:

        async def settle() -> None:
            await pilot.pause()
            while not (isinstance(app.screen, DashboardScreen) and app.screen.is_settled):
                await pilot.pause(0.05)
            await tui.workers_done(app)
            await pilot.pause(0.1)

        await settle()
        if warm:
            import twitchtui.ops.twitches  # noqa: F401  (the writer's modules)

            app.notify("warm", timeout=0.3)
            store = app.screen.session.store  # type: ignore[attr-defined]
            store.save_settings(store.settings())
            await pilot.pause(1.0)
        await settle()
        gc.collect()
        start, pools = rss_kib(), pymalloc_bytes()
        keys: list[list[int]] = []
        totals: list[int] = []
        split: list[dict[str, int]] = []
        for _ in range(rounds):
            row = []
            for key in order:
                before = rss_kib()
                await pilot.press(key)
                await settle()
                row.append(rss_kib() - before)
            keys.append(row)
            gc.collect()
            totals.append(rss_kib() - start)
            now = pymalloc_bytes()
            split.append({name: (now[name] - pools[name]) // 1024 for name in POOLS})
    return {"settled": start, "keys": keys, "totals": totals, "split": split}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--size", type=int, default=100_000, help="twitches in the diary")
    parser.add_argument("--warm", action="store_true", help="first use done before the count")
    parser.add_argument("--keys", default=",".join(tui.KEYS), help="the key round, comma-separated")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    order = args.keys.split(",")
    if args.child is not None:
        print(json.dumps(asyncio.run(child(args.child, args.rounds, args.warm, order))))
        return
    db = tui.make_diary(args.size)
    folder = Path(tempfile.mkdtemp(prefix="twitchtui-rss-key-"))
    env = {
        **os.environ,
        "TWITCHTUI_CACHE_DIR": str(folder / "cache"),
        "TWITCHTUI_STATE_DIR": str(folder / "state"),
    }

    def run(rounds: int) -> dict:
        cmd = [sys.executable, __file__, "--child", str(db), "--rounds", str(rounds)]
        cmd += ["--keys", args.keys]
        done = subprocess.run(
            [*cmd, "--warm"] if args.warm else cmd, env=env, check=True, capture_output=True
        )
        return json.loads(done.stdout)

    run(0)  # builds the derived index, as a first start does
    runs = [run(args.rounds) for _ in range(args.runs)]
    warm = ", first use done before the count" if args.warm else ""
    print(f"KiB of RSS each key of the first round added, {args.runs} fresh processes{warm}\n")
    print("| run | settled, MiB | " + " | ".join(f"`{k}`" for k in order) + " |")
    print("|---:|---:|" + "---:|" * len(order))
    for i, got in enumerate(runs, 1):
        first = " | ".join(f"{kib:+d}" for kib in got["keys"][0])
        print(f"| {i} | {got['settled'] / 1024:.1f} | {first} |")
    print("\n| run | " + " | ".join(f"after round {n}" for n in range(1, args.rounds + 1)) + " |")
    print("|---:|" + "---:|" * args.rounds)
    for i, got in enumerate(runs, 1):
        cells = " | ".join(
            f"{kib / 1024:+.1f} MiB ({kib / got['settled']:+.1%})" for kib in got["totals"]
        )
        print(f"| {i} | {cells} |")
    print(
        "\nAfter the last round, KiB: the RSS added, and what of it CPython's small-object"
        " allocator holds (objects alive, room free in its pools, empty pools in its arenas)\n"
    )
    print("| run | RSS | " + " | ".join(POOLS) + " | the rest |\n|---:|---:|" + "---:|" * 4)
    for i, got in enumerate(runs, 1):
        rss, last = got["totals"][-1], got["split"][-1]
        cells = " | ".join(f"{last[name]:+,}" for name in POOLS)
        print(f"| {i} | {rss:+,} | {cells} | {rss - sum(last.values()):+,} |")


if __name__ == "__main__":
    main()
