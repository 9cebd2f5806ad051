"""Everything that can go wrong with a diary, as one family of exceptions.

Every error the store raises is a ``StoreError``, so one ``except`` in the
dashboard or the CLI can never miss a kind. Each message names the file and
says what to do; nothing was changed when one is raised.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A diary operation that did not happen. Nothing was changed."""


class StoreBusy(StoreError):
    """Another process held the diary lock for too long."""


class StoreWriteFailed(StoreError):
    """The file system refused a write; the old file is untouched."""


class DiaryTooNew(StoreError):
    """The diary was written by a newer twitchtui."""


class DiaryReadOnly(StoreError):
    """The diary (or one of its files) is read-only, so it is never written."""


class DeviceNameTaken(StoreError):
    """A machine's new name is one another machine of the diary writes under."""


class NotADiaryPath(StoreError):
    """The diary path is a folder, a device or something else than a regular file."""


class DiaryDamaged(StoreError):
    """A diary file that cannot be read as a twitchtui diary. It is left as it is."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ReadOnlyFile(PermissionError):
    """Raised by ``atomic_write`` instead of replacing a file its owner made read-only."""

    def __init__(self, path: Path) -> None:
        super().__init__(13, "the file is read-only", str(path))
        self.path = path


class JournalRefused(StoreError):
    """A journal of a write of several files that twitchtui did not write:
    set aside, and nothing in it done."""
