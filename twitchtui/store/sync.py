"""One diary on every machine: the upgrade to per-device files, conflict copies, and the report.

Each device writes only its own files (``files``) and every reader merges
them all (``records``), so a sync tool (Syncthing, Dropbox, iCloud Drive,
Nextcloud) never has two machines' versions of one file to choose between.
When it still makes a conflict copy (the same device name on two machines,
a file restored from a backup, the main file upgraded on both at once), the
copy's records are merged at once by the reader, and the next open folds
them into this device's own file (records keep their ids, stamps and
devices, so the union is exact) and renames the copy
``<name>.merged-YYYY-MM-DD``, which the sync tool carries to the others.

Everything here runs under the diary lock, and is safe to run again after
a crash: what is written first is a union by id, and a copy is renamed only
once its records are in this device's own file.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..humanize import plural
from ..model import DayLog, InvalidEntry, Twitch
from ..model.values import Doc
from .atomic import JsonCache, make_private_folder
from .errors import DeviceNameTaken, DiaryDamaged, StoreError
from .files import MERGED, DiaryFile, Layout, Listing, month_of
from .reader import PARSE_ERRORS, left_out_line, month_docs, read_month, usable_settings
from .records import legacy_day, legacy_settings, merge_settings, twitch_key, unique, wins
from .schema import SCHEMA, check_main, check_shard, from_schema_1, meta, settings_with_ids
from .writer import DiaryWriter


@dataclass(frozen=True)
class SyncReport:
    """How the diary stands across machines (``Store.sync_report``)."""

    device: str
    """This machine's device name."""
    devices: dict[str, datetime | None]
    """Every device with files in the diary (this one always), and when it
    last wrote: the latest modification time of its files (as the sync tool
    left it; None: no file yet)."""
    merged: list[Path]
    """Conflict copies already merged (``….merged-YYYY-MM-DD``)."""
    pending: list[Path]
    """Conflict copies (and old-layout month files) not merged yet: their
    records are read meanwhile."""
    unreadable: list[tuple[Path, str]]
    """Files of other devices, or copies, that cannot be read now (a sync
    tool still writing them), and why: left out until they can."""


# ---------------------------------------------------------------- tables


class Tables:
    """This device's own files being added to, in one write at the end."""

    def __init__(self, layout: Layout, writer: DiaryWriter) -> None:
        self.layout = layout
        self.writer = writer
        self.held: dict[Path, tuple[Doc, dict[str, dict[str, Doc]]]] = {}
        self.seen: dict[Path, dict[str, set[object]]] = {}

    def _file(
        self, path: Path, stamp: Doc
    ) -> tuple[dict[str, dict[str, Doc]], dict[str, set[object]]]:
        if path not in self.held:
            tables = self.writer.own_tables(path)
            self.held[path] = (stamp, tables)
            self.seen[path] = {
                name: {_identity(name, doc) for doc in docs.values()}
                for name, docs in tables.items()
            }
        return self.held[path][1], self.seen[path]

    def add(self, path: Path, stamp: Doc, table: str, docs: list[Doc]) -> int:
        """Add the documents this file does not hold yet; how many were new."""
        tables, seen = self._file(path, stamp)
        known = seen.setdefault(table, set())
        new = []
        for doc in docs:
            identity = _identity(table, doc)
            if identity not in known:
                known.add(identity)
                new.append(doc)
        DiaryWriter.append(tables, table, new)
        return len(new)

    def write(self) -> None:
        self.writer.write_together(
            {path: {"meta": {"1": stamp}, **tables} for path, (stamp, tables) in self.held.items()}
        )


def _identity(table: str, doc: Doc) -> object:
    """What makes a document the same one: a twitch version by its id and
    stamp, a record by its id."""
    if table == "twitches":
        return (doc.get("id"), *twitch_key(doc), bool(doc.get("gone")))
    return doc.get("id")


# ---------------------------------------------------------------- the upgrade


