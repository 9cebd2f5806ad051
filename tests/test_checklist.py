"""The daily checklist rules (pure) and the shell commands that tick them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from twitchtui import checklist
from twitchtui.cli import main
from twitchtui.model import DayLog, Settings
from twitchtui.store import Store

from .conftest import NOW, TZ

DAY = NOW.date()


def at(hour: int, minute: int = 0) -> datetime:
    return datetime.combine(DAY, time(hour, minute), TZ)


def item(log: DayLog, key: str, settings: Settings | None = None) -> checklist.Item:
    return {i.key: i for i in checklist.items(log, settings or Settings())}[key]


def test_water_detail_counts_glasses() -> None:
    assert "(1 glass)" in item(DayLog(DAY, water_ml=250), "water").detail
    assert "(1.5 glasses)" in item(DayLog(DAY, water_ml=375), "water").detail
    assert "(0 glasses)" in item(DayLog(DAY), "water").detail


def test_water_target_is_met_at_exactly_the_target() -> None:
    assert not item(DayLog(DAY, water_ml=1750), "water").done
    assert item(DayLog(DAY, water_ml=2000), "water").done
    assert item(DayLog(DAY, water_ml=2000), "water", Settings(water_target_ml=2500)).done is False


@pytest.mark.parametrize(
    ("cups", "done", "warning"),
    [
        ((), False, ""),  # not answered: no credit for nothing
        ((at(8),), True, ""),
        ((at(11, 59),), True, ""),
        ((at(12, 0),), False, "after the 12:00 cut-off (12:00)"),
        ((at(8), at(10)), False, "2 cups, the limit is 1"),
        ((at(8), at(15)), False, "2 cups, the limit is 1; after the 12:00 cut-off (15:00)"),
    ],
)
def test_coffee_rule(cups: tuple, done: bool, warning: str) -> None:
    coffee = item(DayLog(DAY, coffees=cups), "coffee")
    assert (coffee.done, coffee.warning) == (done, warning)


def test_coffee_rule_follows_settings() -> None:
    settings = Settings(coffee_limit=2, coffee_cutoff_hour=14)
    assert item(DayLog(DAY, coffees=(at(8), at(13))), "coffee", settings).done


@pytest.mark.parametrize(
    ("bedtime", "done"),
    [(time(22, 30), True), (time(21, 0), True), (time(22, 31), False), (time(0, 30), False)],
)
def test_early_night_is_an_hour_before_the_usual_bedtime(bedtime: time, done: bool) -> None:
    assert Settings().target_bedtime == time(22, 30)
    assert item(DayLog(DAY, bedtime=bedtime), "bed").done is done


def test_early_night_across_midnight() -> None:
    settings = Settings(usual_bedtime=time(0, 30))  # aim: 23:30
    assert item(DayLog(DAY, bedtime=time(23, 15)), "bed", settings).done
    assert not item(DayLog(DAY, bedtime=time(0, 10)), "bed", settings).done


def test_score_counts_the_four_items() -> None:
    full = DayLog(DAY, water_ml=2000, coffees=(at(9),), snack=True, bedtime=time(22))
    assert checklist.score(full, Settings()) == (4, 4)
    assert checklist.score(replace(full, snack=False), Settings()) == (3, 4)


def test_pause_counts_down_and_is_broken_by_a_cup() -> None:
    start = at(9)
    pause = checklist.pause_state(start, [], start + timedelta(hours=10))
    assert pause is not None and pause.text == "Stimulant pause: 38 h to go"
    done = checklist.pause_state(start, [start - timedelta(hours=1)], start + timedelta(hours=49))
    assert done is not None and done.text.endswith("done, 48 h without coffee")
    broken = checklist.pause_state(
        start, [start + timedelta(hours=30)], start + timedelta(hours=31)
    )
    assert broken is not None and broken.broken_by == start + timedelta(hours=30)
    assert checklist.pause_state(None, [], start) is None


# ------------------------------------------------------------------ shell commands


def test_shell_checklist_commands(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "d.json")
    assert main(["water", "--db", db, "+3", "--electrolytes"]) == 0
    assert main(["water", "--db", db, "-1"]) == 0
    assert main(["snack", "--db", db]) == 0
    assert main(["coffee", "--db", db]) == 0
    assert main(["checkin", "--db", db, "--stress", "3", "--sleep", "7", "--food", "oats"]) == 0
    assert main(["bed", "--db", db, "22:05", "--day", "2026-01-02"]) == 0
    out = capsys.readouterr().out
    assert "Water today: 500 / 2000 ml with electrolytes" in out
    assert "Bedtime 22:05 for the night of 2026-01-02: early enough." in out
    store = Store.open(db, now=lambda: NOW)
    log = store.day_log(NOW.date())
    assert (log.water_ml, log.electrolytes, log.snack, len(log.coffees)) == (500, True, True, 1)
    assert (log.stress, log.sleep_h, log.food) == (3, 7.0, "oats")
    assert store.day_log(datetime(2026, 1, 2).date()).bedtime == time(22, 5)


@pytest.mark.parametrize(
    "args",
    [
        ["water", "lots"],
        ["bed", "9pm"],
        ["bed", "22:00", "--day", "someday"],
        ["checkin", "--stress", "6"],
        ["checkin", "--sleep", "30"],
        ["checkin"],
    ],
)
def test_shell_checklist_bad_input(tmp_path: Path, capsys, args: list[str]) -> None:
    db = tmp_path / "d.json"
    assert main([args[0], "--db", str(db), *args[1:]]) == 2
    assert "Nothing was saved" in capsys.readouterr().err
    assert Store.open(db).shard_paths() == {}


def test_pause_from_the_shell(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "d.json")
    assert main(["pause", "--db", db]) == 0
    assert Store.open(db).settings().pause_started is not None
    assert main(["pause", "--db", db, "--stop"]) == 0
    assert Store.open(db).settings().pause_started is None


def test_a_cup_after_midnight_is_late_for_the_diary_day_it_belongs_to() -> None:
    settings = Settings(day_start_hour=3)
    day = date(2026, 11, 17)  # the diary day that runs until 03:00 on the 18th

    def cup(hh: int, mm: int, on: date = day) -> datetime:
        return datetime.combine(on, time(hh, mm), tzinfo=NOW.tzinfo)

    assert checklist.coffee_problem((cup(11, 59),), settings, day) == ""
    assert "cut-off (12:00)" in checklist.coffee_problem((cup(12, 0),), settings, day)
    late = checklist.coffee_problem((cup(1, 30, date(2026, 11, 18)),), settings, day)
    assert late == "after the 12:00 cut-off (01:30)"


def test_cli_coffee_at_half_past_one_with_a_three_oclock_day_start(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "d.json")
    Store.open(db, now=lambda: NOW).save_settings(Settings(day_start_hour=3))
    at = datetime(2026, 11, 18, 1, 30, tzinfo=NOW.tzinfo).isoformat()
    assert main(["coffee", "--db", db, "--at", at]) == 0
    assert "the rule is broken: after the 12:00 cut-off (01:30)" in capsys.readouterr().out


def test_past_days_do_not_say_not_yet() -> None:
    log = DayLog(date(2026, 11, 10))
    past = {i.key: i.detail for i in checklist.items(log, Settings(), past=True)}
    today = {i.key: i.detail for i in checklist.items(log, Settings())}
    assert past["coffee"] == "not recorded" and past["snack"] == "not eaten"
    assert today["coffee"].startswith("not answered yet") and today["snack"] == "not yet"


def test_a_new_diary_day_scores_nothing_and_answers_nothing() -> None:
    items = checklist.items(DayLog(DAY), Settings())
    assert checklist.score(DayLog(DAY), Settings()) == (0, 4)
    assert checklist.answered(items) == 0


def test_no_coffee_today_answers_and_keeps_the_coffee_item() -> None:
    log = DayLog(DAY, no_coffee=True)
    coffee = item(log, "coffee")
    assert (coffee.done, coffee.answered, coffee.detail) == (True, True, "none: no coffee this day")
    assert checklist.score(log, Settings()) == (1, 4)


def test_answered_counts_an_item_recorded_but_not_kept() -> None:
    log = DayLog(DAY, water_ml=500, coffees=(at(15),), bedtime=time(23, 45))
    items = checklist.items(log, Settings())
    assert checklist.tally(items) == (0, 4)
    assert checklist.answered(items) == 3


def test_status_counts_only_answered_items_kept(tmp_path: Path, capsys) -> None:
    """A single twitch on a new diary gives no checklist credit."""
    db = ["--db", str(tmp_path / "d.json")]
    assert main([*db, "log"]) == 0
    capsys.readouterr()
    assert main([*db, "status"]) == 0
    assert "checklist 0/4" in capsys.readouterr().out
    assert main([*db, "coffee", "--none"]) == 0
    assert "No coffee on 2026-11-18" in capsys.readouterr().out
    assert main([*db, "status"]) == 0
    assert "checklist 1/4" in capsys.readouterr().out
    assert Store.open(db[1]).day_log(DAY).no_coffee


def test_coffee_none_is_refused_when_a_cup_is_recorded(tmp_path: Path, capsys) -> None:
    db = ["--db", str(tmp_path / "d.json")]
    assert main([*db, "coffee", "--at", "09:00"]) == 0
    assert main([*db, "coffee", "--none"]) == 2
    assert "a cup is already recorded" in capsys.readouterr().err
    assert not Store.open(db[1]).day_log(DAY).no_coffee


def test_checkin_half_done() -> None:
    assert checklist.checkin_state(DayLog(DAY)) == ""
    assert checklist.checkin_state(DayLog(DAY, stress=3)) == "half"
    assert checklist.checkin_state(DayLog(DAY, stress=3, sleep_h=7, food="oats")) == "done"
