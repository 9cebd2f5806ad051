"""The main screen: four panes, the keys of a day, and what each save says.

State flows down (``today`` and ``now`` are bound to the panes with
``data_bind``); requests flow up from the panes as Messages. Every change goes
to the diary ``Session`` (ordered saves, undo, redo); the screen shows what
became of it. Reading and polling, rebuilds, damaged files and the form keys
each live in a file of their own beside this one.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ... import ops
from ...model import Settings
from ...session import Mode, Outcome, Session, Status
from ...views import Today
from ...widgets.checklist import ChecklistPane
from ...widgets.quick_log import QuickLogPane
from ...widgets.red_flags import RedFlagsPane
from ...widgets.trends import TrendsPane
from .checklist_keys import ChecklistKeys
from .damage import DamagedFiles
from .forms import FormActions
from .keys import KEYS
from .layout import Layout
from .palette import PaletteCommands
from .polling import Polling
from .rebuilds import Rebuilds
from .relief import ReliefActions

if TYPE_CHECKING:
    from textual.widget import Widget

    from ...ops import Op
    from ...redflags import Contacts, Finding
    from ...stats import TrendData
    from ...widgets.relief_bar import ReliefView


class DashboardScreen(
    Layout,
    Polling,
    Rebuilds,
    DamagedFiles,
    FormActions,
    ChecklistKeys,
    ReliefActions,
    PaletteCommands,
    Screen[None],
):
    """Four panes: quick log, checklist, trends and red flags."""

    BINDINGS = KEYS  # keys.py: the Footer order and what each key does

    # Start with nothing focused: every dashboard key works from the screen, and
    # the Footer is composed once instead of again when focus lands in a table.
    AUTO_FOCUS = ""
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (20, "-short"), (30, "-tall"), (44, "-roomy")]

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
    diary_empty: var[bool] = var(False)
    """No twitch is in the diary yet (the red flags' all-clear says so)."""
    """Why the red flags could not be checked (a damaged file), or ""."""
    trends_problem: var[str] = var("")
    compact: var[bool] = var(False, toggle_class="-compact")
    """The terminal is too small for four panes: a summary, one pane at a time."""
    open_pane: var[str] = var("")
    """In the compact layout, the pane opened full-screen ("" for the summary)."""
    relief: var[ReliefView | None] = var(None)
    """A warm compress running (its countdown), or None."""
    next_site: var[tuple[str, str] | None] = var(None)
    """Where the next t logs (``Session.next_site_side``)."""

    def __init__(self, session: Session, today: Today | None = None) -> None:
        super().__init__()
        self.session = session
        self.store = session.store
        self.set_reactive(DashboardScreen.today, today)
        self.set_reactive(
            DashboardScreen.next_site, session.next_site_side(today) if today else None
        )
        self.set_reactive(DashboardScreen.now, today.now if today else None)
        self.set_reactive(DashboardScreen.diary_empty, today is not None and today.last is None)
        self._warned = False
        """The person was told that a save is held back (once per spell)."""
        self._init_polling()
        self._init_rebuilds()
        self._init_damaged()
        self._init_relief()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="urgent-banner", markup=False)
        # The compact summary exists only once the terminal is small: composed
        # here when it starts small, else mounted the first time it shrinks
        # (``_show_compact``). A large terminal never loads, styles or draws it.
        if self._too_small(self.app.size):
            self.set_reactive(DashboardScreen.compact, True)
            self.add_class("-compact")
            yield self._compact_summary()
        with Grid(id="panes"):
            yield QuickLogPane(id="quick-log").data_bind(
                DashboardScreen.today,
                DashboardScreen.now,
                DashboardScreen.pending,
                DashboardScreen.relief,
                DashboardScreen.next_site,
            )
            yield ChecklistPane(id="checklist").data_bind(DashboardScreen.today)
            yield TrendsPane(id="trends").data_bind(
                data=DashboardScreen.trends, problem=DashboardScreen.trends_problem
            )
            yield RedFlagsPane(id="red-flags").data_bind(
                DashboardScreen.findings,
                DashboardScreen.now,
                problem=DashboardScreen.flags_problem,
                empty=DashboardScreen.diary_empty,
            )
        yield Footer()

    def on_mount(self) -> None:
        self._show_compact()  # the terminal shrank before the screen was mounted
        self.session.listen(self._from_session)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.today is None:
            self.now = self.store.now()
            self.reload()
        else:
            # After the first frame: the findings and charts must not slow it down.
            self.call_after_refresh(self.schedule_secondary)
        self.call_after_refresh(self.check_urgent)
        self.set_interval(self.app.poll_seconds, self.poll)
        if self.store.read_only:
            self._toast(
                f"{self.store.path} is read-only. You can look around; nothing you press "
                "will be saved.",
                title="Read-only diary",
                severity="warning",
                timeout=20,
            )

    def on_unmount(self) -> None:
        self.session.forget(self._from_session)

    def _set_today(self, today: Today) -> None:
        self.next_site = self.session.next_site_side(today)
        self.today = today
        self.now = today.now
        self.diary_empty = today.last is None
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

    @property
    def who(self) -> Contacts:
        """Who the urgent advice says to call (the settings, then the locale)."""
        from ...views import who_to_call

        return who_to_call(self.today.settings if self.today else Settings())

    # ------------------------------------------------------------ layout

    def _compact_summary(self) -> Widget:
        from ...widgets.compact import CompactSummary

        return CompactSummary(id="compact").data_bind(
            DashboardScreen.today,
            DashboardScreen.now,
            DashboardScreen.findings,
            DashboardScreen.relief,
            problem=DashboardScreen.flags_problem,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "summary":  # Esc: only while a compact layout shows one pane
            return bool(self.compact and self.open_pane)
        if action == "pause_timer":  # Space: shown only while a compress runs
            return self.compress_running
        return True

    def _trends_hidden(self, key: str) -> bool:
        """In the compact summary the charts are not on screen: say where they are."""
        if self.compact and self.open_pane != "trends":
            self._toast(f"{key} acts on the charts: press 3 to open the Trends pane, then {key}.")
            return True
        return False

    def action_caps_lock(self) -> None:
        """T, or any capital letter that is not a key: Caps Lock is likely on."""
        self._toast(
            "T does nothing: is Caps Lock on? With it on, W and C take water and coffee "
            "off. Turn it off, then t logs a twitch."
        )

    def action_next_chart(self) -> None:
        from ...widgets.trends import CHARTS

        if self._trends_hidden("v"):
            return
        pane = self.query_one(TrendsPane)
        names = list(CHARTS)
        pane.chart = names[(names.index(pane.chart) + 1) % len(names)]

    def action_next_range(self) -> None:
        if self.today is None or self._trends_hidden("n"):
            return
        from ...stats import RANGES

        current = self.today.settings.chart_days
        following = RANGES[(RANGES.index(current) + 1) % len(RANGES)] if current in RANGES else 30
        self.set_range(following)

    def set_range(self, days: int) -> None:
        """Show ``days`` days in the charts and remember it in the settings."""
        if self.today is not None:
            self.submit(ops.SaveSettings({"chart_days": days}), Mode.QUIET)

    def _theme_changed(self, theme) -> None:
        """A theme picked from the command palette is remembered in the settings."""
        if self.today is not None and self.today.settings.theme != theme.name:
            self.submit(ops.SaveSettings({"theme": theme.name}), Mode.QUIET)

    # ------------------------------------------------------------ saving

    def submit(self, op: Op, mode: Mode = Mode.DO) -> None:
        """Hand one change to the session, which saves changes in order."""
        self.session.submit(op, mode)

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
            and not self.session.busy
        )

    def _from_session(self, outcome: Outcome) -> None:
        """The session's writer thread: show the outcome on the event loop."""
        if outcome.damaged is not None:
            self._report_damaged(outcome.damaged)
        self.app.call_from_thread(self._applied, outcome)

    def _applied(self, outcome: Outcome) -> None:
        """Show what became of a change: the day as saved, a toast, the pending count."""
        self.pending = self.session.pending
        if outcome.status is Status.HELD:
            self._held(outcome.reason)
            return
        if outcome.status is Status.REJECTED:
            self._toast(outcome.message, severity="error", timeout=8)
            return
        if outcome.today is not None:
            self._set_today(outcome.today)
        op = outcome.op
        if isinstance(op, (ops.AddSelfCheck, ops.RemoveSelfCheck)):
            self.check_urgent()  # a self-check (or its undo) was saved: banner on or off now
        if outcome.mode is Mode.QUIET:  # a preference, not an entry: no toast
            self.refresh_trends()
            self.show_result(outcome)
            return
        if outcome.caught_up:
            self._warned = False
            self._toast("Everything that was waiting is now saved.", title="Saved")
        self._toast(outcome.message, timeout=3)
        self.show_result(outcome)

    def _held(self, reason: str) -> None:
        """A save the disk refused: try again in ``retry_seconds`` (no timer
        runs while nothing is held), and say so once."""
        self.set_timer(self.app.retry_seconds, self.session.retry)
        if self._warned:
            return
        self._warned = True
        self._toast(
            f"{reason}\nIt is kept here and retried every {self.app.retry_seconds:g} s.",
            title="Not saved yet",
            severity="warning",
            timeout=10,
        )

    def _toast(self, message: str, **kwargs) -> None:
        """Every notice of the dashboard goes through here; the app shows one
        toast at a time, the newest (``TwitchApp.notify``)."""
        self.notify(message, **kwargs)

    # ------------------------------------------------------------ twitches

    @property
    def on_past_day(self) -> bool:
        return self.today is not None and self.today.shown_day != self.today.day

    def action_log_twitch(self) -> None:
        if self.on_past_day:  # "now" is not on that day: ask for the time
            self.action_details()
            return
        self.submit(ops.LogTwitch(self.session.new_twitch(self.today)))

    @on(QuickLogPane.EditRequested)
    def _edit_requested(self, event: QuickLogPane.EditRequested) -> None:
        self.edit_twitch_form(event.twitch)

    @on(QuickLogPane.DeleteRequested)
    def _delete_requested(self, event: QuickLogPane.DeleteRequested) -> None:
        self.submit(ops.DeleteTwitch(event.twitch))

    def action_undo(self) -> None:
        if not self.session.undo():
            self._toast("Nothing to undo in this session.", timeout=3)

    def action_redo(self) -> None:
        if not self.session.redo():
            self._toast("Nothing to redo.", timeout=3)

    def action_shift_day(self, days: int) -> None:
        if self.today is None:
            return
        target = self.today.shown_day + timedelta(days=days)
        if target > self.today.day:
            self._toast("That day has not happened yet.", timeout=3)
            return
        self.shown_day = None if target == self.today.day else target
