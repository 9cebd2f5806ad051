"""Red-flag rules, each at and just past its threshold, plus hypothesis invariants."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from twitchtui.model import SITES, SYMPTOMS, DayLog, Twitch
from twitchtui.redflags import DOCTOR, INFO, URGENT, check

from .conftest import TZ

TODAY = date(2026, 11, 18)
RULE_IDS = {
    "persistence",
    "spread",
    "weakness",
    "asymmetry",
    "pulling",
    "rising-frequency",
    "sensory",
    "sudden-weakness",
}


def tw(days_ago: int, hour: int = 10, **values) -> Twitch:
    day = TODAY - timedelta(days=days_ago)
    return Twitch(at=datetime.combine(day, time(hour), TZ), **values)


def ids(twitches=(), logs=None) -> set[str]:
    return {f.id for f in check(list(twitches), logs or {}, TODAY)}


def find(twitches, logs=None, rule: str = ""):
    return next(f for f in check(list(twitches), logs or {}, TODAY) if f.id == rule)


def symptom_log(days_ago: int, **answers: bool) -> tuple[date, DayLog]:
    day = TODAY - timedelta(days=days_ago)
    return day, DayLog(day, symptoms=answers)


# --------------------------------------------------------------------- persistence


def test_persistence_fires_at_14_days_not_13() -> None:
    assert "persistence" not in ids([tw(d) for d in range(14)])  # 13 days apart
    assert "persistence" in ids([tw(d) for d in range(15)])  # 14 days apart
    finding = find([tw(d) for d in range(15)], rule="persistence")
    assert finding.level == DOCTOR
    assert "04 Nov" in finding.reason and "18 Nov" in finding.reason
    assert [e.day for e in finding.entries[:2]] == [TODAY - timedelta(days=14), TODAY]


def test_a_twitch_free_week_starts_a_new_run() -> None:
    daily = [tw(d) for d in range(14)]  # every day from 13 days ago to today
    six_day_gap = [tw(20), *daily]  # 6 free days (19..14 days ago): one run of 20 days
    seven_day_gap = [tw(21), *daily]  # 7 free days: the run restarts 13 days ago
    assert "persistence" in ids(six_day_gap)
    assert "persistence" not in ids(seven_day_gap)


def test_persistence_is_quiet_once_the_twitching_stopped() -> None:
    assert "persistence" in ids([tw(d) for d in range(6, 30)])  # last twitch 6 days ago
    assert "persistence" not in ids([tw(d) for d in range(7, 30)])  # a free week now


# --------------------------------------------------------------------- spread


def test_lip_only_is_not_spread() -> None:
    twitches = [tw(d, site="upper-lip") for d in range(5)] + [tw(1, site="lower-lip")]
    assert "spread" not in ids(twitches)


def test_spread_to_the_eye_names_first_seen_dates() -> None:
    twitches = [tw(10, site="upper-lip"), tw(4, site="eye", side="right"), tw(2, site="cheek")]
    finding = find(twitches, rule="spread")
    assert "eye from 14 Nov" in finding.reason and "cheek from 16 Nov" in finding.reason
    assert "upper-lip 08 Nov" in finding.reason
    firsts = [e.day for e in finding.entries if e.detail.endswith("in all)")]
    assert firsts == [TODAY - timedelta(days=4), TODAY - timedelta(days=2)]
    # the eye twitch was on the right, the lip on the left: both sides, from that day
    assert finding.entries[1].detail == "first day both sides were involved"


def test_lip_then_eye_on_the_same_side() -> None:
    same = find([tw(10, side="left"), tw(3, site="eye", side="left")], rule="spread")
    other = find([tw(10, side="left"), tw(3, site="eye", side="right")], rule="spread")
    assert "hemifacial spasm" in same.reason
    assert "hemifacial spasm" not in other.reason


def test_both_sides() -> None:
    assert "spread" in ids([tw(5, side="left"), tw(2, side="right")])
    assert "spread" in ids([tw(5, side="both")])
    finding = find([tw(5, side="left"), tw(2, side="right")], rule="spread")
    assert finding.entries[-1].day == TODAY - timedelta(days=2)


def test_spread_looks_at_the_last_90_days() -> None:
    assert "spread" not in ids([tw(95, side="left"), tw(91, site="eye"), tw(1)])


# --------------------------------------------------------------------- self-check symptoms


def test_weakness_asymmetry_and_window() -> None:
    assert ids(logs=dict([symptom_log(3, cannot_hold_water=True)])) == {"weakness"}
    assert ids(logs=dict([symptom_log(3, cannot_hold_water=False)])) == set()
    assert ids(logs=dict([symptom_log(29, asymmetry=True)])) == {"asymmetry"}
    assert ids(logs=dict([symptom_log(30, asymmetry=True)])) == set()


def test_pulling_needs_two_days() -> None:
    one = dict([symptom_log(1, pulling=True)])
    two = dict([symptom_log(1, pulling=True), symptom_log(4, pulling=True)])
    assert "pulling" not in ids(logs=one)
    finding = find([], two, rule="pulling")
    assert len(finding.entries) == 2


def test_tingling_counts_only_with_twitches_that_day() -> None:
    logs = dict([symptom_log(2, tingling=True)])
    assert "sensory" not in ids([tw(1)], logs)
    assert "sensory" in ids([tw(2)], logs)
    assert "sensory" in ids([], dict([symptom_log(2, eyelid_closing=True)]))


def test_sudden_weakness_is_urgent_and_first() -> None:
    logs = dict([symptom_log(1, sudden_weakness=True, cannot_hold_water=True)])
    findings = check([tw(d) for d in range(20)], logs, TODAY)
    assert findings[0].id == "sudden-weakness"
    assert findings[0].level == URGENT
    assert "999" in findings[0].advice
    assert "sudden-weakness" not in ids(logs=dict([symptom_log(14, sudden_weakness=True)]))


# --------------------------------------------------------------------- rising frequency


def weeks(*counts: int) -> list[Twitch]:
    """Counts per week, oldest first; the last is the current week (days 0-6)."""
    out = []
    for week, count in enumerate(reversed(counts)):
        for i in range(count):
            out.append(tw(week * 7 + 6 - i % 7, hour=8 + i % 12))
    return out


def test_rising_frequency_threshold() -> None:
    # 10 a week before: threshold max(15, 15) = 15
    assert "rising-frequency" not in ids(weeks(10, 10, 10, 14))
    finding = find(weeks(10, 10, 10, 15), rule="rising-frequency")
    assert finding.level == INFO
    assert "1.5× that average and at least 5 more" in finding.reason
    # 2 a week before: the +5 margin decides, threshold 7
    assert "rising-frequency" not in ids(weeks(2, 2, 2, 6))
    assert "rising-frequency" in ids(weeks(2, 2, 2, 7))


def test_rising_frequency_needs_four_weeks_of_diary() -> None:
    assert "rising-frequency" not in ids(weeks(1, 1, 30)[1:])


def test_no_diary_no_findings() -> None:
    assert check([], {}, TODAY) == []


# --------------------------------------------------------------------- properties

twitch_st = st.builds(
    tw,
    st.integers(0, 120),
    st.integers(0, 23),
    site=st.sampled_from(SITES),
    side=st.sampled_from(["left", "right", "both"]),
)
log_st = st.builds(
    lambda ago, answers: symptom_log(ago, **answers),
    st.integers(0, 60),
    st.dictionaries(st.sampled_from(list(SYMPTOMS)), st.booleans()),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(twitch_st, max_size=60), st.lists(log_st, max_size=10))
def test_findings_are_well_formed(twitches: list[Twitch], logs: list) -> None:
    findings = check(twitches, dict(logs), TODAY)
    order = {URGENT: 0, DOCTOR: 1, INFO: 2}
    assert [order[f.level] for f in findings] == sorted(order[f.level] for f in findings)
    assert len({f.id for f in findings}) == len(findings)
    for f in findings:
        assert f.id in RULE_IDS
        assert f.entries, f"{f.id} names no entries"
        assert all(e.day <= TODAY for e in f.entries)
        assert f.reason and f.source and f.advice
        assert "you have" not in f.reason.lower()  # never a diagnosis


@settings(max_examples=100, deadline=None)
@given(st.lists(twitch_st, max_size=40))
def test_without_self_check_answers_no_symptom_rule_fires(twitches: list[Twitch]) -> None:
    found = {f.id for f in check(twitches, {}, TODAY)}
    assert found <= {"persistence", "spread", "rising-frequency"}


@settings(max_examples=100, deadline=None)
@given(st.lists(twitch_st, max_size=40), st.lists(log_st, max_size=8))
def test_a_yes_answer_never_removes_a_finding(twitches: list[Twitch], logs: list) -> None:
    before = {f.id for f in check(twitches, dict(logs), TODAY)}
    day, log = symptom_log(0, **dict.fromkeys(SYMPTOMS, True))
    after = {f.id for f in check(twitches, {**dict(logs), day: log}, TODAY)}
    assert before <= after
