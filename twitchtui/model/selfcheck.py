"""The weakness self-check: each save is a timed record that is never rewritten.

A later save adds to what was answered before; it never takes a sign back. The
red-flag rules read the records in order of their instants, so a change of
time zone or of the day-start hour cannot drop or reorder one.

The one way back is a *withdrawal*, what the dashboard's undo of an answer
with a sign saves (after asking): a record of its own that names the answer
it withdraws (entered by mistake). The answer stays in the diary, the
report shows it with when it was withdrawn, and the red flags no longer
count it. Removing the withdrawal (a redo) counts the answer again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from .values import Doc, InvalidEntry, _aware, check_id, check_year, new_id, shown

SIGNS: dict[str, str] = {
    "droop": "One side of the face droops",
    "cannot_hold_water": "Water or saliva escapes the mouth (cannot hold it)",
    "asymmetry": "The smile looks uneven in the mirror",
    "eye_wont_close": "An eye will not close fully",
    "speech": "Speech is slurred or hard to get out",
    "limb_weakness": "An arm or a leg feels weak",
    "numbness": "Numbness on one side of the face or body",
    "tingling": "Tingling (pins and needles) near the twitch",
    "vision_balance": "Trouble with vision or balance",
    "swallowing": "Swallowing is hard",
    "confusion": "Confusion, or trouble understanding others",
    "headache": "A severe headache",
    "wasting": "A muscle looks thinner than it used to",
    "pulling": "A pulling feeling that stays",
    "eyelid_closing": "The eyelid is pulled shut on its own",
}
"""Self-check questions, by the key a record stores the answer under, in the
order the form asks them."""

SHORT: dict[str, str] = {
    "droop": "drooping face",
    "cannot_hold_water": "water escaping the mouth",
    "asymmetry": "uneven smile",
    "eye_wont_close": "an eye that will not close fully",
    "speech": "slurred speech",
    "limb_weakness": "weak arm or leg",
    "numbness": "numbness on one side",
    "tingling": "tingling",
    "vision_balance": "trouble with vision or balance",
    "swallowing": "trouble swallowing",
    "confusion": "confusion",
    "headache": "severe headache",
    "wasting": "a muscle getting thinner",
    "pulling": "a pulling feeling",
    "eyelid_closing": "the eyelid pulled shut",
}
"""A few words for each sign, for reasons and lists."""

ONSETS: dict[str, str] = {
    "sudden": "came on suddenly",
    "days": "came on over days",
    "unsure": "onset not sure",
}
"""How a sign came on. A sign saved without an onset is ``unsure``."""


def onset_note(onset: str) -> str:
    """A short note after a sign's name: " (sudden)", " (over days)", or ""."""
    return {"sudden": " (sudden)", "days": " (over days)"}.get(onset, "")


LEGACY: dict[str, str] = {
    "tingling": "numbness",
    "sudden_weakness": "droop",
}
"""Questions of diaries written before the self-check kept records.
``tingling`` then asked "tingling or numbness" as one question, so it is read as
the more serious of the two; ``sudden_weakness`` was "sudden weakness or
drooping on one side of the face"."""


def day_end(day: date, day_start_hour: int = 0) -> datetime:
    """The last second of a diary day, on the local clock of today's zone."""
    end = datetime.combine(day + timedelta(days=1), time(day_start_hour)) - timedelta(seconds=1)
    return end.astimezone()


