"""Snapshot tests: every pane and screen at a fixed clock on fixed demo data.

Regenerate after an intended change with ``pytest tests/test_snapshots.py --snapshot-update``
and review the SVGs in ``snapshot_report.html``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Input

from twitchtui.app import TwitchApp
from twitchtui.demo import generate
from twitchtui.store import Store

from .conftest import TZ, Clock

SNAP_NOW = datetime(2026, 11, 18, 16, 45, tzinfo=TZ)


@pytest.fixture
def demo_app(tmp_path: Path) -> TwitchApp:
    clock = Clock(SNAP_NOW)
    db = tmp_path / "diary.json"
    twitches, logs = generate(SNAP_NOW, days=60, per_day=6, seed=1)
    Store.open(db, now=clock).merge(twitches, logs)
    # No polling: nothing changes under a snapshot, and no worker races the capture.
    return TwitchApp(db, now=clock, poll_seconds=3600, retry_seconds=3600, rebuild_seconds=0.25)


def dashboards_settled(pilot) -> bool:
    return all(getattr(s, "is_settled", True) for s in pilot.app.screen_stack)


async def ready(pilot) -> None:
    """Wait until no worker is running (one finished build can start another),
    then hold text cursors still: a blinking one is captured on or off by chance."""
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)
        if not any(w.is_running for w in pilot.app.workers) and dashboards_settled(pilot):
            await pilot.pause()
            if not any(w.is_running for w in pilot.app.workers):
                for field in pilot.app.screen.query(Input):
                    field.cursor_blink = False  # shown, and steady
                await pilot.pause()
                return
    raise AssertionError("workers never settled")


def press_then_ready(*keys: str):
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press(*keys)
        await ready(pilot)

    return run_before


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_dashboard(snap_compare, demo_app: TwitchApp, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, run_before=ready, terminal_size=size)


def test_checklist_past_day(snap_compare, demo_app: TwitchApp) -> None:
    assert snap_compare(
        demo_app, run_before=press_then_ready("left_square_bracket"), terminal_size=(120, 40)
    )


@pytest.mark.parametrize("key", ["d", "i", "k", "b", "question_mark"])
def test_screens(snap_compare, demo_app: TwitchApp, key: str) -> None:
    assert snap_compare(demo_app, run_before=press_then_ready(key), terminal_size=(100, 40))


def test_all_clear_on_a_fresh_diary(snap_compare, tmp_path: Path) -> None:
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


def test_report_preview(snap_compare, demo_app: TwitchApp) -> None:
    assert snap_compare(demo_app, run_before=press_then_ready("r"), terminal_size=(100, 40))


def chart_keys(presses: int):
    """Bring the trends pane into view (it may sit below on a small screen), then pick a chart."""
    return press_then_ready("3", *(["v"] * presses))


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("chart", range(5), ids=["day", "hour", "site", "intensity", "habits"])
def test_trend_charts(snap_compare, demo_app: TwitchApp, size: tuple[int, int], chart: int) -> None:
    assert snap_compare(demo_app, run_before=chart_keys(chart), terminal_size=size)


@pytest.mark.parametrize("key", ["question_mark", "o"], ids=["help", "settings"])
def test_screens_at_80x24(snap_compare, demo_app: TwitchApp, key: str) -> None:
    assert snap_compare(demo_app, run_before=press_then_ready(key), terminal_size=(80, 24))


def test_welcome_at_80x24(snap_compare, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # a relative path, so the screen shows the same path every run
    clock = Clock(SNAP_NOW)
    app = TwitchApp(
        Path("new/diary.json"),
        now=clock,
        poll_seconds=3600,
        retry_seconds=3600,
        rebuild_seconds=0.25,
    )
    assert snap_compare(app, run_before=ready, terminal_size=(80, 24))
