"""Panes whose lines mount just after the first frame (their data comes later anyway)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.widget import Widget


class FillsAfterFirstFrame:
    """Mixed in before the container class: ``body()`` gives the pane's lines,
    mounted right after the first frame; ``filled()`` then shows what the
    pane's reactives already hold. Watchers wait for ``_filled``."""

    _filled = False

    def compose(self) -> ComposeResult:
        return ()

    def on_mount(self) -> None:
        self.call_after_refresh(self._fill)  # type: ignore[attr-defined]

    def _fill(self) -> None:
        if not self.is_attached:  # type: ignore[attr-defined]
            return  # the app closed at its first frame: nothing can mount now
        self.mount_all(list(self.body()))  # type: ignore[attr-defined]
        self._filled = True
        self.filled()

    def body(self) -> Iterable[Widget]:
        raise NotImplementedError

    def filled(self) -> None:
        raise NotImplementedError
