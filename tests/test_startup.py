"""Start-up: the path ``twitchtui`` really takes (diary read before the app runs)."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from twitchtui.model import Twitch
from twitchtui.screens.dashboard import DashboardScreen
from twitchtui.screens.dashboard.rebuilds import RebuildService
from twitchtui.store import Store
from twitchtui.views import load_today

from .conftest import NOW, Clock, run_to_first_frame
from .test_app import make_app, settle, text_of


async def test_preloaded_start_shows_the_day_and_builds_charts_after_the_first_frame(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(db_path, now=clock).log_twitch(Twitch(at=NOW - timedelta(minutes=20)))
    store = Store.open(db_path, now=clock)  # an existing diary, as on most starts
    built: list[bool] = []
    rebuild = RebuildService.rebuild

    def recording(self: RebuildService, findings: bool = True) -> None:
        built.append(findings)
        rebuild(self, findings)

    monkeypatch.setattr(RebuildService, "rebuild", recording)
    at_first_frame: list[list[bool]] = []
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
        assert built == [True]  # one rebuild: findings, then the charts
        assert app.screen.trends is not None and app.screen.findings is not None


CHILD = r"""
import gc
import sys
from functools import partialmethod
from pathlib import Path

from textual.app import App

from twitchtui.app import TwitchApp

seen = {}


def on_ready(self):
    original(self)
    seen.update(enabled=gc.isenabled(), frozen=gc.get_freeze_count())
    self.exit()


original = TwitchApp.on_ready
TwitchApp.on_ready = on_ready
App.run = partialmethod(App.run, headless=True)
from twitchtui.tui import run_tui

code = run_tui(Path(sys.argv[1]))
print(code, seen["enabled"], seen["frozen"] > 0)
"""


def test_the_collector_is_paused_for_start_up_only(db_path: Path) -> None:
    """Start-up runs with the garbage collector paused; after the first frame it
    must run again, or a day-long session would only ever grow."""
    Store.open(db_path).log_twitch(Twitch(at=NOW))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(db_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "True", "True"]


async def test_a_first_start_on_the_real_path_greets_the_user(db_path: Path, clock: Clock) -> None:
    """The diary is created while Textual imports; the welcome must still come."""
    from twitchtui.screens.welcome import WelcomeScreen

    store = Store.open(db_path, now=clock)  # creates it, as tui._preload does
    assert store.created
    app = make_app(db_path, clock, first_run=True, preloaded=(store, load_today(store)))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert isinstance(app.screen_stack[-2], DashboardScreen)


def test_a_small_terminal_is_compact_from_the_first_frame(db_path: Path) -> None:
    """The four panes are never drawn, squeezed, into a small terminal first;
    and a resize that arrives as the app closes must not try to mount the
    compact summary on a closing screen (once a MountError on the way out)."""
    Store.open(db_path).log_twitch(Twitch(at=NOW))
    done = run_to_first_frame(db_path, 'screen.compact, bool(screen.query("#compact"))')
    assert done.returncode == 0
    assert "Error" not in done.stderr, done.stderr
    assert done.stdout.split() == ["True", "True"]


def styled(app) -> list[tuple[str, str]]:
    """Every widget on the screen with what its styles resolve to."""
    return [
        (repr(widget), repr(sorted(widget.styles.get_rules().items())))
        for widget in app.screen.walk_children(with_self=True)
    ]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_first_screen_is_styled_as_a_full_restyle_would_style_it(
    db_path: Path, clock: Clock, theme: str
) -> None:
    """The dashboard skips Textual's second styling pass on its first showing
    (every widget was styled as it mounted): nothing may look different for
    it, in the saved theme either."""
    from twitchtui.model import Settings

    Store.open(db_path, now=clock).save_settings(Settings(theme=theme))
    store = Store.open(db_path, now=clock)
    app = make_app(db_path, clock, preloaded=(store, load_today(store)))
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme == theme
        await settle(pilot)
        before = styled(app)
        app.update_styles(app.screen)
        await pilot.pause()
        assert styled(app) == before


async def test_only_the_first_showing_skips_the_restyle_of_its_resume(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dashboard's first resume asks Textual for no restyle of the
    screen; a later one (as after a screen over it) is left as Textual sent it."""
    from textual import events
    from textual.screen import Screen

    asked: list[bool] = []
    resume = Screen._on_screen_resume

    def recording(self: Screen, event: events.ScreenResume) -> None:
        asked.append(event.refresh_styles)
        resume(self, event)

    monkeypatch.setattr(Screen, "_on_screen_resume", recording)
    store = Store.open(db_path, now=clock)
    app = make_app(db_path, clock, preloaded=(store, load_today(store)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert asked == [False]
        app.screen.post_message(events.ScreenResume())
        await settle(pilot)
        assert asked == [False, True]
