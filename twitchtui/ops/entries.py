"""Many entries written at once: a sample diary's, or an export's restored.

These cannot be undone by an inverse: taking an import back would mean
deleting entries and settings that may have changed since, so the inverse
says so (``Conflict``) instead of guessing. An import keeps the diary as it
was in a private copy first (the shell's ``import`` does), which is the way
back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from ..model import Conflict, DayLog, Settings, Twitch
from ..store import Store


@dataclass(frozen=True)
class NotUndone:
    """The inverse of a change that cannot be taken back: applying it changes
    nothing and says why."""

    reason: str
    label: str = "not undone"

    def apply(self, store: Store) -> NotUndone:
        raise Conflict(self.reason)


@dataclass(frozen=True)
class MergeEntries:
    """Add (or replace, by id and by day) many twitches and day logs in one
    write per month touched: a sample diary's entries."""

    twitches: Sequence[Twitch]
    days: Sequence[DayLog] = ()
    label: str = "entries added"

    def apply(self, store: Store) -> NotUndone:
        store.merge(self.twitches, self.days)
        return NotUndone("entries added together are not taken back one by one", self.label)


@dataclass(frozen=True)
class RestoreExport:
    """Write what an import adds and replaces, and the settings it changes,
    all in one write (``Store.restore``): everything or nothing."""

    twitches: Sequence[Twitch]
    days: Sequence[DayLog]
    settings: Callable[[Settings], Settings] | None
    until: datetime
    label: str = "import"

    def apply(self, store: Store) -> NotUndone:
        store.restore(self.twitches, self.days, self.settings, until=self.until)
        return NotUndone(
            "an import is not undone: what it replaced may have changed since",
            self.label,
        )
