"""Red-flag pane: calm findings with their reasons, or a calm all-clear."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from .pane_lines import LazyLines, PaneLines

if TYPE_CHECKING:
    from ..redflags import Finding

# The rules' module loads with the pane's lines, just after the first frame.


def render_finding(finding: Finding, year: int | None = None) -> Content:
    """A finding's lines; entry dates carry the year when it is not ``year``."""
    style = {"emergency": "bold $error", "same-day": "bold $error", "routine": "bold $warning"}
    lines = [
        Content.from_markup(
            f"[{style.get(finding.tier, 'bold $text-muted')}]$tier[/] [b]$title[/]",
            tier=finding.tier.upper(),
            title=finding.title,
        ),
        Content(finding.reason),
        Content.from_markup("[b]What you can do:[/b] $a", a=finding.advice),
    ]
    lines += [
        Content.from_markup(
            "[$text-muted]  • $d: $x[/]",
            d=f"{e.day:%d %b}" if e.day.year == year else f"{e.day:%d %b %Y}",
            x=e.detail,
        )
        for e in finding.entries
    ]
    lines.append(Content.from_markup("[$text-muted]Why this rule: $s[/]", s=finding.source))
    return Content("\n").join(lines)


class RedFlagsPane(VerticalScroll):
    """Findings from the red-flag rules, most serious first."""

    BORDER_TITLE = "Red flags"

    findings: reactive[tuple[Finding, ...] | None] = reactive(None)
    now: reactive[datetime | None] = reactive(None, repaint=False)
    """The dashboard's clock (for the year in dates)."""
    empty: reactive[bool] = reactive(False)
    """No twitch is in the diary yet (the all-clear says so honestly)."""
    problem: reactive[str] = reactive("")
    """Why the diary could not be checked (a damaged file), or ""."""

    _filled = False
    """The lines are mounted."""

    # The lines mount just after the first frame: the findings are worked out
    # after it anyway, and the urgent banner is not in this pane.
    def compose(self) -> ComposeResult:
        yield LazyLines(self.body, fit=True)

    def body(self) -> Iterable[Widget]:
        from ..redflags import STANDING_NOTE  # the rules: after the first frame (5 ms)

        yield Static("Checking the diary…", id="flags-summary")
        yield Static("", id="flags-list")
        yield Static(STANDING_NOTE, id="flags-note", classes="empty")

    @on(PaneLines.Filled)
    def filled(self) -> None:
        self._filled = True
        self.watch_problem()

    def watch_problem(self) -> None:
        self.watch_findings(self.findings)

    def watch_empty(self) -> None:
        self.watch_findings(self.findings)

    def watch_findings(self, findings: tuple[Finding, ...] | None) -> None:
        if not self._filled:
            return
        from ..redflags import all_clear  # loaded with the lines (see body)

        if self.problem:
            # Never an all-clear over a diary that could not be read whole.
            self.query_one("#flags-summary", Static).update(
                Content.from_markup(
                    "[b $warning]Could not check the red flags.[/] $p", p=self.problem
                )
            )
            self.query_one("#flags-list", Static).update("")
            self.border_subtitle = "?"
            return
        if findings is None:
            return
        summary = self.query_one("#flags-summary", Static)
        listing = self.query_one("#flags-list", Static)
        self.set_class(any(f.urgent for f in findings), "-urgent")
        self.border_subtitle = f"{len(findings)}" if findings else ""
        if not findings:
            summary.update(Content.from_markup("[$success]✔[/] $m", m=all_clear(self.empty)))
            listing.update("")
            return
        clinical = [f for f in findings if f.id != "unread"]
        if clinical:
            line = Content.from_markup(
                "[b]$n[/b] worth showing a clinician. Press [b]r[/b] for the diary report.",
                n=f"{len(clinical)} finding{'s' if len(clinical) > 1 else ''}",
            )
        else:  # no all-clear over files that were not read
            line = Content.from_markup(
                "[b $warning]Nothing found in what could be read[/], but part of the diary "
                "could not be read (below)."
            )
        summary.update(line)
        year = self.now.year if self.now else None
        listing.update(Content("\n\n").join(render_finding(f, year) for f in findings))