def migrate(layout: Layout, writer: DiaryWriter, cache: JsonCache, data: Doc) -> None:
    """Bring an older diary up to ``SCHEMA``, losslessly; the caller holds
    the lock. The old main file is kept as ``diary.json.schemaN.bak`` and
    the old month files are moved into ``diary.schemaN-months/``, only
    after this device's files hold all they held. Safe to re-run after a
    crash: what is written is a union by id (the same on every device: two
    machines that both upgrade the same synced diary write the same
    records)."""
    path = layout.path
    schema = check_main(path, data)
    if schema >= SCHEMA:
        return
    tables = Tables(layout, writer)
    if schema < 2:  # one file held everything
        backup = path.with_name(f"{path.name}.schema1.bak")
        if not backup.exists():
            writer.write_whole(backup, data)
        twitches, days, old_settings = from_schema_1(data)
        _add_month_entries(layout, tables, twitches, days)
        settings_doc = (old_settings or {}).get("1")
    else:
        backup = path.with_name(f"{path.name}.schema{schema}.bak")
        if not backup.exists():
            writer.write_whole(backup, data)
        settings_doc = (data.get("settings") or {}).get("1")
    if settings_doc:
        try:
            record = legacy_settings(settings_with_ids(dict(settings_doc)))
        except (InvalidEntry, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DiaryDamaged(path, f"holds settings that cannot be read ({exc})") from exc
        tables.add(layout.settings_file, meta(device=layout.device), "settings", [record])
    old_months = [f for f in layout.listing(fresh=True).files if f.legacy and not f.copy]
    for item in old_months:
        _, month_data = cache.load(item.path, strict=True)
        if month_data is None:
            continue
        check_shard(item.path, month_data)
        try:
            docs = list(month_data.get("twitches", {}).values())
            for doc in docs:
                Twitch.from_doc(doc)
            records = [legacy_day(d) for d in month_data.get("days", {}).values()]
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DiaryDamaged(item.path, f"holds an entry that cannot be read ({exc!r})") from exc
        assert item.month is not None
        stamp = meta(month=item.month, device=layout.device)
        tables.add(layout.shard(item.month), stamp, "twitches", docs)
        tables.add(layout.shard(item.month), stamp, "days", _nonempty(records))
    tables.write()
    if old_months:
        # Kept, never deleted: in one folder beside the diary, so that ten
        # years of month files do not double what the folder holds.
        kept = layout.folder / f"{layout.stem}.schema{max(schema, 2)}-months"
        if not kept.exists():
            make_private_folder(kept)
        for item in old_months:
            with contextlib.suppress(FileNotFoundError):
                os.replace(item.path, _free(kept / item.name))
            cache.forget(item.path)
    writer.write_whole(path, {"meta": {"1": meta()}})


def _add_month_entries(
    layout: Layout, tables: Tables, twitches: list[Twitch], days: list[DayLog]
) -> None:
    for twitch in twitches:
        month = month_of(twitch.at.date())
        stamp = meta(month=month, device=layout.device)
        tables.add(layout.shard(month), stamp, "twitches", [twitch.to_doc()])
    for log in days:
        month = month_of(log.day)
        stamp = meta(month=month, device=layout.device)
        tables.add(layout.shard(month), stamp, "days", _nonempty([legacy_day(log.to_doc())]))


def _nonempty(records: list[Doc]) -> list[Doc]:
    """Records that hold something (a day of the old layout may be all defaults)."""
    return [r for r in records if r.keys() - {"id", "day"}]


def _free(target: Path) -> Path:
    """``target``, or ``target-2``, ``-3``…: the first name not taken."""
    n, free = 1, target
    while free.exists():
        n += 1
        free = target.with_name(f"{target.name}-{n}")
    return free


# ---------------------------------------------------------------- conflict copies


def merge_conflicts(
    layout: Layout, writer: DiaryWriter, cache: JsonCache, now: datetime
) -> list[str]:
    """Fold every conflict copy (and old-layout month file) into this
    device's own files, then rename it ``<name>.merged-YYYY-MM-DD``. A copy
    that cannot be read yet (still being written) is left for next time.
    A line for each copy merged."""
    if not layout.has_pending() or not layout.listing(fresh=True).pending:
        return []
    lines: list[str] = []
    with writer.transaction():
        listing = layout.listing(fresh=True)
        tables = Tables(layout, writer)
        done: list[DiaryFile] = []
        for item in listing.pending:
            line = _fold(layout, cache, writer, tables, item, listing)
            if line is not None:
                lines.append(line)
                done.append(item)
        tables.write()
        for item in done:
            target = _free(item.path.with_name(f"{item.path.name}{MERGED}{now.date().isoformat()}"))
            with contextlib.suppress(FileNotFoundError):
                os.replace(item.path, target)
            cache.forget(item.path)
            writer.cache.unreadable.pop(item.path, None)
    return lines


def _fold(
    layout: Layout,
    cache: JsonCache,
    writer: DiaryWriter,
    tables: Tables,
    item: DiaryFile,
    listing: Listing,
) -> str | None:
    """Add one copy's records to this device's file; its line, or None
    when it cannot be read yet."""
    unreadable: dict[Path, str] = writer.cache.unreadable
    where = _where(item)
    if item.kind == "month":
        assert item.month is not None
        view = read_month(layout, cache, [item], unreadable, strict=True)
        if item.path in unreadable:
            return None
        others = [f for f in listing.months.get(item.month, []) if not (f.copy or f.legacy)]
        base = read_month(layout, cache, others, {}, strict=True)
        # Counted: what the copy adds or changes (an older version of a twitch
        # the diary holds is folded in too, but changes nothing).
        new_twitches = sum(
            1
            for ident, (doc, _) in view.twitches.items()
            if ident not in base.twitches
            or wins(doc, (kept := base.twitches[ident][0]), twitch_key(doc), twitch_key(kept))
        )
        new_days = sum(1 for ident in view.records if ident not in base.records)
        stamp = meta(month=item.month, device=layout.device)
        target = layout.shard(item.month)
        tables.add(target, stamp, "twitches", [doc for doc, _ in view.twitches.values()])
        tables.add(target, stamp, "days", _nonempty(list(view.records.values())))
        what = [plural(new_twitches, "twitch")] if new_twitches else []
        if new_days:
            what.append(plural(new_days, "day entry", "day entries"))
        return f"Merged {' and '.join(what) or 'nothing new'} from {where}"
    try:
        _, data = cache.load(item.path, strict=True)
        if data is None:
            return None
        check_shard(item.path, data)
        if item.kind == "main":
            doc = (data.get("settings") or {}).get("1")
            records = [legacy_settings(settings_with_ids(dict(doc)))] if doc else []
        else:
            records = list(data.get("settings", {}).values())
        merge_settings(unique([records])).settings()  # all of it readable, or none
    except (DiaryDamaged, KeyError, TypeError, ValueError, AttributeError) as exc:
        unreadable[item.path] = exc.reason if isinstance(exc, DiaryDamaged) else repr(exc)
        return None
    known: set[object] = set()  # what the devices' own settings files hold already
    for other in listing.settings:
        if other.kind == "settings" and not other.copy:
            with contextlib.suppress(DiaryDamaged):
                _, held = cache.load(other.path)
                known.update(r.get("id") for r in (held or {}).get("settings", {}).values())
    new = sum(1 for r in records if r.get("id") not in known)
    tables.add(layout.settings_file, meta(device=layout.device), "settings", records)
    said = plural(new, "settings change") if new else "nothing new"
    return f"Merged {said} from {where}"


def _where(item: DiaryFile) -> str:
    """Where a merged line says the records came from."""
    if item.legacy:
        kind = "a conflict copy of a month file" if item.copy else "a month file"
        return f"{kind} of the old layout ({item.path.name})"
    made = f"made by {item.device}" if item.device else "of the main file"
    return f"a conflict copy {made} ({item.path.name})"


# ---------------------------------------------------------------- the report


def sync_report(layout: Layout, cache: JsonCache, unreadable: dict[Path, str]) -> SyncReport:
    """How the diary stands across machines: read the other devices' files
    (their JSON only) to say which cannot be read now."""
    listing = layout.listing(fresh=True)
    devices: dict[str, datetime | None] = {layout.device: None}
    bad: list[tuple[Path, str]] = []
    for item in listing.files:
        if item.device is not None and not item.copy:
            with contextlib.suppress(OSError):
                moment = datetime.fromtimestamp(item.path.stat().st_mtime).astimezone()
                known = devices.get(item.device)
                devices[item.device] = moment if known is None or moment > known else known
            devices.setdefault(item.device, None)
        own = item.device == layout.device and not item.copy
        try:
            _, data = cache.load(item.path)
            if data is not None:
                check_shard(item.path, data)
            if own:  # this machine's: checked when written, but it may be damaged since
                continue
            left_out: list[str] = []  # entries no form would take are left out
            if data is not None and item.kind == "month":
                month_docs(item, cache, strict=False, checked=left_out)
            elif data is not None and item.kind == "settings":
                for record in data.get("settings", {}).values():
                    usable_settings(record, left_out)
            if left_out:
                bad.append((item.path, left_out_line(left_out)))
        except DiaryDamaged as exc:
            bad.append((item.path, exc.reason))
        except PARSE_ERRORS as exc:
            bad.append((item.path, f"holds an entry that cannot be read ({exc!r})"))
    for path, why in sorted(unreadable.items()):
        if (
            path.exists()
            and all(p != path for p, _ in bad)
            and path not in {f.path for f in listing.files}
        ):
            bad.append((path, why))
    return SyncReport(
        device=layout.device,
        devices=dict(sorted(devices.items())),
        merged=list(listing.merged),
        pending=[f.path for f in listing.pending],
        unreadable=sorted(bad),
    )


# ---------------------------------------------------------------- renaming a device


def rename_device(layout: Layout, writer: DiaryWriter, new: str) -> None:
    """Rename this device's own files to carry ``new`` (under the lock).
    Refused, with nothing renamed, when a file of that name exists: ``new``
    is another device's name."""
    old = layout.device
    if new == old:
        return
    with writer.transaction():
        files = layout.listing(fresh=True).files
        # In any letter case: a folder synced to macOS or Windows holds
        # "laptop" and "Laptop" as one name.
        taken = [
            f
            for f in files
            if f.device not in (None, old) and f.device.casefold() == new.casefold()
        ]
        if taken:
            # Even with no month in common: this machine would then write as
            # that one, and a later rename would carry its files off.
            raise DeviceNameTaken(
                f"{new!r} is the name of another device of this diary "
                f"({taken[0].path.name}). Nothing was renamed."
            )
        own = [f for f in files if f.device == old and not f.copy]
        moves: list[tuple[Path, Path]] = []
        for item in own:
            if item.kind == "month":
                assert item.month is not None
                target = layout.folder / f"{layout.stem}.{item.month}.{new}.json"
            else:
                target = layout.folder / f"{layout.stem}.settings.{new}.json"
            if target.exists():
                raise StoreError(
                    f"{target} exists: {new!r} is the name of another device of this diary. "
                    "Nothing was renamed."
                )
            moves.append((item.path, target))
        for source, target in moves:
            os.replace(source, target)
            writer.cache.files.forget(source)
        layout.device = new
