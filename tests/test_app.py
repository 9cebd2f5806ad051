"""Pilot tests: press the real keys, then check both the screen and the diary file."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from twitchtui.app import TwitchApp
from twitchtui.model import SelfCheck, Settings, Twitch
from twitchtui.ops import AddSelfCheck
from twitchtui.screens.damaged import DamagedScreen
from twitchtui.screens.dashboard import DashboardScreen
from twitchtui.screens.help import HelpScreen
from twitchtui.screens.twitch_form import TwitchForm
from twitchtui.store import Store

from .conftest import NOW, Clock, FullDisk, workers_done


def make_app(db_path: Path, clock: Clock, **kwargs) -> TwitchApp:
    kwargs.setdefault("first_run", False)
    return TwitchApp(
        db_path, now=clock, poll_seconds=0.05, retry_seconds=0.1, rebuild_seconds=0.25, **kwargs
    )


async def settle(pilot: Pilot) -> None:
    """Wait until no worker is running (one finished build can start another)."""
    for _ in range(100):
        await workers_done(pilot.app)
        await pilot.pause(0.05)
        busy = any(w.is_running and w.group != "poll" for w in pilot.app.workers)
        # Not the bare screen shown while the diary opens (unless the app has ended).
        opened = (
            type(pilot.app.screen) is not Screen and pilot.app.screen.is_mounted
        ) or pilot.app.return_code is not None
        if (
            not busy
            and opened
            and all(getattr(s, "is_settled", True) for s in pilot.app.screen_stack)
        ):
            return
    raise AssertionError("workers never settled")


def shown(app, screen_type: type) -> bool:
    """A ``screen_type`` is on top, with its widgets in place: Textual puts a
    pushed screen on the stack before it composes, and a query in between
    finds nothing (a race that shows on a busy machine)."""
    return isinstance(app.screen, screen_type) and app.screen.is_mounted


async def until(pilot: Pilot, condition, timeout: float = 60.0) -> None:
    """Wait until ``condition()`` holds. The timeout is only how long a test
    that fails takes to say so: a busy machine (CI, or the suite on every
    core) may take many times longer than a quiet one, and a wait tight
    enough to fail there is a race, not a check."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


