"""The relief toolkit on the dashboard, driven with Pilot over a real diary.

Time is the injected clocks: ``Mono`` stands for the monotonic clock the
timers keep time by, ``Clock`` for the wall clock the diary records. Each
test moves them by hand and wakes the timer, so nothing waits for real time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from twitchtui.model import PAUSE, DayLog, Experiment
from twitchtui.screens.day_forms import SelfCheckForm
from twitchtui.screens.experiment import ExperimentForm, RunningExperimentScreen
from twitchtui.screens.relax import RelaxScreen
from twitchtui.screens.snack import SnackScreen
from twitchtui.store import Store

from .conftest import NOW, Clock
from .test_app import dashboard, make_app, settle, until


class Mono:
    """A monotonic clock that tests move by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def relief_of(db_path: Path) -> tuple:
    return Store.open(db_path).day_log(NOW.date()).relief


async def relaxation(pilot) -> RelaxScreen:
    """The face relaxation, opened with l on the settled dashboard: tensing."""
    await settle(pilot)
    await pilot.press("l")
    relax = pilot.app.screen
    assert isinstance(relax, RelaxScreen) and relax.phase == "tense"
    return relax


async def move(pilot, mono: Mono, clock: Clock, seconds: float, screen=None) -> None:
    """Let ``seconds`` pass on both clocks, and wake the timer as its own timer would."""
    mono.t += seconds
    clock.advance(seconds=seconds)
    if screen is not None:
        screen.tick()
        await pilot.pause()
        return
    dash = dashboard(pilot.app)
    dash.compress.tick()
    # The timer tells the screen in a message: wait until the panes were told.
    await until(pilot, lambda: dash.relief == dash.compress.view)


