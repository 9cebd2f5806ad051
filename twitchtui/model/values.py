"""Plain values of the diary: the clock type, site and trigger names, errors,
the diary day, and the checks every field goes through."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Any

Clock = Callable[[], datetime]
Doc = dict[str, Any]
"""A JSON object as the diary keeps it on disk (what ``to_doc`` gives)."""

SITES: tuple[str, ...] = ("upper-lip", "lower-lip", "eye", "cheek", "other")
LIP_SITES: frozenset[str] = frozenset({"upper-lip", "lower-lip"})
SIDES: tuple[str, ...] = ("left", "right", "both")
TRIGGERS: tuple[str, ...] = (
    "caffeine",
    "stress",
    "poor-sleep",
    "screen-time",
    "alcohol",
    "nicotine",
    "cold",
    "dental-work",
    "new-medicine",
)
MAX_DURATION_S = 24 * 3600
MAX_NOTE = 500
FUTURE_SLACK = timedelta(minutes=1)
_TAG = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
_ID = re.compile(r"[0-9a-f]{32}")
FIRST_YEAR, LAST_YEAR = 1900, 2100
"""No date in a diary lies outside these years (inclusive)."""
# With the bidirectional overrides, embeddings and isolates (U+202A-U+202E,
# U+2066-U+2069): one of them turns the rest of a line round on the screen,
# so a habit's name could show as other words than it holds.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_CONTROL_BUT_NEWLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")


def local_now() -> datetime:
    """The real clock: the current local time, timezone-aware."""
    return datetime.now().astimezone()


def new_id() -> str:
    """A random (version 4) UUID as 32 hex digits: two processes never clash.

    Built from ``os.urandom`` like ``uuid.uuid4``, without importing ``uuid``,
    which costs ``twitchtui log`` several milliseconds of start-up.
    """
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    return raw.hex()


def derived_id(*parts: str) -> str:
    """A stable id for an entry kept before it had one: the same entry always
    gets the same id, so an old export merges by id like a new one."""
    # Only for old entries, so not on the start-up path: hashlib costs about
    # 5 ms (timed in-process after twitchtui.store, median of 9 runs).
    from hashlib import blake2b

    # surrogatepass: any text has an id (the same as before for UTF-8 text);
    # a name that is not text is refused by the check that follows, not here.
    raw = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return blake2b(raw, digest_size=16).hexdigest()


class InvalidEntry(ValueError):
    """A value that the diary refuses, with the field it concerns."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


class Conflict(Exception):
    """A change that no longer fits the diary as it is now (the entry was
    deleted or changed elsewhere, or there is nothing left to take away).
    Nothing was changed."""


def shown(value: object, most: int = 40) -> str:
    """A value as an error message may quote it: short, and with any control
    character escaped (``repr``), so a hostile file cannot write to the terminal."""
    if value is None:
        return "null"
    if not isinstance(value, (str, int, float)):
        return f"a {type(value).__name__}"
    text = repr(value)
    return text if len(text) <= most else f"{text[: most - 1]}…"


def check_id(field_name: str, value: object) -> str:
    """An entry id: 32 lowercase hex digits, as ``new_id`` makes them."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InvalidEntry(field_name, f"{shown(value)} is not an id of 32 lowercase hex digits")
    return value


def check_year(field_name: str, value: date) -> None:
    """Refuse a date outside the years a diary can hold (1900 to 2100)."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InvalidEntry(
            field_name, f"{value.isoformat()} is not between {FIRST_YEAR} and {LAST_YEAR}"
        )


def clean_text(text: str, *, newlines: bool = False) -> str:
    """Text with its C0 and C1 control characters and the bidirectional
    overrides removed (a note keeps its line breaks, as ``\\n``), so that no
    entry can drive a terminal or turn a line round. A lone
    surrogate (see ``given_text``), which no file or terminal takes, is
    shown as its escape (``\\udced``), as Python prints a path that is not
    UTF-8: a message names the file that is there."""
    return (_CONTROL_BUT_NEWLINE if newlines else _CONTROL).sub(_unseen, text)


def _unseen(found: re.Match[str]) -> str:
    char = found.group()
    return f"\\u{ord(char):04x}" if char >= "\ud800" else ""


