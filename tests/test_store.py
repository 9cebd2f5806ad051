"""The diary store on real files: layout, privacy, validation, damage, migration."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from datetime import date, time, timedelta, timezone
from pathlib import Path

import pytest

from twitchtui.model import Conflict, DayLog, InvalidEntry, Settings, Twitch
from twitchtui.store import SCHEMA, DiaryDamaged, DiaryTooNew, Store, StoreError

from .conftest import NOW, twitch_at, write_old_diary


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_diary_is_private(store: Store, db_path: Path) -> None:
    store.log_twitch(twitch_at())
    assert mode(db_path.parent) == 0o700
    for path in db_path.parent.iterdir():
        assert mode(path) == 0o600, path.name


def test_existing_folder_is_left_alone(tmp_path: Path, clock) -> None:
    tmp_path.chmod(0o755)
    Store.open(tmp_path / "d.json", now=clock)
    assert mode(tmp_path) == 0o755
    assert mode(tmp_path / "d.json") == 0o600


def test_twitch_round_trip_and_month_shards(store: Store, db_path: Path) -> None:
    a = store.log_twitch(twitch_at(0, site="eye", side="right", intensity=4, note=" hi "))
    b = store.log_twitch(twitch_at(24 * 30, triggers=("Caffeine", "long drive")))
    assert a.note == "hi"
    assert b.triggers == ("caffeine", "long-drive")
    assert store.twitches() == [b, a]
    assert set(store.shard_paths()) == {"2026-10", "2026-11"}
    main = json.loads(db_path.read_text())
    assert main["meta"]["1"] == {"app": "twitchtui", "schema": SCHEMA}
    assert "twitches" not in main  # the main file stays small


def test_a_second_store_sees_writes_of_the_first(db_path: Path, clock) -> None:
    one = Store.open(db_path, now=clock)
    two = Store.open(db_path, now=clock)
    assert two.twitches() == []
    saved = one.log_twitch(twitch_at())
    assert two.twitches() == [saved]
    assert two.last_twitch() == saved


def test_ids_are_unique_uuids(store: Store) -> None:
    ids = {store.log_twitch(twitch_at(i / 10)).id for i in range(20)}
    assert len(ids) == 20
    assert all(len(i) == 32 for i in ids)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"intensity": 9}, "intensity"),
        ({"intensity": 0}, "intensity"),
        ({"duration_s": -1}, "duration"),
        ({"site": "elbow"}, "site"),
        ({"side": "middle"}, "side"),
        ({"note": "x" * 501}, "note"),
        ({"triggers": ("no spaces!",)}, "triggers"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(
    store: Store, values: dict, field: str
) -> None:
    with pytest.raises(InvalidEntry) as caught:
        store.log_twitch(twitch_at(**values))
    assert caught.value.field == field
    assert store.twitches() == []
    assert store.shard_paths() == {}


def test_future_time_is_refused_beyond_one_minute(store: Store) -> None:
    store.log_twitch(Twitch(at=NOW + timedelta(seconds=59)))
    with pytest.raises(InvalidEntry, match=r"is later than .* the latest it can be"):
        store.log_twitch(Twitch(at=NOW + timedelta(minutes=2)))


def test_naive_time_is_refused(store: Store) -> None:
    with pytest.raises(InvalidEntry, match="timezone"):
        store.log_twitch(Twitch(at=NOW.replace(tzinfo=None)))


def test_day_start_hour_assigns_small_hours_to_the_day_before(store: Store) -> None:
    store.save_settings(Settings(day_start_hour=3))
    late = store.log_twitch(Twitch(at=NOW.replace(day=18, hour=1, minute=30)))
    assert store.twitches(date(2026, 11, 17), date(2026, 11, 17)) == [late]
    assert store.twitches(date(2026, 11, 18), date(2026, 11, 18)) == []


def test_day_range_reaches_into_the_next_month_shard(store: Store, clock) -> None:
    clock.now = NOW.replace(month=12, day=1, hour=2)
    store.save_settings(Settings(day_start_hour=3))
    t = store.log_twitch(Twitch(at=clock.now))
    assert store.twitches(date(2026, 11, 30), date(2026, 11, 30)) == [t]


def test_a_whole_month_range_leaves_out_the_small_hours_of_its_first(store: Store) -> None:
    """01:30 on 1 Nov belongs to 31 Oct with a 03:00 day start, though it sits in
    the November shard; a range from 1 Nov takes that shard whole only if it may."""
    store.save_settings(Settings(day_start_hour=3))
    early = store.log_twitch(Twitch(at=NOW.replace(day=1, hour=1, minute=30)))
    later = store.log_twitch(Twitch(at=NOW.replace(day=2, hour=9)))
    assert store.twitches(date(2026, 11, 1), date(2026, 11, 30)) == [later]
    assert store.twitches(date(2026, 10, 31), date(2026, 11, 30)) == [early, later]


def test_update_moves_between_months_and_delete_restore(store: Store) -> None:
    t = store.log_twitch(twitch_at())
    moved = store.update_twitch(t, replace(t, at=NOW - timedelta(days=40), intensity=5))
    assert store.twitches() == [moved]
    assert "2026-10" in store.shard_paths()
    assert store.delete_twitch(moved) == moved
    with pytest.raises(Conflict, match="no longer in the diary"):
        store.delete_twitch(moved)
    assert store.twitches() == []
    store.restore_twitch(moved)
    with pytest.raises(Conflict, match="already back"):
        store.restore_twitch(moved)
    assert store.twitches() == [moved]


def test_edits_and_undo_deletes_check_the_entry_is_unchanged(store: Store) -> None:
    """An edit or an undo never overwrites a change made elsewhere meanwhile."""
    t = store.log_twitch(twitch_at())
    elsewhere = Store.open(store.path, now=store.now)
    elsewhere.update_twitch(t, replace(t, intensity=4))
    with pytest.raises(Conflict, match="changed elsewhere"):
        store.update_twitch(t, replace(t, note="mine"))
    with pytest.raises(Conflict, match="changed elsewhere"):
        store.delete_twitch(t, unchanged=True)
    [kept] = store.twitches()
    assert (kept.intensity, kept.note) == (4, "")
    assert store.delete_twitch(t) == kept  # a plain delete goes by id


def test_update_day_read_modify_write(store: Store) -> None:
    day = NOW.date()
    assert store.day_log(day) == DayLog(day)
    store.update_day(day, lambda log: replace(log, water_ml=log.water_ml + 250))
    store.update_day(day, lambda log: replace(log, water_ml=log.water_ml + 250, snack=True))
    log = store.day_log(day)
    assert (log.water_ml, log.snack) == (500, True)
    with pytest.raises(InvalidEntry):
        store.update_day(day, lambda log: replace(log, stress=7))
    assert store.day_log(day) == log


def test_settings_round_trip_and_validation(store: Store) -> None:
    assert store.settings() == Settings()
    saved = store.save_settings(Settings(water_target_ml=2500, usual_bedtime=time(0, 15)))
    assert store.settings() == saved
    assert saved.target_bedtime == time(23, 15)
    with pytest.raises(InvalidEntry, match="water_target_ml"):
        store.save_settings(Settings(water_target_ml=10))


def test_merge_is_idempotent(store: Store) -> None:
    twitches = [twitch_at(h) for h in range(5)]
    logs = [DayLog(NOW.date(), water_ml=500)]
    store.merge(twitches, logs)
    store.merge(twitches, logs)
    assert len(store.twitches()) == 5
    assert store.day_logs() == {NOW.date(): logs[0]}


def test_fingerprint_changes_with_content(store: Store, db_path: Path, clock) -> None:
    days = [NOW.date()]
    before = store.fingerprint(days)
    assert store.fingerprint(days) == before
    Store.open(db_path, now=clock).log_twitch(twitch_at())
    assert store.fingerprint(days) != before


def test_the_check_for_changes_reads_every_byte_but_keeps_no_copy(db_path: Path, clock) -> None:
    """``fingerprint`` (the dashboard's check, each time a file's stat moves)
    compares the bytes, so a rewrite with the same size and time is still
    seen; it keeps no parsed JSON of the month (about 0.4 MB at 20 twitches
    a day, held all day before), and a write after it still saves."""
    store = Store.open(db_path, now=clock)
    for hours in range(40):
        store.log_twitch(twitch_at(hours / 2))
    reopened = Store.open(db_path, now=clock)
    days = [NOW.date()]
    before = reopened.fingerprint(days)
    assert [p for p in reopened.cache.files.entries if reopened.layout.is_shard(p)] == []
    month = next(p for p in db_path.parent.iterdir() if reopened.layout.is_shard(p))
    raw = month.read_bytes()
    st = month.stat()
    changed = raw.replace(b'"upper-lip"', b'"lower-lip"', 1)
    assert len(changed) == len(raw) and changed != raw
    month.write_bytes(changed)
    os.utime(month, ns=(st.st_atime_ns, st.st_mtime_ns))  # the same size and time
    assert reopened.fingerprint(days) != before
    saved = reopened.log_twitch(twitch_at())
    assert saved in Store.open(db_path, now=clock).twitches()


# ----------------------------------------------------------------- damage


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"meta": {"1": {"app": "twitch', "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b'{"_default": {"1": {"x": 1}}}', "not a twitchtui diary"),
        (b"[1, 2, 3]", "not laid out as a TinyDB database"),
    ],
)
def test_damaged_main_file_is_never_touched(
    db_path: Path, clock, content: bytes, reason: str
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    with pytest.raises(DiaryDamaged, match=reason) as caught:
        Store.open(db_path, now=clock)
    assert caught.value.path == db_path
    assert db_path.read_bytes() == content
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["diary.json"]


def test_damaged_shard_is_named(store: Store) -> None:
    store.log_twitch(twitch_at())
    shard = store.shard_paths()["2026-11"]
    shard.write_text('{"meta": {"1": {"app": "twitchtui"}}, "twitches": {"1": {"id": 1}}}')
    with pytest.raises(DiaryDamaged) as caught:
        store.twitches()
    assert caught.value.path == shard


def test_set_aside_keeps_the_damaged_file(db_path: Path, clock) -> None:
    Store.open(db_path, now=clock)
    damaged = db_path.read_text()[:40]  # cut off, as a crash can leave it
    db_path.write_text(damaged)
    with pytest.raises(DiaryDamaged):
        Store.open(db_path, now=clock)
    moved = Store(db_path, now=clock).set_aside(db_path)
    assert moved.name == "diary.json.damaged-20261118T143000"
    assert moved.read_text() == damaged
    assert Store.open(db_path, now=clock).twitches() == []


def test_diary_from_a_newer_version_is_refused(db_path: Path, clock) -> None:
    db_path.parent.mkdir(parents=True)
    content = json.dumps({"meta": {"1": {"app": "twitchtui", "schema": SCHEMA + 1}}})
    db_path.write_text(content)
    with pytest.raises(DiaryTooNew, match="newer twitchtui"):
        Store.open(db_path, now=clock)
    assert db_path.read_text() == content


def test_stray_temp_files_of_a_killed_writer_are_swept(store: Store, db_path: Path, clock) -> None:
    stray = db_path.parent / ".diary.2026-11.json.abc123.tmp"
    stray.write_text("half a write")
    other = db_path.parent / "notes.txt.tmp"
    other.write_text("not ours")
    Store.open(db_path, now=clock)
    assert not stray.exists()
    assert other.exists()


# ----------------------------------------------------------------- migration


def v1_diary() -> dict:
    return {
        "meta": {"1": {"app": "twitchtui", "schema": 1}},
        "settings": {"1": {"water_target_ml": 2500}},
        "twitches": {
            "1": {
                "uuid": "a" * 32,
                "timestamp": "2026-10-30T09:00:00+01:00",
                "site": "upper-lip",
                "side": "left",
                "intensity": 2,
                "duration": 4,
                "note": "",
                "triggers": ["stress"],
            },
            "2": {
                "uuid": "b" * 32,
                "timestamp": "2026-11-02T21:15:00+01:00",
                "site": "eye",
                "side": "left",
                "intensity": 3,
                "duration": 10,
                "note": "evening",
                "triggers": [],
            },
        },
        "days": {"1": {"day": "2026-11-02", "water_ml": 1500, "snack": True}},
    }


def test_migration_from_schema_1_splits_into_shards(db_path: Path, clock) -> None:
    db_path.parent.mkdir(parents=True)
    original = json.dumps(v1_diary())
    db_path.write_text(original)
    store = Store.open(db_path, now=clock)
    assert [t.id for t in store.twitches()] == ["a" * 32, "b" * 32]
    assert store.twitches()[1].duration_s == 10
    assert store.twitches()[0].triggers == ("stress",)
    assert store.day_log(date(2026, 11, 2)).water_ml == 1500
    assert store.settings().water_target_ml == 2500
    assert set(store.shard_paths()) == {"2026-10", "2026-11"}
    main = json.loads(db_path.read_text())
    assert main["meta"]["1"]["schema"] == SCHEMA
    assert "twitches" not in main
    backup = db_path.with_name("diary.json.schema1.bak")
    assert backup.read_text() == original or json.loads(backup.read_text()) == v1_diary()
    assert mode(backup) == 0o600


def test_migration_rerun_after_a_crash_does_not_duplicate(db_path: Path, clock) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text(json.dumps(v1_diary()))
    Store.open(db_path, now=clock)
    # Simulate a crash after the shards were written but before the main file was.
    db_path.write_text(json.dumps(v1_diary()))
    store = Store.open(db_path, now=clock)
    assert len(store.twitches()) == 2


def test_a_twitch_lands_in_its_month_file_and_leaves_no_temp_file(
    store: Store, db_path: Path
) -> None:
    store.log_twitch(twitch_at())
    own = db_path.with_name(f"diary.2026-11.{store.device}.json")  # this device's file
    assert store.shard_paths() == {"2026-11": own}
    assert not any(p.name.endswith(".tmp") for p in db_path.parent.iterdir())
    assert os.path.exists(f"{db_path}.lock")


def test_a_schema_2_diary_is_stamped_4_and_keeps_its_settings_and_entries(
    db_path: Path, clock
) -> None:
    settings = replace(Settings(), water_target_ml=2750).to_doc()
    write_old_diary(db_path, settings, {"2026-11": {"twitches": [twitch_at().to_doc()]}}, 2)
    again = Store.open(db_path, now=clock)
    assert json.loads(db_path.read_text())["meta"]["1"]["schema"] == SCHEMA == 4
    assert again.settings().water_target_ml == 2750
    assert len(again.twitches()) == 1


def test_schema_2_to_3_gives_relief_sessions_and_experiments_their_ids(
    db_path: Path, clock
) -> None:
    """Upgraded from schema 2 (no ids) straight to 4: the ids derived are
    the ones an old export of the same entries is given."""
    from twitchtui.model import Experiment, Relief

    began = NOW.replace(microsecond=0) - timedelta(days=2)
    old_doc = {"kind": "pmr", "started": began.isoformat(), "planned_s": 75, "actual_s": 75}
    done = Experiment("Bed earlier", began - timedelta(days=9), 3, ended=began - timedelta(days=6))
    trial = {k: v for k, v in done.to_doc().items() if k != "id"}
    settings = {**Settings().to_doc(), "tried": [trial]}
    day = {**DayLog(began.date()).to_doc(), "relief": [old_doc]}
    write_old_diary(db_path, settings, {"2026-11": {"days": [day]}}, 2)
    again = Store.open(db_path, now=clock)
    kept_relief = again.day_log(began.date()).relief[0].id
    kept_trial = again.settings().tried[0].id
    for kept in (kept_relief, kept_trial):
        assert len(kept) == 32 and int(kept, 16) >= 0
    assert Relief.from_doc(old_doc).id == kept_relief
    assert Experiment.from_doc(trial).id == kept_trial == done.id
    own = json.loads(again.layout.shard("2026-11").read_text())
    assert [r["relief"] for r in own["days"].values()] == [
        {kept_relief: {**old_doc, "finished": True, "id": kept_relief}}
    ]


def test_a_failed_month_write_names_the_month_file(db_path: Path, clock) -> None:
    from .conftest import FullDisk

    Store.open(db_path, now=clock)
    full = Store.open(db_path, now=clock, fs=FullDisk())
    with pytest.raises(StoreError) as failed:
        full.log_twitch(twitch_at())
    assert str(failed.value) == (
        f"could not save to {full.layout.shard('2026-11')}: the disk is full. Nothing was changed."
    )


def test_a_diary_file_nested_too_deeply_is_damaged_not_a_crash(db_path: Path, clock) -> None:
    shard = Store.open(db_path, now=clock).layout.shard("2026-11")  # this device's own
    shard.write_text('{"meta": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(DiaryDamaged, match="nested too deeply"):
        Store.open(db_path, now=clock).twitches()


def test_the_reader_and_the_writer_share_one_cache(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Store is a reader and a writer around one cache: a twitch logged
    into a month already read extends the parsed month (the dashboard's hot
    path), and the reader returns it without parsing the file again."""
    assert store.reader.cache is store.cache is store.writer.cache
    first = store.log_twitch(twitch_at(2))
    assert store.twitches() == [first]  # the month is now parsed and cached
    second = store.log_twitch(twitch_at(1))

    def no_parsing(doc: object) -> Twitch:
        raise AssertionError("the month file was parsed again")

    monkeypatch.setattr(Twitch, "from_doc", staticmethod(no_parsing))
    assert store.twitches() == [first, second]


def test_twitches_read_from_a_file_share_their_zone_and_names(tmp_path: Path) -> None:
    """A month read back holds one zone per UTC offset and one string per
    site and side name, not a copy in each twitch (about 200 bytes a twitch),
    and reads back equal to what was written, offsets and all."""
    store = Store.open(tmp_path / "d.json", now=lambda: NOW)
    winter = NOW.tzinfo
    summer = timezone(timedelta(hours=2))
    written = [
        store.log_twitch(Twitch(at=(NOW - timedelta(hours=h)).astimezone(zone), site=site))
        for h, zone, site in [(1, winter, "eye"), (2, summer, "eye"), (3, winter, "cheek")]
        for _ in range(2)
    ]
    again = Store.open(store.path, now=lambda: NOW).twitches()
    by_id = {t.id: t for t in written}
    assert again == sorted(written, key=lambda t: t.at)
    assert [t.at.isoformat() for t in again] == [by_id[t.id].at.isoformat() for t in again]
    assert len({id(t.at.tzinfo) for t in again}) == 2
    assert len({id(t.site) for t in again}) == 2
    assert len({id(t.side) for t in again}) == 1
