"""What a diary file must say about itself, and the upgrade from older schemas.

Schema history:

1. one file holding everything (twitches with ``timestamp``/``duration``/``uuid``)
2. monthly shards; twitches keyed ``id``/``at``/``duration_s``
3. the same files; fields an older twitchtui would drop when it rewrites a
   day (see ``upgrade_steps``), so a schema-2 app must not open it: a day's
   ``no_coffee`` ("no coffee today" ticked); a twitch's ``intensity`` and
   ``duration_s`` may be ``null`` (not given). Older entries are read as
   they were stored, never guessed to have been defaults.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import DayLog, Twitch
from .errors import DiaryDamaged, DiaryTooNew

APP = "twitchtui"
SCHEMA = 3
STAMP = re.compile(rb'"app"\s*:\s*"twitchtui')
"""twitchtui's stamp, found in the raw bytes even of a file cut short."""


def meta(**extra: object) -> dict:
    """The stamp a diary file carries as its ``meta`` table's first document."""
    return {"app": APP, "schema": SCHEMA, **extra}


def check_main(path: Path, data: dict) -> int:
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


def check_shard(path: Path, data: dict) -> None:
    stamp = data.get("meta", {}).get("1")
    if not isinstance(stamp, dict) or stamp.get("app") != APP:
        raise DiaryDamaged(path, "is JSON, but not a twitchtui diary shard")


def from_schema_1(data: dict) -> tuple[list[Twitch], list[DayLog], dict]:
    """A schema-1 file's twitches, day logs and settings table, in today's model."""
    twitches = [
        Twitch.from_doc(
            {
                "id": doc.get("uuid") or doc.get("id"),
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


def shard_doc(stamp: dict, twitches: dict[str, dict], days: dict[str, dict]) -> dict:
    """A shard file's content in TinyDB's layout (tables of numbered documents)."""
    return {
        "meta": stamp,
        "twitches": {str(i): d for i, d in enumerate(twitches.values(), 1)},
        "days": {str(i): d for i, d in enumerate(days.values(), 1)},
    }
