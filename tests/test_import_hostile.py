"""`twitchtui import` with files made to break it: every one is refused with
one line naming the entry and the field (exit 2), never a traceback, and the
diary is left byte for byte as it was. Then what a restore must do: merge by
id across months, restore experiments, write every file or none."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twitchtui.cli import main
from twitchtui.export import EXPORT_SCHEMA as SCHEMA
from twitchtui.export import to_json
from twitchtui.model import DayLog, Experiment, Relief, Twitch
from twitchtui.store import FileSystem, Store
from twitchtui.store.demo_file import with_tried

from .conftest import NOW
from .test_properties_store import experiments as any_experiments
from .test_properties_store import twitches as any_twitches

ended_experiments = any_experiments.filter(lambda e: e.ended is not None and e.ended <= NOW)

GOOD_ID = "0123456789abcdef0123456789abcdef"
GOOD = {
    "id": GOOD_ID,
    "at": "2026-11-18T10:00:00+01:00",
    "site": "upper-lip",
    "side": "left",
    "intensity": 2,
    "duration_s": 5,
    "note": "",
    "triggers": [],
}


def export(**parts: object) -> str:
    doc = {"app": "twitchtui", "schema": SCHEMA, "exported_at": NOW.isoformat(), **parts}
    return json.dumps(doc)


def twitch(**changes: object) -> str:
    return export(twitches=[{**GOOD, **changes}])


def day(**values: object) -> str:
    return export(days=[{"day": "2026-11-17", **values}])


HOSTILE: dict[str, tuple[str, str]] = {
    "twitches is a number": (export(twitches=5), "'twitches'"),
    "twitches holds a number": (export(twitches=[5]), "twitch number 1"),
    "at is a number": (twitch(at=12345), "at"),
    "at is null": (twitch(at=None), "at"),
    "at has no timezone": (twitch(at="2026-11-18T10:00:00"), "timezone"),
    "at in year 9999": (twitch(at="9999-12-31T10:00:00+01:00"), "at"),
    "at is after the export": (twitch(at="2026-11-20T10:00:00+01:00"), "at"),
    "nested triggers": (twitch(triggers=[["caffeine"]]), "triggers"),
    "triggers is a string": (twitch(triggers="abc"), "triggers"),
    "intensity 2.5": (twitch(intensity=2.5), "intensity"),
    "intensity true": (twitch(intensity=True), "intensity"),
    "intensity a string": (twitch(intensity="two"), "intensity"),
    "duration a list": (twitch(duration_s=[1]), "duration"),
    "intensity as text": (twitch(intensity="3"), "intensity"),
    "intensity 3.0": (twitch(intensity=3.0), "intensity"),
    "a note with a lone surrogate": (twitch(note="ok \ud800"), "not UTF-8 text"),
    "a theme with a lone surrogate": (export(settings={"theme": "\udced"}), "theme"),
    "food with a lone surrogate": (day(food="\udced"), "not UTF-8 text"),
    "sleep true": (day(sleep_h=True), "sleep_h"),
    "stress as text": (day(stress="4"), "stress"),
    "a running pause as an experiment": (
        export(
            experiments=[
                {"name": "stimulant-pause", "started": "2026-11-17T08:00:00+01:00", "days": 2}
            ]
        ),
        "running stimulant pause",
    ),
    "site a dict": (twitch(site={"a": 1}), "site"),
    "note a number": (twitch(note=5), "note"),
    "id a formula": (twitch(id='=HYPERLINK("http://x","y")'), "id"),
    "id 1 MB": (twitch(id="a" * 1_000_000), "id"),
    "id with NUL": (twitch(id="\0" * 32), "id"),
    "id null": (twitch(id=None), "id"),
    "id upper case": (twitch(id=GOOD_ID.upper()), "id"),
    "id missing": (export(twitches=[{k: v for k, v in GOOD.items() if k != "id"}]), "'id'"),
    "two twitches, one id": (export(twitches=[GOOD, {**GOOD, "note": "b"}]), "also in"),
    "day in year 9999": (export(days=[{"day": "9999-12-31"}]), "day"),
    "day after the export": (export(days=[{"day": "2026-12-25"}]), "later than"),
    "day not a date": (export(days=[{"day": 7}]), "day number 1"),
    "two logs of one day": (export(days=[{"day": "2026-11-17"}] * 2), "also in"),
    "water 2.5": (day(water_ml=2.5), "water"),
    "water a string": (day(water_ml="lots"), "water"),
    "electrolytes a string": (day(electrolytes="yes"), "electrolytes"),
    "habits a list": (day(habits=["walk"]), "habits"),
    "coffees a string": (day(coffees="abc"), "coffee"),
    "food a list": (day(food=["a"]), "food"),
    "bedtime a number": (day(bedtime=2230), "day number 1"),
    "relief with a bad date": (
        export(
            relief=[
                {
                    "kind": "relief",
                    "type": "pmr",
                    "date": "2026-13-45",
                    "started": "2026-11-17T19:00:00+01:00",
                    "planned_s": 75,
                    "actual_s": 75,
                    "id": GOOD_ID,
                }
            ]
        ),
        "relief session number 1",
    ),
    "relief date a number": (
        export(relief=[{"type": "pmr", "date": 5, "started": "2026-11-17T19:00:00+01:00"}]),
        "relief session number 1",
    ),
    "experiment result of the wrong kind": (
        export(
            experiments=[
                {
                    "name": "Bed earlier",
                    "started": "2026-11-01T08:00:00+01:00",
                    "days": 7,
                    "ended": "2026-11-08T08:00:00+01:00",
                    "result": {
                        "unit": "logged day",
                        "before_twitches": 2.5,
                        "before_units": 1,
                        "during_twitches": 1,
                        "during_units": 1,
                        "enough": True,
                    },
                }
            ]
        ),
        "experiment number 1",
    ),
    "settings a list": (export(settings=[1]), "settings"),
    "settings with a wrong bedtime": (export(settings={"usual_bedtime": 5}), "settings"),
    "a setting's number as text": (export(settings={"glass_ml": "250"}), "glass_ml"),
    "a yes/no setting as 1": (export(settings={"nudges": 1}), "nudges"),
    "the emergency number as a number": (
        export(settings={"emergency_number": 112}),
        "emergency_number",
    ),
    "a medicine list as text": (export(settings={"medicines": "abc"}), "settings"),
    "exported_at garbage": (export(exported_at="soon"), "exported_at"),
    "100,000-deep JSON": (
        '{"app": "twitchtui", "schema": 3, "twitches": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "nested too deeply",
    ),
    "not UTF-8 JSON": ("\udcff", "not"),
}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_a_hostile_file_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    text, names = HOSTILE[case]
    store = Store.open(tmp_path / "diary.json", now=lambda: NOW)
    store.log_twitch(Twitch(at=NOW - timedelta(days=40)))
    before = {p: p.read_bytes() for p in tmp_path.glob("diary*")}
    file = tmp_path / "in.json"
    file.write_text(text, errors="surrogateescape")
    assert main(["import", "--db", str(store.path), str(file)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert names in err and "Nothing was saved" in err and len(err) < 400
    assert {p: p.read_bytes() for p in tmp_path.glob("diary*")} == before


@pytest.mark.parametrize("kind", ["/dev/zero", "folder"])
def test_what_is_not_a_file_or_a_pipe_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """/dev/zero was read whole once the streaming reader gave up: 10 GB in 7 s."""
    store = Store.open(tmp_path / "diary.json", now=lambda: NOW)
    store.log_twitch(Twitch(at=NOW - timedelta(days=40)))
    before = {p: p.read_bytes() for p in tmp_path.glob("diary*")}
    path = Path("/dev/zero") if kind == "/dev/zero" else tmp_path / "dir"
    if kind == "folder":
        path.mkdir()
    assert main(["import", "--db", str(store.path), str(path), "--dry-run"]) == 2
    assert "is not a file or a pipe" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in tmp_path.glob("diary*")} == before


@pytest.mark.parametrize(
    "data",
    [
        b"y\n" * 100_000,  # ``yes | twitchtui import /dev/stdin``
        "\U0001f600".encode() * 300,  # 1,200 bytes in 300 characters
    ],
    ids=["endless", "four-byte characters"],
)
def test_a_pipe_is_not_read_past_the_limit_in_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    """A pipe stops at ``WHOLE_MAX`` bytes, refused; four-byte characters
    once let one through to four times the limit, counted in characters."""
    import threading

    from twitchtui import importer

    monkeypatch.setattr(importer, "WHOLE_MAX", 1000)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def write() -> None:
        with contextlib.suppress(BrokenPipeError), fifo.open("wb") as out:
            out.write(data)  # more than the reader takes: it closes first

    writer = threading.Thread(target=write)
    writer.start()
    assert main(["import", "--db", str(tmp_path / "diary.json"), str(fifo)]) == 2
    writer.join(timeout=10)
    assert not writer.is_alive()
    assert "over 0 MiB and not laid out" in capsys.readouterr().err


def test_a_file_too_large_to_read_whole_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Laid out as no export is, a file is read whole: past ``WHOLE_MAX`` it is not."""
    from twitchtui import importer

    monkeypatch.setattr(importer, "WHOLE_MAX", 1000)
    file = tmp_path / "in.json"
    file.write_text("[" + ", ".join(["0"] * 1000) + "]")
    assert main(["import", "--db", str(tmp_path / "diary.json"), str(file)]) == 2
    err = capsys.readouterr().err
    assert "not laid out as a twitchtui export" in err and "Nothing was saved" in err


