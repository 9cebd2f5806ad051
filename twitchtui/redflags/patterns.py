"""Rules on the pattern of twitches: lasting past two weeks, spreading, clearly rising."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from ..humanize import plural
from ..model import Twitch
from .finding import (
    ARTICLE,
    INFO,
    NHS,
    ROUTINE,
    Entry,
    Finding,
    when,
)

PERSIST_DAYS = 14
"""First and latest twitch of the current run this many days apart (or more)."""
PERSIST_MIN_DAYS = 7
PERSIST_SHARE = 0.4
"""...and twitches on at least 7 of the run's days and on at least 40% of them
(by some day of the run: a run that met it stays flagged while it goes on)."""
PERSIST_LONG_DAYS = 42
"""A run this long (six weeks with no twitch-free week) with twitches on at
least 7 of its days persists whatever its share: twice a week for months is
twitching that has not settled."""
GAP_DAYS = 7
"""A twitch-free stretch this long ends a run."""
SPREAD_WINDOW = 28
"""Spread looks at the diary days from today back to 27 days ago: old, brief
flickers (an eyelid weeks ago) are not a spread of today's twitching."""
SPREAD_MIN_DAYS = 2
"""A place (or a side) counts once it has twitched on this many different days
within that window."""
RISE_FACTOR = 1.5
RISE_MARGIN = 5
"""This week counts as clearly above when it is at least 1.5x the weekly average
of the three weeks before it and at least 5 twitches more."""


def current_run(days: list[date], today: date) -> list[date] | None:
    """The twitch days since the last twitch-free gap of GAP_DAYS, or None if
    that gap is happening now (the twitching has stopped)."""
    if not days or (today - days[-1]).days >= GAP_DAYS:
        return None
    start = 0
    for i in range(1, len(days)):
        if (days[i] - days[i - 1]).days - 1 >= GAP_DAYS:
            start = i
    return days[start:]


def _persists(run: list[date]) -> bool:
    """Whether a run of twitch days (oldest first) has gone on: by one of its
    days it spanned 14 days with twitches on 7 of them and on 40% of them
    (so a flag never goes while the run does, as the share falls), or it
    spans six weeks with twitches on 7 days."""
    if len(run) < PERSIST_MIN_DAYS:
        return False
    if (run[-1] - run[0]).days >= PERSIST_LONG_DAYS:
        return True
    for n, day in enumerate(run, 1):
        span = (day - run[0]).days
        if span >= PERSIST_DAYS and n >= max(PERSIST_MIN_DAYS, PERSIST_SHARE * (span + 1)):
            return True
    return False


def persistence(by_day: dict[date, list[Twitch]], today: date) -> Finding | None:
    """The current run of twitching spans 14 days or more (first to latest
    twitch, no twitch-free week in between), with twitches on at least 7 of
    its days and on at least 40% of them (by some day of it), or over six
    weeks with twitches on 7 days: a few stray twitches spread over two weeks
    are not "still going strong at the two-week mark"."""
    run = current_run(list(by_day), today)
    if not run or (run[-1] - run[0]).days < PERSIST_DAYS:
        return None
    span = (run[-1] - run[0]).days
    if not _persists(run):
        return None
    count = sum(len(by_day[d]) for d in run)
    return Finding(
        id="persistence",
        tier=ROUTINE,
        title="Twitching has gone on for two weeks or more",
        reason=(
            f"The current run of twitching began on {when(run[0], today)} and the latest twitch "
            f"was on {when(run[-1], today)} ({span + 1} days, counting both), with twitches on "
            f"{len(run)} of them and no twitch-free week in between. Most lip twitches settle "
            f"within days; twitching that carries on past two weeks is worth a check."
        ),
        source=f"{ARTICLE} (the two-week mark); {NHS} (twitches lasting over 2 weeks)",
        advice="Book a routine appointment with your GP and take the diary report with you.",
        entries=(
            Entry(run[0], f"first twitch of this run ({len(by_day[run[0]])} that day)"),
            Entry(run[-1], f"latest twitch ({len(by_day[run[-1]])} that day)"),
            Entry(run[-1], f"{plural(count, 'twitch')} on {len(run)} of {span + 1} days"),
        ),
    )


REGIONS: dict[str, str] = {
    "upper-lip": "lip",
    "lower-lip": "lip",
    "eye": "eye",
    "cheek": "cheek",
    "other": "elsewhere in the body",
}
_FACE = {"lip", "eye", "cheek"}


