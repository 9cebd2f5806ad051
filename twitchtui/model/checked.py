"""Twitches already checked, so that a bulk write need not check them again.

An import checks every twitch of its file (``Twitch.validated`` against the
file's export time plus a day) before anything is written, and the store's
``restore`` checked each one again with the same limit: a fifth of an
import's time, for nothing. ``CheckedTwitches`` is how the store can tell
the two apart: a tuple of twitches that can be made only by ``TwitchChecks``,
which runs ``validated`` on each one it takes. A plain tuple, a list, a
slice or a filtered copy of a ``CheckedTwitches`` is not one (``only`` keeps
a part of it checked), so unchecked data never reaches the store as checked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import final

from .twitch import Twitch

_SEAL = object()


@final
class CheckedTwitches(tuple[Twitch, ...]):
    """Twitches that each passed ``Twitch.validated(until)``, as it returned them."""

    until: datetime
    """The moment they were checked against: none lies past it (plus ``FUTURE_SLACK``)."""

    def __new__(
        cls, twitches: tuple[Twitch, ...], until: datetime, seal: object
    ) -> CheckedTwitches:
        if seal is not _SEAL:
            raise TypeError("checked twitches are made only by TwitchChecks")
        made = super().__new__(cls, twitches)
        made.until = until
        return made

    def only(self, keep: Callable[[Twitch], bool]) -> CheckedTwitches:
        """The twitches ``keep`` says yes to, still checked (a part of checked twitches is)."""
        return CheckedTwitches(tuple(t for t in self if keep(t)), self.until, _SEAL)

    def checked_by(self, until: datetime) -> bool:
        """Whether ``validated(until)`` would accept them all: their own check
        was against ``until`` or an earlier moment (the stricter limit)."""
        return self.until <= until


class TwitchChecks:
    """Checks twitches one at a time against one limit, and keeps what it returned."""

    def __init__(self, until: datetime) -> None:
        self.until = until
        self._done: list[Twitch] = []

    def check(self, twitch: Twitch) -> Twitch:
        """``twitch.validated(until)``, kept (raises ``InvalidEntry`` as it does)."""
        clean = twitch.validated(self.until)
        self._done.append(clean)
        return clean

    def checked(self) -> CheckedTwitches:
        """Every twitch checked so far, in the order checked."""
        return CheckedTwitches(tuple(self._done), self.until, _SEAL)
