"""The dashboard stays open all day: what a key press builds is let go again,
and the Footer's keys are in the first frame and redrawn only when they change."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast, ToastHolder, ToastRack

from twitchtui.app import TwitchApp
from twitchtui.model import Twitch, local_now
from twitchtui.session import UNDO_LIMIT
from twitchtui.store import Store
from twitchtui.widgets.footer import KeysFooter, key_width

from .conftest import Clock, run_to_first_frame
from .test_app import dashboard, make_app, settle


def alive(kind: type, before: weakref.WeakSet[object] | None = None) -> int:
    """How many ``kind`` are alive, leaving out those in ``before`` (made
    before the test: an earlier test's app may be held a while by a thread
    worker's finished task, with all its widgets)."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is kind and not (before and o in before))


def existing(kind: type) -> weakref.WeakSet[object]:
    gc.collect()
    return weakref.WeakSet(o for o in gc.get_objects() if type(o) is kind)


def count_made(monkeypatch: pytest.MonkeyPatch, kind: type) -> list[int]:
    """``[n]``: how many ``kind`` have been made since (its ``__init__`` counted)."""
    made = [0]
    init = kind.__init__

    def counted(self: object, *args: object, **kwargs: object) -> None:
        made[0] += 1
        init(self, *args, **kwargs)

    monkeypatch.setattr(kind, "__init__", counted)
    return made


async def test_pane_keys_leave_no_footer_keys_behind(db_path: Path, clock: Clock) -> None:
    """Textual kept every FooterKey ever composed (bound to the Footer's
    ``compact``, a watcher it forgets only when ``compact`` changes)."""
    before = existing(FooterKey)
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = dashboard(app).query_one(KeysFooter)
        for _ in range(10):
            for key in "1234":  # each focus move refreshes the bindings
                await pilot.press(key)
                await pilot.pause()
        await settle(pilot)
        shown = len(footer.query(FooterKey))
        assert footer.recomposed > 2  # the keys did change (Enter and x in the day's list)
        # The last key removed may sit in a layout cache: one, whatever the presses.
        assert shown <= alive(FooterKey, before) <= shown + 1
        watchers = getattr(footer, "__watchers", {})
        assert all(len(bound) <= shown for bound in watchers.values())


async def test_pane_keys_update_the_footer_keys_in_place(
    db_path: Path, clock: Clock, monkeypatch
) -> None:
    """A focus move changes a few of the keys: the keys mounted take the new
    text, and only the difference in number is mounted or removed. Making
    and mounting every key again, each time, grew the process by about
    10 MiB over 300 pane keys, though none was kept."""
    made = count_made(monkeypatch, FooterKey)
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = dashboard(app).query_one(KeysFooter)
        before, shown = footer.recomposed, made[0]
        for _ in range(5):
            for key in "1234":
                await pilot.press(key)
                await pilot.pause()
        await settle(pilot)
        assert footer.recomposed - before >= 5  # the keys did change
        assert made[0] - shown <= 10, made[0] - shown  # not 18 keys a change
        for key in "12341":  # the keys in place are the keys a compose makes
            await pilot.press(key)
            await settle(pilot)
            updated = shown_keys(footer)
            footer._update_keys = composed  # type: ignore[method-assign]
            footer._shown = None
            footer.call_later(footer.recompose)  # in full, in the Footer's own turn
            await settle(pilot)
            del footer._update_keys
            assert updated == shown_keys(footer)


async def test_a_burst_of_pane_keys_composes_no_key_again(
    db_path: Path, clock: Clock, monkeypatch
) -> None:
    """Keys pressed faster than the Footer redraws queue a recompose each;
    by the later ones the keys shown are already the new ones. Each of those
    composed all eighteen keys again (about 3 ms and their styles and caches
    each), and the process grew by about 4 MiB over 300 pane keys in tmux."""
    made = count_made(monkeypatch, FooterKey)
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = dashboard(app).query_one(KeysFooter)
        full = [0]
        compose = footer.compose

        def counted() -> object:
            full[0] += 1
            return compose()

        footer.compose = counted  # type: ignore[method-assign]
        shown = made[0]
        for _ in range(5):
            for key in "1234":
                await pilot.press(key)  # no pause: the next comes before the redraw
                footer.call_later(footer.recompose)  # as a second queued refresh does
        await settle(pilot)
        assert full[0] == 0, full[0]
        assert made[0] - shown <= 10, made[0] - shown
        del footer.compose  # the keys shown are the keys a compose makes
        updated = shown_keys(footer)
        footer._update_keys = composed  # type: ignore[method-assign]
        footer._shown = None
        footer.call_later(footer.recompose)
        await settle(pilot)
        assert updated == shown_keys(footer)


async def composed() -> bool:
    return False  # KeysFooter._update_keys declining: the keys are composed in full


def shown_keys(footer: KeysFooter) -> list[tuple[object, ...]]:
    return [
        (k.key, k.key_display, k.description, k.action, k._disabled, k.tooltip, sorted(k.classes))
        for k in footer.query(FooterKey)
    ]


async def test_the_footer_is_not_recomposed_when_its_keys_stay_the_same(
    db_path: Path, clock: Clock
) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        footer = screen.query_one(KeysFooter)
        before = footer.recomposed
        for _ in range(5):
            screen.refresh_bindings()
            await pilot.pause()
        await settle(pilot)
        assert footer.recomposed == before
        assert footer.query(FooterKey)


async def test_a_notice_shown_over_the_last_leaves_no_toast_behind(
    db_path: Path, clock: Clock
) -> None:
    """Each notice takes the last one's toast down early (one at a time):
    Textual left the toast's holder mounted, and the toast with it, for
    every ``t`` and ``u`` of the day (``run_test`` shows no toasts unless asked)."""
    toasts, holders = existing(Toast), existing(ToastHolder)
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        rack = app.screen.get_child_by_type(ToastRack)
        for press in range(12):
            await pilot.press("tu"[press % 2])
            await settle(pilot)
            assert rack.query(Toast)  # the toast was up before the next notice
        await pilot.pause(3.5)  # the toasts' own timers (3 s) have run out
        assert not rack.children
        # A layout cache's, at most.
        assert alive(Toast, toasts) <= 1 and alive(ToastHolder, holders) <= 1


async def test_a_notice_over_the_last_is_written_into_its_toast(
    db_path: Path, clock: Clock, monkeypatch
) -> None:
    """One toast for a run of notices of one kind: each is written into the
    toast already up, which then stays its own full time from that notice.
    A notice of another severity gets a toast of its own colour."""
    made = count_made(monkeypatch, Toast)
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        rack = app.screen.get_child_by_type(ToastRack)
        for press in range(12):
            await pilot.press("tu"[press % 2])
            await settle(pilot)
        toasts = list(rack.query(Toast))
        assert made[0] == 1 and len(toasts) == 1
        shown = toasts[0]._notification
        assert list(app._notifications) == [shown]
        assert str(toasts[0].render()) == shown.message != ""
        assert shown.time_left > shown.timeout - 1  # timed from the last notice
        running = [t for t in toasts[0]._timers if t._task is not None]
        assert len(running) == 1  # the first notice's timer was stopped
        app.notify("Something else went wrong", severity="error")
        await settle(pilot)
        assert made[0] == 2
        assert [t._notification.severity for t in rack.query(Toast)] == ["error"]


async def test_a_notice_after_a_screen_came_and_went_is_on_every_toast(
    db_path: Path, clock: Clock
) -> None:
    """A screen shown over a toast gets a toast of its own for the notice. The
    next notice then takes both down and shows anew: written into the top
    one alone, the dashboard's would come back with the old text, and its
    old timer would take the new notice away early."""
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("question_mark")  # the help screen, over the toast
        await settle(pilot)
        app.notify("The second notice")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        shown = [
            toast._notification.message
            for screen in app.screen_stack
            for toast in screen.query(Toast)
        ]
        assert shown and set(shown) == {"The second notice"}
        assert [n.message for n in app._notifications] == ["The second notice"]


async def test_presses_of_t_and_undo_keep_the_undo_stack_bounded(
    db_path: Path, clock: Clock, monkeypatch
) -> None:
    """The undo stack holds the latest UNDO_LIMIT changes; the entries table
    holds the day's rows, never the rows of earlier presses."""
    monkeypatch.setattr("twitchtui.session.UNDO_LIMIT", 5)
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        for _ in range(8):
            await pilot.press("t")
            await settle(pilot)
        assert len(screen.session._undo) == 5
        table = screen.query_one("#entries")
        assert table.row_count == 8  # type: ignore[attr-defined]
        for _ in range(3):
            await pilot.press("u")
            await settle(pilot)
        assert table.row_count == 5  # type: ignore[attr-defined]
        assert len(table._data) == 5  # type: ignore[attr-defined]
    assert UNDO_LIMIT == 200


def test_the_footer_has_its_keys_and_the_entries_in_the_first_frame(db_path: Path) -> None:
    """The complete first screen is the first frame: the Footer's keys (with
    its palette hint) and the day's entries table, not a few hundred ms later."""
    Store.open(db_path).log_twitch(Twitch(at=local_now()))  # the process runs on the real clock
    done = run_to_first_frame(
        db_path,
        'len(screen.query("FooterKey.-command-palette")), len(screen.query("FooterKey")) > 5, '
        'screen.query_one("#entries").row_count, len(screen.today.shown_twitches)',
        size=(120, 40),
    )
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr, done.stderr
    palette, keys, rows, twitches = done.stdout.split()
    assert (palette, keys) == ("1", "True")
    assert rows == twitches != "0"


async def test_each_footer_key_is_styled_once_as_it_mounts(
    db_path: Path, clock: Clock, monkeypatch
) -> None:
    """Textual's Footer binds each key's ``compact`` to its own, and a key
    starts compact: each key was restyled twice as it mounted (about 35
    passes of the stylesheet for the dashboard's keys, the first frame's
    largest styling cost). The keys are given the Footer's value up front."""
    restyled: list[object] = []
    update_styles = TwitchApp.update_styles

    def counting(self, node, animate: bool = True) -> None:
        if isinstance(node, FooterKey):
            restyled.append(node)
        update_styles(self, node, animate=animate)

    monkeypatch.setattr(TwitchApp, "update_styles", counting)
    app = make_app(db_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = dashboard(app).query_one(KeysFooter)
        keys = list(footer.query(FooterKey))
        assert len(keys) > 10
        assert restyled == []
        palette = [key for key in keys if key.has_class("-command-palette")]
        assert [key.has_class("-compact") for key in palette] == [True]  # Textual's own look
        assert not any(key.has_class("-compact") for key in keys if key not in palette)
        footer.compact = True  # a change of the Footer's still reaches its keys
        await pilot.pause()
        assert all(key.has_class("-compact") for key in footer.query(FooterKey))


async def test_keys_past_the_right_edge_follow_the_first_frame(
    db_path: Path, clock: Clock, monkeypatch
) -> None:
    """The first frame composes the keys that fit on the line and the palette
    hint; the rest come just after it, in their order, before the hint."""
    first: list[list[str]] = []
    mount_later = KeysFooter._mount_later

    def recording(self: KeysFooter) -> None:
        first.append([key.key for key in self.query(FooterKey)])
        mount_later(self)

    monkeypatch.setattr(KeysFooter, "_mount_later", recording)
    app = make_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = dashboard(app).query_one(KeysFooter)
        keys = list(footer.query(FooterKey))
        shown = [key.key for key in keys]
        actions: dict[str, str] = {}  # the Footer shows an action's first key
        for _, binding, _, _ in footer.screen.active_bindings.values():
            if binding.show:
                actions.setdefault(binding.action, binding.key)
        assert shown == [*actions.values(), "ctrl+p"]
        [at_first] = first
        assert len(at_first) < len(shown) and at_first[-1] == "ctrl+p"  # the hint came at once
        assert shown[: len(at_first) - 1] == at_first[:-1]
        edge = sum(key_width(key) for key in keys[: len(at_first) - 1])
        assert (
            edge >= 80 > edge - key_width(keys[len(at_first) - 2])
        )  # the last one reaches the edge
        assert footer.recomposed == 1


async def test_a_recompose_begun_before_the_held_keys_mount_shows_each_key_once(
    monkeypatch,
) -> None:
    """A recompose (the keys changed) that begins just before the held keys
    are mounted composes them all itself: none may be mounted twice."""
    import asyncio

    from textual.app import App, ComposeResult
    from textual.binding import Binding

    mount_later = KeysFooter._mount_later

    async def racing(self: KeysFooter) -> None:
        recompose = asyncio.ensure_future(self.recompose())
        await asyncio.sleep(0)  # the recompose begins: the old keys are being removed
        mount_later(self)
        await recompose

    monkeypatch.setattr(KeysFooter, "_mount_later", racing)

    class Keys(App[None]):
        BINDINGS = [Binding(k, f"press_{k}", f"Key {k}") for k in "abcdefghij"]

        def compose(self) -> ComposeResult:
            yield KeysFooter()

    app = Keys()
    async with app.run_test(size=(40, 10)) as pilot:
        for _ in range(5):
            await pilot.pause()
        footer = app.query_one(KeysFooter)
        assert footer.recomposed == 2
        assert [key.key for key in footer.query(FooterKey)] == [*"abcdefghij", "ctrl+p"]
