"""Restoring a JSON export: read it, check it, and work out what would change.

Pure: the CLI reads the file through the store package and writes through
``Store.restore``, every file at once. Twitches and experiments are matched
by id over the whole diary, day logs by date; an entry in the file replaces
the diary's entry with the same id or date, so importing the same file twice
changes nothing the second time. Each entry goes through the model's own
checks (``validated``), so any value the app would refuse is refused here,
with the entry and the field named; a day log passes through
``DayLog.from_doc``, so its fields are exactly the model's.
"""

from __future__ import annotations

import io
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, TextIO

from .import_checks import _numbers, _setting_kinds
from .import_stream import NotStreamed, Source, items
from .import_stream import value as stream_value
from .model import (
    FUTURE_SLACK,
    PAUSE,
    DayLog,
    Experiment,
    InvalidEntry,
    Relief,
    Settings,
    Twitch,
    check_year,
    clean_text,
    shown,
)
from .model.checked import CheckedTwitches, TwitchChecks
from .model.values import Doc, _aware


class ExportTooNew(InvalidEntry):
    """The file was exported by a newer twitchtui, with a newer schema."""


Tick = Callable[[int, int], None] | None  # told (done, total) as twitches are read
RESTORE_SLACK = timedelta(days=1)
"""How far past the file's ``exported_at`` an entry may lie (a clock that ran
ahead when the export was made); anything later is refused."""
ERRORS = (InvalidEntry, KeyError, TypeError, ValueError, AttributeError, RecursionError)
"""What a hostile entry can raise while it is read: each becomes one line."""


@dataclass(frozen=True, slots=True)
class ExportFile:
    schema: int
    settings: Doc
    twitches: tuple[Twitch, ...]
    days: tuple[DayLog, ...]
    experiments: tuple[Experiment, ...] = ()
    until: datetime | None = None
    """The latest moment an entry may have: ``exported_at`` plus a day."""
    ahead: int = 0
    """How many entries lie in the future by the clock now (accepted: warned)."""


def read_export(
    source: str | TextIO,
    *,
    newest_schema: int,
    now: datetime,
    name: str = "the file",
    progress: Tick = None,
) -> ExportFile:
    """Parse a ``twitchtui export --format json`` file (its text, or the
    file opened as text); raise ``InvalidEntry`` with a plain reason if it is
    not one, or ``ExportTooNew``. Every entry goes through the model's own
    checks; nothing is converted silently.

    An import is all or nothing, so every entry is held until the write;
    the file is not. Read from a file laid out as an export is, its twitches
    come a value at a time (``import_stream``), each let go once it is a
    twitch; any other file (a refusal included) is read again whole, so the
    answer is always the one its text gets. The twitches come back as
    ``CheckedTwitches``: the store does not check them again, and makes and
    writes the month files one at a time."""
    if not isinstance(source, str) and source.seekable():
        start = source.tell()
        try:
            return _streamed(source, newest_schema, now, name, progress)
        except (NotStreamed, InvalidEntry):
            source.seek(start)
    doc = _document(source if isinstance(source, str) else _read_whole(source, name), name)
    schema, until = _head(doc, newest_schema, now, name)
    read = _Entries(doc, name, until, now + FUTURE_SLACK, progress)
    return _rest(read, read.twitches(), schema, until)


WHOLE_MAX = 512 * 1024 * 1024
"""The largest file read whole (one not laid out as an export writes it):
an export of 500,000 twitches is about a fifth of this. A larger one, or
an endless one (/dev/zero), would take the memory with it."""


