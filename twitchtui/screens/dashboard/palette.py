"""The dashboard's entries in the command palette: every key's action, and each own habit.

``DashboardCommands`` is the palette's provider for them (the screen names it
in ``COMMANDS``); Textual's own provider keeps the app's (themes, quit, keys).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from ...model import Habit
from ...widgets.quick_log import QuickLogPane
from ..host import OffersCommands


def _key(binding: Binding) -> str:
    return binding.key_display or binding.key.split(",")[0]


def palette_commands(
    bindings: Sequence[Binding],
    run: Callable[[str], object],
    panes: Iterable[QuickLogPane],
    habits: Iterable[Habit],
    tick_habit: Callable[[str], None],
    damaged: Callable[[], None] | None,
) -> Iterable[SystemCommand]:
    """Command-palette entries for every action on the dashboard: ``run``
    runs a screen action, ``damaged`` (when a damaged file was met) shows it."""
    from ..help import described  # with the palette, not before the first frame (2 ms)

    # The palette matches the name only: the name carries what each key
    # does, so "water", "glass", "coffee" or "delete" find it.
    for binding in bindings:
        name = described(binding).replace("…", "")
        yield SystemCommand(name, f"key: {_key(binding)}", partial(run, binding.action))
    for pane in panes:
        for binding in Binding.make_bindings(pane.BINDINGS):
            yield SystemCommand(
                described(binding),
                f"key: {_key(binding)} (the day's list)",
                partial(pane.run_action, binding.action),
            )
    for habit in habits:
        yield SystemCommand(
            f"Tick habit: {habit.name}",
            "One of your own habits, for the day shown",
            partial(tick_habit, habit.name),
        )
    if damaged is not None:
        yield SystemCommand("Damaged file", "What is wrong with it, and keep it aside", damaged)


class DashboardCommands(Provider):
    """Every dashboard action and own habit, found by the words in its name
    ("water", "glass", "coffee", "delete"); all of them, by name, when
    nothing is typed yet."""

    def _commands(self) -> list[SystemCommand]:
        screen = self.screen
        return list(screen.palette_commands()) if isinstance(screen, OffersCommands) else []

    async def discover(self) -> Hits:
        for command in sorted(self._commands(), key=lambda command: command.title):
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            if (score := matcher.match(command.title)) > 0:
                yield Hit(
                    score, matcher.highlight(command.title), command.callback, help=command.help
                )
