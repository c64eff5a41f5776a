"""Peak memory of a clip render, whole process tree, for a 20 s and a 120 s clip.

Each render runs in a child Python process (the seed article, clip-default
at 1080x1920 with its music bed, timing stretched to the wanted length in a
temporary copy of the template); this script samples the resident memory
(VmRSS from /proc) of that process and all its descendants (ffmpeg,
ffprobe) every 20 ms and keeps the peak of their sum. Frames stream, so the
120 s clip should stay within 1.2x the 20 s one.

    .venv/bin/python benchmarks/bench_clip_memory.py [--lengths 20 120]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _rss_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
    return int(match.group(1)) if match else 0


def _tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += parents.get(pid, [])
    return out


def measure(seconds: float) -> dict:
    """Run one render of about ``seconds`` in a child; return its peak tree RSS."""
    t0 = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "--child", str(seconds)], stdout=subprocess.PIPE, text=True)
    peak, peak_parts = 0, {}
    while child.poll() is None:
        parts = {_name(pid): _rss_kib(pid) for pid in _tree(child.pid)}
        if sum(parts.values()) > peak:
            peak, peak_parts = sum(parts.values()), parts
        time.sleep(0.02)
    out = child.stdout.read() if child.stdout else ""
    if child.returncode != 0:
        raise SystemExit(f"render of {seconds} s failed")
    return {"target_s": seconds, **json.loads(out), "wall_s": round(time.perf_counter() - t0, 1),
            "peak_tree_rss_mib": round(peak / 1024, 1),
            "at_peak_mib": {name: round(kib / 1024, 1) for name, kib in peak_parts.items() if kib}}


def _name(pid: int) -> str:
    try:
        return f"{Path(f'/proc/{pid}/comm').read_text().strip()} {pid}"
    except OSError:
        return str(pid)


def child(seconds: float) -> None:
    """Render the seed with clip-default stretched to ``seconds``; print its length as JSON."""
    from repackage.article import read_article
    from repackage.render.clips import render_clips
    from repackage.editorial import build_story

    story = build_story(read_article(ROOT / "examples" / "otan-ukraine-fr.txt"))
    with tempfile.TemporaryDirectory(prefix="bench-mem-") as tmp:
        folder = Path(tmp) / "templates" / "clip-default"
        shutil.copytree(ROOT / "templates" / "clip-default", folder)
        toml = folder / "template.toml"
        timing = (f"[timing]\nchars_per_second = 15.0\nmin_scene = 2.5\nmax_scene = {seconds / 2}\n"
                  f"target_min = {seconds}\ntarget_max = {seconds}\nhook_scene = 2.5\noutro_scene = 2.5\n")
        toml.write_text(re.sub(r"\[timing\]\n(?:[a-z_]+ = [0-9.]+\n)+", timing, toml.read_text()))
        assets = render_clips(story, Path(tmp) / "out", templates_dir=folder.parent)
    print(json.dumps({"clip_s": round(assets[0].duration, 2), "frames": assets[0].extra["frames"]}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=float, nargs="+", default=[20.0, 120.0])
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    results = [measure(s) for s in args.lengths]
    ratio = results[-1]["peak_tree_rss_mib"] / results[0]["peak_tree_rss_mib"]
    print(json.dumps({"command": " ".join([Path(sys.executable).name, *sys.argv]), "results": results,
                      "ratio_longest_to_shortest": round(ratio, 3), "load": os.getloadavg()}, indent=2))


if __name__ == "__main__":
    main()
