"""Reading the moments people type: 'now', '15' (minutes ago), '14:05',
'yesterday 23:40' or a full ISO date-time. Pure: the clock is passed in."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from .model import InvalidEntry, check_year, parse_hhmm


def _at(day: date, hhmm: str, now: datetime, field: str, notes: list[str]) -> datetime:
    moment = parse_hhmm(field, hhmm)
    assert moment is not None
    return local_moment(datetime.combine(day, moment), now, field, notes)


def local_moment(naive: datetime, now: datetime, field: str, notes: list[str]) -> datetime:
    """A wall-clock time the person typed, placed by the local time zone's
    rules when ``now`` follows them (else at ``now``'s own offset).

    A time the clocks skipped (a spring-forward night) is refused with a
    hint; a time they showed twice (falling back) is taken as the first
    time, and ``notes`` gets a line saying so."""
    check_year(field, naive.date())  # and year 1 or 9999 cannot be placed in a zone
    if not _local_rules(now):
        return naive.replace(tzinfo=now.tzinfo)  # a fixed clock in another zone
    first = naive.replace(fold=0).astimezone()
    second = naive.replace(fold=1).astimezone()
    if first.replace(tzinfo=None) != naive:
        raise InvalidEntry(
            field,
            f"{naive:%H:%M} did not happen on {naive:%Y-%m-%d}: the clocks went forward "
            f"then. Write {second:%H:%M}, the same moment by the new time",
        )
    if first.utcoffset() != second.utcoffset():
        notes.append(
            f"{naive:%H:%M} happened twice on {naive:%Y-%m-%d} (the clocks went back); "
            f"taken as the first time, {first:%H:%M} at UTC{first:%z}."
        )
    return first


def _local_rules(now: datetime) -> bool:
    """``now`` is this machine's local time (not a fixed clock set in another zone)."""
    return now.utcoffset() == now.astimezone().utcoffset()


def parse_at(
    text: str | None, now: datetime, field: str = "--at", notes: list[str] | None = None
) -> datetime:
    """A moment for the shell's ``--at``: none (now), 'HH:MM' (today),
    'yesterday HH:MM', or an ISO date-time ('2026-11-18T14:05', a space works
    too). Never later than now. A line for the person (an ambiguous time
    taken as its first occurrence) goes into ``notes``."""
    notes = [] if notes is None else notes
    if text is None or text.strip().lower() in ("", "now"):
        return now
    words = text.strip().lower().split()
    if len(words) == 2 and words[0] == "yesterday":
        at = _at(now.date() - timedelta(days=1), words[1], now, field, notes)
    elif len(words) == 1 and ":" in words[0] and "-" not in words[0]:
        at = _at(now.date(), words[0], now, field, notes)
    else:
        try:
            at = datetime.fromisoformat(text.strip())
        except ValueError:
            raise InvalidEntry(
                field,
                f"{text[:40]!r} is not a time: write 14:05, 'yesterday 23:40' or 2026-11-18T14:05",
            ) from None
        if at.tzinfo is None:
            at = local_moment(at, now, field, notes)
        else:
            # Another offset (a time copied from a log in UTC) names the same
            # moment, but the diary files it by the wall clock here: 01:30Z is
            # 21:30 the evening before in New York, and that is its day.
            check_year(field, at.date())
            at = at.astimezone() if _local_rules(now) else at.astimezone(now.tzinfo)
    if at > now + timedelta(minutes=1):
        hint = " (for last night, write 'yesterday HH:MM')" if len(words) == 1 else ""
        raise InvalidEntry(field, f"{at:%Y-%m-%d %H:%M} is later than now{hint}")
    return at


def parse_when(text: str, base: datetime, now: datetime) -> datetime:
    """The details form's field: 'now' or '' → now; '15' → 15 minutes ago;
    '14:05' → that time on ``base``'s date."""
    text = text.strip().lower()
    if text in ("", "now", "0"):
        return now
    if text.isdigit():
        return now - timedelta(minutes=int(text))
    moment = parse_hhmm("when", text)
    assert moment is not None
    return base.replace(hour=moment.hour, minute=moment.minute, second=0, microsecond=0)
