"""The diary session, driven directly (no Textual, no Pilot) over a real diary.

Every kind of change the dashboard makes is done, undone and redone here, and
each step is checked against what is on disk.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twitchtui.model import PAUSE, DayLog, Experiment, Habit, Relief, SelfCheck, Twitch, diary_day
from twitchtui.ops import (
    AddCoffee,
    AddHabit,
    AddRelief,
    AddSelfCheck,
    AddWater,
    DeleteTwitch,
    EditTwitch,
    EndExperiment,
    LogTwitch,
    Op,
    RemoveCoffee,
    SaveSettings,
    SetDayFields,
    StartExperiment,
)
from twitchtui.session import (
    UNDO_LIMIT,
    Mode,
    Outcome,
    Session,
    Status,
    Unreadable,
    bedtime_night,
)
from twitchtui.store import Store

from .conftest import NOW, TZ, Clock, FullDisk

DAY = NOW.date()


def state(store: Store) -> tuple:
    """Everything a change can touch: twitches, day logs and settings, as stored
    (a day with nothing recorded is the same as no day log)."""
    return (
        [t.to_doc() for t in store.twitches()],
        {d: log.to_doc() for d, log in store.day_logs().items() if log != DayLog(d)},
        store.settings().to_doc(),
    )


def session_over(store: Store) -> tuple[Session, list[Outcome]]:
    session = Session(store)
    heard: list[Outcome] = []
    session.listen(heard.append)
    return session, heard


def kept(store: Store) -> Twitch:
    return store.log_twitch(Twitch(at=NOW - timedelta(hours=1), site="upper-lip", side="left"))


CHANGES = {
    "log": lambda store: LogTwitch(Twitch(at=NOW, site="lower-lip", side="right")),
    "edit": lambda store: EditTwitch(
        (old := kept(store)), replace(old, intensity=4, note="after a long call")
    ),
    "delete": lambda store: DeleteTwitch(kept(store)),
    "water": lambda store: AddWater(DAY, 250, label="+250 ml water"),
    "water off": lambda store: (
        store.update_day(DAY, lambda log: replace(log, water_ml=500)),
        AddWater(DAY, -250, label="−250 ml water"),
    )[1],
    "electrolytes": lambda store: SetDayFields(DAY, {}, toggle="electrolytes"),
    "snack": lambda store: SetDayFields(DAY, {}, toggle="snack"),
    "coffee": lambda store: AddCoffee(DAY, NOW.replace(hour=9)),
    "coffee off": lambda store: (
        store.update_day(DAY, lambda log: replace(log, coffees=(NOW.replace(hour=9),))),
        RemoveCoffee(DAY),
    )[1],
    "habit": lambda store: (
        store.update_settings(lambda s: replace(s, habits=(Habit("walk"),))),
        AddHabit(DAY, "walk", 1),
    )[1],
    "bedtime": lambda store: SetDayFields(DAY, {"bedtime": time(22, 15)}),
    "check-in": lambda store: SetDayFields(
        DAY, {"stress": 4, "sleep_h": 6.5, "alcohol": False, "screen_h": 9.0}
    ),
    # With no sign: one with a sign is withdrawn, not removed (test_withdraw.py).
    "self-check": lambda store: AddSelfCheck(
        DAY, SelfCheck(NOW.replace(microsecond=0), passed=("asymmetry",))
    ),
    "pause": lambda store: SaveSettings({"pause_started": NOW.replace(microsecond=0)}),
    "pause stopped": lambda store: (
        store.update_settings(lambda s: replace(s, pause_started=NOW - timedelta(hours=3))),
        SaveSettings({"pause_started": None}),
    )[1],
    "snack with its food": lambda store: SetDayFields(
        DAY, {"snack": True, "snack_food": "spinach"}
    ),
    "warm compress": lambda store: AddRelief(
        DAY, Relief("warm-compress", NOW - timedelta(minutes=10), 600, 600)
    ),
    "face relaxation stopped early": lambda store: AddRelief(
        DAY, Relief("pmr", NOW - timedelta(minutes=1), 75, 40, finished=False)
    ),
    "experiment": lambda store: StartExperiment(Experiment("Bed an hour earlier", NOW, 14)),
    "experiment ended": lambda store: (
        store.update_settings(
            lambda s: replace(s, experiment=Experiment("Walk at lunch", NOW - timedelta(days=3), 7))
        ),
        EndExperiment("Walk at lunch", NOW, stopped_early=True),
    )[1],
    "pause as an experiment": lambda store: StartExperiment(Experiment(PAUSE, NOW, 2)),
    "pause ended with its result": lambda store: (
        store.update_settings(lambda s: replace(s, pause_started=NOW - timedelta(hours=30))),
        EndExperiment(PAUSE, NOW, stopped_early=True),
    )[1],
}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_every_change_is_done_undone_and_redone(kind: str, store: Store) -> None:
    op: Op = CHANGES[kind](store)
    session, heard = session_over(store)
    before = state(store)

    session.submit(op)
    after = state(store)
    assert after != before, f"{kind} changed nothing"
    assert heard[-1].status is Status.SAVED and heard[-1].mode is Mode.DO

    assert session.undo()
    assert state(store) == before
    assert heard[-1].status is Status.SAVED and heard[-1].mode is Mode.UNDO
    assert heard[-1].message == f"Undone: {op.label}."
    assert not session.can_undo

    assert session.redo()
    assert state(store) == after
    assert heard[-1].message == f"Redone: {op.label}."
    assert not session.redo()  # nothing left to redo

    assert session.undo()
    assert state(store) == before


def test_a_new_change_clears_redo_and_a_quiet_one_is_not_undoable(store: Store) -> None:
    session, _ = session_over(store)
    session.submit(AddWater(DAY, 250))
    session.undo()
    assert session.can_redo
    session.submit(SaveSettings({"chart_days": 90}), Mode.QUIET)
    assert session.can_redo, "a preference is not a change that clears redo"
    assert not session.can_undo, "a preference is not undoable"
    session.submit(AddWater(DAY, 500))
    assert not session.can_redo
    assert store.settings().chart_days == 90
    assert store.day_log(DAY).water_ml == 500


def test_every_operation_is_told_as_it_is_queued_undo_and_redo_included(
    store: Store,
) -> None:
    """The urgent path counts an answer from the moment it is queued."""
    session, _ = session_over(store)
    queued: list[tuple[str, Mode]] = []
    session.on_queued(lambda op, mode: queued.append((type(op).__name__, mode)))
    check = SelfCheck(NOW.replace(microsecond=0), {"speech": "sudden"})
    session.submit(AddSelfCheck(DAY, check))
    session.undo()
    session.redo()
    assert queued == [
        ("AddSelfCheck", Mode.DO),
        ("WithdrawSelfCheck", Mode.UNDO),  # an answer with a sign is withdrawn
        ("RemoveSelfCheck", Mode.REDO),  # and its redo removes the withdrawal
    ]
    assert [c.id for c in store.day_log(DAY).checks] == [check.id]


def test_undo_keeps_the_latest_changes_only(store: Store) -> None:
    """A dashboard open all day keeps the last UNDO_LIMIT inverses, not all."""
    session, _ = session_over(store)
    for _ in range(UNDO_LIMIT + 5):
        session.submit(AddWater(DAY, 1))
    undone = 0
    while session.undo():
        undone += 1
    assert undone == UNDO_LIMIT
    assert store.day_log(DAY).water_ml == 5  # the five oldest stay: too old to undo


def test_changes_are_saved_in_the_order_given(store: Store) -> None:
    session, heard = session_over(store)
    for delta in (250, -250, 500, 250):
        session.submit(AddWater(DAY, delta, label=f"{delta:+d} ml"))
    assert [o.op.label for o in heard] == ["+250 ml", "-250 ml", "+500 ml", "+250 ml"]
    assert store.day_log(DAY).water_ml == 750
    assert heard[-1].today is not None and heard[-1].today.log.water_ml == 750


def test_a_refused_save_is_held_then_saved_on_retry(db_path: Path, clock: Clock) -> None:
    Store.open(db_path, now=clock)  # the diary exists; then the disk fills up
    disk = FullDisk()
    store = Store.open(db_path, now=clock, fs=disk)
    session, heard = session_over(store)
    session.submit(LogTwitch(Twitch(at=NOW)))
    session.submit(AddWater(DAY, 250))
    assert heard[-1].status is Status.HELD and "disk is full" in heard[-1].message
    assert session.pending == 2 and session.unsaved == 2
    assert store.twitches() == []

    session.retry()  # still full: still held, nothing lost
    assert session.pending == 2

    disk.full = False
    session.retry()
    assert [o.status for o in heard[-2:]] == [Status.SAVED, Status.SAVED]
    assert heard[-1].caught_up and not heard[-2].caught_up
    assert session.pending == 0 and session.unsaved == 0
    assert len(store.twitches()) == 1 and store.day_log(DAY).water_ml == 250


def test_an_undo_that_no_longer_fits_is_refused_and_dropped(store: Store) -> None:
    session, heard = session_over(store)
    session.submit(LogTwitch(Twitch(at=NOW)))
    [twitch] = store.twitches()
    store.update_twitch(twitch, replace(twitch, note="edited in a shell"))
    assert session.undo()
    assert heard[-1].status is Status.REJECTED
    assert heard[-1].message == (
        "Could not undo twitch logged: that twitch was changed elsewhere since. "
        "Nothing was changed."
    )
    assert store.twitches()[0].note == "edited in a shell"
    assert session.unsaved == 0 and not session.can_undo


def test_a_new_twitch_takes_the_last_site_and_side(store: Store, clock: Clock) -> None:
    from twitchtui.views import load_today

    session = Session(store)
    first = session.new_twitch(load_today(store))
    assert (first.site, first.side) == (store.settings().default_site, "left")
    session.submit(LogTwitch(replace(first, site="lower-lip", side="right")))
    clock.advance(minutes=5)
    second = session.new_twitch(load_today(store), intensity=3)
    assert (second.site, second.side, second.intensity) == ("lower-lip", "right", 3)
    assert second.at == clock.now


def at(day: date, hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=TZ)


def test_bedtime_night_follows_the_clock_and_the_day_shown() -> None:
    tuesday = date(2026, 11, 17)
    monday = tuesday - timedelta(days=1)
    assert bedtime_night(at(tuesday, "07:00"), 0) == monday  # this morning: last night
    assert bedtime_night(at(tuesday, "11:59"), 0) == monday
    assert bedtime_night(at(tuesday, "12:00"), 0) == tuesday  # from noon: tonight
    assert bedtime_night(at(tuesday, "21:30"), 0) == tuesday
    # Still up at 01:30 with the day starting at 03:00: Monday's night.
    assert bedtime_night(at(tuesday, "01:30"), 3) == monday
    # A past day chosen with [ is that day's night, whatever the hour.
    assert bedtime_night(at(tuesday, "07:00"), 0, date(2026, 11, 10)) == date(2026, 11, 10)


@given(
    moment=st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1)),
    day_start=st.integers(0, 6),
)
def test_bedtime_night_is_today_or_the_night_before(moment: datetime, day_start: int) -> None:
    now = moment.replace(tzinfo=TZ)
    night = bedtime_night(now, day_start)
    today = diary_day(now, day_start)
    assert night in (today, today - timedelta(days=1))
    evening = datetime.combine(night, time(12), tzinfo=TZ)
    assert evening <= now < evening + timedelta(days=1)


def test_one_experiment_runs_at_a_time(store: Store) -> None:
    session, heard = session_over(store)
    session.submit(StartExperiment(Experiment(PAUSE, NOW, 2)))
    session.submit(StartExperiment(Experiment("Bed an hour earlier", NOW, 14)))
    assert heard[-1].status is Status.REJECTED
    assert "stimulant pause is running" in heard[-1].reason
    assert store.settings().experiment is None
    session.submit(EndExperiment(PAUSE, NOW + timedelta(hours=1), stopped_early=True))
    session.submit(StartExperiment(Experiment("Bed an hour earlier", NOW, 14)))
    assert heard[-1].status is Status.SAVED
    session.submit(StartExperiment(Experiment(PAUSE, NOW, 2)))
    assert "“Bed an hour earlier” is running" in heard[-1].reason


def test_an_ended_pause_keeps_its_result_and_undo_takes_it_back(store: Store) -> None:
    started = NOW - timedelta(hours=48)
    store.update_settings(lambda s: replace(s, pause_started=started))
    session, _heard = session_over(store)
    session.submit(EndExperiment(PAUSE, NOW, stopped_early=False))
    (done,) = store.settings().tried
    assert store.settings().pause_started is None
    assert (done.name, done.started, done.ended, done.stopped_early) == (PAUSE, started, NOW, False)
    assert done.result is not None and done.result.unit == "waking hour"
    assert session.undo()
    assert store.settings().tried == () and store.settings().pause_started == started


def test_next_site_side_is_the_twitch_logged_last_however_made(store: Store, clock: Clock) -> None:
    from twitchtui.ops import LogTwitch
    from twitchtui.views import load_today

    session, _ = session_over(store)
    assert session.next_site_side(load_today(store)) == ("upper-lip", "left")  # the default
    store.log_twitch(Twitch(at=NOW - timedelta(minutes=5), site="cheek", side="right"))
    # Logged now, but for 20 minutes ago: still the one made last.
    session.submit(LogTwitch(Twitch(at=NOW - timedelta(minutes=20), site="eye", side="both")))
    assert session.next_site_side(load_today(store)) == ("eye", "both")
    session.undo()  # taken back: the latest in the diary again
    assert session.next_site_side(load_today(store)) == ("cheek", "right")
    session.redo()
    clock.advance(minutes=1)
    store.log_twitch(Twitch(at=clock.now, site="lower-lip", side="left"))  # the command line
    assert session.next_site_side(load_today(store)) == ("lower-lip", "left")


def test_a_read_takes_a_turn_and_gives_the_answer(store: Store) -> None:
    kept(store)
    session = Session(store)
    assert session.read(lambda s: len(s.twitches())) == 1


def test_a_damaged_file_is_reported_once_per_read_and_raised_as_unreadable(
    store: Store, db_path: Path, clock: Clock
) -> None:
    """Session.read owns the damaged-file report: the listeners hear of the
    file (and whether it may be set aside), the caller gets the line to show."""
    kept(store)
    (shard,) = store.shard_paths().values()
    shard.write_bytes(shard.read_bytes()[: len(shard.read_bytes()) // 2])  # cut off mid-write
    session = Session(Store(db_path, now=clock))
    heard: list[tuple[Path, bool]] = []
    session.on_damaged(lambda exc, ours: heard.append((exc.path, ours)))
    with pytest.raises(Unreadable) as raised:
        session.read(lambda s: s.twitches())
    assert heard == [(shard, True)]
    assert str(raised.value).startswith(f"{shard.name} cannot be read")
    assert "keep it aside" in str(raised.value)
    session.forget_damaged(heard.append)  # forgetting one never heard of is harmless
