"""Red-flag rules, each at and just past its threshold, plus hypothesis invariants."""

from __future__ import annotations

from dataclasses import replace
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
    "neuro-signs",
    "medicine",
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


def days_at(site: str, *days_ago: int, side: str = "right") -> list[Twitch]:
    return [tw(d, site=site, side=side) for d in days_ago]


def test_eye_first_then_lip_on_one_side_is_spread_and_names_the_pattern() -> None:
    """The seed article's usual order for hemifacial spasm: eye first, then the mouth."""
    eye_then_mouth = days_at("eye", 20, 15) + days_at("upper-lip", 8, 3) + days_at("cheek", 2, 1)
    finding = find(eye_then_mouth, rule="spread")
    assert finding.level == DOCTOR
    assert "the eye from 29 Oct (2 days), then the lip from 10 Nov" in finding.reason
    assert "began at the eye" in finding.reason and "hemifacial spasm" in finding.reason
    assert [e.day for e in finding.entries][:2] == [TODAY - timedelta(20), TODAY - timedelta(8)]


def test_elsewhere_first_then_lip_is_spread() -> None:
    assert "spread" in ids(days_at("other", 30, 25) + days_at("upper-lip", 5, 2))
    assert (
        "hemifacial"
        not in find(days_at("other", 30, 25) + days_at("upper-lip", 5, 2), rule="spread").reason
    )


def test_a_new_place_needs_two_different_days() -> None:
    lip = days_at("upper-lip", 10, 6, 3, 1)
    assert "spread" not in ids([*lip, tw(4, site="eye", side="right")])  # one flicker
    assert "spread" not in ids([*lip, *days_at("eye", 4, 4)])  # twice, but on one day
    assert "spread" in ids([*lip, *days_at("eye", 4, 2)])  # two days: it counts


def test_a_single_old_eyelid_flicker_names_no_condition() -> None:
    lip = [tw(d, site="upper-lip", side="left") for d in range(10)]
    findings = check([tw(80, site="eye", side="left"), *lip], {}, TODAY)
    assert "spread" not in {f.id for f in findings}
    assert not any("hemifacial" in f.reason for f in findings)


def test_hemifacial_pattern_needs_the_same_side() -> None:
    same = find(days_at("upper-lip", 10, 9) + days_at("eye", 3, 2), rule="spread")
    other = find(days_at("upper-lip", 10, 9) + days_at("eye", 3, 2, side="left"), rule="spread")
    assert "hemifacial spasm" in same.reason and "began at the eye" not in same.reason
    assert "hemifacial spasm" not in other.reason


def test_both_sides_needs_two_days_each_and_both_is_midline() -> None:
    assert "spread" not in ids([tw(5, side="both")])  # a midline twitch is not spread
    assert "spread" not in ids([tw(d, side="both") for d in range(10)])
    assert "spread" not in ids([tw(5, side="left"), tw(4, side="left"), tw(2, side="right")])
    finding = find(
        [tw(5, side="left"), tw(4, side="left"), tw(3, side="right"), tw(2, side="right")],
        rule="spread",
    )
    assert "both sides of the face" in finding.reason
    assert finding.entries[-1].day == TODAY - timedelta(days=3)  # when the second side began


def test_spread_window_is_the_last_90_days_at_its_edge() -> None:
    lip = days_at("upper-lip", 5, 2)
    assert "spread" in ids([*lip, *days_at("eye", 89, 88)])  # 89 days ago still counts
    assert "spread" not in ids([*lip, *days_at("eye", 90, 88)])  # 90 days ago does not
    assert "spread" not in ids([*lip, *days_at("eye", 91, 90)])


# --------------------------------------------------------------------- persistence density


def test_three_stray_twitches_over_two_weeks_are_not_persistence() -> None:
    assert "persistence" not in ids([tw(14), tw(7), tw(0)])


def test_persistence_needs_seven_days_and_forty_percent() -> None:
    # A run of 15 days (14 apart): 7 twitch days (47%) is enough; 6 is not.
    assert "persistence" in ids([tw(d) for d in (14, 12, 10, 8, 6, 3, 0)])
    assert "persistence" not in ids([tw(d) for d in (14, 11, 8, 5, 2, 0)])
    # A 30-day run (0 to 29 days ago) needs 12 twitch days (40%): 11 is not enough.
    eleven = [tw(d) for d in (*range(0, 30, 3), 29)]
    assert len(eleven) == 11 and "persistence" not in ids(eleven)
    assert "persistence" in ids([*eleven, tw(1)])


# --------------------------------------------------------------------- urgent self-check answers


def test_droop_and_water_new_today_are_urgent_without_the_sudden_box() -> None:
    logs = dict([symptom_log(0, droop=True, cannot_hold_water=True)])
    findings = check([tw(d) for d in range(20)], logs, TODAY, emergency_number="112")
    assert findings[0].level == URGENT and findings[0].id == "sudden-weakness"
    assert "Call 112 now, even if it has passed" in findings[0].advice
    assert "999" not in findings[0].advice


