"""The self-check rules: answers are a record, four tiers, and onset per sign.

Each scenario from the second clinical review is here at its threshold and
just past it, with hypothesis properties for what must never happen: a later
save, a time zone or a day-start hour removing an open urgent answer, one
answer on two cards, or findings out of tier order.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from twitchtui.model import SIGNS, DayLog, Medicine, SelfCheck, Twitch, diary_day
from twitchtui.redflags import (
    EMERGENCY,
    INFO,
    ROUTINE,
    SAME_DAY,
    TIER_ORDER,
    Contacts,
    all_clear,
    answers,
    check,
)
from twitchtui.redflags.contacts import contacts, country, default_number

LONDON = UTC  # 01 Dec: GMT
NEW_YORK = timezone(timedelta(hours=-5))
NOW = datetime(2026, 12, 1, 11, 0, tzinfo=LONDON)
TODAY = NOW.date()
UK = Contacts("999", "111")


def at(hours_ago: float = 0, now: datetime = NOW) -> datetime:
    return now - timedelta(hours=hours_ago)


def diary(*records: SelfCheck, day_start_hour: int = 0) -> dict[date, DayLog]:
    """Day logs holding the records, each filed under its own diary day."""
    logs: dict[date, DayLog] = {}
    for r in records:
        day = diary_day(r.at, day_start_hour)
        logs[day] = (logs.get(day) or DayLog(day)).with_check(r.validated())
    return logs


def sc(hours_ago: float = 0, onset: str = "unsure", *signs: str, **kw) -> SelfCheck:
    return SelfCheck(at(hours_ago), dict.fromkeys(signs, onset), **kw)


def run(*records: SelfCheck, twitches=(), now: datetime = NOW, medicines=(), **kw):
    start = kw.pop("day_start_hour", 0)
    return check(
        list(twitches),
        diary(*records, day_start_hour=start),
        diary_day(now, start),
        start,
        now=now,
        who=UK,
        medicines=medicines,
    )


def tiers(*records: SelfCheck, **kw) -> dict[str, str]:
    return {f.id: f.tier for f in run(*records, **kw)}


def tw(days_ago: int, **values) -> Twitch:
    return Twitch(at=datetime.combine(TODAY - timedelta(days=days_ago), time(10), LONDON), **values)


# --------------------------------------------------------------------- a redo never erases


def test_a_plain_redo_two_hours_later_keeps_the_emergency() -> None:
    """The review's passing TIA: speech and a sudden onset at 09:00, then a
    self-check with nothing ticked at 11:00 ("it's gone now")."""
    first = sc(2, "sudden", "speech")
    assert tiers(first) == {"emergency": EMERGENCY}
    assert tiers(first, SelfCheck(at(0))) == {"emergency": EMERGENCY}
    assert tiers(first, sc(0, "unsure", "pulling")) == {"emergency": EMERGENCY}
    passed = SelfCheck(at(0), passed=("speech",))
    finding = run(first, passed)[0]
    assert finding.tier == EMERGENCY and "recorded as having passed" in finding.reason


def test_only_a_clinician_visit_closes_and_only_what_began_before_it() -> None:
    first = sc(5, "sudden", "droop")
    visit = SelfCheck(at(3), seen=True)
    assert tiers(first, visit) == {}
    later = sc(1, "sudden", "speech")
    assert tiers(first, visit, later) == {"emergency": EMERGENCY}
    entries = run(first, visit, later)[0].entries
    assert [e.detail for e in entries] == ["self-check at 10:00: slurred speech (sudden)"]


def test_a_visit_on_the_same_save_closes_the_signs_saved_with_it() -> None:
    both = SelfCheck(at(0), {"droop": "sudden"}, seen=True)
    assert tiers(both) == {}


# --------------------------------------------------------------------- time zones and day start


def test_a_time_zone_change_keeps_the_emergency() -> None:
    """droop + sudden at 00:30 in London; flags at 20:30 the day before in New York."""
    london = datetime(2026, 12, 1, 0, 30, tzinfo=LONDON)
    record = SelfCheck(london, {"droop": "sudden"})
    ny_now = datetime(2026, 11, 30, 20, 30, tzinfo=NEW_YORK)  # 01:30 in London
    findings = run(record, now=ny_now)
    assert [f.tier for f in findings] == [EMERGENCY]


def test_a_day_start_change_keeps_the_emergency() -> None:
    record = sc(10, "sudden", "limb_weakness")  # 01:00, "yesterday" with a 3 o'clock day start
    assert tiers(record, day_start_hour=3) == {"emergency": EMERGENCY}
    assert tiers(record, day_start_hour=0) == {"emergency": EMERGENCY}


# --------------------------------------------------------------------- 24 hours, then same-day


def test_an_emergency_stays_so_for_24_hours_then_is_same_day_until_seen() -> None:
    assert tiers(sc(24, "sudden", "droop")) == {"emergency": EMERGENCY}
    assert tiers(sc(24.1, "sudden", "droop")) == {"same-day": SAME_DAY}
    old = run(sc(130 * 24, "unsure", "droop"))
    assert [f.tier for f in old] == [SAME_DAY]
    assert "even one that has passed" in old[0].reason and "999" not in old[0].title
    assert "111" in old[0].advice


# --------------------------------------------------------------------- FAST and onset


def test_fast_signs_new_with_sudden_or_unsure_onset_are_emergencies() -> None:
    for sign in ("droop", "cannot_hold_water", "asymmetry", "speech", "limb_weakness"):
        assert tiers(sc(0, "sudden", sign)) == {"emergency": EMERGENCY}, sign
        assert tiers(sc(0, "unsure", sign)) == {"emergency": EMERGENCY}, sign
        assert tiers(sc(0, "days", sign)) == {"same-day": SAME_DAY}, sign


def test_a_sudden_uneven_smile_is_an_emergency_not_a_gp_booking() -> None:
    findings = run(sc(0, "sudden", "asymmetry"))
    assert [(f.id, f.tier) for f in findings] == [("emergency", EMERGENCY)]
    assert findings[0].title == "Call 999 now"
    assert "999 (or 112)" in findings[0].advice


def test_the_same_save_on_the_same_day_stays_new() -> None:
    assert tiers(sc(3, "days", "droop"), sc(1, "unsure", "droop")) == {"emergency": EMERGENCY}


def test_a_sign_reported_on_an_earlier_day_again_is_same_day_then_routine_once_seen() -> None:
    earlier = sc(72, "unsure", "droop")
    visit = SelfCheck(at(48), seen=True)
    again = sc(0, "unsure", "droop")
    assert tiers(earlier, visit, again) == {"weakness": ROUTINE}
    assert tiers(earlier, visit, sc(0, "days", "droop")) == {"weakness": ROUTINE}
    assert tiers(earlier, visit, sc(0, "sudden", "droop")) == {"emergency": EMERGENCY}
    unseen = tiers(sc(72, "days", "droop"), sc(0, "unsure", "droop"))
    assert unseen == {"same-day": SAME_DAY}


def test_gradual_weakness_with_wasting_is_same_day_and_routine_never_999() -> None:
    findings = run(sc(0, "days", "limb_weakness", "wasting"))
    assert [(f.id, f.tier) for f in findings] == [("same-day", SAME_DAY), ("neuro-signs", ROUTINE)]
    assert "came on over days" in findings[0].reason
    assert "not an emergency" in findings[1].reason
    assert all("999 now" not in f.title for f in findings)


# --------------------------------------------------------------------- the other sudden signs


def test_sudden_numbness_vision_swallowing_confusion_headache_are_emergencies() -> None:
    for sign in ("numbness", "tingling", "vision_balance", "swallowing", "confusion", "headache"):
        assert tiers(sc(0, "sudden", sign)) == {"emergency": EMERGENCY}, sign


def test_sudden_numbness_on_a_day_without_twitches_is_an_emergency() -> None:
    assert tiers(sc(0, "sudden", "numbness"), twitches=[tw(3)]) == {"emergency": EMERGENCY}


def test_numbness_over_days_one_day_is_info_two_days_routine_new_unsure_same_day() -> None:
    """Over days: counted (info, routine on 2 days). New with the onset not
    known: same-day, as a weak arm's would be (NHS lists numbness on one side
    among the stroke signs; it may have been sudden)."""
    assert tiers(sc(0, "days", "numbness")) == {"numbness": INFO}
    two = tiers(sc(48, "days", "numbness"), sc(0, "unsure", "numbness"))
    assert two == {"numbness": ROUTINE}, "reported two days before: not new"
    assert tiers(sc(0, "unsure", "numbness")) == {"same-day": SAME_DAY}
    assert tiers(sc(0, "unsure", "numbness"), sc(1, "unsure", "numbness")) == {"same-day": SAME_DAY}


def test_non_sudden_vision_swallowing_confusion_headache_are_routine() -> None:
    """Over days: routine. New with the onset not known: same-day (it may have
    been sudden; a confused person may not know)."""
    for sign in ("vision_balance", "swallowing", "confusion", "headache"):
        assert tiers(sc(0, "days", sign)) == {"neuro-signs": ROUTINE}, sign
        assert tiers(sc(0, "unsure", sign)) == {"same-day": SAME_DAY}, sign
    assert tiers(sc(0, "unsure", "wasting")) == {"neuro-signs": ROUTINE}
    assert tiers(sc(0, "days", "wasting")) == {"neuro-signs": ROUTINE}


def test_tingling_once_on_a_twitch_day_is_info_at_most() -> None:
    findings = run(sc(0, "unsure", "tingling"), twitches=[tw(0)])
    assert [(f.id, f.tier) for f in findings] == [("tingling", INFO)]
    assert "numbness is the one to watch" in findings[0].reason


def test_an_eye_that_will_not_close_is_same_day_with_or_without_a_droop() -> None:
    assert tiers(sc(0, "days", "eye_wont_close")) == {"same-day": SAME_DAY}
    assert tiers(sc(0, "unsure", "eye_wont_close")) == {"same-day": SAME_DAY}
    both = tiers(sc(0, "days", "eye_wont_close", "droop"))
    assert both == {"same-day": SAME_DAY}
    assert "GP as soon as possible" in run(sc(0, "days", "eye_wont_close"))[0].reason


def test_pulling_needs_two_days_and_eyelid_is_routine() -> None:
    assert tiers(sc(0, "unsure", "pulling")) == {}
    assert tiers(sc(30, "unsure", "pulling"), sc(0, "unsure", "pulling")) == {"pulling": ROUTINE}
    assert tiers(sc(0, "unsure", "eyelid_closing")) == {"eyelid": ROUTINE}


def test_routine_answers_look_back_30_days() -> None:
    assert tiers(sc(29 * 24, "days", "headache")) == {"neuro-signs": ROUTINE}
    assert tiers(sc(30 * 24 + 1, "days", "headache")) == {}


def test_a_thinner_muscle_is_open_until_seen_however_long_ago() -> None:
    assert tiers(sc(29 * 24, "days", "wasting")) == {"neuro-signs": ROUTINE}
    assert tiers(sc(90 * 24, "unsure", "wasting")) == {"neuro-signs": ROUTINE}


# --------------------------------------------------------------------- one answer, one card


def test_an_emergency_answer_has_no_second_card() -> None:
    findings = run(sc(0, "sudden", "droop", "cannot_hold_water"))
    assert len(findings) == 1
    assert "Book a GP" not in findings[0].advice


def test_only_twitches_below_the_thresholds_give_no_finding() -> None:
    assert run(twitches=[tw(d) for d in range(10)]) == []
    assert all_clear(empty=True).startswith("No twitch is in the diary yet")
    assert "mirror" not in all_clear(empty=False)


# --------------------------------------------------------------------- medicines


def test_a_medicine_started_and_stopped_within_30_days_stays_in_the_finding() -> None:
    taken = Medicine("Prednisolone", "", TODAY - timedelta(12), TODAY - timedelta(2))
    findings = run(twitches=[tw(d) for d in range(12)], medicines=[taken])
    assert [(f.id, f.tier) for f in findings] == [("medicine", INFO)]
    assert "Never stop or change a prescribed medicine on your own" in findings[0].advice
    stopped_long_ago = Medicine("X", "", TODAY - timedelta(60), TODAY - timedelta(30))
    assert run(twitches=[tw(1)], medicines=[stopped_long_ago]) == []


# --------------------------------------------------------------------- wording


def test_dates_carry_the_year_when_it_is_not_this_year() -> None:
    new_year = datetime(2027, 1, 2, 9, tzinfo=LONDON)
    finding = run(SelfCheck(at(0), {"droop": "days"}), now=new_year)[0]
    assert "01 Dec 2026" in finding.reason


def test_one_word_for_the_tier_in_each_title() -> None:
    every = [sc(0, "sudden", "droop"), sc(30, "days", "speech"), sc(2, "unsure", "wasting")]
    for f in run(*every, twitches=[tw(d) for d in range(20)]):
        assert "urgent" not in f.title.lower() and f.tier not in f.title.lower()


# --------------------------------------------------------------------- contacts


def test_the_locale_gives_the_number_and_112_stands_beside_it() -> None:
    assert country({"LANG": "en_GB.UTF-8"}) == "GB"
    assert country({"LC_ALL": "de_DE@euro", "LANG": "en_GB.UTF-8"}) == "DE"
    assert country({"LC_MESSAGES": "en_US.UTF-8"}) == "US"
    assert country({"LANG": "C.UTF-8"}) == country({}) == ""
    assert default_number("GB") == "999" and default_number("FR") == "112"
    assert default_number("US") == default_number("CA") == "911"
    assert default_number("AU") == "000" and default_number("") == "112"
    uk = contacts("", {"LANG": "en_GB.UTF-8"})
    assert uk.call == "999 (or 112)" and "111" in uk.same_day
    us = contacts("", {"LANG": "en_US.UTF-8"})
    assert us.call == "911 (or 112)" and "your GP's urgent line" in us.same_day
    assert contacts("", {}).call == "112"
    assert contacts("000", {"LANG": "en_GB.UTF-8"}).emergency == "000"


# --------------------------------------------------------------------- properties

onset_st = st.sampled_from(["sudden", "days", "unsure"])
record_st = st.builds(
    lambda hours, signs, passed, seen: SelfCheck(at(hours), signs, passed=tuple(passed), seen=seen),
    st.floats(0, 24 * 90),
    st.dictionaries(st.sampled_from(list(SIGNS)), onset_st, max_size=4),
    st.lists(st.sampled_from(list(SIGNS)), max_size=2, unique=True),
    st.booleans(),
)
later_st = st.builds(
    lambda hours, signs, passed: SelfCheck(at(hours), signs, passed=tuple(passed)),
    st.floats(0, 2),
    st.dictionaries(st.sampled_from(list(SIGNS)), onset_st, max_size=3),
    st.lists(st.sampled_from(list(SIGNS)), max_size=3, unique=True),
)
twitch_st = st.builds(tw, st.integers(0, 100), site=st.sampled_from(["upper-lip", "eye", "other"]))


def urgent_answers(records, now, start=0) -> set[tuple[str, str]]:
    found = answers(diary(*records, day_start_hour=start), now, start)
    return {(a.check.id, a.sign) for a in found if a.tier in (EMERGENCY, SAME_DAY)}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(record_st, max_size=6),
    st.lists(later_st, max_size=4),
    st.integers(-12, 12),
    st.integers(0, 6),
)
def test_no_later_save_zone_or_day_start_removes_an_open_urgent_answer(
    records: list[SelfCheck], later: list[SelfCheck], shift: int, start: int
) -> None:
    early = [r for r in records if r.at <= at(2)]
    before = urgent_answers(early, at(2))
    zone = timezone(timedelta(hours=shift))
    moved = [SelfCheck(r.at.astimezone(zone), r.signs, r.passed, r.seen, r.id) for r in early]
    now = NOW.astimezone(zone)
    assert before <= urgent_answers([*moved, *later], now, start)
    findings = run(*moved, *later, now=now, day_start_hour=start)
    assert bool(before) <= any(f.tier in (EMERGENCY, SAME_DAY) for f in findings)


def test_the_same_answer_twice_in_a_minute_is_on_the_open_card_alone() -> None:
    """Found by the property below: two records at 11:00 with sudden
    numbness, one saying a clinician saw it: the one without a visit is
    still an emergency, and the line it shares word for word with the other
    was also on a calm "Numbness" card."""
    for seen_first in (True, False):
        pair = [
            SelfCheck(at(0), {"numbness": "sudden"}, seen=seen)
            for seen in (seen_first, not seen_first)
        ]
        findings = run(*pair)
        assert [f.tier for f in findings] == [EMERGENCY]
        assert [e.detail for e in findings[0].entries] == [
            "self-check at 11:00: numbness on one side (sudden)"
        ]


@settings(max_examples=300, deadline=None)
@given(st.lists(record_st, max_size=8), st.lists(twitch_st, max_size=30))
def test_one_answer_is_on_one_card_and_findings_are_sorted_by_tier(
    records: list[SelfCheck], twitches: list[Twitch]
) -> None:
    findings = run(*records, twitches=twitches)
    order = [TIER_ORDER[f.tier] for f in findings]
    assert order == sorted(order)
    assert len({f.id for f in findings}) == len(findings)
    seen: dict[tuple[date, str], str] = {}
    for f in findings:
        for e in f.entries:
            if e.detail.startswith("self-check at"):
                key = (e.day, e.detail)
                assert seen.setdefault(key, f.tier) == f.tier, (key, f.id)
                seen[key] = f.tier
        assert f.reason and f.source and f.advice
        assert "you have" not in f.reason.lower()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(record_st.filter(lambda r: r.at <= at(2)), max_size=6),
    st.lists(later_st, min_size=1, max_size=3),
)
def test_urgent_answers_leave_only_through_a_visit(
    records: list[SelfCheck], later: list[SelfCheck]
) -> None:
    """Adding any record without a visit never lowers the most serious tier
    below same-day once it was emergency or same-day. The first records are
    the diary as it was two hours ago, so none is later than that: a visit
    among them saved after a later record would be a visit after it."""
    first = run(*records, now=at(2))
    worst = min((TIER_ORDER[f.tier] for f in first), default=9)
    if worst <= TIER_ORDER[SAME_DAY]:
        again = run(*records, *later)
        assert min(TIER_ORDER[f.tier] for f in again) <= TIER_ORDER[SAME_DAY]


def test_a_backfilled_past_day_answer_never_downgrades_todays() -> None:
    """speech (onset not known) at 08:00 today, then an answer saved now about
    three days ago: today's stays new, so it stays an emergency."""
    today = sc(1, "unsure", "speech")
    back = SelfCheck(at(3 * 24), {"speech": "unsure"}, saved=at(0))
    assert [f.tier for f in run(today, back)] == [EMERGENCY]


