"""The urgent path: saving an urgent self-check shows the emergency line at once,
at any size, and the banner stays until a clinician has seen the person."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Select, Static

from twitchtui import ops
from twitchtui.model import SIGNS, SelfCheck, Settings, Twitch
from twitchtui.screens.confirm import CarefulConfirmScreen
from twitchtui.screens.dashboard import DashboardScreen
from twitchtui.screens.day_forms import SelfCheckForm
from twitchtui.screens.urgent import UrgentScreen
from twitchtui.store import Store

from .conftest import NOW, Clock
from .test_app import dashboard, make_app, settle, shown, until

DAY = NOW.date()


def banner(app) -> Static:
    return dashboard(app).query_one("#urgent-banner", Static)


def on_screen(app, widget) -> bool:
    region = widget.region
    width, height = app.size
    return widget.display and region.height > 0 and 0 <= region.y < height and region.x < width


def record(store: Store, hours_ago: float, onset: str = "unsure", *signs: str, **kw) -> None:
    """A self-check saved ``hours_ago``, as the shell's ``selfcheck`` would."""
    moment = NOW - timedelta(hours=hours_ago)
    check = SelfCheck(moment, dict.fromkeys(signs, onset), **kw)
    ops.AddSelfCheck(moment.date(), check).apply(store)


async def save_self_check(pilot, app, *ticks: str, onset: str = "") -> None:
    await pilot.press("k")
    await until(pilot, lambda: shown(app, SelfCheckForm))
    for key in ticks:
        app.screen.query_one(f"#{key}", Checkbox).value = True
        if onset and key in SIGNS:
            app.screen.query_one(f"#onset-{key}", Select).value = onset
    await pilot.press("ctrl+s")
    await pilot.pause()  # one frame


