"""Reading a diary: every device's files merged (``records``), cached until one changes.

Reads go through the ``DiaryCache`` the reader shares with the writer, and a
month is merged again only when one of its files changed, appeared or went
(see ``cache``), which is also how a change made by another process (a
second window, ``twitchtui log`` from a shell, another machine's file
carried by a sync tool) is picked up.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from operator import attrgetter
from pathlib import Path

from ..columns import Columns
from ..model import DayLog, InvalidEntry, Settings, Twitch, diary_day
from ..model.values import LAST_YEAR, Doc
from .atomic import JsonCache, Signature, signature
from .cache import DiaryCache, Shard
from .errors import DiaryDamaged
from .files import DiaryFile, Layout, MonthSig, month_of, month_sig, month_span, months_between
from .index import MonthTally, Tally, check_logs, tally
from .records import (
    DayState,
    SettingsState,
    is_stamp,
    legacy_day,
    legacy_settings,
    merge_days,
    merge_settings,
    twitch_key,
    unique,
    wins,
)
from .schema import check_main, check_shard


def parse_settings(path: Path, doc: Doc) -> Settings:
    """The settings document of the main file ``path``, parsed."""
    try:
        return Settings.from_doc(doc)
    except (InvalidEntry, TypeError, KeyError, ValueError) as exc:
        raise DiaryDamaged(path, f"holds settings that cannot be read ({exc})") from exc


TallyKey = tuple[int, tuple[tuple[str, MonthSig], ...]]


def _key(months: dict[str, MonthTally], day_start_hour: int) -> TallyKey:
    """What a tally was made from: the month files as they were, and the
    hour the diary day starts (a new hour moves days though no file changed)."""
    return day_start_hour, tuple((month, entry.sig) for month, entry in months.items())


PARSE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, InvalidEntry)

_NO_FUTURE_LIMIT = datetime(LAST_YEAR, 12, 31, tzinfo=UTC)
"""The "now" another machine's twitches are checked against: its clock may
be ahead of this one's, so only the years a diary can hold bound them."""


@dataclass
class MonthView:
    """One month, merged from every file behind it (``records``)."""

    sig: MonthSig
    twitches: dict[str, tuple[Doc, Twitch | None]]
    """Each twitch id's winning version, parsed (None: a tombstone)."""
    records: dict[str, Doc]
    """The day records, each id once."""
    states: dict[date, DayState]
    logs: dict[date, DayLog]
    """Each day's log, as the model holds it (``DayState.log``)."""
    files: list[DiaryFile]

    def shard(self) -> Shard:
        twitches = [t for _, t in self.twitches.values() if t is not None]
        twitches.sort(key=attrgetter("at"))
        return Shard.of(self.sig or None, twitches, self.logs)


def read_month(
    layout: Layout,
    cache: JsonCache,
    files: list[DiaryFile],
    unreadable: dict[Path, str],
    *,
    strict: bool,
    twitches: bool = True,
    day: date | None = None,
) -> MonthView:
    """Merge the files of one month. This device's own file that cannot be
    read raises ``DiaryDamaged`` (it may be set aside, ``recovery``);
    another's, or a conflict copy, is left out for now and noted in
    ``unreadable`` (a sync tool may be writing it: it is read again when
    its signature changes)."""
    sig: list[tuple[str, Signature]] = []
    winners: dict[str, tuple[Doc, Twitch | None]] = {}
    records: dict[str, Doc] = {}
    for item in files:
        try:
            own = item.device == layout.device and not item.copy
            left_out: list[str] = []
            found, parsed, day_records = month_docs(
                item, cache, strict=strict, twitches=twitches, checked=None if own else left_out
            )
        except (DiaryDamaged, *PARSE_ERRORS) as exc:
            passed_over(item.path, exc, own=own, what="an entry", unreadable=unreadable)
            late = signature(item.path)
            if late is not None:  # keyed on it, so that it is read again once it changes
                sig.append((item.path.name, late))
            continue
        if found is None:
            continue
        sig.append((item.path.name, found))
        unreadable.pop(item.path, None)
        if left_out:
            unreadable[item.path] = left_out_line(left_out)
        if day is not None:  # one day is changed: only its records are needed
            iso = day.isoformat()
            day_records = [r for r in day_records if r["day"] == iso]
        winners = _versions(winners, parsed)
        unique([day_records], records)
    try:
        states = merge_days(records)
        logs = {day: state.log() for day, state in states.items()}
    except PARSE_ERRORS as exc:
        where = files[0].path if files else layout.path
        raise DiaryDamaged(where, f"holds an entry that cannot be read ({exc!r})") from exc
    return MonthView(tuple(sorted(sig)), winners, records, states, logs, files)


