"""Undoable edits of twitches: log, delete, restore, edit."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Twitch
from ..store import Store


@dataclass(frozen=True)
class LogTwitch:
    twitch: Twitch
    label: str = "twitch logged"

    def apply(self, store: Store) -> DeleteTwitch:
        saved = store.log_twitch(self.twitch)
        return DeleteTwitch(saved, unchanged=True, label=self.label)


@dataclass(frozen=True)
class DeleteTwitch:
    """Remove a twitch. ``unchanged``: only if nobody edited it since (undo)."""

    twitch: Twitch
    unchanged: bool = False
    label: str = "twitch deleted"

    def apply(self, store: Store) -> RestoreTwitch:
        removed = store.delete_twitch(self.twitch, unchanged=self.unchanged)
        return RestoreTwitch(removed, label=self.label)


@dataclass(frozen=True)
class RestoreTwitch:
    twitch: Twitch
    label: str = "twitch restored"

    def apply(self, store: Store) -> DeleteTwitch:
        restored = store.restore_twitch(self.twitch)
        return DeleteTwitch(restored, unchanged=True, label=self.label)


@dataclass(frozen=True)
class EditTwitch:
    """Replace ``old`` by ``new``, only while the stored entry is still ``old``."""

    old: Twitch
    new: Twitch
    label: str = "twitch edited"

    def apply(self, store: Store) -> EditTwitch:
        saved = store.update_twitch(self.old, self.new)
        return EditTwitch(saved, self.old, label=self.label)
