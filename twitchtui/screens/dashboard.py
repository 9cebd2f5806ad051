"""The main screen: owns the day's state, runs store work in threads, routes keys.

State flows down (``today`` and ``now`` are bound to the panes with
``data_bind``); requests flow up from the panes as Messages. Every write is an
operation from ``ops`` run by one serial worker, so writes keep their order; a
write the disk refuses stays queued (pending) and is retried.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Grid
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from .. import nudges
from ..model import Conflict, DayLog, InvalidEntry, Settings, Twitch, diary_day
from ..ops import (
    AddCoffee,
    AddHabit,
    AddWater,
    DeleteTwitch,
    EditTwitch,
    LogTwitch,
    Op,
    RemoveCoffee,
    SaveSettings,
    SetDayFields,
)
from ..store import DiaryDamaged, DiaryReadOnly, Store, StoreError
from ..turns import Turns
from ..views import Today, load_findings, load_today, load_trends

if TYPE_CHECKING:
    from ..redflags import Finding
    from ..stats import TrendData
from ..widgets.checklist import ChecklistPane
from ..widgets.compact import CompactSummary
from ..widgets.quick_log import QuickLogPane
from ..widgets.red_flags import RedFlagsPane
from ..widgets.trends import TrendsPane


class DashboardScreen(Screen[None]):
    """Four panes: quick log, checklist, trends and red flags."""

    # Footer order: help and quit first so that no width hides them, then the
    # keys used most during a day. The rest are in help (?) and the palette.
    BINDINGS = [
        Binding("question_mark,f1", "app.help", "Help", key_display="?", id="dash-help"),
        Binding("q", "app.quit", "Quit", id="dash-quit"),
        # Only while a small terminal shows one pane: back to the summary.
        Binding("escape", "summary", "Back", id="summary"),
        Binding("t", "log_twitch", "Log twitch", id="log-twitch"),
        Binding("w", "water(1)", "+Glass", id="water"),
        Binding("c", "coffee", "Coffee", id="coffee"),
        Binding("s", "snack", "Snack", id="snack"),
        Binding("u,ctrl+z", "undo", "Undo", key_display="u", id="undo"),
        Binding("i", "checkin", "Check-in", id="checkin"),
        Binding("k", "selfcheck", "Self-check", id="selfcheck"),
        Binding("d", "details", "Details…", id="details"),
        Binding("b", "bedtime", "Bedtime", id="bedtime"),
        Binding("h", "habits", "Habits", id="habits"),
        Binding("g", "calendar", "Calendar", id="calendar"),
        Binding("r", "report", "Report", id="report"),
        Binding("o", "settings", "Settings", id="settings"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="redo"),
        Binding("W", "water(-1)", "−Glass", show=False, id="water-less"),
        Binding("e", "electrolytes", "Electrolytes", show=False, id="electrolytes"),
        Binding("C", "coffee_remove", "−Coffee", show=False, id="coffee-less"),
        Binding("p", "pause", "Coffee pause", show=False, id="pause"),
        Binding("m", "medicines", "Medicines", show=False, id="medicines"),
        # Shown in the trends pane's title rather than in the Footer.
        Binding("v", "next_chart", "Chart", show=False, id="chart"),
        Binding("n", "next_range", "Range", show=False, id="range"),
        Binding("z", "quiet", "Quiet", show=False, id="quiet"),
        Binding("1", "pane('quick-log')", "Quick log pane", show=False, id="pane-1"),
        Binding("2", "pane('checklist')", "Checklist pane", show=False, id="pane-2"),
        Binding("3", "pane('trends')", "Trends pane", show=False, id="pane-3"),
        Binding("4", "pane('red-flags')", "Red flags pane", show=False, id="pane-4"),
        # Shown in the checklist's header rather than in the Footer.
        Binding(
            "left_square_bracket",
            "shift_day(-1)",
            "Prev day",
            key_display="[",
            show=False,
            id="prev",
        ),
        Binding(
            "right_square_bracket",
            "shift_day(1)",
            "Next day",
            key_display="]",
            show=False,
            id="next",
        ),
    ]

    # Start with nothing focused: every dashboard key works from the screen, and
    # the Footer is composed once instead of again when focus lands in a table.
    AUTO_FOCUS = ""
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (20, "-short"), (30, "-tall"), (44, "-roomy")]
    COMPACT_BELOW = (100, 30)
    """Under this width or height the four panes give way to the compact summary."""

    today: var[Today | None] = var(None)
    now: var[datetime | None] = var(None)
    pending: var[int] = var(0)
    """Entries held back because the disk refused them (shown in the quick-log pane)."""
    findings: var[tuple[Finding, ...] | None] = var(None)
    trends: var[TrendData | None] = var(None)
    shown_day: var[date | None] = var(None)
    urgent: var[str] = var("")
    """The one-line urgent banner ("" when no urgent answer is open)."""
    flags_problem: var[str] = var("")
    """Why the red flags could not be checked (a damaged file), or ""."""
    trends_problem: var[str] = var("")
    compact: var[bool] = var(False, toggle_class="-compact")
    """The terminal is too small for four panes: a summary, one pane at a time."""
    open_pane: var[str] = var("")
    """In the compact layout, the pane opened full-screen ("" for the summary)."""

    def __init__(self, store: Store, today: Today | None = None) -> None:
        super().__init__()
        self.store = store
        self.set_reactive(DashboardScreen.today, today)
        self.set_reactive(DashboardScreen.now, today.now if today else None)
        self._undo: list[Op] = []
        self._redo: list[Op] = []
        self._queue: deque[tuple[Op, str]] = deque()
        self._queue_lock = threading.Lock()
        self._turns = Turns()
        """Store jobs from the worker threads run one at a time, saves first."""
        self._draining = False
        self._polling = False
        self._warned = False
        self._toasts_are_saves = False
        self._rebuilding = False
        self._again: bool | None = None
        """A rebuild asked for while one runs: None, or whether with findings."""
        self._secondary_timer: Timer | None = None
        self._fired: dict[str, datetime] = {}
        self._warmed = False
        """Every month of the diary has been read into the cache once."""
        self._built = False
        """The findings and charts have been built once (tests wait for it)."""
        self._loading = 0
        """Reads of the day shown that have not come back yet."""
        self._reported: frozenset[str] | None = None
        """Urgent-capable signs reported before today (None until read)."""
        self._damaged: dict[Path, tuple[DiaryDamaged, bool]] = {}
        """Damaged files met so far, and whether twitchtui may set each aside."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="urgent-banner", markup=False)
        yield CompactSummary(id="compact").data_bind(
            DashboardScreen.today,
            DashboardScreen.now,
            DashboardScreen.findings,
            problem=DashboardScreen.flags_problem,
        )
        with Grid(id="panes"):
            yield QuickLogPane(id="quick-log").data_bind(
                DashboardScreen.today, DashboardScreen.now, DashboardScreen.pending
            )
            yield ChecklistPane(id="checklist").data_bind(DashboardScreen.today)
            yield TrendsPane(id="trends").data_bind(
                data=DashboardScreen.trends, problem=DashboardScreen.trends_problem
            )
            yield RedFlagsPane(id="red-flags").data_bind(
                DashboardScreen.findings, problem=DashboardScreen.flags_problem
            )
        yield Footer()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.today is None:
            self.now = self.store.now()
            self.reload()
        else:
            # After the first frame: the findings and charts must not slow it down.
            self.call_after_refresh(self.schedule_secondary)
        self.call_after_refresh(self.check_urgent)
        self.set_interval(self.app.poll_seconds, self.poll)
        self.set_interval(self.app.retry_seconds, self.retry_pending)
        if self.store.read_only:
            self._toast(
                f"{self.store.path} is read-only. You can look around; nothing you press "
                "will be saved.",
                title="Read-only diary",
                severity="warning",
                timeout=20,
            )

    # ------------------------------------------------------------ reading

    def reload(self) -> None:
        """Read the day shown again (in a worker)."""
        self._loading += 1
        self._reload()

    @work(thread=True, exclusive=True, group="load")
    def _reload(self) -> None:
        today = None
        try:
            with self._turns.read():
                today = load_today(self.store, self.shown_day)
        except DiaryDamaged as exc:
            self._report_damaged(exc)
        except StoreError:
            pass  # busy for a moment: the next poll reads again
        cancelled = get_current_worker().is_cancelled
        self.app.call_from_thread(self._reloaded, None if cancelled else today)

    def _reloaded(self, today: Today | None) -> None:
        self._loading -= 1
        if today is not None:
            self._set_today(today)

    def _set_today(self, today: Today) -> None:
        self.today = today
        self.now = today.now
        past = today.shown_day != today.day
        self.sub_title = f"showing {today.shown_day:%a %d %b} · ] back to today" if past else None
        if (
            self.app.theme != today.settings.theme
            and today.settings.theme in self.app.available_themes
        ):
            self.app.theme = today.settings.theme

    def watch_today(self, old: Today | None, new: Today | None) -> None:
        if new is None:
            return
        if old is None or old.fingerprint != new.fingerprint or old.day != new.day:
            self.schedule_secondary()

    def schedule_secondary(self) -> None:
        """Rebuild findings and charts once things are quiet (``rebuild_seconds``
        after the last change): a burst of presses costs one rebuild, and the
        rebuild stays out of the burst's saves."""
        if self._secondary_timer is not None:
            self._secondary_timer.stop()
        self._secondary_timer = self.set_timer(self.app.rebuild_seconds, self._refresh_secondary)

    def _refresh_secondary(self) -> None:
        self._secondary_timer = None
        self.rebuild()

    def refresh_trends(self) -> None:
        """Rebuild the charts only (another range; a changed preference)."""
        self.rebuild(findings=False)

    def rebuild(self, findings: bool = True) -> None:
        """Rebuild the findings, then the charts that mark them, in one worker;
        never more than one rebuild in flight."""
        if self._rebuilding:
            self._again = findings or bool(self._again)
            return
        self._rebuilding = True
        self._again = None
        days = self.today.settings.chart_days if self.today else 30
        self._rebuild(days, findings)

    @work(thread=True, group="rebuild")
    def _rebuild(self, days: int, with_findings: bool) -> None:
        findings, data = self.findings, None
        flags_problem, trends_problem = self.flags_problem, self.trends_problem
        if with_findings:
            try:
                self._warm_months()
                with self._turns.read():
                    findings = tuple(load_findings(self.store))
                flags_problem = ""
            except DiaryDamaged as exc:
                findings, flags_problem = None, self._report_damaged(exc)
            except StoreError:
                pass  # busy for a moment; the next change rebuilds
        try:
            with self._turns.read():
                data = load_trends(self.store, days, findings or ())
            trends_problem = ""
        except DiaryDamaged as exc:
            trends_problem = self._report_damaged(exc)
        except StoreError:
            pass
        self.app.call_from_thread(self._rebuilt, findings, data, flags_problem, trends_problem)

    @work(thread=True, exclusive=True, group="urgent")
    def check_urgent(self) -> None:
        """Read whether an urgent answer is open: at start-up, and after a self-check."""
        from ..views import load_urgent

        try:
            self._warm_months()
            with self._turns.read():
                finding, reported = load_urgent(self.store)
        except DiaryDamaged as exc:
            self._report_damaged(exc)
            return
        except StoreError:
            return
        self.app.call_from_thread(self._urgent_read, finding, reported)

    def _warm_months(self) -> None:
        """Read the whole diary's months into the cache one turn each (worker
        thread): the first read of ten years takes a second, and a save must
        never wait for more than one month of it. Once is enough: later, only
        a month that changed is read again, inside one turn."""
        if self._warmed:
            return
        with self._turns.read():
            months = list(self.store.shard_paths())
        for month in months:
            with self._turns.read():
                self.store.warm(month)
        self._warmed = True

    def _urgent_read(self, finding: Finding | None, reported: frozenset[str]) -> None:
        self._reported = reported
        self._show_urgent(finding is not None)

    @property
    def emergency_number(self) -> str:
        return (self.today.settings if self.today else Settings()).emergency_number

    def _show_urgent(self, shown: bool) -> None:
        number = self.emergency_number
        self.urgent = (
            f"URGENT: call {number} now, even if it passed. 4: why · k: seen by a clinician"
            if shown
            else ""
        )

    def watch_urgent(self, text: str) -> None:
        banner = self.query_one("#urgent-banner", Static)
        banner.update(text)
        banner.set_class(bool(text), "-shown")

    def _rebuilt(
        self,
        findings: tuple[Finding, ...] | None,
        data: TrendData | None,
        flags_problem: str,
        trends_problem: str,
    ) -> None:
        self._rebuilding = False
        self._built = True
        self.flags_problem, self.trends_problem = flags_problem, trends_problem
        self.findings = findings
        if findings is not None:
            from ..redflags import URGENT

            self._show_urgent(any(f.level == URGENT for f in findings))
        if data is not None:
            self.trends = data
        if self._again is not None:
            self.rebuild(self._again)

    def on_resize(self, event: events.Resize) -> None:
        width, height = self.COMPACT_BELOW
        self.compact = event.size.width < width or event.size.height < height

    def watch_compact(self, compact: bool) -> None:
        if not compact:
            self.open_pane = ""
        self.refresh_bindings()

    def watch_open_pane(self, old: str, new: str) -> None:
        if old:
            self.remove_class(f"-open-{old}")
        if new:
            self.add_class(f"-open-{new}")
        else:
            self.set_focus(None)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "summary":  # Esc: only while a compact layout shows one pane
            return bool(self.compact and self.open_pane)
        return True

    def action_pane(self, pane_id: str) -> None:
        """Bring a pane into view and focus into it; in the compact layout it
        fills the screen until Esc."""
        if self.compact:
            self.open_pane = pane_id
        pane = self.query_one(f"#{pane_id}")
        focusable = [w for w in (pane, *pane.query("*")) if w.focusable]
        if focusable:
            focusable[0].focus(scroll_visible=False)

    def action_summary(self) -> None:
        self.open_pane = ""

    def action_next_chart(self) -> None:
        from ..widgets.trends import CHARTS

        pane = self.query_one(TrendsPane)
        names = list(CHARTS)
        pane.chart = names[(names.index(pane.chart) + 1) % len(names)]

    def action_next_range(self) -> None:
        if self.today is None:
            return
        from ..stats import RANGES

        current = self.today.settings.chart_days
        following = RANGES[(RANGES.index(current) + 1) % len(RANGES)] if current in RANGES else 30
        self.set_range(following)

    def set_range(self, days: int) -> None:
        """Show ``days`` days in the charts and remember it in the settings."""
        if self.today is None:
            return
        self.submit(SaveSettings({"chart_days": days}), "quiet")

    def action_report(self) -> None:
        from .report import ReportScreen

        self.app.push_screen(
            ReportScreen(self.store, turns=self._turns, on_damaged=self._report_damaged)
        )

    def watch_shown_day(self) -> None:
        if self.is_mounted:
            self.reload()

    def poll(self) -> None:
        """Every second: keep "12 min ago" fresh, roll the day over, pick up outside writes."""
        now = self.store.now()
        if self.now is None or now.replace(second=0, microsecond=0) != self.now.replace(
            second=0, microsecond=0
        ):
            self.now = now
        self._nudge(now)
        if not self._polling:
            self._polling = True
            self._check_for_changes()

    def _nudge(self, now: datetime) -> None:
        today = self.today
        if today is None or today.log is None:
            return
        nudge = nudges.due(now, today.settings, today.log, today.pause, self._fired, today.day)
        if nudge is None:
            return
        self._fired[nudge.kind] = now
        self._toast(nudge.message, title="Reminder (z: quiet until tomorrow)", timeout=15)
        if today.settings.bell:
            self.app.bell()

    def action_quiet(self) -> None:
        if self.today is None:
            return
        settings = self.today.settings
        quiet = settings.quiet_until is not None and settings.quiet_until >= self.today.day
        until = None if quiet else self.today.day
        self.submit(SaveSettings({"quiet_until": until}), "quiet")
        self._toast("Reminders are back on." if quiet else "Reminders are quiet until tomorrow.")

    def action_settings(self) -> None:
        from .settings import SettingsForm

        if self.today is None:
            return

        def save(changed: Settings | None) -> None:
            if changed is not None and changed != self.today.settings:
                self.submit(SaveSettings.diff(self.today.settings, changed))

        themes = sorted(self.app.available_themes)
        self.app.push_screen(SettingsForm(self.today.settings, themes), save)

    def _theme_changed(self, theme) -> None:
        """A theme picked from the command palette is remembered in the settings."""
        if self.today is not None and self.today.settings.theme != theme.name:
            self.submit(SaveSettings({"theme": theme.name}), "quiet")

    def on_app_focus(self) -> None:
        self.poll()  # after a laptop sleeps, timers lag: check the wall clock at once

    @work(thread=True, group="poll")
    def _check_for_changes(self) -> None:
        try:
            current = self.today
            if current is None:
                return
            now = self.store.now()
            day = diary_day(now, current.settings.day_start_hour)
            days = sorted({day, current.shown_day})
            shown = self.shown_day if self.shown_day != current.day else None
            with self._turns.read():
                changed = day != current.day or self.store.fingerprint(days) != current.fingerprint
                today = load_today(self.store, shown) if changed else None
            if today is not None:
                self.app.call_from_thread(self._set_today, today)
        except DiaryDamaged as exc:
            self._report_damaged(exc)
        except StoreError:
            pass  # a transient read problem; the next poll tries again
        finally:
            self._polling = False

    # ------------------------------------------------------------ damaged files

    def _report_damaged(self, exc: DiaryDamaged) -> str:
        """From a worker: offer (once) to set the file aside. Returns the line
        a pane shows in place of what it could not build."""
        ours = self.store.may_set_aside(exc.path)
        self.app.call_from_thread(self._offer_set_aside, exc, ours)
        hint = " Ctrl+P, then 'Damaged file', offers to keep it aside." if ours else ""
        return f"{exc.path.name} cannot be read ({exc.reason}). It was left as it is.{hint}"

    def _offer_set_aside(self, exc: DiaryDamaged, ours: bool) -> None:
        if exc.path in self._damaged:
            return
        self._damaged[exc.path] = (exc, ours)
        self.action_damaged(exc.path)

    def action_damaged(self, path: Path | None = None) -> None:
        """Show what is wrong with a damaged file and offer to keep it aside."""
        from .damaged import DamagedScreen

        if not self._damaged:
            self._toast("No damaged file has been met.", timeout=3)
            return
        exc, ours = self._damaged[path or next(iter(self._damaged))]
        advice = "Nothing has been changed. What does not need this file keeps working. " + (
            "You can keep it aside (renamed with today's date and time) so that "
            "a fresh one is started in its place."
            if ours
            else "It does not look like a twitchtui file, so it will not be moved."
        )

        def chosen(set_aside: bool | None) -> None:
            if set_aside:
                self._set_aside(exc.path)

        screen = DamagedScreen(
            exc.path,
            exc.reason,
            can_set_aside=ours,
            title="Part of the diary cannot be read",
            advice=advice,
            dismiss_label="Not now",
        )
        self.app.push_screen(screen, chosen)

    @work(thread=True, group="writer-aside")
    def _set_aside(self, path: Path) -> None:
        try:
            with self._turns.write():
                moved = self.store.set_aside(path)
        except StoreError as exc:
            self.app.call_from_thread(self._toast, str(exc), severity="error", timeout=10)
            return
        self.app.call_from_thread(self._was_set_aside, path, moved)

    def _was_set_aside(self, path: Path, moved: Path) -> None:
        self._damaged.pop(path, None)
        self._toast(f"The damaged file was kept as {moved}.", timeout=15)
        self.reload()
        self.rebuild()

    # ------------------------------------------------------------ writing

    def submit(self, op: Op, kind: str = "do") -> None:
        """Queue one operation; the writer thread applies queued operations in order."""
        with self._queue_lock:
            self._queue.append((op, kind))
            if self._draining:
                return
            self._draining = True
        self._drain()

    @property
    def is_settled(self) -> bool:
        """Nothing queued, scheduled or being rebuilt (tests wait for this)."""
        return (
            self.today is not None
            and self._built
            and not self._loading
            and self.query_one(TrendsPane).is_drawn
            and self._secondary_timer is None
            and not self._rebuilding
            and not self._draining
        )

    @property
    def unsaved(self) -> int:
        """Entries not on disk yet, in flight or held."""
        with self._queue_lock:
            return len(self._queue)

    def retry_pending(self) -> None:
        with self._queue_lock:
            if not self._queue or self._draining:
                return
            self._draining = True
        self._drain()

    @work(thread=True, group="writer")
    def _drain(self) -> None:
        while True:
            with self._queue_lock:
                if not self._queue:
                    self._draining = False
                    return
                op, kind = self._queue[0]
            try:
                with self._turns.write():
                    inverse = op.apply(self.store)
            except (InvalidEntry, Conflict, DiaryReadOnly) as exc:
                # Waiting will not help: say why, drop it, and carry on.
                with self._queue_lock:
                    self._queue.popleft()
                self.app.call_from_thread(self._rejected, op, kind, str(exc))
                continue
            except StoreError as exc:
                with self._queue_lock:
                    self._draining = False
                if isinstance(exc, DiaryDamaged):
                    self._report_damaged(exc)
                self.app.call_from_thread(self._held, str(exc))
                return
            with self._queue_lock:
                self._queue.popleft()
                left = len(self._queue)
            try:
                with self._turns.write():
                    today = load_today(self.store, self.shown_day)
            except StoreError:
                today = None  # saved; the next poll shows it
            self.app.call_from_thread(self._applied, op, inverse, kind, today, left)

    def _applied(self, op: Op, inverse: Op, kind: str, today: Today | None, left: int) -> None:
        if today is not None:
            self._set_today(today)
        if isinstance(op, SetDayFields) and {"symptoms", "seen_clinician"} & set(op.values):
            self.check_urgent()  # a self-check (or its undo) was saved: banner on or off now
        # "waiting to save" is for writes the disk refused, not for one in flight.
        self.pending = left if self._warned else 0
        if kind == "quiet":  # a preference, not an entry: no undo, no toast
            self.refresh_trends()
            return
        if kind == "undo":
            self._redo.append(inverse)
        else:
            self._undo.append(inverse)
            if kind == "do":
                self._redo.clear()
        if self._warned and not left:
            self._warned = False
            self._toast("Everything that was waiting is now saved.", title="Saved")
        self._toast(self._saved_message(op, kind), save=True, timeout=3)

    def _toast(self, message: str, *, save: bool = False, **kwargs) -> None:
        """Every notice of the dashboard goes through here. A "Saved" toast
        replaces the previous "Saved" one instead of stacking (quick presses);
        any other notice is left alone until it times out."""
        if save and self._toasts_are_saves:
            self.app.clear_notifications()
        self.notify(message, **kwargs)
        self._toasts_are_saves = save

    def _saved_message(self, op: Op, kind: str) -> str:
        if kind == "undo":
            return f"Undone: {op.label}."
        if kind == "redo":
            return f"Redone: {op.label}."
        if isinstance(op, LogTwitch):
            t = op.twitch
            return f"Saved: twitch at {t.at:%H:%M}, {t.site}, {t.side}. Press u to undo."
        return f"Saved: {op.label}."

    def _rejected(self, op: Op, kind: str, reason: str) -> None:
        self.pending = len(self._queue) if self._warned else 0
        reason = reason.rstrip(".")
        if kind in ("undo", "redo"):
            message = f"Could not {kind} {op.label}: {reason}. Nothing was changed."
        else:
            message = f"Not saved ({op.label}): {reason}."
        self._toast(message, severity="error", timeout=8)

    def _held(self, reason: str) -> None:
        self.pending = len(self._queue)
        if not self._warned:
            self._warned = True
            self._toast(
                f"{reason}\nIt is kept here and retried every {self.app.retry_seconds:g} s.",
                title="Not saved yet",
                severity="warning",
                timeout=10,
            )

    # ------------------------------------------------------------ actions: twitches

    def _new_twitch(self, **values: object) -> Twitch:
        today = self.today
        last = today.last if today else None
        settings = today.settings if today else self.store.settings()
        base = {
            "at": self.store.now(),
            "site": last.site if last else settings.default_site,
            "side": last.side if last else settings.default_side,
        }
        return Twitch(**{**base, **values})  # type: ignore[arg-type]

    @property
    def on_past_day(self) -> bool:
        return self.today is not None and self.today.shown_day != self.today.day

    def action_log_twitch(self) -> None:
        if self.on_past_day:  # "now" is not on that day: ask for the time
            self.action_details()
            return
        self.submit(LogTwitch(self._new_twitch()))

    def action_details(self) -> None:
        from .twitch_form import TwitchForm

        def save(twitch: Twitch | None) -> None:
            if twitch is not None:
                self.submit(LogTwitch(twitch))

        base = self._new_twitch()
        if self.on_past_day and self.today is not None:
            # Noon of the shown day (the diary day runs from its start hour).
            at = datetime.combine(self.today.shown_day, time(12), tzinfo=base.at.tzinfo)
            base = replace(base, at=at)
        self.app.push_screen(TwitchForm(base, self.store.now, past_day=self.on_past_day), save)

    @on(QuickLogPane.EditRequested)
    def edit_twitch(self, event: QuickLogPane.EditRequested) -> None:
        from .twitch_form import TwitchForm

        old = event.twitch

        def save(new: Twitch | None) -> None:
            if new is not None and new != old:
                self.submit(EditTwitch(old, new))

        self.app.push_screen(TwitchForm(old, self.store.now, editing=True), save)

    @on(QuickLogPane.DeleteRequested)
    def delete_twitch(self, event: QuickLogPane.DeleteRequested) -> None:
        self.submit(DeleteTwitch(event.twitch))

    def action_undo(self) -> None:
        if not self._undo:
            self._toast("Nothing to undo in this session.", timeout=3)
            return
        self.submit(self._undo.pop(), "undo")

    def action_redo(self) -> None:
        if not self._redo:
            self._toast("Nothing to redo.", timeout=3)
            return
        self.submit(self._redo.pop(), "redo")

    # ------------------------------------------------------------ actions: checklist

    @property
    def checklist_day(self) -> date:
        if self.today is None:
            return diary_day(self.store.now())
        return self.today.shown_day

    def action_water(self, glasses: int) -> None:
        glass = self.today.settings.glass_ml if self.today else 250
        delta = glass * glasses
        label = f"{'+' if delta > 0 else '−'}{abs(delta)} ml water"
        self.submit(AddWater(self.checklist_day, delta, label=label))

    def _toggle(self, name: str, label: str) -> None:
        self.submit(SetDayFields(self.checklist_day, {}, toggle=name, label=label))

    def action_electrolytes(self) -> None:
        self._toggle("electrolytes", "electrolytes ticked")

    def action_coffee(self) -> None:
        now = self.store.now()
        day = self.checklist_day
        today = self.today.day if self.today else day
        at = now if day == today else datetime.combine(day, now.timetz())
        self.submit(AddCoffee(day, at, label=f"coffee at {at:%H:%M}"))

    def action_coffee_remove(self) -> None:
        self.submit(RemoveCoffee(self.checklist_day, label="last coffee removed"))

    def action_snack(self) -> None:
        self._toggle("snack", "snack ticked")

    def action_pause(self) -> None:
        if self.today is None:
            return
        if self.today.settings.pause_started is None:
            started = self.store.now().replace(microsecond=0)
            self.submit(SaveSettings({"pause_started": started}, label="48-hour stimulant pause"))
        else:
            self.submit(SaveSettings({"pause_started": None}, label="stimulant pause stopped"))

    def _form(self, screen, label: str, after=None) -> None:
        log = self.today.shown_log if self.today else DayLog(self.checklist_day)
        day = log.day

        def save(values: dict | None) -> None:
            if values:
                self.submit(SetDayFields(day, values, label=label))
                if after is not None:
                    after(values)

        self.app.push_screen(screen(log), save)

    def action_bedtime(self) -> None:
        from .day_forms import BedtimeForm

        self._form(BedtimeForm, "bedtime")

    def action_checkin(self) -> None:
        from .day_forms import CheckInForm

        self._form(CheckInForm, "daily check-in")

    def action_selfcheck(self) -> None:
        from .day_forms import SelfCheckForm

        number = self.emergency_number
        self._form(lambda log: SelfCheckForm(log, number), "self-check", self._self_checked)

    def _self_checked(self, values: dict) -> None:
        """The moment an urgent answer is saved, say what to do, on top of everything."""
        from ..redflags import answers, urgent_signs
        from .urgent import UrgentScreen

        log = DayLog(self.checklist_day, symptoms=values.get("symptoms", {}))
        if urgent_signs(answers(log), set(self._reported or ())) and not values.get(
            "seen_clinician"
        ):
            self._show_urgent(True)
            self.app.push_screen(UrgentScreen(self.emergency_number))

    def action_habits(self) -> None:
        from .habits import HabitsScreen

        if self.today is None:
            return
        settings = self.today.settings

        def chosen(answer: tuple[str, object] | None) -> None:
            if answer is None:
                return
            kind, value = answer
            if kind == "add":
                label = f"habit {value.name!r} added"  # type: ignore[attr-defined]
                habits = settings.with_habit(value).habits  # type: ignore[arg-type]
                self.submit(SaveSettings({"habits": habits}, label=label))
            else:
                self.tick_habit(str(value))

        self.app.push_screen(HabitsScreen(settings, self.today.shown_log), chosen)

    def tick_habit(self, name: str) -> None:
        """One more tick (a yes/no habit already done: its tick comes off)."""
        if self.today is None:
            return
        habit = next((h for h in self.today.settings.habits if h.name == name), None)
        if habit is None:
            return
        done = self.today.shown_log.habits.get(name, 0)
        times = -1 if habit.target == 1 and done else 1
        label = f"{name} {'unticked' if times < 0 else 'ticked'}"
        self.submit(AddHabit(self.checklist_day, name, times, label=label))

    def action_medicines(self) -> None:
        from .medicines import MedicinesForm

        if self.today is None:
            return
        current = self.today.settings.medicines

        def save(medicines) -> None:
            if medicines is not None and medicines != current:
                self.submit(SaveSettings({"medicines": medicines}, label="medicine list"))

        self.app.push_screen(MedicinesForm(current, self.today.day), save)

    def action_calendar(self) -> None:
        """The month heatmap; Enter there shows that day on the dashboard."""
        from .calendar import CalendarScreen

        if self.today is None:
            return
        today = self.today.day

        def chosen(day: date | None) -> None:
            if day is not None:
                self.shown_day = None if day >= today else day

        screen = CalendarScreen(
            self.store,
            self.today.shown_day,
            today,
            turns=self._turns,
            on_damaged=self._report_damaged,
        )
        self.app.push_screen(screen, chosen)

    def action_shift_day(self, days: int) -> None:
        if self.today is None:
            return
        target = self.today.shown_day + timedelta(days=days)
        if target > self.today.day:
            self._toast("That day has not happened yet.", timeout=3)
            return
        self.shown_day = None if target == self.today.day else target

    # ------------------------------------------------------------ palette

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Command-palette entries for every action on this screen."""
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            action = binding.action
            yield SystemCommand(
                binding.description.rstrip("…"),
                f"key: {binding.key_display or binding.key.split(',')[0]}",
                lambda action=action: self.run_action(action),
            )
        for habit in self.today.settings.habits if self.today else ():
            yield SystemCommand(
                f"Tick habit: {habit.name}",
                "One of your own habits, for the day shown",
                lambda name=habit.name: self.tick_habit(name),
            )
        if self._damaged:
            yield SystemCommand(
                "Damaged file", "What is wrong with it, and keep it aside", self.action_damaged
            )
