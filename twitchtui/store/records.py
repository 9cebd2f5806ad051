"""The records each device appends, and how the records of every device merge into one diary.

Every write the layer above makes arrives as a whole twitch or as a change
to the merged current value (``DiaryWriter``); the writer turns the
difference between before and after into records appended to this device's
own file, and the reader unions every file's records into the same
``Twitch``, ``DayLog`` and ``Settings`` objects as before. The merge is a
pure function of the set of records: the same files give the same diary on
every machine, in whatever order they are read, and a record read twice (a
conflict copy of a file holds the same ids) counts once.

Twitches (table ``twitches`` of a month file): a twitch's document as it
always was; an edit adds a version of the same id stamped ``"v"`` (when, UTC)
and ``"dev"`` (by which device), a delete a tombstone ``{"id", "gone": true,
"v", "dev"}``. The version with the latest (v, dev) wins; one without a
stamp (as first logged) is the earliest.

Day logs (table ``days``): one record per change of a day::

    {"id": "…", "day": "2026-11-20", "t": "2026-11-20T09:12:03.000000Z", "dev": "laptop",
     "set": {"bedtime": "23:10"}, "add": {"water_ml": 250, "habits": {"walk": 1}},
     "coffees": {"2026-11-20T08:00:00+01:00": true}, "relief": {"<id>": {…}},
     "checks": {"<id>": {…}}}

Counters (``add``) are summed over every record id in the diary. Single
answers (``set``) are last-writer-wins per field, by (t, dev, id). Coffees
(by their moment), relief sessions and self-check records (by id) are
last-writer-wins per element, present (true, or the entry) or taken away
(false, null), so entries added on two machines both stay and an undo on
one reaches the other.

Settings (table ``settings`` of a settings file): one record per change,
``set`` last-writer-wins per field; medicines and habits per element, by
name, and the ended experiments (``tried``) by id, with the order of each
list last-writer-wins too (``order``): an element not in the winning order
(added on another machine meanwhile) comes after, oldest first.

A record's time comes from the store's clock, and is always later than
every record of its day (or of the settings) this machine has read, so a
change made here takes effect even when another machine's clock runs
ahead, and two changes made within one tick of the clock keep their order
(a hybrid logical clock).

Records of the old layout (a month file or settings of schema 3) are read
as records with ids derived from the day (or the content) and no time, the
earliest: two machines that both upgrade the same synced diary write the
same records, which count once.

Known limits, each of which keeps every record (nothing is lost on disk):

- Each month merges on its own. A twitch moved to another month writes a
  tombstone in the old month and its new version in the new one; if two
  machines move the same twitch to two different months before they sync,
  both new versions stay (the twitch shows twice, once in each month).
- Two old-layout copies of one day that differ (an old twitchtui kept
  writing after this one upgraded) give one record id with two contents:
  the greater content wins, the same on every machine, not the later one.
- A counter the records sum below zero shows 0 (``DayState.log``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from ..model import DayLog, Settings, Twitch
from ..model.values import FIRST_YEAR, LAST_YEAR, Doc, derived_id, new_id

SET_FIELDS = (
    "electrolytes",
    "no_coffee",
    "snack",
    "bedtime",
    "stress",
    "sleep_h",
    "food",
    "alcohol",
    "nicotine",
    "screen_h",
    "snack_food",
)
"""A day's single answers: last writer wins, per field."""
COUNTERS = {"water_ml": 20_000, "self_checks": 1000}
"""A day's counters, with the largest value a day may show."""
HABIT_MAX = 1000
ELEMENTS = ("coffees", "relief", "checks")
"""A day's collections: last writer wins per element."""
SETTINGS_LISTS = ("medicines", "habits", "tried")
"""Settings kept per element: by name (medicines, habits) or id (tried)."""

Key = tuple[str, str, str]
"""What orders records: (time, device, id); no time is the earliest."""
EARLIEST: Key = ("", "", "")


def stamp_of(moment: datetime) -> str:
    """A record's time: UTC to the microsecond, so that text order is time order."""
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z"


def later(now: datetime, floor: str) -> str:
    """``now`` as a record's time, moved past ``floor`` (the latest stamp of
    what the record replaces) when the clock is behind it."""
    stamp = stamp_of(now)
    if stamp > floor:
        return stamp
    then = datetime.fromisoformat(floor.removesuffix("Z")) + timedelta(microseconds=1)
    return then.isoformat(timespec="microseconds") + "Z"