_NOT_TEXT = re.compile("[\ud800-\udfff]")


def given_text(field_name: str, text: str, *, newlines: bool = False) -> str:
    """``clean_text`` of what a person gave, refused if it holds a lone
    surrogate: bytes that were not UTF-8, as the shell passes them on (a
    terminal set to another encoding), or a ``\\ud800`` in an import file.
    Dropped, they would change the words without a word; kept, the write
    would fail."""
    if _NOT_TEXT.search(text):
        raise InvalidEntry(
            field_name,
            "holds bytes that are not UTF-8 text, which cannot be kept "
            "(check the terminal's or the file's encoding)",
        )
    return clean_text(text, newlines=newlines)


def diary_day(at: datetime, day_start_hour: int = 0) -> date:
    """The diary day a moment belongs to.

    The day follows the local wall clock of ``at``. With a day-start hour of 3,
    a twitch at 01:30 still counts for the day before.
    """
    if not day_start_hour:  # the usual case, and a hot path for the charts
        return at.date()
    return (at - timedelta(hours=day_start_hour)).date()


def normalise_tag(tag: str) -> str:
    """Lower-case a trigger tag and join its words with hyphens."""
    return re.sub(r"[\s_]+", "-", tag.strip().lower())


def _as_int(field_name: str, value: object) -> int:
    if isinstance(value, bool):
        raise InvalidEntry(field_name, "must be a whole number")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            raise InvalidEntry(field_name, f"{value!r} is not a whole number") from None
    if not isinstance(value, int):
        raise InvalidEntry(field_name, "must be a whole number")
    return value


def _in_range(field_name: str, value: object, low: int, high: int) -> int:
    number = _as_int(field_name, value)
    if not low <= number <= high:
        raise InvalidEntry(field_name, f"must be from {low} to {high}, not {number}")
    return number


def _optional(field_name: str, value: object, low: int, high: int) -> int | None:
    """A number in range, or None when it was not given (None or blank)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _in_range(field_name, value, low, high)


def _hhmm(value: time | None) -> str | None:
    return None if value is None else value.strftime("%H:%M")


def parse_hhmm(field_name: str, value: str | time | None) -> time | None:
    """Read "HH:MM" (or a ``time``) into a ``time``; None stays None."""
    if value is None or isinstance(value, time):
        return value
    if not isinstance(value, str):
        raise InvalidEntry(field_name, f"{shown(value)} is not a time like 22:30")
    match = _HHMM.match(value.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise InvalidEntry(field_name, f"{value!r} is not a time like 22:30")
    return time(int(match[1]), int(match[2]))


_zone = lru_cache(maxsize=128)(timezone)
"""One ``timezone`` object per UTC offset. ``fromisoformat`` makes a new one
(with its ``timedelta``, 72 bytes) for every time it reads; a month of
twitches read from a file holds a few offsets, not one zone a twitch."""


def _aware(field_name: str, value: object) -> datetime:
    if type(value) is str:  # every moment read from a file: the short way
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidEntry(field_name, f"{value!r} is not an ISO date and time") from None
        zone = parsed.tzinfo  # fromisoformat gives a ``timezone`` or None
        if zone is None:
            raise InvalidEntry(field_name, "needs a timezone")
        if type(zone) is timezone:
            parsed = parsed.replace(tzinfo=_zone(zone.utcoffset(None)))
        if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            check_year(field_name, parsed)
        return parsed
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidEntry(field_name, f"{value!r} is not an ISO date and time") from None
        offset = value.utcoffset()
        if offset is not None and type(value.tzinfo) is timezone:
            value = value.replace(tzinfo=_zone(offset))
    if not isinstance(value, datetime):
        raise InvalidEntry(field_name, f"{shown(value)} is not an ISO date and time")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidEntry(field_name, "needs a timezone")
    check_year(field_name, value)
    return value


def _short(field_name: str, text: str, most: int) -> str:
    text = " ".join(given_text(field_name, str(text), newlines=True).split())
    if len(text) > most:
        raise InvalidEntry(field_name, f"is longer than {most} characters")
    return text


def days_between(first: date, last: date) -> Iterable[date]:
    """Every date from ``first`` to ``last`` inclusive."""
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)
