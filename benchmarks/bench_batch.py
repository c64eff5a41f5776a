"""Batch throughput: articles per minute with 1 and 2 local workers and on a
2-worker Dask LocalCluster, CPU utilisation beside it, and the time of a
re-run of the unchanged batch.

Articles: ``../shared/articles/*.txt`` read in place (the development
articles; not in the repository) and the repository's own fixtures
(``tests/data/articles/*``); when fewer than ``-n`` are found, the first ones
are used again under a temporary name with one added sentence (another
article to the ledger: its own hash and folder). Every configuration renders
the default outputs (all card templates, the full 1080x1920 clip, the review
page) into a fresh output folder, each in its own subprocess.

    .venv/bin/python benchmarks/bench_batch.py [-n 20] [--configs local1,local2,cluster2] [--articles GLOB ...]

Throughput is articles / wall time of ``run_batch`` (for the cluster, started
beforehand as a long-running cluster would be). CPU utilisation is the CPU
time of the whole subprocess tree (coordinator, workers, ffmpeg; start-up
included) over its wall time times the number of cores. Prints JSON lines and
a Markdown table.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GLOBS = [str(ROOT.parent / "shared" / "articles" / "*.txt"), str(ROOT / "tests" / "data" / "articles" / "*")]


def pick_articles(globs: list[str], n: int, scratch: Path) -> list[str]:
    found: list[str] = []
    for g in globs:
        found += sorted(glob.glob(g))
    if not found:
        sys.exit(f"no articles match {globs}")
    out = found[:n]
    i = 0
    while len(out) < n:  # a variant: same story, one sentence more (outside the repository)
        src = Path(found[i % len(found)])
        dest = scratch / f"variant-{len(out)}-{src.name}"
        text = src.read_text(encoding="utf-8")
        if src.suffix == ".txt":
            text = text.rstrip() + f"\n\nThis is edition {len(out)} of the story.\n"
            dest.write_text(text, encoding="utf-8")
            out.append(str(dest))
        i += 1
    return out


def child(config: str, articles: list[str], out: str) -> None:
    """Run one configuration (and its unchanged re-run); print one JSON line."""
    from repackage.batch import run_batch
    from repackage.config import Config

    cfg = Config(out=Path(out), quiet=True)
    cluster = None
    scheduler = None
    workers = None
    if config.startswith("cluster"):
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=int(config[7:]), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        with Client(cluster) as c:
            c.wait_for_workers(int(config[7:]))
        scheduler = cluster.scheduler_address
    else:
        workers = int(config[5:])
    t0 = time.perf_counter()
    first = run_batch(articles, cfg, workers=workers, scheduler=scheduler)
    t1 = time.perf_counter()
    rerun = run_batch(articles, cfg, workers=workers, scheduler=scheduler)
    t2 = time.perf_counter()
    if cluster is not None:
        cluster.close()
    print(json.dumps({
        "config": config, "executor": first.executor, "articles": len(first.articles),
        "rendered": first.count("rendered"), "failed": first.count("failed") + first.count("partial"),
        "seconds": t1 - t0, "rerun_seconds": t2 - t1, "rerun_skipped": rerun.count("skipped"),
        "failures": [a.error for a in first.articles if a.status in ("failed", "partial")],
    }))


def run_config(config: str, articles: list[str], scratch: Path) -> dict:
    out = scratch / f"out-{config}"
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--child", config, "--out", str(out), *articles],
                          capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{config} failed:\n{proc.stderr[-3000:]}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cores = len(os.sched_getaffinity(0))
    res.update({
        "articles_per_min": res["rendered"] / res["seconds"] * 60,
        "process_wall": wall, "cpu_seconds": cpu, "cpu_utilisation": cpu / (wall * cores),
        "rerun_fraction": res["rerun_seconds"] / res["seconds"],
    })
    return res


def machine() -> dict:
    model = ""
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"cores": len(os.sched_getaffinity(0)), "cpu": model, "python": platform.python_version(),
            "load_before": os.getloadavg()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=20)
    ap.add_argument("--configs", default="local1,local2,cluster2")
    ap.add_argument("--articles", nargs="*", default=DEFAULT_GLOBS)
    ap.add_argument("--child")
    ap.add_argument("--out")
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()
    if args.child:
        child(args.child, args.paths, args.out)
        return
    print(json.dumps({"machine": machine()}), flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        scratch = Path(tmp)
        articles = pick_articles(args.articles, args.n, scratch)
        results = []
        for config in args.configs.split(","):
            res = run_config(config, articles, scratch)
            res["load_after"] = os.getloadavg()
            print(json.dumps(res), flush=True)
            results.append(res)
    base = next((r for r in results if r["config"] == "local1"), None)
    two = next((r for r in results if r["config"] == "local2"), None)
    print("\n| configuration | articles | wall (s) | articles/min | CPU utilisation | re-run unchanged (s) | re-run / first |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(f"| {r['executor']} | {r['rendered']}/{r['articles']} | {r['seconds']:.1f} | {r['articles_per_min']:.2f} "
              f"| {r['cpu_utilisation'] * 100:.0f} % | {r['rerun_seconds']:.2f} | {r['rerun_fraction'] * 100:.1f} % |")
    if base and two:
        print(f"\n2 local workers over 1: {two['articles_per_min'] / base['articles_per_min']:.2f}x")
    cl = next((r for r in results if r["config"].startswith("cluster")), None)
    if cl and two:
        print(f"LocalCluster vs 2 local processes: {cl['articles_per_min'] / two['articles_per_min'] * 100 - 100:+.1f} %")


if __name__ == "__main__":
    main()
