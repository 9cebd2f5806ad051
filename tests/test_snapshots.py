"""Snapshot tests: every pane and screen at a fixed clock on fixed demo data.

Regenerate after an intended change with ``pytest tests/test_snapshots.py --snapshot-update``
and review the SVGs in ``snapshot_report.html``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from twitchtui.app import TwitchApp
from twitchtui.demo import generate
from twitchtui.model import DayLog, Habit, Settings
from twitchtui.store import Store

from .conftest import TZ, Clock, workers_done

SNAP_NOW = datetime(2026, 11, 18, 16, 45, tzinfo=TZ)


def _with_habits(log: DayLog, ticks: dict[str, int]) -> DayLog:
    return replace(log, habits={name: n for name, n in ticks.items() if n})


@pytest.fixture
def demo_app(tmp_path: Path) -> TwitchApp:
    clock = Clock(SNAP_NOW)
    db = tmp_path / "diary.json"
    twitches, logs = generate(SNAP_NOW, days=60, per_day=6, seed=1)
    store = Store.open(db, now=clock)
    store.merge(twitches, logs)
    # Two habits of the person's own: one yes/no, one counted and in the score.
    store.save_settings(Settings(habits=(Habit("stretch jaw"), Habit("walk", 2, in_score=True))))
    for offset in range(12):
        day = SNAP_NOW.date() - timedelta(days=offset)
        ticks = {"stretch jaw": offset % 3, "walk": offset % 2 + 1}
        store.update_day(day, partial(_with_habits, ticks=ticks))
    # No polling: nothing changes under a snapshot, and no worker races the capture.
    return TwitchApp(db, now=clock, poll_seconds=3600, retry_seconds=3600, rebuild_seconds=0.25)


def dashboards_settled(pilot: Pilot[None]) -> bool:
    """The diary is open (not the bare screen shown while it opens) and every
    dashboard has finished its reads and builds."""
    opened = type(pilot.app.screen) is not Screen
    return opened and all(getattr(s, "is_settled", True) for s in pilot.app.screen_stack)


async def ready(pilot: Pilot[None]) -> None:
    """Wait until no worker is running (one finished build can start another),
    then hold text cursors still: a blinking one is captured on or off by chance."""
    for _ in range(100):
        await workers_done(pilot.app)
        await pilot.pause(0.05)
        if not any(w.is_running for w in pilot.app.workers) and dashboards_settled(pilot):
            await pilot.pause()
            if not any(w.is_running for w in pilot.app.workers):
                for field in pilot.app.screen.query(Input):
                    field.cursor_blink = False  # shown, and steady
                await pilot.pause()
                return
    raise AssertionError("workers never settled")


def press_then_ready(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press(*keys)
        await ready(pilot)

    return run_before


SnapCompare = Callable[..., bool]
"""pytest-textual-snapshot's fixture: compares the app's screen with its SVG."""

SIZES = [(120, 40), (100, 30), (80, 24), (80, 15), (60, 20)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_dashboard(snap_compare: SnapCompare, demo_app: TwitchApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, run_before=ready, terminal_size=size)


@pytest.mark.parametrize("key", ["1", "2", "4"], ids=["quick-log", "checklist", "red-flags"])
def test_compact_opens_one_pane(snap_compare: SnapCompare, demo_app: TwitchApp, key: str) -> None:
    assert snap_compare(demo_app, run_before=press_then_ready(key), terminal_size=(80, 24))


@pytest.mark.parametrize("key", ["g", "h"], ids=["calendar", "habits"])
def test_calendar_and_habits(snap_compare: SnapCompare, demo_app: TwitchApp, key: str) -> None:
    assert snap_compare(demo_app, run_before=press_then_ready(key), terminal_size=(100, 40))


def test_checklist_past_day(snap_compare: SnapCompare, demo_app: TwitchApp) -> None:
    assert snap_compare(
        demo_app, run_before=press_then_ready("left_square_bracket"), terminal_size=(120, 40)
    )


TOOLKIT_SIZES = [(80, 24), (160, 48)]


@pytest.mark.parametrize("size", TOOLKIT_SIZES, ids=[f"{w}x{h}" for w, h in TOOLKIT_SIZES])
@pytest.mark.parametrize("key", ["f", "l"], ids=["compress", "relaxation"])
def test_relief_toolkit(
    snap_compare: SnapCompare, demo_app: TwitchApp, key: str, size: tuple[int, int]
) -> None:
    """The compress timer and the face relaxation, held still at their start
    (the monotonic clock does not move)."""
    demo_app.monotonic = lambda: 1000.0
    assert snap_compare(demo_app, run_before=press_then_ready(key), terminal_size=size)


@pytest.mark.parametrize("key", ["d", "i", "k", "b", "question_mark", "y", "s"])
def test_screens(snap_compare: SnapCompare, demo_app: TwitchApp, key: str) -> None:
    assert snap_compare(demo_app, run_before=press_then_ready(key), terminal_size=(100, 40))


def test_all_clear_on_a_fresh_diary(snap_compare: SnapCompare, tmp_path: Path) -> None:
    clock = Clock(SNAP_NOW)
    app = TwitchApp(
        tmp_path / "fresh.json",
        now=clock,
        poll_seconds=3600,
        retry_seconds=3600,
        rebuild_seconds=0.25,
        first_run=False,
    )
    assert snap_compare(app, run_before=ready, terminal_size=(120, 40))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_report_preview(
    snap_compare: SnapCompare, demo_app: TwitchApp, size: tuple[int, int]
) -> None:
    assert snap_compare(demo_app, run_before=press_then_ready("r"), terminal_size=size)


def test_report_sections_chooser(snap_compare: SnapCompare, demo_app: TwitchApp) -> None:
    assert snap_compare(demo_app, run_before=press_then_ready("r", "c"), terminal_size=(80, 24))


def chart_keys(presses: int) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Bring the trends pane into view (it may sit below on a small screen), then pick a chart."""
    return press_then_ready("3", *(["v"] * presses))


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("chart", range(5), ids=["day", "hour", "site", "intensity", "habits"])
def test_trend_charts(
    snap_compare: SnapCompare, demo_app: TwitchApp, size: tuple[int, int], chart: int
) -> None:
    assert snap_compare(demo_app, run_before=chart_keys(chart), terminal_size=size)


@pytest.mark.parametrize("key", ["question_mark", "o"], ids=["help", "settings"])
def test_screens_at_80x24(snap_compare: SnapCompare, demo_app: TwitchApp, key: str) -> None:
    assert snap_compare(demo_app, run_before=press_then_ready(key), terminal_size=(80, 24))


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_welcome(
    snap_compare: SnapCompare,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    monkeypatch.chdir(tmp_path)  # a relative path, so the screen shows the same path every run
    clock = Clock(SNAP_NOW)
    app = TwitchApp(
        Path("new/diary.json"),
        now=clock,
        poll_seconds=3600,
        retry_seconds=3600,
        rebuild_seconds=0.25,
    )
    assert snap_compare(app, run_before=ready, terminal_size=size)
