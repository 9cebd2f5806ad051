"""Undoable edits of one day's log: water, habit ticks, coffee, the fields
of a tick or a check-in, and the self-check's records."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from ..checklist import add_coffee, add_water, tick_habit
from ..model import Conflict, DayLog, SelfCheck
from ..store import Store
from .base import field_values, patch


@dataclass(frozen=True)
class AddWater:
    """Add (or, negative, take off) water, as ``checklist.add_water`` does:
    never below zero. ``strict``: refuse to go below zero instead of stopping
    there, so an undo never takes off more than its own. ``electrolytes``:
    also tick (True) or untick (False) the electrolytes, in the same write
    (``twitchtui water +1 --electrolytes``). A change that moves nothing
    (taking off at zero) is a ``Conflict``."""

    day: date
    ml: int
    strict: bool = False
    electrolytes: bool | None = None
    label: str = "water"

    def apply(self, store: Store) -> AddWater:
        moved: list[int] = []
        ticked: list[bool | None] = []

        def change(log: DayLog) -> DayLog:
            if self.strict and log.water_ml + self.ml < 0:
                raise Conflict(f"only {log.water_ml} ml of water is recorded now")
            changed = add_water(log, self.ml)
            if self.electrolytes is not None:
                changed = replace(changed, electrolytes=self.electrolytes)
            if changed == log:
                raise Conflict("no water is recorded for that day")
            moved.append(changed.water_ml - log.water_ml)
            ticked.append(None if changed.electrolytes == log.electrolytes else log.electrolytes)
            return changed

        store.update_day(self.day, change)
        return AddWater(self.day, -moved[0], strict=True, electrolytes=ticked[0], label=self.label)


@dataclass(frozen=True)
class AddHabit:
    """Tick one of the person's own habits (``times`` may be negative to take
    ticks off). The inverse takes off exactly what this added, or refuses."""

    day: date
    name: str
    times: int
    label: str = "habit"

    def apply(self, store: Store) -> AddHabit:
        def change(log: DayLog) -> DayLog:
            now = log.habit_count(self.name)
            if now + self.times < 0:
                raise Conflict(f"{self.name} is ticked only {now} times now")
            return tick_habit(log, self.name, self.times)

        store.update_day(self.day, change)
        return AddHabit(self.day, self.name, -self.times, label=self.label)


@dataclass(frozen=True)
class AddCoffee:
    day: date
    at: datetime
    label: str = "coffee"

    def apply(self, store: Store) -> RemoveCoffee:
        at = self.at.replace(microsecond=0)  # as the diary keeps it
        said_none: list[bool] = []

        def change(log: DayLog) -> DayLog:
            said_none.append(log.no_coffee)
            return add_coffee(log, at)  # a cup takes back "no coffee today"

        store.update_day(self.day, change)
        return RemoveCoffee(self.day, at, label=self.label, none_again=said_none[-1])


@dataclass(frozen=True)
class RemoveCoffee:
    """Remove the cup recorded at ``at``, or the latest cup when ``at`` is None."""

    day: date
    at: datetime | None = None
    label: str = "coffee removed"
    none_again: bool = False
    """The undo of a cup logged after "no coffee today": that answer comes
    back once no cup is left."""

    def apply(self, store: Store) -> AddCoffee:
        removed: list[datetime] = []

        def change(log: DayLog) -> DayLog:
            cups = list(log.coffees)
            if not cups:
                raise Conflict("no coffee is recorded for that day")
            target = max(cups) if self.at is None else self.at
            if target not in cups:
                raise Conflict(f"the {target:%H:%M} coffee is no longer in the diary")
            cups.remove(target)
            removed.append(target)
            none = log.no_coffee or (self.none_again and not cups)
            return replace(log, coffees=tuple(cups), no_coffee=none)

        store.update_day(self.day, change)
        return AddCoffee(self.day, removed[0], label=self.label)


@dataclass(frozen=True)
class SetDayFields:
    """Set some fields of one day's log (a tick, the bedtime, a check-in).

    ``toggle`` flips one yes/no field as it is on disk now. ``expect``: apply
    only while those fields still hold these values (what an undo checks).
    The inverse puts back only the fields this change set.
    """

    day: date
    values: dict[str, Any]
    expect: dict[str, Any] | None = None
    toggle: str | None = None
    label: str = "checklist updated"

    def apply(self, store: Store) -> SetDayFields:
        before: dict[str, Any] = {}

        def change(log: DayLog) -> DayLog:
            values = dict(self.values)
            if self.toggle is not None:
                values[self.toggle] = not getattr(log, self.toggle)
            return patch(log, values, self.expect, "that day's entry was", before)

        saved = store.update_day(self.day, change)
        after = field_values(saved, list(before))
        return SetDayFields(self.day, before, expect=after, label=self.label)


# ---------------------------------------------------------------- self-check
#
# A self-check is kept two ways that belong together: its records (the
# answers, each with its time) and how many times it was taken that day.
# The dashboard counts one when the form opens (answered or not) and adds
# the record when it is saved; the shell's selfcheck takes and saves at
# once, so it adds the record with its count in one write (``opened=1``).


def _counted(log: DayLog, times: int) -> DayLog:
    return replace(log, self_checks=max(0, log.self_checks + times))


@dataclass(frozen=True)
class CountSelfCheck:
    """One more self-check taken on ``day`` (``times=-1``: one fewer)."""

    day: date
    times: int = 1
    label: str = "self-check opened"

    def apply(self, store: Store) -> CountSelfCheck:
        store.update_day(self.day, lambda log: _counted(log, self.times))
        return CountSelfCheck(self.day, -self.times, label=self.label)


@dataclass(frozen=True)
class AddSelfCheck:
    """Add one self-check record to a day (and count it as taken ``opened``
    more times, in the same write). It never changes or removes an earlier
    record: answers are a record, not a day's state."""

    day: date
    check: SelfCheck
    opened: int = 0
    label: str = "self-check saved"

    def apply(self, store: Store) -> RemoveSelfCheck | WithdrawSelfCheck:
        check = self.check.validated()
        store.update_day(self.day, lambda log: _counted(log.with_check(check), self.opened))
        if check.signs:
            # An answer with a sign is never taken out of the diary: its undo
            # withdraws it as a mistake (the dashboard asks first).
            return WithdrawSelfCheck(self.day, check, self.opened, label=self.label)
        return RemoveSelfCheck(self.day, self.check.id, self.check, self.opened, label=self.label)


