"""Nudges, settings, first run, demo, palette: the all-day companion."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input

from twitchtui import nudges
from twitchtui.checklist import pause_state
from twitchtui.cli import build_parser
from twitchtui.model import DayLog, InvalidEntry, Settings
from twitchtui.notify import Record
from twitchtui.screens.dashboard import DashboardScreen
from twitchtui.screens.help import described
from twitchtui.screens.settings import SettingsForm
from twitchtui.screens.welcome import WelcomeScreen
from twitchtui.store import Store
from twitchtui.store.demo_file import temporary_demo_diary

from .conftest import TZ, Clock
from .test_app import make_app, palette_names, settle, shown, until

DAY = datetime(2026, 11, 18).date()


def at(hour: int, minute: int = 0) -> datetime:
    return datetime.combine(DAY, time(hour, minute), TZ)


def kinds(now: datetime, settings: Settings | None = None, log: DayLog | None = None, pause=None):
    found = nudges.candidates(now, settings or Settings(), log or DayLog(DAY), pause)
    return [n.kind for n in found]


# ------------------------------------------------------------------ the rules, one by one


def test_coffee_window_closing() -> None:
    assert "coffee" not in kinds(at(11, 44))
    assert "coffee" in kinds(at(11, 45))
    assert "coffee" in kinds(at(11, 59))
    assert "coffee" not in kinds(at(12, 0))
    cup = DayLog(DAY, coffees=(at(9),))
    assert "coffee" not in kinds(at(11, 50), log=cup)  # the one cup is had
    assert "coffee" not in kinds(at(11, 50), replace(Settings(), nudge_coffee=False))


def test_water_behind_pace_in_the_afternoon() -> None:
    # at 14:00 half the day (8 to 20) is gone: 1000 ml expected
    assert "water" in kinds(at(14), log=DayLog(DAY, water_ml=500))
    assert "water" not in kinds(at(14), log=DayLog(DAY, water_ml=750))  # within one glass
    assert "water" not in kinds(at(11), log=DayLog(DAY, water_ml=0))  # mornings are quiet
    assert "water" not in kinds(at(14), replace(Settings(), nudge_water=False), DayLog(DAY))


def test_bedtime_in_30_minutes() -> None:
    assert Settings().target_bedtime == time(22, 30)
    assert "bed" not in kinds(at(21, 59))
    assert "bed" in kinds(at(22, 0))
    assert "bed" not in kinds(at(22, 0), log=DayLog(DAY, bedtime=time(21, 50)))


def test_checkin_prompt_at_the_set_hour() -> None:
    assert "checkin" not in kinds(at(19, 59))
    assert "checkin" in kinds(at(20, 0))
    assert "checkin" not in kinds(at(20, 0), log=DayLog(DAY, stress=2, sleep_h=7))
    assert "checkin" in kinds(at(9), replace(Settings(), checkin_hour=9))


def test_pause_hours_left() -> None:
    pause = pause_state(at(8) - timedelta(hours=17), [], at(8))
    [nudge] = nudges.candidates(at(8), Settings(), DayLog(DAY), pause)
    assert nudge.message == "Stimulant pause: 31 h to go. Going well."
    broken = pause_state(at(8) - timedelta(hours=17), [at(7)], at(8))
    assert "pause" not in kinds(at(8), pause=broken)


def test_each_fires_once_and_never_stacks() -> None:
    fired: dict[str, datetime] = {}
    settings, log = Settings(), DayLog(DAY)
    first = nudges.due(at(11, 46), settings, log, None, fired, DAY)
    assert first is not None and first.kind == "coffee"
    fired[first.kind] = at(11, 46)
    assert nudges.due(at(11, 47), settings, log, None, fired, DAY) is None  # two minutes apart
    assert nudges.due(at(11, 50), settings, log, None, fired, DAY) is None  # coffee: once a day
    fired = {"water": at(14)}
    assert nudges.due(at(15, 59), settings, log, None, fired, DAY) is None  # water: 2 h gap
    again = nudges.due(at(16), settings, log, None, fired, DAY)
    assert again is not None and again.kind == "water"


def test_quiet_mode_and_master_switch() -> None:
    quiet = replace(Settings(), quiet_until=DAY)
    assert nudges.due(at(11, 50), quiet, DayLog(DAY), None, {}, DAY) is None
    tomorrow = DAY + timedelta(days=1)
    assert nudges.due(at(11, 50) + timedelta(days=1), quiet, DayLog(tomorrow), None, {}, tomorrow)
    off = replace(Settings(), nudges=False)
    assert nudges.due(at(11, 50), off, DayLog(DAY), None, {}, DAY) is None


# ------------------------------------------------------------------ in the app


async def tick(pilot, app, clock: Clock, moment: datetime) -> None:
    """Move the clock and wait until the dashboard has polled at that time
    (which is when it decides on reminders): a condition, not a sleep."""
    clock.now = moment
    await until(pilot, lambda: app.screen.now == moment)
    # The reminder check runs in a worker (it reads the shared record): wait for it.
    await until(pilot, lambda: not any(w.group == "remind" and w.is_running for w in app.workers))


async def test_a_nudge_appears_once_at_the_right_time(db_path: Path) -> None:
    clock = Clock(at(11, 30))  # opened over ten minutes before the reminder is due
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert not app._notifications
        clock.now = at(11, 46)
        await until(pilot, lambda: any("coffee window" in n.message for n in app._notifications))
        await tick(pilot, app, clock, at(11, 52))
        coffee = [n for n in app._notifications if "coffee window" in n.message]
        assert len(coffee) == 1


async def test_quiet_key_silences_until_tomorrow(db_path: Path) -> None:
    clock = Clock(at(11, 30))
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        assert Store.open(db_path, now=clock).settings().quiet_until == DAY
        await tick(pilot, app, clock, at(11, 50))
        assert not any("coffee window" in n.message for n in app._notifications)


async def test_settings_validate_save_and_apply(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SettingsForm)
        form.query_one("#water_target_ml", Input).value = "lots"
        form.query_one("#usual_bedtime", Input).value = "25:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "is not a whole number" in str(form.query_one("#error-water_target_ml").render())
        assert "not a time like 22:30" in str(form.query_one("#error-usual_bedtime").render())
        form.query_one("#water_target_ml", Input).value = "2500"
        form.query_one("#usual_bedtime", Input).value = "00:15"
        form.query_one("#bell", Checkbox).value = True
        form.query_one("#theme").value = "nord"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        saved = Store.open(db_path, now=clock).settings()
        assert (saved.water_target_ml, saved.usual_bedtime, saved.bell) == (2500, time(0, 15), True)
        assert app.theme == "nord"
        await until(
            pilot, lambda: "0 / 2500 ml" in str(app.screen.query_one("#checklist-items").render())
        )
        assert "aim for 23:15" in str(app.screen.query_one("#checklist-items").render())


async def test_a_theme_this_textual_lacks_opens_the_settings_on_the_one_shown(
    db_path: Path, clock: Clock
) -> None:
    """Another machine's newer Textual, through a sync or an import, may name
    a theme this one does not have: the settings open (they closed the app)."""
    store = Store.open(db_path, now=clock)
    store.update_settings(lambda s: replace(s, theme="no-such-theme"))
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await until(pilot, lambda: shown(app, SettingsForm))
        assert app.screen.query_one("#theme").value == app.theme


def test_a_theme_that_is_not_a_name_is_refused() -> None:
    for bad in ("\udced", "\x1b]0;x\x07", "", "Nord Theme", 7):
        with pytest.raises(InvalidEntry, match="theme"):
            replace(Settings(), theme=bad).validated()
    assert replace(Settings(), theme="catppuccin-mocha").validated().theme == "catppuccin-mocha"


async def test_a_theme_from_the_palette_is_remembered(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        app.theme = "gruvbox"
        await until(pilot, lambda: Store.open(db_path, now=clock).settings().theme == "gruvbox")


def on_demo_dashboard(app, real: Path) -> bool:
    """The demo's own dashboard is up: not the real diary's, which may still be
    the top screen for a moment while it is torn down (the race that made
    these tests fail under load)."""
    screen = app.screen
    return (
        app.db_path != real
        and isinstance(screen, DashboardScreen)
        and screen.store.path == app.db_path
        and screen.is_attached
        and screen.today is not None
    )


async def test_first_run_welcome_asks_for_the_bedtime(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock, first_run=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert str(db_path) in "".join(str(s.render()) for s in app.screen.query("Static"))
        app.screen.query_one("#usual-bedtime", Input).value = "23:00"
        assert app.screen.query_one("#emergency-number", Input).value == "999"  # en_GB
        app.screen.query_one("#emergency-number", Input).value = "112"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert Store.open(db_path, now=clock).settings().usual_bedtime == time(23, 0)
        assert Store.open(db_path, now=clock).settings().emergency_number == "112"


async def test_a_welcome_closed_unanswered_comes_back_until_answered(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock, first_run=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
    # Closed at the welcome: the next start on that diary shows it again.
    assert Store.open(db_path, now=clock).settings().welcome_pending
    app = make_app(db_path, clock, first_run=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("escape")  # skipped: that is an answer
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert not Store.open(db_path, now=clock).settings().welcome_pending
    app = make_app(db_path, clock, first_run=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_no_welcome_for_an_existing_diary(db_path: Path, clock: Clock) -> None:
    Store.open(db_path, now=clock)
    app = make_app(db_path, clock, first_run=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_welcome_demo_keeps_the_typed_bedtime_and_nothing_else(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock, first_run=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#usual-bedtime", Input).value = "22:45"
        await pilot.click("#demo")
        await settle(pilot)
        await until(pilot, lambda: on_demo_dashboard(app, db_path))
        await settle(pilot)
        assert app.screen.today.last is not None  # the sample diary has twitches
        assert app.screen.today.settings.usual_bedtime == time(22, 45)
        real = Store.open(db_path, now=clock)
        assert real.shard_paths() == {}  # no entries in the real diary
        assert real.settings().usual_bedtime == time(22, 45)  # but the answer is kept


async def test_welcome_flag_shows_the_page_for_an_existing_diary(
    db_path: Path, clock: Clock
) -> None:
    assert build_parser().parse_args(["--welcome"]).welcome is True
    Store.open(db_path, now=clock)
    app = make_app(db_path, clock, first_run=True, welcome=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


def test_demo_flag_and_temporary_diary(clock: Clock) -> None:
    assert build_parser().parse_args(["--demo"]).demo is True
    path = temporary_demo_diary(clock.now)
    store = Store.open(path, now=clock)
    assert len(store.twitches()) > 100
    assert path.parent.name.startswith("twitchtui-demo-")
    assert path.parent.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("size", [(120, 40)])
async def test_palette_has_every_dashboard_action(db_path: Path, clock: Clock, size) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        titles = set(await palette_names(app))
        for binding in DashboardScreen.BINDINGS:
            assert described(binding).replace("…", "") in titles
        assert {"Help", "Settings", "Report (the doctor's report)"} <= titles
        assert "Range (7, 14, 30, 90 or 365 days)" in titles
        assert "Theme" in " ".join(titles)  # Textual's own theme picker is kept


NUDGE_CASES = {
    # kind: (quiet time, due time, text, setting, prepare the diary)
    "coffee": (at(11, 30), at(11, 46), "coffee window closes", "nudge_coffee", None),
    "water": (at(11, 30), at(15, 0), "Water is behind pace", "nudge_water", None),
    "bed": (at(21, 50), at(22, 5), "Bedtime in 25 min", "nudge_bed", None),
    "checkin": (at(19, 30), at(20, 1), "Time for the daily check-in", "nudge_checkin", None),
    "pause": (at(8, 0), at(9, 1), "Stimulant pause: ", "nudge_pause", "pause"),
}


@pytest.mark.parametrize("kind", list(NUDGE_CASES))
@pytest.mark.parametrize("enabled", [True, False], ids=["on", "off"])
async def test_each_nudge_in_the_app(db_path: Path, kind: str, enabled: bool) -> None:
    quiet_time, due_time, text, setting, prepare = NUDGE_CASES[kind]
    clock = Clock(quiet_time)
    store = Store.open(db_path, now=clock)
    # Silence every other kind, so only the one under test can speak.
    others = {name: False for *_, name, _ in NUDGE_CASES.values() if name != setting}
    settings = replace(Settings(), **others, **{setting: enabled})
    if prepare == "pause":
        settings = replace(settings, pause_started=at(8, 0) - timedelta(minutes=1))
    store.save_settings(settings)
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        if kind != "pause":
            await tick(pilot, app, clock, quiet_time + timedelta(minutes=1))
            assert not any(text in n.message for n in app._notifications), "fired too early"
        await tick(pilot, app, clock, due_time)
        shown = [n for n in app._notifications if text in n.message]
        assert len(shown) == (1 if enabled else 0)
        await tick(pilot, app, clock, due_time + timedelta(minutes=5))
        assert len([n for n in app._notifications if text in n.message]) == len(shown)


def test_no_coffee_reminder_while_a_stimulant_pause_runs() -> None:
    running = pause_state(at(8), [], at(11, 46))
    broken = pause_state(at(8), [at(9)], at(11, 46))
    assert "coffee" in kinds(at(11, 46))
    assert "coffee" not in kinds(at(11, 46), pause=running)
    assert "coffee" in kinds(at(11, 46), pause=broken)


async def test_welcome_flag_greets_once_even_after_the_demo(db_path: Path, clock: Clock) -> None:
    """`twitchtui --welcome` on a diary read before start-up: the demo it
    offers opens on the dashboard, not on the welcome again."""
    from twitchtui.views import load_today

    store = Store.open(db_path, now=clock)
    app = make_app(db_path, clock, welcome=True, preloaded=(store, load_today(store)))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.click("#demo")
        await until(pilot, lambda: on_demo_dashboard(app, db_path))
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_no_reminder_in_the_first_ten_minutes(db_path: Path) -> None:
    """Opened at 11:40, the coffee reminder due from 11:45 waits until 11:50."""
    clock = Clock(at(11, 40))
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await tick(pilot, app, clock, at(11, 46))
        await tick(pilot, app, clock, at(11, 49))
        assert not any("coffee window" in n.message for n in app._notifications)
        await tick(pilot, app, clock, at(11, 50))
        assert any("coffee window" in n.message for n in app._notifications)


async def test_no_reminder_over_a_form(db_path: Path) -> None:
    clock = Clock(at(11, 30))
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")  # the check-in form stays open
        await settle(pilot)
        dash = app.screen_stack[-2]
        clock.now = at(11, 46)
        await until(pilot, lambda: dash.now == at(11, 46))
        assert not any("coffee window" in n.message for n in app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        await tick(pilot, app, clock, at(11, 47))
        assert any("coffee window" in n.message for n in app._notifications)


async def test_the_dashboard_keeps_the_record_remind_reads(db_path: Path) -> None:
    """A reminder shown on the dashboard is in the record ``twitchtui remind``
    reads, and one the desktop already showed is not shown again here."""
    clock = Clock(at(11, 30))
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        clock.now = at(11, 46)
        await until(pilot, lambda: any("coffee window" in n.message for n in app._notifications))
    assert Record.for_diary(db_path).read() == {"coffee": at(11, 46)}


async def test_a_reminder_the_desktop_showed_is_not_shown_again(db_path: Path) -> None:
    with Record.for_diary(db_path).claim() as fired:
        fired["coffee"] = at(11, 40)  # sent by twitchtui remind
    clock = Clock(at(11, 30))
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await tick(pilot, app, clock, at(11, 50))
        await settle(pilot)
        assert not any("coffee window" in n.message for n in app._notifications)


def test_a_theme_kept_before_names_were_checked_reads_as_the_default() -> None:
    """A look, not a health record: it never makes the diary unreadable."""
    doc = Settings().to_doc()
    assert Settings.from_doc({**doc, "theme": "Nord Theme"}).theme == "textual-dark"
    assert Settings.from_doc({**doc, "theme": "nord"}).theme == "nord"
