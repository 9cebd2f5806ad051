"""Dashboard benchmark: key latency, start-up, memory and CPU, each against a bare app.

    .venv/bin/python benchmarks/tui.py [--sizes 1000 100000] [--presses 100]
                                       [--starts 15] [--idle 60] [--tmux-starts 7]
                                       [--rounds 1] [--compress 30] [--keys 300]
                                       [--per-key 20]

1. Keypress to saved: the time from the ``t`` key's action to the moment the
   twitch is on disk (fsynced), and to the moment the screen shows it (toast
   and counter), inside a headless app, over ``--presses`` presses spaced
   like a person's, once the dashboard has settled (charts built). Median and
   p95. Then again with each press landing just as the findings and charts
   start rebuilding, the worst moment for a press. The baseline row is the
   disk alone: the same durable write (write, fsync, rename, fsync of the
   folder) of the file the presses wrote, with no app around it. A press is
   never faster, and a slow fsync there is the disk's, not the app's.
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

4. In tmux, as a person sees it (a real terminal of 120x40, the screen read
   with ``capture-pane``; ``python -m twitchtui`` on the largest diary, and
   the same bare app, taking turns, one warm-up round first):
   - start to the complete first screen: the Footer's keys with its "^p
     palette" hint, and for twitchtui the day's count and its entries table
     (median of ``--tmux-starts``, and of each round's own ratio);
   - settled: twitchtui's chart drawn, against the bare app's first screen;
   - RSS once settled, after ``--keys`` presses of the issue's key round
     (``KEYS``, 0.1 s apart) and again ``--linger`` seconds later;
   - CPU (utime + stime of /proc/<pid>/stat) and wake-ups (context switches
     of every thread) over ``--compress`` seconds with a warm compress
     running, against the bare app sitting idle; and, as a reference, the
     CPU of the bare app with a clock redrawn once a second (``CLOCK``).
5. Memory kept per press: tracemalloc, headless, over a second run of
   ``--per-key`` presses of ``t`` (each undone with ``u``), ``n``, ``1``
   and of the key round (``KEYS``, per key) on the settled dashboard, after
   a first run of as many (bounded caches fill in it).

Targets (issue 26): keypress-to-saved p95 at or under 16 ms at 100k; first
frame within 1.4x the bare app; idle CPU within 1.5x the bare app; in tmux:
complete first screen within 1.4x, settled within 3x, RSS settled within
1.5x, growth over 300 keys within 10%, CPU with a compress running within 2x.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import gc
import os
import pty
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
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

# One machine's diary, as most are: the diaries here are written under this
# device name and every app measured reads them under it (another name would
# read each file as another machine's, checking every entry as an import).
os.environ["TWITCHTUI_DEVICE"] = "bench"
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
WARM = float(os.environ.get("BENCH_WARM", "5"))  # idle is counted from this long after


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


async def workers_done(app) -> None:
    """Wait for every worker. One an exclusive worker replaced while it was
    waited on is done (``WorkerCancelled``); any other failure is raised, not
    measured past (as ``tests/conftest.py`` does)."""
    from textual.worker import WorkerCancelled

    results = await asyncio.gather(*(w.wait() for w in list(app.workers)), return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException) and not isinstance(result, WorkerCancelled):
            raise result


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
            await workers_done(app)
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


def idle_cpu_ms(cases: dict[str, list[str]], seconds: float, warm: float) -> dict[str, float]:
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
                "BENCH_WARM": str(warm),
                "BENCH_OUT": result.name,
            }
            in_terminal([sys.executable, "-c", CHILD, *args], env)
            text = Path(result.name).read_text()
        out[name] = float(text.split("IDLE-CPU ", 1)[1].split()[0])
    return out


# ---------------------------------------------------------------- in tmux, as a person sees it

BARE = r"""
from textual.app import App
from textual.widgets import Footer, Header, Static


class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()


Bare().run()
"""

CLOCK = r"""
from textual.app import App
from textual.widgets import Footer, Header, Static


class Clock(App):
    def compose(self):
        yield Header()
        yield Static("10:00", id="clock")
        yield Footer()

    def on_mount(self):
        self.left = 600
        self.set_interval(1, self.tick)

    def tick(self):
        self.left -= 1
        text = f"{self.left // 60:02d}:{self.left % 60:02d}"
        self.query_one("#clock", Static).update(text, layout=False)


Clock().run()
"""
"""The reference for a compress's CPU: the bare app with a clock redrawn once
a second (its five cells, no layout): what one redraw a second costs in
Textual at the least."""

SOCKET = f"twitchtui-bench-{os.getpid()}"
"""A tmux server of the benchmark's own (``tmux -L``): no other session is touched."""

