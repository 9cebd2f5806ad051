"""Damaged diary files met while the dashboard runs: say so once, offer to keep one aside.

The session reports every damaged file a read or a save meets
(``Session.on_damaged``); this widget keeps the list, shows what is wrong,
and keeps a file aside when asked.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.message import Message
from textual.widget import Widget

from ...session import Session
from ...store import DiaryDamaged, StoreError


class DamagedFiles(Widget):
    """Not drawn: the damaged files met so far, and what may be done with each."""

    class SetAside(Message):
        """A damaged file was kept aside: the panes can be read again."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.display = False  # not drawn (inline: no stylesheet rule to parse)
        self.session = session
        self._damaged: dict[Path, tuple[DiaryDamaged, bool]] = {}
        """Damaged files met so far, and whether twitchtui may set each aside."""

    def on_mount(self) -> None:
        self.session.on_damaged(self._met)

    def on_unmount(self) -> None:
        self.session.forget_damaged(self._met)

    @property
    def any(self) -> bool:
        return bool(self._damaged)

    def _met(self, exc: DiaryDamaged, ours: bool) -> None:
        """From the thread that met it: offer (once) to set the file aside."""
        self.app.call_from_thread(self._offer_set_aside, exc, ours)

    def _offer_set_aside(self, exc: DiaryDamaged, ours: bool) -> None:
        if exc.path in self._damaged:
            return
        self._damaged[exc.path] = (exc, ours)
        self.show(exc.path)

    def show(self, path: Path | None = None) -> None:
        """Show what is wrong with a damaged file and offer to keep it aside."""
        from ..damaged import DamagedScreen  # the first damaged file: about 1.5 ms

        if not self._damaged:
            self.notify("No damaged file has been met.", timeout=3)
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
            moved = self.session.write(lambda store: store.set_aside(path))
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=10)
            return
        self.app.call_from_thread(self._was_set_aside, path, moved)

    def _was_set_aside(self, path: Path, moved: Path) -> None:
        self._damaged.pop(path, None)
        self.notify(f"The damaged file was kept as {moved}.", timeout=15)
        self.post_message(self.SetAside())