def is_stamp(value: object) -> bool:
    """Whether ``value`` is a record's time as ``stamp_of`` writes it, in
    the years a diary can hold (another machine's record with any other is
    left out: it would win every merge, and could not be moved past)."""
    if not isinstance(value, str) or len(value) != 27 or not value.endswith("Z"):
        return False
    try:
        moment = datetime.fromisoformat(value[:-1])
    except ValueError:
        return False
    return moment.tzinfo is None and FIRST_YEAR <= moment.year <= LAST_YEAR


def key_of(record: Doc) -> Key:
    return (str(record.get("t") or ""), str(record.get("dev") or ""), str(record.get("id") or ""))


def _canonical(doc: Doc) -> str:
    return json.dumps(doc, sort_keys=True, ensure_ascii=False)


def wins(new: Doc, old: Doc, new_key: tuple[str, str], old_key: tuple[str, str]) -> bool:
    """Whether ``new`` beats ``old`` (same id): the later stamp; on a tie
    of different content (two machines upgrading differing copies of one
    old diary), the greater content, so that every machine picks the same."""
    if new_key != old_key:
        return new_key > old_key
    return new != old and _canonical(new) > _canonical(old)


# ---------------------------------------------------------------- twitches


def twitch_key(doc: Doc) -> tuple[str, str]:
    return (str(doc.get("v") or ""), str(doc.get("dev") or ""))


def merge_twitches(
    tables: Iterable[Iterable[Doc]], into: dict[str, Doc] | None = None
) -> dict[str, Doc]:
    """The winning version of each twitch id (a tombstone included)."""
    best: dict[str, Doc] = {} if into is None else into
    for docs in tables:
        for doc in docs:
            ident = doc["id"]
            known = best.get(ident)
            if known is None or (
                known is not doc and wins(doc, known, twitch_key(doc), twitch_key(known))
            ):
                best[ident] = doc
    return best


def live_twitches(best: dict[str, Doc]) -> list[Twitch]:
    """The twitches the winners hold (tombstones left out), oldest first."""
    out = [Twitch.from_doc(doc) for doc in best.values() if not doc.get("gone")]
    out.sort(key=lambda t: t.at)
    return out


def bare(doc: Doc) -> Doc:
    """A twitch version's document without its stamp (what ``to_doc`` gives)."""
    return {k: v for k, v in doc.items() if k not in ("v", "dev")}


def version(twitch: Twitch, stamp: str, device: str) -> Doc:
    return {**twitch.to_doc(), "v": stamp, "dev": device}


def tombstone(ident: str, stamp: str, device: str) -> Doc:
    return {"id": ident, "gone": True, "v": stamp, "dev": device}


# ---------------------------------------------------------------- merged states


class Folded(Protocol):
    """What a day's and the settings' merged states both keep."""

    fields: dict[str, tuple[Key, Any]]
    elements: dict[str, dict[str, tuple[Key, Any]]]
    latest: str


def fold(state: Folded, record: Doc, kinds: Iterable[str]) -> Key:
    """Fold in what every change record may hold: its time, its ``set``
    fields and its elements of ``kinds`` (each the later writer's: records
    come in key order). Returns the record's key."""
    key = key_of(record)
    state.latest = max(state.latest, key[0])
    for name, value in (record.get("set") or {}).items():
        state.fields[name] = (key, value)
    for kind in kinds:
        held = state.elements[kind]
        for ident, value in (record.get(kind) or {}).items():
            held[ident] = (key, value)
    return key


# ---------------------------------------------------------------- day logs


@dataclass
class DayState:
    """One day, merged: every winner with its key, and the raw sums."""

    day: date
    fields: dict[str, tuple[Key, Any]] = field(default_factory=dict)
    sums: dict[str, int] = field(default_factory=dict)
    habits: dict[str, int] = field(default_factory=dict)
    elements: dict[str, dict[str, tuple[Key, Any]]] = field(
        default_factory=lambda: {name: {} for name in ELEMENTS}
    )
    latest: str = ""
    """The latest record time of the day: a new record comes after it."""

    def apply(self, record: Doc) -> None:
        """Fold one record in; records must come in key order."""
        fold(self, record, ELEMENTS)
        add = record.get("add") or {}
        for name in COUNTERS:
            if add.get(name):
                self.sums[name] = self.sums.get(name, 0) + int(add[name])
        for name, n in (add.get("habits") or {}).items():
            self.habits[name] = self.habits.get(name, 0) + int(n)

    def log(self) -> DayLog:
        """The day as the model holds it. A counter the records take below
        zero (water taken off on one machine that was added on the other,
        then both synced) shows 0, and above its largest its largest: the
        records stay as they are, and the next change counts from what
        is shown (``day_record``)."""
        doc: Doc = {"day": self.day.isoformat()}
        for name, (_, value) in self.fields.items():
            doc[name] = value
        for name, most in COUNTERS.items():
            doc[name] = min(max(self.sums.get(name, 0), 0), most)
        doc["habits"] = {name: min(n, HABIT_MAX) for name, n in self.habits.items() if n > 0}
        coffees = [
            m.partition("#")[0] for m, (_, there) in self.elements["coffees"].items() if there
        ]
        if len(coffees) > 1:
            coffees.sort(key=datetime.fromisoformat)
        doc["coffees"] = coffees
        relief = [v for _, v in self.elements["relief"].values() if v]
        if len(relief) > 1:
            relief.sort(key=lambda r: datetime.fromisoformat(r["started"]))
        doc["relief"] = relief
        doc["checks"] = [v for _, v in self.elements["checks"].values() if v]
        return DayLog.from_doc(doc)


