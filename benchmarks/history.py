"""Whole-history jobs as shell commands, at growing history, before and after, same run.

    .venv/bin/python benchmarks/history.py [--sizes 1000 100000 500000] [--repeat 3]
        [--base DIR] [--jobs import ...]

For each diary size (built by the demo generator, about 27 twitches a day,
so 500k is fifty years), each command runs as its own process, as a person
runs it: ``flags``, ``report`` (28 days), ``export --format csv`` and
``--format json`` (to a file), and ``import`` of that JSON into a new
diary. Reported: the median wall time in ms, the median CPU time (user
plus system, from ``wait4``: it leaves out the waits for a core or the
disk, so on a shared machine it is what the growth from one size to the
next is read from), the peak RSS in MB (``wait4``'s ``ru_maxrss``), and the
RSS after the dashboard's reads
(``load_today``, ``load_trends`` 30 days, ``load_findings``,
``load_urgent``) in a fresh process.

``--base DIR``: a checkout of another commit (``git worktree add`` or ``git
archive <commit> | tar -x -C DIR``); each command then also runs with that
code (``PYTHONPATH=DIR``), taking turns with this one (in the other order
each round, after an untimed sync), on the same diaries, so "before" and
"after" are of the same run. Every diary is built first; then each round
runs every size in turn, so that a busier spell on the machine falls on
both sides of a growth ratio. Each growth is given four ways: the ratio of
the medians, of the fastest runs (noise only ever adds time), the median of
each round's own ratio, and the spread. The derived index lives in a
cache folder of the run's own; the first ``flags`` of a size (which builds
it) is reported on its own line as "cold".

The first run of each command compiles nothing: bytecode is written, as on
a user's machine (``PYTHONDONTWRITEBYTECODE`` is dropped).
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]

NOW = datetime(2026, 11, 18, 20, 0, tzinfo=timezone(timedelta(hours=1)))
PER_DAY = 27.4

READS = """
import sys
from datetime import datetime
from twitchtui.store import Store
NOW = datetime.fromisoformat(%r)
from twitchtui.views import load_findings, load_today, load_trends, load_urgent
store = Store.open(sys.argv[1], now=lambda: NOW)
load_today(store)
findings = load_findings(store)
load_trends(store, 30, findings)
load_urgent(store)
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        print(int(line.split()[1]) / 1024)
"""


def build(size: int, folder: Path) -> Path:
    """A diary of ``size`` twitches, made in a process of its own (so that
    this one stays small: see ``run``)."""
    path = folder / f"d{size}" / "diary.json"
    code = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from benchmarks.history import make
make({size}, {str(path)!r})
"""
    subprocess.run([sys.executable, "-c", code], check=True, cwd=WORK)
    return path


def make(size: int, path: str) -> None:
    """Build the diary (run in its own process by ``build``)."""
    from twitchtui.demo import generate
    from twitchtui.store import Store

    days = max(1, round(size / PER_DAY))
    twitches, logs = generate(NOW, days=days, per_day=PER_DAY, seed=size)
    Store.open(path, now=lambda: NOW).merge(twitches[-size:], logs)


JOBS = ("flags", "report", "export csv", "export json", "import", "reads")
"""What can be chosen with ``--jobs``; "reads" is the RSS after the dashboard's reads."""

WORK = Path(tempfile.gettempdir())
"""Where the commands run: not this checkout, whose folder would come first
on ``sys.path`` (``python -m`` and ``-c`` put the working folder there) and
hide ``--base``."""


class Ran(NamedTuple):
    """One process's figures."""

    ms: float
    """Wall time."""
    rss: float
    """Peak RSS, MB."""
    text: str
    """Its stdout (when not sent to a file)."""
    cpu: float = 0.0
    """CPU time (user + system), ms: ``wait4``'s usage of the process and of
    the one it ran (``/usr/bin/time`` waits for it). Unlike the wall time it
    leaves out the time spent waiting for a core or the disk, which on a
    shared machine moves by a third between runs."""


