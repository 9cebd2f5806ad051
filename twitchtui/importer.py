"""Restoring a JSON export: read it, check it, and work out what would change.

Pure: the CLI reads the file through the store package and writes through
``Store.merge``. Twitches are matched by id, day logs by date; an entry in the
file replaces the diary's entry with the same id or date, so importing the
same file twice changes nothing the second time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from .model import DayLog, InvalidEntry, Relief, Settings, Twitch


class ExportTooNew(InvalidEntry):
    """The file was exported by a newer twitchtui, with a newer schema."""


@dataclass(frozen=True, slots=True)
class ExportFile:
    schema: int
    settings: dict
    twitches: tuple[Twitch, ...]
    days: tuple[DayLog, ...]


def read_export(
    text: str, *, newest_schema: int, now: datetime, name: str = "the file"
) -> ExportFile:
    """Parse a ``twitchtui export --format json`` file; raise ``InvalidEntry``
    with a plain reason if it is not one, or ``ExportTooNew``."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise InvalidEntry("file", f"{name} is not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(doc, dict) or doc.get("app") != "twitchtui":
        raise InvalidEntry(
            "file", f"{name} is not a twitchtui export (made by: twitchtui export --format json)"
        )
    schema = doc.get("schema")
    if not isinstance(schema, int) or schema < 1:
        raise InvalidEntry("file", f"{name} has no schema number")
    if schema > newest_schema:
        raise ExportTooNew(
            "file",
            f"{name} was exported by a newer twitchtui (schema {schema}; this one reads up to "
            f"{newest_schema}). Update twitchtui, then import it",
        )
    twitches, days = [], []
    for index, entry in enumerate(doc.get("twitches") or []):
        try:
            twitches.append(Twitch.from_doc(entry).validated(now))
        except (InvalidEntry, KeyError, TypeError, ValueError) as exc:
            why = _why(exc)
            raise InvalidEntry("file", f"twitch number {index + 1} in {name}: {why}") from None
    for index, entry in enumerate(doc.get("days") or []):
        try:
            days.append(DayLog.from_doc(entry).validated())
        except (InvalidEntry, KeyError, TypeError, ValueError) as exc:
            raise InvalidEntry("file", f"day number {index + 1} in {name}: {_why(exc)}") from None
    sessions: dict[str, list[Relief]] = {}
    for index, entry in enumerate(doc.get("relief") or []):
        try:
            fields = {k: v for k, v in entry.items() if k not in ("kind", "type", "date")}
            session = Relief.from_doc({**fields, "kind": entry["type"]}).validated()
            sessions.setdefault(str(entry["date"]), []).append(session)
        except (InvalidEntry, KeyError, TypeError, ValueError, AttributeError) as exc:
            why = _why(exc)
            raise InvalidEntry("file", f"relief session {index + 1} in {name}: {why}") from None
    by_day = {d.day.isoformat(): d for d in days}
    for day, found in sessions.items():
        log = by_day.get(day) or DayLog(date.fromisoformat(day))
        by_day[day] = replace(log, relief=tuple(sorted(found, key=lambda r: r.started)))
    days = list(by_day.values())
    settings = doc.get("settings") or {}
    if not isinstance(settings, dict):
        raise InvalidEntry("file", f"the settings in {name} are not readable")
    return ExportFile(schema, settings, tuple(twitches), tuple(days))


def _why(exc: Exception) -> str:
    if isinstance(exc, InvalidEntry):
        return f"{exc.field} {exc.message}"
    if isinstance(exc, KeyError):
        return f"{exc.args[0]!r} is missing"
    return str(exc)


@dataclass(frozen=True, slots=True)
class Plan:
    """What an import would do."""

    twitches_added: int
    twitches_replaced: int
    twitches_same: int
    days_added: int
    days_replaced: int
    days_same: int
    settings: Settings | None
    """The settings to save, or None to leave the diary's as they are."""
    settings_note: str
    new_twitches: tuple[Twitch, ...] = ()
    new_days: tuple[DayLog, ...] = ()
    """The entries to write: those added or replaced, not those already the same."""

    @property
    def changes(self) -> bool:
        return bool(
            self.twitches_added
            or self.twitches_replaced
            or self.days_added
            or self.days_replaced
            or self.settings is not None
        )

    @property
    def replaces(self) -> bool:
        return bool(self.twitches_replaced or self.days_replaced)

    def lines(self, dry_run: bool) -> list[str]:
        would = "would be" if dry_run else "were"
        out = [
            f"Twitches: {self.twitches_added} {would} added, {self.twitches_replaced} "
            f"replaced, {self.twitches_same} already the same.",
            f"Day logs: {self.days_added} {would} added, {self.days_replaced} replaced, "
            f"{self.days_same} already the same.",
            self.settings_note,
        ]
        if not self.changes:
            out.append("Nothing to change: the diary already holds everything in the file.")
        return out


def plan(
    data: ExportFile,
    twitches: Iterable[Twitch],
    days: dict[date, DayLog],
    current: Settings,
    *,
    replace_settings: bool = False,
) -> Plan:
    have = {t.id: t for t in twitches}
    t_write = tuple(t for t in data.twitches if have.get(t.id) != t)
    t_new = sum(1 for t in t_write if t.id not in have)
    d_write = tuple(d for d in data.days if days.get(d.day) != d)
    d_new = sum(1 for d in d_write if d.day not in days)
    settings, note = _settings(data.settings, current, replace_settings)
    return Plan(
        t_new,
        len(t_write) - t_new,
        len(data.twitches) - len(t_write),
        d_new,
        len(d_write) - d_new,
        len(data.days) - len(d_write),
        settings,
        note,
        t_write,
        d_write,
    )


def _settings(doc: dict, current: Settings, replace: bool) -> tuple[Settings | None, str]:
    if not doc:
        return None, "Settings: none in the file; yours are kept."
    # The patient's name and birth date are never exported: keep the diary's.
    merged = {**current.to_doc(), **doc}
    for name in Settings.PRIVATE:
        merged[name] = current.to_doc()[name]
    try:
        wanted = Settings.from_doc(merged)
    except (InvalidEntry, KeyError, TypeError, ValueError) as exc:
        raise InvalidEntry("file", f"the settings in the file: {_why(exc)}") from None
    if wanted == current:
        return None, "Settings: already the same."
    if current != Settings() and not replace:
        return None, "Settings: yours differ from the file's; kept (--settings takes the file's)."
    return wanted, "Settings: taken from the file."