def _read_whole(file: TextIO, name: str) -> str:
    """The text of a file not laid out as an export writes it (or a pipe),
    refused unread past ``WHOLE_MAX``: an endless pipe is not read until the
    memory runs out. (A device is refused before it is opened: ``cli.import_``.)"""
    too_big = InvalidEntry(
        "FILE",
        f"{name} is over {WHOLE_MAX // 2**20:,} MiB and not laid out as a twitchtui export "
        "writes one (its app, schema and exported_at before its twitches), so it was not read",
    )
    try:
        st = os.fstat(file.fileno())
    except (OSError, AttributeError, io.UnsupportedOperation):
        st = None  # not a file on disk (a test's StringIO)
    if st is not None and stat.S_ISREG(st.st_mode) and st.st_size > WHOLE_MAX:
        raise too_big
    raw = getattr(file, "buffer", None)
    if st is not None and stat.S_ISFIFO(st.st_mode) and raw is not None:
        # Bytes, not characters: 512 Mi characters of 4-byte UTF-8 are 2 GiB.
        data = raw.read(WHOLE_MAX + 1)
        if len(data) > WHOLE_MAX:
            raise too_big
        return str(data.decode("utf-8-sig"))
    text = file.read(WHOLE_MAX + 1)
    if len(text) > WHOLE_MAX:
        raise too_big
    return text


def _streamed(
    file: TextIO, newest_schema: int, now: datetime, name: str, progress: Tick
) -> ExportFile:
    """``read_export`` of a file whose head (app, schema, exported_at) comes
    before its twitches, as an export writes it; ``NotStreamed`` otherwise."""
    source = Source(file)
    stamp = _stamp(file)
    size = max(1, stamp[0]) if stamp else 1  # bytes, as a measure of characters (a bar's end)
    doc: Doc = {}
    read: _Entries | None = None
    twitches: CheckedTwitches | None = None
    if not source.take("{"):
        raise NotStreamed("not an object")
    while True:
        if source.next_char() != '"':
            raise NotStreamed("not JSON")  # each key is a string
        key = source.value()
        if key in doc or not source.take(":"):
            raise NotStreamed("a key given twice")  # json.loads keeps the last
        if key == "twitches" and source.take("["):
            if doc.get("app") != "twitchtui" or "exported_at" not in doc:
                raise NotStreamed("the twitches before the export's head")
            schema, until = _head(doc, newest_schema, now, name)
            tick = progress and (lambda done, total: progress(min(source.chars_read, size), size))
            read = _Entries(doc, name, until, now + FUTURE_SLACK, tick)
            twitches, doc[key] = read.twitches(items(source)), None
        else:
            doc[key] = stream_value(source)
        if source.take("}"):
            break
        if not source.take(","):
            raise NotStreamed("not JSON")
    if source.next_char() or read is None or twitches is None:
        raise NotStreamed("more after the export, or no twitches")
    if _stamp(file) != stamp:  # written to while it was read: read it whole
        raise NotStreamed("the file changed")
    return _rest(read, twitches, schema, until)


def _stamp(file: TextIO) -> tuple[int, ...] | None:
    """The open file's size, times and inode, to see it change under the
    reading. A rewrite of the same size within one tick of the file system's
    clock would go unseen where that tick is coarse (a second on some)."""
    try:
        st = os.fstat(file.fileno())
    except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def _head(doc: Doc, newest_schema: int, now: datetime, name: str) -> tuple[int, datetime]:
    """The file's schema, checked, and the latest moment an entry may have."""
    schema = doc.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise InvalidEntry("file", f"{name} has no schema number")
    if schema > newest_schema:
        raise ExportTooNew(
            "file",
            f"{name} was exported by a newer twitchtui (schema {schema}; this one reads up to "
            f"{newest_schema}). Update twitchtui, then import it",
        )
    until = now
    if doc.get("exported_at") is not None:
        with _checked(name):
            until = _aware("exported_at", doc["exported_at"]) + RESTORE_SLACK
    return schema, until


def _rest(read: _Entries, twitches: CheckedTwitches, schema: int, until: datetime) -> ExportFile:
    """The export, from its twitches read and the rest of its lists."""
    days = read.days()
    for day, found in read.relief().items():
        log = days.get(day) or DayLog(day)
        days[day] = replace(log, relief=tuple(sorted(found, key=lambda r: r.started)))
    experiments = read.experiments()
    settings = read.doc.get("settings") or {}
    if not isinstance(settings, dict):
        raise InvalidEntry("file", f"the settings in {read.name} are not readable")
    settings = {k: v for k, v in settings.items() if k not in (*Settings.PRIVATE, *Settings.TRIALS)}
    entries = (twitches, tuple(days.values()), tuple(experiments))
    return ExportFile(schema, settings, *entries, until, read.ahead)


