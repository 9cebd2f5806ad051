"""The Textual app: opens the diary, shows the dashboard, holds global keys."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from time import monotonic as time_monotonic
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from .model import Clock, Settings, local_now, parse_hhmm
from .screens.dashboard import DashboardScreen
from .screens.host import KeepsRelief, keeps_clear
from .session import Mode, Session
from .store import DiaryDamaged, Store, StoreError
from .views import Today, load_today, who_to_call
from .widgets.toasts import clear_toasts, show_in_place


class TwitchApp(App[None]):
    """twitchtui: a lip-twitch diary that stays open all day."""

    CSS_PATH = "app.tcss"
    TITLE = "twitchtui"
    SUB_TITLE = "twitch diary"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help"),
    ]

    def __init__(
        self,
        db_path: Path,
        *,
        now: Clock = local_now,
        poll_seconds: float = 1.0,
        rebuild_seconds: float = 1.0,
        retry_seconds: float = 3.0,
        first_run: bool = True,
        welcome: bool = False,
        preloaded: tuple[Store, Today] | None = None,
        on_ready: Callable[[], None] | None = None,
        monotonic: Callable[[], float] = time_monotonic,
    ) -> None:
        super().__init__()
        self.monotonic = monotonic
        """The clock the relief timers keep time by (tests pass one they move)."""
        self._on_ready = on_ready
        self._preloaded = preloaded
        self.db_path = db_path
        self.first_run = first_run
        """Greet a new user when this start created the diary."""
        self.welcome = welcome
        """Show the welcome page even though the diary exists (--welcome)."""
        self.now = now
        self.poll_seconds = poll_seconds
        self.rebuild_seconds = rebuild_seconds
        """Quiet time after a change before the findings and charts are rebuilt."""
        self.retry_seconds = retry_seconds
        self.store: Store | None = None
        self.session: Session | None = None
        """The open diary's session: every save goes through it."""
        self._quit_warned = False
        self._held_notices: list[tuple[str, str, SeverityLevel, float | None]] = []
        """Notices that came while the urgent advice or the self-check was up."""

    def get_default_screen(self) -> Screen[Any]:
        """With the diary already read, start straight on the dashboard."""
        if self._preloaded is None:
            return super().get_default_screen()
        store, today = self._preloaded
        return DashboardScreen(self._use(store, today), today)

    def _use(self, store: Store, today: Today) -> Session:
        """Adopt an opened diary, and the theme saved in it; start its session."""
        self.store = store
        self.session = Session(store, run=self._write_in_thread)
        if today.settings.theme in self.available_themes:
            self.theme = today.settings.theme
        if store.read_only:
            self.sub_title = "read-only diary: nothing can be saved"
        return self.session

    def _write_in_thread(self, drain: Callable[[], None]) -> None:
        """Where the session saves: one worker thread at a time, off the event loop."""
        self.run_worker(drain, thread=True, group="writer", name="save")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notice, from any screen, is plain text: many quote what the
        person typed (a food, a habit, a note), and "[/x]" there is not markup.

        While the urgent advice or the self-check is on screen, no notice
        covers it: notices wait and are shown once it closes. At most one
        toast shows at a time, the newest: stacked toasts hid the Red flags
        pane."""
        if keeps_clear(self.screen):
            self._held_notices.append((message, title, severity, timeout))
            return
        if show_in_place(self, message, title, severity, timeout):
            return
        clear_toasts(self)  # with their holders (Textual's own leaves one behind each)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_notices_may_show(self) -> None:
        """The urgent advice or the self-check closed: show the newest notice
        that waited, unless another such screen is still on top (or the app
        is closing: a form closed as it quit leaves no screen to show it on)."""
        if not self._held_notices or not self.screen_stack or keeps_clear(self.screen):
            return
        held, self._held_notices = self._held_notices, []
        for message, title, severity, timeout in held[-1:]:  # the newest says enough
            self.notify(message, title=title, severity=severity, timeout=timeout)

    def on_ready(self) -> None:
        """The first frame is on the screen."""
        if self._on_ready is not None:
            self._on_ready()

    def on_mount(self) -> None:
        if self.store is None:
            self.open_diary()
            return
        self._say_merged(self.store)
        if self._greet(self.store):  # read before start-up
            self._welcome()

    def _say_merged(self, store: Store) -> None:
        """What opening the diary merged from a sync tool's conflict copies."""
        for line in store.merged:
            self.notify(line, title="From the sync tool", timeout=10)

    def _greet(self, store: Store) -> bool:
        """Show the welcome: asked for (--welcome), or the dashboard created
        the diary, now or on a run that closed before the welcome was answered."""
        if self.welcome:
            return True
        return self.first_run and (store.created or store.settings().welcome_pending)

    @work(thread=True, exclusive=True, group="open")
    def open_diary(self, set_aside: Path | None = None) -> None:
        """Open the diary off the event loop, then show the dashboard or the problem."""
        try:
            if set_aside is not None:
                moved = Store(self.db_path, now=self.now).set_aside(set_aside)
                self.call_from_thread(
                    self.notify, f"The damaged file was kept as {moved}.", timeout=15
                )
            store = Store.open(self.db_path, now=self.now)
            # Load the day here too, so the dashboard's first frame already shows it.
            today = load_today(store)
        except DiaryDamaged as exc:
            ours = Store(self.db_path, now=self.now).may_set_aside(exc.path)
            self.call_from_thread(self._show_damaged, exc, ours)
            return
        except StoreError as exc:
            self.call_from_thread(self._show_fatal, str(exc))
            return
        self.call_from_thread(self._show_dashboard, store, today)

    def _show_dashboard(self, store: Store, today: Today) -> None:
        self.push_screen(DashboardScreen(self._use(store, today), today))
        self._say_merged(store)
        if self._greet(store):
            self._welcome()

    def _welcome(self) -> None:
        # Only a first run shows it: the operations (about 35 ms with the
        # store's writer, never before the first frame; test_import_hygiene)
        # and the page itself (3 ms) load then.
        from .ops import SaveSettings
        from .screens.welcome import WelcomeScreen  # first run only: not before the first frame

        self.welcome = False  # once: not again on the demo it may open
        session = self.session
        pending = session is not None and session.store.settings().welcome_pending
        if session is not None and session.store.created and not pending:
            # Until it is answered: closing the app now brings it back next time.
            session.submit(SaveSettings({"welcome_pending": True}), Mode.QUIET)

        def chosen(answer: tuple[str, str, str] | None) -> None:
            if session is not None:  # completed or skipped: never again by itself
                session.submit(SaveSettings({"welcome_pending": False}), Mode.QUIET)
            if answer is None:
                return
            choice, typed, number = answer
            bedtime = parse_hhmm("bedtime", typed) if typed else None
            values: dict[str, object] = {"usual_bedtime": bedtime} if bedtime else {}
            if number:
                values["emergency_number"] = number
            if choice == "demo":
                self.open_demo(values)
            elif values and self.session is not None:
                self.session.submit(SaveSettings(values), Mode.QUIET)

        number = who_to_call(self.store.settings() if self.store else Settings()).emergency
        self.push_screen(WelcomeScreen(self.db_path, number), chosen)

    @work(thread=True, exclusive=True, group="open")
    def open_demo(self, welcome: dict[str, Any] | None = None) -> None:
        """Switch to a temporary sample diary. The real one is left as it is,
        except for what was typed on the welcome page (the bedtime and the
        emergency number), which is saved in both, so neither forgets it."""
        from .store.demo_file import temporary_demo_diary  # the demo only: about 8 ms

        welcome = welcome or {}
        if welcome and self.session is not None:
            typed = partial(replace, **welcome)
            try:
                self.session.write(lambda store: store.update_settings(typed))
            except StoreError as exc:
                self.call_from_thread(self.notify, str(exc), severity="error", timeout=10)
        path = temporary_demo_diary(
            self.now(),
            bedtime=welcome.get("usual_bedtime"),
            emergency_number=welcome.get("emergency_number", ""),
        )
        self.call_from_thread(self._switch_to, path)

    def _switch_to(self, path: Path) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.db_path = path
        self.sub_title = "demo diary (thrown away on exit)"
        self.open_diary()

    def _show_damaged(self, exc: DiaryDamaged, ours: bool = True) -> None:
        # Screens shown only on a problem or a key load then, not before the
        # first frame (the damaged-file screen and help, about 3 ms together).
        from .screens.damaged import DamagedScreen

        def chosen(set_aside: bool | None) -> None:
            if not set_aside:
                self.exit(return_code=1, message=f"{exc.path} {exc.reason}. It was left untouched.")
                return
            self.open_diary(exc.path)

        if ours:
            screen = DamagedScreen(exc.path, exc.reason)
        else:
            screen = DamagedScreen(
                exc.path,
                exc.reason,
                can_set_aside=False,
                title="This is not a twitchtui diary",
                advice="It was left exactly as it is. Start twitchtui with --db and "
                "another file name, or without --db for the usual diary.",
            )
        self.push_screen(screen, chosen)

    def _show_fatal(self, message: str) -> None:
        """A problem that only the person can fix: say it on screen, change nothing."""
        from .screens.damaged import DamagedScreen  # see _show_damaged

        def chosen(_: bool | None) -> None:
            self.exit(return_code=1, message=message)

        title = "twitchtui cannot open this diary"
        advice = "Nothing was changed. Press Enter or Esc to quit."
        self.push_screen(
            DamagedScreen(self.db_path, message, can_set_aside=False, title=title, advice=advice),
            chosen,
        )

    async def action_quit(self) -> None:
        if self.session is not None and self._save_relief_in_progress():
            # A timer stopped by quitting is kept as stopped early: wait (briefly) for it.
            for _ in range(200):
                if not self.session.unsaved:
                    break
                await asyncio.sleep(0.01)
        pending = self.session.unsaved if self.session is not None else 0
        if pending and not self._quit_warned:
            self._quit_warned = True
            self.notify(
                "An entry is still waiting to be saved. Press q again to quit without it.",
                severity="warning",
            )
            return
        self.exit()

    def _save_relief_in_progress(self) -> bool:
        """Stop every running relief timer (the dashboard's compress, a face
        relaxation) and save it as stopped early; whether any was running."""
        stopped = False
        for screen in self.screen_stack:
            if isinstance(screen, KeepsRelief) and screen.stop_relief_for_quit():
                stopped = True
        return stopped

    def action_help(self) -> None:
        from .screens.help import HelpScreen  # see _show_damaged

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key, generated from the bindings", self.action_help)