@dataclass(frozen=True, slots=True)
class SelfCheck:
    """One save of the self-check: the signs answered yes, each with how it
    came on, the signs said to have passed, and whether a clinician saw the
    person (at ``at``: it closes what began before it)."""

    at: datetime
    signs: dict[str, str] = field(default_factory=dict)
    passed: tuple[str, ...] = ()
    seen: bool = False
    id: str = field(default_factory=new_id)
    saved: datetime | None = None
    """When it was saved, if not at ``at`` (an answer about a past day counts
    from that day's end, but was saved later): whether a sign is new is
    judged by what had been saved before."""
    withdraws: str | None = None
    """The id of the answer this record withdraws as entered by mistake
    (nothing else is answered in such a record); None for an answer."""

    @property
    def saved_at(self) -> datetime:
        return self.saved or self.at

    @property
    def timeless(self) -> bool:
        """An answer about a past day, told later: it counts from that day's
        end, and no time was given for it (so none is shown). A visit given
        for an earlier moment is saved later too, but at the time given."""
        visit_only = self.seen and not self.signs and not self.passed
        return (
            self.saved is not None
            and self.saved > self.at
            and not visit_only
            and self.withdraws is None
        )

    def validated(self) -> SelfCheck:
        at = _aware("self-check", self.at)
        saved = None if self.saved is None else _aware("self-check saved", self.saved)
        if saved is not None and saved < at:
            raise InvalidEntry("self-check", "was saved before the moment it is about")
        unknown = (set(self.signs) | set(self.passed)) - set(SIGNS)
        if unknown:
            raise InvalidEntry("self-check", f"unknown sign {sorted(unknown)[0]!r}")
        bad = {v for v in self.signs.values()} - set(ONSETS)
        if bad:
            raise InvalidEntry("onset", f"{sorted(bad)[0]!r} is not sudden, days or unsure")
        check_id("self-check id", self.id)
        if self.withdraws is not None:
            check_id("the self-check withdrawn", self.withdraws)
            if self.signs or self.passed or self.seen or self.withdraws == self.id:
                raise InvalidEntry("self-check", "a withdrawal answers nothing of its own")
        check_year("self-check", at.date())
        if not isinstance(self.seen, bool):
            raise InvalidEntry("self-check", f"seen is {shown(self.seen)}, not true or false")
        order = list(SIGNS)
        return replace(
            self,
            at=at,
            signs={k: self.signs[k] for k in order if k in self.signs},
            passed=tuple(k for k in order if k in self.passed),
            seen=self.seen,
            saved=None if saved == at else saved,
        )

    @property
    def is_empty(self) -> bool:
        return not self.signs and not self.passed and not self.seen and self.withdraws is None

    def withdrawal(self, now: datetime) -> SelfCheck:
        """The record that withdraws this answer, saved at ``now``: filed at the
        answer's own moment (so under its day, and right after it), saved later."""
        return SelfCheck(self.at, withdraws=self.id, saved=None if now <= self.at else now)

    def to_doc(self) -> Doc:
        doc = {
            "id": self.id,
            "at": self.at.isoformat(timespec="seconds"),
            "signs": dict(self.signs),
            "passed": list(self.passed),
            "seen": self.seen,
        }
        if self.saved is not None:
            doc["saved"] = self.saved.isoformat(timespec="seconds")
        if self.withdraws is not None:
            doc["withdraws"] = self.withdraws
        return doc

    @classmethod
    def from_doc(cls, doc: Doc) -> SelfCheck:
        if not isinstance(doc, dict):
            raise InvalidEntry("self-check", "is not a record")
        signs = doc.get("signs") or {}
        passed = doc.get("passed") or []
        if not isinstance(signs, dict) or not isinstance(passed, list):
            raise InvalidEntry("self-check", "signs must be a mapping and passed a list")
        if not all(isinstance(v, str) for v in (*signs.values(), *passed)):
            raise InvalidEntry("self-check", "signs and their onsets must be words")
        if not isinstance(doc.get("at"), str):
            raise InvalidEntry("self-check", f"at is {shown(doc.get('at'))}, not a date and time")
        if not isinstance(doc.get("saved", ""), str):
            raise InvalidEntry("self-check", f"saved is {shown(doc.get('saved'))}, not a time")
        return cls(
            at=_aware("self-check", doc["at"]),
            signs=dict(signs),
            passed=tuple(passed),
            seen=doc.get("seen", False),
            id=doc.get("id"),  # type: ignore[arg-type]  # checked in validated()
            saved=_aware("self-check saved", doc["saved"]) if doc.get("saved") else None,
            withdraws=doc.get("withdraws"),  # checked in validated()
        ).validated()


def in_force(checks: Iterable[SelfCheck]) -> list[SelfCheck]:
    """The answers of ``checks`` that count: neither a withdrawal nor an
    answer one of them withdraws."""
    checks = list(checks)
    withdrawn = {c.withdraws for c in checks if c.withdraws is not None}
    return [c for c in checks if c.withdraws is None and c.id not in withdrawn]


def withdrawals(checks: Iterable[SelfCheck]) -> dict[str, SelfCheck]:
    """The withdrawals among ``checks``, by the id of the answer each withdraws
    (the earliest saved, if one was withdrawn twice)."""
    out: dict[str, SelfCheck] = {}
    for c in sorted(checks, key=lambda c: c.saved_at):
        if c.withdraws is not None:
            out.setdefault(c.withdraws, c)
    return out


def from_legacy(day: date, symptoms: dict[str, object], seen: object) -> tuple[SelfCheck, ...]:
    """The records an old day log's answers stand for: one self-check at the
    end of that day (no time was kept), and the clinician visit after it.
    Every answer must be true or false: "no" is not taken for a yes."""
    for key, value in (*symptoms.items(), ("seen_clinician", seen)):
        if not isinstance(value, bool):
            raise InvalidEntry(key, f"{shown(value)} is not true or false")
    yes = {k for k, v in symptoms.items() if v}
    sudden = "sudden" in yes or "sudden_weakness" in yes
    signs: dict[str, str] = {}
    for key in yes - {"sudden"}:
        sign = LEGACY.get(key, key)
        if sign in SIGNS:
            signs[sign] = "sudden" if sudden else "unsure"
    if not signs and not seen:
        return ()
    check_year("day", day)
    at = day_end(day)
    # Stable ids, so that reading the same old day twice gives the same records.
    base = f"{day:%Y%m%d}".ljust(31, "0")
    out = []
    if signs:
        out.append(SelfCheck(at, signs, id=base + "1"))
    if seen:
        out.append(SelfCheck(at, {}, seen=True, id=base + "2"))
    return tuple(out)
