"""One diary on every machine, through a file-sync tool (schema 4).

Two machines are two ``Store``s with different device names. Sharing one
folder is a sync tool that is never late; two folders, with files copied
from one to the other, are one that is (and the copies it makes when the
same file changed on both).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twitchtui import machine
from twitchtui.checklist import add_coffee
from twitchtui.cli import main
from twitchtui.model import Conflict, DayLog, Medicine, Relief, SelfCheck, Settings, Twitch
from twitchtui.ops import AddWater
from twitchtui.store import DiaryDamaged, Store, StoreError
from twitchtui.store.files import Layout
from twitchtui.store.records import (
    legacy_day,
    live_twitches,
    merge_days,
    merge_settings,
    merge_twitches,
    unique,
)

from .conftest import NOW, Clock, twitch_at, write_old_diary

DAY = NOW.date()


def two(db_path: Path, clock: Clock, first: str = "laptop", second: str = "desktop"):
    """Two machines writing one folder (a sync tool that is never late)."""
    return Store.open(db_path, now=clock, device=first), Store.open(
        db_path, now=clock, device=second
    )


def sync(source: Path, target: Path) -> None:
    """Copy every diary file of ``source``'s folder that ``target``'s lacks or
    holds older (one direction of a sync tool), keeping names."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for path in source.parent.iterdir():
        if path.name.endswith(".json") and path.name != source.name:
            shutil.copy2(path, target.parent / path.name)


def totals(store: Store) -> tuple[int, int]:
    return len(store.twitches()), store.day_log(DAY).water_ml


# ---------------------------------------------------------------- the device name


def test_the_device_name_comes_from_the_environment_when_set() -> None:
    env = {"TWITCHTUI_DEVICE": "work-pc_2"}
    assert machine.device_name(env) == "work-pc_2"


@pytest.mark.parametrize("bad", ["", "has space", "dot.ted", "x" * 33, "ünï", "sync-conflict-1"])
def test_a_bad_device_name_is_refused(bad: str) -> None:
    with pytest.raises(machine.BadDeviceName) as refused:
        machine.device_name({"TWITCHTUI_DEVICE": bad})
    assert isinstance(refused.value, ValueError)


