"""Shared fixtures: a fixed clock and a real diary in tmp_path."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import settings
from textual.worker import WorkerCancelled

from twitchtui.model import Twitch
from twitchtui.store import FileSystem, Store

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 18, 14, 30, tzinfo=TZ)

# No property test is timed (speed is the benchmarks' to measure): an example
# slowed by a busy machine is not a failure. On CI (``.ci/run`` sets
# HYPOTHESIS_PROFILE=ci) the examples are drawn the same on every run, so a
# red run is never a new example met by chance; ``make test`` here still
# looks for new ones, and keeps those that failed in .hypothesis/.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


async def workers_done(app) -> None:
    """Wait for every worker the app has now. ``WorkerManager.wait_for_complete``
    raises ``WorkerCancelled`` when an exclusive worker was replaced by a newer
    one while it waited (the urgent re-read does this on purpose), which on a
    busy machine happens by chance; a cancelled worker is done, not a failure."""
    results = await asyncio.gather(*(w.wait() for w in list(app.workers)), return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException) and not isinstance(result, WorkerCancelled):
            raise result


class Clock:
    """A clock that tests move by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def fixed_cli_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shell commands (in-process or as subprocesses) read the date from NOW too,
    so no test depends on the day it runs, or breaks when run across midnight."""
    monkeypatch.setenv("TWITCHTUI_NOW", NOW.isoformat())
    # The emergency number follows the locale's country: fix it to the UK's
    # (999, with 112 beside it, and 111 for same-day), wherever the tests run.
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


@pytest.fixture(autouse=True)
def machine_folders(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The completion names, the derived index and the record of reminders
    sent go to a temporary folder (in this process and the ones it starts),
    never to the real user cache and state folders."""
    base = tmp_path_factory.mktemp("machine")
    monkeypatch.setenv("TWITCHTUI_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("TWITCHTUI_STATE_DIR", str(base / "state"))
    return base


def run_twitchtui(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    """``twitchtui`` as its own process. It inherits TWITCHTUI_NOW from the
    autouse fixture, so it reads the tests' clock unless ``env`` says otherwise."""
    return subprocess.run(
        [sys.executable, "-m", "twitchtui", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


FIRST_FRAME = r"""
import sys
from functools import partialmethod
from pathlib import Path

from textual.app import App

shown = App._display


def first_frame(self, screen, renderable):
    shown(self, screen, renderable)
    if renderable is not None and getattr(screen, "today", None) is not None:
        App._display = shown
        print(REPORT)
        self.exit()  # at once: whatever is still queued arrives as the app closes


App._display = first_frame
App.run = partialmethod(App.run, headless=True, size=SIZE)
from twitchtui.tui import run_tui

run_tui(Path(sys.argv[1]))
"""


def run_to_first_frame(
    db: Path, report: str, size: tuple[int, int] = (80, 24)
) -> subprocess.CompletedProcess[str]:
    """Start ``twitchtui``'s real entry path headless in its own process, and
    stop at the first frame that shows the day, printing the expression
    ``report`` (it may use ``screen`` and ``sys``)."""
    code = FIRST_FRAME.replace("REPORT", report).replace("SIZE", repr(size))
    return subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "diary" / "diary.json"


@pytest.fixture
def store(db_path: Path, clock: Clock) -> Store:
    return Store.open(db_path, now=clock)


def twitch_at(hours_ago: float = 0, now: datetime = NOW, **values) -> Twitch:
    return Twitch(at=now - timedelta(hours=hours_ago), **values)


MakeTwitch = Callable[..., Twitch]


class FullDisk(FileSystem):
    """The file system of a full disk (until ``full`` is set to False)."""

    full = True

    def write(self, fd, data):
        if self.full:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(fd, data)


def write_old_diary(
    path: Path,
    settings: dict | None = None,
    months: dict[str, dict[str, list[dict]]] | None = None,
    schema: int = 3,
) -> None:
    """A diary as twitchtui kept it before schema 4 (one main file holding
    the settings, one file per month for every machine), written by hand:
    what an upgrade starts from."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = {"app": "twitchtui", "schema": schema}
    main = {"meta": {"1": stamp}, "settings": {"1": settings} if settings is not None else {}}
    path.write_text(json.dumps(main))
    for month, tables in (months or {}).items():
        doc = {"meta": {"1": {**stamp, "month": month}}}
        for name in ("twitches", "days"):
            doc[name] = {str(i): d for i, d in enumerate(tables.get(name, []), 1)}
        path.with_name(f"{path.stem}.{month}.json").write_text(json.dumps(doc))
