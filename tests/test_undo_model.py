"""Random interleavings of dashboard operations, outside writes, undo and redo.

A hypothesis state machine drives the real operations (``twitchtui.ops``) on
one ``Store``, and "another process" (a second ``Store`` on the same files,
as ``twitchtui water`` from a shell would) in between. A plain model says
what the diary must hold after each step: undo and redo may only ever take
back their own change, and when that change no longer fits they must change
nothing at all.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from twitchtui import checklist
from twitchtui.model import Conflict, Twitch
from twitchtui.ops import (
    AddCoffee,
    AddWater,
    DeleteTwitch,
    EditTwitch,
    LogTwitch,
    Op,
    RemoveCoffee,
    RestoreTwitch,
    SetDayFields,
)
from twitchtui.store import FileSystem, Store

from .conftest import NOW

DAY = NOW.date()
GLASS = 250


class NoSync(FileSystem):
    """Writes as usual, without waiting for the disk: this test is about what
    undo and redo take back, not about surviving a power cut (test_processes
    and test_faults are), and 6,000 fsyncs were most of its time."""

    def fsync(self, fd: int) -> None:
        pass

    def fsync_dir(self, folder: Path) -> None:
        pass


@dataclass
class Model:
    twitches: dict[str, dict[str, Any]] = field(default_factory=dict)
    water: int = 0
    coffees: list[datetime] = field(default_factory=list)
    snack: bool = False

    def copy(self) -> Model:
        return Model(dict(self.twitches), self.water, list(self.coffees), self.snack)


def expected(op: Op, model: Model, taking_back: bool) -> Model | None:
    """What the diary holds after ``op``, or None when ``op`` must not apply.

    ``taking_back``: ``op`` is an undo or a redo, which may only reverse its
    own change. The model decides that from the kind of change, not from the
    operation's own flags, so a careless inverse cannot vouch for itself.
    """
    out = model.copy()
    if isinstance(op, LogTwitch):
        out.twitches[op.twitch.id] = op.twitch.to_doc()
    elif isinstance(op, DeleteTwitch):
        stored = out.twitches.get(op.twitch.id)
        if stored is None or (taking_back and stored != op.twitch.to_doc()):
            return None
        del out.twitches[op.twitch.id]
    elif isinstance(op, RestoreTwitch):
        if op.twitch.id in out.twitches:
            return None
        out.twitches[op.twitch.id] = op.twitch.to_doc()
    elif isinstance(op, EditTwitch):
        if out.twitches.get(op.old.id) != op.old.to_doc():
            return None
        out.twitches[op.old.id] = op.new.to_doc()
    elif isinstance(op, AddWater):
        water = out.water + op.ml
        if water < 0 and taking_back:
            return None
        if max(0, water) == out.water:
            return None
        out.water = max(0, water)
    elif isinstance(op, AddCoffee):
        out.coffees.append(op.at.replace(microsecond=0))
    elif isinstance(op, RemoveCoffee):
        if not out.coffees:
            return None
        target = max(out.coffees) if op.at is None else op.at
        if target not in out.coffees:
            return None
        out.coffees.remove(target)
    elif isinstance(op, SetDayFields):
        if taking_back and out.snack == op.values["snack"]:
            return None  # its own tick was taken back elsewhere already
        out.snack = (not out.snack) if op.toggle else op.values["snack"]
    else:  # pragma: no cover - a new kind of operation needs a line here
        raise AssertionError(f"no model for {op!r}")
    return out


minutes = st.integers(min_value=0, max_value=600)


class UndoMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="twitchtui-undo-"))
        path = self.folder / "diary.json"
        self.mine = Store.open(path, now=lambda: NOW, fs=NoSync())
        self.other = Store.open(path, now=lambda: NOW, fs=NoSync())  # "another process"
        self.model = Model()
        self.undo: list[Op] = []
        self.redo: list[Op] = []

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    # ------------------------------------------------------------ the dashboard

    def do(self, op: Op, kind: str = "do") -> None:
        after = expected(op, self.model, taking_back=kind != "do")
        try:
            inverse = op.apply(self.mine)
        except Conflict:
            assert after is None, f"{op} was refused but should have applied"
            return
        assert after is not None, f"{op} applied but should have been refused"
        self.model = after
        if kind == "undo":
            self.redo.append(inverse)
            return
        self.undo.append(inverse)
        if kind == "do":
            self.redo.clear()

    @rule(ago=minutes, site=st.sampled_from(["upper-lip", "eye"]))
    def log(self, ago: int, site: str) -> None:
        self.do(LogTwitch(Twitch(at=NOW - timedelta(minutes=ago), site=site, note="mine")))

    @precondition(lambda self: self.model.twitches)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        doc = data.draw(st.sampled_from(list(self.model.twitches.values())))
        self.do(DeleteTwitch(Twitch.from_doc(doc)))

    @precondition(lambda self: self.model.twitches)
    @rule(data=st.data(), intensity=st.integers(1, 5))
    def edit(self, data: st.DataObject, intensity: int) -> None:
        doc = data.draw(st.sampled_from(list(self.model.twitches.values())))
        old = Twitch.from_doc(doc)
        if old.intensity != intensity:
            self.do(EditTwitch(old, replace(old, intensity=intensity)))

    @rule(glasses=st.sampled_from([1, -1]))
    def water(self, glasses: int) -> None:
        self.do(AddWater(DAY, glasses * GLASS))

    @rule(ago=minutes)
    def coffee(self, ago: int) -> None:
        self.do(AddCoffee(DAY, NOW - timedelta(minutes=ago)))

    @rule()
    def coffee_remove(self) -> None:
        self.do(RemoveCoffee(DAY))

    @rule()
    def snack(self) -> None:
        self.do(SetDayFields(DAY, {}, toggle="snack"))

    @precondition(lambda self: self.undo)
    @rule()
    def undo_last(self) -> None:
        self.do(self.undo.pop(), "undo")

    @precondition(lambda self: self.redo)
    @rule()
    def redo_last(self) -> None:
        self.do(self.redo.pop(), "redo")

    # ------------------------------------------------------------ outside writes

    @rule(ago=minutes)
    def outside_log(self, ago: int) -> None:
        saved = self.other.log_twitch(Twitch(at=NOW - timedelta(minutes=ago), note="shell"))
        self.model.twitches[saved.id] = saved.to_doc()

    @precondition(lambda self: self.model.twitches)
    @rule(data=st.data(), intensity=st.integers(1, 5))
    def outside_edit(self, data: st.DataObject, intensity: int) -> None:
        doc = data.draw(st.sampled_from(list(self.model.twitches.values())))
        old = Twitch.from_doc(doc)
        new = self.other.update_twitch(old, replace(old, intensity=intensity))
        self.model.twitches[old.id] = new.to_doc()

    @precondition(lambda self: self.model.twitches)
    @rule(data=st.data())
    def outside_delete(self, data: st.DataObject) -> None:
        doc = data.draw(st.sampled_from(list(self.model.twitches.values())))
        self.other.delete_twitch(Twitch.from_doc(doc))
        del self.model.twitches[doc["id"]]

    @rule(glasses=st.integers(-3, 3))
    def outside_water(self, glasses: int) -> None:
        self.other.update_day(DAY, lambda log: checklist.add_water(log, glasses * GLASS))
        self.model.water = max(0, self.model.water + glasses * GLASS)

    @rule(ago=minutes)
    def outside_coffee(self, ago: int) -> None:
        cup = (NOW - timedelta(minutes=ago)).replace(microsecond=0)
        self.other.update_day(DAY, lambda log: checklist.add_coffee(log, cup))
        self.model.coffees.append(cup)

    @rule(eaten=st.booleans())
    def outside_snack(self, eaten: bool) -> None:
        self.other.update_day(DAY, lambda log: checklist.set_snack(log, eaten))
        self.model.snack = eaten

    # ------------------------------------------------------------ the check

    @invariant()
    def diary_matches_the_model(self) -> None:
        reader = Store.open(self.mine.path, now=lambda: NOW)
        assert {t.id: t.to_doc() for t in reader.twitches()} == self.model.twitches
        log = reader.day_log(DAY)
        assert log.water_ml == self.model.water
        assert sorted(log.coffees) == sorted(self.model.coffees)
        assert log.snack == self.model.snack


UndoMachine.TestCase.settings = settings(max_examples=200, stateful_step_count=30, deadline=None)
TestUndoAgainstModel = UndoMachine.TestCase
