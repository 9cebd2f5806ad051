"""Red-flag rules, each at and just past its threshold, plus hypothesis invariants."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from twitchtui.model import SITES, Twitch
from twitchtui.redflags import INFO, ROUTINE, check

from .conftest import TZ

TODAY = date(2026, 11, 18)


def tw(days_ago: int, hour: int = 10, **values) -> Twitch:
    day = TODAY - timedelta(days=days_ago)
    return Twitch(at=datetime.combine(day, time(hour), TZ), **values)


def ids(twitches=(), logs=None) -> set[str]:
    return {f.id for f in check(list(twitches), logs or {}, TODAY)}


def find(twitches, logs=None, rule: str = ""):
    return next(f for f in check(list(twitches), logs or {}, TODAY) if f.id == rule)


# --------------------------------------------------------------------- persistence


def test_persistence_fires_at_14_days_not_13() -> None:
    assert "persistence" not in ids([tw(d) for d in range(14)])  # 13 days apart
    assert "persistence" in ids([tw(d) for d in range(15)])  # 14 days apart
    finding = find([tw(d) for d in range(15)], rule="persistence")
    assert finding.tier == ROUTINE
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


def test_persistence_stays_while_the_run_goes_on_and_twice_a_week_for_weeks_counts() -> None:
    """Daily for two weeks, then Mondays and Thursdays: the share of days falls
    below 40%, but the run that met it is still going, so the flag stays.
    Twice a week for six weeks with no week off persists too; for four weeks
    it is still a few stray twitches."""
    twice_a_week = [d for d in range(100) if (TODAY - timedelta(days=d)).weekday() in (0, 3)]
    daily_then_twice = [tw(d) for d in range(85, 100)] + [tw(d) for d in twice_a_week if d < 85]
    assert "persistence" in ids(daily_then_twice)
    assert "persistence" in ids([tw(d) for d in twice_a_week if d <= 45])
    assert "persistence" not in ids([tw(d) for d in twice_a_week if d <= 27])


# --------------------------------------------------------------------- spread


def test_lip_only_is_not_spread() -> None:
    twitches = [tw(d, site="upper-lip") for d in range(5)] + [tw(1, site="lower-lip")]
    assert "spread" not in ids(twitches)


def days_at(site: str, *days_ago: int, side: str = "right") -> list[Twitch]:
    return [tw(d, site=site, side=side) for d in days_ago]


def test_eye_first_then_lip_on_one_side_is_spread_and_names_the_pattern() -> None:
    """The seed article's usual order for hemifacial spasm: eye first, then the
    mouth. The screen says it in plain words; only the clinician's note names it."""
    eye_then_mouth = days_at("eye", 20, 15) + days_at("upper-lip", 8, 3) + days_at("cheek", 2, 1)
    finding = find(eye_then_mouth, rule="spread")
    assert finding.tier == ROUTINE
    assert "the eye from 29 Oct (2 days), then the lip from 10 Nov" in finding.reason
    assert "it began at the eye" in finding.reason and "hemifacial" not in finding.reason
    assert "hemifacial spasm" in finding.clinician_note
    assert "does not diagnose" in finding.clinician_note
    assert [e.day for e in finding.entries][:2] == [TODAY - timedelta(20), TODAY - timedelta(8)]


def test_places_first_seen_on_one_day_come_in_the_order_they_twitched() -> None:
    """Not in the order of a set of names, which Python's hash seed shuffles
    from run to run: the same diary always gives the same words."""
    for first, second in (("cheek", "eye"), ("eye", "cheek")):
        twitches = [
            tw(d, hour=h, site=site, side="right")
            for d in (9, 4)
            for h, site in ((8, first), (9, second))
        ]
        reason = find(twitches, rule="spread").reason
        assert f"the {first} from 09 Nov (2 days), then the {second} from 09 Nov" in reason
        assert find(list(reversed(twitches)), rule="spread").reason == reason


def test_elsewhere_first_then_lip_is_spread() -> None:
    assert "spread" in ids(days_at("other", 20, 15) + days_at("upper-lip", 5, 2))
    finding = find(days_at("other", 20, 15) + days_at("upper-lip", 5, 2), rule="spread")
    assert "hemifacial" not in finding.reason and not finding.clinician_note


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
    assert "both the eye and the mouth" in same.reason and "began at the eye" not in same.reason
    assert "hemifacial spasm" in same.clinician_note
    assert "both the eye and the mouth" not in other.reason and not other.clinician_note


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


def test_spread_window_is_the_last_28_days_at_its_edge() -> None:
    lip = days_at("upper-lip", 5, 2)
    assert "spread" in ids([*lip, *days_at("eye", 27, 26)])  # 27 days ago still counts
    assert "spread" not in ids([*lip, *days_at("eye", 28, 26)])  # 28 days ago does not
    assert "spread" not in ids([*lip, *days_at("eye", 29, 28)])


def test_two_old_eyelid_flickers_and_a_week_of_lip_are_not_spread() -> None:
    """The review's case: eye twitches are very common; two brief ones 12
    weeks ago say nothing about this week's lip."""
    findings = check([*days_at("eye", 84, 83), *days_at("upper-lip", *range(7))], {}, TODAY)
    assert findings == []


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
    assert finding.tier == INFO
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


@settings(max_examples=100, deadline=None)
@given(st.lists(twitch_st, max_size=40))
def test_without_self_check_answers_no_symptom_rule_fires(twitches: list[Twitch]) -> None:
    found = {f.id for f in check(twitches, {}, TODAY)}
    assert found <= {"persistence", "spread", "rising-frequency"}


@settings(max_examples=200, deadline=None)
@given(st.lists(twitch_st, max_size=40), st.lists(twitch_st, max_size=20))
def test_adding_twitches_never_removes_a_spread_finding(
    twitches: list[Twitch], more: list[Twitch]
) -> None:
    if "spread" in ids(twitches):
        assert "spread" in ids([*twitches, *more])


def test_a_twitch_already_happened_counts_whatever_date_its_own_clock_gave_it(
    tmp_path,
) -> None:
    """Berlin logged an eye twitch at 00:30 on the 18th (+01:00); seen from New
    York at 20:00 on the 17th it happened 90 minutes ago, on "tomorrow" by its
    own date. The spread it makes is there in both places."""
    from datetime import timezone

    from twitchtui.store import Store
    from twitchtui.views import load_findings

    berlin, new_york = timezone(timedelta(hours=1)), timezone(timedelta(hours=-5))
    moment = datetime(2026, 11, 18, 2, 0, tzinfo=berlin)
    db = tmp_path / "d.json"
    store = Store.open(db, now=lambda: moment)
    for day, hour, site in ((10, 10, "upper-lip"), (11, 10, "upper-lip"), (17, 10, "eye")):
        store.log_twitch(Twitch(at=datetime(2026, 11, day, hour, tzinfo=berlin), site=site))
    store.log_twitch(Twitch(at=datetime(2026, 11, 18, 0, 30, tzinfo=berlin), site="eye"))
    for clock in (moment, moment.astimezone(new_york)):
        found = {f.id for f in load_findings(Store.open(db, now=lambda c=clock: c))}
        assert "spread" in found, clock