KEYS = ["t", "u", "v", "n", "3", "v", "n", "1", "t", "u", "2", "4"]
"""The key round the issue measured growth with: log and undo, charts and
ranges, the panes (each round leaves the diary as it was)."""

PALETTE = "^p palette"
"""The Footer's command-palette hint: on screen once the Footer has its keys."""
COUNT = re.compile(r"\d+ twitch(es)? today")
TABLE = "Triggers / note"
"""The entries table's header."""


def complete(text: str, ours: bool) -> bool:
    """The complete first screen: the Footer's keys and, for twitchtui, the
    day's count and its entries table."""
    return PALETTE in text and (not ours or (bool(COUNT.search(text)) and TABLE in text))


def charts_drawn(text: str) -> bool:
    """The trends pane shows its chart (its title, and the x axis's ticks)."""
    return "Twitches per day" in text and "┬" in text


def tmux(*args: str) -> str:
    # The server starts with the first call and passes its environment on to
    # every pane: never PYTHONDONTWRITEBYTECODE, which would time the compiler
    # (a changed module recompiled at every start) instead of the app.
    done = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, env=ENV)
    return done.stdout


@dataclass
class Pane:
    """One app running in a tmux pane of 120x40, read as a person sees it."""

    name: str
    cmd: list[str]
    env: dict[str, str]
    began: float = field(default=0.0)

    def start(self) -> None:
        self.began = time.perf_counter()
        env = [f"{k}={v}" for k, v in self.env.items()]
        # The pane's own size, never a COLUMNS or LINES the caller had (pytest sets them).
        unset = ["-u", "COLUMNS", "-u", "LINES", "-u", "PYTHONDONTWRITEBYTECODE"]
        cmd = ["env", *unset, *env, *self.cmd]
        tmux("new-session", "-d", "-s", self.name, "-x", "120", "-y", "40", *cmd)

    def text(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.name)

    def wait(self, ready: Callable[[str], bool], timeout: float = 60) -> float:
        """Seconds from the start until ``ready`` holds of the screen."""
        while not ready(self.text()):
            if time.perf_counter() - self.began > timeout:
                raise RuntimeError(f"{self.name}: not ready in {timeout} s:\n{self.text()}")
            time.sleep(0.005)
        return time.perf_counter() - self.began

    def quiet(self, seconds: float = 1.0, timeout: float = 60) -> None:
        """Wait until the screen has not changed for ``seconds``."""
        last, since, began = self.text(), time.perf_counter(), time.perf_counter()
        while time.perf_counter() - since < seconds and time.perf_counter() - began < timeout:
            time.sleep(0.05)
            now = self.text()
            if now != last:
                last, since = now, time.perf_counter()

    @property
    def pid(self) -> int:
        return int(tmux("display-message", "-p", "-t", self.name, "#{pane_pid}"))

    def rss_kib(self) -> int:
        status = Path(f"/proc/{self.pid}/status").read_text()
        return int(status.split("VmRSS:", 1)[1].split()[0])

    def cpu_ms(self) -> float:
        """User plus system CPU of the process (every thread), in ms."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

    def wakeups(self) -> int:
        """Context switches of every thread so far (each one a wake-up, or a pre-emption)."""
        total = 0
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            for line in (task / "status").read_text().splitlines():
                if "ctxt_switches:" in line:
                    total += int(line.split()[1])
        return total

    def press(self, key: str) -> None:
        tmux("send-keys", "-t", self.name, key)

    def stop(self) -> None:
        tmux("kill-session", "-t", self.name)


def tmux_clock_cpu_ms(folder: Path, seconds: float) -> float:
    """CPU of the reference (``CLOCK``) over ``seconds``, once its first screen is up."""
    pane = Pane("clock", [str(Path(sys.executable).absolute()), "-c", CLOCK], tmux_env(folder))
    pane.start()
    try:
        pane.wait(lambda text: complete(text, False))
        time.sleep(3.0)  # as tmux_day: settled, then the 2 s after its f
        cpu = pane.cpu_ms()
        time.sleep(seconds)
        return pane.cpu_ms() - cpu
    finally:
        pane.stop()


def tmux_env(folder: Path) -> dict[str, str]:
    """The benchmark's clock, cache and state folders."""
    return {
        "TERM": "xterm-256color",
        "TWITCHTUI_NOW": NOW.isoformat(),
        "TWITCHTUI_CACHE_DIR": str(folder / "cache"),
        "TWITCHTUI_STATE_DIR": str(folder / "state"),
    }