def unique(records: Iterable[Iterable[Doc]], into: dict[str, Doc] | None = None) -> dict[str, Doc]:
    """The records of every file, each id once."""
    out: dict[str, Doc] = {} if into is None else into
    for docs in records:
        for record in docs:
            ident = record["id"]
            known = out.get(ident)
            if known is None or (
                known is not record and wins(record, known, key_of(record)[:2], key_of(known)[:2])
            ):
                out[ident] = record
    return out


def merge_days(records: dict[str, Doc]) -> dict[date, DayState]:
    """Every day's state from the records (each id once: ``unique``)."""
    by_day: dict[str, list[Doc]] = {}
    for record in records.values():
        by_day.setdefault(record["day"], []).append(record)
    out: dict[date, DayState] = {}
    for iso in sorted(by_day):
        state = DayState(date.fromisoformat(iso))
        for record in sorted(by_day[iso], key=key_of):
            state.apply(record)
        out[state.day] = state
    return out


def day_record(
    before: DayLog, after: DayLog, state: DayState | None, now: datetime, device: str
) -> Doc | None:
    """The record that turns the merged ``before`` into ``after``; None when
    nothing changed. Counters are written as what makes the sum what
    ``after`` shows (so a counter the records had taken below zero counts
    from the 0 shown)."""
    state = state or DayState(before.day)
    old, new = before.to_doc(), after.to_doc()
    record: Doc = {}
    changed = {name: new[name] for name in SET_FIELDS if new[name] != old[name]}
    if changed:
        record["set"] = changed
    add: Doc = {}
    for name in COUNTERS:
        if new[name] != old[name]:
            add[name] = new[name] - state.sums.get(name, 0)
    habits = {
        name: new["habits"].get(name, 0) - state.habits.get(name, 0)
        for name in {**old["habits"], **new["habits"]}
        if new["habits"].get(name, 0) != old["habits"].get(name, 0)
    }
    if habits:
        add["habits"] = habits
    if add:
        record["add"] = add
    olds = _day_elements(old)
    news = _day_elements(new)
    for kind in ELEMENTS:
        diff = {
            ident: news[kind].get(ident, False if kind == "coffees" else None)
            for ident in {**olds[kind], **news[kind]}
            if olds[kind].get(ident) != news[kind].get(ident)
        }
        if diff:
            record[kind] = diff
    if not record:
        return None
    head: Doc = {
        "id": new_id(),
        "day": before.day.isoformat(),
        "t": later(now, state.latest),
        "dev": device,
    }
    return {**head, **record}


def _day_elements(doc: Doc) -> dict[str, dict[str, Any]]:
    """A day's collections by element key: a coffee's moment, a session's
    or a record's id (the second of one key ``key#2``: two cups at one time)."""
    return {
        "coffees": _numbered((moment, True) for moment in doc["coffees"]),
        "relief": _numbered((r["id"], r) for r in doc["relief"]),
        "checks": _numbered((c["id"], c) for c in doc["checks"]),
    }


