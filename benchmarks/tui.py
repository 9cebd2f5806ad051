"""Dashboard benchmark: keypress-to-saved latency, and start-up to the first real frame.

    .venv/bin/python benchmarks/tui.py [--sizes 1000 100000] [--presses 100]
                                       [--starts 15] [--idle 60]

1. Keypress to saved: the time from the ``t`` key's action to the moment the
   twitch is on disk (fsynced), and to the moment the screen shows it (toast
   and counter), inside a headless app, over ``--presses`` presses spaced
   like a person's, once the dashboard has settled (charts built). Median and
   p95. Then again with each press landing just as the findings and charts
   start rebuilding, the worst moment for a press.
2. Start to first frame: from starting the process to the first frame
   written to the terminal that shows the day's data (shutting down is not
   counted), in a 120x40 pseudo-terminal as in a terminal pane, through the
   real entry point (``tui.run_tui``, as ``twitchtui`` runs it) on a
   100k-twitch diary, and for a bare Textual app (Header, Static, Footer),
   taking turns in the same run. Median, and the median of each round's ratio.

3. Idle CPU: the CPU time (every thread) each app uses while it sits
   untouched for ``--idle`` seconds in a 120x40 pseudo-terminal (as in a
   terminal pane), counted from five seconds after its first frame, on the
   same 100k diary against the same bare app.

Targets (architecture issue): keypress-to-saved p95 at or under 16 ms at
100k; first frame within 1.4x the bare app; idle CPU within 1.5x the bare app.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import gc
import os
import pty
import shutil
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store import NOW, PER_DAY

from twitchtui import ops
from twitchtui.app import TwitchApp
from twitchtui.demo import generate
from twitchtui.screens.dashboard import DashboardScreen
from twitchtui.session import Outcome
from twitchtui.store import Store
from twitchtui.tui import _resume_gc

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

CHILD = r"""
import os
import sys
import time
from pathlib import Path

from textual.app import App

# Stop at the first frame actually written to the terminal: for the dashboard,
# the first one that shows the day's data. Both apps are measured this way.
shown = App._display
IDLE = float(os.environ.get("BENCH_IDLE_SECONDS", "0"))
OUT = os.environ.get("BENCH_OUT")  # idle runs draw in a pseudo-terminal: report to a file
HEADLESS = OUT is None


def report(line):
    if OUT:
        with open(OUT, "a") as out:
            out.write(line + "\n")
    else:
        os.write(2, (line + "\n").encode())
WARM = 5.0  # idle runs start counting this long after the first frame


def idle(app):
    # CPU time (all threads) over IDLE seconds of an untouched app.
    began = time.process_time()

    def done():
        used = (time.process_time() - began) * 1000
        report(f"IDLE-CPU {used}")
        app.exit()

    app.set_timer(IDLE, done)


def first_frame(self, screen, renderable):
    shown(self, screen, renderable)
    if renderable is not None and getattr(screen, "today", True) is not None:
        App._display = shown
        report(f"FIRST-FRAME {time.time()}")  # shutting down is not counted
        if IDLE:
            self.set_timer(WARM, lambda: idle(self))
        else:
            self.exit()


App._display = first_frame
mode = sys.argv[1]
if mode == "bare":
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()

    Bare().run(headless=HEADLESS)
else:
    from functools import partialmethod

    from twitchtui.tui import run_tui

    App.run = partialmethod(App.run, headless=HEADLESS)  # the real entry path
    run_tui(Path(sys.argv[2]))
"""


def make_diary(size: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="twitchtui-tui-bench-"))
    twitches, logs = generate(NOW, days=max(1, round(size / PER_DAY)), per_day=PER_DAY, seed=size)
    db = folder / "diary.json"
    Store.open(db, now=lambda: NOW).merge(twitches[-size:], logs)
    return db


async def keypress_latency(
    db: Path, presses: int, during_rebuild: bool = False
) -> tuple[list[float], list[float]]:
    """Per press: ms from the key's action to saved on disk, and to shown on screen.

    With ``during_rebuild``, every press lands just as the findings and charts
    start rebuilding (the worst moment; normally the rebuild waits for a quiet
    second after the last change)."""
    # The collector as `twitchtui` runs it (tui.run_tui): paused for start-up,
    # then what start-up built is frozen out of later collections.
    gc.disable()
    app = TwitchApp(db, now=lambda: NOW, poll_seconds=3600, on_ready=_resume_gc)
    to_disk: list[float] = []
    to_screen: list[float] = []
    started = [0.0]
    shown = asyncio.Event()
    apply = ops.LogTwitch.apply

    def timed_apply(self: ops.LogTwitch, store: Store) -> ops.Op:
        inverse = apply(self, store)
        to_disk.append((time.perf_counter() - started[0]) * 1000)
        return inverse

    ops.LogTwitch.apply = timed_apply  # type: ignore[method-assign]
    try:
        async with app.run_test() as pilot:
            # Steady state: the charts and findings are built shortly after the
            # first frame; presses are measured once that is done.
            while not (isinstance(app.screen, DashboardScreen) and app.screen.is_settled):
                await pilot.pause(0.05)
            screen = app.screen
            await app.workers.wait_for_complete()
            await pilot.pause()
            action, applied = screen.action_log_twitch, screen._applied

            def timed_action() -> None:
                started[0] = time.perf_counter()
                action()

            def timed_applied(outcome: Outcome) -> None:
                applied(outcome)
                to_screen.append((time.perf_counter() - started[0]) * 1000)
                shown.set()

            screen.action_log_twitch = timed_action  # type: ignore[method-assign]
            screen._applied = timed_applied  # type: ignore[method-assign]
            for _ in range(presses):
                shown.clear()
                if during_rebuild:
                    screen.rebuild()
                await pilot.press("t")
                await shown.wait()
                await pilot.pause(0.1)  # a person presses t at most a few times a second
                while during_rebuild and not screen.is_settled:
                    await pilot.pause(0.02)
    finally:
        ops.LogTwitch.apply = apply  # type: ignore[method-assign]
        gc.enable()
        gc.unfreeze()  # the next size starts from the same state
    return to_disk, to_screen


def start_ms(cases: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Whole-process times per case, each started in a 120x40 pseudo-terminal.
    The cases take turns, round by round, so drift in the machine's speed hits
    them alike; a round's times can be compared with each other."""
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for warm_up in (True, *([False] * runs)):  # the first round warms caches and bytecode
        for name, args in cases.items():
            with tempfile.NamedTemporaryFile("r", suffix=".txt") as result:
                env = {**ENV, "TERM": "xterm-256color", "BENCH_OUT": result.name}
                begin = time.time()
                in_terminal([sys.executable, "-c", CHILD, *args], env)
                text = Path(result.name).read_text()
            frame = float(text.split("FIRST-FRAME ", 1)[1].split()[0])
            if not warm_up:
                samples[name].append((frame - begin) * 1000)
    return samples