async def save_emergency(pilot, app) -> None:
    """Save a sudden speech sign with the self-check form, close the urgent
    advice it opens, and wait for the dashboard."""
    await save_self_check(pilot, app, "speech", onset="sudden")
    await until(pilot, lambda: shown(app, UrgentScreen))
    await pilot.press("enter")
    await until(pilot, lambda: shown(app, DashboardScreen))


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_saving_an_urgent_self_check_shows_the_emergency_line_at_once(
    db_path: Path, clock: Clock, size: tuple[int, int]
) -> None:
    Store.open(db_path, now=clock).save_settings(Settings(emergency_number="112"))
    app = make_app(db_path, clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SelfCheckForm)
        assert "call 112 now" in str(form.query_one("#emergency-line", Static).render())
        form.query_one("#droop", Checkbox).value = True
        form.query_one("#cannot_hold_water", Checkbox).value = True
        await pilot.press("ctrl+s")
        await until(pilot, lambda: shown(app, UrgentScreen))
        assert "Call 112 now" in str(app.screen.query_one("#urgent-title", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        text = str(banner(app).render())
        assert "call 112 now" in text and on_screen(app, banner(app))
        saved = Store.open(db_path, now=clock).day_log(DAY)
        assert saved.symptoms["droop"] and saved.symptoms["cannot_hold_water"]
        assert saved.checks[-1].signs == {"droop": "unsure", "cannot_hold_water": "unsure"}


async def test_a_redo_that_ticks_nothing_or_says_passed_keeps_the_banner(
    db_path: Path, clock: Clock
) -> None:
    """The passing TIA in the dashboard: a sudden sign saved, then the form
    opened again with nothing ticked, then with "those have passed"."""
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await save_emergency(pilot, app)
        await until(pilot, lambda: "EMERGENCY" in str(banner(app).render()))
        clock.advance(hours=2)
        await pilot.press("k")
        await until(pilot, lambda: shown(app, SelfCheckForm))
        form = app.screen
        assert form.query("#earlier") and not form.query("#check-less")  # no "once is enough"
        assert not form.query_one("#speech", Checkbox).value  # nothing to untick
        await pilot.press("ctrl+s")
        await settle(pilot)
        await save_self_check(pilot, app, "passed")
        await settle(pilot)
        assert "EMERGENCY" in str(banner(app).render()) and on_screen(app, banner(app))
    log = Store.open(db_path, now=clock).day_log(DAY)
    assert [c.signs for c in log.checks] == [{"speech": "sudden"}, {}, {}]
    assert log.checks[-1].passed == ("speech",)


async def test_the_banner_is_there_on_start_up_and_goes_once_seen(
    db_path: Path, clock: Clock
) -> None:
    record(Store.open(db_path, now=clock), 60 * 24, "unsure", "speech")
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)  # the dashboard is up
        await until(pilot, lambda: "see a doctor today" in str(banner(app).render()))
        assert "111" in str(banner(app).render()) and on_screen(app, banner(app))
        # The red-flags pane never shows the all-clear while it is open.
        await settle(pilot)
        assert "Nothing in your diary" not in str(
            dashboard(app).query_one("#flags-summary", Static).render()
        )
        await save_self_check(pilot, app, "seen")
        await settle(pilot)
        await until(pilot, lambda: not banner(app).display)
    assert Store.open(db_path, now=clock).day_log(DAY).seen_clinician


async def test_a_known_sign_seen_before_and_saved_again_does_not_raise_the_alarm(
    db_path: Path, clock: Clock
) -> None:
    """Reported within a week of its last report, after a visit: assessed, a
    routine follow-up (after a longer gap it has come back: test_redflags_selfcheck)."""
    store = Store.open(db_path, now=clock)
    record(store, 5 * 24, "unsure", "droop")
    record(store, 4 * 24, seen=True)
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await save_self_check(pilot, app, "droop")
        await settle(pilot)
        assert not isinstance(app.screen, UrgentScreen)
        assert not banner(app).display


async def test_no_notice_covers_the_urgent_advice_at_60x20(db_path: Path) -> None:
    """A reminder falls due while the urgent advice is up: it waits until the
    advice is closed, and the banner stays in view."""
    clock = Clock(NOW.replace(hour=11, minute=30))  # no reminder in the first ten minutes
    app = make_app(db_path, clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await save_self_check(pilot, app, "droop", onset="sudden")
        await until(pilot, lambda: shown(app, UrgentScreen))
        clock.now = NOW.replace(hour=11, minute=46)  # the coffee window reminder is due
        board = next(s for s in app.screen_stack if isinstance(s, DashboardScreen))
        await until(pilot, lambda: board.now == clock.now)
        await settle(pilot)
        assert not app._notifications
        await pilot.press("enter")
        await until(pilot, lambda: any("coffee" in n.message for n in app._notifications))
        assert on_screen(app, banner(app))


async def test_medicines_form_adds_and_undo_takes_it_back(db_path: Path, clock: Clock) -> None:
    from textual.widgets import Input

    from twitchtui.screens.medicines import MedicinesForm

    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MedicinesForm)
        app.screen.query_one("#name", Input).value = "prednisolone"
        app.screen.query_one("#dose", Input).value = "20 mg"
        app.screen.query_one("#started", Input).value = "2026-11-10"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [med] = Store.open(db_path, now=clock).settings().medicines
        assert (med.name, med.dose, med.started.isoformat()) == (
            "prednisolone",
            "20 mg",
            "2026-11-10",
        )
        await pilot.press("u")
        await settle(pilot)
        assert Store.open(db_path, now=clock).settings().medicines == ()


async def test_a_redo_while_the_emergency_waits_to_be_saved_keeps_the_banner(
    db_path: Path, clock: Clock
) -> None:
    """The disk refuses the emergency answer for now (it waits to be saved).
    The person opens the self-check again: the form shows the answer as
    recorded, and after "those have passed" the banner still counts it."""
    from .conftest import FullDisk

    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        disk = FullDisk()
        dashboard(app).store._fs = disk
        await save_emergency(pilot, app)
        await until(pilot, lambda: dashboard(app).pending)
        await pilot.press("k")
        await until(pilot, lambda: shown(app, SelfCheckForm))
        assert app.screen.query("#earlier") and app.screen.query("#passed")
        app.screen.query_one("#passed", Checkbox).value = True
        await pilot.press("ctrl+s")
        await until(pilot, lambda: shown(app, DashboardScreen))
        assert "EMERGENCY" in str(banner(app).render()) and on_screen(app, banner(app))
        disk.full = False
        await until(pilot, lambda: not dashboard(app).pending)
        await settle(pilot)
        assert "EMERGENCY" in str(banner(app).render()) and on_screen(app, banner(app))
    log = Store.open(db_path, now=clock).day_log(DAY)
    assert [c.signs for c in log.checks] == [{"speech": "sudden"}, {}]
    assert log.checks[-1].passed == ("speech",)


def emergency_shown(app) -> bool:
    return "EMERGENCY" in str(banner(app).render()) and on_screen(app, banner(app))


async def test_an_emergency_from_outside_shows_while_an_answer_waits_to_be_saved(
    db_path: Path, clock: Clock
) -> None:
    """The disk holds back a routine self-check; meanwhile the shell (or the
    sync tool, from the other machine) saves a sudden sign: the banner shows it."""
    from .conftest import FullDisk

    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dashboard(app).store._fs = FullDisk()
        await save_self_check(pilot, app)  # nothing ticked: held
        await until(pilot, lambda: dashboard(app).pending)
        record(Store.open(db_path, now=clock), 0.5, "sudden", "speech")
        await until(pilot, lambda: emergency_shown(app))


async def test_an_emergency_from_outside_is_kept_by_a_redo_the_disk_holds(
    db_path: Path, clock: Clock
) -> None:
    from .conftest import FullDisk

    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        record(Store.open(db_path, now=clock), 0.5, "sudden", "speech")
        await until(pilot, lambda: emergency_shown(app))
        dashboard(app).store._fs = FullDisk()
        await save_self_check(pilot, app)  # nothing ticked: held
        await until(pilot, lambda: shown(app, DashboardScreen) and dashboard(app).pending)
        assert emergency_shown(app)
        await settle(pilot)  # and no read answering later takes it down
        assert emergency_shown(app)


async def test_a_redo_the_disk_holds_counts_at_once(db_path: Path, clock: Clock) -> None:
    """Save a sudden sign, undo it (the banner goes), then redo it while the
    disk is full: the banner is back at once, before the redo is saved."""
    from .conftest import FullDisk

    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await save_emergency(pilot, app)
        await settle(pilot)
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, CarefulConfirmScreen))
        await pilot.press("y")  # withdraw it
        await until(pilot, lambda: not banner(app).display)
        await settle(pilot)
        disk = FullDisk()
        dashboard(app).store._fs = disk
        await pilot.press("ctrl+y")
        await until(pilot, lambda: dashboard(app).pending)
        assert emergency_shown(app)
        disk.full = False
        await until(pilot, lambda: not dashboard(app).pending)
        await settle(pilot)
        assert emergency_shown(app)


