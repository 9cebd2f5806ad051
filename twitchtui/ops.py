"""User actions as undoable operations. No Textual import.

Each operation's ``apply(store)`` performs one store transaction and returns the
operation that undoes it. The dashboard keeps these on its undo and redo
stacks, and holds an operation in its queue (pending) while the disk refuses it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Protocol

from .model import DayLog, Settings, Twitch
from .store import Store, StoreError


class Op(Protocol):
    label: str

    def apply(self, store: Store) -> Op: ...


@dataclass(frozen=True)
class LogTwitch:
    twitch: Twitch
    label: str = "log a twitch"

    def apply(self, store: Store) -> Op:
        return DeleteTwitch(store.log_twitch(self.twitch), label="undo the logged twitch")


@dataclass(frozen=True)
class DeleteTwitch:
    twitch: Twitch
    label: str = "delete a twitch"

    def apply(self, store: Store) -> Op:
        if not store.delete_twitch(self.twitch):
            raise StoreError("that twitch is no longer in the diary")
        return RestoreTwitch(self.twitch)


@dataclass(frozen=True)
class RestoreTwitch:
    twitch: Twitch
    label: str = "restore a twitch"

    def apply(self, store: Store) -> Op:
        return DeleteTwitch(store.restore_twitch(self.twitch))


@dataclass(frozen=True)
class EditTwitch:
    old: Twitch
    new: Twitch
    label: str = "edit a twitch"

    def apply(self, store: Store) -> Op:
        saved = store.update_twitch(self.old, self.new)
        return EditTwitch(saved, self.old, label="undo the edit")


@dataclass(frozen=True)
class EditDay:
    """Change one day's log. The inverse puts back only the fields it changed,
    so an edit made meanwhile by another process to other fields survives."""

    day: date
    change: Callable[[DayLog], DayLog]
    label: str = "update the checklist"

    def apply(self, store: Store) -> Op:
        before: list[DayLog] = []

        def recording(current: DayLog) -> DayLog:
            before[:] = [current]
            return self.change(current)

        after = store.update_day(self.day, recording)
        old = before[0]
        changed = {
            f.name: getattr(old, f.name)
            for f in fields(DayLog)
            if getattr(old, f.name) != getattr(after, f.name)
        }
        return EditDay(self.day, lambda log: replace(log, **changed), label=f"undo: {self.label}")


@dataclass(frozen=True)
class SaveSettings:
    settings: Settings
    label: str = "settings saved"

    def apply(self, store: Store) -> Op:
        before = store.settings()
        store.save_settings(self.settings)
        return SaveSettings(before, label=f"undo: {self.label}")