def _numbered(items: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in items:
        n, ident = 1, key
        while ident in out:
            n += 1
            ident = f"{key}#{n}"
        out[ident] = value
    return out


def legacy_day(doc: Doc) -> Doc:
    """A day document of the old layout as one record: an id derived from
    the day (two machines upgrading the same diary write the same record)
    and no time (the earliest)."""
    log = DayLog.from_doc(doc)
    record = day_record(DayLog(log.day), log, None, datetime.min.replace(tzinfo=UTC), "")
    out: Doc = {"id": derived_id("day", log.day.isoformat()), "day": log.day.isoformat()}
    if record is not None:
        out.update({k: v for k, v in record.items() if k not in ("id", "day", "t", "dev")})
    return out


# ---------------------------------------------------------------- settings


@dataclass
class SettingsState:
    """The settings, merged: every winner with its key."""

    fields: dict[str, tuple[Key, Any]] = field(default_factory=dict)
    elements: dict[str, dict[str, tuple[Key, Any]]] = field(
        default_factory=lambda: {name: {} for name in SETTINGS_LISTS}
    )
    added: dict[str, dict[str, Key]] = field(
        default_factory=lambda: {name: {} for name in SETTINGS_LISTS}
    )
    """When each element was first written (the order of those no order names)."""
    order: dict[str, tuple[Key, list[str]]] = field(default_factory=dict)
    latest: str = ""
    """The latest record time: a new record comes after it."""

    def apply(self, record: Doc) -> None:
        """Fold one record in; records must come in key order."""
        key = fold(self, record, SETTINGS_LISTS)
        for kind in SETTINGS_LISTS:
            for ident in record.get(kind) or {}:
                self.added[kind].setdefault(ident, key)
        for kind, names in (record.get("order") or {}).items():
            self.order[kind] = (key, list(names))

    def keyed(self, kind: str) -> list[tuple[str, Doc]]:
        """The elements of one list that are present, in order."""
        present = {i: v for i, (_, v) in self.elements[kind].items() if v}
        named = self.order.get(kind, (EARLIEST, []))[1]
        out = [(i, present[i]) for i in dict.fromkeys(named) if i in present]
        rest = sorted(
            (i for i in present if i not in set(named)), key=lambda i: (self.added[kind][i], i)
        )
        out += [(i, present[i]) for i in rest]
        return out

    def settings(self) -> Settings:
        doc: Doc = {name: value for name, (_, value) in self.fields.items()}
        for kind in SETTINGS_LISTS:
            doc[kind] = [v for _, v in self.keyed(kind)]
        seen: set[str] = set()
        habits = []
        for habit in doc["habits"]:  # the same name added on two machines: once
            name = str(habit.get("name", "")).lower()
            if name not in seen:
                seen.add(name)
                habits.append(habit)
        doc["habits"] = habits
        return Settings.from_doc(doc)


def merge_settings(records: dict[str, Doc]) -> SettingsState:
    state = SettingsState()
    for record in sorted(records.values(), key=key_of):
        state.apply(record)
    return state


def settings_keyed(kind: str, docs: list[Doc]) -> dict[str, Doc]:
    """A settings list by element key: a medicine's or habit's name, an
    experiment's id (the second of one key ``key#2``)."""
    field = "id" if kind == "tried" else "name"
    return _numbered((str(doc[field]), doc) for doc in docs)


def settings_record(
    before: Settings, after: Settings, state: SettingsState | None, now: datetime, device: str
) -> Doc | None:
    """The record that turns the merged ``before`` into ``after``; None when
    nothing changed."""
    state = state or SettingsState()
    old, new = before.to_doc(), after.to_doc()
    record: Doc = {}
    changed = {
        name: value
        for name, value in new.items()
        if name not in SETTINGS_LISTS and value != old.get(name)
    }
    if changed:
        record["set"] = changed
    order: Doc = {}
    for kind in SETTINGS_LISTS:
        olds, news = settings_keyed(kind, old[kind]), settings_keyed(kind, new[kind])
        diff = {
            ident: news.get(ident)
            for ident in {**olds, **news}
            if olds.get(ident) != news.get(ident)
        }
        if diff:
            record[kind] = diff
        if list(news) != list(olds):
            order[kind] = list(news)
    if order:
        record["order"] = order
    if not record:
        return None
    head: Doc = {"id": new_id(), "t": later(now, state.latest), "dev": device}
    return {**head, **record}


def legacy_settings(doc: Doc) -> Doc:
    """The settings of the old layout (the main file's) as one record, with
    an id derived from what they hold and no time (the earliest)."""
    settings = Settings.from_doc(doc)
    record = settings_record(Settings(), settings, None, datetime.min.replace(tzinfo=UTC), "")
    whole = settings.to_doc()
    out: Doc = {"id": derived_id("settings", _canonical(whole))}
    # Every field, not only those that differ from today's defaults: a
    # default that changes in a later version must not change a diary.
    out["set"] = {k: v for k, v in whole.items() if k not in SETTINGS_LISTS}
    if record is not None:
        out.update({k: v for k, v in record.items() if k in (*SETTINGS_LISTS, "order")})
    return out
