"""The main screen: four panes, the keys of a day, and what each save says.

State flows down (``today`` and ``now`` are bound to the panes and services
with ``data_bind``); what happened flows up as Messages. Each key's binding is
here (``keys.py``: the Footer's order) and hands the press to what owns it:
the checklist pane, the compress timer, the form keys, the relief keys. The
diary watcher, the rebuild service and the damaged-file list are widgets
beside the panes that are not drawn. Every change goes to the diary
``Session`` (ordered saves, undo, redo); the screen shows what became of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.color import Color
from textual.containers import Grid
from textual.geometry import Size
from textual.reactive import var
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import Header, Static

from ... import ops
from ...model import Settings
from ...session import Mode, Outcome, Session, Status
from ...views import Today, who_to_call
from ...widgets.checklist import ChecklistPane
from ...widgets.compress_timer import CompressTimer
from ...widgets.footer import KeysFooter
from ...widgets.quick_log import QuickLogPane
from ...widgets.red_flags import RedFlagsPane
from ...widgets.trends import CHARTS, TrendsPane
from ..host import host
from ..rows import redraw_rows_only
from .answers import AnswerRecord
from .damage import DamagedFiles
from .forms import FormKeys
from .keys import KEYS
from .palette import DashboardCommands, palette_commands
from .rebuilds import RebuildService
from .relief import ReliefKeys
from .watcher import DiaryWatcher

if TYPE_CHECKING:
    # After the first frame: the rules, the charts' data, the relief bar (see rebuilds.py).
    from ...ops import Op
    from ...redflags import Contacts, Finding
    from ...stats import TrendData
    from ...widgets.relief_bar import ReliefView

COMPACT_BELOW = (100, 30)
"""Under this width or height the four panes give way to the compact summary
(keys 1-4 open one pane, Esc comes back)."""


def too_small(size: Size) -> bool:
    width, height = COMPACT_BELOW
    return size.width < width or size.height < height


class DashboardScreen(Screen[None]):
    """Four panes: quick log, checklist, trends and red flags.

    Over 300 lines because it routes every key of the dashboard (``KEYS``)
    to its owner, one short method each, and shows every save's outcome."""

    BINDINGS = KEYS  # keys.py: the Footer order and what each key does
    COMMANDS = {DashboardCommands}  # palette.py: every action and own habit, by name

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
    """Why the red flags could not be checked (a damaged file), or ""."""
    diary_empty: var[bool] = var(False)
    """No twitch is in the diary yet (the red flags' all-clear says so)."""
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
        redraw_rows_only(self)  # a running compress redraws its clock's row alone
        self.session = session
        self.store = session.store
        self.set_reactive(DashboardScreen.today, today)
        self.set_reactive(
            DashboardScreen.next_site, session.next_site_side(today) if today else None
        )
        self.set_reactive(DashboardScreen.now, today.now if today else None)
        self.set_reactive(DashboardScreen.diary_empty, today is not None and _blank(today))
        self._warned = False
        """The person was told that a save is held back (once per spell)."""
        self._answered = {"load": 0, "rebuild": 0}
        """The newest answer seen from the watcher's reads and the rebuilds."""
        self.answers = AnswerRecord()
        """The self-check answers the urgent path counts (read, and not read yet)."""
        self.forms = FormKeys(self)
        self.tried = ReliefKeys(self)
        self.watcher = DiaryWatcher(session)
        self.rebuilds = RebuildService(session)
        self.damaged = DamagedFiles(session)
        self.compress = CompressTimer(session)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="urgent-banner", markup=False)
        # The compact summary exists only once the terminal is small: composed
        # here when it starts small, else mounted the first time it shrinks
        # (``_show_compact``). A large terminal never loads, styles or draws it.
        if too_small(self.app.size):
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
            yield ChecklistPane(self.session, id="checklist").data_bind(
                DashboardScreen.today, DashboardScreen.findings
            )
            yield TrendsPane(id="trends").data_bind(
                data=DashboardScreen.trends, problem=DashboardScreen.trends_problem
            )
            yield RedFlagsPane(id="red-flags").data_bind(
                DashboardScreen.findings,
                DashboardScreen.now,
                problem=DashboardScreen.flags_problem,
                empty=DashboardScreen.diary_empty,
            )
        yield KeysFooter()
        yield self.watcher.data_bind(DashboardScreen.today)
        yield self.rebuilds.data_bind(DashboardScreen.today)
        yield self.damaged  # before any read: it hears of every damaged file

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_compress)
        self._show_compact()  # the terminal shrank before the screen was mounted
        self.session.listen(self._from_session)
        self.session.on_queued(self._queued)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.today is None:
            self.now = self.store.now()
            self.reload()
        else:
            # After the first frame (they must not slow it down), and at once:
            # the quiet second a rebuild waits for is for bursts of presses.
            self.call_after_refresh(self.rebuilds.rebuild)
        self.call_after_refresh(self.read_answers)
        if self.store.read_only:
            self.notify(
                f"{self.store.path} is read-only. You can look around; nothing you press "
                "will be saved.",
                title="Read-only diary",
                severity="warning",
                timeout=20,
            )

    def _mount_compress(self) -> None:
        """The compress timer is needed from the first f, not by the first
        frame (each widget mounted costs it time). Not on a closing app."""
        if self.is_attached and not self.compress.is_mounted:
            self.mount(self.compress.data_bind(DashboardScreen.today))

    def on_unmount(self) -> None:
        self.session.forget(self._from_session)
        self.session.forget_queued(self._queued)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first time, no second styling pass: every widget was styled as it
        mounted, a moment before (Textual restyles a resuming screen, for one
        coming back from under another; here that pass cost the first frame
        about 4% of its instructions). Later resumes restyle as usual."""
        if not self.stack_updates:  # (Textual counts each resume and suspend after this)
            event.refresh_styles = False

    # ------------------------------------------------------------ what the services found

    def reload(self) -> None:
        """Read the day shown again (in a worker)."""
        self.watcher.load(self.shown_day)

    def rebuild(self, findings: bool = True) -> None:
        """Rebuild the findings (unless not ``findings``) and the charts now."""
        self.rebuilds.rebuild(findings)

    def watch_shown_day(self, day: date | None) -> None:
        self.session.shown_day = day
        if self.is_mounted:
            self.reload()

    @on(DiaryWatcher.DiaryChanged)
    def _diary_changed(self, event: DiaryWatcher.DiaryChanged) -> None:
        self._answered["load"] = max(self._answered["load"], event.ticket)
        if event.today is not None:
            self._set_today(event.today)
            if not event.ticket:  # changed from outside (the shell, a sync tool)
                self.read_answers()

    @on(DiaryWatcher.DayRolledOver)
    def _day_rolled_over(self, event: DiaryWatcher.DayRolledOver) -> None:
        self._set_today(event.today)
        self.read_answers()

    @on(DiaryWatcher.AnswersChanged)
    def _answers_changed(self, event: DiaryWatcher.AnswersChanged) -> None:
        if event.first and not self.answers.has_read:
            self.read_answers()  # the start-up's own read and rebuild are on their way
            return
        if event.first and self.answers.as_read() == event.answers:
            return  # the watcher's first look: what start-up read already
        self.read_answers()
        self.rebuilds.schedule()  # the red-flags pane says why

    @on(DiaryWatcher.ConflictsMerged)
    def _conflicts_merged(self, event: DiaryWatcher.ConflictsMerged) -> None:
        for line in event.lines:
            self.notify(line, title="From the sync tool", timeout=10)

    @on(DiaryWatcher.MinutePassed)
    def _minute_passed(self, event: DiaryWatcher.MinutePassed) -> None:
        self.now = event.now
        self.tried.end_if_due(event.now)

    def on_app_focus(self) -> None:
        self.watcher.poll()  # after a laptop sleeps, timers lag: check the wall clock at once

    @on(RebuildService.FindingsBuilt)
    def _findings_built(self, event: RebuildService.FindingsBuilt) -> None:
        self.flags_problem = event.problem
        self.findings = event.findings
        if event.findings is not None:
            if self.answers.waiting:  # the findings were built without them
                self.show_urgent(self.urgent_finding())
                self.read_answers()  # and with what else the findings saw
            elif self.answers.has_read:
                # The banner follows the urgent reads, which are ordered: these
                # findings may come from a read of the disk before the last save.
                self.show_urgent(self.urgent_finding())
            else:
                self.show_urgent(next((f for f in event.findings if f.urgent), None))

    @on(RebuildService.TrendsBuilt)
    def _trends_built(self, event: RebuildService.TrendsBuilt) -> None:
        self._answered["rebuild"] = max(self._answered["rebuild"], event.ticket)
        if event.problem is not None:
            self.trends_problem = event.problem
        if event.trends is not None:
            self.trends = event.trends

    @on(RebuildService.UrgentRead)
    def _urgent_read(self, event: RebuildService.UrgentRead) -> None:
        if self.answers.read(event.ticket, event.logs):  # else a later read answered first
            self.show_urgent(self.urgent_finding() if self.answers.waiting else event.finding)
            self._update_empty()  # an answer on another day is not "nothing to check"

    def _queued(self, op: Op, mode: Mode) -> None:
        """The session queued ``op``: an answer (a form's save, a redo)
        counts from now, before it is saved."""
        if isinstance(op, ops.RemoveSelfCheck):
            self.answers.undo_queued(op.id)  # it takes back what was queued before it
            if op.restores is not None:  # a redo: the answer withdrawn counts again at once
                self.answers.unwithdraw(op.id)
                self.show_urgent(self.urgent_finding())
        if isinstance(op, ops.WithdrawSelfCheck):
            self.answers.undo_queued(op.check.id)  # as an undo: the withdrawal comes with a read
        if isinstance(op, ops.AddSelfCheck):
            self.answers.queued(op.day, op.check)
            if mode is not Mode.DO:  # a redo: the banner at once (a form's save shows its own)
                self.show_urgent(self.urgent_finding())

    def read_answers(self) -> None:
        """Read the self-check answers again (in a worker): the banner follows."""
        self.rebuilds.check_urgent(self.answers.ticket())

    @on(DamagedFiles.SetAside)
    def _set_aside(self) -> None:
        self.reload()
        self.rebuild()
        self.read_answers()

    @on(CompressTimer.Changed)
    def _compress_changed(self, event: CompressTimer.Changed) -> None:
        running = event.view is not None
        if running != (self.relief is not None):
            self.refresh_bindings()  # Space: shown only while a compress runs
        self.relief = event.view

    def _set_today(self, today: Today) -> None:
        self.next_site = self.session.next_site_side(today)
        self.today = today
        self.now = today.now
        self._update_empty()
        past = today.shown_day != today.day
        self.sub_title = f"showing {today.shown_day:%a %d %b} · ] back to today" if past else None
        if (
            self.app.theme != today.settings.theme
            and today.settings.theme in self.app.available_themes
        ):
            self.app.theme = today.settings.theme

    def _update_empty(self) -> None:
        """Whether the red flags say there is nothing to check: no twitch, and
        no self-check on the day shown nor among the answers read."""
        today = self.today
        self.diary_empty = today is not None and _blank(today) and not self.answers.logs()

    def watch_today(self, old: Today | None, new: Today | None) -> None:
        if new is None:
            return
        if old is None or old.fingerprint != new.fingerprint or old.day != new.day:
            self.rebuilds.schedule()

    @property
    def is_settled(self) -> bool:
        """Nothing queued, scheduled or being rebuilt (tests wait for this).
        Never true of a screen whose panes are not (or no longer) mounted."""
        trends = self.query(TrendsPane)
        return (
            self.today is not None
            and self.rebuilds.tickets > 0
            and self._answered["rebuild"] == self.rebuilds.tickets
            and self._answered["load"] == self.watcher.tickets
            and self.rebuilds.idle
            and bool(trends)
            and trends.first().is_drawn
            and not self.session.busy
        )

    # ------------------------------------------------------------ what the key handlers read

    @property
    def who(self) -> Contacts:
        """Who the urgent advice says to call (the settings, then the locale)."""
        return who_to_call(self.today.settings if self.today else Settings())

    def urgent_finding(self) -> Finding | None:
        """The banner's finding from every answer counted (``answers``),
        including those the diary does not hold yet."""
        from ...redflags import open_urgent  # the rules load after the first frame

        start = self.today.settings.day_start_hour if self.today else 0
        return open_urgent(self.answers.logs(), self.store.now(), start, self.who)

    @property
    def checklist(self) -> ChecklistPane:
        return self.query_one(ChecklistPane)

    def show_day(self, day: date | None) -> None:
        self.shown_day = day

    def show_urgent(self, finding: Finding | None) -> None:
        """The banner for the most serious open urgent answer, or none."""
        if finding is None:
            self.urgent = ""
        elif finding.tier == "emergency":
            self.urgent = (
                f"EMERGENCY: call {self.who.call} now, even if it passed. "
                "4: why · k: seen by a clinician"
            )
        else:
            self.urgent = (
                f"SAME DAY: see a doctor today; {self.who.same_day}. "
                "4: why · k: seen by a clinician"
            )

    def watch_urgent(self, text: str) -> None:
        for banner in self.query("#urgent-banner").results(Static):  # none once torn down
            banner.update(text)
            banner.set_class(bool(text), "-shown")

    # ------------------------------------------------------------ layout

    def _compact_summary(self) -> Widget:
        # A large terminal never needs it (about 9 ms; test_import_hygiene).
        from ...widgets.compact import CompactSummary

        return CompactSummary(id="compact").data_bind(
            DashboardScreen.today,
            DashboardScreen.now,
            DashboardScreen.findings,
            DashboardScreen.relief,
            problem=DashboardScreen.flags_problem,
        )

    def on_resize(self, event: events.Resize) -> None:
        self.compact = too_small(event.size)

    def _show_compact(self) -> None:
        """Mount the compact summary the first time the terminal is small. Not
        before the screen is mounted, nor while the app is closing."""
        if self.compact and self.is_mounted and self.is_attached and not self.query("#compact"):
            self.mount(self._compact_summary(), before="#panes")

    def watch_compact(self, compact: bool) -> None:
        self._show_compact()
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "summary":  # Esc: only while a compact layout shows one pane
            return bool(self.compact and self.open_pane)
        if action == "pause_timer":  # Space: shown only while a compress runs
            return self.compress.running
        return True

    def _trends_hidden(self, key: str) -> bool:
        """In the compact summary the charts are not on screen: say where they are."""
        if self.compact and self.open_pane != "trends":
            self.notify(f"{key} acts on the charts: press 3 to open the Trends pane, then {key}.")
            return True
        return False

    # ------------------------------------------------------------ saving

    def submit(self, op: Op, mode: Mode = Mode.DO) -> None:
        """Hand one change to the session, which saves changes in order."""
        self.session.submit(op, mode)

    def _from_session(self, outcome: Outcome) -> None:
        """The session's writer thread: show the outcome on the event loop."""
        self.app.call_from_thread(self._applied, outcome)

    def _applied(self, outcome: Outcome) -> None:
        """Show what became of a change: the day as saved, a toast, the pending count."""
        if not self.is_attached:
            return  # a save that finished as this screen closed (the demo replaced it)
        self.pending = self.session.pending
        if outcome.status is Status.HELD:
            self._held(outcome.reason)
            return
        op = outcome.op
        if outcome.status is Status.REJECTED:
            # An answer the diary refused (a read-only file) still counts
            # in this session: the signs the person reported are real (a
            # visit among them closes nothing, since it is not saved).
            if isinstance(op, ops.AddSelfCheck):
                self.answers.refused(op.check.id)
            if isinstance(op, ops.RemoveSelfCheck):
                self.answers.dropped(op.id, saved=False)  # the answer stays
                if op.restores is not None:
                    self.answers.withdrawal_kept(op.id)
            if isinstance(op, ops.WithdrawSelfCheck):
                self.answers.dropped(op.check.id, saved=False)
            self.notify(outcome.message, severity="error", timeout=8)
            return
        if outcome.today is not None:
            self._set_today(outcome.today)
        if isinstance(op, ops.AddSelfCheck):
            self.answers.landed(op.check.id)  # the read asked for next holds it
        if isinstance(op, ops.RemoveSelfCheck):
            self.answers.dropped(op.id)  # undone: no longer counted
        if isinstance(op, ops.WithdrawSelfCheck):
            self.answers.dropped(op.check.id)  # the read asked for next holds the withdrawal
        if isinstance(op, (ops.AddSelfCheck, ops.RemoveSelfCheck, ops.WithdrawSelfCheck)):
            self.read_answers()  # a self-check (or its undo): banner on or off now
            # The red-flags pane too, not after the pause a burst of keys waits
            # for: the checklist said "see Red flags" while it still said nothing.
            self.rebuild()
        if outcome.mode is Mode.QUIET:  # a preference, not an entry: no toast
            self.rebuild(findings=False)
            self.tried.show_result(outcome)
            return
        if outcome.caught_up:
            self._warned = False
            self.notify("Everything that was waiting is now saved.", title="Saved")
        self.notify(outcome.message, timeout=3)
        self.tried.show_result(outcome)

    def _held(self, reason: str) -> None:
        """A save the disk refused: try again in ``retry_seconds`` (no timer
        runs while nothing is held), and say so once."""
        retry = host(self).retry_seconds
        self.set_timer(retry, self.session.retry)
        if self._warned:
            return
        self._warned = True
        self.notify(
            f"{reason}\nIt is kept here and retried every {retry:g} s.",
            title="Not saved yet",
            severity="warning",
            timeout=10,
        )

    def on_descendant_focus(self) -> None:
        self.show_focused_pane()

    def on_descendant_blur(self) -> None:
        self.show_focused_pane()

    def show_focused_pane(self) -> None:
        """The pane holding the focus has the theme's accent border, the
        others the border app.tcss gives them. Set on each pane's own style,
        not by a ``:focus-within`` rule: for that, Textual restyles the whole
        subtree of the pane focus leaves and of the one it enters, and each
        move between panes cost a few MiB of peak memory (the RSS of a
        day's use grew by 3-4 MiB from pressing 3 and 4 alone)."""
        grid = self.query("#panes")
        panes = grid.first().children if grid else ()
        chain = self.focused.ancestors_with_self if self.focused else ()
        active = next((w for w in chain if w in panes), None)
        # theme_variables is what Textual last generated for the theme; calling
        # get_css_variables() here would build the whole colour system again
        # on every move of the focus, the first one before the first frame.
        variables = self.app.theme_variables or self.app.get_css_variables()
        accent = Color.parse(variables["accent"])
        for pane in panes:
            if pane is active:
                if pane.styles.border_top != ("round", accent):
                    pane.styles.border = ("round", accent)
            elif pane.styles.inline.has_rule("border_top"):
                for edge in ("top", "right", "bottom", "left"):
                    pane.styles.clear_rule(f"border_{edge}")
                pane.refresh()

    def _theme_changed(self, theme: Theme) -> None:
        """A theme picked from the command palette is remembered in the settings."""
        self.call_after_refresh(self.show_focused_pane)  # the new theme's accent
        if self.today is not None and self.today.settings.theme != theme.name:
            self.submit(ops.SaveSettings({"theme": theme.name}), Mode.QUIET)

    def stop_relief_for_quit(self) -> bool:
        """Quitting: keep a running compress as stopped early."""
        return self.compress.stop_for_quit()

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Command-palette entries for every action on this screen."""
        return palette_commands(
            list(Binding.make_bindings(KEYS)),
            self.run_action,
            self.query(QuickLogPane),
            self.today.settings.habits if self.today else (),
            self.checklist.tick_habit,
            self.damaged.show if self.damaged.any else None,
        )

    # ------------------------------------------------------------ keys

    @on(QuickLogPane.EditRequested)
    def _edit_requested(self, event: QuickLogPane.EditRequested) -> None:
        self.forms.edit_twitch(event.twitch)

    @on(QuickLogPane.DeleteRequested)
    def _delete_requested(self, event: QuickLogPane.DeleteRequested) -> None:
        self.submit(ops.DeleteTwitch(event.twitch))

    def action_log_twitch(self) -> None:
        if self.forms.on_past_day:  # "now" is not on that day: ask for the time
            self.forms.details()
            return
        self.submit(ops.LogTwitch(self.session.new_twitch(self.today)))

    def action_undo(self) -> None:
        step = self.session.next_undo()
        if isinstance(step, ops.WithdrawSelfCheck):
            self._ask_to_withdraw(step)
            return
        if not self.session.undo():
            self.notify("Nothing to undo in this session.", timeout=3)

    def _ask_to_withdraw(self, step: ops.WithdrawSelfCheck) -> None:
        """An answer with a sign is not undone without asking: it stays in the
        diary either way, and a withdrawal only says it was a mistake."""
        from ...model import SHORT
        from ..confirm import CarefulConfirmScreen

        check = step.check
        signs = ", ".join(SHORT[k] for k in check.signs)
        if check.seen:
            signs += ", and that a clinician saw you (withdrawn with it)"
        # An answer about a past day has no time of its own (its day's end is the app's).
        at = "" if check.timeless else f" at {check.at:%H:%M}"
        question = (
            f"The self-check{at} on {step.day:%a %d %b} recorded: {signs}.\n\n"
            "Undo withdraws it as entered by mistake: it stays in the diary and the report, "
            "marked withdrawn, and the red flags stop counting it.\n\n"
            "If the sign was real, keep it, even if it has passed."
        )

        def answered(withdraw: bool | None) -> None:
            if withdraw:
                self.session.undo()
            elif self.session.drop_undo(step):
                self.notify(
                    "Kept the self-check. Undo now goes on to the step before it.", timeout=5
                )

        self.app.push_screen(CarefulConfirmScreen(question, "Withdraw it", no="Keep it"), answered)

    def action_redo(self) -> None:
        if not self.session.redo():
            self.notify("Nothing to redo.", timeout=3)

    def action_shift_day(self, days: int) -> None:
        if self.today is None:
            return
        target = self.today.shown_day + timedelta(days=days)
        if target > self.today.day:
            self.notify("That day has not happened yet.", timeout=3)
            return
        self.shown_day = None if target == self.today.day else target

    def action_caps_lock(self) -> None:
        """T, or any capital letter that is not a key: Caps Lock is likely on."""
        self.notify(
            "T does nothing: is Caps Lock on? With it on, W and C take water and coffee "
            "off. Turn it off, then t logs a twitch."
        )

    def action_next_chart(self) -> None:
        if self._trends_hidden("v"):
            return
        pane = self.query_one(TrendsPane)
        names = list(CHARTS)
        pane.chart = names[(names.index(pane.chart) + 1) % len(names)]

    def action_next_range(self) -> None:
        if self.today is None or self._trends_hidden("n"):
            return
        from ...stats import RANGES  # the charts' data: after the first frame (see above)

        current = self.today.settings.chart_days
        following = RANGES[(RANGES.index(current) + 1) % len(RANGES)] if current in RANGES else 30
        self.submit(ops.SaveSettings({"chart_days": following}), Mode.QUIET)

    def action_timer_idle(self) -> None:
        """Space while no compress runs: say why nothing happened."""
        self.notify("Space pauses a running warm compress, and none is running: f starts one.")

    # Each of these hands the key to the object that owns what it does.
    def action_water(self, glasses: int) -> None:
        self.checklist.water(glasses)

    def action_electrolytes(self) -> None:
        self.checklist.electrolytes()

    def action_snack(self) -> None:
        self.checklist.snack()

    def action_coffee(self) -> None:
        self.checklist.coffee()

    def action_no_coffee(self) -> None:
        self.checklist.no_coffee()

    def action_coffee_remove(self) -> None:
        self.checklist.coffee_remove()

    def action_quiet(self) -> None:
        self.checklist.quiet()

    def action_compress(self) -> None:
        self.compress.toggle()

    def action_pause_timer(self) -> None:
        self.compress.pause()

    def action_relax(self) -> None:
        self.tried.relax()

    def action_pause(self) -> None:
        self.tried.pause()

    def action_experiment(self) -> None:
        self.tried.experiment()

    def action_details(self) -> None:
        self.forms.details()

    def action_checkin(self) -> None:
        self.forms.checkin()

    def action_selfcheck(self) -> None:
        self.forms.selfcheck()

    def action_bedtime(self) -> None:
        self.forms.bedtime()

    def action_habits(self) -> None:
        self.forms.habits()

    def action_medicines(self) -> None:
        self.forms.medicines()

    def action_settings(self) -> None:
        self.forms.settings()

    def action_report(self) -> None:
        self.forms.report()

    def action_calendar(self) -> None:
        self.forms.calendar()

    def action_damaged(self) -> None:
        """What the palette's "Damaged file" runs."""
        self.damaged.show()


def _blank(today: Today) -> bool:
    """No twitch in the diary, and no self-check on the day shown: the red
    flags then say there is nothing to check (with an answer given, that
    read as if it had been ignored)."""
    return today.last is None and not today.shown_log.checks
