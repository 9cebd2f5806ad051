"""The dashboard's entries in the command palette: every key's action, and each own habit."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand
from textual.binding import Binding


class PaletteCommands:
    """Mixed into ``DashboardScreen``; the App asks for ``palette_commands``."""

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Command-palette entries for every action on this screen."""
        from ...widgets.quick_log import QuickLogPane
        from ..help import described

        # The palette matches the name only: the name carries what each key
        # does, so "water", "glass", "coffee" or "delete" find it.
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            action = binding.action
            yield SystemCommand(
                described(binding).replace("…", ""),
                f"key: {binding.key_display or binding.key.split(',')[0]}",
                lambda action=action: self.run_action(action),
            )
        for pane in self.query(QuickLogPane):
            for binding in pane.BINDINGS:
                assert isinstance(binding, Binding)
                yield SystemCommand(
                    described(binding),
                    f"key: {binding.key_display or binding.key.split(',')[0]} (the day's list)",
                    lambda action=binding.action, pane=pane: pane.run_action(action),
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
