"""One diary on several machines, through a file-sync tool (``syncsim``).

Every machine has its own folder and device name; the tool brings the
folders together as Syncthing would. Each test writes on the machines
offline, syncs, and then asks every machine what the diary holds: all of
them must show the same, and nothing any of them saved may be lost.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from twitchtui.model import DayLog, Settings, Twitch
from twitchtui.model.settings import Medicine
from twitchtui.ops import AddWater, DeleteTwitch, EditTwitch, LogTwitch, SaveSettings
from twitchtui.session import Session
from twitchtui.store import Store

from .conftest import NOW, Clock
from .syncsim import SyncTool

DAY = NOW.date()


class Machines:
    """Machines with one diary each, a shared clock, and the sync tool."""

    def __init__(self, root: Path, names: tuple[str, ...], clock: Clock) -> None:
        self.root = root
        self.clock = clock
        self.tool = SyncTool({name: root / name for name in names})
        for folder in self.tool.folders.values():
            folder.mkdir(mode=0o700)
        self.stores = {name: self.open(name) for name in names}

    def open(self, name: str, device: str | None = None) -> Store:
        return Store.open(
            self.tool.folders[name] / "diary.json",
            now=self.clock,
            device=device or name,
            index_dir=self.root / f"cache-{name}",
        )

    def __getitem__(self, name: str) -> Store:
        return self.stores[name]

    def log(self, name: str, count: int = 1, **values: object) -> list[Twitch]:
        made = []
        for _ in range(count):
            self.clock.advance(minutes=1)
            twitch = Twitch(at=self.clock(), **values)  # type: ignore[arg-type]
            LogTwitch(twitch).apply(self[name])
            made.append(twitch)
        return made

    def water(self, name: str, glasses: int) -> None:
        for _ in range(abs(glasses)):
            self.clock.advance(seconds=30)
            AddWater(DAY, 250 if glasses > 0 else -250).apply(self[name])

    def sync(self) -> None:
        self.tool.sync_all()
        for store in self.stores.values():
            store.merge_conflicts()
        self.tool.sync_all()

    def diaries(self) -> dict[str, tuple[list[Twitch], dict[date, DayLog], Settings]]:
        return {
            name: (store.twitches(), store.day_logs(), store.settings())
            for name, store in self.stores.items()
        }

    def agree(self) -> tuple[list[Twitch], dict[date, DayLog], Settings]:
        """What every machine shows, after checking they all show the same."""
        seen = self.diaries()
        first = next(iter(seen.values()))
        for name, diary in seen.items():
            assert diary == first, f"{name} shows another diary than the others"
        return first


@pytest.fixture
def two(tmp_path: Path) -> Machines:
    return Machines(tmp_path, ("laptop", "desktop"), Clock())


def test_offline_twitches_and_water_on_both_are_all_kept(two: Machines) -> None:
    """The issue's own case: 3 twitches and 2 glasses on one machine, 2 and 1
    on the other, offline; every twitch once and all the water, on both."""
    made = two.log("laptop", 3) + two.log("desktop", 2)
    two.water("laptop", 2)
    two.water("desktop", 1)

    two.sync()

    twitches, days, _ = two.agree()
    assert sorted(t.id for t in twitches) == sorted(t.id for t in made)
    assert days[DAY].water_ml == 750


def test_water_taken_off_on_one_and_added_on_the_other_adds_up(two: Machines) -> None:
    two.water("laptop", 3)
    two.sync()
    two.water("laptop", -1)
    two.water("desktop", 2)
    two.sync()
    assert two.agree()[1][DAY].water_ml == 3 * 250 - 250 + 2 * 250


def test_a_twitch_deleted_from_another_machine_stays_deleted_after_the_next_log(
    two: Machines,
) -> None:
    """Found by the interleaving property: the desktop deletes a twitch the
    laptop logged (its first entry of the month, in a file of its own), then
    logs one. The log extended the month held in memory and took the new
    file as merged: the deleted twitch came back, and deleting it again
    said it was no longer in the diary."""
    two.log("laptop")
    two.sync()
    (theirs,) = two["desktop"].twitches()  # shown, as the dashboard shows it
    DeleteTwitch(theirs).apply(two["desktop"])
    (mine,) = two.log("desktop")
    assert [t.id for t in two["desktop"].twitches()] == [mine.id]
    two.sync()
    assert [t.id for t in two.agree()[0]] == [mine.id]


def test_a_sync_repeated_counts_nothing_twice(two: Machines) -> None:
    two.log("laptop", 2)
    two.water("desktop", 2)
    for _ in range(3):
        two.sync()
    twitches, days, _ = two.agree()
    assert len(twitches) == 2
    assert days[DAY].water_ml == 500


@pytest.mark.parametrize("later", ["delete", "edit"])
def test_a_delete_on_one_and_an_edit_on_the_other_end_the_same_everywhere(
    two: Machines, later: str
) -> None:
    """The later change wins, on every machine."""
    (twitch,) = two.log("laptop")
    two.sync()
    edited = replace(twitch, intensity=4, note="stronger")

    def delete() -> None:
        DeleteTwitch(twitch).apply(two["laptop"])

    def edit() -> None:
        EditTwitch(twitch, edited).apply(two["desktop"])

    first, second = (edit, delete) if later == "delete" else (delete, edit)
    first()
    two.clock.advance(minutes=5)
    second()
    two.sync()

    twitches, _, _ = two.agree()
    assert twitches == ([] if later == "delete" else [edited])


def test_different_settings_on_both_are_both_kept_and_the_same_one_goes_to_the_later(
    two: Machines,
) -> None:
    SaveSettings({"water_target_ml": 2500}).apply(two["laptop"])
    two.clock.advance(minutes=1)
    SaveSettings({"glass_ml": 300}).apply(two["desktop"])
    two.clock.advance(minutes=1)
    SaveSettings({"water_target_ml": 3000}).apply(two["desktop"])
    two.sync()
    settings = two.agree()[2]
    assert (settings.water_target_ml, settings.glass_ml) == (3000, 300)


def test_a_medicine_added_on_each_machine_keeps_both(two: Machines) -> None:
    """A medicine list is what a doctor reads: two added apart are two."""
    from twitchtui.ops import AddMedicine

    AddMedicine(Medicine("magnesium", "300 mg", DAY)).apply(two["laptop"])
    two.clock.advance(minutes=1)
    AddMedicine(Medicine("sertraline", "50 mg", DAY)).apply(two["desktop"])
    two.sync()
    assert sorted(m.name for m in two.agree()[2].medicines) == ["magnesium", "sertraline"]


def test_undo_after_a_sync_takes_back_only_this_machines_own_change(two: Machines) -> None:
    laptop = Session(two["laptop"])
    laptop.submit(AddWater(DAY, 250))
    two.sync()
    two.water("desktop", 1)
    two.sync()
    assert two.agree()[1][DAY].water_ml == 500

    assert laptop.undo()
    two.sync()
    assert two.agree()[1][DAY].water_ml == 250


def test_undo_of_a_twitch_after_a_sync_removes_it_everywhere(two: Machines) -> None:
    laptop = Session(two["laptop"])
    twitch = Twitch(at=two.clock())
    laptop.submit(LogTwitch(twitch))
    other = two.log("desktop")
    two.sync()
    assert laptop.undo()
    two.sync()
    assert [t.id for t in two.agree()[0]] == [other[0].id]


def test_the_same_device_name_on_two_machines_gives_conflict_copies_that_are_merged(
    tmp_path: Path,
) -> None:
    """A device name copied to a second machine (a restored backup of the state
    folder, the same TWITCHTUI_DEVICE on both) makes both write the same
    files: the sync tool then keeps conflict copies of the month file and the
    settings file. They are merged, never ignored, and renamed as merged."""
    clock = Clock()
    machines = Machines(tmp_path, ("one", "two"), clock)
    machines.stores = {name: machines.open(name, device="same") for name in ("one", "two")}
    made = machines.log("one", 2) + machines.log("two", 3)
    machines.water("one", 1)
    machines.water("two", 2)
    SaveSettings({"glass_ml": 300}).apply(machines["one"])
    clock.advance(minutes=1)
    SaveSettings({"coffee_limit": 2}).apply(machines["two"])

    machines.tool.sync_all()
    assert machines.tool.conflicts, "the simulator made conflict copies"
    lines = machines["one"].merge_conflicts()
    assert lines and all("conflict copy" in line for line in lines)
    machines.sync()

    twitches, days, settings = machines.agree()
    assert sorted(t.id for t in twitches) == sorted(t.id for t in made)
    assert days[DAY].water_ml == 750
    assert (settings.glass_ml, settings.coffee_limit) == (300, 2)
    for folder in machines.tool.folders.values():
        names = [p.name for p in folder.iterdir()]
        assert not [n for n in names if "sync-conflict" in n and n.endswith(".json")]
        assert [n for n in names if ".merged-" in n]
    report = machines["one"].sync_report()
    assert report.merged and not report.pending


def test_a_conflict_copy_of_the_main_file_from_two_first_runs_is_merged(tmp_path: Path) -> None:
    """Two machines that each started a new diary before the folder was
    shared both wrote the main file."""
    machines = Machines(tmp_path, ("laptop", "desktop"), Clock())
    machines.log("laptop")
    machines.log("desktop")
    machines.sync()
    twitches, _, _ = machines.agree()
    assert len(twitches) == 2
    for store in machines.stores.values():
        assert not store.sync_report().pending


def test_a_half_written_file_from_the_sync_tool_is_read_once_complete(two: Machines) -> None:
    """A sync tool that writes in place leaves a file cut short for a moment:
    it is passed over and read again later, never set aside as damaged."""
    made = two.log("desktop", 2)
    (desktop_file,) = [
        p
        for p in two.tool.folders["desktop"].iterdir()
        if ".desktop." in p.name and p.name.endswith(".json") and "settings" not in p.name
    ]
    whole = desktop_file.read_bytes()
    arriving = two.tool.folders["laptop"] / desktop_file.name
    arriving.write_bytes(whole[: len(whole) // 2])

    assert two["laptop"].twitches() == []
    report = two["laptop"].sync_report()
    assert [p.name for p, _ in report.unreadable] == [arriving.name]
    assert arriving.exists(), "never renamed or set aside"

    arriving.write_bytes(whole)
    assert [t.id for t in two["laptop"].twitches()] == [t.id for t in made]
    assert not two["laptop"].sync_report().unreadable


def test_sync_report_names_every_device_and_its_last_write(two: Machines) -> None:
    two.log("laptop")
    two.clock.advance(hours=1)
    two.log("desktop")
    two.sync()
    report = two["laptop"].sync_report()
    assert report.device == "laptop"
    assert set(report.devices) == {"laptop", "desktop"}


def test_three_machines_offline_then_synced_in_a_ring(tmp_path: Path) -> None:
    machines = Machines(tmp_path, ("a", "b", "c"), Clock())
    made = [t for name in "abc" for t in machines.log(name, 2)]
    for name in "abc":
        machines.water(name, 1)
    machines.tool.sync("a", "b")
    machines.tool.sync("b", "c")
    machines.tool.sync("c", "a")
    machines.sync()
    twitches, days, _ = machines.agree()
    assert sorted(t.id for t in twitches) == sorted(t.id for t in made)
    assert days[DAY].water_ml == 750


def test_a_bedtime_answered_on_both_keeps_the_later_answer(two: Machines) -> None:
    from datetime import time

    from twitchtui.ops import SetDayFields

    SetDayFields(DAY, {"bedtime": time(22, 30)}).apply(two["laptop"])
    two.clock.advance(minutes=10)
    SetDayFields(DAY, {"bedtime": time(23, 0), "stress": 2}).apply(two["desktop"])
    two.sync()
    log = two.agree()[1][DAY]
    assert (log.bedtime, log.stress) == (time(23, 0), 2)


def test_coffees_on_both_machines_are_both_kept(two: Machines) -> None:
    from twitchtui.ops import AddCoffee

    morning = NOW.replace(hour=8)
    AddCoffee(DAY, morning).apply(two["laptop"])
    AddCoffee(DAY, morning + timedelta(minutes=45)).apply(two["desktop"])
    two.sync()
    assert len(two.agree()[1][DAY].coffees) == 2


def test_a_self_check_answered_on_each_machine_keeps_both_records(two: Machines) -> None:
    from twitchtui.model import SelfCheck
    from twitchtui.ops import AddSelfCheck

    AddSelfCheck(DAY, SelfCheck(at=two.clock(), signs={"droop": "sudden"})).apply(two["laptop"])
    two.clock.advance(minutes=3)
    AddSelfCheck(DAY, SelfCheck(at=two.clock())).apply(two["desktop"])
    two.sync()
    log = two.agree()[1][DAY]
    assert len(log.checks) == 2
    assert log.symptoms == {"droop": True}


def test_nothing_from_the_other_machine_before_the_sync(two: Machines) -> None:
    two.log("desktop", 2)
    assert two["laptop"].twitches() == []
    assert isinstance(two["laptop"].sync_report().devices, dict)


# ---------------------------------------------------------------------- property

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

DEVICES = ("a", "b", "c")
step = st.one_of(
    st.tuples(st.just("log"), st.sampled_from(DEVICES)),
    st.tuples(st.just("water"), st.sampled_from(DEVICES), st.sampled_from([250, -250])),
    st.tuples(st.just("delete"), st.sampled_from(DEVICES), st.integers(0, 5)),
    st.tuples(st.just("bed"), st.sampled_from(DEVICES), st.integers(21, 23)),
    st.tuples(st.just("sync"), st.sampled_from(DEVICES), st.sampled_from(DEVICES)),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=1, max_size=14), cloned=st.booleans())
def test_any_interleaving_of_writes_and_syncs_ends_the_same_everywhere(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple], cloned: bool
) -> None:
    """Whatever the machines write and whenever they sync, once the sync tool
    has run everywhere every machine shows the same diary, and it holds every
    twitch any machine saved and none deleted, and the water all of them
    added (a total taken below nothing shows as nothing). ``cloned``: machine
    c carries machine a's name (its state folder restored from a's backup),
    so the two write the same files and the sync tool makes conflict copies."""
    from datetime import time

    from twitchtui.model import Conflict
    from twitchtui.ops import SetDayFields

    clock = Clock()
    machines = Machines(tmp_path_factory.mktemp("sync"), DEVICES, clock)
    if cloned:
        machines.stores["c"] = machines.open("c", device="a")
    logged: set[str] = set()
    deleted: set[str] = set()
    water = 0
    for kind, device, *rest in steps:
        clock.advance(minutes=1)
        store = machines[device]
        if kind == "log":
            logged |= {t.id for t in machines.log(device)}
        elif kind == "water":
            try:
                undo = AddWater(DAY, rest[0]).apply(store)
            except Conflict:
                continue
            water -= undo.ml
        elif kind == "delete":
            shown = store.twitches()
            if shown:
                gone = shown[rest[0] % len(shown)]
                DeleteTwitch(gone).apply(store)
                deleted.add(gone.id)
        elif kind == "bed":
            SetDayFields(DAY, {"bedtime": time(rest[0], 0)}).apply(store)
        elif rest[0] != device:
            machines.tool.sync(device, rest[0])
    machines.sync()

    twitches, days, _ = machines.agree()
    assert {t.id for t in twitches} == logged - deleted
    assert len(twitches) == len({t.id for t in twitches}), "each twitch once"
    assert days.get(DAY, DayLog(DAY)).water_ml == max(water, 0)


# ---------------------------------------------------------------------- the shell


def test_sync_status_lists_the_machines_and_the_merged_copies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from twitchtui.cli import main

    machines = Machines(tmp_path, ("one", "two"), Clock())
    machines.stores = {name: machines.open(name, device="same") for name in ("one", "two")}
    machines.log("one")
    machines.log("two")
    machines.tool.sync_all()
    db = machines.tool.folders["one"] / "diary.json"
    monkeypatch.setenv("TWITCHTUI_DEVICE", "same")
    capsys.readouterr()

    assert main(["sync", "status", "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert "Merged" in captured.err, "opening the diary merged the conflict copy, and said so"
    assert "This machine: same" in captured.out
    assert "Conflict copies merged (1)" in captured.out

    assert main(["sync", "status", "--json", "--db", str(db)]) == 0
    import json

    doc = json.loads(capsys.readouterr().out)
    assert doc["device"] == "same" and len(doc["merged"]) == 1 and doc["pending"] == []


@pytest.mark.parametrize("bad", ["", "a" * 33, "lap top", "../x", "laptop\n", "é"])
def test_a_bad_device_name_is_refused_with_exit_2_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    from twitchtui.cli import main

    monkeypatch.setenv("TWITCHTUI_DEVICE", bad)
    db = tmp_path / "d" / "diary.json"
    assert main(["log", "--db", str(db)]) == 2
    assert "TWITCHTUI_DEVICE" in capsys.readouterr().err
    assert not db.parent.exists() or not list(db.parent.iterdir())


def test_the_kept_device_name_is_stable_and_outside_the_diary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, machine_folders: Path
) -> None:
    from twitchtui import machine

    monkeypatch.delenv("TWITCHTUI_DEVICE", raising=False)
    first = machine.device_name()
    assert first == machine.device_name()
    kept = [p for p in (machine_folders / "state").rglob("*") if p.is_file()]
    assert kept and all(first in p.read_text() for p in kept if p.name == "device")
    store = Store.open(tmp_path / "diary.json")
    assert store.device == first


def test_sync_rename_gives_this_machines_files_the_new_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from twitchtui import machine
    from twitchtui.cli import main

    monkeypatch.delenv("TWITCHTUI_DEVICE", raising=False)
    db = tmp_path / "diary.json"
    assert main(["log", "--db", str(db)]) == 0
    old = machine.device_name()
    assert main(["sync", "rename", "desk", "--db", str(db)]) == 0
    assert f"now desk (was {old})" in capsys.readouterr().out
    names = sorted(p.name for p in tmp_path.iterdir())
    assert not [n for n in names if old in n]
    assert main(["sync", "rename", "bad name", "--db", str(db)]) == 2
    assert main(["sync", "rename", "--db", str(db)]) == 2
    monkeypatch.setenv("TWITCHTUI_DEVICE", "desk")
    assert main(["sync", "rename", "other", "--db", str(db)]) == 2
    assert "comes from $TWITCHTUI_DEVICE" in capsys.readouterr().err
    assert len(Store.open(db).twitches()) == 1


def test_sync_rename_refuses_a_name_another_machine_writes_under(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no month in common, renaming to "laptop" was taken: this machine
    then wrote as the laptop, and the next rename carried the laptop's
    files off under this machine's new name."""
    from twitchtui.cli import main

    db = tmp_path / "diary.json"
    monkeypatch.setenv("TWITCHTUI_DEVICE", "laptop")
    assert main(["log", "--db", str(db)]) == 0
    monkeypatch.delenv("TWITCHTUI_DEVICE")
    before = sorted(p.name for p in tmp_path.iterdir())
    capsys.readouterr()
    for name in ("laptop", "Laptop"):  # one name on a case-insensitive file system
        assert main(["sync", "rename", name, "--db", str(db)]) == 2
        assert "another machine" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    # The store refuses it too, whoever calls it.
    from twitchtui.store import StoreError

    with pytest.raises(StoreError, match="another device"):
        Store.open(db).rename_device("LAPTOP")


