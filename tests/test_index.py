"""The derived index (``store.index``): the all-time totals, kept in a cache
folder of its own, always agreeing with the month files, never trusted over them."""

from __future__ import annotations

import json
import os
import stat
import zlib
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchtui import ops, stats
from twitchtui.model import SIDES, SITES, DayLog, SelfCheck, Twitch
from twitchtui.store import Store
from twitchtui.store.index import index_file

from .conftest import NOW


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def diary(tmp_path: Path, cache: Path) -> Store:
    store = Store.open(tmp_path / "diary" / "d.json", now=lambda: NOW, index_dir=cache)
    sites = [("upper-lip", "left"), ("eye", "right"), ("lower-lip", "both")]
    store.merge(
        [
            Twitch(at=NOW - timedelta(days=d, hours=h), site=sites[d % 3][0], side=sites[d % 3][1])
            for d in range(0, 400, 3)
            for h in (1, 5)
        ],
        [DayLog(NOW.date() - timedelta(days=50), snack=True)],
    )
    store.update_day(
        NOW.date() - timedelta(days=200),
        lambda log: log.with_check(SelfCheck(NOW - timedelta(days=200), {"droop": "sudden"})),
    )
    return store


def expected(store: Store) -> tuple[dict[date, int], dict[tuple[str, str], date], list[date]]:
    h = store.settings().day_start_hour
    every = store.twitches()
    counts: dict[date, int] = {}
    for t in every:
        counts[t.day(h)] = counts.get(t.day(h), 0) + 1
    checks = [d for d, log in store.day_logs().items() if log.checks]
    return counts, stats.first_seen(every, h), checks


def totals(store: Store) -> tuple[dict[date, int], dict[tuple[str, str], date], list[date]]:
    t = store.tally()
    counts = {d: sum(c.values()) for d, c in t.per_day.items()}
    return counts, {k: seen[1] for k, seen in t.first.items()}, list(store.self_check_logs())


