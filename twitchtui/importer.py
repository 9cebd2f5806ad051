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
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TextIO

from .import_checks import _numbers, _setting_kinds
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
    size: int = 0,
) -> ExportFile:
    """Parse a ``twitchtui export --format json`` file (its text, or the
    file opened as text); raise ``InvalidEntry`` with a plain reason if it is
    not one, or ``ExportTooNew``. Every entry goes through the model's own
    checks; nothing is converted silently.

    An export as twitchtui writes it is read in one pass, a piece at a time,
    each entry checked as it comes (``_one_pass``): what is held is the
    entries, never the whole text or its parsed document. Anything else
    about the file (an error, a key twice, the entries before the export's
    time) is read again whole by ``read_whole``, which decides, so a broken
    or hostile file gets the same answer either way. ``size``: the file's
    length, for ``progress``."""
    stream = io.StringIO(source) if isinstance(source, str) else source
    if not stream.seekable():  # a pipe: read again whole, it could not be
        stream = io.StringIO(stream.read())
    try:
        return _one_pass(stream, newest_schema, now, name, progress, size or 1)
    except (_Unusual, RecursionError):
        pass
    stream.seek(0)
    return read_whole(
        stream.read(), newest_schema=newest_schema, now=now, name=name, progress=progress
    )


def read_whole(
    text: str, *, newest_schema: int, now: datetime, name: str = "the file", progress: Tick = None
) -> ExportFile:
    """``read_export`` of the whole text at once: every problem named, in the
    order a person fixes them (JSON, the kind of file, its schema, its time,
    then the entries list by list)."""
    doc = _document(text, name)
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
    read = _Entries(doc, name, until, now + FUTURE_SLACK, progress)
    twitches = read.twitches()
    days = read.days()
    relief = read.relief()
    experiments = read.experiments()
    return _export_file(
        name, schema, doc.get("settings"), until, read.ahead, twitches, days, relief, experiments
    )


def _export_file(
    name: str,
    schema: int,
    settings: object,
    until: datetime,
    ahead: int,
    twitches: list[Twitch],
    days: dict[date, DayLog],
    relief: dict[date, list[Relief]],
    experiments: list[Experiment],
) -> ExportFile:
    for day, found in relief.items():
        log = days.get(day) or DayLog(day)
        days[day] = replace(log, relief=tuple(sorted(found, key=lambda r: r.started)))
    settings = settings or {}
    if not isinstance(settings, dict):
        raise InvalidEntry("file", f"the settings in {name} are not readable")
    settings = {k: v for k, v in settings.items() if k not in (*Settings.PRIVATE, *Settings.TRIALS)}
    entries = (tuple(twitches), tuple(days.values()), tuple(experiments))
    return ExportFile(schema, settings, *entries, until, ahead)


class _Unusual(Exception):
    """The one-pass reader met something it does not take as it comes."""


LISTS = ("twitches", "days", "relief", "experiments")
"""The export's lists of entries, read one entry at a time."""
_SPACE = re.compile(r"[ \t\n\r]*")
"""JSON's whitespace, as ``json`` skips it."""


class _Stream:
    """JSON values read one after another from a text stream, a piece
    (``CHUNK`` characters or more) at a time; what was read is let go."""

    CHUNK = 1 << 20

    def __init__(self, reader: TextIO) -> None:
        self.reader = reader
        self.text = ""
        self.pos = 0
        self.dropped = 0
        self.ended = False
        self._decode = json.JSONDecoder().raw_decode

    def _more(self, wanted: int) -> bool:
        if self.ended:
            return False
        piece = self.reader.read(wanted)
        if not piece:
            self.ended = True
            return False
        if self.pos >= self.CHUNK:  # the values read: let go
            self.dropped += self.pos
            self.text = self.text[self.pos :] + piece
            self.pos = 0
        else:
            self.text += piece
        return True

    @property
    def done(self) -> int:
        return self.dropped + self.pos

    def next_char(self) -> str:
        """The next character after whitespace ("" at the end), not taken."""
        text, pos = self.text, self.pos
        if pos < len(text) and text[pos] not in " \t\n\r":
            return text[pos]
        while True:
            pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]  # (it matches "")
            self.pos = pos
            if pos < len(text):
                return text[pos]
            if not self._more(self.CHUNK):
                return ""
            text, pos = self.text, self.pos

    def take(self, char: str) -> None:
        if self.next_char() != char:
            raise _Unusual
        self.pos += 1

    def value(self) -> object:
        """The next JSON value. One that may go on past the text read so far
        (a number at its end, or an error) is decoded again with more."""
        self.next_char()
        try:  # as a rule, the whole value is in the text read
            value, end = self._decode(self.text, self.pos)
            if end < len(self.text):
                self.pos = end
                return value
        except json.JSONDecodeError:
            pass
        wanted = self.CHUNK
        while True:
            if not self._more(wanted):
                break
            wanted *= 2
            try:
                value, end = self._decode(self.text, self.pos)
            except json.JSONDecodeError:
                continue
            if end < len(self.text):
                self.pos = end
                return value
        try:  # at the end of the file
            value, self.pos = self._decode(self.text, self.pos)
        except json.JSONDecodeError:
            raise _Unusual from None  # read_whole names the error
        return value

    def items(self) -> Iterator[object]:
        """The values of the list whose "[" was just taken, one at a time.

        An export lays out each entry of a list on lines of their own, the
        entry's last line its indent and "}," (a JSON string holds no line
        break): so the complete entries in the text read so far are decoded
        together, as one JSON list, rather than one call each (that took
        about 6 µs an entry). Where that does not decode (the list ends in
        that text, or it is laid out some other way), one at a time."""
        start = self.pos
        if self.next_char() == "]":
            self.pos += 1
            return
        indent = self.text[start : self.pos].rpartition("\n")[2]
        close = f"\n{indent}}},"
        tried = -1  # the end of the text where decoding together failed
        while True:
            text, pos = self.text, self.pos
            cut = text.rfind(close, pos) if indent and tried != len(text) else -1
            if cut > pos:
                try:
                    together = json.loads(f"[{text[pos : cut + len(close) - 1]}]")
                except (ValueError, RecursionError):
                    tried = len(text)
                else:
                    self.pos = cut + len(close)
                    yield from together
                    continue
            yield self.value()
            char = self.next_char()
            self.pos += 1
            if char == "]":
                return
            if char != ",":
                raise _Unusual


