"""The diary's data: twitches, day logs and settings.

Pure: no I/O, no Textual, no clock of its own. Whatever needs "now" takes it
as an argument, so tests pass a fixed time instead of patching ``datetime``.

Every class converts to and from a plain JSON-able ``dict`` (``to_doc`` /
``from_doc``); that dict is exactly what the store keeps on disk.
"""

from .day import LEGACY_SYMPTOMS, SYMPTOMS, DayLog
from .selfcheck import ONSETS, SHORT, SIGNS, SelfCheck, day_end, in_force, onset_note, withdrawals
from .settings import Habit, Medicine, Settings
from .tried import PAUSE, PRESETS, RELIEF_KINDS, Experiment, Relief, Result, preset_words
from .twitch import Twitch
from .values import (
    FUTURE_SLACK,
    LIP_SITES,
    MAX_DURATION_S,
    MAX_NOTE,
    SIDES,
    SITES,
    TRIGGERS,
    Clock,
    Conflict,
    InvalidEntry,
    check_id,
    check_year,
    clean_text,
    days_between,
    diary_day,
    local_now,
    new_id,
    normalise_tag,
    parse_hhmm,
    shown,
)

__all__ = [
    "FUTURE_SLACK",
    "LEGACY_SYMPTOMS",
    "LIP_SITES",
    "MAX_DURATION_S",
    "MAX_NOTE",
    "ONSETS",
    "PAUSE",
    "PRESETS",
    "RELIEF_KINDS",
    "SHORT",
    "SIDES",
    "SIGNS",
    "SITES",
    "SYMPTOMS",
    "TRIGGERS",
    "Clock",
    "Conflict",
    "DayLog",
    "Experiment",
    "Habit",
    "InvalidEntry",
    "Medicine",
    "Relief",
    "Result",
    "SelfCheck",
    "Settings",
    "Twitch",
    "check_id",
    "check_year",
    "clean_text",
    "day_end",
    "days_between",
    "diary_day",
    "in_force",
    "local_now",
    "new_id",
    "normalise_tag",
    "onset_note",
    "parse_hhmm",
    "preset_words",
    "shown",
    "withdrawals",
]
