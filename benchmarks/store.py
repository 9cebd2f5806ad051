"""Store benchmark: twitchtui's sharded store against plain TinyDB, same data, same run.

    .venv/bin/python benchmarks/store.py [--sizes 1000 10000 100000] [--repeat 15]

For each diary size it measures, as medians (p95 in brackets):

- log one, cold: open the diary and log one twitch, as ``twitchtui log`` does
  (minus Python's own start-up); plain TinyDB: open the file, insert one.
- log one, warm: log one more twitch from an already-open store, as the TUI does.
- open: open the diary and read what the dashboard shows first (today's
  twitches, today's checklist, the last twitch); plain TinyDB: open the file
  and search today's twitches.
- size: bytes on disk.

The diary grows by history, not by rate: about 27 twitches a day (heavy
logging), so 1k is five weeks and 100k is ten years, as in the issue.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tinydb import Query, TinyDB

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from twitchtui.demo import generate
from twitchtui.model import Twitch
from twitchtui.store import Store
from twitchtui.views import load_today

NOW = datetime(2026, 11, 18, 20, 0, tzinfo=timezone(timedelta(hours=1)))
PER_DAY = 27.4


def timed(fn, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def build(size: int, folder: Path) -> tuple[Path, Path, int]:
    days = max(1, round(size / PER_DAY))
    twitches, logs = generate(NOW, days=days, per_day=PER_DAY, seed=size)
    twitches = twitches[-size:]
    ours = folder / "ours" / "diary.json"
    Store.open(ours, now=lambda: NOW).merge(twitches, logs)
    plain = folder / "plain.json"
    docs = {str(i): t.to_doc() for i, t in enumerate(twitches, 1)}
    plain.write_text(json.dumps({"twitches": docs}))
    return ours, plain, len(twitches)


def measure(size: int, repeat: int) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="twitchtui-bench-"))
    try:
        ours, plain, count = build(size, folder)
        clock = lambda: NOW  # noqa: E731
        today = NOW.date().isoformat()

        def ours_cold() -> None:
            Store.open(ours, now=clock).log_twitch(Twitch(at=NOW))

        warm_store = Store.open(ours, now=clock)
        load_today(warm_store)

        def ours_warm() -> None:
            warm_store.log_twitch(Twitch(at=NOW))

        def ours_open() -> None:
            load_today(Store.open(ours, now=clock))

        def plain_log() -> None:
            with TinyDB(plain) as db:
                db.table("twitches").insert(Twitch(at=NOW).to_doc())

        def plain_open() -> None:
            with TinyDB(plain) as db:
                db.table("twitches").search(Query().at >= today)

        row = {
            "twitches": count,
            "ours log cold": timed(ours_cold, repeat),
            "ours log warm": timed(ours_warm, repeat),
            "ours open": timed(ours_open, repeat),
            "ours size": sum(p.stat().st_size for p in ours.parent.glob("*.json")),
            "tinydb log": timed(plain_log, max(3, repeat // 3)),
            "tinydb open": timed(plain_open, max(3, repeat // 3)),
            "tinydb size": plain.stat().st_size,
        }
        return row
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def fmt(pair: object) -> str:
    median, p95 = pair  # type: ignore[misc]
    return f"{median:7.2f} ({p95:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    rows = [measure(size, args.repeat) for size in args.sizes]
    print("Times in ms, median (p95). Sizes in KiB.\n")
    head = (
        "| twitches | twitchtui log (cold) | twitchtui log (warm) | twitchtui open "
        "| twitchtui size | TinyDB log | TinyDB open | TinyDB size |"
    )
    print(head)
    print("|---:" * 8 + "|")
    for r in rows:
        print(
            f"| {r['twitches']:,} | {fmt(r['ours log cold'])} | {fmt(r['ours log warm'])} "
            f"| {fmt(r['ours open'])} | {r['ours size'] // 1024:,} | {fmt(r['tinydb log'])} "
            f"| {fmt(r['tinydb open'])} | {r['tinydb size'] // 1024:,} |"
        )
    first, last = rows[0], rows[-1]
    for key in ("ours log cold", "ours log warm", "ours open"):
        ratio = last[key][0] / first[key][0]  # type: ignore[index]
        print(
            f"\n{key}: {last['twitches']:,} vs {first['twitches']:,} twitches = {ratio:.2f}x",
            end="",
        )
    print()


if __name__ == "__main__":
    main()
