"""Issue 24, an honest record: values nobody gave stay "not given", never a
made-up default, in every place a twitch goes."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import time, timedelta
from pathlib import Path

from textual.widgets import DataTable, Input, Static

from twitchtui.cli import main
from twitchtui.model import Settings, Twitch
from twitchtui.report import to_markdown
from twitchtui.screens.settings import SettingsForm
from twitchtui.store import Store
from twitchtui.views import load_report, trend_data

from .conftest import NOW, Clock
from .test_app import make_app, palette_names, settle, text_of, until


def test_a_twitch_with_no_intensity_or_duration_keeps_none_in_the_file(
    db_path: Path, clock: Clock
) -> None:
    store = Store.open(db_path, now=clock)
    saved = store.log_twitch(Twitch(at=NOW))
    assert (saved.intensity, saved.duration_s) == (None, None)
    raw = json.loads(store.layout.shard("2026-11").read_text())  # this device's own file
    [doc] = raw["twitches"].values()
    assert doc["intensity"] is None and doc["duration_s"] is None
    [again] = Store.open(db_path, now=clock).twitches()
    assert (again.intensity, again.duration_s) == (None, None)


def test_an_old_entry_is_read_as_it_was_stored(db_path: Path, clock: Clock) -> None:
    """No guessing which old values were defaults: a stored 2 stays 2, and a
    field that was never stored is not given."""
    old = Twitch.from_doc(
        {"id": "a" * 32, "at": NOW.isoformat(), "site": "cheek", "side": "left", "intensity": 2}
    )
    assert (old.intensity, old.duration_s) == (2, None)


def test_log_command_records_not_given_then_the_settings_default(db_path: Path, capsys) -> None:
    assert main(["--db", str(db_path), "log"]) == 0
    said = capsys.readouterr().out
    assert "intensity —, duration —" in said
    store = Store.open(db_path)
    store.save_settings(Settings(default_intensity=3, default_duration_s=10))
    assert main(["--db", str(db_path), "log", "--intensity", "5"]) == 0
    assert "intensity 5, duration 10 s" in capsys.readouterr().out
    first, second = Store.open(db_path).twitches()
    assert (first.intensity, first.duration_s) == (None, None)
    assert (second.intensity, second.duration_s) == (5, 10)


def test_export_writes_null_and_empty_and_json_comes_back_the_same(
    db_path: Path, tmp_path: Path, capsys
) -> None:
    db = ["--db", str(db_path)]
    assert main([*db, "log", "--at", "10:00"]) == 0
    assert main([*db, "log", "--at", "11:00", "--duration", "30"]) == 0
    capsys.readouterr()
    assert main([*db, "export", "--format", "csv"]) == 0
    rows = [r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))]
    twitch_rows = [r for r in rows if r["kind"] == "twitch"]
    assert [(r["intensity"], r["duration_s"]) for r in twitch_rows] == [("", ""), ("", "30")]
    assert main([*db, "export", "--format", "json"]) == 0
    exported = capsys.readouterr().out
    doc = json.loads(exported)
    pairs = [(t["intensity"], t["duration_s"]) for t in doc["twitches"]]
    assert pairs == [(None, None), (None, 30)]
    path = tmp_path / "export.json"
    path.write_text(exported)
    other = tmp_path / "other" / "diary.json"
    assert main(["--db", str(other), "import", str(path)]) == 0
    back = Store.open(other).twitches()
    assert [(t.intensity, t.duration_s) for t in back] == [(None, None), (None, 30)]


def test_a_day_row_of_the_csv_leaves_what_was_not_logged_empty(
    db_path: Path, capsys, monkeypatch
) -> None:
    """A day with only a check-in: no water, electrolytes, snack, clinician or
    "no coffee" was given, so the CSV says nothing there (never 0 or "no");
    what was ticked still reads "yes"."""
    db = ["--db", str(db_path)]
    monkeypatch.setenv("TWITCHTUI_NOW", "2026-11-17T18:00")
    assert main([*db, "water", "+4", "--electrolytes"]) == 0
    monkeypatch.setenv("TWITCHTUI_NOW", "2026-11-18T18:00")
    assert main([*db, "checkin", "--stress", "3"]) == 0
    capsys.readouterr()
    assert main([*db, "export", "--format", "csv"]) == 0
    days = {r["date"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    cells = ("water_ml", "electrolytes", "snack", "seen_clinician", "no_coffee")
    assert [days["2026-11-18"][c] for c in cells] == ["", "", "", "", ""]
    assert days["2026-11-18"]["stress"] == "3"
    assert [days["2026-11-17"][c] for c in cells[:2]] == ["1000", "yes"]


def test_a_cup_after_midnight_keeps_its_date_in_the_csv(db_path: Path, capsys, monkeypatch) -> None:
    """With a day start of 03:00, a 01:30 cup belongs to the day before: the
    CSV gives its own date, so nobody reads it as that day's early morning."""
    store = Store.open(db_path, now=lambda: NOW)
    store.save_settings(replace(store.settings(), day_start_hour=3))
    db = ["--db", str(db_path)]
    monkeypatch.setenv("TWITCHTUI_NOW", "2026-11-18T02:00")
    assert main([*db, "coffee", "--at", "yesterday 23:40"]) == 0
    assert main([*db, "coffee", "--at", "01:30"]) == 0
    capsys.readouterr()
    assert main([*db, "export", "--format", "csv"]) == 0
    (day,) = [r for r in csv.DictReader(io.StringIO(capsys.readouterr().out)) if r["kind"] == "day"]
    assert (day["date"], day["coffees"]) == ("2026-11-17", "23:40;2026-11-18 01:30")