def spread(by_day: dict[date, list[Twitch]], today: date) -> Finding | None:
    """Twitching in more than one place, in any order (lip then eye, eye then
    lip, elsewhere then lip...), or on both sides of the face, in the last 28
    days. A place or a side counts only once it has twitched on 2 different
    days: one stray flicker is not spread. ``side=both`` is a twitch in the
    middle (of the lip, say), not a sign of both sides."""
    # -1: tomorrow by the date of a twitch logged under a clock ahead of this
    # one that has already happened (``views.load_findings``): this week's.
    window = [(d, ts) for d, ts in by_day.items() if -1 <= (today - d).days < SPREAD_WINDOW]
    places, sides, same_side = _where(window)
    counted = {p: days for p, days in places.items() if len(days) >= SPREAD_MIN_DAYS}
    notes: list[str] = []
    entries: list[Entry] = []
    clinician = ""
    if len(counted) >= 2:
        order = sorted(counted, key=lambda p: counted[p][0])
        steps = ", then ".join(
            f"{'the ' if p in _FACE else ''}{p} from {when(counted[p][0], today)} "
            f"({plural(len(counted[p]), 'day')})"
            for p in order
        )
        notes.append(f"twitches have come in more than one place: {steps}")
        entries += [
            Entry(counted[p][0], f"first {p} twitch ({plural(len(counted[p]), 'day')} in all)")
            for p in order
        ]
        one_sided = _one_sided(same_side)
        if one_sided is not None:
            notes.append(one_sided[0])
            clinician = one_sided[1]
    left, right = sides["left"], sides["right"]
    if len(left) >= SPREAD_MIN_DAYS and len(right) >= SPREAD_MIN_DAYS:
        later = max(left[0], right[0])
        notes.append(
            f"both sides of the face are involved (left on {plural(len(left), 'day')}, "
            f"right on {plural(len(right), 'day')})"
        )
        entries.append(Entry(later, "first day the second side twitched"))
    if not notes:
        return None
    return Finding(
        id="spread",
        tier=ROUTINE,
        title="Twitching has spread",
        reason=(
            f"In the last {SPREAD_WINDOW} days "
            + "; ".join(notes)
            + ". A twitch that stays in one spot is "
            "the usual harmless kind; twitching that spreads, especially to or from the eye, "
            "is worth showing a doctor."
        ),
        source=f"{ARTICLE} (spreading, especially to the eye); {NHS} (twitches that spread)",
        advice="Make a GP appointment; mention where and on which side each twitch started.",
        entries=tuple(sorted(entries, key=lambda e: e.day)),
        clinician_note=clinician,
    )


def _where(
    window: list[tuple[date, list[Twitch]]],
) -> tuple[dict[str, list[date]], dict[str, list[date]], dict[tuple[str, str], list[date]]]:
    """The days each place, each side, and each side's eye or mouth twitched
    (in order, each day once)."""
    places: dict[str, list[date]] = defaultdict(list)
    sides: dict[str, list[date]] = defaultdict(list)
    same_side: dict[tuple[str, str], list[date]] = defaultdict(list)
    for d, day in window:
        twitches = sorted(day, key=lambda t: t.at)  # a day's places in the order they came
        for place in dict.fromkeys(REGIONS[t.site] for t in twitches):
            places[place].append(d)
        for t in twitches:
            region = REGIONS[t.site]
            if region in _FACE and t.side != "both":
                if not sides[t.side] or sides[t.side][-1] != d:
                    sides[t.side].append(d)
                group = "eye" if region == "eye" else "mouth"
                key = (t.side, group)
                if not same_side[key] or same_side[key][-1] != d:
                    same_side[key].append(d)
    return places, sides, same_side


def _one_sided(same_side: dict[tuple[str, str], list[date]]) -> tuple[str, str] | None:
    """Eye and mouth twitching on one side (left first): the note for the
    person and the one for the clinician, or None."""
    for side in ("left", "right"):
        eye, mouth = same_side[(side, "eye")], same_side[(side, "mouth")]
        if len(eye) >= SPREAD_MIN_DAYS and len(mouth) >= SPREAD_MIN_DAYS:
            began = "it began at the eye; " if eye[0] < mouth[0] else ""
            note = (
                f"on the {side} side both the eye and the mouth twitch ({began}"
                f"{plural(len(eye), 'day')} at the eye, {plural(len(mouth), 'day')} at the "
                "mouth), a one-sided pattern a doctor will want to hear about"
            )
            clinician = (
                f"Eye and mouth twitching on the {side} side over the same weeks"
                f"{' (eye first)' if eye[0] < mouth[0] else ''}: a pattern worth assessing "
                "for hemifacial spasm. The app does not diagnose; this is what was logged."
            )
            return note, clinician
    return None


def rising(by_day: dict[date, list[Twitch]], today: date) -> Finding | None:
    """This week against the three weeks before it, within one run of twitching
    that began at least four weeks ago."""

    def count(first: int, last: int) -> int:
        return sum(len(v) for d, v in by_day.items() if first <= (today - d).days <= last)

    run = current_run(list(by_day), today)
    if not run or (today - run[0]).days < 27:
        # The three weeks before must belong to the same run of twitching: a new
        # bout after a quiet spell is not "more frequent" (persistence covers it).
        return None
    this_week = count(-1, 6)  # -1: see ``spread``
    before = [count(7, 13), count(14, 20), count(21, 27)]
    average = sum(before) / 3
    threshold = max(average * RISE_FACTOR, average + RISE_MARGIN)
    if this_week < threshold:
        return None
    return Finding(
        id="rising-frequency",
        tier=INFO,
        title="More twitches this week",
        reason=(
            f"{plural(this_week, 'twitch')} in the last 7 days against an average of "
            f"{average:.1f} a week over the three weeks before. The app flags a week at "
            f"{RISE_FACTOR:g}× that average and at least {RISE_MARGIN} more. Twitching that "
            f"keeps becoming more frequent can be worth a check; a bad week often has a plain "
            f"cause such as stress, short nights or extra coffee."
        ),
        source=f"{ARTICLE} (twitching that becomes more frequent)",
        advice="Look at the checklist and triggers for this week. If it keeps rising, see a GP.",
        entries=(
            Entry(today - timedelta(days=6), f"{plural(this_week, 'twitch')} from here to today"),
            Entry(
                today - timedelta(days=27),
                f"weekly counts before: {before[2]}, {before[1]}, {before[0]}",
            ),
        ),
    )
