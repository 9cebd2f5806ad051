"""One twitch: when, where, how strong, how long, and what the person noted."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from .values import (
    _TAG,
    FUTURE_SLACK,
    MAX_DURATION_S,
    MAX_NOTE,
    SIDES,
    SITES,
    Doc,
    InvalidEntry,
    _aware,
    _optional,
    check_id,
    diary_day,
    given_text,
    new_id,
    normalise_tag,
    shown,
)

if TYPE_CHECKING:
    from .settings import Settings


_NAMES = {name: name for name in (*SITES, *SIDES)}
"""The known site and side names, one string each. A twitch read from a
file then holds these, not copies of its own (``json`` makes a new string
for every value it reads): about 110 bytes a twitch."""


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
        """Return a cleaned copy, or raise ``InvalidEntry`` naming the field.

        ``intensity`` and ``duration_s`` may be None: not recorded."""
        at = _aware("at", self.at)
        if at > now + FUTURE_SLACK:
            # ``now`` is the clock, or for an import the export's own time
            # plus a day: say both moments rather than "in the future".
            raise InvalidEntry(
                "at",
                f"{at.isoformat(timespec='minutes')} is later than "
                f"{now + FUTURE_SLACK:%Y-%m-%d %H:%M}, "
                "the latest it can be",
            )
        if not isinstance(self.site, str) or self.site not in SITES:
            raise InvalidEntry("site", f"{shown(self.site)} is not one of {', '.join(SITES)}")
        if not isinstance(self.side, str) or self.side not in SIDES:
            raise InvalidEntry("side", f"{shown(self.side)} is not one of {', '.join(SIDES)}")
        intensity = _optional("intensity", self.intensity, 1, 5)
        duration = _optional("duration", self.duration_s, 0, MAX_DURATION_S)
        if not isinstance(self.note, str):
            raise InvalidEntry("note", f"{shown(self.note)} is not text")
        note = given_text("note", self.note, newlines=True).strip()
        if len(note) > MAX_NOTE:
            raise InvalidEntry("note", f"is longer than {MAX_NOTE} characters")
        if not isinstance(self.triggers, (tuple, list)):
            raise InvalidEntry("triggers", f"{shown(self.triggers)} is not a list of tags")
        tags: list[str] = []
        for raw in self.triggers:
            tag = normalise_tag(raw) if isinstance(raw, str) else ""
            if not _TAG.match(tag):
                raise InvalidEntry(
                    "triggers", f"{shown(raw)} should be a short word (letters, digits, hyphens)"
                )
            if tag not in tags:
                tags.append(tag)
        return replace(
            self,
            at=at,
            intensity=intensity,
            duration_s=duration,
            note=note,
            triggers=tuple(tags),
            id=check_id("id", self.id),
        )

    def day(self, day_start_hour: int = 0) -> date:
        return diary_day(self.at, day_start_hour)

    def to_doc(self) -> Doc:
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
    def from_doc(cls, doc: Doc) -> Twitch:
        """A twitch as a file keeps it, values as they are: ``validated`` is
        what refuses a wrong type, never a silent conversion here."""
        triggers = doc.get("triggers", ())
        return cls(
            id=doc["id"],
            at=_aware("at", doc["at"]),
            site=_NAMES.get(site, site) if isinstance(site := doc["site"], str) else site,
            side=_NAMES.get(side, side) if isinstance(side := doc["side"], str) else side,
            intensity=doc.get("intensity"),
            duration_s=doc.get("duration_s"),
            note=doc.get("note", ""),
            triggers=tuple(triggers) if isinstance(triggers, list | tuple) else triggers,
        )


def next_site_side(last: Twitch | None, settings: Settings) -> tuple[str, str]:
    """Where a new twitch is, when the person does not say: the site and side
    of the twitch logged last, or the settings' default before any twitch.
    The dashboard's ``t`` and ``twitchtui log`` both ask here."""
    if last is not None:
        return last.site, last.side
    return settings.default_site, settings.default_side
