"""Trends pane: five charts over a chosen range, and plain-worded insights.

The data arrives ready-made (``stats.TrendData``, built in a worker); this
widget only draws it. Plotext is imported when the first data arrives, so the
dashboard's first frame does not wait for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from types import ModuleType
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from ..humanize import int_ticks, plural
from ..model import SIDES
from .pane_lines import LazyLines, PaneLines

if TYPE_CHECKING:
    from ..stats import TrendData

CHARTS: dict[str, str] = {
    "day": "twitches per day",
    "hour": "by hour of day",
    "site": "by site and side",
    "intensity": "average intensity",
    "habits": "habits kept",
}


def _ticks(count: int, labels: list[str], most: int = 6) -> tuple[list[int], list[str]]:
    step = max(1, (count + most - 1) // most)
    idx = list(range(0, count, step))
    return idx, [labels[i] for i in idx]


class TrendsPane(Vertical):
    """Charts of the diary. `v` switches the chart, `n` the range."""

    BORDER_TITLE = "Trends"

    data: reactive[TrendData | None] = reactive(None)
    chart: reactive[str] = reactive("day")
    problem: reactive[str] = reactive("")
    """Why the charts could not be built (a damaged file), or ""."""

    _filled = False
    """The lines are mounted."""

    # The lines mount just after the first frame: the charts are built after
    # it anyway, and the first frame is quicker without them.
    def compose(self) -> ComposeResult:
        yield LazyLines(self.body)

    def body(self) -> Iterable[Widget]:
        yield Static("Preparing the charts…", id="trend-title")
        yield Static("", id="trend-empty", classes="empty")
        yield Static("", id="habit-strips")
        yield VerticalScroll(Static("", id="insight-text"), id="insights")

    @on(PaneLines.Filled)
    def filled(self) -> None:
        self._filled = True
        self.watch_problem(self.problem)

    _drawn_for: tuple[int, int] | None = None
    """The chart's rows and label room when it was last drawn."""

    @property
    def is_drawn(self) -> bool:
        """The chart shown was drawn for the chart's present height (tests wait for it)."""
        plots = self.query("#plot")
        if self.data is None or not self.display or not plots or not plots.first().display:
            return True  # nothing to draw, or hidden (drawn again when shown and sized)
        return self._drawn_for == (self._plot_rows(), self._label_room())

    def _plot(self) -> Widget:
        plots = self.query("#plot")
        if plots:
            return plots.first()
        from textual_plotext import PlotextPlot  # about 90 ms: with the first data

        class Plot(PlotextPlot):
            def on_resize(self) -> None:
                self.post_message(TrendsPane.PlotResized())

        plot = Plot(id="plot")
        self.query_one(PaneLines).mount(plot, after="#trend-empty")
        return plot

    def watch_data(self) -> None:
        self._draw()

    class PlotResized(Message):
        """The chart's own size changed (its ticks and legend depend on it)."""

    def on_trends_pane_plot_resized(self) -> None:
        self._draw()

    def watch_chart(self) -> None:
        self._draw()

    def watch_problem(self, problem: str) -> None:
        if not self._filled:
            return
        if problem:
            self.query_one("#trend-title", Static).update(
                Content.from_markup("[b $warning]Could not draw the charts.[/] $p", p=problem)
            )
            for widget in self.query("#plot, #habit-strips, #trend-empty"):
                widget.display = False
            self.query_one("#insight-text", Static).update("")
        else:
            self._draw()

    def _colour(self, name: str) -> tuple[int, int, int]:
        colour = Color.parse(self.app.theme_variables.get(name, "white"))
        return (colour.r, colour.g, colour.b)

    def _draw(self) -> None:
        data = self.data
        if data is None or self.problem or not self._filled:
            return
        title = self.query_one("#trend-title", Static)
        span = (
            f"since the diary began ({plural(data.days, 'day')})"
            if data.since_began
            else f"last {data.days} days"
        )
        title.update(
            Content.from_markup(
                "[b]$chart[/b] · $span", chart=CHARTS[self.chart].capitalize(), span=span
            )
        )
        self.border_subtitle = f"v chart · n range · {data.days} d"
        # Plain text: an insight may quote a habit or an experiment as typed.
        insights = Content("\n".join(f"• {s}" for s in data.insights))
        self.query_one("#insight-text", Static).update(insights)
        empty = self.query_one("#trend-empty", Static)
        strips = self.query_one("#habit-strips", Static)
        plot = self._plot()
        if data.total == 0 and self.chart != "habits":
            empty.update(
                f"No twitches in the last {plural(data.days, 'day')}, so there is nothing "
                "to chart. When one comes, press t."
            )
            empty.display, strips.display, plot.display = True, False, False
            return
        empty.display = False
        if self.chart == "habits":
            plot.display, strips.display = False, True
            strips.update(self._habit_strips(data))
            return
        plot.display, strips.display = True, False
        plt = plot.plt  # type: ignore[attr-defined]
        plt.clear_figure()
        self._drawn_for = (self._plot_rows(), self._label_room())
        getattr(self, f"_draw_{self.chart}")(plt, data)
        plot.refresh()

    def _day_labels(self, data: TrendData) -> list[str]:
        return [f"{data.first + timedelta(days=i):%d %b}" for i in range(data.days)]

    def _draw_day(self, plt: ModuleType, data: TrendData) -> None:
        # Only diary days are drawn: a day with nothing recorded is no diary,
        # not a day of no twitches, so it gets no point at all.
        diary = data.diary or [True] * data.days
        xs = [i for i in range(data.days) if diary[i]]
        # Two lines rather than bars: a line drawn over bars would erase their cells.
        # A legend needs three rows of its own; a short chart goes without.
        legend = self._plot_rows() >= 8
        plt.plot(
            xs,
            [data.per_day[i] for i in xs],
            color=self._colour("primary"),
            marker="hd",
            label="per day" if legend else None,
        )
        averaged = [(i, v) for i, v in enumerate(data.average) if v is not None]
        plt.plot(
            [i for i, _ in averaged],
            [v for _, v in averaged],
            color=self._colour("accent"),
            marker="braille",
            label="7-day average" if legend else None,
        )
        if len(xs) == 1:  # one diary day, the first: a line of one point draws nothing
            plt.scatter(xs, [data.per_day[xs[0]]], color=self._colour("primary"), marker="●")
        self._day_axis(plt, data)
        top = self._whole_y(plt, max(data.per_day))
        if data.flagged:  # a mark along the top, not a line through the frame
            flagged = sorted(set(data.flagged))
            plt.scatter(
                flagged,
                [top] * len(flagged),
                color=self._colour("error"),
                marker="▼",
                label="red flag" if legend else None,
            )

    def _day_axis(self, plt: ModuleType, data: TrendData) -> None:
        """The days along the bottom. A range of one day (the diary's first)
        still spans a unit: plotext divides by the axis's length."""
        # One day alone sits in the middle, clear of the frame that would hide it.
        plt.xlim(*((-1, 1) if data.days == 1 else (0, data.days - 1)))
        plt.xticks(*_ticks(data.days, self._day_labels(data), self._label_room()))

    def _draw_hour(self, plt: ModuleType, data: TrendData) -> None:
        plt.bar(list(range(24)), data.hours, color=self._colour("primary"), width=0.6)
        plt.xticks([0, 6, 12, 18, 23], ["00", "06", "12", "18", "23"])
        self._whole_y(plt, max(data.hours))

    def _label_room(self) -> int:
        """How many "20 Oct" labels fit under the chart with a gap between them
        (plotext would drop some, and which ones would vary with timing)."""
        plots = self.query("#plot")
        width = plots.first().size.width - 6 if plots else 0  # less the y labels
        return max(2, min(6, width // 10)) if width > 0 else 6

    def _plot_rows(self) -> int:
        """Rows inside the chart's frame (its height less the frame and labels)."""
        plots = self.query("#plot")
        return plots.first().size.height - 3 if plots else 0

    def _whole_y(self, plt: ModuleType, peak: float) -> int:
        """Counts are whole numbers: evenly spaced whole ticks, from 0."""
        rows = self._plot_rows()
        ticks = int_ticks(peak, most=max(1, min(5, rows // 2)), rows=rows if rows > 1 else None)
        plt.yticks(ticks, [str(t) for t in ticks])
        plt.ylim(0, ticks[-1])
        return ticks[-1]

    def _draw_site(self, plt: ModuleType, data: TrendData) -> None:
        sites = [s for s, sides in data.sites.items() if sum(sides.values())]
        series = [[data.sites[s][side] for s in sites] for side in SIDES]
        colours = [self._colour(c) for c in ("primary", "accent", "warning")]
        plt.stacked_bar(sites, series, labels=list(SIDES), color=colours, width=0.5)
        self._whole_y(plt, max((sum(column) for column in zip(*series, strict=True)), default=0))

    def _draw_intensity(self, plt: ModuleType, data: TrendData) -> None:
        points = [(i, v) for i, v in enumerate(data.intensity) if v is not None]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        plt.plot(xs, ys, color=self._colour("primary"), marker="braille")
        plt.scatter(xs, ys, color=self._colour("accent"), marker="dot")
        plt.ylim(1, 5)
        rows = self._plot_rows()  # 1 to 5 in whole steps that land evenly
        gaps = next((g for g in (4, 2) if rows > 1 and (rows - 1) % g == 0), 1)
        ticks = list(range(1, 6, 4 // gaps))
        plt.yticks(ticks, [str(t) for t in ticks])
        self._day_axis(plt, data)

    def _habit_strips(self, data: TrendData) -> Content:
        from ..insights import habit_label  # with the charts' data: after the first frame

        width = max(7, self.size.width - 22)
        shown = min(data.days, width)
        first = data.last - timedelta(days=shown - 1)
        lines = [
            Content.from_markup(
                "[dim]$a → $b (last $n days; "
                "[$success]█[/] kept, [$error]▒[/] missed, · not logged)[/]",
                a=f"{first:%d %b}",
                b=f"{data.last:%d %b}",
                n=str(shown),
            )
        ]
        for key in data.habits:
            label = habit_label(key)[:18]
            cells = data.habits[key][-shown:]
            kept = sum(1 for c in cells if c)
            logged = sum(1 for c in cells if c is not None)
            strip = "".join(
                "[$success]█[/]" if c else ("[$error]▒[/]" if c is False else "[dim]·[/]")
                for c in cells
            )
            lines.append(
                Content.from_markup(
                    f"$label {strip} $n", label=f"{label:<18}", n=f"{kept}/{logged}"
                )
            )
        return Content("\n").join(lines)