def test_a_twitch_not_recorded_in_strength_or_length_is_accepted(tmp_path: Path) -> None:
    # null is "not recorded" (the honest-record issue), not a wrong value.
    file = tmp_path / "in.json"
    file.write_text(twitch(intensity=None, duration_s=None))
    assert main(["import", "--db", str(tmp_path / "diary.json"), str(file)]) == 0
    (kept,) = Store.open(tmp_path / "diary.json", now=lambda: NOW).twitches()
    assert (kept.intensity, kept.duration_s) == (None, None)


def test_an_entry_up_to_a_day_past_the_export_is_restored_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The clock ran ahead when the export was made: its entries are "in the
    # future" now, and still the person's own.
    ahead = (NOW + timedelta(hours=30)).isoformat()
    file = tmp_path / "in.json"
    file.write_text(
        json.dumps(
            {
                "app": "twitchtui",
                "schema": SCHEMA,
                "exported_at": (NOW + timedelta(hours=20)).isoformat(),
                "twitches": [{**GOOD, "at": ahead}],
            }
        )
    )
    assert main(["import", "--db", str(tmp_path / "diary.json"), str(file)]) == 0
    captured = capsys.readouterr()
    assert "1 entries in the file lie in the future" in captured.err
    assert [t.id for t in Store.open(tmp_path / "diary.json", now=lambda: NOW).twitches()] == [
        GOOD_ID
    ]


