"""Red-flag rules: diary in, findings out. Pure: no Textual, no I/O, clock passed in.

Every rule says, in plain words, why it fires, where the rule comes from, which
diary entries made it fire, and what the user can do now. None of them is a
diagnosis: they point to a clinician, calmly.

Sources named in the findings:

- ARTICLE: the source articles on lip twitching (see shared/seeds): most lip
  twitches pass within days; the "two-week mark"; red flags are spreading to
  other parts of the face (especially the eye), weakness such as not being able
  to hold water in the mouth, an uneven face, and a pulling sensation that
  persists; twitching that becomes more frequent may warrant a check.
- NHS: NHS guidance on muscle twitches: see a GP if a twitch lasts more than
  two weeks or spreads; sudden weakness on one side of the face is an emergency.
- STROKE: NHS and Stroke Association guidance on stroke and TIA (FAST: a face
  that droops, an arm that is weak, speech that is slurred: call the emergency
  number at once, even when the signs pass, because a passing episode can be a
  TIA); NHS guidance on Bell's palsy (sudden weakness of one side of the face
  needs urgent care).
- The second source article names hemifacial spasm (usually starts at the eye
  and moves down to the mouth, on one side) and medicines that can cause
  twitching: antipsychotics, diuretics and steroids.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..model import DayLog, Medicine, Twitch, diary_day
from .finding import (
    ALL_CLEAR,
    ARTICLE,
    DOCTOR,
    INFO,
    NHS,
    ORDER,
    STANDING_NOTE,
    STROKE,
    URGENT,
    Entry,
    Finding,
    twitches_by_day,
)
from .patterns import (
    GAP_DAYS,
    PERSIST_DAYS,
    PERSIST_MIN_DAYS,
    PERSIST_SHARE,
    RISE_FACTOR,
    RISE_MARGIN,
    SPREAD_MIN_DAYS,
    SPREAD_WINDOW,
    current_run,
    persistence,
    rising,
    spread,
)
from .symptoms import (
    MEDICINE_WINDOW,
    NEURO_SIGNS,
    PULLING_DAYS,
    SUDDEN_ONLY_SIGNS,
    SYMPTOM_WINDOW,
    URGENT_SIGNS,
    answers,
    medicine,
    reported_signs,
    sensory,
    symptom_finding,
    urgent,
    urgent_signs,
)


def check(
    twitches: list[Twitch],
    logs: dict[date, DayLog],
    today: date,
    day_start_hour: int = 0,
    *,
    emergency_number: str = "999",
    medicines: Iterable[Medicine] = (),
) -> list[Finding]:
    """Every finding for the diary, most serious first.

    ``logs`` should hold every day log of the diary: an urgent answer never
    expires with age. Twitches older than 120 days change nothing.
    """
    twitches = sorted(
        (t for t in twitches if diary_day(t.at, day_start_hour) <= today), key=lambda t: t.at
    )
    logs = {d: log for d, log in logs.items() if d <= today}
    by_day = twitches_by_day(twitches, day_start_hour)
    findings = [
        urgent(logs, today, emergency_number),
        persistence(by_day, today),
        spread(by_day, today),
        symptom_finding(
            logs,
            today,
            keys=("cannot_hold_water", "droop"),
            rule="weakness",
            title="Signs of weakness in the face",
            why=(
                "Not being able to hold water in the mouth, or a face that droops, points to "
                "muscle weakness, which a simple twitch does not cause."
            ),
            advice="Book a GP appointment soon and describe what happens when you drink.",
        ),
        symptom_finding(
            logs,
            today,
            keys=("asymmetry",),
            rule="asymmetry",
            title="The face looks uneven",
            why="A face that looks uneven in the mirror is one of the signs worth a doctor's look.",
            advice="Book a GP appointment; a photo from before and now can help.",
        ),
        symptom_finding(
            logs,
            today,
            keys=("pulling",),
            rule="pulling",
            min_days=PULLING_DAYS,
            title="A pulling sensation that persists",
            why=(
                f"A pulling feeling that comes back ({PULLING_DAYS} or more days) is one of the "
                "signs the articles list for seeing a doctor."
            ),
            advice="Mention it at a GP appointment, with the days from the report.",
        ),
        symptom_finding(
            logs,
            today,
            keys=NEURO_SIGNS,
            rule="neuro-signs",
            title="Signs beyond the twitch",
            why=(
                "Trouble speaking or swallowing, a weak arm or leg, a muscle getting thinner, "
                "or problems with vision or balance are not caused by a simple twitch and are "
                "worth a doctor's look soon."
            ),
            advice="Book a GP appointment soon and take the diary report; it lists the days.",
            source=f"{ARTICLE} (weakness and wasting; other neurological symptoms)",
        ),
        sensory(logs, by_day, today),
        medicine(by_day, medicines, today),
        rising(by_day, today),
    ]
    found = [f for f in findings if f is not None]
    return sorted(found, key=lambda f: ORDER[f.level])


__all__ = [
    "ALL_CLEAR",
    "ARTICLE",
    "DOCTOR",
    "GAP_DAYS",
    "INFO",
    "MEDICINE_WINDOW",
    "NEURO_SIGNS",
    "NHS",
    "PERSIST_DAYS",
    "PERSIST_MIN_DAYS",
    "PERSIST_SHARE",
    "PULLING_DAYS",
    "RISE_FACTOR",
    "RISE_MARGIN",
    "SPREAD_MIN_DAYS",
    "SPREAD_WINDOW",
    "STANDING_NOTE",
    "STROKE",
    "SUDDEN_ONLY_SIGNS",
    "SYMPTOM_WINDOW",
    "URGENT",
    "URGENT_SIGNS",
    "Entry",
    "Finding",
    "answers",
    "current_run",
    "medicine",
    "persistence",
    "reported_signs",
    "rising",
    "sensory",
    "spread",
    "symptom_finding",
    "twitches_by_day",
    "urgent",
    "urgent_signs",
]
