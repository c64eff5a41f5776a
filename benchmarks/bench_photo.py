#!/usr/bin/env python3
"""Time and peak memory to load a very large photo (``render.image.load_photo``).

    .venv/bin/python benchmarks/bench_photo.py [--side 10000]

Writes a SIDE×SIDE JPEG (a gradient with noise, so it does not compress to
nothing), then loads it in a fresh process twice: as repackage does (JPEG
draft decoding at a reduced scale, kept at most PHOTO_MAX_SIDE px) and, for
comparison, a plain full decode with Pillow. Reports wall time, the peak
resident memory the load adds (VmHWM, reset after the imports) and what stays.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys, time, warnings
sys.path.insert(0, sys.argv[3])
from PIL import Image
from repackage.render.image import load_photo  # imported first: its import is not the photo's cost
path, mode = sys.argv[1], sys.argv[2]
def hwm():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) / 1024
def rss():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]) / 1024
with open("/proc/self/clear_refs", "w") as fh:  # reset the peak: the imports are not the photo's cost
    fh.write("5")
base = rss()
t = time.perf_counter()
if mode == "repackage":
    im = load_photo(path)
else:
    warnings.simplefilter("ignore")
    Image.MAX_IMAGE_PIXELS = None
    with Image.open(path) as src:
        im = src.convert("RGB")
dt = time.perf_counter() - t
print(f"{mode:10s} {im.size[0]}x{im.size[1]}  {dt * 1000:7.0f} ms  peak memory for the photo {hwm() - base:5.0f} MiB, kept {rss() - base:5.0f} MiB")
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--side", type=int, default=10_000)
    args = ap.parse_args()
    import numpy as np
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.jpg"
        rng = np.random.default_rng(1)
        tile = (rng.random((1000, 1000, 3)) * 64).astype(np.uint8)
        grad = np.linspace(0, 190, args.side, dtype=np.float32).astype(np.uint8)
        img = np.empty((args.side, args.side, 3), np.uint8)
        img[:] = grad[None, :, None]
        img += np.tile(tile, (args.side // 1000 + 1, args.side // 1000 + 1, 1))[: args.side, : args.side]
        Image.fromarray(img).save(path, quality=85)
        del img
        print(f"{args.side}x{args.side} JPEG, {path.stat().st_size / 1e6:.1f} MB ({args.side ** 2 / 1e6:.0f} MP)")
        for mode in ("repackage", "full"):
            subprocess.run([sys.executable, "-c", CHILD, str(path), mode, str(ROOT / "src")], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
