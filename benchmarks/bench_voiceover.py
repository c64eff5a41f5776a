"""The voice-over clip against today's default clip, and each engine on 60 s of speech.

Renders, for the English example article, the default clip (clip-default,
no voice) and the voice-over clip (clip-default timed by the committed 61 s
narration tests/data/speech/voiceover-en.opus: burned-in karaoke cues,
music ducked under the voice), alternating A B A B... so that load from
other processes falls on both alike, and reports render seconds (wall and
CPU, this process plus its ffmpeg children) per second of video. The
narration is transcribed once beforehand; that time is reported apart, as
the real-time factor of each engine on the same 61 s (model loaded first,
not counted; both engines on all cores).

    .venv/bin/python benchmarks/bench_voiceover.py [--runs 3] [--engines faster-whisper,openai-whisper]

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "riverton-tidal-barrier-en.txt"
VOICE = ROOT / "tests" / "data" / "speech" / "voiceover-en.opus"
sys.path.insert(0, str(ROOT / "benchmarks"))


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def rtf(engine: str) -> dict:
    from repackage.render.video import decode_audio_samples
    from repackage.speech import heard
    from repackage.speech.engines import default_threads, load_engine
    from repackage.speech.locate import locate_model

    samples = decode_audio_samples(VOICE)
    t0 = time.perf_counter()
    backend = load_engine(engine, locate_model(engine, "base").resolve(), default_threads())
    loaded = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), _cpu()
    words = heard(backend.transcribe(samples, "en", None), samples).words
    wall, cpu = time.perf_counter() - t0, _cpu() - c0
    seconds = len(samples) / 16000
    return {"engine": engine, "audio_s": round(seconds, 2), "load_s": round(loaded, 2), "transcribe_s": round(wall, 2),
            "rtf": round(wall / seconds, 3), "cpu_rtf": round(cpu / seconds, 3), "words": len(words)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--engines", default="faster-whisper,openai-whisper")
    args = ap.parse_args()

    from bench_clip import machine
    from repackage.render.clips import render_clips
    from repackage.pipeline import load_story
    from repackage.speech.voiceover import load_voiceover

    info = {"machine": machine()}
    story = load_story(ARTICLE)
    art = story.article
    text = "\n\n".join(x for x in (art.headline, art.dek or "", art.text) if x)
    t0 = time.perf_counter()
    voice = load_voiceover(VOICE, text, lang="en")
    info["voiceover_transcribe_s"] = round(time.perf_counter() - t0, 2)
    runs: dict[str, list[dict]] = {"default": [], "voiceover": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            for name in ("default", "voiceover"):
                t0, c0 = time.perf_counter(), _cpu()
                assets = render_clips(story, Path(tmp) / f"{name}-{i}", voice=voice if name == "voiceover" else None)
                wall, cpu = time.perf_counter() - t0, _cpu() - c0
                seconds = assets[0].duration
                runs[name].append({"video_s": seconds, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                                   "wall_per_video_s": round(wall / seconds, 4),
                                   "cpu_per_video_s": round(cpu / seconds, 4), "load": os.getloadavg()[0]})
    for name, rows in runs.items():
        info[name] = {"video_s": rows[0]["video_s"],
                      "median_wall_per_video_s": statistics.median(r["wall_per_video_s"] for r in rows),
                      "median_cpu_per_video_s": statistics.median(r["cpu_per_video_s"] for r in rows),
                      "runs": rows}
    info["voiceover_over_default_wall"] = round(info["voiceover"]["median_wall_per_video_s"]
                                                / info["default"]["median_wall_per_video_s"], 3)
    info["voiceover_over_default_cpu"] = round(info["voiceover"]["median_cpu_per_video_s"]
                                               / info["default"]["median_cpu_per_video_s"], 3)
    info["engines"] = [rtf(e) for e in args.engines.split(",") if e]
    info["machine"]["load_after"] = os.getloadavg()
    print(json.dumps(info, indent=1))


if __name__ == "__main__":
    main()
