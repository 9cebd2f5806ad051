"""Store jobs take turns: one at a time, and a waiting save goes first."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from twitchtui.turns import Turns


def _wait_until(condition: Callable[[], object], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def _race_once() -> list[str]:
    """A rebuild step holds the turn; a read starts waiting, then a save."""
    turns = Turns()
    order: list[str] = []
    release = threading.Event()

    def holder() -> None:
        with turns.read():
            order.append("rebuild step")
            release.wait(5)

    def job(kind: str) -> None:
        with getattr(turns, kind)():
            order.append(kind)

    first = threading.Thread(target=holder, daemon=True)
    first.start()
    _wait_until(lambda: order == ["rebuild step"])
    reader = threading.Thread(target=job, args=("read",), daemon=True)
    reader.start()
    _wait_until(lambda: turns.waiting == (1, 0))  # the read is waiting first
    writer = threading.Thread(target=job, args=("write",), daemon=True)
    writer.start()
    _wait_until(lambda: turns.waiting == (1, 1))  # and now the save is waiting too
    release.set()
    for thread in (first, reader, writer):
        thread.join(5)
    assert not any(t.is_alive() for t in (first, reader, writer))
    return order


def test_a_waiting_save_goes_before_a_read_that_waited_longer() -> None:
    # Which waiting thread wakes first is up to the scheduler, so try it often.
    orders = {tuple(_race_once()) for _ in range(25)}
    assert orders == {("rebuild step", "write", "read")}


def test_one_job_at_a_time() -> None:
    turns = Turns()
    inside = 0
    most = 0
    lock = threading.Lock()

    def work(kind: str) -> None:
        nonlocal inside, most
        for _ in range(200):
            with getattr(turns, kind)():
                with lock:
                    inside += 1
                    most = max(most, inside)
                time.sleep(0)  # let the other threads try to get in
                with lock:
                    inside -= 1

    threads = [threading.Thread(target=work, args=(k,), daemon=True) for k in ("read", "write") * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not any(t.is_alive() for t in threads)
    assert (most, inside) == (1, 0)


def test_a_job_that_fails_gives_up_its_turn() -> None:
    turns = Turns()
    try:
        with turns.write():
            raise OSError("disk full")
    except OSError:
        pass
    done = threading.Event()

    def read() -> None:
        with turns.read():
            done.set()

    threading.Thread(target=read, daemon=True).start()
    assert done.wait(5)
