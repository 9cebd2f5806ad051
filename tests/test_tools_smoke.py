"""The benchmarks and the screenshot tool still run (a smoke run, not a timing check).

Each runs as its own process with the smallest settings, so a change that
breaks one shows up in ``make test`` instead of on the day someone measures.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SMOKE = {
    "store": ["benchmarks/store.py", "--sizes", "60", "--repeat", "2"],
    "cli_startup": ["benchmarks/cli_startup.py", "--repeat", "1"],
    "charts": ["benchmarks/charts.py", "--size", "300", "--repeat", "1"],
    "history": ["benchmarks/history.py", "--sizes", "60", "--repeat", "1"],
    "rss_keys": ["benchmarks/rss_keys.py", "--size", "60", "--keys", "2", "--every", "2"],
    "tui": [
        "benchmarks/tui.py",
        *("--sizes", "60", "--presses", "3", "--starts", "1", "--idle", "1", "--warm", "0.2"),
        *("--tmux-starts", "1", "--rounds", "1", "--compress", "1", "--keys", "3", "--linger", "0"),
        *("--per-key", "1"),
    ],
}


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    """A script of the repository, run from its root; it must exit 0."""
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


@pytest.mark.parametrize("name", sorted(SMOKE))
def test_benchmark_runs(name: str) -> None:
    if name == "rss_keys" and shutil.which("tmux") is None:
        pytest.skip("measures in tmux, which is not installed")
    done = run_script(*SMOKE[name])
    assert "|---" in done.stdout  # it printed its table


def test_screenshot_tool_runs(tmp_path: Path) -> None:
    run_script("tools/screenshots.py", "--out", str(tmp_path), "--only", "dashboard")
    svg = (tmp_path / "dashboard.svg").read_text()
    assert svg.startswith("<svg") and "Quick&#160;log" in svg


def test_red_flag_scenario_tool_runs() -> None:
    # The passing TIA and the time-zone change: the whole table takes 45 s.
    done = run_script("tools/red_flag_scenarios.py", "1", "3")
    rows = [
        line for line in done.stdout.splitlines() if line.startswith("| ") and "---" not in line
    ]
    assert len(rows) == 3  # the header and 2 scenarios
    assert all(row.endswith("| yes |") for row in rows[1:])