def test_a_bad_device_name_is_a_usage_error_in_the_shell(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TWITCHTUI_DEVICE", "my laptop")
    assert main(["log", "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert "TWITCHTUI_DEVICE" in err and "Nothing was changed" in err
    assert not db_path.exists()


def test_the_device_name_is_made_once_and_kept_in_the_state_folder(tmp_path: Path) -> None:
    env = {"TWITCHTUI_STATE_DIR": str(tmp_path / "state")}
    name = machine.device_name(env)
    assert name == machine.device_name(env)
    assert 6 <= len(name) <= 32 and machine.check_device(name) == name
    kept = tmp_path / "state" / "device"
    assert kept.read_text().strip() == name
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700


def test_the_store_names_its_files_by_its_device(db_path: Path, clock: Clock) -> None:
    store = Store.open(db_path, now=clock, device="laptop")
    assert store.device == "laptop"
    store.log_twitch(twitch_at())
    store.update_settings(lambda s: replace(s, glass_ml=300))
    names = sorted(p.name for p in db_path.parent.iterdir())
    assert names == [
        "diary.2026-11.laptop.json",
        "diary.json",
        "diary.json.lock",
        "diary.settings.laptop.json",
    ]
    assert json.loads(db_path.read_text()) == {"meta": {"1": {"app": "twitchtui", "schema": 4}}}
    assert Store.open(db_path, now=clock).device == machine.device_name()


# ---------------------------------------------------------------- the scenario


def test_two_machines_keep_every_twitch_and_every_glass(db_path: Path, clock: Clock) -> None:
    """The measured loss: 3 twitches and +2 glasses on one machine, 2 and
    +1 on the other, each ended with 3 twitches and 250 ml."""
    laptop, desktop = two(db_path, clock)
    for hours in (1, 2, 3):
        laptop.log_twitch(twitch_at(hours))
    AddWater(DAY, 250).apply(laptop)
    AddWater(DAY, 250).apply(laptop)
    for hours in (4, 5):
        desktop.log_twitch(twitch_at(hours))
    AddWater(DAY, 250).apply(desktop)
    assert totals(laptop) == totals(desktop) == (5, 750)


def test_two_machines_syncing_late_keep_everything(tmp_path: Path, clock: Clock) -> None:
    here, there = tmp_path / "a" / "diary.json", tmp_path / "b" / "diary.json"
    laptop = Store.open(here, now=clock, device="laptop")
    laptop.log_twitch(twitch_at(1))
    sync(here, there)
    shutil.copy2(here, there)
    desktop = Store.open(there, now=clock, device="desktop")
    AddWater(DAY, 250).apply(laptop)
    desktop.log_twitch(twitch_at(2))
    AddWater(DAY, 500).apply(desktop)
    sync(here, there)
    sync(there, here)
    assert totals(laptop) == totals(desktop) == (2, 750)


# ---------------------------------------------------------------- counters, answers, collections


def test_a_conflict_copy_of_a_devices_own_file_never_counts_twice(
    db_path: Path, clock: Clock
) -> None:
    laptop = Store.open(db_path, now=clock, device="laptop")
    AddWater(DAY, 250).apply(laptop)
    laptop.log_twitch(twitch_at(1))
    own = laptop.layout.shard("2026-11")
    shutil.copy2(
        own, own.with_name("diary.2026-11.laptop.sync-conflict-20261118-100000-ABCDEFG.json")
    )
    assert Store(db_path, now=clock, device="laptop").day_log(DAY).water_ml == 250
    assert totals(Store.open(db_path, now=clock, device="laptop")) == (1, 250)


def test_water_taken_off_below_zero_shows_zero_and_the_next_glass_counts(
    db_path: Path, clock: Clock
) -> None:
    """Water added on one machine, taken off on both (each saw it), synced:
    the records sum to -250, which shows as 0, and a glass then shows 250."""
    laptop, desktop = two(db_path, clock)
    AddWater(DAY, 250).apply(laptop)
    minus = {"id": "f" * 32, "day": DAY.isoformat(), "t": "2026-11-18T13:00:00.000000Z"}
    path = desktop.layout.shard("2026-11")
    doc = {"meta": {"1": {"app": "twitchtui", "schema": 4}}, "days": {}}
    doc["days"] = {
        "1": {**minus, "dev": "desktop", "add": {"water_ml": -250}},
        "2": {**minus, "id": "e" * 32, "dev": "desktop", "add": {"water_ml": -250}},
    }
    path.write_text(json.dumps(doc))
    assert laptop.day_log(DAY).water_ml == 0
    assert AddWater(DAY, 250).apply(laptop) is not None
    assert laptop.day_log(DAY).water_ml == desktop.day_log(DAY).water_ml == 250


def test_a_single_answer_is_the_last_written_and_a_tie_goes_to_the_greater_device_name(
    db_path: Path, clock: Clock
) -> None:
    laptop, desktop = two(db_path, clock, "aaa", "bbb")
    # The same moment on both machines' clocks: the device name decides.
    for store, hour in ((desktop, 22), (laptop, 23)):
        record = {
            "id": f"{hour:032x}",
            "day": DAY.isoformat(),
            "t": "2026-11-18T13:30:00.000000Z",
            "dev": store.device,
            "set": {"bedtime": f"{hour}:00"},
        }
        tables = store.writer.own_tables(store.layout.shard("2026-11"))
        store.writer.append(tables, "days", [record])
        doc = store.writer.month_file("2026-11", tables)
        store.writer.write_together({store.layout.shard("2026-11"): doc})
    assert laptop.day_log(DAY).bedtime == desktop.day_log(DAY).bedtime == time(22)
    # A later change on either machine wins, whatever the clocks say.
    laptop.update_day(DAY, lambda log: replace(log, bedtime=time(23, 15), stress=2))
    assert desktop.day_log(DAY).bedtime == time(23, 15)
    desktop.update_day(DAY, lambda log: replace(log, stress=4))
    assert laptop.day_log(DAY) == desktop.day_log(DAY)
    assert (laptop.day_log(DAY).bedtime, laptop.day_log(DAY).stress) == (time(23, 15), 4)


def test_coffees_relief_and_self_checks_merge_per_element(db_path: Path, clock: Clock) -> None:
    laptop, desktop = two(db_path, clock)
    eight, nine = NOW.replace(hour=8, minute=0), NOW.replace(hour=9, minute=0)
    laptop.update_day(DAY, lambda log: add_coffee(log, eight))
    desktop.update_day(DAY, lambda log: add_coffee(log, nine))
    assert laptop.day_log(DAY).coffees == (eight, nine)
    # An undo (taking one away) reaches the other machine.
    laptop.update_day(DAY, lambda log: replace(log, coffees=(nine,)))
    assert desktop.day_log(DAY).coffees == (nine,)
    pmr = Relief("pmr", NOW - timedelta(hours=2), 60, 60)
    warm = Relief("warm-compress", NOW - timedelta(hours=1), 600, 300, finished=False)
    laptop.update_day(DAY, lambda log: replace(log, relief=(*log.relief, pmr)))
    desktop.update_day(DAY, lambda log: replace(log, relief=(*log.relief, warm)))
    one = SelfCheck(NOW - timedelta(hours=3), signs={"tingling": "days"})
    other = SelfCheck(NOW - timedelta(hours=1))
    laptop.update_day(DAY, lambda log: log.with_check(one))
    desktop.update_day(DAY, lambda log: log.with_check(other))
    for store in (laptop, desktop):
        log = store.day_log(DAY)
        assert [r.kind for r in log.relief] == ["pmr", "warm-compress"]
        assert [c.id for c in log.checks] == [one.id, other.id]


def test_habit_counts_are_summed_across_machines(db_path: Path, clock: Clock) -> None:
    laptop, desktop = two(db_path, clock)
    laptop.update_day(DAY, lambda log: replace(log, habits={"walk": 1}))
    desktop.update_day(DAY, lambda log: replace(log, habits={"walk": 2, "stretch": 1}))
    assert laptop.day_log(DAY).habits == {"walk": 2, "stretch": 1}


def test_every_field_of_a_day_has_a_merge_rule() -> None:
    """A field added to ``DayLog`` must be given a rule here, or it would be
    lost between machines."""
    from dataclasses import fields

    from twitchtui.store.records import COUNTERS, ELEMENTS, SET_FIELDS

    ruled = {"day", "habits", *SET_FIELDS, *COUNTERS, *ELEMENTS}
    assert {f.name for f in fields(DayLog)} == ruled


# ---------------------------------------------------------------- twitches


def test_twitch_versions_and_tombstones(db_path: Path, clock: Clock) -> None:
    laptop, desktop = two(db_path, clock)
    first = laptop.log_twitch(twitch_at(1, note="first"))
    clock.advance(seconds=1)
    edited = desktop.update_twitch(first, replace(first, note="seen on the desktop"))
    assert laptop.twitches() == [edited]
    with pytest.raises(Conflict):  # the laptop's view was the old version
        laptop.update_twitch(first, replace(first, note="stale"))
    removed = laptop.delete_twitch(edited, unchanged=True)
    assert removed == edited and desktop.twitches() == []
    with pytest.raises(Conflict):
        desktop.delete_twitch(edited)
    desktop.restore_twitch(edited)  # an undo of the delete beats the tombstone
    assert laptop.twitches() == [edited]
    # Written as versions of one id, never rewriting another device's file.
    versions = [
        doc
        for path in db_path.parent.glob("diary.2026-11.*.json")
        for doc in json.loads(path.read_text())["twitches"].values()
    ]
    assert {d["id"] for d in versions} == {first.id} and len(versions) == 4
    assert [d.get("gone", False) for d in versions if d.get("dev") == "laptop"] == [True]


def test_an_edit_that_moves_a_twitch_to_another_month_leaves_a_tombstone(
    db_path: Path, clock: Clock
) -> None:
    laptop, desktop = two(db_path, clock)
    first = laptop.log_twitch(twitch_at(1))
    moved = desktop.update_twitch(first, replace(first, at=first.at - timedelta(days=30)))
    assert laptop.twitches() == [moved]
    october = json.loads(desktop.layout.shard("2026-10").read_text())["twitches"]
    november = json.loads(desktop.layout.shard("2026-11").read_text())["twitches"]
    assert [d["id"] for d in october.values()] == [first.id]
    assert [d.get("gone") for d in november.values()] == [True]


def test_an_import_merged_twice_writes_nothing_the_second_time(db_path: Path, clock: Clock) -> None:
    store = Store.open(db_path, now=clock, device="laptop")
    entries = [twitch_at(h) for h in (1, 2, 3)]
    days = [replace(DayLog(DAY), water_ml=500, bedtime=time(23))]
    store.merge(entries, days)
    before = store.layout.shard("2026-11").read_bytes()
    store.merge(entries, days)
    assert store.layout.shard("2026-11").read_bytes() == before
    assert store.day_log(DAY).water_ml == 500 and len(store.twitches()) == 3


# ---------------------------------------------------------------- settings


def test_settings_merge_per_field_and_medicines_per_name(db_path: Path, clock: Clock) -> None:
    laptop, desktop = two(db_path, clock)
    laptop.update_settings(lambda s: replace(s, water_target_ml=2500))
    desktop.update_settings(lambda s: replace(s, glass_ml=330))
    laptop.update_settings(lambda s: replace(s, medicines=(Medicine("Magnesium", "200 mg"),)))
    # The desktop adds another, from settings it read before the laptop's:
    # written as its own element, both stay.
    desktop.update_settings(
        lambda s: replace(s, medicines=(*s.medicines, Medicine("Vitamin D", "1000 IU")))
    )
    for store in (laptop, desktop):
        chosen = store.settings()
        assert (chosen.water_target_ml, chosen.glass_ml) == (2500, 330)
        assert [m.name for m in chosen.medicines] == ["Magnesium", "Vitamin D"]
    laptop.update_settings(lambda s: replace(s, medicines=s.medicines[1:]))
    assert [m.name for m in desktop.settings().medicines] == ["Vitamin D"]


def test_a_medicine_added_on_each_machine_without_seeing_the_other_both_stay(
    tmp_path: Path, clock: Clock
) -> None:
    here, there = tmp_path / "a" / "diary.json", tmp_path / "b" / "diary.json"
    laptop = Store.open(here, now=clock, device="laptop")
    there.parent.mkdir()
    shutil.copy2(here, there)
    desktop = Store.open(there, now=clock, device="desktop")
    laptop.update_settings(lambda s: replace(s, medicines=(Medicine("Magnesium"),)))
    desktop.update_settings(lambda s: replace(s, medicines=(Medicine("Vitamin D"),)))
    sync(here, there)
    sync(there, here)
    for store in (laptop, desktop):
        assert {m.name for m in store.settings().medicines} == {"Magnesium", "Vitamin D"}
    assert laptop.settings() == desktop.settings()


# ---------------------------------------------------------------- the merge is a pure function


def _scenario_files(tmp_path: Path, clock: Clock, steps: list[tuple[int, int]]) -> list[dict]:
    """The month files three machines write, from ``steps`` of (machine, what)."""
    db = tmp_path / "diary.json"
    stores = [Store.open(db, now=clock, device=name) for name in ("a", "b", "c")]
    logged: list[Twitch] = []
    for who, what in steps:
        store = stores[who]
        clock.advance(seconds=1)
        kind = what % 6
        if kind == 0:
            logged.append(store.log_twitch(twitch_at(what % 7 + 1, now=clock.now)))
        elif kind == 1:
            AddWater(DAY, 250 * (1 + what % 3)).apply(store)
        elif kind == 2:
            store.update_day(DAY, lambda log, n=1 + what % 5: replace(log, stress=n))
        elif kind == 3:
            cup = NOW.replace(hour=8 + what % 4, minute=0)
            store.update_day(DAY, lambda log, cup=cup: add_coffee(log, cup))
        elif kind == 4 and logged:
            target = logged[what % len(logged)]
            current = {t.id: t for t in store.twitches()}.get(target.id)
            if current is not None:
                store.update_twitch(current, replace(current, note=f"edit {what}"))
        elif kind == 5 and logged:
            current = {t.id: t for t in store.twitches()}.get(logged[what % len(logged)].id)
            if current is not None:
                store.delete_twitch(current)
        if what % 5 == 0:
            store.update_settings(lambda s, n=what: replace(s, glass_ml=100 + n))
        elif what % 7 == 0:
            medicine = Medicine(f"Medicine {what % 3}", f"{what} mg")
            store.update_settings(
                lambda s, m=medicine: replace(
                    s, medicines=(*(x for x in s.medicines if x.name != m.name), m)
                )
            )
    return [json.loads(p.read_text()) for p in sorted(tmp_path.glob("diary.*.*.json"))]


def _merged(files: list[dict]) -> tuple[list[Twitch], dict[date, DayLog], Settings]:
    twitches = merge_twitches(list(f.get("twitches", {}).values()) for f in files)
    days = merge_days(unique(list(f.get("days", {}).values()) for f in files))
    chosen = merge_settings(unique(list(f.get("settings", {}).values()) for f in files))
    return live_twitches(twitches), {d: s.log() for d, s in days.items()}, chosen.settings()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 60)), min_size=1, max_size=25),
    data=st.data(),
)
def test_any_order_and_any_duplication_of_the_files_gives_the_same_diary(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[int, int]], data: st.DataObject
) -> None:
    files = _scenario_files(tmp_path_factory.mktemp("devices"), Clock(), steps)
    expected = _merged(files)
    shuffled = data.draw(st.permutations(files))
    doubled = data.draw(st.lists(st.sampled_from(files), max_size=4)) if files else []
    assert _merged([*shuffled, *doubled]) == expected
    # A conflict copy is an older version of a file: what it held then, a
    # part of what it holds now (a device only adds to its files).
    stale = [
        {
            name: dict(list(table.items())[: data.draw(st.integers(0, len(table)))])
            for name, table in f.items()
        }
        for f in files
    ]
    assert _merged([*stale, *shuffled]) == expected
    # Records within a file in any order too (a copy written by another tool).
    reordered = [
        {name: dict(reversed(list(table.items()))) for name, table in f.items()} for f in files
    ]
    assert _merged(reordered) == expected


