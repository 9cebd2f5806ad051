"""One person's diary session: ordered saves, retries, undo and redo. No Textual.

The dashboard hands every change to a ``Session`` as an operation from
``ops``. The session applies them one at a time, in order, taking its turn at
the store (``Turns``); a save the disk refuses stays queued and is retried.
It keeps the undo and redo stacks, picks the defaults of a new twitch (the
last site and side), and knows which night a bedtime belongs to, a rule the
command line shares. It tells its listeners what happened with an
``Outcome``; how an outcome is shown is the screen's business.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

from . import names, ops
from .model import Conflict, InvalidEntry, Twitch, diary_day
from .model.twitch import next_site_side
from .store import DiaryDamaged, DiaryReadOnly, Store, StoreError
from .turns import Turns
from .views import Today, load_today

if TYPE_CHECKING:
    from .ops import Op

T = TypeVar("T")


UNDO_LIMIT = 200
"""How many changes undo can take back: the latest 200 of the session, so a
dashboard open all day does not keep every inverse it ever made."""


class Mode(Enum):
    """Why an operation is applied: how its inverse is kept and what is said."""

    DO = "do"
    """A new change: its inverse goes on the undo stack, and redo is cleared."""
    UNDO = "undo"
    REDO = "redo"
    QUIET = "quiet"
    """A preference (chart range, theme): saved without undo or a notice."""


class Status(Enum):
    """What became of a queued operation."""

    SAVED = "saved"
    REJECTED = "rejected"
    """Dropped: waiting would not help (invalid, conflicting, read-only)."""
    HELD = "held"
    """Kept in the queue and retried (the disk refused it for now)."""


@dataclass(frozen=True)
class Outcome:
    """What became of one queued operation."""

    op: Op
    mode: Mode
    status: Status
    reason: str = ""
    inverse: Op | None = None
    today: Today | None = None
    """The shown day read again after a save (None if that read failed)."""
    left: int = 0
    """Operations still queued after this one."""
    caught_up: bool = False
    """The last held operation has just been saved."""
    damaged: DiaryDamaged | None = None

    @property
    def message(self) -> str:
        """The one line that tells the person what happened."""
        label = self.op.label
        if self.status is Status.HELD:
            return self.reason
        if self.status is Status.REJECTED:
            reason = self.reason.rstrip(".")
            if self.mode in (Mode.UNDO, Mode.REDO):
                return f"Could not {self.mode.value} {label}: {reason}. Nothing was changed."
            return f"Not saved ({label}): {reason}."
        if self.mode is Mode.UNDO and isinstance(self.op, ops.WithdrawSelfCheck):
            at = self.op.check.at
            return f"Withdrawn: the self-check at {at:%H:%M}. The diary keeps it, marked withdrawn."
        if self.mode is Mode.UNDO:
            return f"Undone: {label}."
        if self.mode is Mode.REDO:
            return f"Redone: {label}."
        if isinstance(self.op, ops.LogTwitch):
            t = self.op.twitch
            return f"Saved: twitch at {t.at:%H:%M}, {t.site}, {t.side}. Press u to undo."
        if self.mode is Mode.DO:  # every change can be taken back: say how
            return f"Saved: {label}. Press u to undo."
        return f"Saved: {label}."


def _run_here(job: Callable[[], None]) -> None:
    job()


class Unreadable(StoreError):
    """A diary file met by ``Session.read`` is damaged. It was reported to the
    session's damaged-file listeners; ``str()`` is the line a pane shows in
    place of what it could not build."""

    def __init__(self, damaged: DiaryDamaged, line: str) -> None:
        super().__init__(line)
        self.damaged = damaged


DamagedListener = Callable[[DiaryDamaged, bool], None]
"""Told of each damaged file met, and whether twitchtui may set it aside
(called from the thread that met it)."""


class Session:
    """The write queue, undo and redo of one open diary.

    ``run`` starts ``drain`` somewhere (the dashboard: a worker thread; tests
    and scripts: right here, the default). Listeners are called from that
    place with each ``Outcome``.
    """

    def __init__(
        self,
        store: Store,
        *,
        turns: Turns | None = None,
        run: Callable[[Callable[[], None]], None] = _run_here,
    ) -> None:
        self.store = store
        self.turns = turns or Turns()
        """Store jobs from worker threads run one at a time, saves first."""
        self.shown_day: date | None = None
        """The day the screen shows (None: today), read again after each save."""
        self._run = run
        self._listeners: list[Callable[[Outcome], None]] = []
        self._queued_listeners: list[Callable[[Op, Mode], None]] = []
        self._damaged_listeners: list[DamagedListener] = []
        self._queue: deque[tuple[Op, Mode]] = deque()
        self._lock = threading.Lock()
        self._draining = False
        self._held = False
        self._undo: list[Op] = []
        self._redo: list[Op] = []
        self._made: tuple[datetime, Twitch] | None = None
        """The twitch logged last in this session (however: t, the form, a
        past day), and when: "Next t logs" follows it."""

    def listen(self, listener: Callable[[Outcome], None]) -> None:
        self._listeners.append(listener)

    def forget(self, listener: Callable[[Outcome], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def on_queued(self, listener: Callable[[Op, Mode], None]) -> None:
        """Tell ``listener`` of every operation the moment it is queued (an
        undo and a redo included), on the thread that queued it, before it
        is saved: the urgent path counts an answer from then on."""
        self._queued_listeners.append(listener)

    def forget_queued(self, listener: Callable[[Op, Mode], None]) -> None:
        if listener in self._queued_listeners:
            self._queued_listeners.remove(listener)

    # ------------------------------------------------------------ reading

    def on_damaged(self, listener: DamagedListener) -> None:
        """Tell ``listener`` of every damaged file a read or a save meets."""
        self._damaged_listeners.append(listener)

    def forget_damaged(self, listener: DamagedListener) -> None:
        if listener in self._damaged_listeners:
            self._damaged_listeners.remove(listener)

    def read(self, job: Callable[[Store], T]) -> T:
        """``job(store)`` in a read turn (from a worker thread), and its answer.

        A damaged file is reported to the damaged-file listeners and raised
        as ``Unreadable``, whose text is what to show instead; any other
        ``StoreError`` (busy for a moment) is raised as it is."""
        try:
            with self.turns.read():
                return job(self.store)
        except DiaryDamaged as exc:
            raise Unreadable(exc, self._damaged(exc)) from exc

    def write(self, job: Callable[[Store], T]) -> T:
        """``job(store)`` in a write turn: a store change that is not an ``Op``
        (keeping a damaged file aside, the welcome page's answers)."""
        with self.turns.write():
            return job(self.store)

    def _damaged(self, exc: DiaryDamaged) -> str:
        """Report a damaged file; the line a pane shows in its place."""
        ours = self.store.may_set_aside(exc.path)
        for listener in list(self._damaged_listeners):
            listener(exc, ours)
        hint = " Ctrl+P, then 'Damaged file', offers to keep it aside." if ours else ""
        return f"{exc.path.name} cannot be read ({exc.reason}). It was left as it is.{hint}"

    # ------------------------------------------------------------ the queue

    def submit(self, op: Op, mode: Mode = Mode.DO) -> None:
        """Queue one operation; it is applied after those queued before it."""
        for listener in list(self._queued_listeners):
            listener(op, mode)
        with self._lock:
            self._queue.append((op, mode))
            if self._draining:
                return
            self._draining = True
        self._run(self.drain)

    def retry(self) -> None:
        """Try the held operations again (the dashboard calls this every few seconds)."""
        with self._lock:
            if not self._queue or self._draining:
                return
            self._draining = True
        self._run(self.drain)

    @property
    def unsaved(self) -> int:
        """Operations not on disk yet, in flight or held."""
        with self._lock:
            return len(self._queue)

    @property
    def pending(self) -> int:
        """Operations held back because the disk refused them (0 when none was)."""
        with self._lock:
            return len(self._queue) if self._held else 0

    @property
    def busy(self) -> bool:
        """A drain is under way."""
        return self._draining

    def drain(self) -> None:
        """Apply queued operations in order until none is left or the disk refuses one."""
        while True:
            with self._lock:
                if not self._queue:
                    self._draining = False
                    return
                op, mode = self._queue[0]
            try:
                with self.turns.write():
                    inverse = op.apply(self.store)
            except (InvalidEntry, Conflict, DiaryReadOnly) as exc:
                # Waiting will not help: say why, drop it, and carry on.
                with self._lock:
                    self._queue.popleft()
                    left = len(self._queue)
                self._tell(Outcome(op, mode, Status.REJECTED, str(exc), left=left))
                continue
            except StoreError as exc:
                with self._lock:
                    self._draining = False
                    self._held = True
                    left = len(self._queue)
                damaged = exc if isinstance(exc, DiaryDamaged) else None
                if damaged is not None:
                    self._damaged(damaged)
                self._tell(Outcome(op, mode, Status.HELD, str(exc), left=left, damaged=damaged))
                return
            with self._lock:
                self._queue.popleft()
                left = len(self._queue)
                caught_up = self._held and not left
                if caught_up:
                    self._held = False
                self._keep(inverse, mode)
                self._remember_made(op, mode)
            try:
                with self.turns.write():
                    today = load_today(self.store, self.shown_day)
            except StoreError:
                today = None  # saved; the next poll shows it
            if today is not None:
                names.refresh(today.settings)  # Tab completes a new habit or medicine
            self._tell(Outcome(op, mode, Status.SAVED, "", inverse, today, left, caught_up))

    def _remember_made(self, op: Op, mode: Mode) -> None:
        if isinstance(op, ops.LogTwitch) and mode is not Mode.UNDO:
            self._made = (self.store.now(), op.twitch)
        elif isinstance(op, ops.DeleteTwitch) and self._made and self._made[1].id == op.twitch.id:
            self._made = None  # the twitch made last was undone or deleted

    def _keep(self, inverse: Op, mode: Mode) -> None:
        if mode is Mode.UNDO:
            self._redo.append(inverse)
        elif mode is not Mode.QUIET:
            self._undo.append(inverse)
            del self._undo[:-UNDO_LIMIT]  # a day-long session keeps the latest only
            if mode is Mode.DO:
                self._redo.clear()

    def _tell(self, outcome: Outcome) -> None:
        for listener in list(self._listeners):
            listener(outcome)

    # ------------------------------------------------------------ undo and redo

    def undo(self) -> bool:
        """Queue the undo of the latest change; False when there is none."""
        return self._replay(self._undo, Mode.UNDO)

    def redo(self) -> bool:
        """Queue the redo of the latest undo; False when there is none."""
        return self._replay(self._redo, Mode.REDO)

    def _replay(self, stack: list[Op], mode: Mode) -> bool:
        with self._lock:
            if not stack:
                return False
            inverse = stack.pop()
        self.submit(inverse, mode)
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def next_undo(self) -> Op | None:
        """What ``undo`` would queue now (None: nothing to undo)."""
        with self._lock:
            return self._undo[-1] if self._undo else None

    def drop_undo(self, op: Op) -> bool:
        """Take ``op`` off the top of the undo history without applying it
        (the person chose to keep the change); False if it is no longer there."""
        with self._lock:
            if not self._undo or self._undo[-1] is not op:
                return False
            self._undo.pop()
            return True

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # ------------------------------------------------------------ defaults

    def next_site_side(self, today: Today | None) -> tuple[str, str]:
        """Where the next ``t`` logs: the site and side of the twitch logged
        last, however it was made (the form, a past day, or the command line
        since), or the settings' default before any twitch."""
        last = today.last if today else None
        made = self._made
        if made is not None and (last is None or made[0] >= last.at):
            return made[1].site, made[1].side
        return next_site_side(last, today.settings if today else self.store.settings())

    def new_twitch(self, today: Today | None, **values: object) -> Twitch:
        """A twitch now, at ``next_site_side``, with the intensity and
        duration of the settings (None, not given, unless the person set
        one); ``values`` override any of it."""
        settings = today.settings if today else self.store.settings()
        site, side = self.next_site_side(today)
        base = {
            "at": self.store.now(),
            "site": site,
            "side": side,
            "intensity": settings.default_intensity,
            "duration_s": settings.default_duration_s,
        }
        return Twitch(**{**base, **values})  # type: ignore[arg-type]


def at_noon(twitch: Twitch, day: date) -> Twitch:
    """The twitch moved to noon of ``day`` (a form for a past day starts there)."""
    return replace(twitch, at=datetime.combine(day, time(12), tzinfo=twitch.at.tzinfo))


def bedtime_night(now: datetime, day_start_hour: int, shown_day: date | None = None) -> date:
    """Which night a bedtime entered now belongs to.

    The night of a day runs from its evening to the next morning, so a
    bedtime entered in the morning (or at 01:30, still up) is last night's,
    and one entered from noon on is tonight's: the date twelve hours ago.
    On a past day the person chose (the dashboard's [ and ]), it is that
    day's night. The dashboard and ``twitchtui bed`` both ask here.
    """
    if shown_day is not None and shown_day != diary_day(now, day_start_hour):
        return shown_day
    return (now - timedelta(hours=12)).date()


EVENING_HOUR = 18
"""From this hour until the day-start hour, "now" can be a bedtime."""


def now_is_bedtime(now: datetime, day_start_hour: int) -> bool:
    """Whether "now" may be taken as a bedtime: in the evening or the night
    (18:00 until the hour a new diary day starts), never in the daytime."""
    return now.hour >= EVENING_HOUR or now.hour < day_start_hour


def bedtime_moment(night: date, bedtime: time, tz: tzinfo | None) -> datetime:
    """When a bedtime on the night of ``night`` was: from noon on that day,
    before noon the next morning."""
    day = night if bedtime.hour >= 12 else night + timedelta(days=1)
    return datetime.combine(day, bedtime, tzinfo=tz)


def bedtime_refusal(night: date, bedtime: time, now: datetime) -> str:
    """Why a bedtime cannot be saved ("" when it can): one still to come."""
    if bedtime_moment(night, bedtime, now.tzinfo) > now + timedelta(minutes=1):
        return (
            f"{bedtime:%H:%M} on the night of {night:%a %d %b} is still to come; "
            "enter it once you have gone to bed"
        )
    return ""


def bedtime_question(night: date, now: datetime) -> str:
    """The bed form's question, worded for the time of day: tonight still
    ahead, tonight now, or a night gone by."""
    evening = datetime.combine(night, time(EVENING_HOUR), tzinfo=now.tzinfo)
    if now < evening and night >= now.date():
        return (
            f"Bedtime for tonight, {night:%a %d %b} (HH:MM): it can be entered "
            "once you have gone to bed"
        )
    if now < evening + timedelta(hours=12):
        return f"What time did you go to bed tonight, {night:%a %d %b}? (HH:MM)"
    return f"What time did you go to bed on the night of {night:%a %d %b}? (HH:MM)"
