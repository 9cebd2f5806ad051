"""Write SVG screenshots of every pane and screen to screenshots/ (``make screenshots``).

The real app, on a seeded demo diary, at a fixed clock, so the pictures only
change when the app does.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textual.widgets import Input  # noqa: E402

from twitchtui.app import TwitchApp  # noqa: E402
from twitchtui.demo import generate  # noqa: E402
from twitchtui.model import Habit, Twitch  # noqa: E402
from twitchtui.store import Store  # noqa: E402
from twitchtui.store.demo_file import with_tried  # noqa: E402

NOW = datetime(2026, 11, 18, 16, 45, tzinfo=timezone(timedelta(hours=1)))

SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("dashboard", (160, 48), []),
    ("compact-80x24", (80, 24), []),
    ("compact-60x20", (60, 20), []),
    ("compact-80x15", (80, 15), []),
    ("compact-trends-80x24", (80, 24), ["3"]),
    ("dashboard-100x30", (100, 30), []),
    ("trends-hour", (160, 48), ["v"]),
    ("trends-site", (160, 48), ["v", "v"]),
    ("trends-habits", (160, 48), ["v", "v", "v", "v"]),
    ("details-form", (100, 40), ["d"]),
    ("check-in", (100, 40), ["i"]),
    ("self-check", (100, 40), ["k"]),
    ("help", (100, 50), ["question_mark"]),
    ("report", (120, 48), ["r"]),
    ("settings", (100, 50), ["o"]),
    ("calendar", (100, 40), ["g"]),
    ("habits", (100, 40), ["h"]),
    ("compress", (160, 48), ["f"]),
    ("compress-80x24", (80, 24), ["f"]),
    ("relaxation", (80, 24), ["l"]),
    ("relaxation-60x20", (60, 20), ["l"]),
    ("experiment", (100, 40), ["y"]),
    ("welcome", (90, 36), []),
    ("welcome-60x20", (60, 20), []),
]


async def workers_done(app) -> None:
    """Wait for every worker; one replaced by a newer exclusive worker while
    waited on is done, any other failure is raised (``tests/conftest.py``)."""
    from textual.worker import WorkerCancelled

    results = await asyncio.gather(*(w.wait() for w in list(app.workers)), return_exceptions=True)
    failed = [r for r in results if isinstance(r, BaseException)]
    if any(not isinstance(r, WorkerCancelled) for r in failed):
        raise next(r for r in failed if not isinstance(r, WorkerCancelled))


def _tick(log, ticks: dict) -> object:
    return replace(log, habits={**log.habits, **{k: int(v) for k, v in ticks.items() if v}})


def demo_store(db: Path, *extra: Twitch) -> Store:
    """The seeded 60-day demo diary every picture shows, with a kept
    stimulant-pause result and relief sessions."""
    twitches, logs = generate(NOW, days=60, per_day=6, seed=1)
    twitches.extend(extra)
    store = Store.open(db, now=lambda: NOW)
    with_tried(store, twitches, logs)
    return store


async def shoot(name: str, size: tuple[int, int], keys: list[str], folder: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="twitchtui-shot-") as scratch:
        await _shoot(name, size, keys, folder, Path(scratch))


async def _shoot(
    name: str, size: tuple[int, int], keys: list[str], folder: Path, scratch: Path
) -> None:
    db = scratch / "diary.json"
    # A first run: no diary yet, at a path that reads the same every time.
    if name.startswith("welcome"):
        db = Path(tempfile.gettempdir()) / "twitchtui-first-run" / "diary.json"
        shutil.rmtree(db.parent, ignore_errors=True)
    else:
        eye = Twitch(at=NOW - timedelta(hours=1), site="eye", side="left", intensity=2)
        store = demo_store(db, eye)
        # Two habits of the person's own, ticked on most days of the last weeks.
        habits = (Habit("stretch jaw", 1), Habit("walk", 2, in_score=True))
        store.update_settings(lambda s: replace(s, habits=habits))
        for offset in range(20):
            day = NOW.date() - timedelta(days=offset)
            ticks = {"stretch jaw": offset % 3 != 1, "walk": (offset * 7) % 3}
            store.update_day(day, partial(_tick, ticks=ticks))
    clock = [1000.0]  # the relief timers' monotonic clock, moved below
    app = TwitchApp(
        db, now=lambda: NOW, poll_seconds=3600, retry_seconds=3600, monotonic=lambda: clock[0]
    )
    async with app.run_test(size=size) as pilot:
        for step in ([], keys):
            await pilot.press(*step)
            if step and name.startswith(("compress", "relaxation")):
                # Part way through: 3 min 40 s into the compress; round 1's "let go".
                clock[0] += 220 if name.startswith("compress") else 6.5
                ticking = app.screen
                (ticking.compress.tick if name.startswith("compress") else ticking.tick)()
            for _ in range(100):
                await workers_done(app)
                await pilot.pause(0.05)
                if all(getattr(s, "is_settled", True) for s in app.screen_stack):
                    break
        for field in app.screen.query(Input):
            field.cursor_blink = False  # a steady cursor, not one caught mid-blink
        await pilot.pause()
        (folder / f"{name}.svg").write_text(app.export_screenshot(title=f"twitchtui: {name}"))
    if name.startswith("welcome"):
        shutil.rmtree(db.parent, ignore_errors=True)


def report_page_one(folder: Path) -> Path | None:
    """Page one of the 28-day PDF report of the same diary, as a PNG, made
    with pdftoppm (poppler-utils) where it is installed; None where not."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("report-page-1.png skipped: pdftoppm (poppler-utils) is not installed")
        return None
    from twitchtui.report import to_pdf
    from twitchtui.report.pdf import csv_for
    from twitchtui.views import load_report

    with tempfile.TemporaryDirectory(prefix="twitchtui-shot-") as scratch:
        data = load_report(demo_store(Path(scratch) / "diary.json"), 28)
        pdf = Path(scratch) / "report.pdf"
        pdf.write_bytes(to_pdf(data, csv_for(data)))
        stem = folder / "report-page-1"
        subprocess.run(
            [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, stem],
            check=True,
        )
    return stem.with_suffix(".png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="folder")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="just these shots")
    args = parser.parse_args()
    args.out.mkdir(exist_ok=True)
    for name, size, keys in SHOTS:
        if args.only and name not in args.only:
            continue
        asyncio.run(shoot(name, size, keys, args.out))
        print(args.out / f"{name}.svg")
    if not args.only or "report-page-1" in args.only:
        made = report_page_one(args.out)
        if made is not None:
            print(made)


if __name__ == "__main__":
    main()
