"""The report's figures of intensity and duration: only what was given, and
how many entries each figure rests on ("given for 1 of 4"). Pure."""

from __future__ import annotations

from .. import stats
from ..humanize import NOT_GIVEN, given, plural


def overview_figures(
    s: stats.Summary, kept: int, *, open_day: bool = False, so_far: int = 0
) -> str:
    """The period in figures: twitches on the ``kept`` diary days (days with
    something recorded), the twitch-free ones among them, the days with
    nothing recorded ("no diary"), then intensity and duration. ``open_day``:
    today is in the period, not over, and left out of ``kept`` (it is none
    of those); ``so_far``: its twitches until now, in ``s`` but in no
    figure a day (part of a day would pull the average down)."""
    gaps = s.days - kept - open_day
    unrecorded = f"; {plural(gaps, 'day')} with nothing recorded, 'no diary'" if gaps else ""
    count, days_with = s.count - so_far, s.days_with - (so_far > 0)
    apart = "which is not over and not counted in the days"
    if so_far and not kept:
        days = f"{plural(s.count, 'twitch')}: all so far today, {apart}{unrecorded}"
    else:
        # With twitches today: the total first, then the full days' figures.
        head = f"{plural(s.count, 'twitch')}: {count}" if so_far else plural(count, "twitch")
        full, later = ("full ", f" and {so_far} so far today, {apart}") if so_far else ("", "")
        none_yet = (
            "; today, not over, has none so far and is not counted"
            if open_day and not so_far
            else ""
        )
        days = (
            f"{head} on {days_with} of the {kept} {full}diary days "
            f"({count / kept:.1f} a day on average; "
            f"{plural(kept - days_with, 'twitch-free day')}{unrecorded}{none_yet}){later}"
        )
    return f"{days}. {strength_and_length(s)}"


def strength_and_length(s: stats.Summary) -> str:
    """Intensity and duration with how many entries each figure rests on;
    entries that left them out are not counted as anything."""
    if s.intensity_given:
        strength = (
            f"Intensity (1 barely to 5 strong): mean {s.mean_intensity:.1f}, highest "
            f"{s.max_intensity} (given for {s.intensity_given} of {s.count})."
        )
    else:
        strength = f"Intensity: not given for any of the {plural(s.count, 'twitch')}."
    if s.duration_given:
        length = (
            f"Duration: median {s.median_duration:g} s, longest {s.max_duration} s "
            f"(given for {s.duration_given} of {s.count})."
        )
    else:
        length = f"Duration: not given for any of the {plural(s.count, 'twitch')}."
    return f"{strength} {length}"


def mean_given(values: list[int | None]) -> str:
    """The mean of the values given, or a dash when none was."""
    known = [v for v in values if v is not None]
    return f"{sum(known) / len(known):.1f}" if known else NOT_GIVEN


def longest_given(values: list[int | None]) -> str:
    """The largest value given, or a dash when none was."""
    return given(max((v for v in values if v is not None), default=None))