def test_sync_status_names_this_machines_own_damaged_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only other machines' files were checked: a damaged file of this
    machine's, which every other command refuses, went unmentioned."""
    import json

    from twitchtui.cli import main

    db = tmp_path / "diary.json"
    assert main(["log", "--db", str(db)]) == 0
    store = Store.open(db)
    month = next(p for p in tmp_path.glob("diary.20*.json") if store.device in p.name)
    month.write_text(month.read_text()[:40])
    capsys.readouterr()
    assert main(["sync", "status", "--json", "--db", str(db)]) == 0
    unreadable = json.loads(capsys.readouterr().out)["unreadable"]
    assert [u["file"] for u in unreadable] == [month.name]
    assert "not valid JSON" in unreadable[0]["why"]


def test_values_no_form_would_take_in_another_machines_file_are_left_out(
    two: Machines,
) -> None:
    """A file from elsewhere is input like an import file: an intensity of 99,
    a negative duration, an unknown site or a stress of 42 never reach the
    diary, the report or the red flags; the good entries beside them do, and
    sync status names the file and why."""
    import json

    good = two.log("desktop", 1, intensity=3)[0]
    desk = next(
        p
        for p in two.tool.folders["desktop"].iterdir()
        if p.name.endswith(".desktop.json") and "settings" not in p.name
    )
    doc = json.loads(desk.read_text())
    bad = {**good.to_doc(), "id": "b" * 32, "intensity": 99, "duration_s": -5}
    moon = {**good.to_doc(), "id": "c" * 32, "site": "moon"}
    doc["twitches"].update({"90": bad, "91": moon})
    doc.setdefault("days", {})["90"] = {
        "id": "d" * 32,
        "day": DAY.isoformat(),
        "t": "2026-11-18T13:00:00Z",
        "dev": "desktop",
        "set": {"stress": 42},
    }
    desk.write_text(json.dumps(doc))
    two.sync()

    laptop = two["laptop"]
    assert [t.id for t in laptop.twitches()] == [good.id]
    assert laptop.day_log(DAY).stress is None
    (_, why), *_ = [u for u in laptop.sync_report().unreadable if u[0].name == desk.name]
    assert "3 entries left out" in why and "intensity" in why