def test_an_urgent_answer_never_expires_until_seen_by_a_clinician() -> None:
    old = dict([symptom_log(200, sudden_weakness=True)])
    assert {f.level for f in check([], old, TODAY)} == {URGENT}
    seen_day = TODAY - timedelta(days=150)
    seen = {**old, seen_day: DayLog(seen_day, seen_clinician=True)}
    assert URGENT not in {f.level for f in check([], seen, TODAY)}
    before_it = TODAY - timedelta(days=201)
    too_early = {**old, before_it: DayLog(before_it, seen_clinician=True)}
    assert URGENT in {f.level for f in check([], too_early, TODAY)}


def test_a_known_sign_reported_again_is_for_a_doctor_not_urgent() -> None:
    first = TODAY - timedelta(days=40)
    logs = {
        first: DayLog(first, symptoms={"droop": True}, seen_clinician=True),
        TODAY: DayLog(TODAY, symptoms={"droop": True}),
    }
    found = {f.id: f.level for f in check([], logs, TODAY)}
    assert found == {"weakness": DOCTOR}
    sudden = {**logs, TODAY: DayLog(TODAY, symptoms={"droop": True, "sudden": True})}
    assert {f.level for f in check([], sudden, TODAY)} >= {URGENT}


def test_speech_and_limb_weakness_new_are_urgent_swallowing_only_when_sudden() -> None:
    for sign in ("speech", "limb_weakness"):
        assert URGENT in {f.level for f in check([], dict([symptom_log(1, **{sign: True})]), TODAY)}
    slow = check([], dict([symptom_log(1, swallowing=True)]), TODAY)
    assert {f.id: f.level for f in slow} == {"neuro-signs": DOCTOR}
    sudden = check([], dict([symptom_log(1, swallowing=True, sudden=True)]), TODAY)
    assert sudden[0].level == URGENT


def test_other_neurological_signs_are_for_a_doctor() -> None:
    for sign in ("wasting", "vision_balance"):
        found = {f.id: f.level for f in check([], dict([symptom_log(3, **{sign: True})]), TODAY)}
        assert found == {"neuro-signs": DOCTOR}


# --------------------------------------------------------------------- medicine


def test_a_new_medicine_tag_or_start_points_to_a_pharmacist() -> None:
    from twitchtui.model import Medicine

    tagged = find([tw(3, triggers=("new-medicine",))], rule="medicine")
    assert "pharmacist" in tagged.advice and "Do not stop" in tagged.advice
    assert "stop taking" not in tagged.advice.lower().replace("do not stop or change", "")
    started = Medicine("prednisolone", started=TODAY - timedelta(days=29))
    assert "medicine" in {f.id for f in check([tw(1)], {}, TODAY, medicines=[started])}
    long_ago = Medicine("prednisolone", started=TODAY - timedelta(days=30))
    assert "medicine" not in {f.id for f in check([tw(1)], {}, TODAY, medicines=[long_ago])}
    no_twitch_since = Medicine("x", started=TODAY - timedelta(days=2))
    assert "medicine" not in {f.id for f in check([tw(5)], {}, TODAY, medicines=[no_twitch_since])}


# --------------------------------------------------------------------- self-check symptoms


def test_weakness_asymmetry_and_window() -> None:
    # Water escaping, new in the diary: urgent, and weakness for the doctor too.
    assert ids(logs=dict([symptom_log(3, cannot_hold_water=True)])) == {
        "weakness",
        "sudden-weakness",
    }
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


def test_a_new_bout_after_a_quiet_spell_is_not_rising() -> None:
    # One eyelid flicker 80 days ago, then a twitch a day for the last 10 days.
    steady = [tw(80, site="eye"), *(tw(d) for d in range(10))]
    assert "rising-frequency" not in ids(steady)


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


@settings(max_examples=200, deadline=None)
@given(st.lists(twitch_st, max_size=40), st.lists(twitch_st, max_size=20))
def test_adding_twitches_never_removes_a_spread_finding(
    twitches: list[Twitch], more: list[Twitch]
) -> None:
    if "spread" in ids(twitches):
        assert "spread" in ids([*twitches, *more])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(twitch_st, max_size=30),
    st.lists(log_st, max_size=8),
    st.integers(0, 400),
    st.sampled_from(["droop", "cannot_hold_water", "speech", "limb_weakness"]),
)
def test_an_open_urgent_answer_always_yields_an_urgent_finding(
    twitches: list[Twitch], logs: list, days_ago: int, sign: str
) -> None:
    """A sudden FAST sign with no clinician visit since: urgent, whatever else
    the diary holds and however long ago it was."""
    day, log = symptom_log(days_ago, **{sign: True, "sudden": True})
    diary = {d: replace(other, seen_clinician=False) for d, other in dict(logs).items()}
    findings = check(twitches, {**diary, day: log}, TODAY)
    assert findings and findings[0].level == URGENT
