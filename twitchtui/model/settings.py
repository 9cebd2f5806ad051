"""The person's targets and preferences, their medicines and their own habits."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time, timedelta

from .tried import Experiment
from .values import (
    MAX_DURATION_S,
    SIDES,
    SITES,
    Doc,
    InvalidEntry,
    _aware,
    _hhmm,
    _in_range,
    _optional,
    _short,
    check_year,
    given_text,
    parse_hhmm,
    shown,
)


@dataclass(frozen=True, slots=True)
class Medicine:
    """A medicine on the person's list, for the red flags and the report."""

    name: str
    dose: str = ""
    started: date | None = None
    stopped: date | None = None

    def validated(self) -> Medicine:
        if not isinstance(self.name, str) or not isinstance(self.dose, str):
            raise InvalidEntry("medicine", "needs a name and a dose in words")
        name = " ".join(given_text("medicine", self.name).split())
        dose = " ".join(given_text("medicine", self.dose).split())
        if not name or len(name) > 80:
            raise InvalidEntry("medicine", "needs a name of 1 to 80 characters")
        if len(dose) > 80:
            raise InvalidEntry("dose", "is longer than 80 characters")
        for label, day in (("started", self.started), ("stopped", self.stopped)):
            if day is not None:
                check_year(label, day)
        if self.started and self.stopped and self.stopped < self.started:
            raise InvalidEntry("stopped", "is before the day it was started")
        return replace(self, name=name, dose=dose)

    def taken_on(self, day: date) -> bool:
        return (self.started is None or self.started <= day) and (
            self.stopped is None or day <= self.stopped
        )

    def to_doc(self) -> Doc:
        return {
            "name": self.name,
            "dose": self.dose,
            "started": self.started.isoformat() if self.started else None,
            "stopped": self.stopped.isoformat() if self.stopped else None,
        }

    @classmethod
    def from_doc(cls, doc: Doc) -> Medicine:
        started, stopped = doc.get("started"), doc.get("stopped")
        return cls(
            name=str(doc["name"]),
            dose=str(doc.get("dose", "")),
            started=date.fromisoformat(started) if started else None,
            stopped=date.fromisoformat(stopped) if stopped else None,
        )


@dataclass(frozen=True, slots=True)
class Habit:
    """One of the person's own habits: yes/no (target 1) or counted to a
    daily target. ``in_score``: counted in the checklist's score."""

    name: str
    target: int = 1
    in_score: bool = False

    def validated(self) -> Habit:
        if not isinstance(self.name, str):
            raise InvalidEntry("habit", "needs a name in words")
        name = " ".join(given_text("habit", self.name).split())
        if not name or len(name) > 40:
            raise InvalidEntry("habit", "needs a name of 1 to 40 characters")
        return replace(self, name=name, target=_in_range("target", self.target, 1, 100))

    def to_doc(self) -> Doc:
        return {"name": self.name, "target": self.target, "in_score": self.in_score}

    @classmethod
    def from_doc(cls, doc: Doc) -> Habit:
        return cls(str(doc["name"]), int(doc.get("target", 1)), bool(doc.get("in_score")))


_THEME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
"""A theme's name as Textual spells its own (textual-dark, nord, catppuccin-mocha)."""


def _is_theme(name: object) -> bool:
    return isinstance(name, str) and _THEME.fullmatch(name) is not None


def check_theme(name: object) -> None:
    """Refuse what is not a theme's name (a setting given: the form, an import)."""
    if not _is_theme(name):
        raise InvalidEntry("theme", f"{shown(name)} is not the name of a theme")