def test_report_says_how_many_entries_each_figure_rests_on(db_path: Path, clock: Clock) -> None:
    """The issue's diary: one real duration (30 s) among four twitches."""
    store = Store.open(db_path, now=clock)
    for hours, duration in ((4, None), (3, None), (2, 30), (1, None)):
        store.log_twitch(Twitch(at=NOW - timedelta(hours=hours), duration_s=duration))
    text = to_markdown(load_report(store, 7))
    assert "Duration: median 30 s, longest 30 s (given for 1 of 4)." in text
    assert "Intensity: not given for any of the 4 twitches." in text
    assert "median 5 s" not in text
    assert "| 4 so far | — | 30 |" in text  # the day's mean intensity is not given


async def test_t_logs_not_given_and_the_list_shows_a_dash(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        [saved] = Store.open(db_path, now=clock).twitches()
        assert (saved.intensity, saved.duration_s) == (None, None)
        table = app.screen.query_one("#entries", DataTable)
        row = [str(c) for c in table.get_row_at(0)]
        assert row[3:5] == ["—", "—"]


async def test_a_default_set_in_settings_is_what_t_records(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SettingsForm)
        assert form.query_one("#default_intensity", Input).value == ""
        form.query_one("#default_intensity", Input).value = "3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Store.open(db_path, now=clock).settings().default_intensity == 3
        await pilot.press("t")
        await settle(pilot)
        [saved] = Store.open(db_path, now=clock).twitches()
        assert (saved.intensity, saved.duration_s) == (3, None)


async def test_the_details_form_leaves_an_empty_intensity_not_given(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert app.screen.query_one("#intensity", Input).value == ""
        app.screen.query_one("#duration", Input).value = "12"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [saved] = Store.open(db_path, now=clock).twitches()
        assert (saved.intensity, saved.duration_s) == (None, 12)


# ---------------------------------------------------------------- no credit without an answer


async def test_a_new_diary_gives_no_checklist_credit(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "0/4 done · 0 answered" in text_of(app, "#checklist-day")
        items = text_of(app, "#checklist-items")
        assert "✔" not in items
        assert "Coffee  not answered yet" in items


async def test_0_ticks_no_coffee_today_and_u_takes_it_back(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("0")
        await settle(pilot)
        assert Store.open(db_path, now=clock).day_log(NOW.date()).no_coffee
        assert "1/4 done · 1 answered" in text_of(app, "#checklist-day")
        assert "none: no coffee this day" in text_of(app, "#checklist-items")
        await pilot.press("u")
        await settle(pilot)
        assert not Store.open(db_path, now=clock).day_log(NOW.date()).no_coffee
        assert "0/4 done · 0 answered" in text_of(app, "#checklist-day")


async def test_0_with_a_cup_recorded_says_why_and_changes_nothing(
    db_path: Path, clock: Clock
) -> None:
    Store.open(db_path, now=clock).update_day(
        NOW.date(), lambda log: replace(log, coffees=(NOW - timedelta(hours=5),))
    )
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("0")
        await settle(pilot)
        assert not Store.open(db_path, now=clock).day_log(NOW.date()).no_coffee
        assert any("A cup is recorded" in n.message for n in app._notifications)


async def test_compact_marks_a_check_in_with_only_stress_half_done(
    db_path: Path, clock: Clock
) -> None:
    Store.open(db_path, now=clock).update_day(NOW.date(), lambda log: replace(log, stress=3))
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = str(app.screen.query_one("#compact-checklist", Static).render())
        assert "◐ check-in half done (i)" in line
        assert "✔ check-in" not in line


# ---------------------------------------------------------------- diary days


def _twitch_on(day_back: int, hour: int = 10, **values) -> Twitch:
    at = (NOW - timedelta(days=day_back)).replace(hour=hour, minute=0)
    return Twitch(at=at, **values)


def test_a_diary_that_began_yesterday_has_no_twitch_free_week() -> None:
    yesterday = NOW.date() - timedelta(days=1)
    twitches = [_twitch_on(1)]
    data = trend_data(
        twitches, {}, Settings(), NOW.date() - timedelta(days=364), NOW.date(), began=yesterday
    )
    # The 365-day chart starts at the first diary day, not ten months of zeros.
    assert (data.first, data.days) == (yesterday, 2)
    assert data.diary == [True, False]  # today has nothing recorded yet
    assert data.average == [1.0, 1.0]
    week = data.insights[0]
    assert week == (
        "Last 7 full days: 1 twitch, 0 twitch-free days, 6 days no diary. The 7 before: no diary."
    )
    assert "7 twitch-free days" not in week


def test_day_one_trends_line_says_no_diary(db_path: Path, clock: Clock) -> None:
    from twitchtui.views import load_trends

    store = Store.open(db_path, now=clock)
    store.log_twitch(Twitch(at=NOW))
    data = load_trends(store, 30)
    assert data.first == NOW.date() and data.days == 1
    assert data.insights[0] == "Last 7 full days: no diary. The 7 before: no diary."


def test_days_with_nothing_logged_are_not_zeros_in_the_trend() -> None:
    from twitchtui.model import DayLog

    first = NOW.date() - timedelta(days=4)
    logs = {first + timedelta(days=2): DayLog(first + timedelta(days=2), water_ml=500)}
    data = trend_data([_twitch_on(4)], logs, Settings(), first, NOW.date(), began=first)
    assert data.diary == [True, False, True, False, False]
    assert data.per_day == [1, 0, 0, 0, 0]
    assert data.average == [1.0, 1.0, 0.5, 0.5, 0.5]


def test_one_insight_per_habit_the_one_with_more_days_behind_it() -> None:
    from twitchtui import insights
    from twitchtui.model import DayLog

    first = NOW.date() - timedelta(days=40)
    logs, twitches = {}, []
    for back in range(1, 41):
        day = NOW.date() - timedelta(days=back)
        missed = back % 2 == 0
        logs[day] = DayLog(day, water_ml=500 if missed else 2500)
        twitches += [_twitch_on(back) for _ in range(3 if missed else 1)]
    lines = insights.insight_sentences(twitches, logs, Settings(), first, NOW.date())
    water = [line for line in lines if "water target" in line]
    assert len(water) == 1, lines
    # The same day has 39 days behind it (20 vs 19); the day after only 38
    # (the first day's next day is today, which is not compared).
    assert water[0].startswith("On days you missed the water target you logged 3.0× as many")


async def test_insights_that_do_not_fit_scroll(db_path: Path, clock: Clock, tmp_path) -> None:
    """On the demo diary at 100x30 only two rows of insights fit: the rest is
    reached by scrolling them (Tab to the insights, then the arrow keys)."""
    from textual.containers import VerticalScroll

    assert main(["demo", "--db", str(db_path)]) == 0
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        scroll = app.screen.query_one("#insights", VerticalScroll)
        assert scroll.virtual_size.height > scroll.size.height  # more than fits
        scroll.focus()
        await pilot.press("down", "down")
        await settle(pilot)
        assert scroll.scroll_y > 0


# ---------------------------------------------------------------- bedtime


def test_bed_without_a_time_in_the_afternoon_asks_for_one(db_path: Path, capsys) -> None:
    db = ["--db", str(db_path)]
    assert main([*db, "bed", "21:55", "--day", "2026-11-17"]) == 0
    capsys.readouterr()
    assert main([*db, "bed"]) == 2  # 14:30 by the tests' clock
    err = capsys.readouterr().err
    assert "needs a time: it is 14:30, not the evening" in err
    assert Store.open(db_path).day_log(NOW.date()).bedtime is None


def test_bed_without_a_time_in_the_evening_is_now(db_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("TWITCHTUI_NOW", NOW.replace(hour=18, minute=0).isoformat())
    db = ["--db", str(db_path)]
    assert main([*db, "bed"]) == 0
    assert "Bedtime 18:00 for the night of 2026-11-18" in capsys.readouterr().out
    monkeypatch.setenv("TWITCHTUI_NOW", NOW.replace(hour=17, minute=59).isoformat())
    assert main([*db, "bed"]) == 2


def test_bed_says_when_it_replaces_and_refuses_the_future(db_path: Path, capsys) -> None:
    db = ["--db", str(db_path)]
    assert main([*db, "bed", "22:00", "--day", "2026-11-17"]) == 0
    assert main([*db, "bed", "23:10", "--day", "2026-11-17"]) == 0
    assert "Bedtime 23:10 for the night of 2026-11-17 (replaces 22:00)" in (capsys.readouterr().out)
    assert main([*db, "bed", "21:55"]) == 2  # tonight, still to come at 14:30
    assert "still to come" in capsys.readouterr().err
    assert Store.open(db_path).day_log(NOW.date()).bedtime is None


def test_bed_form_wording_follows_the_time_of_day() -> None:
    from twitchtui.session import bedtime_question

    day = NOW.date()
    afternoon = bedtime_question(day, NOW)
    assert afternoon.startswith("Bedtime for tonight") and "did you" not in afternoon
    assert "did you go to bed tonight" in bedtime_question(day, NOW.replace(hour=22))
    morning = NOW.replace(hour=8) + timedelta(days=1)
    assert "on the night of Wed 18 Nov" in bedtime_question(day, morning)


async def test_b_refuses_a_bedtime_still_to_come_and_says_what_it_replaces(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("b")  # 14:30: tonight's bedtime is still ahead
        await settle(pilot)
        form = app.screen
        form.query_one("#bedtime", Input).value = "21:55"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form
        assert "still to come" in str(form.query_one("#error-bedtime", Static).render())
        await pilot.press("escape")
        await settle(pilot)
    assert Store.open(db_path, now=clock).day_log(NOW.date()).bedtime is None
    clock.now = NOW.replace(hour=23)
    Store.open(db_path, now=clock).update_day(
        NOW.date(), lambda log: replace(log, bedtime=time(21, 55))
    )
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        hint = str(app.screen.query_one("#bedtime-replaces", Static).render())
        assert "21:55 is recorded for this night" in hint
        app.screen.query_one("#bedtime", Input).value = "22:40"
        await pilot.press("enter")
        await settle(pilot)
        [toast] = app._notifications
        assert "(replaces 21:55)" in toast.message
    assert Store.open(db_path, now=clock).day_log(NOW.date()).bedtime == time(22, 40)


async def test_b_with_nothing_typed_saves_nothing_and_says_so(db_path: Path, clock: Clock) -> None:
    """A new user's review: Enter on the empty field (the aim shown only as
    a placeholder, always 22:30) said "Saved" and kept no bedtime; saving
    one unchanged said "Saved" too, and u then undid a change never made."""
    store = Store.open(db_path, now=clock)
    store.save_settings(replace(store.settings(), usual_bedtime=time(0, 30)))  # aim 23:30
    clock.now = NOW.replace(hour=23, minute=50)
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#bedtime", Input).placeholder == "23:30"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form
        assert "type the time you went to bed" in str(form.query_one("#error-bedtime").render())
        form.query_one("#bedtime", Input).value = "23:10"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("enter")  # 23:10 again, as shown
        await settle(pilot)
        assert "Nothing changed" in list(app._notifications)[-1].message
        await pilot.press("u")
        await settle(pilot)
    assert Store.open(db_path, now=clock).day_log(NOW.date()).bedtime is None  # u took the 23:10


async def test_b_saved_as_shown_replaces_what_a_shell_wrote_meanwhile(
    db_path: Path, clock: Clock
) -> None:
    """A review: "Nothing changed" compared the form with the day as it was
    when the form opened; a bedtime the shell wrote meanwhile then stayed,
    and the message said the form's was kept."""
    clock.now = NOW.replace(hour=23, minute=50)
    Store.open(db_path, now=clock).update_day(
        NOW.date(), lambda log: replace(log, bedtime=time(23, 0))
    )
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert app.screen.query_one("#bedtime", Input).value == "23:00"
        Store.open(db_path, now=clock).update_day(
            NOW.date(), lambda log: replace(log, bedtime=time(22, 0))
        )
        screen = app.screen_stack[-2]  # the dashboard, under the form
        await until(pilot, lambda: screen.today.shown_log.bedtime == time(22, 0))
        await pilot.press("enter")
        await settle(pilot)
    assert Store.open(db_path, now=clock).day_log(NOW.date()).bedtime == time(23, 0)


# ---------------------------------------------------------------- forms and keys


async def test_a_new_form_shows_no_error_until_touched_or_saved(
    db_path: Path, clock: Clock
) -> None:
    from twitchtui.screens.habits import HabitForm

    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("h", "a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, HabitForm)
        assert str(form.query_one("#error-habit", Static).render()) == ""
        assert str(form.query_one("#form-errors", Static).render()) == ""
        await pilot.press("ctrl+s")  # Save with no name: now it says why
        await settle(pilot)
        assert app.screen is form
        assert "needs a name" in str(form.query_one("#error-habit", Static).render())
        assert "Please fix" in str(form.query_one("#form-errors", Static).render())


async def test_typing_shows_only_that_fields_error(db_path: Path, clock: Clock) -> None:
    from twitchtui.screens.twitch_form import TwitchForm

    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TwitchForm)
        form.query_one("#at", Input).value = "25:99"
        form.query_one("#intensity", Input).focus()
        await pilot.press("9")
        await settle(pilot)
        assert "from 1 to 5" in str(form.query_one("#error-intensity", Static).render())
        assert str(form.query_one("#form-errors", Static).render()) == ""


async def test_p_asks_before_a_48_hour_pause(db_path: Path, clock: Clock) -> None:
    from twitchtui.screens.confirm import ConfirmScreen

    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert Store.open(db_path, now=clock).settings().pause_started is None
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert Store.open(db_path, now=clock).settings().pause_started == NOW


async def test_removing_keys_say_how_to_undo_and_one_toast_shows(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w", "c")
        await settle(pilot)
        for key in ("W", "C"):
            await pilot.press(key)
            await settle(pilot)
            [toast] = app._notifications  # the newest only: nothing stacks
            assert "Press u to undo" in toast.message, toast.message
        await pilot.press("t")
        await settle(pilot)
        app.screen.query_one("#entries", DataTable).focus()
        await pilot.press("x")
        await settle(pilot)
        [toast] = app._notifications
        assert toast.message == "Saved: twitch deleted. Press u to undo."


async def test_keys_that_do_nothing_here_say_why(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:  # the compact summary
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        [toast] = app._notifications
        assert "press 3 to open the Trends pane, then v" in toast.message
        await pilot.press("T")
        await settle(pilot)
        [toast] = app._notifications
        assert "Caps Lock" in toast.message


async def _palette_finds(app, words: str) -> list[str]:
    return await palette_names(app, words)


async def test_the_palette_finds_the_words_people_search_for(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any(n.startswith("+Glass") for n in await _palette_finds(app, "water"))
        assert any(n.startswith("−Glass") for n in await _palette_finds(app, "glass"))
        assert any(n.startswith("No coffee") for n in await _palette_finds(app, "coffee"))
        assert any(n.startswith("Delete entry") for n in await _palette_finds(app, "delete"))


async def test_help_shows_what_each_key_does_and_the_list_keys(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "−Glass (take a glass of water off)" in text
        assert "Enter" in text and "Edit entry (in the day's list)" in text
        assert "x / Del" in text and "Delete entry" in text


# ---------------------------------------------------------------- screens agree


async def test_the_sparkline_follows_the_day_shown(db_path: Path, clock: Clock) -> None:
    from textual.widgets import Sparkline

    store = Store.open(db_path, now=clock)
    store.log_twitch(Twitch(at=NOW - timedelta(minutes=30)))  # today 14:00
    store.log_twitch(Twitch(at=NOW.replace(hour=9) - timedelta(days=1)))  # yesterday 09:00
    store.log_twitch(Twitch(at=NOW.replace(hour=9, minute=40) - timedelta(days=1)))
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        spark = app.screen.query_one("#hours", Sparkline)
        assert sum(spark.data) == 1  # the last 24 hours: only today's
        await pilot.press("left_square_bracket")
        await settle(pilot)
        data = list(spark.data)
        assert data[9] == 2 and sum(data) == 2  # that day's hours, 00 to 23
        caption = text_of(app, "#hours-caption")
        assert caption.startswith("Tue 17 Nov by hour") and "peak 2 twitches" in caption


async def test_next_t_follows_the_twitch_logged_last_however_made(
    db_path: Path, clock: Clock
) -> None:
    from twitchtui.screens.twitch_form import TwitchForm

    Store.open(db_path, now=clock).log_twitch(Twitch(at=NOW - timedelta(minutes=10)))
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        assert "Next t logs: upper-lip, left" in text_of(app, "#summary")
        await pilot.press("d")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TwitchForm)
        form.query_one("#site").value = "lower-lip"
        form.query_one("#side").value = "right"
        form.query_one("#at", Input).value = "20"  # 20 minutes ago: before the other one
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Next t logs: lower-lip, right" in text_of(app, "#summary")
        await pilot.press("t")
        await settle(pilot)
        latest = max(Store.open(db_path, now=clock).twitches(), key=lambda t: t.at)
        assert (latest.site, latest.side) == ("lower-lip", "right")


def test_no_coffee_goes_through_export_and_import(db_path: Path, tmp_path: Path, capsys) -> None:
    db = ["--db", str(db_path)]
    assert main([*db, "coffee", "--none"]) == 0
    capsys.readouterr()
    assert main([*db, "export", "--format", "csv"]) == 0
    [day] = [r for r in csv.DictReader(io.StringIO(capsys.readouterr().out)) if r["kind"] == "day"]
    assert day["no_coffee"] == "yes" and day["coffees"] == ""
    assert main([*db, "export", "--format", "json"]) == 0
    path = tmp_path / "export.json"
    path.write_text(capsys.readouterr().out)
    other = tmp_path / "other" / "diary.json"
    assert main(["--db", str(other), "import", str(path)]) == 0
    assert Store.open(other).day_log(NOW.date()).no_coffee


async def test_undo_and_redo_keep_a_twitch_with_nothing_given(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("t", "u")
        await settle(pilot)
        assert Store.open(db_path, now=clock).twitches() == []
        await pilot.press("ctrl+y")
        await settle(pilot)
        [back] = Store.open(db_path, now=clock).twitches()
        assert (back.intensity, back.duration_s) == (None, None)


def test_report_counts_a_day_with_nothing_recorded_as_no_diary(db_path: Path, clock: Clock) -> None:
    from twitchtui.model import DayLog

    store = Store.open(db_path, now=clock)
    store.log_twitch(Twitch(at=NOW - timedelta(days=3)))  # Sun 15 Nov: the diary begins
    yesterday = NOW.date() - timedelta(days=1)
    store.merge([], [DayLog(yesterday, water_ml=250)])  # Tue 17 Nov: water, no twitch
    text = to_markdown(load_report(store, 4))  # Mon 16 Nov: nothing at all
    assert "1 twitch on 1 of the 2 diary days" in text
    assert "1 twitch-free day; 1 day with nothing recorded, 'no diary'; today" in text
    assert "| No diary 16 Nov 2026 (1 day) |" in text


def test_a_day_without_a_coffee_answer_is_not_the_coffee_rule_kept_or_missed() -> None:
    from twitchtui import insights
    from twitchtui.model import DayLog

    day = NOW.date()
    logs = {
        day - timedelta(days=2): DayLog(day - timedelta(days=2), water_ml=250),
        day - timedelta(days=1): DayLog(day - timedelta(days=1), no_coffee=True),
    }
    strips = insights.habit_days(logs, Settings(), day - timedelta(days=2), day)
    assert strips["coffee"] == [None, True, None]


def test_a_cup_after_no_coffee_today_takes_it_back_and_its_undo_restores_it(
    db_path: Path, clock: Clock
) -> None:
    """The record never says "no coffee" and a cup on one day (as the export did)."""
    from twitchtui.ops import AddCoffee, SetDayFields

    store = Store.open(db_path, now=clock)
    day = NOW.date()
    SetDayFields(day, {"no_coffee": True}).apply(store)
    undo = AddCoffee(day, NOW).apply(store)
    log = store.day_log(day)
    assert (log.no_coffee, len(log.coffees)) == (False, 1)
    undo.apply(store)
    log = store.day_log(day)
    assert (log.no_coffee, log.coffees) == (True, ())


def test_the_reports_daily_table_leaves_what_was_not_logged_empty(
    db_path: Path, clock: Clock
) -> None:
    """A day with only a coffee shows no "0" ml of water and no "no" snack."""
    from twitchtui.ops import AddCoffee

    store = Store.open(db_path, now=clock)
    AddCoffee(NOW.date(), NOW.replace(hour=9)).apply(store)
    text = to_markdown(load_report(store, 7))
    today = f"| {NOW:%d %b} (today, so far) |"
    (row,) = [line for line in text.splitlines() if line.startswith(today)]
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert (cells[2], cells[4]) == ("", "") and cells[3], cells  # water, snack; the cup


def test_today_with_no_twitch_yet_is_not_a_twitch_free_day(db_path: Path, clock: Clock) -> None:
    from twitchtui.ops import AddCoffee

    store = Store.open(db_path, now=clock)
    store.log_twitch(Twitch(at=NOW - timedelta(days=1)))
    AddCoffee(NOW.date(), NOW).apply(store)  # today has a log, and no twitch so far
    text = to_markdown(load_report(store, 7))
    assert "1 twitch on 1 of the 1 diary days (1.0 a day on average; 0 twitch-free days" in text
    assert "today, not over, has none so far and is not counted" in text
