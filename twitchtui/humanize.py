"""Short human wording for times and counts. Pure."""

from __future__ import annotations

from datetime import datetime, timedelta


def ago(then: datetime, now: datetime) -> str:
    """'just now', '12 min ago', '3 h ago', '2 days ago'; 'ahead of this
    clock' for a moment more than a minute later than ``now`` (another
    machine's clock running fast, or an import), never 'just now'."""
    seconds = (now - then).total_seconds()
    if seconds < -60:
        return "ahead of this clock"
    if seconds < 60:
        return "just now"
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min ago"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h ago"
    return f"{hours // 24} days ago"


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 twitch', '3 twitches', '2 days'."""
    if count == 1:
        return f"1 {word}"
    return f"{count} {many or (word + 'es' if word.endswith(('ch', 'sh', 's')) else word + 's')}"


NOT_GIVEN = "—"
"""How a value nobody gave is shown (never as 0 or a guess)."""


def given(value: object) -> str:
    """A value as text, or "—" when it was not given."""
    return NOT_GIVEN if value is None else str(value)


def glasses(ml: int, glass_ml: int) -> str:
    """'1 glass', '8 glasses', '6.7 glasses' (one decimal at most, never 6.66667)."""
    count = round(ml / glass_ml, 1) if glass_ml > 0 else 0.0
    text = f"{count:.0f}" if count == int(count) else f"{count:.1f}"
    return f"{text} glass" if text == "1" else f"{text} glasses"


def clock(hour: int) -> str:
    """An hour of the day as a clock time: 4 → '04:00'."""
    return f"{hour % 24:02d}:00"


NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000)


def int_ticks(peak: float, most: int = 5, rows: int | None = None) -> list[int]:
    """Whole-number axis ticks from 0, evenly spaced, the last one at or above
    ``peak``: 4.6 → [0, 1, 2, 3, 4, 5]; 37 → [0, 10, 20, 30, 40].

    With ``rows`` (the chart's height in rows), the number of gaps divides
    ``rows - 1``, so that each tick lands the same number of rows apart."""
    need = max(1, int(-(-peak // 1)))
    nice: list[int] | None = None
    plain: list[int] | None = None
    for gaps in range(1, max(1, min(most, need)) + 1):
        if rows is not None and rows > 1 and (rows - 1) % gaps:
            continue
        step = -(-need // gaps)
        plain = [i * step for i in range(gaps + 1)]  # the most gaps wins
        round_step = next((n for n in NICE_STEPS if n >= step), step)
        if round_step * gaps <= need * 1.25:
            nice = [i * round_step for i in range(gaps + 1)]
    # Round steps (10, 20, 25) read best, unless they leave only two ticks.
    if nice is not None and (len(nice) > 2 or plain is None or len(plain) <= 2):
        return nice
    return plain or [0, need]


def hours_caption(hourly: tuple[int, ...] | list[int], now: datetime) -> str:
    """The caption under the 24-hour sparkline (oldest hour first): the peak is
    a count, so say so, and when it was."""
    peak = max(hourly, default=0)
    if not peak:
        return "24 h by hour · none"
    index = max(i for i, n in enumerate(hourly) if n == peak)  # the latest peak
    hour = (now - timedelta(hours=len(hourly) - 1 - index)).hour
    return f"24 h by hour · peak {plural(peak, 'twitch')} around {clock(hour)}"