def test_new_is_24_hours_not_a_calendar_day() -> None:
    """23:50 and 00:10: both new. A day later the second is still an emergency,
    in whatever zone the records were written."""
    late = SelfCheck(datetime(2026, 11, 30, 23, 50, tzinfo=LONDON), {"speech": "unsure"})
    early = SelfCheck(datetime(2026, 12, 1, 0, 10, tzinfo=LONDON), {"speech": "unsure"})
    later = datetime(2026, 12, 1, 23, 55, tzinfo=LONDON)
    assert [f.tier for f in run(late, early, now=later)] == [EMERGENCY]
    shifted = SelfCheck(late.at.astimezone(NEW_YORK), late.signs, id=late.id)
    assert [f.tier for f in run(shifted, early, now=later, day_start_hour=4)] == [EMERGENCY]


def test_a_record_with_an_emergency_is_on_the_emergency_card_alone() -> None:
    findings = run(sc(0, "sudden", "droop", "eye_wont_close"))
    assert [f.id for f in findings] == ["emergency"]
    findings = run(SelfCheck(at(0), {"droop": "sudden", "eye_wont_close": "unsure"}))
    assert [f.id for f in findings] == ["emergency"]


def test_a_sign_raised_with_its_record_takes_its_other_answers_along() -> None:
    """Hypothesis found it: a droop over days in two records at one instant,
    one of them with a sudden sign. Both droops go on the emergency card."""
    findings = run(sc(0, "days", "droop"), SelfCheck(at(0), {"droop": "days", "speech": "sudden"}))
    assert [f.id for f in findings] == ["emergency"]