def test_a_bad_setting_from_another_machine_never_locks_this_one_out(two: Machines) -> None:
    """A settings record no form would take (a newer twitchtui's wider range,
    a damaged copy) is left out; this machine opens, and keeps the rest."""
    import json

    SaveSettings({"glass_ml": 300}).apply(two["desktop"])
    desk = two.tool.folders["desktop"] / "diary.settings.desktop.json"
    doc = json.loads(desk.read_text())
    doc["settings"]["9"] = {
        "id": "e" * 32,
        "t": "2026-11-18T14:00:00Z",
        "dev": "desktop",
        "set": {"water_target_ml": -5, "theme": "\x1b[31mred"},
    }
    desk.write_text(json.dumps(doc))
    two.sync()

    # (On the desktop itself the file is its own, checked when written: one
    # edited by hand is a damaged file there, kept aside as ever.)
    settings = two["laptop"].settings()
    assert (settings.glass_ml, settings.water_target_ml) == (300, 2000)
    assert settings.theme == "textual-dark"
    laptop_report = two["laptop"].sync_report()
    assert any(
        p.name == desk.name and "1 entry left out" in why for p, why in laptop_report.unreadable
    )


def test_sync_status_says_why_a_copy_with_refused_entries_is_not_merged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not "once the diary can be written" when the diary can be: the copy
    holds an entry no form would take, and stays unmerged for that."""
    import json

    from twitchtui.cli import main

    db = tmp_path / "diary.json"
    desk = Store.open(db, now=lambda: NOW, device="desk")
    desk.log_twitch(Twitch(at=NOW - timedelta(hours=1)))
    data = json.loads(desk.layout.shard(f"{NOW:%Y-%m}").read_text())
    for doc in data["twitches"].values():
        doc["intensity"] = 99
    copy = db.with_name(f"diary.{NOW:%Y-%m}.desk.sync-conflict-20261120-100000-ABCDEFG.json")
    copy.write_text(json.dumps(data))
    monkeypatch.setenv("TWITCHTUI_DEVICE", "laptop")
    capsys.readouterr()
    assert main(["sync", "status", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"  {copy.name}: not read whole (below)" in out
    assert "once the diary can be written" not in out


def test_sync_status_ages_a_file_by_the_real_clock_even_under_twitchtui_now(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file's time is the file system's: a write made a moment ago reads
    "just now", whatever day ``$TWITCHTUI_NOW`` pretends it is."""
    from twitchtui.cli import main

    db = tmp_path / "diary.json"
    monkeypatch.setenv("TWITCHTUI_DEVICE", "desk")
    monkeypatch.setenv("TWITCHTUI_NOW", "2026-11-18T08:30")  # days before the write
    assert main(["log", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["sync", "status", "--db", str(db)]) == 0
    assert "  desk (this one): last wrote just now" in capsys.readouterr().out


def test_one_habit_ticked_in_two_spellings_on_two_machines_counts_each_tick_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "walk" added on one machine and "Walk" on the other are one habit:
    after each sync the day's count is the ticks made, never more (each
    spelling keeps its own count, merged name by name)."""
    import shutil

    from twitchtui.cli import main

    folders = {"a": tmp_path / "A", "b": tmp_path / "B"}

    def run(device: str, *args: str) -> str:
        monkeypatch.setenv("TWITCHTUI_DEVICE", device)
        assert main([*args, "--db", str(folders[device] / "d.json")]) == 0
        return capsys.readouterr().out

    def sync() -> None:  # each machine's own files to the other, as a sync tool does
        for device, other in (("a", "b"), ("b", "a")):
            for path in folders[device].glob(f"d.*.{device}.json"):
                shutil.copy2(path, folders[other] / path.name)

    run("a", "habit", "add", "walk", "--target", "5")
    run("a", "habit", "tick", "walk")
    run("b", "habit", "add", "Walk", "--target", "5")
    run("b", "habit", "tick", "Walk")
    sync()
    run("a", "habit", "tick", "walk")
    run("b", "habit", "tick", "Walk")
    sync()
    assert ": 4/5 today" in run("a", "habit", "list")
    assert ": 4/5 today" in run("b", "habit", "list")
