"""Where a diary's files are: the main file, each device's files, conflict copies, and month maths.

For ``--db ~/notes/diary.json`` on the device ``laptop-3f2a`` (schema 4)::

    diary.json                       main file: the schema stamp only (written
                                     when the diary is created or upgraded)
    diary.2026-11.laptop-3f2a.json   this device's records of one month
    diary.2026-11.desk-91c0.json     another device's, carried by a sync tool
    diary.settings.laptop-3f2a.json  this device's settings records
    diary.json.lock                  cross-process lock (local to a machine)

Each device writes only the files carrying its own name, so two machines
sharing the folder through a sync tool never write the same file, and the
reader unions the records of every file (``records``). Also recognised, and
merged, never ignored: a month file of the old layout (``diary.2026-11.json``,
schema 3 and before), and the conflict copies sync tools make of any of
these files (``CONFLICT``). A name matching nothing here (a sync tool's
temporary file, a backup, a copy already merged) is left alone.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

from .atomic import Signature, signature

OWNCLOUD = r"_conflict-\d{8}-\d{6}"
"""The tail older ownCloud clients give a conflict copy (no dot before it)."""

DEVICE = rf"(?!sync-conflict-)(?:(?!{OWNCLOUD})[A-Za-z0-9_-]){{1,32}}"
"""A device name, as ``machine.check_device`` allows it (no dot, no space;
never the beginning of a Syncthing conflict copy's tail, and it ends where
an ownCloud one begins)."""

CONFLICT = (
    r"(?:\.sync-conflict-\d{8}-\d{6}(?:-[A-Za-z0-9]{1,16})?"  # Syncthing
    # Dropbox, Nextcloud and ownCloud, in any language: (… conflicted copy …),
    # (Konflikt-Kopie von …), (copie en conflit …), (copia in conflitto …)
    r"| \([^()]*(?i:[ck]onfli(?:ct|t|kt))[^()]*\)"
    rf"|{OWNCLOUD}"
    r"| [2-9]| [1-9]\d+)"  # iCloud Drive: "name 2.json"
)
"""How sync tools name the copy they keep of a file changed on two machines
at once, between the file's name and its ``.json``::

    diary.2026-11.desk.sync-conflict-20261120-100000-ABCDEFG.json   Syncthing
    diary.2026-11.desk (Ann's conflicted copy 2026-11-20).json      Dropbox
    diary.2026-11.desk (conflicted copy 2026-11-20 100000).json     Nextcloud
    diary.2026-11.desk (Konflikt-Kopie von Ann 2026-11-20).json     Dropbox, in German
    diary.2026-11.desk_conflict-20261120-100000.json                ownCloud (older)
    diary.2026-11.desk 2.json                                       iCloud Drive
"""

MERGED = ".merged-"
"""A conflict copy once merged is renamed ``<its name>.merged-YYYY-MM-DD``:
no longer ending in ``.json``, it is never read again."""


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_span(month: str) -> tuple[date, date]:
    """The first and last calendar day of a "YYYY-MM" month."""
    year, number = int(month[:4]), int(month[5:7])
    following = date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
    return date(year, number, 1), following - timedelta(days=1)


def months_between(first: date, last: date) -> list[str]:
    """Every "YYYY-MM" from ``first``'s month to ``last``'s, in order."""
    months: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@dataclass(frozen=True)
class DiaryFile:
    """One file of a diary, as its name says."""

    folder: Path
    name: str
    kind: str
    """"main", "month" or "settings"."""
    month: str | None = None
    device: str | None = None
    """The device whose file it is (or whose file it is a copy of); None for
    the main file and a month file of the old layout."""
    copy: bool = False
    """A sync tool's conflict copy."""

    @cached_property
    def path(self) -> Path:
        """Made when first asked for: a listing names many files it never opens."""
        return self.folder / self.name

    @property
    def legacy(self) -> bool:
        """A month file of the old layout (one file for every machine)."""
        return self.kind == "month" and self.device is None


MonthSig = tuple[tuple[str, Signature], ...]
"""The stat signatures of every file behind one month, by name: what the
cache and the derived index key a month on (never a content hash)."""


@dataclass
class Listing:
    """The diary files in the folder at one moment (``Layout.listing``)."""

    files: list[DiaryFile] = field(default_factory=list)
    merged: list[Path] = field(default_factory=list)
    """Conflict copies already merged (``MERGED``)."""
    months: dict[str, list[DiaryFile]] = field(default_factory=dict)
    settings: list[DiaryFile] = field(default_factory=list)
    """Settings files, their copies, and the copies of the main file (which
    may hold the settings of an older twitchtui)."""

    def __post_init__(self) -> None:
        for item in sorted(self.files, key=lambda f: f.name):
            if item.kind == "month" and item.month is not None:
                self.months.setdefault(item.month, []).append(item)
            elif item.kind == "settings" or (item.kind == "main" and item.copy):
                self.settings.append(item)
        self.months = dict(sorted(self.months.items()))

    @property
    def pending(self) -> list[DiaryFile]:
        """Conflict copies not merged yet, and old-layout month files."""
        return [f for f in self.files if f.copy or f.legacy]


class Layout:
    """The names of one diary's files for one device (``listing`` looks at the disk)."""

    def __init__(self, path: Path, device: str = "") -> None:
        self.path = path
        self.folder = path.parent
        self.stem = path.name.removesuffix(".json")
        self.device = device
        self.lock = Path(f"{path}.lock")
        stem = re.escape(self.stem)
        self._name_re = re.compile(
            rf"^(?P<base>{stem}(?:\.(?P<month>\d{{4}}-\d{{2}})(?:\.(?P<mdev>{DEVICE}))?"
            rf"|\.settings\.(?P<sdev>{DEVICE}))?)(?P<copy>(?:{CONFLICT})*)\.json$"
        )
        self._merged_re = re.compile(rf"^{stem}\..*\.json{re.escape(MERGED)}\d{{4}}-\d\d-\d\d")
        self._pending_re = re.compile(
            rf"(?m)^{stem}(?:[^\n]* [^\n]*|[^\n]*\.sync-conflict-[^\n]*"
            rf"|[^\n]*{OWNCLOUD}[^\n]*|\.\d{{4}}-\d{{2}}\.json)$"
        )
        self._listing: tuple[Signature | None, bool, Listing] | None = None
        self._named = _NAMED.setdefault((str(self.folder), self.stem), {})
        """What each name seen in the folder is: a name always means the same,
        so it is shared by every ``Layout`` of the diary in this process, as
        is the last listing made (``_SCANNED``)."""
        self._key = (str(self.folder), self.stem)

    # ------------------------------------------------------------------ names

    def shard(self, month: str) -> Path:
        """This device's file of ``month``."""
        return self.folder / f"{self.stem}.{month}.{self.device}.json"

    def legacy_shard(self, month: str) -> Path:
        """The month file of the old layout (schema 3 and before)."""
        return self.folder / f"{self.stem}.{month}.json"

    @property
    def settings_file(self) -> Path:
        """This device's settings file."""
        return self.folder / f"{self.stem}.settings.{self.device}.json"

    def classify(self, name: str) -> DiaryFile | None:
        """What the file ``name`` in the diary's folder is, if a diary file."""
        match = self._name_re.match(name)
        if match is None:
            return None
        copy = bool(match["copy"])
        folder = self.folder
        if match["month"]:
            return DiaryFile(folder, name, "month", match["month"], match["mdev"], copy)
        if match["sdev"]:
            return DiaryFile(folder, name, "settings", None, match["sdev"], copy)
        return DiaryFile(folder, name, "main", copy=copy)

    def is_shard(self, path: Path) -> bool:
        """A month file of this diary (any device's, or the old layout's), not a copy."""
        found = self.classify(path.name) if path.parent == self.folder else None
        return found is not None and found.kind == "month" and not found.copy

    def is_own(self, path: Path) -> bool:
        """A file this device writes: one of its month files, or its settings."""
        found = self.classify(path.name) if path.parent == self.folder else None
        return found is not None and not found.copy and found.device == self.device

    # ------------------------------------------------------------------ the folder

    def listing(self, *, fresh: bool = False) -> Listing:
        """The diary files in the folder. Scanned again when the folder's
        signature changed (a file added, removed or renamed changes its
        mtime), or when it changed so recently that a second change within
        the same clock tick could hide behind it; ``fresh``: always."""
        sig = signature(self.folder)
        known = self._listing
        if not fresh and known is not None and known[0] == sig and known[1]:
            return known[2]
        scanned = time.time_ns()
        begin = self.stem
        names = sorted(n for n in self.names(fresh=fresh) if n.startswith(begin))
        last = _SCANNED.get(self._key)
        if last is not None and last[0] == names:
            # The same names as last time (a file replaced, not added):
            # the same listing; only the folder's signature is new.
            self._listing = (sig, _settled(sig, scanned), last[1])
            return last[1]
        named = self._named
        if len(named) > 4 * len(names) + 64:  # names long gone: forget them
            named.clear()
        files: list[DiaryFile] = []
        merged: list[Path] = []
        for name in names:
            if name in named:
                found = named[name]
            else:
                found = named[name] = self.classify(name)
            if found is not None:
                if found.kind != "main" or found.copy:
                    files.append(found)
            elif self._merged_re.match(name):
                merged.append(self.folder / name)
        listing = Listing(files, sorted(merged))
        self._listing = (sig, _settled(sig, scanned), listing)
        _SCANNED[self._key] = (names, listing)
        return listing

    def names(self, *, fresh: bool = False) -> list[str]:
        """Every name in the folder, listed again on the same terms as
        ``listing`` (kept per folder for every ``Layout`` of this process:
        opening a diary, sweeping its temporary files and listing its files
        then cost one ``stat`` of the folder, not three listings)."""
        sig = signature(self.folder)
        known = _RAW.get(self._key)
        if not fresh and known is not None and known[0] == sig and known[1]:
            return known[2]
        scanned = time.time_ns()
        try:
            found = os.listdir(self.folder)
        except FileNotFoundError:
            found = []
        _RAW[self._key] = (sig, _settled(sig, scanned), found)
        return found

    def has_pending(self) -> bool:
        """Whether the folder may hold a conflict copy or an old-layout month
        file (``Listing.pending``), without classifying every name: one
        search of the names for what only those can have (a space, a
        Syncthing tail, a month with no device). Opening a diary asks."""
        return self._pending_re.search("\n".join(self.names())) is not None

    def folder_sig(self) -> Signature | None:
        return signature(self.folder)

    def month_files(self, month: str, *, fresh: bool = False) -> list[DiaryFile]:
        """Every file behind ``month``: each device's, the old layout's, and
        their conflict copies, by name."""
        return self.listing(fresh=fresh).months.get(month, [])

    def shard_paths(self) -> dict[str, Path]:
        """Every month that has a file, oldest first: this device's file
        where it has one, else the first file of another (by name)."""
        out: dict[str, Path] = {}
        for month, found in self.listing().months.items():
            own = [f.path for f in found if f.device == self.device and not f.copy]
            out[month] = own[0] if own else found[0].path
        return out

    def for_days(self, days: list[date]) -> list[str]:
        """The months that hold ``days`` (a diary day can reach past midnight
        into the next month)."""
        return sorted({month_of(d) for d in days} | {month_of(d + timedelta(1)) for d in days})

    @property
    def journal(self) -> Path:
        """Where a write of several of this device's files saves its moves
        until all are made (``atomic.write_together``); a hidden name no
        listing takes for a diary file, nor the sweep for a temporary one."""
        return self.folder / f".{self.path.name}.{self.device}.journal"

    @property
    def temp_prefixes(self) -> tuple[str, ...]:
        """How the temporary files of an unfinished write begin."""
        return (f".{self.path.name}.", f".{self.stem}.")


_NAMED: dict[tuple[str, str], dict[str, DiaryFile | None]] = {}
"""Each diary folder's names, classified (``Layout.classify``)."""
_RAW: dict[tuple[str, str], tuple[Signature | None, bool, list[str]]] = {}
"""Each diary folder's names at its last listing, with the folder's
signature then and whether that listing can be trusted (``_settled``)."""
_SCANNED: dict[tuple[str, str], tuple[list[str], Listing]] = {}
"""Each diary folder's names at its last scan, and the listing made of them
(a listing is never changed once made)."""


def _settled(sig: Signature | None, scanned: int) -> bool:
    """Whether a listing made at ``scanned`` (ns) can be trusted while the
    folder keeps the signature ``sig``. Not when the folder changed so
    shortly before that a second change within the same tick of the file
    system's clock would leave the signature as it was: a tick is at most
    two seconds on a file system that keeps whole seconds (FAT, HFS+), and
    a few milliseconds on one that keeps nanoseconds (the kernel's coarse
    clock; 50 ms is ample)."""
    if sig is None:
        return False
    mtime = sig[2]
    tick = 2_000_000_000 if mtime % 1_000_000_000 == 0 else 50_000_000
    return scanned - mtime > tick


def month_sig(files: list[DiaryFile]) -> MonthSig:
    """The signatures of ``files`` that exist, by name."""
    out = []
    for item in files:
        sig = signature(item.path)
        if sig is not None:
            out.append((item.name, sig))
    return tuple(out)
