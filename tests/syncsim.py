"""A file-sync tool for tests, behaving as Syncthing does with a shared folder.

Each machine has its own copy of the diary's folder. ``SyncTool.sync(a, b)``
brings two of them together the way Syncthing would after both were
offline: it remembers what it last saw on both sides, and then, file by file,

- copies a file that is new or changed on one side only;
- carries a delete (and so a rename: a delete plus a new name);
- when a file changed on both sides, keeps the newer one (by mtime, then by
  machine name) under the file's name on both, and saves the older one
  beside it as ``<stem>.sync-conflict-YYYYMMDD-HHMMSS-<MACHINE>.json`` on
  both;
- never carries the lock (a ``.stignore`` line in the README says so), or a
  temporary file of an unfinished write.

It is deliberately simple (no partial transfers, no versions vector): what
matters to the diary is which files end up on each side.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path


def ignored(name: str) -> bool:
    """What the README's ``.stignore`` lines keep out of the sync."""
    return name.endswith(".lock") or name.startswith(".") or name.endswith(".tmp")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    """Every synced file of ``folder``, by name, with a digest of its content."""
    return {
        p.name: _digest(p) for p in sorted(folder.iterdir()) if p.is_file() and not ignored(p.name)
    }


def conflict_name(name: str, when: datetime, machine: str) -> str:
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    tag = machine.upper().replace("-", "")[:7].ljust(7, "X")
    copy = f"{stem}.sync-conflict-{when:%Y%m%d-%H%M%S}-{tag}"
    return f"{copy}.{ext}" if ext else copy


@dataclass
class SyncTool:
    """Folders of one diary on several machines (name -> folder)."""

    folders: dict[str, Path]
    seen: dict[frozenset[str], dict[str, str]] = field(default_factory=dict)
    """What each pair had in common after their last sync, by file name."""
    conflicts: list[Path] = field(default_factory=list)
    """Every conflict copy this tool made, in order."""

    def sync(self, a: str, b: str) -> None:
        """Bring machines ``a`` and ``b`` together, both ways."""
        left, right = self.folders[a], self.folders[b]
        base = self.seen.get(frozenset((a, b)), {})
        now_left, now_right = snapshot(left), snapshot(right)
        for name in sorted(set(now_left) | set(now_right) | set(base)):
            was, l_has, r_has = base.get(name), now_left.get(name), now_right.get(name)
            if l_has == r_has:
                continue
            l_changed, r_changed = l_has != was, r_has != was
            if l_changed and not r_changed:
                self._carry(left, right, name, l_has)
            elif r_changed and not l_changed:
                self._carry(right, left, name, r_has)
            else:
                self._conflict(a, b, name, l_has, r_has)
        after = snapshot(left)
        assert after == snapshot(right), "a sync leaves both sides the same"
        self.seen[frozenset((a, b))] = after

    def sync_all(self, rounds: int = 2) -> None:
        """Every pair, ``rounds`` times over (enough for changes to reach all)."""
        names = sorted(self.folders)
        for _ in range(rounds):
            for i, a in enumerate(names):
                for b in names[i + 1 :]:
                    self.sync(a, b)

    @staticmethod
    def _carry(source: Path, target: Path, name: str, has: str | None) -> None:
        if has is None:  # deleted (or renamed away) on the source side
            (target / name).unlink(missing_ok=True)
            return
        _copy(source / name, target / name)

    def _conflict(self, a: str, b: str, name: str, l_has: str | None, r_has: str | None) -> None:
        left, right = self.folders[a], self.folders[b]
        if l_has is None or r_has is None:
            # Deleted on one side, changed on the other: Syncthing keeps the change.
            source, target = (right, left) if l_has is None else (left, right)
            _copy(source / name, target / name)
            return
        l_time, r_time = (left / name).stat().st_mtime_ns, (right / name).stat().st_mtime_ns
        if (l_time, a) >= (r_time, b):
            winner, loser, loser_name = left, right, b
        else:
            winner, loser, loser_name = right, left, a
        when = datetime.fromtimestamp(min(l_time, r_time) / 1e9, UTC)
        copy = conflict_name(name, when, loser_name)
        _copy(loser / name, loser / copy)
        _copy(loser / name, winner / copy)
        _copy(winner / name, loser / name)
        self.conflicts.append(winner / copy)


def _copy(source: Path, target: Path) -> None:
    """Copy as a sync tool does: to a temporary name, then renamed into place,
    keeping the mtime and giving the file the owner's private mode."""
    temp = target.with_name(f".syncthing.{target.name}.tmp")
    shutil.copy2(source, temp)
    os.chmod(temp, 0o600)
    os.replace(temp, target)