def _versions(
    winners: dict[str, tuple[Doc, Twitch | None]], parsed: list[tuple[Doc, Twitch | None]]
) -> dict[str, tuple[Doc, Twitch | None]]:
    """``winners`` with one more file's twitch versions folded in."""
    if not winners:  # the first file: most often the only one, each id once
        first = {pair[0]["id"]: pair for pair in parsed}
        if len(first) == len(parsed):
            return first
    for pair in parsed:
        doc = pair[0]
        ident = doc["id"]
        known = winners.get(ident)
        if known is None or (
            known[0] is not doc and wins(doc, known[0], twitch_key(doc), twitch_key(known[0]))
        ):
            winners[ident] = pair
    return winners


def passed_over(
    path: Path, exc: Exception, *, own: bool, what: str, unreadable: dict[Path, str]
) -> None:
    """A file that could not be read: this device's own is ``DiaryDamaged``
    (raised; it may be set aside, ``recovery``); another's, or a copy, is
    noted in ``unreadable`` and passed over for now (a sync tool may still
    be writing it)."""
    if own:
        if isinstance(exc, DiaryDamaged):
            raise exc
        raise DiaryDamaged(path, f"holds {what} that cannot be read ({exc!r})") from exc
    unreadable[path] = exc.reason if isinstance(exc, DiaryDamaged) else repr(exc)


def left_out_line(reasons: list[str]) -> str:
    count = len(reasons)
    entries = "1 entry" if count == 1 else f"{count} entries"
    return f"{entries} left out, with values twitchtui does not accept ({reasons[0]})"


def _usable_twitch(doc: Doc, reasons: list[str]) -> bool:
    """Whether a twitch version from another machine's file holds what this
    twitchtui would have saved itself (a site it knows, an intensity from 1 to
    5...). Its moment may lie ahead of this machine's clock (the other's may
    run fast), but not past the years a diary can hold."""
    if doc.get("v") not in (None, "") and not is_stamp(doc["v"]):  # none: the earliest
        reasons.append(
            f"a twitch's version time {str(doc['v'])[:40]!r} is not one twitchtui writes"
        )
        return False
    if doc.get("gone"):
        return isinstance(doc.get("id"), str)
    try:
        Twitch.from_doc(doc).validated(_NO_FUTURE_LIMIT)
    except PARSE_ERRORS as exc:
        reasons.append(str(exc))
        return False
    return True


def _usable_record(record: Doc, reasons: list[str]) -> bool:
    """Whether a day record from another machine's file, alone on its day,
    makes a day log this twitchtui would save (a stress from 1 to 5...)."""
    if record.get("t") not in (None, "") and not is_stamp(record["t"]):  # none: the earliest
        reasons.append(f"a day record's time {str(record['t'])[:40]!r} is not one twitchtui writes")
        return False
    try:
        for state in merge_days({str(record["id"]): record}).values():
            state.log().validated()
    except PARSE_ERRORS as exc:
        reasons.append(str(exc))
        return False
    return True


def month_docs(
    item: DiaryFile,
    cache: JsonCache,
    *,
    strict: bool,
    twitches: bool = True,
    checked: list[str] | None = None,
) -> tuple[Signature | None, list[tuple[Doc, Twitch | None]], list[Doc]]:
    """One month file's signature, twitch versions (parsed; None for a
    tombstone; none at all without ``twitches``) and day records (those of
    the old layout made records).

    ``checked``: the file came from elsewhere (another machine, a conflict
    copy, an older twitchtui), so each entry is checked as a typed one is,
    and one that fails is left out, its reason added to ``checked``; a
    report must never show an intensity of 99 that no form would take. This
    machine's own files were checked when they were written."""
    found, data = cache.load(item.path, strict=strict)
    if data is None:
        return None, [], []
    check_shard(item.path, data)
    docs = list(data.get("twitches", {}).values()) if twitches else []
    if checked is not None:
        docs = [doc for doc in docs if _usable_twitch(doc, checked)]
    parsed = [
        (doc, None if doc.get("gone") else Twitch.from_doc(doc))  # None: a tombstone
        for doc in docs
    ]
    days = list(data.get("days", {}).values())
    day_records = [legacy_day(d) for d in days] if item.legacy else days
    for record in day_records:
        date.fromisoformat(record["day"])
        record["id"]  # every record has one
    if checked is not None:
        day_records = [r for r in day_records if _usable_record(r, checked)]
    return found, parsed, day_records