# --------------------------------------------------------------------- the card's moment


def test_the_emergency_card_names_the_answer_that_makes_it_one_and_when_it_began() -> None:
    """A droop noted two days ago (onset not known), then sudden an hour ago,
    then said to have passed: the card cites the sudden answer, with its
    onset, and the first record (the time to give when calling), never the
    later "passed" one as the start."""
    (card,) = [
        f
        for f in run(
            sc(49, "unsure", "droop"),
            sc(1, "sudden", "droop"),
            sc(0.9, "unsure", "droop", passed=("droop",)),
        )
        if f.id == "emergency"
    ]
    assert card.reason.startswith(
        f"The self-check on {at(1):%d %b} at {at(1):%H:%M} records drooping face (sudden)."
    )
    assert f"Drooping face was first recorded on {at(49):%d %b} at {at(49):%H:%M}." in card.reason
    assert "new, onset not known" not in card.reason


def test_a_sign_answered_again_cites_its_first_answer() -> None:
    (card,) = [
        f for f in run(sc(3, "unsure", "speech"), sc(1, "unsure", "speech")) if f.id == "emergency"
    ]
    assert card.reason.startswith(f"The self-check on {at(3):%d %b} at {at(3):%H:%M} records")
    assert "slurred speech (new, onset not known)" in card.reason


