"""Short human wording for times and counts. Pure."""

from __future__ import annotations

from datetime import datetime


def ago(then: datetime, now: datetime) -> str:
    """'just now', '12 min ago', '3 h ago', '2 days ago'."""
    seconds = (now - then).total_seconds()
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
