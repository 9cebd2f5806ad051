"""Which magnesium or potassium food the snack was: a short list, or one's own."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..checklist import FOODS


class SnackScreen(ModalScreen[str | None]):
    """Enter (or 1-5) picks a food; typing below names another; Esc cancels."""

    DEFAULT_CSS = """
    SnackScreen { align: center middle; }
    SnackScreen > Vertical { width: 44; height: auto; border: round $primary;
        background: $surface; padding: 0 1; }
    SnackScreen OptionList { height: auto; max-height: 8; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="snack-cancel"),
        *(
            Binding(str(n), f"pick({n - 1})", food, show=False, id=f"snack-{n}")
            for n, food in enumerate(FOODS, 1)
        ),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Snack: which food?[/b]")
            yield OptionList(
                *(Option(f"{n}  {food}", id=food) for n, food in enumerate(FOODS, 1)), id="foods"
            )
            yield Input(placeholder="or another food, then Enter", id="own-food")
            yield Static("[dim]Enter or 1-5 picks · Esc cancels[/]")

    def action_pick(self, index: int) -> None:
        if isinstance(self.focused, Input):
            return  # a digit typed into the food's name
        self.dismiss(FOODS[index])

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        food = " ".join(event.value.split()).lower()
        if food and len(food) <= 40:
            self.dismiss(food)
        else:
            self.notify("Name the food in 1 to 40 characters.", severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)