def test_the_index_agrees_with_the_month_files_and_is_private(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "twitchtui"
    store = diary(tmp_path, cache)
    assert totals(store) == expected(store)
    file = index_file(cache, store.path)
    assert mode(file) == 0o600 and mode(cache) == 0o700 and mode(cache.parent) == 0o700
    # Nothing of it beside the diary, where a sync tool would carry it.
    assert not [p for p in store.folder.iterdir() if "index" in p.name]
    # A second process reads it from the file, and agrees.
    again = Store.open(store.path, now=lambda: NOW, index_dir=cache)
    assert totals(again) == expected(store)


def test_a_write_elsewhere_is_seen_at_the_next_read(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    one = diary(tmp_path, cache)
    totals(one)
    other = Store.open(one.path, now=lambda: NOW, index_dir=tmp_path / "other-cache")
    other.log_twitch(Twitch(at=NOW - timedelta(days=1), site="cheek", side="left"))
    other.update_day(
        NOW.date() - timedelta(days=2),
        lambda log: log.with_check(SelfCheck(NOW - timedelta(days=2), seen=True)),
    )
    assert totals(one) == expected(one)
    assert ("cheek", "left") in one.tally().first
    assert NOW.date() - timedelta(days=2) in one.self_check_logs()


def test_a_damaged_or_missing_index_is_built_again_silently(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    store = diary(tmp_path, cache)
    want = totals(store)
    file = index_file(cache, store.path)
    for damage in (b"{not json", b"[]", b'{"version": 1, "months": {"x": 1}}', b"\xff\xfe"):
        file.write_bytes(damage)
        fresh = Store.open(store.path, now=lambda: NOW, index_dir=cache)
        assert totals(fresh) == want
    file.unlink()
    assert totals(Store.open(store.path, now=lambda: NOW, index_dir=cache)) == want
    assert file.exists()


def test_an_index_with_numbers_past_its_arrays_is_built_again(tmp_path: Path) -> None:
    """The index holds days and counts as 4-byte numbers in memory; a file
    whose numbers do not fit (damaged, or written by hand) is rebuilt, not
    a crash and not a wrong total."""
    import json

    cache = tmp_path / "cache"
    store = diary(tmp_path, cache)
    want = totals(store)
    file = index_file(cache, store.path)
    good = json.loads(file.read_bytes())
    month = next(m for m, v in good["months"].items() if v["days"])
    day = next(iter(good["months"][month]["days"]))
    for count in (2**40, -(2**40)):
        doc = json.loads(json.dumps(good))
        key = next(iter(doc["months"][month]["days"][day]))
        doc["months"][month]["days"][day][key] = count
        file.write_text(json.dumps(doc))
        assert totals(Store.open(store.path, now=lambda: NOW, index_dir=cache)) == want


def first_day(doc: dict) -> tuple[dict, str, str]:
    """A month of the index document with twitches, its first day and a place counted on it."""
    month = next(m for m in doc["months"].values() if m["days"] and m["logged"])
    day = next(iter(month["days"]))
    return month, day, next(iter(month["days"][day]))


def _set(value: object) -> Callable[[dict], None]:
    def edit(doc: dict) -> None:
        month, day, key = first_day(doc)
        month["days"][day][key] = value

    return edit


def _move_day(to: str) -> Callable[[dict], None]:
    def edit(doc: dict) -> None:
        month, day, _ = first_day(doc)
        month["days"][to] = month["days"].pop(day)

    return edit


def _new_place(place: str) -> Callable[[dict], None]:
    def edit(doc: dict) -> None:
        month, day, _ = first_day(doc)
        month["days"][day][place] = 1

    return edit


def _naive_first(doc: dict) -> None:
    month, _, key = first_day(doc)
    month["first"][key][0] = month["first"][key][0][:19]


def _logged(value: object) -> Callable[[dict], None]:
    def edit(doc: dict) -> None:
        first_day(doc)[0]["logged"] = value

    return edit


HAND_EDITS = {
    "a negative count": _set(-50),
    "a count of nothing": _set(0),
    "a count as text": _set("5"),
    "a count with a fraction": _set(3.5),
    "a count as true": _set(True),
    "a day of another year": _move_day("1999-01-01"),
    "a day as a week": _move_day("2026-W40-1"),
    "a place that is not one": _new_place("nose|left"),
    "a place with no side": _new_place("cheek"),
    "a place with no first twitch": _new_place("cheek|right"),
    "a first twitch without its zone": _naive_first,
    "days logged as a dict": _logged({"2026-11-01": 1}),
    "a day logged twice": lambda doc: first_day(doc)[0]["logged"].append(
        first_day(doc)[0]["logged"][0]
    ),
    "a day logged in another month": _logged(["1999-01-01"]),
    "the day-start hour as text": lambda doc: doc.update(day_start_hour="0"),
}


@pytest.mark.parametrize("edit", HAND_EDITS.values(), ids=HAND_EDITS.keys())
def test_a_hand_edited_index_is_built_again_never_trusted(
    tmp_path: Path, edit: Callable[[dict], None]
) -> None:
    """The index is a cache: a value of the right JSON type but the wrong
    meaning (a reviewer's list) is a damaged index, built again, never a
    wrong total, and never a crash in the report. Each edit is tried with
    the file's CRC left as it was, and made again to fit (as someone who
    read this code would): the checks of each value catch it then."""
    cache = tmp_path / "cache"
    store = diary(tmp_path, cache)
    want = totals(store)
    file = index_file(cache, store.path)
    for signed in (False, True):
        doc = json.loads(file.read_bytes())
        edit(doc)
        write_index(file, doc, signed)
        again = Store.open(store.path, now=lambda: NOW, index_dir=cache)
        assert totals(again) == want
        assert again.tally() == store.tally()  # every day, place, first twitch, log


def write_index(file: Path, doc: dict, signed: bool) -> None:
    """``doc`` as the index file, its CRC made to fit when ``signed``."""
    body = json.dumps(doc.pop("months"), separators=(",", ":")).encode()
    if signed:
        doc["crc"] = zlib.crc32(body)
    head = json.dumps(doc, separators=(",", ":"))[:-1].encode()
    file.write_bytes(head + b',"months":' + body + b"}")


def test_a_plausible_count_written_by_hand_is_caught_by_the_crc(tmp_path: Path) -> None:
    """3 twitches where the month had 2: no check of a value can tell; the CRC does."""
    cache = tmp_path / "cache"
    store = diary(tmp_path, cache)
    want = totals(store)
    file = index_file(cache, store.path)
    doc = json.loads(file.read_bytes())
    _set(3)(doc)
    write_index(file, doc, signed=False)
    assert totals(Store.open(store.path, now=lambda: NOW, index_dir=cache)) == want


def months_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A list that grows by one each time a month is read into the index."""
    from twitchtui.store import index

    read: list[str] = []
    of = index.MonthTally.of
    monkeypatch.setattr(
        index.MonthTally, "of", lambda shard, hour: (read.append("month"), of(shard, hour))[1]
    )
    return read


def test_an_index_file_as_written_is_trusted_and_no_month_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks above never refuse what the index writes itself: twitches
    of far time zones at a month's edges, and a day that starts at 4 am."""

    cache = tmp_path / "cache"
    store = diary(tmp_path, cache)
    store.update_settings(lambda s: replace(s, day_start_hour=4))
    edges = [
        datetime(2026, 10, 1, 1, tzinfo=timezone(timedelta(hours=14))),  # 30 Sep's diary day
        datetime(2026, 10, 31, 23, tzinfo=timezone(timedelta(hours=-12))),
        datetime(2026, 11, 1, 3, 59, tzinfo=timezone(timedelta(hours=-12))),
    ]
    store.merge([Twitch(at=at, site="cheek", side="both") for at in edges])
    want = totals(store)
    read = months_read(monkeypatch)
    again = Store.open(store.path, now=lambda: NOW, index_dir=cache)
    assert totals(again) == want
    assert read == []


def test_the_logged_days_and_site_counts_agree_with_the_months_from_the_file(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    store = diary(tmp_path, cache)
    store.tally()  # the index file written
    again = Store.open(store.path, now=lambda: NOW, index_dir=cache)
    h = again.settings().day_start_hour
    t = again.tally()
    logged = {d for d, log in store.day_logs().items() if not log.is_empty}
    assert t.logged == frozenset(logged) and logged
    by_key: dict[tuple[str, str], int] = {}
    for tw in store.twitches():
        by_key[(tw.site, tw.side)] = by_key.get((tw.site, tw.side), 0) + 1
    from_index: dict[tuple[str, str], int] = {}
    for counts in t.per_day.values():
        for key, n in counts.items():
            from_index[key] = from_index.get(key, 0) + n
    assert from_index == by_key
    assert list(t.per_day) == sorted({tw.day(h) for tw in store.twitches()})


def test_one_month_changed_again_is_not_written_but_read_again_elsewhere(
    tmp_path: Path,
) -> None:
    """After a process has written the index once, a refresh that read only
    the month a write just changed leaves the file as it is (each twitch
    would otherwise rewrite ten years of totals, about 3 MB of work); the
    next reader reads that month again by its signature. Two months or
    more, and the file is written, the deferred month with them."""
    import json

    cache = tmp_path / "cache"
    store = diary(tmp_path, cache)
    totals(store)
    file = index_file(cache, store.path)
    raw = file.read_bytes()  # written a month at a time, as one json.dumps would write it
    assert raw == json.dumps(json.loads(raw), separators=(",", ":")).encode()
    store.log_twitch(Twitch(at=NOW - timedelta(hours=2), site="cheek", side="left"))
    assert totals(store) == expected(store)
    assert file.read_bytes() == raw  # one month read again: not written
    store.merge([Twitch(at=NOW - timedelta(days=d), site="eye", side="left") for d in (40, 80)])
    assert totals(store) == expected(store)
    written = json.loads(file.read_bytes())  # two: written, the deferred month with them
    assert any("cheek|left" in m["first"] for m in written["months"].values())
    store.log_twitch(Twitch(at=NOW - timedelta(hours=1), site="other", side="right"))
    assert totals(store) == expected(store)
    other = Store.open(store.path, now=lambda: NOW, index_dir=cache)  # reads the stale file
    assert totals(other) == expected(store)
    assert ("other", "right") in other.tally().first


def test_a_month_changed_under_an_old_index_is_read_again(tmp_path: Path) -> None:
    """The index is never trusted over a month file: another signature, another read."""
    cache = tmp_path / "cache"
    store = diary(tmp_path, cache)
    totals(store)
    month = next(iter(store.shard_paths().values()))
    kept = month.read_bytes()
    os.replace(month, month.with_suffix(".moved"))  # the month is gone...
    gone = Store.open(store.path, now=lambda: NOW, index_dir=cache)
    assert totals(gone) == expected(gone)
    month.write_bytes(kept)  # ...and back, as a new file
    back = Store.open(store.path, now=lambda: NOW, index_dir=cache)
    assert totals(back) == expected(back) == totals(store)


def test_another_day_start_hour_builds_it_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    store = diary(tmp_path, cache)
    small_hours = NOW.replace(hour=2) - timedelta(days=30)  # its diary day moves back at 4
    store.log_twitch(Twitch(at=small_hours, site="eye", side="left"))
    before = totals(store)
    store.update_settings(lambda s: replace(s, day_start_hour=4))
    again = Store.open(store.path, now=lambda: NOW, index_dir=cache)
    assert totals(again) == expected(again)
    # The store that made the change, kept open (the settings screen, then
    # the report), counts by the new hour too, though no month file changed.
    assert totals(store) == expected(store) == totals(again) != before


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o500)
    try:
        store = diary(tmp_path, cache)
        assert totals(store) == expected(store)
    finally:
        cache.chmod(0o700)


def test_the_default_folder_comes_from_the_environment(tmp_path: Path) -> None:
    """conftest points $TWITCHTUI_CACHE_DIR at the test's folder: never the real cache."""
    store = Store.open(tmp_path / "d.json", now=lambda: NOW)
    store.log_twitch(Twitch(at=NOW))
    store.tally()
    assert index_file(Path(os.environ["TWITCHTUI_CACHE_DIR"]), store.path).exists()


def test_memory_holds_the_months_in_use_once_and_a_bounded_number(tmp_path: Path) -> None:
    """A month read is held as parsed objects, not beside its JSON; ten years
    read once leave at most ``Months.bound`` months and ``JsonCache.bound``
    files' JSON in memory."""
    store = Store.open(tmp_path / "d.json", now=lambda: NOW, index_dir=tmp_path / "cache")
    store.merge([Twitch(at=NOW - timedelta(days=d)) for d in range(0, 3650, 5)])
    reopened = Store.open(store.path, now=lambda: NOW, index_dir=tmp_path / "cache")
    every = reopened.twitches()
    assert len(every) == 730
    cache = reopened.cache
    assert len(cache.shards) <= cache.shards.bound < len(reopened.shard_paths())
    assert len(cache.files.entries) <= cache.files.bound
    shards = [p for p in cache.files.entries if reopened.layout.is_shard(p)]
    assert shards == []  # parsed months are not kept twice
    # Still right when a month comes back after it was let go, and after a write.
    assert reopened.twitches() == every
    saved = reopened.log_twitch(Twitch(at=NOW - timedelta(days=3000)))
    assert reopened.twitches() == sorted([*every, saved], key=lambda t: t.at)


def test_an_index_of_another_diary_is_never_read(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    one = diary(tmp_path, cache)
    totals(one)
    two = Store.open(tmp_path / "two" / "d.json", now=lambda: NOW, index_dir=cache)
    two.log_twitch(Twitch(at=NOW))
    index_file(cache, two.path).write_bytes(index_file(cache, one.path).read_bytes())
    again = Store.open(two.path, now=lambda: NOW, index_dir=cache)
    assert totals(again) == expected(two)


class _Month:
    """A month file as the index reads it (``index.Shard``), made by hand."""

    def __init__(self, twitches: list[Twitch], days: dict[date, DayLog]) -> None:
        self.sig = (("diary.2026-03.bench.json", (7, 1234, 1_700_000_000_000_000_000, 9)),)
        self.twitches = sorted(twitches, key=lambda t: t.at)
        self.days = days
        self.checks = {d: log for d, log in days.items() if log.checks}


_offsets = st.integers(-12 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))
_march = st.builds(
    lambda day, minute, tz: datetime(2026, 3, day, tzinfo=tz) + timedelta(minutes=minute),
    st.integers(1, 31),
    st.integers(0, 24 * 60 - 1),
    _offsets,
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(_march, st.sampled_from(SITES), st.sampled_from(SIDES)), min_size=1, max_size=40
    ),
    st.sets(st.integers(1, 31), max_size=5),
    st.integers(0, 6),
)
def test_what_the_index_writes_it_reads_back_the_same(
    moments: list[tuple[datetime, str, str]], logged: set[int], hour: int
) -> None:
    """Any month, any zones from -12:00 to +14:00, any day-start hour: the
    strict reading (``MonthTally.from_doc``) takes every index it wrote."""
    from twitchtui.store.index import MonthTally

    twitches = [Twitch(at=at, site=site, side=side) for at, site, side in moments]
    days = {date(2026, 3, d): DayLog(date(2026, 3, d), water_ml=250) for d in logged}
    made = MonthTally.of(_Month(twitches, days), hour)
    back = MonthTally.from_doc(json.loads(json.dumps(made.to_doc())), "2026-03", hour)
    assert back.to_doc() == made.to_doc()
    assert sorted(back.per_day()) == sorted(made.per_day())


def test_a_diary_whose_path_is_not_utf8_keeps_its_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder named with bytes that are not UTF-8 (Python holds them as lone
    surrogates): the index file, kept as ASCII JSON, is written and read back
    as any other (it failed to write, and the report with it)."""

    folder = tmp_path / os.fsdecode(b"x\xed\xa0\x80y")
    cache = tmp_path / "cache"
    store = Store.open(folder / os.fsdecode(b"d\xff.json"), now=lambda: NOW, index_dir=cache)
    store.log_twitch(Twitch(at=NOW - timedelta(hours=1)))
    want = totals(store)
    read = months_read(monkeypatch)
    again = Store.open(store.path, now=lambda: NOW, index_dir=cache)
    assert totals(again) == want and read == []


def test_the_urgent_read_passes_over_a_damaged_month(db_path: Path) -> None:
    """``self_check_logs`` says a damaged month cannot be read; the urgent
    banner's read keeps that month's answers as last known, and the rest."""
    from twitchtui.store import DiaryDamaged

    store = Store.open(db_path, now=lambda: NOW)
    old = SelfCheck(NOW - timedelta(days=100), {"speech": "sudden"})
    new = SelfCheck(NOW - timedelta(hours=1), {"droop": "sudden"})
    for check in (old, new):
        ops.AddSelfCheck(check.at.date(), check).apply(store)
    assert len(store.self_check_logs()) == 2  # indexed while readable
    shard = store.shard_paths()[f"{old.at:%Y-%m}"]
    shard.write_bytes(shard.read_bytes()[:40])  # cut short
    with pytest.raises(DiaryDamaged):
        store.self_check_logs()
    logs = store.self_check_logs_around_damage()
    assert [c.id for log in logs.values() for c in log.checks] == [old.id, new.id]