@dataclass
class SettingsView:
    """The settings, merged from every settings file (``records``)."""

    key: tuple[object, ...]
    records: dict[str, Doc]
    state: SettingsState
    settings: Settings


def read_settings(
    layout: Layout,
    cache: JsonCache,
    unreadable: dict[Path, str],
    *,
    strict: bool,
    fresh: bool = False,
) -> SettingsView:
    """Merge every settings file, their conflict copies, and the settings an
    older twitchtui kept in the main file (or a copy of it)."""
    main_sig, main = cache.load(layout.path, strict=strict)
    if main is None:
        raise DiaryDamaged(layout.path, "has disappeared")
    check_main(layout.path, main)
    records: dict[str, Doc] = {}
    key: list[object] = [main_sig]
    sources: list[tuple[DiaryFile, Doc]] = []
    old = (main.get("settings") or {}).get("1")
    if old:
        main_file = DiaryFile(layout.folder, layout.path.name, "main")
        sources.append((main_file, {"settings": {"1": legacy_settings(old)}}))
    for item in layout.listing(fresh=fresh).settings:
        own = item.device == layout.device and not item.copy
        try:
            found, data = cache.load(item.path, strict=strict)
            if data is None:
                continue
            key.append((item.path.name, found))
            check_shard(item.path, data)
            if item.kind == "main":  # a copy of the main file: settings only if old
                doc = (data.get("settings") or {}).get("1")
                data = {"settings": {"1": legacy_settings(doc)}} if doc else {}
            for record in data.get("settings", {}).values():
                record["id"]  # every record has one
        except (DiaryDamaged, *PARSE_ERRORS) as exc:
            passed_over(item.path, exc, own=own, what="settings", unreadable=unreadable)
            key.append((item.path.name, signature(item.path)))
            continue
        unreadable.pop(item.path, None)
        sources.append((item, data if own else _checked_settings(item.path, data, unreadable)))
    for _, data in sources:
        unique([data.get("settings", {}).values()], records)
    try:
        state = merge_settings(records)
        settings = state.settings()
    except PARSE_ERRORS as exc:
        raise DiaryDamaged(
            layout.settings_file, f"holds settings that cannot be read ({exc})"
        ) from exc
    return SettingsView(tuple(key), records, state, settings)


def _checked_settings(path: Path, data: Doc, unreadable: dict[Path, str]) -> Doc:
    """A settings file from elsewhere with each record checked, as an
    import's entries are; what is left out is noted in ``unreadable``."""
    left_out: list[str] = []
    kept = [r for r in data.get("settings", {}).values() if usable_settings(r, left_out)]
    if left_out:
        unreadable[path] = left_out_line(left_out)
    return {"settings": dict(enumerate(kept))}


def usable_settings(record: Doc, reasons: list[str]) -> bool:
    """Whether a settings record from another machine's file, alone, gives
    settings this twitchtui would save (a water target from 250 to 10,000
    ml...): one that does not is left out, so that another machine (a newer
    twitchtui, a damaged copy) can never lock this one out of the diary."""
    try:
        merge_settings({str(record["id"]): record}).settings()
    except PARSE_ERRORS as exc:
        reasons.append(str(exc))
        return False
    return True