def in_terminal(cmd: list[str], env: dict[str, str], size: tuple[int, int] = (120, 40)) -> None:
    """Run ``cmd`` in a pseudo-terminal of ``size``, as in a terminal pane,
    reading (and dropping) all it draws until it exits."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of the right size, then the app
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        os.execve(cmd[0], cmd, env)
    try:
        while True:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:  # the child closed the terminal
                break
    finally:
        os.waitpid(pid, 0)
        os.close(fd)


def idle_cpu_ms(cases: dict[str, list[str]], seconds: float) -> dict[str, float]:
    """CPU milliseconds each app uses over ``seconds`` of sitting untouched in
    a terminal, after its start-up has settled. One after the other, so
    neither slows the other."""
    out: dict[str, float] = {}
    for name, args in cases.items():
        with tempfile.NamedTemporaryFile("r", suffix=".txt") as result:
            env = {
                **ENV,
                "TERM": "xterm-256color",
                "BENCH_IDLE_SECONDS": str(seconds),
                "BENCH_OUT": result.name,
            }
            in_terminal([sys.executable, "-c", CHILD, *args], env)
            text = Path(result.name).read_text()
        out[name] = float(text.split("IDLE-CPU ", 1)[1].split()[0])
    return out


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--starts", type=int, default=15)
    parser.add_argument("--idle", type=float, default=60, help="seconds of idle to measure")
    args = parser.parse_args()
    diaries = {size: make_diary(size) for size in args.sizes}
    try:
        print("Keypress `t`: ms until saved on disk, and until the screen shows it\n")
        print("| twitches | when | saved, median | saved, p95 | shown, median | shown, p95 |")
        print("|---:|---|---:|---:|---:|---:|")
        for size, db in diaries.items():
            for during, when in ((False, "usual"), (True, "during a rebuild")):
                presses = args.presses if not during else max(10, args.presses // 3)
                disk, screen = asyncio.run(keypress_latency(db, presses, during))
                print(
                    f"| {size:,} | {when} | {statistics.median(disk):.2f} | {p95(disk):.2f} "
                    f"| {statistics.median(screen):.2f} | {p95(screen):.2f} |"
                )
        largest = diaries[max(diaries)]
        times = start_ms({"bare": ["bare"], "ours": ["ours", str(largest)]}, args.starts)
        bare, ours = (statistics.median(times[name]) for name in ("bare", "ours"))
        paired = statistics.median(o / b for o, b in zip(times["ours"], times["bare"], strict=True))
        print(f"\nStart of the process to its first frame, median of {args.starts}\n")
        print("| app | ms | × bare | × bare, same round |\n|---|---:|---:|---:|")
        print(f"| bare Textual app (Header + Static + Footer) | {bare:.0f} | 1.00 | 1.00 |")
        print(
            f"| twitchtui, {max(diaries):,}-twitch diary | {ours:.0f} | {ours / bare:.2f} "
            f"| {paired:.2f} |"
        )
        print(
            "\n(× bare: the ratio of the medians. Same round: the median of each "
            "round's own ratio, which the machine's drift between rounds cannot move.)"
        )
        if args.idle:
            cpu = idle_cpu_ms({"bare": ["bare"], "ours": ["ours", str(largest)]}, args.idle)
            print(f"\nCPU used sitting untouched in a terminal for {args.idle:g} s\n")
            print("| app | CPU ms | × bare |\n|---|---:|---:|")
            print(f"| bare Textual app (Header + Static + Footer) | {cpu['bare']:.0f} | 1.00 |")
            print(
                f"| twitchtui, {max(diaries):,}-twitch diary | {cpu['ours']:.0f} "
                f"| {cpu['ours'] / cpu['bare']:.2f} |"
            )
    finally:
        for db in diaries.values():
            shutil.rmtree(db.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
