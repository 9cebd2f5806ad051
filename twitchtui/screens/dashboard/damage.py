"""Damaged diary files met while the dashboard runs: say so once, offer to keep one aside."""

from __future__ import annotations

from pathlib import Path

from textual import work

from ...store import DiaryDamaged, StoreError


class DamagedFiles:
    """Mixed into ``DashboardScreen``."""

    def _init_damaged(self) -> None:
        self._damaged: dict[Path, tuple[DiaryDamaged, bool]] = {}
        """Damaged files met so far, and whether twitchtui may set each aside."""

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
        from ..damaged import DamagedScreen

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
            with self.session.turns.write():
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