def test_a_weakness_sign_that_comes_back_after_a_visit_is_same_day_again() -> None:
    """Seen by a clinician, a droop reported again within a week is a routine
    follow-up; after a longer gap, or after it was said to have passed, it
    has come back: same-day (sudden: an emergency, as always)."""
    visit = SelfCheck(at(13 * 24), seen=True)
    first = sc(14 * 24, "days", "droop")
    assert tiers(first, visit, sc(12 * 24, "unsure", "droop")) == {"weakness": ROUTINE}
    late = tiers(first, visit, sc(0, "unsure", "droop"))
    assert late == {"same-day": SAME_DAY}
    (card,) = run(first, visit, sc(0, "unsure", "droop"))
    assert "more than a week after its last report" in card.reason
    near, again = sc(12 * 24, "unsure", "droop"), sc(10 * 24, "unsure", "droop")
    assert tiers(first, visit, near, again) == {"weakness": ROUTINE}
    gone = SelfCheck(at(11 * 24), passed=("droop",))
    assert tiers(first, visit, near, gone, again) == {"same-day": SAME_DAY}
    # The shell's "--passed --droop": the sign recorded, and said to have passed.
    named = SelfCheck(at(11 * 24), {"droop": "unsure"}, passed=("droop",))
    assert tiers(first, visit, near, named, again) == {"same-day": SAME_DAY}
    assert tiers(first, visit, sc(0, "sudden", "droop")) == {"emergency": EMERGENCY}


def test_an_answer_before_the_day_start_hour_is_listed_with_its_own_date() -> None:
    """Saved at 01:31 with the day starting at 03:00, it is filed under the
    day before: its entry says 02 Dec 01:31, never "01 Dec: at 01:31"."""
    night = datetime(2026, 12, 2, 1, 31, tzinfo=LONDON)
    record = SelfCheck(night, {"droop": "sudden"})
    (card,) = run(record, now=night + timedelta(minutes=5), day_start_hour=3)
    (entry,) = card.entries
    assert entry.day == date(2026, 12, 1)
    assert entry.detail.startswith("self-check at 02 Dec 01:31:")
