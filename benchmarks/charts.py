"""Chart build time over a 100k-twitch diary, for 30, 90 and 365 days.

    .venv/bin/python benchmarks/charts.py [--size 100000] [--repeat 7]

"data" is ``views.load_trends`` (read the shards, aggregate, insights) with a
warm store, as in the running app; "data, cold" opens the diary afresh first.
Each chart column adds drawing: the pane's own drawing code on a plotext
figure of 56x12 cells (a pane on a 120x40 terminal) and ``build()`` to text.
Median ms. Targets (trends issue): under 50 ms at 90 days, 150 ms at 365.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store import NOW
from tui import make_diary

from twitchtui.store import Store
from twitchtui.views import load_findings, load_trends
from twitchtui.widgets.trends import CHARTS, TrendsPane


class _Drawer:
    """The pane's drawing methods, without an app around them."""

    _colour = staticmethod(lambda name: (30, 144, 255))
    _day_axis = TrendsPane._day_axis
    _day_labels = TrendsPane._day_labels
    _draw_day = TrendsPane._draw_day
    _draw_hour = TrendsPane._draw_hour
    _draw_site = TrendsPane._draw_site
    _draw_intensity = TrendsPane._draw_intensity
    _whole_y = TrendsPane._whole_y
    _plot_rows = staticmethod(lambda: 12 - 3)
    _label_room = staticmethod(lambda: 5)


def median_ms(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    from textual_plotext.plot import Plot

    db = make_diary(args.size)
    try:
        store = Store.open(db, now=lambda: NOW)
        findings = load_findings(store)
        drawer = _Drawer()
        charts = [c for c in CHARTS if c != "habits"]
        print(f"Median ms over {args.repeat} runs, {args.size:,}-twitch diary\n")
        head = "| days | data, cold | data | " + " | ".join(f"+ {c}" for c in charts) + " | worst |"
        print(head)
        print("|---:" * (head.count("|") - 1) + "|")
        for days in (30, 90, 365):

            def cold(days: int = days) -> None:
                load_trends(Store.open(db, now=lambda: NOW), days, findings)

            cold_ms = median_ms(cold, args.repeat)
            data = load_trends(store, days, findings)
            data_ms = median_ms(lambda days=days: load_trends(store, days, findings), args.repeat)
            draw_ms = []
            for chart in charts:

                def draw(chart: str = chart, data=data) -> None:
                    plt = Plot()
                    plt.plotsize(56, 12)
                    getattr(drawer, f"_draw_{chart}")(plt, data)
                    plt.build()

                draw_ms.append(median_ms(draw, args.repeat))
            cells = " | ".join(f"{data_ms + d:.1f}" for d in draw_ms)
            worst = data_ms + max(draw_ms)
            print(f"| {days} | {cold_ms:.1f} | {data_ms:.1f} | {cells} | {worst:.1f} |")
    finally:
        shutil.rmtree(db.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