# ---------------------------------------------------------------- the upgrade


def _old_layout_from(store: Store, db: Path) -> None:
    """Rewrite ``store``'s diary at ``db`` as schema 3 kept it (by hand)."""
    months: dict[str, dict[str, list[dict]]] = {}
    for twitch in store.twitches():
        months.setdefault(f"{twitch.at:%Y-%m}", {}).setdefault("twitches", []).append(
            twitch.to_doc()
        )
    for day, log in store.day_logs().items():
        months.setdefault(f"{day:%Y-%m}", {}).setdefault("days", []).append(log.to_doc())
    settings_doc = store.settings().to_doc()
    for path in db.parent.iterdir():
        if path.name != "diary.json.lock":
            path.unlink()
    write_old_diary(db, settings_doc, months)


def _exports(db: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--format", "json"]) == 0
    as_json = capsys.readouterr().out
    assert main(["export", "--db", str(db), "--format", "csv"]) == 0
    return as_json, capsys.readouterr().out


def test_the_upgrade_loses_nothing_the_export_is_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "diary.json"
    assert main(["demo", "--db", str(db)]) == 0
    before = _exports(db, capsys)
    _old_layout_from(Store(db), db)
    assert not list(tmp_path.glob("diary.*.*.json"))
    after = _exports(db, capsys)  # opened: upgraded
    assert json.loads(db.read_text())["meta"]["1"]["schema"] == 4
    assert after == before
    # Kept aside, never deleted; and run again, it changes nothing.
    assert (tmp_path / "diary.json.schema3.bak").exists()
    kept = sorted(p.name for p in (tmp_path / "diary.schema3-months").iterdir())
    assert kept and all(name.startswith("diary.2026-") for name in kept)
    written = {p.name: p.read_bytes() for p in tmp_path.glob("diary.*.json")}
    assert _exports(db, capsys) == before
    assert {p.name: p.read_bytes() for p in tmp_path.glob("diary.*.json")} == written


def test_two_machines_upgrading_one_synced_diary_double_nothing(
    tmp_path: Path, clock: Clock
) -> None:
    here, there = tmp_path / "a" / "diary.json", tmp_path / "b" / "diary.json"
    settings_doc = replace(Settings(), medicines=(Medicine("Magnesium"),)).to_doc()
    day = {
        **DayLog(DAY).to_doc(),
        "water_ml": 750,
        "coffees": [NOW.isoformat()],
        "habits": {"walk": 2},
    }
    months = {"2026-11": {"twitches": [twitch_at(1).to_doc()], "days": [day]}}
    write_old_diary(here, settings_doc, months)
    write_old_diary(there, settings_doc, months)
    laptop = Store.open(here, now=clock, device="laptop")
    desktop = Store.open(there, now=clock, device="desktop")
    sync(there, here)
    sync(here, there)
    for store in (laptop, desktop):
        log = store.day_log(DAY)
        assert (len(store.twitches()), log.water_ml, log.habits, len(log.coffees)) == (
            1,
            750,
            {"walk": 2},
            1,
        )
        assert [m.name for m in store.settings().medicines] == ["Magnesium"]


def test_an_upgrade_cut_short_is_finished_by_the_next_open(db_path: Path, clock: Clock) -> None:
    day = {**DayLog(DAY).to_doc(), "water_ml": 500}
    write_old_diary(db_path, Settings().to_doc(), {"2026-11": {"days": [day]}})
    old_main = db_path.read_bytes()
    old_month = db_path.with_name("diary.2026-11.json").read_bytes()
    Store.open(db_path, now=clock, device="laptop")
    # As if it had stopped after this device's files were written.
    db_path.write_bytes(old_main)
    db_path.with_name("diary.2026-11.json").write_bytes(old_month)
    store = Store.open(db_path, now=clock, device="laptop")
    assert store.day_log(DAY).water_ml == 500


def test_an_old_layout_month_file_arriving_later_is_read_then_folded(
    db_path: Path, clock: Clock
) -> None:
    store = Store.open(db_path, now=clock, device="laptop")
    store.log_twitch(twitch_at(1))
    late = twitch_at(2)
    old = {
        "meta": {"1": {"app": "twitchtui", "schema": 3, "month": "2026-11"}},
        "twitches": {"1": late.to_doc()},
        "days": {"1": {**DayLog(DAY).to_doc(), "water_ml": 250}},
    }
    legacy = db_path.with_name("diary.2026-11.json")
    legacy.write_text(json.dumps(old))
    assert len(store.twitches()) == 2 and store.day_log(DAY).water_ml == 250  # read at once
    again = Store.open(db_path, now=clock, device="laptop")  # folded into its own file
    assert not legacy.exists() and list(db_path.parent.glob("diary.2026-11.json.merged-*"))
    assert again.merged == [
        "Merged 1 twitch and 1 day entry from a month file of the old layout (diary.2026-11.json)"
    ]
    assert len(again.twitches()) == 2 and again.day_log(DAY).water_ml == 250


def test_a_legacy_day_record_is_the_same_on_every_machine() -> None:
    doc = {**DayLog(DAY).to_doc(), "water_ml": 500, "bedtime": "23:00"}
    assert legacy_day(doc) == legacy_day(json.loads(json.dumps(doc)))
    assert "t" not in legacy_day(doc) and "dev" not in legacy_day(doc)


# ---------------------------------------------------------------- conflict copies


COPIES = [
    "{base}.sync-conflict-20261120-100000-ABCDEFG.json",
    "{base} (Ann's conflicted copy 2026-11-20).json",
    "{base} (conflicted copy 2026-11-20).json",
    "{base} (conflicted copy 2026-11-20 100000).json",
    "{base} (conflict).json",
    "{base} 2.json",
    "{base} 3.json",
    # A Syncthing short device id of another length, Dropbox in other
    # languages, an older ownCloud's tail (once read as a device's name).
    "{base}.sync-conflict-20261120-100000-ABCDEF.json",
    "{base} (Konflikt-Kopie von Ann 2026-11-20).json",
    "{base} (copie en conflit de Ann 2026-11-20).json",
    "{base} (copia in conflitto di Ann 2026-11-20).json",
    "{base}_conflict-20261120-100000.json",
]


@pytest.mark.parametrize("pattern", COPIES)
def test_every_kind_of_conflict_copy_is_recognised(pattern: str, tmp_path: Path) -> None:
    layout = Layout(tmp_path / "diary.json", "laptop")
    month = layout.classify(pattern.format(base="diary.2026-11.desktop"))
    assert month is not None and (month.kind, month.month, month.device, month.copy) == (
        "month",
        "2026-11",
        "desktop",
        True,
    )
    chosen = layout.classify(pattern.format(base="diary.settings.desktop"))
    assert chosen is not None and (chosen.kind, chosen.device, chosen.copy) == (
        "settings",
        "desktop",
        True,
    )
    main_copy = layout.classify(pattern.format(base="diary"))
    assert main_copy is not None and (main_copy.kind, main_copy.copy) == ("main", True)
    old = layout.classify(pattern.format(base="diary.2026-11"))
    assert old is not None and old.legacy and old.copy


@pytest.mark.parametrize(
    "name",
    [
        ".syncthing.diary.2026-11.desktop.json.tmp",
        "~syncthing~diary.2026-11.desktop.json.tmp",
        ".~diary.2026-11.desktop.json",
        "diary.2026-11.desktop.json.merged-2026-11-20",
        "diary.json.schema3.bak",
        "diary.schema3-months",
        "notes.2026-11.desktop.json",
        "diary.2026-11.desktop.json~",
    ],
)
def test_what_is_not_a_diary_file_is_ignored(name: str, tmp_path: Path) -> None:
    assert Layout(tmp_path / "diary.json", "laptop").classify(name) is None


@pytest.mark.parametrize("pattern", COPIES)
def test_a_conflict_copy_is_merged_at_once_then_folded_and_renamed(
    pattern: str, db_path: Path, clock: Clock
) -> None:
    laptop, desktop = two(db_path, clock)
    desktop.log_twitch(twitch_at(1))
    theirs = desktop.layout.shard("2026-11")
    kept = theirs.read_bytes()
    desktop.log_twitch(twitch_at(2))
    AddWater(DAY, 250).apply(desktop)
    # The sync tool kept the desktop's newer file and the laptop's view of it as a copy,
    # here with one more twitch the other lacks.
    data = json.loads(kept)
    extra = twitch_at(3)
    data["twitches"]["9"] = extra.to_doc()
    copy = db_path.with_name(pattern.format(base="diary.2026-11.desktop"))
    copy.write_text(json.dumps(data))
    assert len(laptop.twitches()) == 3  # read at once
    assert laptop.sync_report().pending == [copy]
    assert laptop.merge_conflicts() == [
        f"Merged 1 twitch from a conflict copy made by desktop ({copy.name})"
    ]
    assert not copy.exists()
    renamed = db_path.with_name(f"{copy.name}.merged-{NOW.date().isoformat()}")
    assert renamed.exists()
    assert laptop.merge_conflicts() == []
    assert len(desktop.twitches()) == 3 and desktop.day_log(DAY).water_ml == 250
    assert extra.id in {
        d["id"] for d in json.loads(laptop.layout.shard("2026-11").read_text())["twitches"].values()
    }
    report = laptop.sync_report()
    assert report.merged == [renamed] and report.pending == []


def test_a_settings_copy_and_a_main_copy_of_the_old_layout_are_merged(
    db_path: Path, clock: Clock
) -> None:
    laptop = Store.open(db_path, now=clock, device="laptop")
    laptop.update_settings(lambda s: replace(s, glass_ml=300))
    copy = db_path.with_name("diary.settings.laptop (conflicted copy 2026-11-20).json")
    shutil.copy2(laptop.layout.settings_file, copy)
    laptop.update_settings(lambda s: replace(s, water_target_ml=3000))
    old_main = db_path.with_name("diary.sync-conflict-20261120-100000-ABCDEFG.json")
    old_settings = replace(Settings(), medicines=(Medicine("Magnesium"),)).to_doc()
    old_main.write_text(
        json.dumps(
            {"meta": {"1": {"app": "twitchtui", "schema": 3}}, "settings": {"1": old_settings}}
        )
    )
    assert [m.name for m in laptop.settings().medicines] == ["Magnesium"]
    lines = Store.open(db_path, now=clock, device="laptop").merged
    assert sorted(lines) == sorted(
        [
            f"Merged nothing new from a conflict copy made by laptop ({copy.name})",
            f"Merged 1 settings change from a conflict copy of the main file ({old_main.name})",
        ]
    )
    again = Store.open(db_path, now=clock, device="laptop").settings()
    assert (again.glass_ml, again.water_target_ml) == (300, 3000)
    assert [m.name for m in again.medicines] == ["Magnesium"]


def test_opening_a_read_only_diary_merges_nothing(db_path: Path, clock: Clock) -> None:
    store = Store.open(db_path, now=clock, device="laptop")
    store.log_twitch(twitch_at(1))
    copy = db_path.with_name("diary.2026-11.laptop 2.json")
    shutil.copy2(store.layout.shard("2026-11"), copy)
    os.chmod(db_path, 0o400)
    try:
        assert Store.open(db_path, now=clock, device="laptop").merge_conflicts() == []
        assert copy.exists()
    finally:
        os.chmod(db_path, 0o600)


# ---------------------------------------------------------------- half-written and damaged files


def test_a_half_written_file_of_another_device_is_skipped_then_read(
    db_path: Path, clock: Clock
) -> None:
    laptop, desktop = two(db_path, clock)
    laptop.log_twitch(twitch_at(1))
    desktop.log_twitch(twitch_at(2))
    theirs = desktop.layout.shard("2026-11")
    whole = theirs.read_bytes()
    theirs.write_bytes(whole[: len(whole) // 2])
    assert len(laptop.twitches()) == 1  # not an error: the sync is not done
    assert laptop.sync_report().unreadable[0][0] == theirs
    assert laptop.layout.shard("2026-11").exists() and not laptop.may_set_aside(theirs)
    theirs.write_bytes(whole)
    assert len(laptop.twitches()) == 2
    assert laptop.sync_report().unreadable == []


def test_this_devices_own_damaged_file_is_still_damaged(db_path: Path, clock: Clock) -> None:
    laptop = Store.open(db_path, now=clock, device="laptop")
    laptop.log_twitch(twitch_at(1))
    own = laptop.layout.shard("2026-11")
    whole = own.read_bytes()
    own.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DiaryDamaged) as damaged:
        Store.open(db_path, now=clock, device="laptop").twitches()
    assert damaged.value.path == own
    assert laptop.may_set_aside(own)
    kept = laptop.set_aside(own)
    assert kept.name.startswith(f"{own.name}.damaged-")


# ---------------------------------------------------------------- polling, the report, renaming


def test_a_file_arriving_from_the_sync_tool_changes_the_stamp(db_path: Path, clock: Clock) -> None:
    laptop = Store.open(db_path, now=clock, device="laptop")
    laptop.log_twitch(twitch_at(1))
    stamp, fingerprint = laptop.stamp([DAY]), laptop.fingerprint([DAY])
    desktop = Store.open(db_path, now=clock, device="desktop")
    desktop.log_twitch(twitch_at(2))
    assert laptop.stamp([DAY]) != stamp
    assert laptop.fingerprint([DAY]) != fingerprint
    assert len(laptop.twitches()) == 2
    assert laptop.tally().per_day[DAY] == {("upper-lip", "left"): 2}


def test_the_sync_report(db_path: Path, clock: Clock) -> None:
    laptop, desktop = two(db_path, clock)
    assert laptop.sync_report().devices == {"laptop": None}
    laptop.log_twitch(twitch_at(1))
    desktop.update_settings(lambda s: replace(s, glass_ml=300))
    report = laptop.sync_report()
    assert report.device == "laptop" and set(report.devices) == {"desktop", "laptop"}
    assert all(when is not None for when in report.devices.values())
    assert (report.merged, report.pending, report.unreadable) == ([], [], [])


def test_renaming_this_device_renames_only_its_own_files(db_path: Path, clock: Clock) -> None:
    laptop, desktop = two(db_path, clock)
    laptop.log_twitch(twitch_at(1))
    laptop.update_settings(lambda s: replace(s, glass_ml=300))
    desktop.log_twitch(twitch_at(2))
    laptop.rename_device("travel")
    assert laptop.device == "travel" == machine.device_name()
    names = {p.name for p in db_path.parent.glob("diary.*.json")}
    assert names == {
        "diary.2026-11.travel.json",
        "diary.settings.travel.json",
        "diary.2026-11.desktop.json",
    }
    assert len(laptop.twitches()) == 2 and laptop.settings().glass_ml == 300
    with pytest.raises(StoreError, match="another device"):
        laptop.rename_device("desktop")


def test_renaming_is_refused_while_the_environment_names_the_device(
    db_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TWITCHTUI_DEVICE", "laptop")
    store = Store.open(db_path, now=clock)
    store.log_twitch(twitch_at(1))
    with pytest.raises(StoreError, match="TWITCHTUI_DEVICE is set"):
        store.rename_device("travel")
    assert store.layout.shard("2026-11").name == "diary.2026-11.laptop.json"


def test_an_undo_takes_back_only_this_machines_own_glass(db_path: Path, clock: Clock) -> None:
    """The inverse of an op is a new change against the merged view, so an
    undo on one machine leaves what the other added."""
    laptop, desktop = two(db_path, clock)
    undo = AddWater(DAY, 250).apply(laptop)
    AddWater(DAY, 500).apply(desktop)
    undo.apply(laptop)
    assert laptop.day_log(DAY).water_ml == desktop.day_log(DAY).water_ml == 500


def test_copies_of_the_main_file_and_of_an_old_month_file_are_named_in_their_lines(
    db_path: Path, clock: Clock
) -> None:
    store = Store.open(db_path, now=clock, device="laptop")
    stamp_only = db_path.with_name("diary 2.json")
    shutil.copy2(db_path, stamp_only)
    old_copy = db_path.with_name("diary.2026-11.sync-conflict-20261120-100000-ABCDEFG.json")
    old = {
        "meta": {"1": {"app": "twitchtui", "schema": 3, "month": "2026-11"}},
        "twitches": {"1": twitch_at(1).to_doc()},
    }
    old_copy.write_text(json.dumps(old))
    assert len(store.twitches()) == 1
    assert sorted(store.merge_conflicts()) == [
        f"Merged 1 twitch from a conflict copy of a month file of the old layout ({old_copy.name})",
        f"Merged nothing new from a conflict copy of the main file ({stamp_only.name})",
    ]
    assert not stamp_only.exists() and not old_copy.exists()
    assert len(store.twitches()) == 1


def test_a_conflict_copys_older_version_is_not_counted_as_merged(
    db_path: Path, clock: Clock
) -> None:
    """The copy holds one new twitch and an older version of one the diary
    has edited since: 'Merged 1 twitch', as only one is added."""
    laptop, desktop = two(db_path, clock)
    first = desktop.log_twitch(twitch_at(1))
    theirs = desktop.layout.shard("2026-11")
    data = json.loads(theirs.read_text())
    clock.advance(minutes=5)
    desktop.update_twitch(first, replace(first, note="edited since"))
    data["twitches"]["9"] = twitch_at(3).to_doc()
    copy = db_path.with_name("diary.2026-11.desktop.sync-conflict-20261120-100000-ABCDEFG.json")
    copy.write_text(json.dumps(data))
    assert laptop.merge_conflicts() == [
        f"Merged 1 twitch from a conflict copy made by desktop ({copy.name})"
    ]
    assert [t.note for t in laptop.twitches() if t.id == first.id] == ["edited since"]
