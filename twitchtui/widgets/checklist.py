"""Checklist pane: the source articles' daily list, for today or a past day."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import ProgressBar, Static

from .. import checklist
from ..humanize import plural
from ..model import diary_day
from ..views import Today


class WaterBar(ProgressBar):
    """A progress bar without an ETA, and so without the ETA's redraw every
    second (Textual's ProgressBar sets one up on mount): the dashboard stays
    open all day, and an untouched pane should cost nothing."""

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # skip ProgressBar.on_mount and its 1-second timer


def _mark(done: bool, warning: str = "") -> str:
    if warning:
        return "[$warning]![/]"
    return "[$success]✔[/]" if done else "[$text-muted]·[/]"


class ChecklistPane(Vertical):
    """Water, coffee, snack, early night, check-in and self-check for one day."""

    BORDER_TITLE = "Checklist"

    today: reactive[Today | None] = reactive(None)

    def compose(self) -> ComposeResult:
        yield Static("", id="checklist-day")
        with Horizontal(id="water-row"):
            yield Static("Water", id="water-label")
            yield WaterBar(total=2000, show_eta=False, id="water-bar")
        yield Static("", id="checklist-items")
        yield Static("", id="checkin")

    def watch_today(self, today: Today | None) -> None:
        if today is None:
            return
        log, settings = today.shown_log, today.settings
        past = today.shown_day < today.day
        items = checklist.items(log, settings, past=past) + checklist.own_items(
            log, settings, past=past
        )
        done, total = checklist.tally(items)
        answered = checklist.answered(items)
        when = "[ earlier" if today.shown_day == today.day else "[ earlier · ] later"
        self.query_one("#checklist-day", Static).update(
            Content.from_markup(
                "[b]$day[/b]  $score done · $answered answered  [dim]($when)[/]",
                day=f"{today.shown_day:%a %d %b}",
                score=f"{done}/{total}",
                answered=str(answered),
                when=when,
            )
        )
        self.border_subtitle = f"{done}/{total}"
        bar = self.query_one("#water-bar", ProgressBar)
        bar.update(total=settings.water_target_ml, progress=min(log.water_ml, bar.total or 0))
        lines = []
        for item in items:
            if item.key.startswith("habit:") and item is items[4]:
                lines.append(Content.from_markup("[dim]Your own (h ticks):[/]"))
            text = Content.from_markup(
                "$mark [b]$label[/b]  $detail", mark="", label=item.label, detail=item.detail
            )
            mark = Content.from_markup(_mark(item.done, item.warning))
            lines.append(mark + text)
            if item.warning:
                lines.append(Content.from_markup("    [$warning]$w[/]", w=item.warning))
            if item.key == "coffee" and self._pause_covers(today):
                style = "$warning" if today.pause.broken_by else "$text-muted"
                lines.append(Content.from_markup(f"    [{style}]$p[/]", p=today.pause.text))
        if (trial := self._experiment_line(today)) is not None:
            lines.append(trial)
        self.query_one("#checklist-items", Static).update(Content("\n").join(lines))
        self.query_one("#checkin", Static).update(self._checkin(today))

    @staticmethod
    def _experiment_line(today: Today) -> Content | None:
        """ "Experiment: … day k of N" on the days the running experiment covers."""
        running = today.settings.experiment
        if running is None:
            return None
        day = running.day_number(today.shown_day, today.settings.day_start_hour)
        if not 1 <= day <= running.days:
            return None
        return Content.from_markup(
            "[$accent]◆[/] [b]Experiment[/b]  $name · day $k of $n [dim](y)[/]",
            name=running.name,
            k=str(day),
            n=str(running.days),
        )

    @staticmethod
    def _pause_covers(today: Today) -> bool:
        """A stimulant pause shows on the days it runs, not on days before it began."""
        pause = today.pause
        return pause is not None and (
            diary_day(pause.started, today.settings.day_start_hour) <= today.shown_day
        )

    def _checkin(self, today: Today) -> Content:
        log = today.shown_log
        parts = []
        parts.append(f"stress {log.stress}/5" if log.stress else "stress ?")
        parts.append(f"slept {log.sleep_h:g} h" if log.sleep_h is not None else "sleep ?")
        parts.append(f"ate: {log.food}" if log.food else "food ?")
        flagged = list(log.symptoms)
        if not log.self_checked:
            check = "self-check: not done (k)"
        elif flagged:
            check = f"self-check: {plural(len(flagged), 'sign')} noted, see Red flags"
        else:
            check = "self-check: done, nothing noted"
        return Content.from_markup(
            "[b]Check-in[/b] $parts\n$check", parts=" · ".join(parts), check=check
        )
