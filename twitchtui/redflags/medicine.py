"""The medicine rule: a medicine taken around the time of the twitching."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from ..humanize import plural
from ..model import Medicine, Twitch
from .finding import ARTICLE, INFO, Entry, Finding, when

MEDICINE_WINDOW = 30


def medicine(
    by_day: dict[date, list[Twitch]], medicines: Iterable[Medicine], today: date
) -> Finding | None:
    """A twitch tagged "new-medicine", or a medicine taken at any time in the
    last 30 days (started, or stopped recently), with twitches since it started."""
    recent = {d: ts for d, ts in by_day.items() if 0 <= (today - d).days < MEDICINE_WINDOW}
    tagged = sorted(d for d, ts in recent.items() if any("new-medicine" in t.triggers for t in ts))
    window = today - timedelta(days=MEDICINE_WINDOW - 1)
    taken = [
        m
        for m in medicines
        if m.started is not None
        and m.started <= today
        and (m.stopped is None or m.stopped >= window)
        and any(d >= m.started for d in recent)
    ]
    if not tagged and not taken:
        return None
    parts = []
    for m in taken:
        assert m.started is not None
        stopped = f", stopped {when(m.stopped, today)}" if m.stopped else ""
        parts.append(f"{m.name} (started {when(m.started, today)}{stopped}), with twitches since")
    if tagged:
        parts.append(f"a new medicine tagged on {plural(len(tagged), 'day')} with twitches")
    entries = [Entry(m.started, f"started {m.name}") for m in taken if m.started]
    entries += [Entry(m.stopped, f"stopped {m.name}") for m in taken if m.stopped]
    entries += [Entry(d, "twitch tagged: new medicine") for d in tagged]
    return Finding(
        id="medicine",
        tier=INFO,
        title="A medicine around the time of the twitching",
        reason=(
            "In the last 30 days the diary shows " + "; ".join(parts) + ". Some medicines "
            "(among them antipsychotics, some antidepressants, diuretics and steroids) can cause "
            "twitching as a side effect."
        ),
        source=f"{ARTICLE} (medicines that can cause twitching)",
        advice=(
            "Ask a pharmacist or your GP whether it could play a part. Never stop or change a "
            "prescribed medicine on your own."
        ),
        entries=tuple(sorted(entries, key=lambda e: e.day)),
    )
