"""The relief timer's maths: a countdown kept by a clock reading, and the
face relaxation's cues. Pure; no Textual."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from twitchtui.timer import (
    RELEASE_S,
    TENSE_S,
    Timer,
    clock_text,
    minutes_text,
    pmr_cue,
    pmr_length,
    steps_done,
)
from twitchtui.widgets.compress_timer import next_wake
from twitchtui.widgets.relief_bar import STEPS


def test_a_countdown_runs_by_the_clock_not_by_ticks() -> None:
    timer = Timer.start(600, at=100.0)
    assert timer.elapsed(100.0) == 0
    assert timer.remaining(130.5) == pytest.approx(569.5)
    assert not timer.done(699.9)
    assert timer.done(700.0)
    assert timer.elapsed(5000.0) == 600  # never past its length


def test_a_pause_stops_the_count_and_a_resume_goes_on_from_there() -> None:
    timer = Timer.start(600, at=0.0).pause(at=60.0)
    assert timer.paused
    assert timer.elapsed(500.0) == 60  # time while paused does not count
    timer = timer.resume(at=500.0)
    assert timer.elapsed(530.0) == 90
    assert timer.done(1040.0) and not timer.done(1039.0)


def test_pausing_twice_or_resuming_a_running_timer_changes_nothing() -> None:
    timer = Timer.start(60, at=0.0)
    assert timer.resume(at=10.0) == timer
    paused = timer.pause(at=10.0)
    assert paused.pause(at=20.0) == paused


def test_the_next_change_is_at_the_next_whole_second_run() -> None:
    timer = Timer.start(10, at=0.0)
    assert timer.next_change(0.0) == pytest.approx(1.0)
    assert timer.next_change(3.25) == pytest.approx(0.75)
    assert timer.next_change(9.5) == pytest.approx(0.5)
    assert timer.pause(at=2.0).next_change(2.0) is None


def test_the_next_change_can_be_counted_in_longer_steps() -> None:
    timer = Timer.start(600, at=0.0)
    assert timer.next_change(0.0, 60) == pytest.approx(60.0)
    assert timer.next_change(59.5, 60) == pytest.approx(0.5)
    assert timer.next_change(60.0, 60) == pytest.approx(60.0)
    assert timer.next_change(590.0, 60) == pytest.approx(10.0)  # never past the end
    assert timer.next_change(20.0, 18.75) == pytest.approx(17.5)


def test_minutes_left_round_up_to_whole_minutes() -> None:
    assert minutes_text(600) == "10 min"
    assert minutes_text(540.5) == "10 min"
    assert minutes_text(540) == "9 min"
    assert minutes_text(0.4) == "1 min"
    assert minutes_text(0) == "0 min"


@pytest.mark.parametrize("minutes", [1, 7, 10, 60])
def test_a_compress_wakes_only_when_what_it_shows_changes(minutes: int) -> None:
    """Between two wakes neither the minutes left nor the bar move, and each
    wake shows something new: no work between changes, none missed."""
    assert wakes_of(minutes, start=0.0) == len(
        {round(i * minutes * 60 / STEPS, 6) for i in range(1, STEPS + 1)}
        | {60.0 * m for m in range(1, minutes + 1)}
    )
    # The bar's steps and the minutes, once each where they meet: a 10-minute
    # compress wakes 20 times (every 30 s), where a clock of seconds woke 600 times.
    assert minutes != 10 or wakes_of(10, start=0.0) == 20
    assert next_wake(Timer.start(60, at=0.0).pause(at=1.0), 1.0) is None


@given(st.integers(1, 120), st.floats(0, 1e7, allow_nan=False))
@example(minutes=30, start=248.40517721989386)  # ends 2e-13 s short of 1800
def test_each_wake_shows_something_new_whatever_the_clock_reads(minutes: int, start: float) -> None:
    """A monotonic clock reads large floats: 5709.13 + 2520 leaves 2519.999999999999
    elapsed, a hair short of the 42nd minute. The wake there must still show
    the new minute, and the next wait must not be a rounding error."""
    assert wakes_of(minutes, start) <= STEPS + minutes


def wakes_of(minutes: int, start: float) -> int:
    """Run a compress from the clock reading ``start``, waking as ``next_wake``
    says; every wake must show something new and nothing may move between."""
    countdown = Timer.start(minutes * 60, at=start)

    def shown(at: float) -> tuple[str, int]:
        return minutes_text(countdown.remaining(at)), steps_done(countdown.fraction(at), STEPS)

    at, wakes, before = start, 0, shown(start)
    while not countdown.done(at):
        wait = next_wake(countdown, at)
        assert wait is not None and wait > 0
        assert all(shown(at + wait * part) == before for part in (0.01, 0.5, 0.99))
        at += wait
        wakes += 1
        assert shown(at) != before
        before = shown(at)
        assert wakes <= STEPS + minutes  # never stuck on one mark
    assert at - start == pytest.approx(minutes * 60)
    return wakes


def test_the_countdown_text_rounds_up_to_whole_seconds() -> None:
    assert clock_text(600) == "10:00"
    assert clock_text(599.2) == "10:00"
    assert clock_text(59.0) == "00:59"
    assert clock_text(0) == "00:00"


def test_the_relaxation_tenses_then_lets_go_each_round() -> None:
    assert pmr_length(5) == 5 * (TENSE_S + RELEASE_S) == 75
    assert pmr_cue(0, 5).phase == "tense"
    assert pmr_cue(4.99, 5).phase == "tense"
    assert (pmr_cue(5.0, 5).phase, pmr_cue(5.0, 5).round) == ("let go", 1)
    assert (pmr_cue(14.99, 5).phase, pmr_cue(15.0, 5).phase) == ("let go", "tense")
    assert pmr_cue(15.0, 5).round == 2
    assert pmr_cue(60.0, 5).round == 5
    assert pmr_cue(74.9, 5).phase == "let go"
    assert pmr_cue(75.0, 5).phase == "done"
    assert pmr_cue(6.5, 5).left == pytest.approx(8.5)


@given(
    st.floats(1, 3600),
    st.lists(st.tuples(st.booleans(), st.floats(0, 100)), max_size=12),
)
def test_elapsed_is_the_running_time_whatever_the_pauses(
    planned: float, steps: list[tuple[bool, float]]
) -> None:
    """Elapsed time equals the sum of the running stretches, capped at the length."""
    at, timer, ran = 0.0, Timer.start(planned, 0.0), 0.0
    for pause, wait in steps:
        if not timer.paused:
            ran += wait
        at += wait
        timer = timer.pause(at) if pause else timer.resume(at)
    assert timer.elapsed(at) == pytest.approx(min(planned, ran), abs=1e-6)
    assert 0 <= timer.fraction(at) <= 1