class DiaryReader:
    """The read side of ``Store``: it never writes, and reads only through ``cache``."""

    def __init__(self, layout: Layout, cache: DiaryCache) -> None:
        self.path = layout.path
        self.layout = layout
        self.cache = cache
        self._tally: tuple[TallyKey, Tally] | None = None
        """The last totals, with the month signatures and day-start hour they were made from."""

    def shard_paths(self) -> dict[str, Path]:
        """Every month that has a file, oldest first (see ``Layout.shard_paths``)."""
        return self.layout.shard_paths()

    def month_sig(self, month: str) -> MonthSig:
        return month_sig(self.layout.month_files(month))

    def month_sigs(self) -> dict[str, MonthSig]:
        return {month: month_sig(found) for month, found in self.layout.listing().months.items()}

    def _shard(self, month: str, *, strict: bool = False, keep: bool = True) -> Shard:
        """``keep``: hold it parsed (``Months``) once read (False: a long read
        that counts it and lets it go)."""
        files = self.layout.month_files(month, fresh=strict)
        cached = self.cache.shards.get(month)
        if not strict and cached is not None and cached.sig == month_sig(files):
            return cached  # without its JSON, which is not kept once parsed
        if not files:
            return Shard(None)
        view = read_month(
            self.layout, self.cache.files, files, self.cache.unreadable, strict=strict
        )
        if not view.sig:
            return Shard(None)
        if cached is not None and cached.sig == view.sig:
            return cached
        shard = view.shard()
        if keep:
            self.cache.shards[month] = shard
        if not strict:
            # Held once, as parsed objects; a write reads its month's JSON again.
            for item in files:
                self.cache.files.forget(item.path)
        return shard

    def settings(self) -> Settings:
        """The settings, merged again only when one of their files changed."""
        known = self.cache.settings
        if known is not None and known[0] == self._settings_key():
            return known[1]
        view = read_settings(self.layout, self.cache.files, self.cache.unreadable, strict=False)
        self.cache.settings = (view.key, view.settings)
        return view.settings

    def _settings_key(self) -> tuple[object, ...]:
        key: list[object] = [signature(self.path)]
        for item in self.layout.listing().settings:
            found = signature(item.path)
            if found is not None:
                key.append((item.path.name, found))
        return tuple(key)

    def twitches(self, first: date | None = None, last: date | None = None) -> list[Twitch]:
        """Twitches whose diary day lies in ``first``..``last`` (inclusive), oldest first."""
        day_start = self.settings().day_start_hour
        if first is None or last is None:
            months = list(self.shard_paths())
        else:
            # A diary day can reach past midnight into the next calendar date.
            months = months_between(first, last + timedelta(days=1))
        out: list[Twitch] = []
        for month in months:
            shard = self._shard(month).twitches
            # A shard holds one calendar month of twitches, whose diary days run
            # from the day before the 1st to the last day of the month.
            begins, ends = month_span(month)
            if (first is None or first < begins) and (last is None or ends <= last):
                out.extend(shard)  # all of it: the usual case for the middle months
                continue
            for twitch in shard:
                day = diary_day(twitch.at, day_start)
                if (first is None or day >= first) and (last is None or day <= last):
                    out.append(twitch)
        out.sort(key=attrgetter("at"))
        return out

    def month_columns(
        self, first: date, last: date, held_from: date | None = None
    ) -> list[tuple[Columns, dict[date, DayLog]]]:
        """The twitches (as ``Columns``) and day logs of each month file behind
        ``first``..``last``, oldest first, whole (the caller counts the
        range's days). A month already parsed is counted from its objects;
        any other is parsed, counted and let go, so a year's range holds one
        month's twitches as objects at a time. Kept until the month's files
        change, or another range is read (``MonthColumns``). ``held_from``:
        the months from this day's on are held parsed as any read holds them
        (the window the red flags and today read anyway)."""
        day_start = self.settings().day_start_hour
        months = months_between(first, last + timedelta(days=1))
        self.cache.columns.keep_only(months)
        out = []
        for month in months:
            key = (self.month_sig(month), day_start)
            known = self.cache.columns.get(month, key)
            if known is None:
                held = held_from is not None and month >= month_of(held_from)
                shard = self._shard(month, keep=held)
                known = (Columns(shard.twitches, day_start), shard.days)
                self.cache.columns.put(month, key, *known)
            out.append(known)
        return out

    def each_month(self) -> Iterator[tuple[list[Twitch], list[DayLog]]]:
        """The whole diary a month file at a time, oldest first, for a long
        job (export) that should hold no more than a month or two: the
        twitches in exactly the order ``twitches()`` gives them (a twitch
        kept under one month may come before one of the month before, when
        their UTC offsets differ: it is held back until no later month can
        come before it), and each month's day logs, oldest first."""
        carry: list[Twitch] = []
        at = attrgetter("at")
        for month in self.shard_paths():
            shard = self._shard(month)
            batch = [*carry, *shard.twitches]
            if carry:
                batch.sort(key=at)  # stable: as the whole diary sorted at once
            # Every later month's twitches lie on or after its 1st, local
            # time, at an offset under a day.
            following = month_span(month)[1] + timedelta(days=1)
            cutoff = datetime.combine(following, time(), UTC) - timedelta(days=1)
            cut = bisect_left(batch, cutoff, key=at)
            carry = batch[cut:]
            yield batch[:cut], [log for _, log in sorted(shard.days.items())]
        if carry:
            yield carry, []

    def day_logs(self, first: date | None = None, last: date | None = None) -> dict[date, DayLog]:
        if first is None or last is None:
            months = list(self.shard_paths())
        else:
            months = months_between(first, last)
        out: dict[date, DayLog] = {}
        for month in months:
            for day, log in self._shard(month).days.items():
                if (first is None or day >= first) and (last is None or day <= last):
                    out[day] = log
        return dict(sorted(out.items()))

    def tally(self) -> Tally:
        """The whole diary in totals, from the index (``index``): only the
        months whose file changed since it was last brought up to date are read."""
        months, key = self._indexed()
        if self._tally is None or self._tally[0] != key:
            self._tally = (key, tally(months))
        return self._tally[1]

    def self_check_logs(self) -> dict[date, DayLog]:
        """Every day log, over the whole diary, with self-check answers or a
        clinician visit: what the urgent rule needs, without every day's log."""
        months, key = self._indexed()
        if self._tally is not None and self._tally[0] == key:
            return dict(self._tally[1].checks)
        return dict(sorted(check_logs(months).items()))

    def self_check_logs_around_damage(self) -> dict[date, DayLog]:
        """``self_check_logs``, with a month file that cannot be read now
        (damaged, and left as it is) passed over: its answers as the index
        last knew them, if it knew the month. For the urgent banner, which
        must not go quiet because an old month is damaged; the damage itself
        is reported by every other read."""
        hour = self.settings().day_start_hour
        index = self.cache.index
        sigs = self.month_sigs()
        for month, sig in sigs.items():
            with suppress(DiaryDamaged):
                index.update(month, sig, hour, self._shard)
        known = {month: entry for month, entry in index.months.items() if month in sigs}
        return dict(sorted(check_logs(known).items()))

    def _indexed(self) -> tuple[dict[str, MonthTally], TallyKey]:
        """Every month's totals, brought up to date, and what they were made from."""
        hour = self.settings().day_start_hour
        months = self.cache.index.refresh(self.month_sigs(), hour, self._shard)
        return months, _key(months, hour)

    def warm(self, month: str) -> None:
        """Bring one month into the index, reading it only if its file changed
        (so that building the index can be done a month at a time)."""
        sig = self.month_sig(month)
        self.cache.index.update(month, sig, self.settings().day_start_hour, self._shard)

    def day_log(self, day: date) -> DayLog:
        return self._shard(month_of(day)).days.get(day) or DayLog(day)

    def last_twitch(self) -> Twitch | None:
        for month in reversed(self.shard_paths()):
            twitches = self._shard(month).twitches
            if twitches:
                return twitches[-1]
        return None

    def first_twitch(self) -> Twitch | None:
        for month in self.shard_paths():
            twitches = self._shard(month).twitches
            if twitches:
                return twitches[0]
        return None

    def first_diary_day(self, since: date | None = None) -> date | None:
        """The first day anything was recorded (a twitch, or a day's log):
        the days before it are "no diary". Usually read from one month.

        With ``since``: only whether the diary began after it matters, so a
        month file older than ``since`` answers None (began before) without
        being read (it may be damaged; the charts do not need it)."""
        day_start = self.settings().day_start_hour
        months = list(self.shard_paths())
        # A diary day may begin in the calendar month before (day-start hour).
        if since is not None and any(m < month_of(since - timedelta(days=1)) for m in months):
            return None
        for month in months:
            shard = self._shard(month)
            days = [day for day, log in shard.days.items() if not log.is_empty]
            if shard.twitches:
                days.append(diary_day(shard.twitches[0].at, day_start))
            if days:
                return min(days)
        return None

    def stamp(self, days: list[date]) -> tuple[object, ...]:
        """The stat signatures of the files behind ``days`` (every device's,
        and their conflict copies), the main file's and the folder's (a file
        arriving from a sync tool changes it): a look that costs a few
        ``stat`` calls, for polling. ``fingerprint`` is the sure one."""
        listing = self.layout.listing()
        return (
            signature(self.path),
            self.layout.folder_sig(),
            tuple((f.path.name, signature(f.path)) for f in listing.settings),
            *(self.month_sig(month) for month in self.layout.for_days(days)),
        )

    def fingerprint(self, days: list[date]) -> tuple[object, ...]:
        """Changes whenever the main file, a settings file, or a file behind
        ``days`` changes (or appears, or goes).

        Content-checked (not only stat), so it never misses another process's write.
        """
        listing = self.layout.listing()  # trusted only once settled (``Layout.listing``)
        files = [self.path, *(f.path for f in listing.settings)]
        for month in self.layout.for_days(days):
            files += [f.path for f in listing.months.get(month, [])]
        out: list[object] = []
        for path in files:
            try:
                out.append((path.name, self.cache.files.digest(path)))
            except DiaryDamaged:
                if self.layout.is_own(path) or path == self.path:
                    raise
                out.append((path.name, signature(path)))
        return tuple(out)