def _document(text: str, name: str) -> Doc:
    """The file's JSON, if it is a twitchtui export at all."""
    try:
        doc = json.loads(text)
    except RecursionError:
        raise InvalidEntry("file", f"{name} is nested too deeply to be an export") from None
    except ValueError as exc:
        why = getattr(exc, "msg", None) or "unreadable"
        line = getattr(exc, "lineno", None)
        where = f", line {line}" if line else ""
        raise InvalidEntry("file", f"{name} is not JSON ({why}{where})") from None
    if not isinstance(doc, dict) or doc.get("app") != "twitchtui":
        raise InvalidEntry(
            "file", f"{name} is not a twitchtui export (made by: twitchtui export --format json)"
        )
    return doc


@contextmanager
def _checked(label: str) -> Iterator[None]:
    """What a hostile entry raises while it is read, as one line naming it."""
    try:
        yield
    except ERRORS as exc:
        raise InvalidEntry("file", f"{label}: {_why(exc)}") from None


class _Entries:
    """An export's entries, list by list: an id or date appears once in the
    whole file, and entries past ``late`` (the clock now) count in ``ahead``."""

    def __init__(self, doc: Doc, name: str, until: datetime, late: datetime, tick: Tick) -> None:
        self.doc, self.name, self.until, self.late, self.progress = doc, name, until, late, tick
        self.ahead = 0
        self._seen: dict[object, str | int] = {}
        """Each id and date seen, with its entry's label (a twitch's: its
        index alone, made into a label only if it is needed)."""

    def _entries(self, key: str, what: str) -> list[Any]:
        """The list ``key`` of the file, every item an entry (the first that
        is not one is refused before any entry is checked)."""
        found = self.doc.get(key)
        if found is None:
            return []
        if not isinstance(found, list):
            raise InvalidEntry("file", f"{key!r} in {self.name} is not a list")
        for index, entry in enumerate(found):
            if not isinstance(entry, dict):
                label = self._label(what, index)
                raise InvalidEntry("file", f"{label} is not an entry ({shown(entry)})")
        return found

    def _label(self, what: str, index: int) -> str:
        return f"{what} number {index + 1} in {self.name}"

    def _list(self, key: str, what: str) -> list[tuple[str, Doc]]:
        return [(self._label(what, n), entry) for n, entry in enumerate(self._entries(key, what))]

    def _once(self, key: object, label: str | int, what: str) -> None:
        """``key`` seen once in the file (``what``: "its id", "the day"...);
        ``label``: the entry's, or a twitch's index. Nothing is made for an
        entry that passes: a long diary has hundreds of thousands."""
        seen = self._seen.get(key)
        if seen is not None:
            shown_label = label if isinstance(label, str) else self._label("twitch", label)
            earlier = seen if isinstance(seen, str) else self._label("twitch", seen)
            raise InvalidEntry("file", f"{shown_label}: {what} {key} is also in {earlier}")
        self._seen[key] = label

    def twitches(self, streamed: Iterable[Doc] | None = None) -> CheckedTwitches:
        """The twitches, each checked (``TwitchChecks``: the store need not
        check them again). The hundreds of thousands of a long diary cost
        the same each at every size: no label is made for an entry unless
        it is refused, and each entry of the parsed file (or ``streamed``
        from it) is let go once it is a twitch."""
        checks = TwitchChecks(self.until)
        entries: list[Doc | None] = (
            [] if streamed is not None else self._entries("twitches", "twitch")
        )
        total = len(entries)
        for index, entry in enumerate(entries if streamed is None else streamed):
            if self.progress and not index % 1000:
                self.progress(index, total)
            try:
                assert entry is not None  # each is let go only once it is read
                _numbers(entry, whole=("intensity", "duration_s"))
                twitch = checks.check(Twitch.from_doc(entry))
            except ERRORS as exc:
                raise InvalidEntry("file", f"{self._label('twitch', index)}: {_why(exc)}") from None
            if entries:
                entries[index] = None  # the parsed entry is no longer needed
            self._once(twitch.id, index, "its id")
            self.ahead += twitch.at > self.late
        return checks.checked()

    def days(self) -> dict[date, DayLog]:
        days: dict[date, DayLog] = {}
        for label, entry in self._list("days", "day"):
            with _checked(label):
                _numbers(
                    entry, whole=("water_ml", "stress", "self_checks"), real=("sleep_h", "screen_h")
                )
                log = DayLog.from_doc(entry).validated()
                _not_after(log.day, self.until)
                for cup in log.coffees:
                    _not_after(cup, self.until)
            self._once(log.day, label, "the day")
            self.ahead += log.day > self.late.date()
            for check in log.checks:
                self._once(check.id, label, "the self-check id")
                with _checked(label):
                    _not_after(check.saved_at, self.until)
            days[log.day] = log
        return days

    def relief(self) -> dict[date, list[Relief]]:
        sessions: dict[date, list[Relief]] = {}
        for label, entry in self._list("relief", "relief session"):
            with _checked(label):
                kept = {k: v for k, v in entry.items() if k not in ("kind", "type", "date")}
                session = Relief.from_doc({**kept, "kind": entry["type"]}).validated()
                if not isinstance(entry["date"], str):
                    raise InvalidEntry("date", f"{shown(entry['date'])} is not a date")
                day = date.fromisoformat(entry["date"])
                check_year("date", day)
                _not_after(session.started, self.until)
            self._once(session.id, label, "its id")
            self.ahead += session.started > self.late
            sessions.setdefault(day, []).append(session)
        return sessions

    def experiments(self) -> list[Experiment]:
        experiments: list[Experiment] = []
        for label, entry in self._list("experiments", "experiment"):
            with _checked(label):
                kept = {k: v for k, v in entry.items() if k != "kind"}
                _numbers(kept, whole=("days",))
                experiment = Experiment.from_doc(kept).validated()
                if experiment.name == PAUSE and experiment.ended is None:
                    raise InvalidEntry(
                        "experiment", "a running stimulant pause is kept in the settings"
                    )
                _not_after(experiment.ended or experiment.started, self.until)
            self._once(experiment.id, label, "its id")
            experiments.append(experiment)
        return experiments


