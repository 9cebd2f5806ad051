"""Compact summary: the whole dashboard in a few lines, for a small terminal split.

Shown instead of the four panes when the terminal is under 100×30. Each line
names the key that acts on it, and 1–4 open a full pane (Esc comes back).
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive, var
from textual.widgets import Sparkline, Static

from .. import checklist
from ..humanize import ago, plural
from ..redflags import Finding
from ..views import Today
from .relief_bar import ReliefView, show_relief

# The checklist's items in a word each, and the key that ticks each.
SHORT = {
    "water": ("water", "w"),
    "coffee": ("coffee", "c"),
    "snack": ("snack", "s"),
    "bed": ("bed", "b"),
}


def _tick(done: bool, word: str, key: str, warning: str = "", half: bool = False) -> Content:
    """One entry of the checklist line: its mark, its word, its key; ``half``:
    begun but not finished (a check-in with only some answers)."""
    if warning:
        mark = "[$warning]![/]"
    elif done:
        mark = "[$success]✔[/]"
    elif half:
        mark = "[$warning]◐[/]"
        word = f"{word} half done"
    else:
        mark = "·"
    return Content.from_markup(f"{mark} $w [dim]($k)[/]", w=word, k=key)


TIER_STYLE = {"emergency": "b $error", "same-day": "b $error", "routine": "b $warning"}
"""How each tier's word is drawn (info: plain bold)."""


def flag_badge(findings: tuple[Finding, ...] | None, problem: str = "") -> Content:
    """One line: how many findings, and the most serious level among them."""
    if problem:
        return Content.from_markup("[b $warning]Red flags: could not check[/] [dim](4)[/]")
    if findings is None:
        return Content.from_markup("[dim]Red flags: checking…[/]")
    if not findings:
        return Content.from_markup("[$success]✔[/] Red flags: none found [dim](4)[/]")
    worst = findings[0].tier  # most serious first
    style = TIER_STYLE.get(worst, "b")
    return Content.from_markup(
        f"[{style}]Red flags: $n[/] · worst: $w [dim](4 shows why)[/]",
        n=plural(len(findings), "finding"),
        w=worst,
    )


def flag_titles(findings: tuple[Finding, ...] | None, most: int = 2) -> Content:
    """The titles of the most serious findings, one per line."""
    if not findings:
        return Content("")
    lines = [Content.from_markup("  • $t", t=f.title) for f in findings[:most]]
    if len(findings) > most:
        lines.append(Content.from_markup("  [dim]and $n more[/]", n=str(len(findings) - most)))
    return Content("\n").join(lines)


def quick_line(today: Today, now: datetime) -> Content:
    count = plural(len(today.shown_twitches), "twitch")
    if today.shown_day != today.day:  # "last" and "now" belong to today, not to that day
        return Content.from_markup(
            "[b]$count[/b] on $day [dim]· t or d logs one on that day · ] back to today[/]",
            count=count,
            day=f"{today.shown_day:%a %d %b}",
        )
    last = today.last
    tail = f" · last {ago(last.at, now)} ({last.site}, {last.side})" if last else ""
    return Content.from_markup(
        "[b]$count[/b] today$tail [dim]· t logs one[/]", count=count, tail=tail
    )


def checklist_line(today: Today) -> Content:
    log, settings = today.shown_log, today.settings
    items = checklist.items(log, settings, past=today.shown_day < today.day)
    own = checklist.own_items(log, settings)
    done, total = checklist.tally(items + own)
    parts = []
    for item in items:
        word, key = SHORT[item.key]
        if item.key == "water":
            word = f"water {log.water_ml}/{settings.water_target_ml}"
        parts.append(_tick(item.done, word, key, item.warning))
    checkin = checklist.checkin_state(log)
    parts.append(_tick(checkin == "done", "check-in", "i", half=checkin == "half"))
    parts.append(_tick(log.self_checked, "self-check", "k"))
    parts += [_tick(item.done, item.label, "h") for item in own]
    head = Content.from_markup("[b]Checklist $s[/b]   ", s=f"{done}/{total}")
    return head + Content("   ").join(parts)


class CompactSummary(Vertical):
    """Today's count and last twitch, the checklist ticks, the red-flag badge
    and (when there is room) the 24-hour sparkline."""

    today: reactive[Today | None] = reactive(None)
    now: var[datetime | None] = var(None)
    """The minute: only the lines that say "ago" follow it (no repaint of the pane)."""
    findings: reactive[tuple[Finding, ...] | None] = reactive(None)
    problem: reactive[str] = reactive("")
    relief: var[ReliefView | None] = var(None)
    """A warm compress running: its bar shows under the quick line."""

    def watch_relief(self, view: ReliefView | None) -> None:
        show_relief(self, view, bar_id="compact-relief", after="#compact-quick")

    def compose(self) -> ComposeResult:
        yield Static("Opening the diary…", id="compact-quick")
        with Horizontal(id="compact-hours"):
            yield Static("[dim]24 h[/]", id="compact-hours-label")
            yield Sparkline([0] * 24)
        yield Static("", id="compact-checklist")
        yield Static("", id="compact-flags")
        yield Static(
            "[dim]Full panes: [b]1[/b] quick log · [b]2[/b] checklist · [b]3[/b] trends · "
            "[b]4[/b] red flags · Esc comes back[/]",
            id="compact-keys",
        )

    def on_mount(self) -> None:
        # Mounted late (the first time the terminal is small), with its data
        # already bound: show it once the lines exist.
        self.call_after_refresh(self._show_all)

    def _show_all(self) -> None:
        self.watch_today()
        self.watch_findings()

    def _line(self, selector: str) -> Static | None:
        """A line of the summary; None while it is not mounted yet (or any more)."""
        found = self.query(selector)
        return found.first(Static) if found else None

    def watch_today(self) -> None:
        today = self.today
        if today is None:
            return
        self._quick()
        for spark in self.query("#compact-hours Sparkline").results(Sparkline):
            spark.data = list(today.shown_hourly)
        if (line := self._line("#compact-checklist")) is not None:
            line.update(checklist_line(today))

    def watch_now(self) -> None:
        self._quick()

    def _quick(self) -> None:
        quick = self._line("#compact-quick")
        if quick is not None and self.today is not None and self.now is not None:
            line = quick_line(self.today, self.now)
            if quick.content != line:  # most minutes change nothing shown
                quick.update(line)

    def watch_findings(self) -> None:
        flags = self._line("#compact-flags")
        if flags is None:
            return
        badge = flag_badge(self.findings, self.problem)
        titles = flag_titles(self.findings) if not self.problem else Content("")
        flags.update(badge + Content("\n") + titles if titles else badge)

    def watch_problem(self) -> None:
        self.watch_findings()
