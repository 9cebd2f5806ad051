"""Start-up: the path ``twitchtui`` really takes (diary read before the app runs)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from twitchtui.model import Twitch
from twitchtui.screens.dashboard import DashboardScreen
from twitchtui.store import Store
from twitchtui.views import load_today

from .conftest import NOW, Clock
from .test_app import make_app, settle, text_of


async def test_preloaded_start_shows_the_day_and_builds_charts_after_the_first_frame(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(db_path, now=clock).log_twitch(Twitch(at=NOW - timedelta(minutes=20)))
    store = Store.open(db_path, now=clock)  # an existing diary, as on most starts
    built: list[str] = []
    for name in ("refresh_trends", "reload_findings"):
        original = getattr(DashboardScreen, name)

        def recording(self, _original=original, _name=name):
            built.append(_name)
            return _original(self)

        monkeypatch.setattr(DashboardScreen, name, recording)
    at_first_frame: list[list[str]] = []
    app = make_app(
        db_path,
        clock,
        preloaded=(store, load_today(store)),
        on_ready=lambda: at_first_frame.append(list(built)),
    )
    async with app.run_test() as pilot:
        assert isinstance(app.screen, DashboardScreen)  # no blank screen before it
        assert at_first_frame == [[]]  # the first frame waited for neither
        assert "1 twitch today" in text_of(app, "#summary")
        await settle(pilot)
        assert {"refresh_trends", "reload_findings"} <= set(built)
        assert app.screen.trends is not None and app.screen.findings is not None