def _not_after(moment: date, until: datetime) -> None:
    limit = until.date() if type(moment) is date else until
    if moment > limit:
        shown_at = moment.isoformat()
        raise InvalidEntry("date", f"{shown_at} is later than the file was exported (plus a day)")


def _why(exc: BaseException) -> str:
    if isinstance(exc, InvalidEntry):
        return f"{exc.field} {exc.message}"
    if isinstance(exc, KeyError):
        return f"{shown(exc.args[0])} is missing"
    if isinstance(exc, RecursionError):
        return "it is nested too deeply"
    if isinstance(exc, AttributeError | TypeError):
        return "a value is of the wrong kind"
    return clean_text(str(exc))[:120]


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
    experiments_added: int = 0
    experiments_replaced: int = 0
    experiments_same: int = 0
    new_experiments: tuple[Experiment, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def changes(self) -> bool:
        added = self.twitches_added or self.days_added or self.experiments_added
        return bool(added) or self.replaces or self.settings is not None

    @property
    def replaces(self) -> bool:
        return bool(self.twitches_replaced or self.days_replaced or self.experiments_replaced)

    def lines(self, dry_run: bool) -> list[str]:
        would = "would be" if dry_run else "were"
        out = [
            f"Twitches: {self.twitches_added} {would} added, {self.twitches_replaced} "
            f"replaced, {self.twitches_same} already the same.",
            f"Day logs: {self.days_added} {would} added, {self.days_replaced} replaced, "
            f"{self.days_same} already the same.",
            f"Experiments: {self.experiments_added} {would} added, "
            f"{self.experiments_replaced} replaced, {self.experiments_same} already the same.",
            self.settings_note,
        ]
        if not self.changes:
            out.append("Nothing to change: the diary already holds everything in the file.")
        return out

    def settings_change(self) -> Callable[[Settings], Settings] | None:
        """What the import does to the settings as they are when it writes
        (None: nothing): the file's settings if taken, its experiments merged."""
        if self.settings is None and not self.new_experiments:
            return None
        taken, experiments = self.settings, self.new_experiments

        def change(current: Settings) -> Settings:
            base = (
                current
                if taken is None
                else replace(taken, experiment=current.experiment, tried=current.tried)
            )
            return with_experiments(base, experiments)

        return change


def with_experiments(settings: Settings, experiments: Iterable[Experiment]) -> Settings:
    """``settings`` with these experiments kept, by id: an ended one replaces
    the one of its id (ending it, if it is the one running), a running one is
    set running when nothing else is."""
    tried = {e.id: e for e in settings.tried}
    running = settings.experiment
    for experiment in experiments:
        if experiment.ended is not None:
            tried[experiment.id] = experiment
            if running is not None and running.id == experiment.id:
                running = None
        elif (running is None or running.id == experiment.id) and (
            experiment.id not in tried and settings.pause_started is None
        ):
            running = experiment
    ordered = tuple(sorted(tried.values(), key=lambda e: e.started))
    return replace(settings, tried=ordered, experiment=running)


def plan(
    data: ExportFile,
    twitches: Iterable[Twitch],
    days: dict[date, DayLog],
    current: Settings,
    *,
    replace_settings: bool = False,
) -> Plan:
    have = {t.id: t for t in twitches}

    def changed(twitch: Twitch) -> bool:
        held = have.get(twitch.id)
        return held is None or held.to_doc() != twitch.to_doc()

    # The file's twitches were checked as they were read: what is written of
    # them stays checked (``CheckedTwitches.only``), so the store need not
    # check them again.
    t_write: tuple[Twitch, ...] = (
        data.twitches.only(changed)
        if isinstance(data.twitches, CheckedTwitches)
        else tuple(filter(changed, data.twitches))
    )
    t_new = sum(1 for t in t_write if t.id not in have)
    merged = [_keeping_checks(d, days.get(d.day)) for d in data.days]
    d_write = tuple(d for d in merged if _doc(days.get(d.day)) != d.to_doc())
    d_new = sum(1 for d in d_write if d.day not in days)
    kept = {
        e.id: e for e in (*current.tried, *([current.experiment] if current.experiment else []))
    }
    e_write = tuple(e for e in data.experiments if _doc(kept.get(e.id)) != e.to_doc())
    e_new = sum(1 for e in e_write if e.id not in kept)
    settings, note = _settings(data.settings, current, replace_settings)
    warnings: tuple[str, ...] = ()
    if data.ahead:
        warnings = (
            f"Note: {data.ahead} entries in the file lie in the future by this computer's "
            "clock (the clock was ahead when they were kept); they are restored as they are.",
        )
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
        e_new,
        len(e_write) - e_new,
        len(data.experiments) - len(e_write),
        e_write,
        warnings,
    )