def run(cmd: list[str], env: dict[str, str], out: Path | None = None) -> Ran:
    """Wall ms, peak RSS MB, stdout (when not to ``out``) and CPU ms of one process.

    Started through ``/usr/bin/time`` when there is one: a child's
    ``ru_maxrss`` counts the memory of the process it was forked from (Linux
    keeps the old high-water mark at ``exec``), and this one holds diaries."""
    sink = open(out, "wb") if out else subprocess.PIPE  # noqa: SIM115
    peak = WORK / f"peak-{os.getpid()}.txt"
    timer = ["/usr/bin/time", "-f", "%M", "-o", str(peak)] if Path("/usr/bin/time").exists() else []
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*timer, *cmd], stdout=sink, stderr=subprocess.DEVNULL, env=env, cwd=WORK
    )
    text = proc.stdout.read().decode() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    ms = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    if out:
        sink.close()  # type: ignore[union-attr]
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode})")
    kib = int(peak.read_text().split()[-1]) if timer else usage.ru_maxrss
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    return Ran(ms, kib / 1024, text, cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000, 500_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (below 500k)")
    parser.add_argument("--repeat-big", type=int, default=1, help="runs of each at 500k and up")
    parser.add_argument("--base", type=Path, help="a checkout of the commit to compare with")
    parser.add_argument(
        "--jobs",
        nargs="+",
        choices=JOBS,
        default=list(JOBS),
        help="only these (import alone: the export it reads is made once per size, untimed)",
    )
    args = parser.parse_args()
    jobs = set(args.jobs)
    folder = Path(tempfile.mkdtemp(prefix="twitchtui-history-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["TWITCHTUI_NOW"] = NOW.isoformat()
    env["TWITCHTUI_CACHE_DIR"] = str(folder / "cache")
    codes = {"after": {**env, "PYTHONPATH": str(ROOT)}}
    if args.base:
        codes = {"before": {**env, "PYTHONPATH": str(args.base.resolve())}, **codes}
    py = [sys.executable, "-m", "twitchtui"]
    rows: list[tuple[str, int, str, float, float, float]] = []
    every: dict[tuple[str, int, str], list[Ran]] = {}  # each run, for the spread
    try:
        dbs: dict[int, Path] = {}
        for size in args.sizes:
            start = time.perf_counter()
            dbs[size] = db = build(size, folder)
            print(f"built {size:,} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
            if "flags" in jobs:
                for code, e in codes.items():
                    got = run([*py, "flags", "--db", str(db)], e)
                    rows.append(("flags, cold (index built)", size, code, got.ms, got.rss, got.cpu))
            if "export json" not in jobs:  # the file the imports read, made once, untimed
                run([*py, "export", "--db", str(db)], codes["after"], folder / f"made-{size}.json")
        runs_of = {s: args.repeat_big if s >= 500_000 else args.repeat for s in args.sizes}
        # Every size takes its turn in each round (and each code within it),
        # so that a busier quarter of an hour on the machine falls on both
        # sizes of a ratio, not on one; the codes in the other order each
        # round, so neither is always the one right after the other's writes
        # (a 500k import leaves about 130 MB for the kernel to write back).
        for turn in range(max(runs_of.values())):
            for size, db in dbs.items():
                if turn >= runs_of[size]:
                    continue
                order = list(codes.items())
                for code, e in order if turn % 2 == 0 else order[::-1]:
                    one_round(py, jobs, folder, size, db, code, e, every)
        for (name, size, code), runs in every.items():
            rows.append(
                (
                    name,
                    size,
                    code,
                    statistics.median(r.ms for r in runs),
                    statistics.median(r.rss for r in runs),
                    statistics.median(r.cpu for r in runs),
                )
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(
        "Median wall time (ms), CPU time (user + system, ms) and peak RSS (MB) of each "
        "command, as its own process.\n"
    )
    print("| job | twitches | code | ms | CPU ms | MB |\n|---|---:|---|---:|---:|---:|")
    rank = {name: n for n, name in enumerate((*JOBS, "RSS after the dashboard's reads"))}
    rows.sort(key=lambda r: (r[1], rank.get(r[0], -1), r[2] != "before"))
    for name, size, code, ms, rss, cpu in rows:
        shown = "" if name.startswith("RSS") else f"{ms:.0f}"
        print(f"| {name} | {size:,} | {code} | {shown} | {cpu:.0f} | {rss:.1f} |")
    for label, field in (("wall", "ms"), ("CPU", "cpu")):
        print(f"\nGrowth by {label} time: the medians' ratio; the fastest runs' ratio;")
        print("the median of each round's own ratio; and the spread (the slowest big")
        print("run over the fastest small one, and the reverse)\n")
        for code in codes:
            for name in ("flags", "report", "export csv", "export json", "import"):
                for line in growth(every, name, code, field):
                    print(line)


def one_round(
    py: list[str],
    jobs: set[str],
    folder: Path,
    size: int,
    db: Path,
    code: str,
    env: dict[str, str],
    every: dict[tuple[str, int, str], list[Ran]],
) -> None:
    """Each job chosen, once, on the diary of ``size``, with ``code``."""
    export = folder / f"export-{size}-{code}.json"
    if "export json" not in jobs:
        export = folder / f"made-{size}.json"

    def timed(name: str, cmd: list[str], out: Path | None = None) -> None:
        if name not in jobs:
            return
        os.sync()  # the last job's writes on disk, not in this one's time
        every.setdefault((name, size, code), []).append(run(cmd, env, out))

    timed("flags", [*py, "flags", "--db", str(db)])
    timed("report", [*py, "report", "--db", str(db)])
    timed("export csv", [*py, "export", "--format", "csv", "--db", str(db)], folder / "x.csv")
    timed("export json", [*py, "export", "--db", str(db)], export)
    target = folder / f"import-{code}"
    shutil.rmtree(target, ignore_errors=True)
    timed("import", [*py, "import", str(export), "--db", str(target / "d.json")])
    shutil.rmtree(target, ignore_errors=True)
    if "reads" in jobs:
        got = run([sys.executable, "-c", READS % NOW.isoformat(), str(db)], env)
        every.setdefault(("RSS after the dashboard's reads", size, code), []).append(
            got._replace(rss=float(got.text.strip() or 0))
        )


def growth(
    every: dict[tuple[str, int, str], list[Ran]], name: str, code: str, field: str
) -> list[str]:
    """Lines saying how ``name``'s ``field`` grew from each size to the next."""
    got = {
        size: [getattr(r, field) for r in runs]
        for (n, size, c), runs in every.items()
        if n == name and c == code
    }
    lines = []
    for small, big in itertools.pairwise(sorted(got)):
        bigs, smalls = got[big], got[small]
        ratio = statistics.median(bigs) / statistics.median(smalls)
        fastest = min(bigs) / min(smalls)
        rounds = statistics.median(b / s for b, s in zip(bigs, smalls, strict=False))
        low, high = min(bigs) / max(smalls), max(bigs) / min(smalls)
        lines.append(
            f"{code} {name}: {big:,} vs {small:,} = {ratio:.2f}x; fastest {fastest:.2f}x; "
            f"same round {rounds:.2f}x (runs: {low:.2f}-{high:.2f}x)"
        )
    return lines


if __name__ == "__main__":
    main()