@dataclass(frozen=True)
class WithdrawSelfCheck:
    """The undo of an answer with a sign: a withdrawal record saved beside
    it (``SelfCheck.withdrawal``), so that the answer stays in the diary and
    the report, and no longer counts; and the count that came with it. Its
    undo (a redo of the answer) removes the withdrawal again."""

    day: date
    check: SelfCheck
    """The answer withdrawn."""
    opened: int = 0
    label: str = "self-check saved"

    def apply(self, store: Store) -> RemoveSelfCheck:
        withdrawal = self.check.withdrawal(store.now()).validated()

        def change(log: DayLog) -> DayLog:
            if all(c.id != self.check.id for c in log.checks):
                raise Conflict("That self-check is no longer in the diary.")
            return _counted(log.with_check(withdrawal), -self.opened)

        store.update_day(self.day, change)
        return RemoveSelfCheck(
            self.day, withdrawal.id, withdrawal, -self.opened, label=self.label, restores=self.check
        )


@dataclass(frozen=True)
class RemoveSelfCheck:
    """Take back the record this session just added (the undo of a save),
    and the count that came with it."""

    day: date
    id: str
    check: SelfCheck
    opened: int = 0
    label: str = "self-check saved"
    restores: SelfCheck | None = None
    """Set when the record removed is a withdrawal: the answer it withdrew,
    which counts again (this is the redo of that answer)."""

    def apply(self, store: Store) -> AddSelfCheck | WithdrawSelfCheck:
        def change(log: DayLog) -> DayLog:
            kept = tuple(c for c in log.checks if c.id != self.id)
            if len(kept) == len(log.checks):
                raise Conflict("That self-check is no longer in the diary.")
            return _counted(replace(log, checks=kept), -self.opened)

        store.update_day(self.day, change)
        if self.restores is not None:
            return WithdrawSelfCheck(self.day, self.restores, -self.opened, label=self.label)
        return AddSelfCheck(self.day, self.check, self.opened, label=self.label)
