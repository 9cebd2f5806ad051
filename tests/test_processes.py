"""Real processes: SIGKILL during writes, and several writers at once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from twitchtui.store import Store

WRITER = r"""
import sys
from datetime import datetime, timedelta, timezone
from twitchtui.model import Twitch
from twitchtui.store import Store

path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
start = datetime(2026, 11, 18, 8, 0, tzinfo=timezone.utc)
store = Store.open(path, lock_timeout=30)
for i in range(count):
    # Spread over two months so that several shards are written.
    at = start - timedelta(days=(i % 40), seconds=i)
    saved = store.log_twitch(Twitch(at=at, note=f"{tag}-{i}"))
    print(saved.id, flush=True)  # acknowledged: it is on disk
"""


def _writer(path: Path, tag: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), tag, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_never_loses_an_acknowledged_entry(tmp_path: Path) -> None:
    path = tmp_path / "diary.json"
    rng = random.Random(7)
    acknowledged: set[str] = set()
    kills = 0
    for round_ in range(25):
        proc = _writer(path, f"r{round_}", 100_000)
        # Let it start and write for a random while, then kill it mid-stream.
        time.sleep(0.35 + rng.random() * 0.3)
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        kills += 1
        acknowledged.update(line for line in out.split() if len(line) == 32)
        # Every time: the diary opens and holds every acknowledged entry.
        ids = {t.id for t in Store.open(path).twitches()}
        missing = acknowledged - ids
        assert not missing, f"after kill {kills}: {len(missing)} acknowledged entries lost"
    assert kills == 25
    assert len(acknowledged) > 100  # the writers really were writing when killed


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "diary.json"
    Store.open(path)
    procs = [_writer(path, f"w{n}", 60) for n in range(4)]
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
    twitches = Store.open(path).twitches()
    assert len(twitches) == 240
    notes = {t.note for t in twitches}
    assert notes == {f"w{n}-{i}" for n in range(4) for i in range(60)}


HANGUP_IGNORED = """
import runpy, signal, sys
signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
sys.argv = ["twitchtui", "--db", sys.argv[1]]
runpy.run_module("twitchtui", run_name="__main__")
"""


def test_the_dashboard_leaves_once_its_terminal_has_gone_though_no_hangup_came(
    tmp_path: Path,
) -> None:
    """A dashboard whose terminal closed without a SIGHUP reaching it (nohup,
    an SSH session that dropped) spun a core at 100% for as long as it lived:
    Textual's input thread read its end of file in a loop. It now exits."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    db = tmp_path / "diary.json"
    demo = [sys.executable, "-m", "twitchtui", "demo", "--db", str(db)]
    subprocess.run(demo, check=True, capture_output=True)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    proc = subprocess.Popen(
        [sys.executable, "-c", HANGUP_IGNORED, str(db)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    try:
        seen = b""
        deadline = time.monotonic() + 60
        while b"twitch diary" not in seen:  # the header: the screen is up
            assert time.monotonic() < deadline, seen[-500:]
            if select.select([master], [], [], 1.0)[0]:
                seen += os.read(master, 65536)
        os.close(master)  # the terminal goes; the app is sent no signal
        master = -1
        assert proc.wait(timeout=60) == 0
    finally:
        if master >= 0:
            os.close(master)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
