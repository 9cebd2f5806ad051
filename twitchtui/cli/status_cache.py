"""The status-bar formats' result cache: the worst red-flag tier, whether
one is urgent, and the worst finding's title, kept between calls.

A status bar calls ``twitchtui status --format waybar`` every few seconds,
and the red-flag checks (importing the rules, reading up to 120 days) cost
more than the rest of the command. Their answer depends only on

- the diary's files: the stat signature (name, size, mtime_ns, inode) of
  every file in the diary's folder whose name starts with the diary's stem,
  whatever the storage layout names them (month files, per-device files,
  the settings), so a new twitch, a self-check, a new file or a file gone
  each changes the key;
- the diary day (``today``), the settings the rules read (the day-start
  hour, the emergency number, the medicines: also in those files), the
  locale's variables (``LANG*``, ``LC_*``: the number to call is in a
  title), this program's version and the rules' source files;
- the clock, within a day, in one way only: an emergency answer becomes a
  same-day one ``EMERGENCY_HOURS`` after its instant. So each entry keeps
  the moment it was worked out and the next such moment, and is used only
  between the two.

Anything else (no entry, another key, a damaged or unreadable file, a file
that changed while the checks ran) recomputes without a word: the cache
only skips the computation, it never changes an answer. It lives in the
user cache folder (``machine.cache_dir``), never in the diary's folder (a
sync tool would carry it), one 0600 file per diary, written atomically
without fsync (a file cut short is only recomputed).
"""

from __future__ import annotations

import json
import os
import zlib
from contextlib import suppress
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..machine import cache_dir
from ..model import diary_day

if TYPE_CHECKING:
    from ..store import Store

FORMAT = 2
"""The cache file's own format: an entry of another is recomputed."""
FLAG_KEYS = ("worst_tier", "urgent", "worst_title", "incomplete")
"""What the cache keeps: the part of ``status --format json`` the checks give."""
RULES = Path(__file__).resolve().parents[1] / "redflags"
VIEWS = RULES.with_name("views.py")
"""The rules' source and what reads the diary for them: an edited rule is a
new key (in a developer's checkout, where the version stays)."""


def worst_flags(store: Store) -> dict[str, Any]:
    """``FLAG_KEYS`` for the diary as it is now: from the cache when its
    entry is for these files, this day and this moment; else worked out
    (``compute``) and kept for the next call."""
    now = store.now()
    where = cache_file(store.path)
    before = key(store, now)
    if before is not None:
        hit = cached(where, before, now)
        if hit is not None:
            return hit
    flags, until = compute(store, now)
    if before is not None and key(store, now) == before:  # nothing changed meanwhile
        save(where, {"key": before, "at": now.isoformat(), "until": until, **flags})
    return flags


def compute(store: Store, now: datetime) -> tuple[dict[str, Any], str | None]:
    """The checks, run on a diary opened afresh (so nothing it reads is older
    than the key taken before), and the first moment from ``now`` on when
    their answer may change with the clock alone (None: not this day)."""
    from ..redflags.answers import EMERGENCY_HOURS, records
    from ..store import Store
    from ..views import FLAG_WINDOW_DAYS, load_findings

    # (A diary gone meanwhile is not made anew by a command that only reads.)
    fresh = Store.open(store.path, now=store.now) if store.path.exists() else store
    findings = load_findings(fresh)
    today = diary_day(now, fresh.settings().day_start_hour)
    logs = {
        **fresh.day_logs(today - timedelta(days=FLAG_WINDOW_DAYS), today),
        **fresh.self_check_logs(),
    }
    turns = [c.at + timedelta(hours=EMERGENCY_HOURS) for c in records(logs)]
    until = min((t for t in turns if t >= now), default=None)
    flags = {
        "worst_tier": findings[0].tier if findings else None,
        "urgent": any(f.urgent for f in findings),
        "worst_title": findings[0].title if findings else None,
        "incomplete": any(f.id == "unread" for f in findings),
    }
    return flags, until.isoformat() if until else None


def key(store: Store, now: datetime) -> dict[str, Any] | None:
    """What the answer depends on besides the clock (see the module's
    docstring); None when a file could not be read (then nothing is kept)."""
    settings = store.settings()
    try:
        files = signatures(store.path)
        code = [*sources(RULES), *sources(VIEWS.parent, VIEWS.name)]
    except OSError:
        return None
    return {
        "format": FORMAT,
        "version": __version__,
        "code": code,
        "diary": str(store.path),
        "day": diary_day(now, settings.day_start_hour).isoformat(),
        "day_start_hour": settings.day_start_hour,
        "emergency_number": settings.emergency_number,
        "medicines": [m.to_doc() for m in settings.medicines],
        "locale": {k: v for k, v in sorted(os.environ.items()) if k.startswith(("LANG", "LC_"))},
        "files": files,
    }


def signatures(diary: Path) -> list[list[object]]:
    """Name, size, mtime_ns and inode of every file in the diary's folder
    whose name starts with the diary's stem, sorted by name."""
    stem = diary.stem
    out: list[list[object]] = []
    with os.scandir(diary.parent) as entries:
        for entry in entries:
            if entry.name.startswith(stem):
                got = os.stat(entry.path)  # a symlinked diary: its target
                out.append([entry.name, got.st_size, got.st_mtime_ns, got.st_ino])
    return sorted(out)


def sources(folder: Path, name: str = "") -> list[list[object]]:
    """Name, size and mtime_ns of the ``.py`` files in ``folder`` (or of the one ``name``)."""
    with os.scandir(folder) as entries:
        found = [e for e in entries if (e.name == name if name else e.name.endswith(".py"))]
        return sorted([e.name, s.st_size, s.st_mtime_ns] for e in found for s in [e.stat()])


def cache_file(diary: Path) -> Path:
    """This diary's entry, named by its path (CRC-32 and Adler-32, as the
    store's index: zlib is loaded already, hashlib would load OpenSSL)."""
    raw = str(diary).encode("utf-8", "surrogatepass")
    return cache_dir() / f"status-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.json"


def cached(where: Path, want: dict[str, Any], now: datetime) -> dict[str, Any] | None:
    """The entry's flags if it is for ``want`` and ``now`` lies between the
    moment it was worked out and the next moment the clock could change it."""
    try:
        entry = json.loads(where.read_text(encoding="utf-8"))
        if entry["key"] != want:
            return None
        if not datetime.fromisoformat(entry["at"]) <= now:
            return None  # the clock went back: an answer could be younger
        until = entry["until"]
        if until is not None and not now <= datetime.fromisoformat(until):
            return None
        flags = {k: entry[k] for k in FLAG_KEYS}
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none, damaged or of another shape: worked out again
    if not (flags["worst_tier"] is None or isinstance(flags["worst_tier"], str)) or not isinstance(
        flags["urgent"], bool
    ):
        return None
    if not (flags["worst_title"] is None or isinstance(flags["worst_title"], str)):
        return None
    return flags


def save(where: Path, entry: dict[str, Any]) -> None:
    """Write the entry atomically (a temporary file renamed over it), 0600,
    without fsync: one cut short by a crash is only worked out again. A
    cache that cannot be written is no error."""
    data = json.dumps(entry).encode()  # ASCII: a path that is not UTF-8 is escaped
    temp = where.with_name(f".{where.name}.{os.getpid()}.tmp")
    with suppress(OSError):
        where.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        os.replace(temp, where)
    with suppress(OSError):
        temp.unlink(missing_ok=True)
