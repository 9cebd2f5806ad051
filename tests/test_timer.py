"""The relief timer's maths: a countdown kept by a clock reading, and the
face relaxation's cues. Pure; no Textual."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twitchtui.timer import RELEASE_S, TENSE_S, Timer, clock_text, pmr_cue, pmr_length


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