@dataclass(frozen=True, slots=True)
class Settings:
    """The user's targets and preferences."""

    water_target_ml: int = 2000
    glass_ml: int = 250
    coffee_limit: int = 1
    coffee_cutoff_hour: int = 12
    usual_bedtime: time = time(23, 30)
    bed_earlier_min: int = 60
    day_start_hour: int = 0
    default_site: str = "upper-lip"
    default_side: str = "left"
    default_intensity: int | None = None
    """Intensity ``t`` records; None (the default): not given."""
    default_duration_s: int | None = None
    """Duration in seconds ``t`` records; None (the default): not given."""
    theme: str = "textual-dark"
    chart_days: int = 30
    nudges: bool = True
    """Master switch for the gentle reminders while the app is open."""
    nudge_coffee: bool = True
    nudge_water: bool = True
    nudge_bed: bool = True
    nudge_checkin: bool = True
    nudge_pause: bool = True
    bell: bool = False
    """Ring the terminal bell with a reminder."""
    checkin_hour: int = 20
    """When to remind about the daily check-in if it is not done yet."""
    quiet_until: date | None = None
    """Reminders are silenced until (and including) this day."""
    pause_started: datetime | None = None
    """When a 48-hour stimulant pause began, or None."""
    emergency_number: str = ""
    """The number every urgent message tells the person to call, as they
    confirmed it; "" until then, when the locale's country gives it."""
    medicines: tuple[Medicine, ...] = ()
    habits: tuple[Habit, ...] = ()
    """The person's own habits, shown in the checklist beside the seed items."""
    patient_name: str = ""
    patient_born: date | None = None
    """Printed on the doctor's report only if set; never in an export."""
    compress_minutes: int = 10
    """How long a warm compress lasts."""
    pmr_rounds: int = 5
    """Rounds of tense-and-let-go in a face relaxation."""
    experiment: Experiment | None = None
    """The experiment running now (one at a time), or None."""
    tried: tuple[Experiment, ...] = ()
    """Experiments and stimulant pauses that ended, with their kept results."""
    welcome_pending: bool = False
    """The dashboard created this diary and its welcome was closed before it
    was completed or skipped: it is shown again the next time."""

    PRIVATE = ("patient_name", "patient_born")
    """Fields kept out of every export (the report alone prints them)."""
    TRIALS = ("experiment", "tried")
    """Fields exported as experiments, not as settings."""

    @property
    def target_bedtime(self) -> time:
        """The usual bedtime moved earlier by ``bed_earlier_min``."""
        moment = datetime.combine(date(2000, 1, 2), self.usual_bedtime)
        return (moment - timedelta(minutes=self.bed_earlier_min)).time()

    def with_habit(self, habit: Habit) -> Settings:
        """These settings with one more habit of the person's own; a second
        habit of the same name (in any case) is refused."""
        new = habit.validated()
        if any(h.name.lower() == new.name.lower() for h in self.habits):
            raise InvalidEntry("habit", f"{new.name!r} is already on your list")
        return replace(self, habits=(*self.habits, new))

    def validated(self) -> Settings:
        if self.default_site not in SITES:
            raise InvalidEntry("default_site", f"{self.default_site!r} is not a site")
        if self.default_side not in SIDES:
            raise InvalidEntry("default_side", f"{self.default_side!r} is not a side")
        if self.chart_days not in (7, 14, 30, 90, 365):
            raise InvalidEntry("chart_days", "must be 7, 14, 30, 90 or 365")
        number = str(self.emergency_number).strip()
        if number and not (number.isdigit() and 2 <= len(number) <= 6):
            raise InvalidEntry("emergency_number", f"{number!r} is not a phone number like 999")
        for label, day in (("quiet_until", self.quiet_until), ("patient_born", self.patient_born)):
            if day is not None:
                check_year(label, day)
        if self.pause_started is not None:
            _aware("pause_started", self.pause_started)
        check_theme(self.theme)
        return replace(
            self,
            emergency_number=number,
            medicines=tuple(m.validated() for m in self.medicines),
            habits=_unique_habits(self.habits),
            patient_name=_short("patient_name", self.patient_name, 80),
            water_target_ml=_in_range("water_target_ml", self.water_target_ml, 250, 10_000),
            glass_ml=_in_range("glass_ml", self.glass_ml, 50, 2_000),
            coffee_limit=_in_range("coffee_limit", self.coffee_limit, 0, 10),
            coffee_cutoff_hour=_in_range("coffee_cutoff_hour", self.coffee_cutoff_hour, 0, 23),
            usual_bedtime=parse_hhmm("usual_bedtime", self.usual_bedtime) or time(23, 30),
            bed_earlier_min=_in_range("bed_earlier_min", self.bed_earlier_min, 0, 240),
            day_start_hour=_in_range("day_start_hour", self.day_start_hour, 0, 6),
            checkin_hour=_in_range("checkin_hour", self.checkin_hour, 0, 23),
            compress_minutes=_in_range("compress_minutes", self.compress_minutes, 1, 60),
            pmr_rounds=_in_range("pmr_rounds", self.pmr_rounds, 1, 20),
            default_intensity=_optional("default_intensity", self.default_intensity, 1, 5),
            default_duration_s=_optional(
                "default_duration_s", self.default_duration_s, 0, MAX_DURATION_S
            ),
            experiment=None if self.experiment is None else self.experiment.validated(),
            tried=tuple(e.validated() for e in self.tried),
        )

    def to_doc(self) -> Doc:
        doc = {f.name: getattr(self, f.name) for f in fields(self)}
        doc["usual_bedtime"] = _hhmm(self.usual_bedtime)
        if self.pause_started is not None:
            doc["pause_started"] = self.pause_started.isoformat(timespec="seconds")
        if self.quiet_until is not None:
            doc["quiet_until"] = self.quiet_until.isoformat()
        doc["medicines"] = [m.to_doc() for m in self.medicines]
        doc["habits"] = [h.to_doc() for h in self.habits]
        doc["patient_born"] = self.patient_born.isoformat() if self.patient_born else None
        doc["experiment"] = None if self.experiment is None else self.experiment.to_doc()
        doc["tried"] = [e.to_doc() for e in self.tried]
        return doc

    @classmethod
    def from_doc(cls, doc: Doc) -> Settings:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in doc.items() if k in known}
        if "usual_bedtime" in values:
            values["usual_bedtime"] = parse_hhmm("usual_bedtime", values["usual_bedtime"])
        if values.get("pause_started"):
            values["pause_started"] = _aware("pause_started", values["pause_started"])
        if values.get("quiet_until"):
            values["quiet_until"] = date.fromisoformat(values["quiet_until"])
        values["medicines"] = tuple(Medicine.from_doc(m) for m in values.get("medicines") or ())
        values["habits"] = tuple(Habit.from_doc(h) for h in values.get("habits") or ())
        if values.get("patient_born"):
            values["patient_born"] = date.fromisoformat(values["patient_born"])
        if values.get("experiment"):
            values["experiment"] = Experiment.from_doc(values["experiment"])
        values["tried"] = tuple(Experiment.from_doc(e) for e in values.get("tried") or ())
        if not _is_theme(values.get("theme", "textual-dark")):
            # A look, not a health record: one kept before names were checked
            # reads as the default rather than make the whole diary unreadable.
            del values["theme"]
        return cls(**values).validated()


def _unique_habits(habits: Iterable[Habit]) -> tuple[Habit, ...]:
    out = tuple(h.validated() for h in habits)
    names = [h.name.lower() for h in out]
    if len(set(names)) != len(names):
        raise InvalidEntry("habit", "two habits have the same name")
    return out