def tmux_cases(db: Path, folder: Path) -> dict[str, Pane]:
    """The bare app and twitchtui (its real entry point, ``python -m twitchtui``)
    with the benchmark's clock, cache and state folders."""
    env = tmux_env(folder)
    python = str(Path(sys.executable).absolute())
    # A session that outlives the apps' own: the server stays up between them
    # (one closing its last session races the next one's start).
    tmux("new-session", "-d", "-s", "keep", "-x", "10", "-y", "3", "sleep", "86400")
    return {
        "bare": Pane("bare", [python, "-c", BARE], env),
        "ours": Pane("ours", [python, "-m", "twitchtui", "--db", str(db)], env),
    }


def tmux_start_ms(db: Path, runs: int) -> dict[str, list[float]]:
    """Start to the complete first screen, as tmux shows it, the two apps
    taking turns (one warm-up round first)."""
    samples: dict[str, list[float]] = {"bare": [], "ours": []}
    with tempfile.TemporaryDirectory() as folder:
        for warm_up in (True, *([False] * runs)):
            for name, pane in tmux_cases(db, Path(folder)).items():
                pane.start()
                try:
                    took = pane.wait(lambda text, ours=name == "ours": complete(text, ours))
                finally:
                    pane.stop()
                if not warm_up:
                    samples[name].append(took * 1000)
    return samples


@dataclass
class Day:
    """What one app did in tmux: start, settle, a warm compress, keys."""

    settled_ms: float = 0.0
    """Start to settled: twitchtui's chart drawn (the bare app: its first screen)."""
    rss_settled: int = 0
    cpu_compress_ms: float = 0.0
    """CPU over the idle spell with a warm compress running (bare: untouched)."""
    wakeups: int = 0
    rss_after_keys: int = 0
    rss_after_idle: int = 0


def tmux_day(pane: Pane, ours: bool, idle_s: float, keys: int, linger: float) -> Day:
    """Settle, a warm compress running for ``idle_s`` (CPU), ``keys`` presses
    of the key round 0.1 s apart, then RSS once the screen is quiet and again
    after ``linger`` seconds more."""
    day = Day()
    pane.start()
    try:
        ready: Callable[[str], bool] = charts_drawn if ours else (lambda t: complete(t, False))
        day.settled_ms = pane.wait(ready) * 1000
        pane.quiet(1.0)
        day.rss_settled = pane.rss_kib()
        if idle_s:
            pane.press("f")  # twitchtui: a warm compress; the bare app: nothing
            time.sleep(2.0)
            cpu, wakes = pane.cpu_ms(), pane.wakeups()
            time.sleep(idle_s)
            day.cpu_compress_ms = pane.cpu_ms() - cpu
            day.wakeups = pane.wakeups() - wakes
            pane.press("f")  # stopped under a minute: not saved
        for i in range(keys):
            pane.press(KEYS[i % len(KEYS)])
            time.sleep(0.1)  # a person's pace
        pane.quiet(1.0)
        day.rss_after_keys = pane.rss_kib()
        time.sleep(linger)
        day.rss_after_idle = pane.rss_kib()
    finally:
        pane.stop()
    return day


def tmux_days(
    db: Path, rounds: int, idle_s: float, keys: int, linger: float
) -> dict[str, list[Day]]:
    """``tmux_day`` for the bare app and twitchtui, taking turns, and the
    reference clock's CPU (``CLOCK``) after them each round."""
    out: dict[str, list[Day]] = {"bare": [], "ours": [], "clock": []}
    with tempfile.TemporaryDirectory() as folder:
        first = tmux_cases(db, Path(folder))["ours"]  # builds the derived index, as a first run
        first.start()
        try:
            first.wait(charts_drawn)
        finally:
            first.stop()
        for _ in range(rounds):
            for name, pane in tmux_cases(db, Path(folder)).items():
                out[name].append(tmux_day(pane, name == "ours", idle_s, keys, linger))
            if idle_s:
                out["clock"].append(Day(cpu_compress_ms=tmux_clock_cpu_ms(Path(folder), idle_s)))
    return out


# ---------------------------------------------------------------- memory per key, headless