def _one_pass(
    stream: TextIO, newest_schema: int, now: datetime, name: str, tick: Tick, size: int
) -> ExportFile:
    """``read_export`` as the file comes, for an export as twitchtui writes
    it (the header, then the lists); ``_Unusual`` for anything else, or any
    entry or value refused (``read_whole`` then names it)."""
    read = _Stream(stream)
    head: dict[str, object] = {}
    found = _Found(now + FUTURE_SLACK)
    until: datetime | None = None
    read.take("{")
    while True:
        if head and read.next_char() == "}":
            read.pos += 1
            break
        if head:
            read.take(",")
        if read.next_char() != '"':
            raise _Unusual
        key = read.value()
        read.take(":")
        if not isinstance(key, str) or key in head:
            raise _Unusual
        if key in LISTS and read.next_char() == "[":
            if until is None:
                raise _Unusual  # entries before the time they are checked against
            head[key] = []
            read.pos += 1
            found.read_list(read, key, until, tick, size)
            continue
        head[key] = read.value()
        if key == "exported_at":
            try:
                at = head[key]
                until = now if at is None else _aware("exported_at", at) + RESTORE_SLACK
            except ERRORS:
                raise _Unusual from None
    if read.next_char() != "":
        raise _Unusual  # more after the document
    until = now if until is None else until  # no exported_at: and so no entries
    return _export_file(
        name,
        _schema(head, newest_schema),
        head.get("settings"),
        until,
        found.ahead,
        found.twitches,
        found.days,
        found.relief,
        found.experiments,
    )


def _schema(head: dict[str, object], newest: int) -> int:
    """The schema of a twitchtui export this program reads, whose lists were
    all read one entry at a time (or are null); else ``_Unusual``."""
    schema = head.get("schema")
    if (
        head.get("app") != "twitchtui"
        or not isinstance(schema, int)
        or isinstance(schema, bool)
        or not 1 <= schema <= newest
        or any(head.get(key) not in (None, []) for key in LISTS)
    ):
        raise _Unusual
    return schema


