"""What a diary file must say about itself, and the upgrade from older schemas.

Schema history:

1. one file holding everything (twitches with ``timestamp``/``duration``/``uuid``)
2. monthly shards; twitches keyed ``id``/``at``/``duration_s``
3. the same files, with fields an older twitchtui would drop when it
   rewrites a day, so a schema-2 app must not open it: a day's self-check
   ``checks`` (timed records; the old ``symptoms``/``seen_clinician`` are read
   into records) and ``no_coffee`` ("no coffee today" ticked); a twitch's
   ``intensity`` and ``duration_s`` may be ``null`` (not given; older entries
   are read as stored, never guessed to have been defaults). Relief sessions
   and experiments carry an ``id`` (32 hex digits, derived from the entry for
   those kept before), so an import merges them by id
4. one diary on every machine, through a file-sync tool: each device
   writes only files carrying its name (``files``), as records that every
   reader merges (``records``); the main file holds the stamp only. An
   older twitchtui would see no entries at all, so it must refuse it
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import DayLog, Twitch
from ..model.values import Doc, derived_id
from .atomic import JsonCache
from .errors import DiaryDamaged, DiaryTooNew

APP = "twitchtui"
SCHEMA = 4
STAMP = re.compile(rb'"app"\s*:\s*"twitchtui')
"""twitchtui's stamp, found in the raw bytes even of a file cut short."""


def meta(**extra: object) -> Doc:
    """The stamp a diary file carries as its ``meta`` table's first document."""
    return {"app": APP, "schema": SCHEMA, **extra}


def check_main(path: Path, data: Doc) -> int:
    """The schema of a main file's content; raises when it is not ours or too new."""
    stamp = data.get("meta", {}).get("1")
    if not isinstance(stamp, dict) or stamp.get("app") != APP:
        raise DiaryDamaged(path, "is JSON, but not a twitchtui diary")
    schema = stamp.get("schema")
    if not isinstance(schema, int) or schema < 1:
        raise DiaryDamaged(path, "has no valid schema version")
    if schema > SCHEMA:
        raise DiaryTooNew(
            f"{path} was written by a newer twitchtui (diary schema {schema}; "
            f"this version reads up to {SCHEMA}). Upgrade twitchtui to open it."
        )
    return schema


def check_shard(path: Path, data: Doc) -> None:
    """Raise unless ``data`` is a twitchtui file this version can read: a
    newer one (another machine's, or a conflict copy of one, from a newer
    twitchtui) is left out as it is, never read as if it were of this schema."""
    stamp = data.get("meta", {}).get("1")
    if not isinstance(stamp, dict) or stamp.get("app") != APP:
        raise DiaryDamaged(path, "is JSON, but not a twitchtui diary shard")
    schema = stamp.get("schema")
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA:
        raise DiaryDamaged(
            path,
            f"was written by a newer twitchtui (diary schema {schema}; this one reads up to "
            f"{SCHEMA}): update twitchtui on this machine to read it",
        )


def from_schema_1(data: Doc) -> tuple[list[Twitch], list[DayLog], Doc]:
    """A schema-1 file's twitches, day logs and settings table, in today's model."""
    twitches = [
        Twitch.from_doc(
            {
                "id": str(doc.get("uuid") or doc.get("id")).replace("-", "").lower(),
                "at": doc["timestamp"],
                "site": doc["site"],
                "side": doc["side"],
                "intensity": doc["intensity"],
                "duration_s": doc.get("duration", 0),
                "note": doc.get("note", ""),
                "triggers": doc.get("triggers", []),
            }
        )
        for doc in data.get("twitches", {}).values()
    ]
    days = [DayLog.from_doc(doc) for doc in data.get("days", {}).values()]
    return twitches, days, data.get("settings", {})


def shard_doc(stamp: Doc, twitches: dict[str, Doc], days: dict[str, Doc]) -> Doc:
    """A shard file's content in TinyDB's layout (tables of numbered documents)."""
    return {
        "meta": stamp,
        "twitches": {str(i): d for i, d in enumerate(twitches.values(), 1)},
        "days": {str(i): d for i, d in enumerate(days.values(), 1)},
    }


def _relief_id(doc: Doc) -> Doc:
    if doc.get("id"):
        return doc
    return {**doc, "id": derived_id("relief", str(doc["kind"]), str(doc["started"]))}


def _experiment_id(doc: Doc | None) -> Doc | None:
    if not doc or doc.get("id"):
        return doc
    return {**doc, "id": derived_id("experiment", str(doc["name"]), str(doc["started"]))}


def with_ids(shards: dict[str, Path], cache: JsonCache) -> dict[Path, Doc]:
    """Schema 2 to 3: the month files whose relief sessions lack an id, with
    their ids (the ones ``Relief.from_doc`` derives for them)."""
    out: dict[Path, Doc] = {}
    for path in shards.values():
        _, data = cache.load(path, strict=True)
        if data is None:
            continue
        days = data.get("days", {})
        if not any(not r.get("id") for d in days.values() for r in d.get("relief") or ()):
            continue
        new_days = {
            key: {**d, "relief": [_relief_id(r) for r in d.get("relief") or ()]}
            for key, d in days.items()
        }
        out[path] = {**data, "days": new_days}
    return out


def settings_with_ids(doc: Doc) -> Doc:
    """Schema 2 to 3: the settings document with ids on its experiments."""
    return {
        **doc,
        "experiment": _experiment_id(doc.get("experiment")),
        "tried": [_experiment_id(e) for e in doc.get("tried") or ()],
    }