async def kib_per_press(db: Path, presses: int) -> dict[str, float]:
    """KiB still allocated (tracemalloc) per press of ``t``, ``n`` and ``1``
    on a settled headless dashboard: the growth over a second run of
    ``presses`` presses, after a first run of as many (bounded caches, the
    store's and Textual's, fill in the first). ``t`` is each followed by
    ``u``, so the diary stays as it was."""
    # A rebuild at once after each press: the quiet second matters to speed, not memory.
    app = TwitchApp(db, now=lambda: NOW, poll_seconds=3600, rebuild_seconds=0.01)
    out: dict[str, float] = {}
    ours = [tracemalloc.Filter(False, tracemalloc.__file__)]  # not the snapshots themselves
    # With the toasts a person sees (run_test shows none unless asked): every
    # t and u shows one over the last, and Textual's clear once kept each.
    async with app.run_test(size=(120, 40), notifications=True) as pilot:

        async def settle() -> None:
            await pilot.pause()
            while not (isinstance(app.screen, DashboardScreen) and app.screen.is_settled):
                await pilot.pause(0.05)
            await workers_done(app)
            await pilot.pause()

        await settle()
        for name, keys in (("t", ["t", "u"]), ("n", ["n"]), ("1", ["1"]), ("round", KEYS)):
            tracemalloc.start()
            snapshots = []
            for _ in range(2):
                for _ in range(presses):
                    for key in keys:
                        await pilot.press(key)
                        await settle()
                gc.collect()
                snapshots.append(tracemalloc.take_snapshot().filter_traces(ours))
            tracemalloc.stop()
            kept = snapshots[1].compare_to(snapshots[0], "filename")
            per = presses * (len(keys) if name == "round" else 1)
            out[name] = sum(stat.size_diff for stat in kept) / 1024 / per
    return out


