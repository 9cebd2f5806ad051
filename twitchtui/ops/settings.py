"""Undoable edits of the settings: some fields set, and the person's lists
kept there (medicines, their own habits). Each inverse is a
``SaveSettings`` that puts back what changed, only while it is still as
this change left it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from ..model import Habit, InvalidEntry, Medicine, Settings
from ..store import Store
from .base import field_values, patch


@dataclass(frozen=True)
class SaveSettings:
    """Set some settings; the others, perhaps changed elsewhere, are kept."""

    values: dict[str, Any]
    expect: dict[str, Any] | None = None
    label: str = "settings"

    @classmethod
    def diff(cls, before: Settings, after: Settings, label: str = "settings") -> SaveSettings:
        """The settings ``after`` changed compared with ``before``."""
        changed = {
            f.name: getattr(after, f.name)
            for f in fields(Settings)
            if getattr(before, f.name) != getattr(after, f.name)
        }
        return cls(changed, label=label)

    def apply(self, store: Store) -> SaveSettings:
        before: dict[str, Any] = {}

        def change(current: Settings) -> Settings:
            return patch(current, self.values, self.expect, "those settings were", before)

        saved = store.update_settings(change)
        after = field_values(saved, list(before))
        return SaveSettings(before, expect=after, label=self.label)


def _edit(store: Store, change: Callable[[Settings], Settings], label: str) -> SaveSettings:
    """Apply ``change`` to the settings in one transaction; the inverse sets
    back the fields it changed, expecting them as it left them."""
    before: list[Settings] = []

    def edit(current: Settings) -> Settings:
        before.append(current)
        return change(current)

    saved = store.update_settings(edit)
    old = before[0]
    changed = [f.name for f in fields(Settings) if getattr(saved, f.name) != getattr(old, f.name)]
    return SaveSettings(
        {name: getattr(old, name) for name in changed},
        expect={name: getattr(saved, name) for name in changed},
        label=label,
    )


def _same_name(a: str, b: str) -> bool:
    return a.lower() == b.lower()


@dataclass(frozen=True)
class AddMedicine:
    """Put a medicine on the list; one of the same name (in any case) is replaced."""

    medicine: Medicine
    label: str = "medicine added"

    def apply(self, store: Store) -> SaveSettings:
        new = self.medicine.validated()

        def change(settings: Settings) -> Settings:
            others = tuple(m for m in settings.medicines if not _same_name(m.name, new.name))
            return replace(settings, medicines=(*others, new))

        return _edit(store, change, self.label)


@dataclass(frozen=True)
class StopMedicine:
    """Mark the medicine of this name that is being taken as stopped ``on`` a
    day. None of that name being taken is refused (``InvalidEntry``)."""

    name: str
    on: date
    label: str = "medicine stopped"

    def stops(self, medicine: Medicine) -> bool:
        """Whether this change stops ``medicine``."""
        return _same_name(medicine.name, self.name) and medicine.stopped is None

    def apply(self, store: Store) -> SaveSettings:
        def change(settings: Settings) -> Settings:
            if not any(self.stops(m) for m in settings.medicines):
                raise InvalidEntry(
                    "name", f"{self.name!r} is not a medicine you are taking (meds list)"
                )
            medicines = tuple(
                replace(m, stopped=self.on) if self.stops(m) else m for m in settings.medicines
            )
            return replace(settings, medicines=medicines)

        return _edit(store, change, self.label)


@dataclass(frozen=True)
class NewHabit:
    """Put one of the person's own habits on their list (a second of the same
    name is refused, by ``Settings.with_habit``)."""

    habit: Habit
    label: str = "habit added"

    def apply(self, store: Store) -> SaveSettings:
        return _edit(store, lambda settings: settings.with_habit(self.habit), self.label)


@dataclass(frozen=True)
class DropHabit:
    """Take a habit off the list; the days already ticked keep their record."""

    habit: Habit
    label: str = "habit removed"

    def apply(self, store: Store) -> SaveSettings:
        def change(settings: Settings) -> Settings:
            return replace(settings, habits=tuple(h for h in settings.habits if h != self.habit))

        return _edit(store, change, self.label)