def _demo_export(folder: Path) -> tuple[Store, str]:
    from twitchtui.demo import generate

    store = Store.open(folder / "demo" / "diary.json", now=lambda: NOW)
    twitches, logs = generate(NOW, days=60, seed=1)
    with_tried(store, twitches, logs)
    return store, to_json(
        store.twitches(), store.day_logs().values(), store.settings(), NOW, SCHEMA
    )


def _export_of(path: Path) -> str:
    store = Store.open(path, now=lambda: NOW)
    return to_json(store.twitches(), store.day_logs().values(), store.settings(), NOW, SCHEMA)


def test_the_demo_diary_restores_exactly_experiments_included(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo, exported = _demo_export(tmp_path)
    assert demo.settings().tried, "the demo keeps a stimulant pause's result"
    file = tmp_path / "export.json"
    file.write_text(exported)
    fresh = tmp_path / "fresh" / "diary.json"
    assert main(["import", "--db", str(fresh), str(file)]) == 0
    assert "Experiments: 1 were added" in capsys.readouterr().out
    assert _export_of(fresh) == exported
    files = {p: p.read_bytes() for p in fresh.parent.iterdir()}
    assert main(["import", "--db", str(fresh), str(file)]) == 0
    out = capsys.readouterr().out
    assert "Nothing to change" in out and "Experiments: 0 were added, 0 replaced, 1" in out
    assert {p: p.read_bytes() for p in fresh.parent.iterdir()} == files


def test_an_entry_moved_to_another_month_is_replaced_not_doubled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(tmp_path / "diary.json", now=lambda: NOW)
    saved = store.log_twitch(Twitch(at=NOW - timedelta(days=40), note="old month"))
    moved = replace(saved, at=NOW - timedelta(hours=1), note="moved")
    file = tmp_path / "in.json"
    file.write_text(to_json([moved], [], store.settings(), NOW, SCHEMA))
    for _ in range(2):
        assert main(["import", "--db", str(store.path), str(file)]) == 0
    assert "Nothing to change" in capsys.readouterr().out
    assert Store.open(store.path, now=lambda: NOW).twitches() == [moved]


def test_two_imports_in_one_second_keep_two_backups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(tmp_path / "diary.json", now=lambda: NOW)
    saved = store.log_twitch(Twitch(at=NOW - timedelta(hours=2)))
    for note in ("one", "two"):
        file = tmp_path / f"{note}.json"
        file.write_text(to_json([replace(saved, note=note)], [], store.settings(), NOW, SCHEMA))
        assert main(["import", "--db", str(store.path), str(file)]) == 0
    kept = sorted(tmp_path.glob("before-import-*.json"))
    assert len(kept) == 2
    assert {json.loads(k.read_text())["twitches"][0]["note"] for k in kept} == {"", "one"}


class FailsOnSecondReplace(FileSystem):
    def __init__(self) -> None:
        self.replaced = 0

    def replace(self, src: str, dst: Path) -> None:
        if str(dst).endswith(".journal"):  # the list of moves: not a month moved
            return super().replace(src, dst)
        self.replaced += 1
        if self.replaced == 2:
            raise OSError(28, "No space left on device")
        super().replace(src, dst)


def test_a_failed_month_leaves_every_file_as_it_was_and_is_named(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "diary.json", now=lambda: NOW)
    store.log_twitch(Twitch(at=NOW - timedelta(days=40)))
    store.log_twitch(Twitch(at=NOW - timedelta(hours=1)))
    before = {p: p.read_bytes() for p in tmp_path.glob("diary*")}
    failing = Store.open(store.path, now=lambda: NOW, fs=FailsOnSecondReplace())
    new = [Twitch(at=NOW - timedelta(days=41)), Twitch(at=NOW - timedelta(hours=2))]
    from twitchtui.store import StoreWriteFailed

    own = rf"diary\.2026-11\.{store.device}\.json"  # this device's own month file
    with pytest.raises(StoreWriteFailed, match=rf"{own}: the disk is full"):
        failing.merge(new)
    assert {p: p.read_bytes() for p in tmp_path.glob("diary*")} == before
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_a_read_only_month_stops_the_import_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(tmp_path / "diary.json", now=lambda: NOW)
    store.log_twitch(Twitch(at=NOW - timedelta(days=40)))
    file = tmp_path / "in.json"
    new = [Twitch(at=NOW - timedelta(days=41)), Twitch(at=NOW - timedelta(hours=2))]
    file.write_text(to_json(new, [], store.settings(), NOW, SCHEMA))
    old_month = store.layout.shard("2026-10")  # this device's own file of October
    old_month.chmod(0o400)
    before = {p: p.read_bytes() for p in tmp_path.glob("diary*")}
    assert main(["import", "--db", str(store.path), str(file)]) == 1
    assert f"{old_month.name} is read-only" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in tmp_path.glob("diary*")} == before


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(any_twitches, min_size=1, max_size=6, unique_by=lambda t: t.id),
    st.lists(ended_experiments, max_size=3, unique_by=lambda e: e.id),
    st.data(),
)
def test_importing_twice_is_importing_once(
    items: list[Twitch], tried: list[Experiment], data: st.DataObject
) -> None:
    """For any diary and any export of it, with entries moved between months
    and experiments changed (edited elsewhere after the export), the second
    import changes nothing, and the file's version of each entry is kept."""
    with tempfile.TemporaryDirectory(prefix="twitchtui-import-") as folder:
        store = Store.open(Path(folder) / "diary.json", now=lambda: NOW)
        store.merge(items)
        store.update_settings(lambda s: replace(s, tried=tuple(tried)))
        shifts = data.draw(st.lists(st.integers(-90, 0), min_size=len(items), max_size=len(items)))
        exported = [
            replace(t, at=t.at + timedelta(days=s)) for t, s in zip(items, shifts, strict=True)
        ]
        flips = data.draw(st.lists(st.booleans(), min_size=len(tried), max_size=len(tried)))
        exported_tried = tuple(
            replace(e, stopped_early=not e.stopped_early) if flip else e
            for e, flip in zip(tried, flips, strict=True)
        )
        relief = Relief("pmr", NOW.replace(microsecond=0) - timedelta(days=3), 75, 75)
        logs = [DayLog((NOW - timedelta(days=3)).date(), water_ml=250, relief=(relief,))]
        file = Path(folder) / "in.json"
        chosen = replace(store.settings(), tried=exported_tried)
        file.write_text(to_json(exported, logs, chosen, NOW, SCHEMA))
        assert main(["import", "--db", str(store.path), str(file)]) == 0
        once = {p: p.read_bytes() for p in Path(folder).glob("diary*.json")}
        assert main(["import", "--db", str(store.path), str(file)]) == 0
        assert {p: p.read_bytes() for p in Path(folder).glob("diary*.json")} == once
        again = Store.open(store.path, now=lambda: NOW)
        kept = {t.id: t.at for t in again.twitches()}
        assert kept == {t.id: t.validated(NOW).at for t in exported}
        restored = {e.id: e.stopped_early for e in again.settings().tried}
        assert restored == {e.id: e.stopped_early for e in exported_tried}