def text_of(app: TwitchApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def dashboard(app: TwitchApp) -> DashboardScreen:
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    return screen


async def test_dashboard_has_four_panes(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ids = [w.id for w in dashboard(app).query("#panes > *")]
        assert ids == ["quick-log", "checklist", "trends", "red-flags"]
        assert "0 twitches today" in text_of(app, "#summary")


async def test_t_logs_a_twitch_to_disk_and_screen(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        [saved] = Store.open(db_path, now=clock).twitches()
        assert (saved.site, saved.side, saved.at) == ("upper-lip", "left", NOW)
        assert "1 twitch today" in text_of(app, "#summary")
        assert app.screen.query_one("#entries", DataTable).row_count == 1
        assert any("Saved: twitch at 14:30" in n.message for n in app._notifications)


async def test_t_reuses_last_site_and_side(db_path: Path, clock: Clock) -> None:
    Store.open(db_path, now=clock).log_twitch(
        Twitch(at=NOW - timedelta(hours=1), site="cheek", side="right")
    )
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        latest = Store.open(db_path, now=clock).twitches()[-1]
        assert (latest.site, latest.side) == ("cheek", "right")


async def test_undo_and_redo(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("t", "t")
        await settle(pilot)
        assert len(Store.open(db_path, now=clock).twitches()) == 2
        await pilot.press("u")
        await settle(pilot)
        assert len(Store.open(db_path, now=clock).twitches()) == 1
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert Store.open(db_path, now=clock).twitches() == []
        assert "0 twitches today" in text_of(app, "#summary")
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert len(Store.open(db_path, now=clock).twitches()) == 1
        await pilot.press("u", "u", "u")
        await settle(pilot)
        assert any("Nothing to undo" in n.message for n in app._notifications)


async def test_details_form_validates_inline_then_saves(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TwitchForm)
        form.query_one("#intensity", Input).value = "9"
        form.query_one("#duration", Input).value = "-2"
        form.query_one("#at", Input).value = "25:99"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form, "an invalid form must not close"
        assert "must be from 1 to 5, not 9" in str(form.query_one("#error-intensity").render())
        assert "must be from 0" in str(form.query_one("#error-duration").render())
        assert "not a time like 22:30" in str(form.query_one("#error-at").render())
        assert Store.open(db_path, now=clock).twitches() == []

        form.query_one("#intensity", Input).value = "4"
        form.query_one("#duration", Input).value = "30"
        form.query_one("#at", Input).value = "15"
        form.query_one("#note", Input).value = "while reading"
        form.query_one("#free-tags", Input).value = "Long Drive"
        form.query_one("#site").value = "lower-lip"
        await pilot.pause()
        await pilot.click("#triggers")
        await pilot.press("space")  # tick the first trigger: caffeine
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        [saved] = Store.open(db_path, now=clock).twitches()
        assert saved.at == NOW - timedelta(minutes=15)
        assert (saved.site, saved.intensity, saved.duration_s) == ("lower-lip", 4, 30)
        assert saved.note == "while reading"
        assert saved.triggers == ("caffeine", "long-drive")


async def test_escape_cancels_the_form(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert Store.open(db_path, now=clock).twitches() == []


async def test_edit_and_delete_keys_on_an_empty_entries_table_do_nothing(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#entries").focus()
        await pilot.press("enter", "x")
        await settle(pilot)
        assert app.screen is screen and app.return_code is None  # no form, no crash
        assert Store.open(db_path, now=clock).twitches() == []


async def test_edit_and_delete_an_entry(db_path: Path, clock: Clock) -> None:
    Store.open(db_path, now=clock).log_twitch(Twitch(at=NOW - timedelta(minutes=5)))
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        app.screen.query_one("#entries").focus()
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TwitchForm)
        form.query_one("#intensity", Input).value = "5"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [edited] = Store.open(db_path, now=clock).twitches()
        assert edited.intensity == 5
        app.screen.query_one("#entries").focus()
        await pilot.press("x")
        await settle(pilot)
        assert Store.open(db_path, now=clock).twitches() == []
        await pilot.press("u")  # undo the delete
        await settle(pilot)
        assert Store.open(db_path, now=clock).twitches() == [edited]


async def test_checklist_keys(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("w", "w", "w", "W", "e", "s", "2", "c")  # 2: a banana
        await settle(pilot)
        log = Store.open(db_path, now=clock).day_log(NOW.date())
        assert log.water_ml == 500
        assert log.electrolytes and log.snack and log.snack_food == "banana"
        assert log.coffees == (NOW,)
        items = text_of(app, "#checklist-items")
        assert "500 / 2000 ml" in items and "electrolytes" in items
        assert "after the 12:00 cut-off (14:30)" in items  # the cup at 14:30 is a warning
        # Snack done; water short, the late cup breaks the coffee rule, no bedtime yet.
        assert "1/4 done" in text_of(app, "#checklist-day")


async def test_a_bedtime_entered_in_the_morning_is_last_nights(db_path: Path, clock: Clock) -> None:
    """The same rule as ``twitchtui bed``: before noon, b is for last night."""
    clock.now = NOW.replace(hour=8, minute=5)
    yesterday = NOW.date() - timedelta(days=1)
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert f"{yesterday:%a %d %b}" in str(app.screen.query_one(".form Label").render())
        app.screen.query_one("#bedtime", Input).value = "23:40"
        await pilot.press("enter")
        await settle(pilot)
        store = Store.open(db_path, now=clock)
        assert store.day_log(yesterday).bedtime == time(23, 40)
        assert store.day_log(NOW.date()).bedtime is None
        assert any(
            f"bedtime for the night of {yesterday:%a %d %b}" in n.message
            for n in app._notifications
        )


async def self_check(pilot: Pilot, sign: str) -> None:
    """Open the self-check (k), tick ``sign`` and save it, as a person does."""
    await pilot.press("k")
    await settle(pilot)
    pilot.app.screen.query_one(f"#{sign}").focus()
    await pilot.press("space")
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_bedtime_checkin_and_selfcheck_forms(db_path: Path, clock: Clock) -> None:
    clock.now = NOW.replace(hour=23)  # a bedtime is entered once it has passed
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        app.screen.query_one("#bedtime", Input).value = "22:15"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#stress", Input).value = "7"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "must be from 1 to 5" in str(app.screen.query_one("#error-stress").render())
        app.screen.query_one("#stress", Input).value = "4"
        app.screen.query_one("#sleep", Input).value = "6,5"
        app.screen.query_one("#food", Input).value = "soup"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await self_check(pilot, "pulling")
        log = Store.open(db_path, now=clock).day_log(NOW.date())
        assert log.bedtime == time(22, 15)
        assert (log.stress, log.sleep_h, log.food) == (4, 6.5, "soup")
        assert log.symptoms == {"pulling": True}
        assert "stress 4/5 · slept 6.5 h · ate: soup" in text_of(app, "#checkin")
        assert "1 sign noted" in text_of(app, "#checkin")


async def test_a_self_check_reaches_the_red_flags_pane_without_the_pause(
    db_path: Path, clock: Clock
) -> None:
    """A new user's review: after a self-check the checklist said "see Red
    flags" while the pane still said nothing matched, for seconds. The pause
    a burst of keys waits for (here made far longer than the test) is not
    waited for a self-check (nor is the first build: the pause is never over)."""
    app = TwitchApp(db_path, now=clock, poll_seconds=0.05, rebuild_seconds=600, first_run=False)
    async with app.run_test(size=(120, 50)) as pilot:
        await until(pilot, lambda: bool(app.screen.query("#flags-summary")))
        await pilot.press("k")
        await until(pilot, lambda: bool(app.screen.query("#eyelid_closing")))
        app.screen.query_one("#eyelid_closing").focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "1 sign noted" in text_of(app, "#checkin"))
        await until(pilot, lambda: "eyelid is pulled shut" in flags_text(app))


async def test_a_sign_noted_once_is_never_called_nothing_to_check(
    db_path: Path, clock: Clock
) -> None:
    """A pulling feeling once is no finding yet (it takes several days). On a
    diary with no twitch the pane said "nothing to check" and the checklist
    "see Red flags": the answer read as ignored, and the pointer led nowhere."""
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        assert "No twitch is in the diary yet" in flags_text(app)
        await self_check(pilot, "pulling")
        assert "1 sign noted, kept for the report" in text_of(app, "#checkin")
        await until(pilot, lambda: "Nothing in your diary matches" in flags_text(app))
        assert "nothing to check" not in flags_text(app)


async def test_opening_the_self_check_keeps_the_findings_a_twitch_asked_for(
    db_path: Path, clock: Clock
) -> None:
    """A review: ``k`` saves a quiet count, whose charts-only rebuild
    stopped the findings rebuild a ``t`` just before it had scheduled; the
    pane then said nothing matched over a spread to the eye."""
    store = Store.open(db_path, now=clock)
    for days, site in ((3, "upper-lip"), (2, "upper-lip"), (1, "eye")):
        store.log_twitch(Twitch(at=clock.now - timedelta(days=days), site=site))
    app = TwitchApp(db_path, now=clock, poll_seconds=0.05, rebuild_seconds=1.0, first_run=False)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        assert "Nothing in your diary matches" in flags_text(app)
        dashboard(app).next_site = ("eye", "left")
        await pilot.press("t", "k")
        await until(pilot, lambda: bool(app.screen.query("#pulling")))
        await pilot.press("escape")
        await until(pilot, lambda: "Twitching has spread" in flags_text(app))


async def test_an_answer_on_another_day_is_never_nothing_to_check(
    db_path: Path, clock: Clock
) -> None:
    """A review: the empty state looked only at the day shown when the
    dashboard opened, so yesterday's answer was "nothing to check" again."""
    yesterday = NOW - timedelta(days=1)
    AddSelfCheck(yesterday.date(), SelfCheck(yesterday, {"pulling": "days"})).apply(
        Store.open(db_path, now=clock)
    )
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: "Nothing in your diary matches" in flags_text(app))
        assert "nothing to check" not in flags_text(app)


async def test_an_urgent_sign_in_the_checklist_points_to_the_red_flags(
    db_path: Path, clock: Clock
) -> None:
    store = Store.open(db_path, now=clock)
    AddSelfCheck(NOW.date(), SelfCheck(NOW - timedelta(hours=1), {"droop": "sudden"})).apply(store)
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: "1 sign noted, see Red flags" in text_of(app, "#checkin"))


async def test_previous_day_can_be_viewed_and_corrected(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "Tue 17 Nov" in text_of(app, "#checklist-day")
        await pilot.press("w")
        await settle(pilot)
        store = Store.open(db_path, now=clock)
        assert store.day_log(NOW.date() - timedelta(days=1)).water_ml == 250
        assert store.day_log(NOW.date()).water_ml == 0
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert "Wed 18 Nov" in text_of(app, "#checklist-day")
        assert any("not happened yet" in n.message for n in app._notifications)


async def test_day_rolls_over_at_midnight(db_path: Path, clock: Clock) -> None:
    clock.now = NOW.replace(hour=23, minute=59, second=50)
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("t", "w")
        await settle(pilot)
        assert "1 twitch today" in text_of(app, "#summary")
        clock.advance(seconds=20)
        await until(pilot, lambda: "Thu 19 Nov" in text_of(app, "#checklist-day"))
        assert "0 twitches today" in text_of(app, "#summary")
        assert "0 / 2000 ml" in text_of(app, "#checklist-items")
        store = Store.open(db_path, now=clock)
        assert len(store.twitches(NOW.date(), NOW.date())) == 1  # yesterday kept
        assert store.day_log(NOW.date()).water_ml == 250


async def test_rollover_across_a_dst_change(db_path: Path) -> None:
    import zoneinfo

    berlin = zoneinfo.ZoneInfo("Europe/Berlin")  # tzdata is a test dependency: never skipped
    # Clocks go back at 03:00 on 25 Oct 2026; the diary day starts at 03:00 here.
    clock = Clock(datetime(2026, 10, 25, 2, 59, 50, tzinfo=berlin))
    Store.open(db_path, now=clock).save_settings(
        Store.open(db_path, now=clock).settings().__class__(day_start_hour=3)
    )
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert "Sat 24 Oct" in text_of(app, "#checklist-day")
        clock.advance(seconds=20)
        await until(pilot, lambda: "Sun 25 Oct" in text_of(app, "#checklist-day"))


async def test_a_shell_log_shows_up_without_restart(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        at = (NOW - timedelta(minutes=1)).isoformat()
        done = subprocess.run(
            [sys.executable, "-m", "twitchtui", "log", "--db", str(db_path), "--at", at],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        await until(pilot, lambda: "1 twitch today" in text_of(app, "#summary"))


async def test_a_poll_reads_the_diary_only_when_a_file_changed(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Idle polls compare stat signatures; a changed file (here, another
    process's write) is what makes the dashboard read again."""
    from twitchtui.screens.dashboard import watcher

    monkeypatch.setattr(watcher, "STRICT_EVERY", 10**9)  # no content check to fall back on
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        reads = []
        store = dashboard(app).store
        fingerprint = store.fingerprint
        monkeypatch.setattr(store, "fingerprint", lambda days: reads.append(1) or fingerprint(days))
        await pilot.pause(0.5)  # ten polls with nothing changed
        assert reads == []
        Store.open(db_path, now=clock).log_twitch(Twitch(at=NOW - timedelta(minutes=1)))
        await until(pilot, lambda: "1 twitch today" in text_of(app, "#summary"))
        assert reads, "the change was found by reading the files' content"
        reads.clear()
        await pilot.pause(0.5)  # quiet again: no more reads
        assert reads == []


async def test_a_change_the_stat_misses_is_still_found(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file replaced with the same inode, size and times (a reused inode within
    one clock tick) is still found by the content check every STRICT_EVERY polls."""
    from twitchtui.screens.dashboard import watcher

    monkeypatch.setattr(watcher, "STRICT_EVERY", 5)
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        monkeypatch.setattr(dashboard(app).store, "stamp", lambda days: ("same",))
        await pilot.pause(0.2)
        Store.open(db_path, now=clock).log_twitch(Twitch(at=NOW - timedelta(minutes=1)))
        await until(pilot, lambda: "1 twitch today" in text_of(app, "#summary"))


async def test_a_refused_write_stays_pending_and_is_retried(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        ops = FullDisk()
        dashboard(app).store._fs = ops
        await pilot.press("t")
        await until(pilot, lambda: "1 entry waiting to save" in text_of(app, "#summary"))
        assert any("Not saved yet" in n.title for n in app._notifications)
        assert Store.open(db_path, now=clock).twitches() == []
        ops.full = False
        # The file watcher can show the saved twitch a moment before the
        # writer's own outcome clears the pending line: wait for both.
        await until(pilot, lambda: "waiting" not in text_of(app, "#summary"))
        assert "1 twitch today" in text_of(app, "#summary")
        assert len(Store.open(db_path, now=clock).twitches()) == 1


def truncated_diary(db_path: Path, clock: Clock) -> str:
    """A real diary cut off half-way, as a crash of the file system can leave it."""
    Store.open(db_path, now=clock).save_settings(Settings(glass_ml=300))
    damaged = db_path.read_text()[:30]
    db_path.write_text(damaged)
    return damaged


async def test_damaged_diary_can_be_set_aside(db_path: Path, clock: Clock) -> None:
    damaged = truncated_diary(db_path, clock)
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DamagedScreen)
        await pilot.click("#aside")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        kept = db_path.with_name("diary.json.damaged-20261118T143000")
        assert kept.read_text() == damaged
        assert Store.open(db_path, now=clock).twitches() == []


async def test_damaged_diary_quit_leaves_it_alone(db_path: Path, clock: Clock) -> None:
    damaged = truncated_diary(db_path, clock)
    # The main file, its lock, and the settings this device saved (their own file).
    before = sorted(p.name for p in db_path.parent.iterdir())
    assert len(before) == 3
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.click("#quit")
        await settle(pilot)
    assert app.return_code == 1
    assert db_path.read_text() == damaged
    assert sorted(p.name for p in db_path.parent.iterdir()) == before


async def test_help_is_generated_from_the_bindings(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        for binding in DashboardScreen.BINDINGS:
            assert binding.description in text
        assert "Delete entry" in text and "Quit" in text
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


def flags_text(app: TwitchApp) -> str:
    return text_of(app, "#flags-summary") + "\n" + text_of(app, "#flags-list")


async def test_an_outside_eye_log_raises_the_spread_flag(db_path: Path, clock: Clock) -> None:
    store = Store.open(db_path, now=clock)
    for days in (3, 2):
        store.log_twitch(Twitch(at=clock.now - timedelta(days=days), site="upper-lip"))
    store.log_twitch(Twitch(at=clock.now - timedelta(days=1), site="eye"))  # one eye day
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: "Nothing in your diary matches" in flags_text(app))
        done = subprocess.run(
            [sys.executable, "-m", "twitchtui", "log", "--db", str(db_path), "--site", "eye"],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        await until(pilot, lambda: "Twitching has spread" in flags_text(app))
        assert "the eye from 17 Nov (2 days)" in flags_text(app)  # a second eye day: spread


async def test_report_preview_saves_a_private_file(db_path: Path, clock: Clock, tmp_path) -> None:
    from twitchtui.screens.report import ReportScreen, SavePathScreen

    Store.open(db_path, now=clock).log_twitch(Twitch(at=NOW - timedelta(hours=1), note="at work"))
    app = make_app(db_path, clock)
    target = tmp_path / "out" / "report.md"
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SavePathScreen)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        await until(pilot, target.exists)
        assert target.stat().st_mode & 0o777 == 0o600
        assert "at work" in target.read_text()
        assert any("Saved the report" in n.message for n in app._notifications)
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_report_is_never_saved_over_a_diary_file(db_path: Path, clock: Clock) -> None:
    from twitchtui.screens.report import SavePathScreen

    Store.open(db_path, now=clock).log_twitch(Twitch(at=NOW - timedelta(hours=1), note="at work"))
    month = next(db_path.parent.glob("diary.20*.json"))
    before = month.read_bytes()
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SavePathScreen)
        app.screen.query_one(Input).value = str(month)
        await pilot.press("enter")
        await until(pilot, lambda: any("own files" in n.message for n in app._notifications))
        await settle(pilot)
        assert month.read_bytes() == before


async def test_chart_and_range_keys(db_path: Path, clock: Clock) -> None:
    from twitchtui.demo import generate
    from twitchtui.widgets.trends import TrendsPane

    twitches, logs = generate(NOW, days=40, seed=2)
    Store.open(db_path, now=clock).merge(twitches, logs)
    app = make_app(db_path, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(TrendsPane)
        await until(pilot, lambda: pane.data is not None)
        assert pane.data.days == 30 and pane.chart == "day"
        assert "Twitches per day · last 30 days" in text_of(app, "#trend-title")
        await pilot.press("v", "v")
        assert pane.chart == "site"
        await pilot.press("n")
        # 90 days reach back before the 40-day diary began: the chart starts there.
        await until(pilot, lambda: pane.data is not None and pane.data.since_began)
        assert pane.data.days == 40
        assert Store.open(db_path, now=clock).settings().chart_days == 90
        title = text_of(app, "#trend-title")
        assert "By site and side · since the diary began (40 days)" in title
        assert "Last 7 full days:" in text_of(app, "#insight-text")
        await pilot.press("u")  # the range is a preference, not an undoable entry
        await settle(pilot)
        assert Store.open(db_path, now=clock).settings().chart_days == 90


async def test_every_chart_draws_on_the_diarys_first_day(db_path: Path, clock: Clock) -> None:
    """One twitch, today: a chart of one day. The intensity chart's day axis
    was 0 to 0 long, and plotext's division by its length stopped the app."""
    from twitchtui.widgets.trends import CHARTS, TrendsPane

    Store.open(db_path, now=clock).log_twitch(Twitch(at=NOW, intensity=3))
    app = make_app(db_path, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(TrendsPane)
        await until(pilot, lambda: pane.data is not None and pane.data.days == 1)
        for chart in CHARTS:
            await until(pilot, lambda chart=chart: pane.chart == chart and pane.is_drawn)
            assert text_of(app, "#trend-title").startswith(CHARTS[chart].capitalize())
            if chart == "day":  # a line of one point drew nothing: a new user saw empty axes
                plot = app.screen.query_one("#plot")
                assert "●" in "".join(plot.render_line(y).text for y in range(plot.size.height))
            await pilot.press("v")
        assert app.return_code is None and app.is_running


async def test_charts_show_a_friendly_empty_state(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: "nothing to chart" in text_of(app, "#trend-empty"))
        assert app.screen.query_one("#trend-empty").display
        assert not app.screen.query_one("#plot").display


async def test_a_log_refreshes_the_charts(db_path: Path, clock: Clock) -> None:
    from twitchtui.widgets.trends import TrendsPane

    app = make_app(db_path, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(TrendsPane)
        await until(pilot, lambda: pane.data is not None)
        await pilot.press("t", "t")
        await until(pilot, lambda: pane.data.total == 2)
        assert pane.data.per_day[-1] == 2


async def test_checklist_keys_leave_the_entries_table_alone(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twitchtui.widgets.quick_log import QuickLogPane

    fills: list[int] = []
    fill = QuickLogPane._fill_table

    def counting(self, twitches) -> None:
        fills.append(len(twitches))
        fill(self, twitches)

    monkeypatch.setattr(QuickLogPane, "_fill_table", counting)
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        fills.clear()
        await pilot.press("w", "c")
        await settle(pilot)
        assert fills == []  # the day changed, its twitches did not
        assert "250 / 2000 ml" in text_of(app, "#checklist-items")
        await pilot.press("t")
        await settle(pilot)
        assert fills == [2]
        assert app.screen.query_one("#entries", DataTable).row_count == 2


@pytest.mark.parametrize("key", ["d", "o", "i", "k", "b"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_forms_open_at_the_top_with_the_first_field_focused(
    db_path: Path, clock: Clock, key: str, size: tuple[int, int]
) -> None:
    from textual.containers import VerticalScroll

    from twitchtui.screens.form import FormScreen

    app = make_app(db_path, clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one(".form", VerticalScroll).scroll_y == 0
        title = form.query_one(".form-title")
        assert title.region.y >= 0 and title.region.height > 0  # on screen, not scrolled off
        assert app.focused is form.query(FormScreen.FIELDS).first()


async def test_a_past_day_applies_to_the_quick_log_too(db_path: Path, clock: Clock) -> None:
    """On a day gone by, t asks for the time on that day, and the list,
    editing and the header follow that day."""
    yesterday = NOW.date() - timedelta(days=1)
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")  # one today, which the past day must not list
        await settle(pilot)
        assert type(app.screen).__name__ == "DashboardScreen", app.screen
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert type(app.screen).__name__ == "DashboardScreen", app.screen
        assert "Tue 17 Nov" in app.screen.sub_title
        assert text_of(app, "#summary").startswith("0 twitches on Tue 17 Nov")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TwitchForm)
        assert "Tue 17 Nov" in text_of(app, ".form-title")
        assert app.screen.focused is app.screen.query_one("#at", Input)  # time first
        app.screen.query_one("#at", Input).value = "now"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TwitchForm)  # "now" is not on that day
        assert "22:30" in text_of(app, "#error-at")
        app.screen.query_one("#at", Input).value = "09:15"
        await pilot.press("enter")
        await settle(pilot)
        assert text_of(app, "#summary").startswith("1 twitch on Tue 17 Nov")
        table = app.screen.query_one("#entries", DataTable)
        assert table.row_count == 1 and table.border_title == "Tue 17 Nov"
        table.focus()
        await pilot.press("enter")  # edit the entry of that day
        await settle(pilot)
        app.screen.query_one("#at", Input).value = "09:45"
        app.screen.query_one("#at", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
    store = Store.open(db_path, now=clock)
    (past,) = store.twitches(yesterday, yesterday)
    assert (past.at.date(), f"{past.at:%H:%M}") == (yesterday, "09:45")
    assert len(store.twitches(NOW.date(), NOW.date())) == 1


async def test_own_habits_are_added_ticked_and_undone(db_path: Path, clock: Clock) -> None:
    from twitchtui.model import Habit
    from twitchtui.screens.habits import HabitForm, HabitsScreen

    store = Store.open(db_path, now=clock)
    store.save_settings(Settings(habits=(Habit("walk", 2, in_score=True),)))
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # four + walk, which counts; nothing answered yet, so nothing kept
        assert "0/5 done · 0 answered" in text_of(app, "#checklist-day")
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HabitsScreen)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, HabitForm)
        app.screen.query_one("#habit-name", Input).value = "stretch jaw"
        app.screen.query_one("#habit-name", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "0/5 done" in text_of(app, "#checklist-day")  # stretch is not in the score
        await pilot.press("h", "1")
        await settle(pilot)
        await pilot.press("h", "1")
        await settle(pilot)
        await pilot.press("h", "2")
        await settle(pilot)
        assert "1/5 done" in text_of(app, "#checklist-day")  # walk 2/2
        assert "stretch jaw" in text_of(app, "#checklist-items")
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
    store = Store.open(db_path, now=clock)
    assert [h.name for h in store.settings().habits] == ["walk", "stretch jaw"]
    assert store.day_log(NOW.date()).habits == {"walk": 1}


async def test_calendar_shows_the_month_and_jumps_to_a_day(db_path: Path, clock: Clock) -> None:
    from twitchtui.screens.calendar import CalendarScreen

    store = Store.open(db_path, now=clock)
    for hours in (30, 31, 32):  # three twitches on Tue 17 Nov
        store.log_twitch(Twitch(at=NOW - timedelta(hours=hours - 6)))
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        assert "November 2026" in text_of(app, "#cal-title")
        assert "Wed 18 Nov 2026" in text_of(app, "#cal-day")
        await pilot.press("right")  # never past today
        await pilot.press("left")
        await settle(pilot)
        assert "Tue 17 Nov 2026: 3 twitches" in text_of(app, "#cal-day")
        await pilot.press("pageup")
        await settle(pilot)
        assert "October 2026" in text_of(app, "#cal-title")
        await pilot.press("pagedown", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "Tue 17 Nov" in text_of(app, "#checklist-day")
        assert text_of(app, "#summary").startswith("3 twitches on Tue 17 Nov")


async def test_calendar_leaves_days_before_the_diary_blank(db_path: Path, clock: Clock) -> None:
    from twitchtui.views import load_month

    store = Store.open(db_path, now=clock)
    store.log_twitch(Twitch(at=NOW - timedelta(days=3)))  # Sun 15 Nov
    month = load_month(store, 2026, 11)
    assert NOW.date() - timedelta(days=4) not in month.counts  # no diary yet
    assert month.counts[NOW.date() - timedelta(days=3)] == 1
    # After it began, a day with nothing recorded is no diary too; one with
    # a glass of water and no twitch is twitch-free.
    assert NOW.date() - timedelta(days=1) not in month.counts
    store.update_day(NOW.date() - timedelta(days=2), lambda log: replace(log, water_ml=250))
    assert load_month(store, 2026, 11).counts[NOW.date() - timedelta(days=2)] == 0


async def test_the_report_preview_keeps_the_sections_chosen_and_saves_a_pdf(
    db_path: Path, clock: Clock, tmp_path: Path
) -> None:
    from pypdf import PdfReader
    from textual.widgets import Select, SelectionList

    from twitchtui.screens.report import ReportScreen, SavePathScreen, SectionsScreen

    Store.open(db_path, now=clock).log_twitch(Twitch(at=clock.now - timedelta(hours=1)))
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        report = app.screen
        assert isinstance(report, ReportScreen)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, SectionsScreen)
        app.screen.query_one("#sections", SelectionList).deselect("checklist")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is report and "checklist" not in report.only
        assert "1 section left out" in str(report.query_one("#report-status").render())
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SavePathScreen)
        app.screen.query_one("#report-format", Select).value = ".pdf"
        await settle(pilot)
        field = app.screen.query_one("#report-path", Input)
        assert field.value.endswith(".pdf")
        field.value = str(tmp_path / "visit.pdf")
        field.focus()
        await pilot.press("enter")
        await until(pilot, lambda: (tmp_path / "visit.pdf").exists())
        await settle(pilot)
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "visit.pdf").pages)
    assert "Summary" in text and "Daily checklist" not in text


async def palette_names(app: TwitchApp, query: str = "") -> list[str]:
    """What the command palette offers on the screen shown, from the same
    providers it asks: Textual's (the app's commands) and the screen's own."""
    from textual.system_commands import SystemCommandsProvider

    names = []
    for provider_class in (SystemCommandsProvider, *app.screen.COMMANDS):
        provider = provider_class(app.screen)
        provider._post_init()
        async for hit in provider._search(query):
            names.append(str(hit.text))
    return names


async def test_the_palette_runs_a_dashboard_action(db_path: Path, clock: Clock) -> None:
    from textual.command import CommandPalette
    from textual.widgets import OptionList

    def first_hit() -> str:
        hits = app.screen.query_one("CommandList", OptionList)
        return str(hits.get_option_at_index(0).prompt) if hits.option_count else ""

    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: shown(app, CommandPalette))
        await pilot.press(*"glass")
        await until(pilot, lambda: "+Glass" in first_hit())
        await pilot.press("enter")
        await settle(pilot)
    assert Store.open(db_path, now=clock).day_log(NOW.date()).water_ml == 250
