"""The dashboard honours $TWITCHTUI_NOW as the shell does, and its clock then runs on."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import twitchtui.tui
from twitchtui.cli import main

from .conftest import NOW


def test_the_dashboard_starts_at_twitchtui_now_and_its_clock_moves_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: dict[str, Any] = {}

    def run_tui(path: Path, **kwargs: Any) -> int:
        started.update(kwargs, path=path)
        return 0

    monkeypatch.setattr(twitchtui.tui, "run_tui", run_tui)
    assert main(["--db", str(tmp_path / "d.json")]) == 0  # conftest sets TWITCHTUI_NOW
    now: Callable[[], datetime] = started["now"]
    first = now()
    assert abs((first - NOW).total_seconds()) < 5
    deadline = time.monotonic() + 2
    while now() <= first and time.monotonic() < deadline:
        pass  # the real clock moves, so this one must too
    assert now() > first


def test_without_twitchtui_now_the_dashboard_keeps_the_real_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: dict[str, Any] = {}
    monkeypatch.delenv("TWITCHTUI_NOW")
    monkeypatch.setattr(twitchtui.tui, "run_tui", lambda path, **kw: started.update(kw) or 0)
    assert main(["--db", str(tmp_path / "d.json")]) == 0
    assert started["now"] is None