async def test_space_with_no_compress_running_says_why(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("space")
        await until(pilot, lambda: any("none is running" in n.message for n in app._notifications))
        assert dashboard(app).compress.view is None


async def test_a_compress_runs_pauses_resumes_and_is_kept_when_done(
    db_path: Path, clock: Clock
) -> None:
    mono = Mono()
    app = make_app(db_path, clock, monotonic=mono)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        assert not screen.check_action("pause_timer", ())  # space is hidden until it runs
        await pilot.press("f")
        began = clock.now
        assert screen.compress.view is not None and screen.compress.view.left == "10 min left"
        await until(pilot, lambda: screen.relief is not None)
        assert screen.query_one("#relief-bar").display  # shown at once, before a tick
        assert screen.check_action("pause_timer", ())
        await move(pilot, mono, clock, 61)
        assert screen.compress.view.left == "9 min left"
        await pilot.press("space")  # pause for five minutes: they do not count
        await move(pilot, mono, clock, 300)
        assert screen.compress.view.paused and screen.compress.view.left == "9 min left"
        await pilot.press("space")
        await move(pilot, mono, clock, 538)
        assert screen.compress.view.left == "1 min left"
        assert relief_of(db_path) == ()
        await move(pilot, mono, clock, 1)
        await settle(pilot)
        assert screen.compress.view is None
        (kept,) = relief_of(db_path)
        assert (kept.kind, kept.started, kept.planned_s, kept.actual_s, kept.finished) == (
            "warm-compress",
            began.replace(microsecond=0),
            600,
            600,
            True,
        )
        await pilot.press("u")  # the same undo as every other entry
        await settle(pilot)
        assert relief_of(db_path) == ()


async def test_f_again_stops_a_compress_early_and_keeps_what_was_done(
    db_path: Path, clock: Clock
) -> None:
    mono = Mono()
    app = make_app(db_path, clock, monotonic=mono)
    async with app.run_test(size=(80, 24)) as pilot:  # compact: the bar is in the summary
        await settle(pilot)
        await pilot.press("f")
        await move(pilot, mono, clock, 125)
        bar = dashboard(app).query_one("#compact-relief")
        assert bar.display and bar.view.left == "8 min left"
        await pilot.press("f")
        await settle(pilot)
        (kept,) = relief_of(db_path)
        assert (kept.actual_s, kept.finished) == (125, False)


async def test_a_59_second_compress_is_not_saved_and_the_toast_says_so(
    db_path: Path, clock: Clock
) -> None:
    mono = Mono()
    app = make_app(db_path, clock, monotonic=mono)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await move(pilot, mono, clock, 59)
        await pilot.press("f")
        await settle(pilot)
        [toast] = app._notifications
        assert toast.message == (
            "Warm compress stopped after 59 s. A session under a minute is not saved."
        )
        await pilot.press("f")
        await move(pilot, mono, clock, 60)
        await pilot.press("f")
        await settle(pilot)
    [kept] = relief_of(db_path)
    assert (kept.actual_s, kept.finished) == (60, False)


async def test_quitting_midway_keeps_the_compress_as_stopped_early(
    db_path: Path, clock: Clock
) -> None:
    mono = Mono()
    app = make_app(db_path, clock, monotonic=mono)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await move(pilot, mono, clock, 200)
        await pilot.press("q")
        await until(pilot, lambda: app.return_code is not None)
    (kept,) = relief_of(db_path)
    assert (kept.actual_s, kept.finished) == (200, False)


async def test_a_face_relaxation_changes_cue_on_time_and_is_kept(
    db_path: Path, clock: Clock
) -> None:
    mono = Mono()
    app = make_app(db_path, clock, monotonic=mono)
    async with app.run_test(size=(60, 20)) as pilot:
        relax = await relaxation(pilot)
        await move(pilot, mono, clock, 4.99, relax)
        assert relax.phase == "tense"
        await move(pilot, mono, clock, 0.01, relax)
        assert relax.phase == "let go"
        await pilot.press("space")
        await move(pilot, mono, clock, 100, relax)  # paused: still letting go in round 1
        assert relax.phase == "let go"
        await pilot.press("space")
        await move(pilot, mono, clock, 10, relax)
        assert relax.phase == "tense"
        await move(pilot, mono, clock, 60, relax)  # 75 s run in all: the end
        await settle(pilot)
        assert app.screen is dashboard(app)
        (kept,) = relief_of(db_path)
        assert (kept.kind, kept.planned_s, kept.actual_s, kept.finished) == ("pmr", 75, 75, True)


async def test_stopping_or_quitting_a_relaxation_keeps_it_as_stopped_early(
    db_path: Path, clock: Clock
) -> None:
    mono = Mono()
    app = make_app(db_path, clock, monotonic=mono)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await move(pilot, mono, clock, 10, app.screen)
        await pilot.press("escape")  # 10 s: under a minute, not saved
        await settle(pilot)
        assert any("not saved" in n.message for n in app._notifications)
        await pilot.press("l")
        await move(pilot, mono, clock, 62, app.screen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("l")
        await move(pilot, mono, clock, 61, app.screen)
        await pilot.press("q")
        await until(pilot, lambda: app.return_code is not None)
    assert [(r.actual_s, r.finished) for r in relief_of(db_path)] == [(62, False), (61, False)]


async def test_an_experiment_starts_shows_its_day_and_stops_with_a_result(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert isinstance(app.screen, ExperimentForm)
        await pilot.press("ctrl+s")  # the first idea, 14 days
        await settle(pilot)
        running = Store.open(db_path).settings().experiment
        assert (running.name, running.days) == ("Bed an hour earlier", 14)
        assert "Experiment  Bed an hour earlier · day 1 of 14" in str(
            dashboard(app).query_one("#checklist-items").render()
        )
        await pilot.press("y")
        assert isinstance(app.screen, RunningExperimentScreen)
        await pilot.press("s")
        await settle(pilot)
        settings = Store.open(db_path).settings()
        assert settings.experiment is None and settings.tried[0].stopped_early
        assert any(n.title == "How it went" for n in app._notifications)
        await pilot.press("u")
        await settle(pilot)
        assert Store.open(db_path).settings().experiment == running


async def test_a_pause_that_runs_its_48_hours_ends_by_itself_with_its_result(
    db_path: Path, clock: Clock
) -> None:
    store = Store.open(db_path, now=clock)
    store.update_settings(lambda s: replace(s, pause_started=NOW - timedelta(hours=47, minutes=59)))
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert Store.open(db_path).settings().pause_started is not None
        clock.advance(minutes=2)
        await until(pilot, lambda: Store.open(db_path).settings().tried != ())
        (done,) = Store.open(db_path).settings().tried
        assert (done.name, done.stopped_early) == (PAUSE, False)
        assert done.ended == NOW + timedelta(minutes=1)
        await until(pilot, lambda: any(n.title == "How it went" for n in app._notifications))


async def test_the_snack_records_its_food_and_s_again_unticks_it(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, SnackScreen)
        await pilot.press("3")
        await settle(pilot)
        log = Store.open(db_path).day_log(NOW.date())
        assert (log.snack, log.snack_food) == (True, "spinach")
        await pilot.press("s")
        await settle(pilot)
        assert Store.open(db_path).day_log(NOW.date()).snack is False
        await pilot.press("u")
        await settle(pilot)
        assert Store.open(db_path).day_log(NOW.date()).snack_food == "spinach"


async def test_the_second_self_check_of_a_day_says_kindly_to_check_less(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("k")
        assert isinstance(app.screen, SelfCheckForm) and not app.screen.query("#check-less")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("k")
        assert app.screen.query("#check-less")  # said, and the form still works
        assert app.screen.query("#emergency-line")  # the urgent line stays first
        await pilot.press("escape")
        await settle(pilot)
    assert Store.open(db_path).day_log(NOW.date()).self_checks == 2
    assert DayLog(NOW.date(), self_checks=2).is_empty  # counting opens logs nothing


async def test_one_experiment_at_a_time_from_the_dashboard(db_path: Path, clock: Clock) -> None:
    store = Store.open(db_path, now=clock)
    store.update_settings(lambda s: replace(s, experiment=Experiment("Walk", NOW, 7)))
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert Store.open(db_path).settings().pause_started is None
        assert any("“Walk” is running" in n.message for n in app._notifications)


def count_refreshes(screen) -> list[tuple[str, bool]]:
    """Record every refresh asked of the screen and its widgets from now on:
    the widget (its id, else its type) and whether a layout was asked for."""
    seen: list[tuple[str, bool]] = []
    for widget in [screen, *screen.walk_children()]:
        original = widget.refresh

        def counting(*regions, _widget=widget, _original=original, **kwargs):
            seen.append((_widget.id or type(_widget).__name__, bool(kwargs.get("layout"))))
            return _original(*regions, **kwargs)

        widget.refresh = counting
    return seen


async def test_a_running_compress_redraws_only_its_clock_and_bar_when_they_change(
    db_path: Path, clock: Clock
) -> None:
    """Nothing else moves while a compress runs: no layout of the screen, no
    other pane redrawn, no findings or charts rebuilt. Woken every second
    (as its own timer no longer is), it still redraws only what moved: the
    minutes left once a minute, the bar at its steps (every 30 s)."""
    mono = Mono()
    app = make_app(db_path, clock, monotonic=mono)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        await pilot.press("f")
        await until(pilot, lambda: screen.relief is not None)
        await move(pilot, mono, clock, 61)  # "9 min left": from here the clock keeps its width
        await settle(pilot)
        tickets = screen.rebuilds.tickets
        seen = count_refreshes(screen)
        for _ in range(60):  # 61 s to 121 s
            await move(pilot, mono, clock, 1)
            await pilot.pause()
        assert screen.compress.view is not None and screen.compress.view.left == "8 min left"
        assert {name for name, _ in seen} <= {"relief-clock", "relief-progress", "bar"}
        assert not any(layout for _, layout in seen)
        # 90 s: the bar (and its progress and percentage: one redraw); 120 s:
        # the bar, and the clock's "8 min left".
        step = [("bar", False), *[("relief-progress", False)] * 2]
        assert seen == [*step, *step, ("relief-clock", False)]
        assert screen.rebuilds.tickets == tickets


def count_renders(screen) -> list[tuple[str, int]]:
    """Record every widget the screen's redraws render from now on: its id
    (else its type) and how many lines were asked of it."""
    seen: list[tuple[str, int]] = []
    for widget in [screen, *screen.walk_children()]:
        original = widget.render_lines

        def counting(crop, _widget=widget, _original=original):
            seen.append((_widget.id or type(_widget).__name__, crop.height))
            return _original(crop)

        widget.render_lines = counting
    return seen


def count_restyles(app) -> list[object]:
    """Record every request to apply the stylesheet again (a class changed)."""
    seen: list[object] = []
    original = app.update_styles

    def counting(node=None, animate=True):
        seen.append(node)
        return original(node, animate=animate)

    app.update_styles = counting
    return seen


async def test_a_step_of_a_compress_draws_its_line_alone_and_restyles_nothing(
    db_path: Path, clock: Clock
) -> None:
    """A step of the bar, or a new minute, renders the relief line's one row,
    and only it: not the pane, the grid or the screen behind it, not the
    widgets beside it (Textual's own partial redraw rendered 18 widgets in
    full), and no class changes."""
    mono = Mono()
    app = make_app(db_path, clock, monotonic=mono)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        await pilot.press("f")
        await until(pilot, lambda: screen.relief is not None)
        await move(pilot, mono, clock, 61)
        app.clear_notifications()  # the toast's going is not the compress's
        await settle(pilot)
        rendered, restyled = count_renders(screen), count_restyles(app)
        for step in range(1, 6):  # 90 s, 120 s (a new minute too), ... 210 s
            await move(pilot, mono, clock, 30 if step > 1 else 29)
            await until(pilot, lambda n=step: rendered.count(("bar", 1)) >= n)
            await pilot.pause(0.1)
        assert screen.compress.view is not None and screen.compress.view.left == "7 min left"
        # One row each time, of the relief line's own widgets: the bar at each
        # step, the clock at each minute (with the padding cells around them).
        assert {what for what in rendered} <= {
            ("bar", 1),
            ("relief-progress", 1),
            ("relief-clock", 1),
            ("relief-bar", 1),
        }
        assert (rendered.count(("bar", 1)), rendered.count(("relief-clock", 1))) == (5, 2)
        assert restyled == []


async def test_a_relaxation_redraws_only_its_digits_between_cues(
    db_path: Path, clock: Clock
) -> None:
    mono = Mono()
    app = make_app(db_path, clock, monotonic=mono)
    async with app.run_test(size=(120, 40)) as pilot:
        relax = await relaxation(pilot)
        await move(pilot, mono, clock, 0.5, relax)
        seen = count_refreshes(relax)
        for _ in range(3):  # 1.5 s to 3.5 s: still tensing, the count moves
            await move(pilot, mono, clock, 1, relax)
        assert relax.phase == "tense"
        assert {name for name, _ in seen} == {"left"}
        assert not any(layout for _, layout in seen)
        assert len(seen) <= 3


async def test_a_second_of_a_relaxation_draws_its_digits_alone(db_path: Path, clock: Clock) -> None:
    mono = Mono()
    app = make_app(db_path, clock, monotonic=mono)
    async with app.run_test(size=(120, 40)) as pilot:
        relax = await relaxation(pilot)
        await move(pilot, mono, clock, 0.5, relax)
        await pilot.pause(0.1)
        rendered, restyled = count_renders(relax), count_restyles(app)
        for second in range(1, 4):  # 1.5 s to 3.5 s: still tensing, the count moves
            await move(pilot, mono, clock, 1, relax)
            await until(pilot, lambda n=second: len(rendered) >= n)
        await pilot.pause(0.1)
        assert relax.phase == "tense"
        assert rendered == [("left", 3)] * 3  # the digits are three lines high
        assert restyled == []
