"""Timer maths for the relief toolkit: a pausable countdown and the face
relaxation's cues. Pure: every function takes the clock reading (monotonic
seconds) it should answer for, so nothing here counts ticks."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

TENSE_S = 5
"""Seconds to tense the face in each round of the relaxation."""
RELEASE_S = 10
"""Seconds to let go in each round."""
EPSILON = 1e-9
"""How near a whole step (a minute, a cell of the bar), in steps, counts as
having reached it: clock readings are floats, and what the person sees and
when it next changes must agree on where each step falls."""
END_S = 1e-6
"""How near its end, in seconds, a countdown counts as over: 248.4 + 1800
reads back as 1799.9999999999998 elapsed, which shows "0 min" and a full
bar, so the countdown must be over there too, not a wake of 2e-13 s later."""


def steps_done(fraction: float, steps: int) -> int:
    """Whole steps of ``steps`` reached at ``fraction`` (0-1) of the way."""
    return min(steps, math.floor(fraction * steps + EPSILON))


@dataclass(frozen=True, slots=True)
class Timer:
    """A countdown of ``planned_s`` seconds. ``banked``: seconds run before the
    last start; ``since``: the clock reading at the last start (None: paused)."""

    planned_s: float
    banked: float = 0.0
    since: float | None = None

    @classmethod
    def start(cls, planned_s: float, at: float) -> Timer:
        return cls(planned_s, 0.0, at)

    @property
    def paused(self) -> bool:
        return self.since is None

    def elapsed(self, at: float) -> float:
        running = 0.0 if self.since is None else max(0.0, at - self.since)
        total = self.banked + running
        return self.planned_s if total >= self.planned_s - END_S else total

    def remaining(self, at: float) -> float:
        return self.planned_s - self.elapsed(at)

    def done(self, at: float) -> bool:
        return self.elapsed(at) >= self.planned_s

    def fraction(self, at: float) -> float:
        return self.elapsed(at) / self.planned_s if self.planned_s else 1.0

    def pause(self, at: float) -> Timer:
        return self if self.paused else replace(self, banked=self.elapsed(at), since=None)

    def resume(self, at: float) -> Timer:
        return replace(self, since=at) if self.paused else self

    def next_change(self, at: float, every: float = 1.0) -> float | None:
        """Seconds until the time run next reaches a whole multiple of
        ``every`` (1: the next whole second, when a cue changes), or None
        while paused. Never past the end."""
        if self.paused:
            return None
        elapsed = self.elapsed(at)
        # A step within rounding of its mark counts as reached: a monotonic
        # clock's large values leave elapsed a hair short (2519.999999999999
        # for 2520), and a wake of 1e-12 s would show nothing new.
        reached = math.floor(elapsed / every + EPSILON)
        step = (reached + 1) * every - elapsed
        return max(0.0, min(step, self.planned_s - elapsed))


def clock_text(seconds: float) -> str:
    """A countdown as the person reads it: 09:59 (whole seconds, rounded up)."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def minutes_text(seconds: float) -> str:
    """Time left at a glance, in whole minutes rounded up: "10 min" until
    nine are left, "1 min" in the last one."""
    return f"{max(0, math.ceil(seconds / 60 - EPSILON))} min"


def pmr_length(rounds: int) -> int:
    """Seconds a relaxation of ``rounds`` rounds lasts."""
    return rounds * (TENSE_S + RELEASE_S)


@dataclass(frozen=True, slots=True)
class Cue:
    """What the relaxation asks for now: ``phase`` is "tense", "let go" or
    "done"; ``round`` counts from 1; ``left``: seconds left in this phase."""

    phase: str
    round: int
    rounds: int
    left: float


def pmr_cue(elapsed: float, rounds: int) -> Cue:
    """The cue ``elapsed`` seconds into a relaxation of ``rounds`` rounds."""
    if elapsed >= pmr_length(rounds):
        return Cue("done", rounds, rounds, 0.0)
    index, into = divmod(max(0.0, elapsed), TENSE_S + RELEASE_S)
    if into < TENSE_S:
        return Cue("tense", int(index) + 1, rounds, TENSE_S - into)
    return Cue("let go", int(index) + 1, rounds, TENSE_S + RELEASE_S - into)
