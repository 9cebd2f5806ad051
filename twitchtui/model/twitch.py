"""One twitch: when, where, how strong, how long, and what the person noted."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from .values import (
    _TAG,
    FUTURE_SLACK,
    MAX_DURATION_S,
    MAX_NOTE,
    SIDES,
    SITES,
    InvalidEntry,
    _aware,
    _optional,
    diary_day,
    new_id,
    normalise_tag,
)


@dataclass(frozen=True, slots=True)
class Twitch:
    """One logged twitch."""

    at: datetime
    site: str = "upper-lip"
    side: str = "left"
    intensity: int | None = None
    """1 (barely) to 5 (strong); None: not given (never guessed)."""
    duration_s: int | None = None
    """Seconds; None: not given."""
    note: str = ""
    triggers: tuple[str, ...] = ()
    id: str = field(default_factory=new_id)

    def validated(self, now: datetime) -> Twitch:
        """Return a cleaned copy, or raise ``InvalidEntry`` naming the field."""
        at = _aware("at", self.at)
        if at > now + FUTURE_SLACK:
            raise InvalidEntry("at", "is in the future")
        if self.site not in SITES:
            raise InvalidEntry("site", f"{self.site!r} is not one of {', '.join(SITES)}")
        if self.side not in SIDES:
            raise InvalidEntry("side", f"{self.side!r} is not one of {', '.join(SIDES)}")
        intensity = _optional("intensity", self.intensity, 1, 5)
        duration = _optional("duration", self.duration_s, 0, MAX_DURATION_S)
        note = self.note.strip()
        if len(note) > MAX_NOTE:
            raise InvalidEntry("note", f"is longer than {MAX_NOTE} characters")
        tags: list[str] = []
        for raw in self.triggers:
            tag = normalise_tag(raw)
            if not _TAG.match(tag):
                raise InvalidEntry(
                    "triggers", f"{raw!r} should be a short word (letters, digits, hyphens)"
                )
            if tag not in tags:
                tags.append(tag)
        if not self.id or not isinstance(self.id, str):
            raise InvalidEntry("id", "is missing")
        return replace(
            self,
            at=at,
            intensity=intensity,
            duration_s=duration,
            note=note,
            triggers=tuple(tags),
        )

    def day(self, day_start_hour: int = 0) -> date:
        return diary_day(self.at, day_start_hour)

    def to_doc(self) -> dict:
        return {
            "id": self.id,
            "at": self.at.isoformat(timespec="seconds"),
            "site": self.site,
            "side": self.side,
            "intensity": self.intensity,
            "duration_s": self.duration_s,
            "note": self.note,
            "triggers": list(self.triggers),
        }

    @classmethod
    def from_doc(cls, doc: dict) -> Twitch:
        return cls(
            id=str(doc["id"]),
            at=_aware("at", doc["at"]),
            site=doc["site"],
            side=doc["side"],
            intensity=_int_or_none(doc.get("intensity")),
            duration_s=_int_or_none(doc.get("duration_s")),
            note=str(doc.get("note", "")),
            triggers=tuple(doc.get("triggers", ())),
        )


def _int_or_none(value: object) -> int | None:
    """A stored number as it was: ``null`` (or missing) stays not given."""
    return None if value is None else int(value)  # type: ignore[call-overload]
