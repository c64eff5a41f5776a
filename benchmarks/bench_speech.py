"""Real-time factor and peak memory of each speech engine on ~60 s of speech.

The speech is the start of the seed article (examples/otan-ukraine-fr.txt)
read by espeak-ng at 130 words a minute, cut to 60 s (synthesised at run
time with scripts/make_speech_fixtures.py's espeak-ng binding: apt-get
install espeak-ng). (The committed 15 s narration repeated is no good: Whisper
loops on repeated audio.) Each engine runs in its own child process (so peak memory is its
own): load the model, then transcribe the 60 s with word timestamps,
``--runs`` times. RTF = transcription seconds / audio seconds (lower is
faster; 0.15 means 60 s of speech in 9 s). On a shared machine the wall
time depends on the other jobs; the CPU time used (user + system, all
threads) per second of audio depends much less on them, and is printed
beside it: on an idle 2-core machine RTF is at least that figure / 2. Peak memory is the child's
maximum resident set (ru_maxrss), model and audio included.

    .venv/bin/python benchmarks/bench_speech.py [--runs 2] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 60.0

CASES = [
    ("faster-whisper", "int8"),      # the default
    ("faster-whisper", "float32"),
    ("openai-whisper", None),
]


AUDIO_NPY = Path("/tmp") / "repackage-bench-speech-60s.npy"


def make_audio() -> None:
    """60 s of French speech at 16 kHz in AUDIO_NPY (espeak-ng, resampled with ffmpeg)."""
    import importlib.util
    import tempfile

    import numpy as np

    from repackage.render.video import decode_audio_samples

    spec = importlib.util.spec_from_file_location("fixtures", ROOT / "scripts" / "make_speech_fixtures.py")
    fx = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fx)
    text = (ROOT / "examples" / "otan-ukraine-fr.txt").read_text(encoding="utf-8").split("\n\n", 3)[3]
    samples, sr, _ = fx.synthesise(" ".join(text.split()[:220]), "fr", fx.RATE_WPM)
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "speech.wav"
        fx.write_wav(wav, samples, sr)
        audio = decode_audio_samples(wav)[: int(SECONDS * 16000)]
    if len(audio) < SECONDS * 16000 * 0.99:
        raise SystemExit(f"only {len(audio) / 16000:.1f} s of speech synthesised")
    np.save(AUDIO_NPY, audio)


def child(engine: str, compute_type: str | None, runs: int, threads: int) -> None:
    import numpy as np

    from repackage.speech import locate_model
    from repackage.speech.engines import FasterWhisper, OpenAIWhisper

    samples = np.load(AUDIO_NPY)
    seconds = len(samples) / 16000
    path = locate_model(engine, "base")
    t0 = time.perf_counter()
    model = FasterWhisper(path, threads, compute_type) if engine == "faster-whisper" else OpenAIWhisper(path, threads)
    load = time.perf_counter() - t0
    times, cpu, words = [], [], 0
    for _ in range(runs):
        r0, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        t = model.transcribe(samples, "fr", None)
        r1 = resource.getrusage(resource.RUSAGE_SELF)
        times.append(time.perf_counter() - t0)
        cpu.append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
        words = len(t.words)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"engine": engine, "compute_type": compute_type, "audio_s": seconds, "load_s": load,
                      "times": times, "cpu": cpu, "words": words, "peak_mib": peak_mib}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--child", nargs=2)
    args = ap.parse_args()
    if args.child:
        engine, ct = args.child
        child(engine, None if ct == "-" else ct, args.runs, args.threads)
        return
    make_audio()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {args.threads} threads, "
          f"{args.runs} runs each; audio: {SECONDS:g} s of espeak-ng French (seed article)")
    for engine, ct in CASES:
        out = subprocess.run([sys.executable, __file__, "--runs", str(args.runs), "--threads", str(args.threads),
                              "--child", engine, ct or "-"], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rtf = [t / r["audio_s"] for t in r["times"]]
        label = engine + (f" ({ct})" if ct else "")
        print(f"  {label:26s} audio {r['audio_s']:.1f} s  load {r['load_s']:.1f} s  "
              f"RTF {min(rtf):.3f} best, {sorted(rtf)[len(rtf) // 2]:.3f} median  "
              f"CPU {min(r['cpu']) / r['audio_s']:.3f} core-s per audio-s  "
              f"peak RSS {r['peak_mib']:.0f} MiB  ({r['words']} words)")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