def durable_writes_ms(db: Path, writes: int) -> list[float]:
    """The disk alone, as a baseline for "saved": ms for the durable write a
    ``t`` makes (write, fsync, rename over, fsync of the folder), of the
    file the presses wrote last, in the same folder, spaced like the presses.
    A press can never be faster than this; an outlier here is the disk's."""
    folder = db.parent
    newest = max(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
    data = newest.read_bytes()
    scratch, target = folder / "bench-disk.tmp", folder / "bench-disk.json"
    times = []
    try:
        for _ in range(writes):
            start = time.perf_counter()
            fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(scratch, target)
            dirfd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dirfd)
            finally:
                os.close(dirfd)
            times.append((time.perf_counter() - start) * 1000)
            time.sleep(0.1)
    finally:
        target.unlink(missing_ok=True)
    return times


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--starts", type=int, default=15)
    parser.add_argument("--idle", type=float, default=60, help="seconds of idle to measure")
    parser.add_argument("--warm", type=float, default=5, help="seconds before idle is counted")
    parser.add_argument("--linger", type=float, default=10, help="seconds idle after the keys")
    parser.add_argument("--tmux-starts", type=int, default=7, help="start-ups in tmux, each app")
    parser.add_argument("--rounds", type=int, default=1, help="tmux days (settle, compress, keys)")
    parser.add_argument("--compress", type=float, default=30, help="seconds of CPU counted")
    parser.add_argument("--keys", type=int, default=300, help="key presses in tmux")
    parser.add_argument("--per-key", type=int, default=20, help="presses of each key, headless")
    args = parser.parse_args()
    diaries = {size: make_diary(size) for size in args.sizes}
    try:
        print("Keypress `t`: ms until saved on disk, and until the screen shows it\n")
        print(
            "| twitches | when | saved, median | saved, p95 | saved, max "
            "| shown, median | shown, p95 |"
        )
        print("|---:|---|---:|---:|---:|---:|---:|")
        for size, db in diaries.items():
            for during, when in ((False, "usual"), (True, "during a rebuild")):
                presses = args.presses if not during else max(10, args.presses // 3)
                disk, screen = asyncio.run(keypress_latency(db, presses, during))
                print(
                    f"| {size:,} | {when} | {statistics.median(disk):.2f} | {p95(disk):.2f} "
                    f"| {max(disk):.1f} | {statistics.median(screen):.2f} | {p95(screen):.2f} |"
                )
            alone = durable_writes_ms(db, args.presses)
            print(
                f"| {size:,} | the disk alone: the same durable write, no app "
                f"| {statistics.median(alone):.2f} | {p95(alone):.2f} | {max(alone):.1f} | | |"
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
            cpu = idle_cpu_ms(
                {"bare": ["bare"], "ours": ["ours", str(largest)]}, args.idle, args.warm
            )
            print(f"\nCPU used sitting untouched in a terminal for {args.idle:g} s\n")
            print("| app | CPU ms | × bare |\n|---|---:|---:|")
            print(f"| bare Textual app (Header + Static + Footer) | {cpu['bare']:.0f} | 1.00 |")
            print(
                f"| twitchtui, {max(diaries):,}-twitch diary | {cpu['ours']:.0f} "
                f"| {cpu['ours'] / cpu['bare']:.2f} |"
            )
        if shutil.which("tmux"):
            in_tmux(largest, max(diaries), args)
        else:
            print("\n(tmux is not installed: the rows measured in tmux are left out.)")
        if args.per_key:
            grown = asyncio.run(kib_per_press(largest, args.per_key))
            print(
                f"\nMemory kept per press (tracemalloc), headless, {max(diaries):,} twitches: "
                f"presses {args.per_key + 1}-{2 * args.per_key} of each key\n"
            )
            print("| key | KiB per press |\n|---|---:|")
            label = {"t": "`t` then `u`", "n": "`n`", "1": "`1`", "round": "the key round, a key"}
            for key, kib in grown.items():
                print(f"| {label[key]} | {kib:.1f} |")
    finally:
        tmux("kill-server")
        for db in diaries.values():
            shutil.rmtree(db.parent, ignore_errors=True)


def in_tmux(db: Path, size: int, args: argparse.Namespace) -> None:
    """The rows measured in tmux, against the bare app in the same run."""
    if args.tmux_starts:
        times = tmux_start_ms(db, args.tmux_starts)
        bare, ours = (statistics.median(times[name]) for name in ("bare", "ours"))
        paired = statistics.median(o / b for o, b in zip(times["ours"], times["bare"], strict=True))
        print(
            f"\nIn tmux (120x40): start to the complete first screen, median of "
            f"{args.tmux_starts}\n"
        )
        print("| app | ms | × bare | × bare, same round |\n|---|---:|---:|---:|")
        print(f"| bare Textual app (its Footer's keys) | {bare:.0f} | 1.00 | 1.00 |")
        print(
            f"| twitchtui, {size:,} twitches (count, entries, Footer's keys) | {ours:.0f} "
            f"| {ours / bare:.2f} | {paired:.2f} |"
        )
    if not args.rounds:
        return
    days = tmux_days(db, args.rounds, args.compress, args.keys, args.linger)

    def median(name: str, what: Callable[[Day], float]) -> float:
        return statistics.median(what(day) for day in days[name])

    def row(label: str, what: Callable[[Day], float], unit: str = "{:.0f}", x: bool = True) -> None:
        bare, ours = median("bare", what), median("ours", what)
        ratio = f"{ours / bare:.2f}" if bare and x else "-"
        print(f"| {label} | {unit.format(bare)} | {unit.format(ours)} | {ratio} |")

    print(
        f"\nIn tmux (120x40), {size:,} twitches, median of {args.rounds} round(s), the apps "
        "taking turns\n"
    )
    print("| figure | bare app | twitchtui | × bare |\n|---|---:|---:|---:|")
    row("settled, ms (twitchtui: chart drawn; bare: first screen)", lambda d: d.settled_ms)
    row("RSS settled, MiB", lambda d: d.rss_settled / 1024, "{:.1f}")
    if args.compress:
        row(
            f"CPU over {args.compress:g} s, ms (twitchtui: a warm compress running)",
            lambda d: d.cpu_compress_ms,
        )
        row(f"wake-ups over {args.compress:g} s", lambda d: d.wakeups)
    if args.keys:
        row(f"RSS after {args.keys} keys, MiB", lambda d: d.rss_after_keys / 1024, "{:.1f}")
        row(f"RSS {args.linger:g} s later, MiB", lambda d: d.rss_after_idle / 1024, "{:.1f}")
        row(
            f"growth over {args.keys} keys, %",
            lambda d: 100 * (d.rss_after_keys - d.rss_settled) / d.rss_settled,
            "{:+.1f}",
            x=False,
        )
    print(f"\n(keys: `{' '.join(KEYS)}` repeated, 0.1 s apart, sent with tmux send-keys.)")
    if args.compress:
        bare = median("bare", lambda d: d.cpu_compress_ms)
        clock = median("clock", lambda d: d.cpu_compress_ms)
        ours = median("ours", lambda d: d.cpu_compress_ms)
        reference = f"{clock:.0f} ms"
        if bare and clock:
            reference += f", {clock / bare:.2f}× bare; twitchtui's compress {ours / clock:.2f}× it"
        print(
            "\n(Reference, same run: the bare app with a clock redrawn once a second "
            f"(`set_interval(1)`, five cells, no layout), CPU over {args.compress:g} s: "
            f"{reference}.)"
        )


if __name__ == "__main__":
    main()
