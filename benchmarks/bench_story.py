"""Story stage time: the first article of a process (model load included) and
every further one, per language, plus the wall time of `repackage story` on
the seed as a user runs it.

    .venv/bin/python benchmarks/bench_story.py [--runs 3]

Articles: the seed and the English example of examples/, and, when
../shared/eval-dev is beside the checkout, its 32 development articles (read
in place). Targets (issue 7): `repackage story` on the seed <= 3 s wall;
<= 150 ms per further article in the same process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL_DEV = ROOT.parent / "shared" / "eval-dev" / "articles"


def first_and_further() -> None:
    code = f"""
import time, glob, statistics
t0 = time.perf_counter()
from repackage.pipeline import load_story
t1 = time.perf_counter()
load_story({str(ROOT / 'examples' / 'otan-ukraine-fr.txt')!r})
t2 = time.perf_counter()
print(f"import {{(t1 - t0) * 1000:.0f}} ms; first article (fr, model loaded) {{(t2 - t1) * 1000:.0f}} ms")
for lang in ("fr", "en"):
    files = sorted(glob.glob({str(EVAL_DEV)!r} + f"/{{lang}}-*.txt"))
    if lang == "en":
        files = [{str(ROOT / 'examples' / 'riverton-tidal-barrier-en.txt')!r}] + files
    times = []
    cpus = []
    for f in files:
        t = time.perf_counter(); c = time.process_time(); load_story(f)
        times.append((time.perf_counter() - t) * 1000); cpus.append((time.process_time() - c) * 1000)
    if times:
        q = statistics.quantiles(times, n=10) if len(times) > 2 else times
        print(f"{{lang}}: {{len(times)}} articles, first {{times[0]:.0f}} ms, further median "
              f"{{statistics.median(times[1:] or times):.0f}} ms, p90 {{q[-1]:.0f}} ms wall; "
              f"further median {{statistics.median(cpus[1:] or cpus):.0f}} ms CPU")
"""
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def cli_wall(runs: int) -> None:
    exe = ROOT / ".venv" / "bin" / "repackage"
    walls, cpus = [], []
    for _ in range(runs):
        t = time.perf_counter()
        before = os.times()
        subprocess.run([str(exe), "story", "examples/otan-ukraine-fr.txt"], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        after = os.times()
        walls.append(time.perf_counter() - t)
        cpus.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
    print(f"`repackage story examples/otan-ukraine-fr.txt`: wall median {statistics.median(walls):.2f} s "
          f"(min {min(walls):.2f}, max {max(walls):.2f}, {runs} runs); CPU median {statistics.median(cpus):.2f} s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    cli_wall(a.runs)
    first_and_further()
    return 0


if __name__ == "__main__":
    sys.exit(main())
