"""How long a clip takes against the floor: x264 alone encoding the same frames.

Renders a clip template for the seed article (default: clip-default, about
20 s at 1080x1920, 30 fps) with ``render_clips`` and times it; then writes
the exact frames the renderer produced to a raw I420 file (same compositor,
untimed), and times ffmpeg encoding that file with the same x264 settings
(preset, CRF, profile, pixel format, colour tags) and nothing else: the floor.
The raw file is read back from the page cache, so the floor pays no disk
cost; it pays neither text rendering, compositing, audio nor muxing.

    .venv/bin/python benchmarks/bench_clip.py [--template clip-photo --photo synthetic] [--runs 3]

Prints one JSON object (seconds; ratio = render / floor).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "otan-ukraine-fr.txt"


def seed_story():
    from repackage.article import read_article
    from repackage.editorial import build_story

    return build_story(read_article(SEED))


def synthetic_photo(path: Path) -> Path:
    """A photo-like 1600x1200 JPEG (bright sky, hills, fine texture)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from _clip_story import make_photo

    return make_photo(path)


def machine() -> dict:
    from importlib.metadata import version

    import PIL

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    ffmpeg = subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True).stdout.split("\n")[0]
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(), "pillow": PIL.__version__,
            "moviepy": version("moviepy"), "opencv": version("opencv-python-headless"), "numpy": np.__version__,
            "ffmpeg": ffmpeg, "load_before": os.getloadavg()}


def main() -> None:
    from repackage.render import clips
    from repackage.render import video
    from repackage.templating import load_template

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", default="clip-default")
    parser.add_argument("--photo", help="a photo file, or 'synthetic'")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement; the median is reported")
    args = parser.parse_args()
    info = machine()
    story = seed_story()
    with tempfile.TemporaryDirectory(prefix="bench-clip-") as tmp:
        tmp = Path(tmp)
        photos = [synthetic_photo(tmp / "photo.jpg") if args.photo == "synthetic" else Path(args.photo)] \
            if args.photo else []
        renders = []
        for i in range(args.runs):
            t0 = time.perf_counter()
            assets = clips.render_clips(story, tmp / f"out{i}", template=args.template, photos=photos)
            renders.append(time.perf_counter() - t0)
        clip = assets[0]
        template = load_template(args.template)
        plan, arts = clips.plan_and_draw(story, template, photos=photos)
        timeline = clips.build_timeline(plan, arts)
        silent = []
        for i in range(args.runs):  # the video alone: compositing + x264, no audio, no sidecars
            t0 = time.perf_counter()
            video.encode_video(timeline, tmp / f"silent{i}.mp4")
            silent.append(time.perf_counter() - t0)
        raw = tmp / "frames.yuv"
        with open(raw, "wb") as f:
            for frame in video.iter_frames(timeline):
                f.write(memoryview(frame).cast("B"))
        floors = []
        for i in range(args.runs):
            t0 = time.perf_counter()
            video.encode_raw_file(raw, timeline.size, timeline.fps, tmp / f"floor{i}.mp4")
            floors.append(time.perf_counter() - t0)
        render, floor, video_only = statistics.median(renders), statistics.median(floors), statistics.median(silent)
        result = {
            "command": " ".join([Path(sys.executable).name, *sys.argv]),
            "template": args.template, "photo": args.photo, "frames": timeline.frames,
            "size": f"{timeline.size[0]}x{timeline.size[1]}", "clip_seconds": round(clip.duration, 2),
            "scenes": clip.extra["scenes"], "ken_burns_scenes": sum(s.ken_burns is not None for s in plan.scenes),
            "render_clips_s": round(render, 2), "video_only_s": round(video_only, 2), "floor_s": round(floor, 2),
            "ratio_render_clips": round(render / floor, 2), "ratio_video_only": round(video_only / floor, 2),
            "realtime_factor": round(clip.duration / render, 2),
            "runs": {"render_clips": [round(x, 2) for x in renders], "video_only": [round(x, 2) for x in silent],
                     "floor": [round(x, 2) for x in floors]},
            "machine": {**info, "load_after": os.getloadavg()},
        }
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