async def test_an_emergency_saved_elsewhere_for_last_month_shows(
    db_path: Path, clock: Clock
) -> None:
    """It is 1 December; the other machine (or ``twitchtui selfcheck`` about
    last night) saves a sudden sign at 23:00 on 30 November, in last month's
    file, which the day shown does not read: the poll still finds it."""
    clock.now = NOW.replace(month=12, day=1, hour=9)
    Store.open(db_path, now=clock).log_twitch(Twitch(at=clock.now - timedelta(hours=1)))
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not banner(app).display
        moment = clock.now - timedelta(hours=10)
        check = SelfCheck(moment, {"speech": "sudden"})
        ops.AddSelfCheck(moment.date(), check).apply(Store.open(db_path, now=clock))
        await until(pilot, lambda: emergency_shown(app))
        await until(pilot, lambda: any(f.urgent for f in dashboard(app).findings or ()))


async def test_a_visit_the_diary_refuses_leaves_the_banner(db_path: Path, clock: Clock) -> None:
    """A read-only diary refuses "a clinician saw me": nothing closed it, so
    the banner stays (it would be back at the next start anyway)."""
    record(Store.open(db_path, now=clock), 1, "sudden", "speech")
    db_path.chmod(0o400)
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: emergency_shown(app))
        await pilot.press("k")
        await until(pilot, lambda: shown(app, SelfCheckForm))
        app.screen.query_one("#seen", Checkbox).value = True
        await pilot.press("ctrl+s")
        await until(pilot, lambda: any("read-only" in n.message for n in app._notifications))
        await settle(pilot)
        on_disk = Store.open(db_path, now=clock).self_check_logs()
        assert not any(c.seen for log in on_disk.values() for c in log.checks)
        assert emergency_shown(app)