class _Found:
    """The entries read so far by ``_one_pass``, each checked as it came
    (``_twitch``, ``_day``... as ``_Entries`` checks them); an id or date seen
    twice raises ``_Unusual``."""

    def __init__(self, late: datetime) -> None:
        self.late = late
        self.count = 0
        self.ahead = 0
        self.seen: set[object] = set()
        self.twitches: list[Twitch] = []
        self.days: dict[date, DayLog] = {}
        self.relief: dict[date, list[Relief]] = {}
        self.experiments: list[Experiment] = []

    def _once(self, key: object) -> None:
        if key in self.seen:
            raise _Unusual
        self.seen.add(key)

    def read_list(self, read: _Stream, key: str, until: datetime, tick: Tick, size: int) -> None:
        """The entries of the list ``key``, whose "[" was just taken."""
        for entry in read.items():
            if not isinstance(entry, dict):
                raise _Unusual
            try:
                self.add(key, entry, until)
            except ERRORS:
                raise _Unusual from None
            if tick and not self.count % 1000:
                tick(min(read.done, size), size)

    def add(self, key: str, entry: Doc, until: datetime) -> None:
        self.count += 1
        if key == "twitches":
            twitch = _twitch(entry, until)
            self._once(twitch.id)
            self.ahead += twitch.at > self.late
            self.twitches.append(twitch)
        elif key == "days":
            log = _day(entry, until)
            self._once(log.day)
            self.ahead += log.day > self.late.date()
            for check in log.checks:
                self._once(check.id)
            self.days[log.day] = log
        elif key == "relief":
            day, session = _relief(entry, until)
            self._once(session.id)
            self.ahead += session.started > self.late
            self.relief.setdefault(day, []).append(session)
        else:
            experiment = _experiment(entry, until)
            self._once(experiment.id)
            self.experiments.append(experiment)


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
        self._seen: dict[object, str] = {}

    def _list(self, key: str, what: str) -> list[tuple[str, Doc]]:
        found = self.doc.get(key)
        if found is None:
            return []
        if not isinstance(found, list):
            raise InvalidEntry("file", f"{key!r} in {self.name} is not a list")
        out = []
        for index, entry in enumerate(found):
            label = f"{what} number {index + 1} in {self.name}"
            if not isinstance(entry, dict):
                raise InvalidEntry("file", f"{label} is not an entry ({shown(entry)})")
            out.append((label, entry))
        return out

    def _once(self, key: object, label: str, what: str) -> None:
        if key in self._seen:
            raise InvalidEntry("file", f"{label}: {what} is also in {self._seen[key]}")
        self._seen[key] = label

    def twitches(self) -> list[Twitch]:
        twitches: list[Twitch] = []
        for number, (label, entry) in enumerate(entries := self._list("twitches", "twitch")):
            if self.progress and not number % 1000:
                self.progress(number, len(entries))
            with _checked(label):
                twitch = _twitch(entry, self.until)
            self._once(twitch.id, label, f"its id {twitch.id}")
            self.ahead += twitch.at > self.late
            twitches.append(twitch)
        return twitches

    def days(self) -> dict[date, DayLog]:
        days: dict[date, DayLog] = {}
        for label, entry in self._list("days", "day"):
            with _checked(label):
                log = _day(entry, self.until, checks=False)
            self._once(log.day, label, f"the day {log.day.isoformat()}")
            self.ahead += log.day > self.late.date()
            for check in log.checks:
                self._once(check.id, label, f"the self-check id {check.id}")
                with _checked(label):
                    _not_after(check.saved_at, self.until)
            days[log.day] = log
        return days

    def relief(self) -> dict[date, list[Relief]]:
        sessions: dict[date, list[Relief]] = {}
        for label, entry in self._list("relief", "relief session"):
            with _checked(label):
                day, session = _relief(entry, self.until)
            self._once(session.id, label, f"its id {session.id}")
            self.ahead += session.started > self.late
            sessions.setdefault(day, []).append(session)
        return sessions

    def experiments(self) -> list[Experiment]:
        experiments: list[Experiment] = []
        for label, entry in self._list("experiments", "experiment"):
            with _checked(label):
                experiment = _experiment(entry, self.until)
            self._once(experiment.id, label, f"its id {experiment.id}")
            experiments.append(experiment)
        return experiments


def _twitch(entry: Doc, until: datetime) -> Twitch:
    _numbers(entry, whole=("intensity", "duration_s"))
    return Twitch.from_doc(entry).validated(until)


def _day(entry: Doc, until: datetime, *, checks: bool = True) -> DayLog:
    """A day log, checked; with ``checks``, its self-check records' times too
    (``_Entries.days`` checks those after each record's id)."""
    _numbers(entry, whole=("water_ml", "stress", "self_checks"), real=("sleep_h", "screen_h"))
    log = DayLog.from_doc(entry).validated()
    _not_after(log.day, until)
    for cup in log.coffees:
        _not_after(cup, until)
    for check in log.checks if checks else ():
        _not_after(check.saved_at, until)
    return log


def _relief(entry: Doc, until: datetime) -> tuple[date, Relief]:
    kept = {k: v for k, v in entry.items() if k not in ("kind", "type", "date")}
    session = Relief.from_doc({**kept, "kind": entry["type"]}).validated()
    if not isinstance(entry["date"], str):
        raise InvalidEntry("date", f"{shown(entry['date'])} is not a date")
    day = date.fromisoformat(entry["date"])
    check_year("date", day)
    _not_after(session.started, until)
    return day, session


def _experiment(entry: Doc, until: datetime) -> Experiment:
    kept = {k: v for k, v in entry.items() if k != "kind"}
    _numbers(kept, whole=("days",))
    experiment = Experiment.from_doc(kept).validated()
    if experiment.name == PAUSE and experiment.ended is None:
        raise InvalidEntry("experiment", "a running stimulant pause is kept in the settings")
    _not_after(experiment.ended or experiment.started, until)
    return experiment


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
    t_write = tuple(t for t in data.twitches if _doc(have.get(t.id)) != t.to_doc())
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
