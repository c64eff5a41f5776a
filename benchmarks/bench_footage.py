"""Time to cut a footage quote clip (``repackage ARTICLE --footage``), step by step.

The footage is the test fixture ``tests/data/speech/footage-face-fr.mp4``
(640x360, 15 fps, 20.9 s, the seed's Macron quote spoken in it by espeak-ng,
a face moving across the frame), the article the seed
(``examples/otan-ukraine-fr.txt``). Steps, each timed (median of ``--runs``):

* transcribe: faster-whisper base (int8, model loaded before timing), RTF;
* plan: quote search + face track (frames sampled at 4 a second) + cues;
* render: ``render_footage_clip`` end to end (decode, reframe, text, x264 +
  AAC, subtitles, ffprobe), and the same frames composed without encoding;
* floor: x264 alone on the very frames the renderer composed (dumped raw,
  read from the page cache) with the same options, swscale RGB -> BT.709
  I420 included.

Per second of clip, to compare with the default clip's figures in
benchmarks/RESULTS.md (## Clips).

    .venv/bin/python benchmarks/bench_footage.py [--runs 3] [--preview]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from repackage.footage import plan_footage  # noqa: E402
from repackage.pipeline import load_story  # noqa: E402
from repackage.render import footage as render  # noqa: E402
from repackage.render import video  # noqa: E402
from repackage.speech import transcribe  # noqa: E402

FOOTAGE = ROOT / "tests" / "data" / "speech" / "footage-face-fr.mp4"
ARTICLE = ROOT / "examples" / "otan-ukraine-fr.txt"


def timed(fn, runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--preview", action="store_true", help="half size, x264 ultrafast (the --preview draft)")
    args = ap.parse_args()
    story = load_story(ARTICLE)
    transcribe(FOOTAGE, lang="fr")  # load the model once, untimed
    t_asr, transcript = timed(lambda: transcribe(FOOTAGE, lang="fr"), args.runs)
    t_plan, plan = timed(lambda: plan_footage(story, FOOTAGE, transcript, video_info=video.probe(FOOTAGE),
                                                          sample_frames=video.sample_frames), args.runs)
    job = plan.jobs[0]
    scale = render.PREVIEW_SCALE if args.preview else 1.0
    size = (2 * round(job.size[0] * scale / 2), 2 * round(job.size[1] * scale / 2))
    settings = video.EncodeSettings.draft() if args.preview else video.EncodeSettings()
    with tempfile.TemporaryDirectory() as tmp:
        t_render, _ = timed(lambda: render.render_footage_clip(job, tmp, preview=args.preview), args.runs)

        def compose() -> int:
            return sum(1 for _ in render.frames(job, size))

        t_compose, n = timed(compose, args.runs)
        raw = Path(tmp) / "frames.rgb"
        with raw.open("wb") as f:
            for frame in render.frames(job, size):
                f.write(frame.tobytes())
        out = Path(tmp) / "floor.mp4"
        floor_cmd = [video.ffmpeg_exe(), "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
                     "-s", f"{size[0]}x{size[1]}", "-r", f"{job.fps:g}", "-i", str(raw),
                     "-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p",
                     "-c:v", "libx264", "-preset", settings.preset, "-crf", str(settings.crf),
                     "-profile:v", settings.profile, str(out)]
        raw.read_bytes()  # into the page cache
        t_floor, _ = timed(lambda: subprocess.run(floor_cmd, check=True), args.runs)
    seconds = job.duration
    print(f"footage {FOOTAGE.name} ({transcript.duration:.1f} s), clip {size[0]}x{size[1]} {job.fps:g} fps, "
          f"{n} frames ({seconds:.1f} s), mode {job.mode}, median of {args.runs}")
    print(f"  transcribe (faster-whisper base int8)  {t_asr:6.2f} s   RTF {t_asr / transcript.duration:.3f}")
    print(f"  plan (match + face track + cues)       {t_plan:6.2f} s")
    print(f"  render_footage_clip (end to end)       {t_render:6.2f} s   {t_render / seconds:.2f} s per s of clip   "
          f"{t_render / t_floor:.2f}x floor")
    print(f"  compose only (decode, reframe, text)   {t_compose:6.2f} s   {1000 * t_compose / n:.1f} ms per frame")
    print(f"  floor (x264 on the same raw frames)    {t_floor:6.2f} s   {t_floor / seconds:.2f} s per s of clip")


if __name__ == "__main__":
    main()