def _keeping_checks(day: DayLog, current: DayLog | None) -> DayLog:
    """A day from the file keeps every self-check record the diary already
    holds, as the diary holds it: answers are a record, and an import never
    removes or rewrites one (a record of the same id in the file is ignored)."""
    if current is None:
        return day
    kept = replace(day, checks=current.checks)
    for check in day.checks:
        kept = kept.with_check(check)
    return kept


def _doc(entry: Twitch | DayLog | Experiment | None) -> Doc | None:
    """What decides "already the same": the entry as it is kept, id included
    (the ids of relief sessions and experiments are not part of ``==``)."""
    return None if entry is None else entry.to_doc()


def _settings(doc: Doc, current: Settings, replace: bool) -> tuple[Settings | None, str]:
    if not doc:
        return None, "Settings: none in the file; yours are kept."
    # The patient's name and birth date are never exported: keep the diary's.
    merged = {**current.to_doc(), **doc}
    for name in Settings.PRIVATE:
        merged[name] = current.to_doc()[name]
    try:
        _setting_kinds(doc)
        wanted = Settings.from_doc(merged)
    except ERRORS as exc:
        raise InvalidEntry("file", f"the settings in the file: {_why(exc)}") from None
    if wanted == current:
        return None, "Settings: already the same."
    if current != Settings() and not replace:
        return None, "Settings: yours differ from the file's; kept (--settings takes the file's)."
    return wanted, "Settings: taken from the file."
