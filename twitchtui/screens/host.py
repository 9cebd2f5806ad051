"""What the screens need from the app, typed. A leaf module: a screen reads
the app through ``host(self)`` instead of importing the App, so no import
cycle runs through ``app.py``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Protocol, cast, runtime_checkable

from textual.app import SystemCommand
from textual.dom import DOMNode


class Host(Protocol):
    """The app's settings and clocks, as ``TwitchApp`` holds them."""

    poll_seconds: float
    """How often the dashboard looks at the diary files."""
    rebuild_seconds: float
    """Quiet time after a change before the findings and charts are rebuilt."""
    retry_seconds: float
    """How long a save the disk refused waits before it is tried again."""
    monotonic: Callable[[], float]
    """The clock the relief timers keep time by (tests pass one they move)."""
    now: Callable[[], datetime]
    """The wall clock the diary records (tests pass one they move)."""


def host(node: DOMNode) -> Host:
    """``node.app`` as what it is: Textual types it as a plain ``App``."""
    return cast(Host, node.app)


@runtime_checkable
class KeepsClear(Protocol):
    """A screen no notice may cover (the urgent advice, the self-check):
    notices wait until it closes."""

    KEEPS_CLEAR: bool


def keeps_clear(screen: object) -> bool:
    return isinstance(screen, KeepsClear) and screen.KEEPS_CLEAR


@runtime_checkable
class KeepsRelief(Protocol):
    """A screen with a relief timer that quitting must not lose."""

    def stop_relief_for_quit(self) -> bool:
        """Stop the timer, keep it as stopped early; whether one was running."""
        ...


@runtime_checkable
class OffersCommands(Protocol):
    """A screen with command-palette entries of its own (the App adds them)."""

    def palette_commands(self) -> Iterable[SystemCommand]: ...