async def test_a_redo_pressed_before_the_undo_is_shown_keeps_the_banner(
    db_path: Path, clock: Clock
) -> None:
    """Undo a sudden sign, and redo it while the undo's outcome is still on
    its way to the screen, with the disk full: the redo counts at once and
    the undo's late outcome does not take it back."""
    from .conftest import FullDisk

    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await save_emergency(pilot, app)
        await settle(pilot)
        dash = dashboard(app)
        session = dash.session
        disk = FullDisk()
        disk.full = False
        dash.store._fs = disk
        told = session._listeners.index(dash._from_session)
        go_on = threading.Event()

        def late(outcome) -> None:  # the undo's outcome, held on its way
            go_on.wait(30)
            dash._from_session(outcome)

        session._listeners[told] = late
        assert session.undo()
        await until(pilot, lambda: session.can_redo)  # landed, not yet told
        disk.full = True
        assert session.redo()
        go_on.set()
        await until(pilot, lambda: dash.pending)
        await settle(pilot)
        assert emergency_shown(app)
        disk.full = False
        await until(pilot, lambda: not dash.pending)
        await settle(pilot)
        assert emergency_shown(app)


async def test_findings_built_from_an_older_read_leave_the_banner(
    db_path: Path, clock: Clock
) -> None:
    """A findings rebuild that read the disk before the emergency was saved,
    but arrives after the urgent read that found it, does not take the
    banner down: the banner follows the urgent reads, which are ordered."""
    from twitchtui.screens.dashboard.rebuilds import RebuildService

    record(Store.open(db_path, now=clock), 0.5, "sudden", "speech")
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: emergency_shown(app))
        dash = dashboard(app)
        dash.post_message(RebuildService.FindingsBuilt((), ""))  # the stale build
        await until(pilot, lambda: dash.findings == ())
        assert emergency_shown(app)


async def test_a_checklist_press_on_a_day_with_answers_is_no_new_answer(
    db_path: Path, clock: Clock
) -> None:
    """The poll compares the answers themselves, not the day logs that hold
    them: a glass of water on a day with a self-check is not a new answer."""
    from twitchtui.screens.dashboard.watcher import DiaryWatcher

    record(Store.open(db_path, now=clock), 3, "unsure", "numbness")
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dash = dashboard(app)
        watcher = dash.watcher
        await until(pilot, lambda: watcher._checks is not None)  # the first look is done
        told: list[object] = []
        post = watcher.post_message
        watcher.post_message = lambda message: (told.append(message), post(message))[1]
        for _ in range(3):
            await pilot.press("w")
            await settle(pilot)
            polls = watcher._polls
            await until(pilot, lambda n=polls: watcher._polls >= n + 2 and not watcher._polling)
            await settle(pilot)
        assert dash.today is not None and dash.today.log.water_ml > 0
        assert not [m for m in told if isinstance(m, DiaryWatcher.AnswersChanged)]
