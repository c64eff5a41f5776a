"""Generate the shipped music bed ``assets/music/bed.m4a`` with numpy.

A soft pad playing a slow I–vi–IV–V progression in C major (one bar per
chord at 72 bpm, 40 s): two slightly detuned voices of soft harmonics per
note through a gentle low-pass, slow attack and release per chord, a quiet
sine bass and a little stereo width. The end leads back into the start, so
``AudioLoop`` can repeat it without a click. 48 kHz stereo, encoded as AAC
96 kb/s (about 0.5 MB).

Deterministic: the same numpy gives the same file. Released under CC0 (see
``assets/music/README.md``)::

    .venv/bin/python scripts/make_music_bed.py [--out assets/music/bed.m4a]
"""

from __future__ import annotations

import argparse
import tempfile
import wave
from pathlib import Path

import numpy as np

RATE = 48_000
BPM = 72.0
BARS_PER_CHORD = 1
BEATS_PER_BAR = 4
# MIDI notes: C major (C E G C'), A minor, F major, G major, each over a bass note
PROGRESSION = [
    ((60, 64, 67, 72), 48),
    ((57, 60, 64, 69), 45),
    ((53, 57, 60, 65), 41),
    ((55, 59, 62, 67), 43),
]
REPEATS = 3  # 4 chords x 1 bar (3.33 s) x 3 = 40 s


def midi_hz(note: int) -> float:
    return 440.0 * 2 ** ((note - 69) / 12)


def envelope(n: int, attack: float, release: float) -> np.ndarray:
    """Raised-cosine attack and release (seconds) over ``n`` samples."""
    env = np.ones(n)
    a, r = int(attack * RATE), int(release * RATE)
    env[:a] = 0.5 - 0.5 * np.cos(np.linspace(0, np.pi, a))
    env[n - r:] *= 0.5 + 0.5 * np.cos(np.linspace(0, np.pi, r))
    return env


def pad_voice(freq: float, t: np.ndarray, phase: float) -> np.ndarray:
    """A soft pad voice: a few decaying harmonics, two detuned copies."""
    out = np.zeros_like(t)
    for detune in (-0.12, 0.12):  # cents-ish chorus in Hz
        f = freq + detune
        for k, amp in ((1, 1.0), (2, 0.35), (3, 0.15), (4, 0.06)):
            out += amp * np.sin(2 * np.pi * f * k * t + phase * k)
    return out


def chord(notes: tuple[int, ...], bass: int, seconds: float, rng: np.random.Generator) -> np.ndarray:
    """Stereo (n, 2) samples of one chord with slow swells."""
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    left, right = np.zeros(n), np.zeros(n)
    for i, note in enumerate(notes):
        voice = pad_voice(midi_hz(note), t, rng.uniform(0, 2 * np.pi))
        pan = 0.5 + (i - (len(notes) - 1) / 2) * 0.18
        left += voice * (1 - pan)
        right += voice * pan
    swell = 0.85 + 0.15 * np.sin(2 * np.pi * t / seconds - np.pi / 2)
    bass_voice = 0.9 * np.sin(2 * np.pi * midi_hz(bass) * t)
    env = envelope(n, attack=0.9, release=0.9)
    return np.stack([(left * swell + bass_voice) * env, (right * swell + bass_voice) * env], axis=1)


def lowpass(x: np.ndarray, cutoff: float) -> np.ndarray:
    """Gentle 4th-order low-pass in the frequency domain, per channel.

    The FFT treats the signal as periodic, so the filter wraps around the
    loop point and keeps the loop seamless.
    """
    spectrum = np.fft.rfft(x, axis=0)
    freqs = np.fft.rfftfreq(x.shape[0], 1 / RATE)
    spectrum *= (1 / np.sqrt(1 + (freqs / cutoff) ** 8))[:, None]
    return np.fft.irfft(spectrum, n=x.shape[0], axis=0)


def make_bed(seed: int = 7) -> np.ndarray:
    """The whole bed as float (n, 2) samples in [-1, 1]."""
    rng = np.random.default_rng(seed)
    bar = BEATS_PER_BAR * 60.0 / BPM
    seconds = BARS_PER_CHORD * bar
    overlap = int(0.9 * RATE)  # chords cross-fade through their release/attack
    step = int(seconds * RATE)
    total = step * len(PROGRESSION) * REPEATS
    out = np.zeros((total + overlap, 2))
    for r in range(REPEATS):
        for c, (notes, bass) in enumerate(PROGRESSION):
            start = (r * len(PROGRESSION) + c) * step
            block = chord(notes, bass, seconds + overlap / RATE, rng)
            out[start:start + len(block)] += block
    out[:overlap] += out[total:total + overlap]  # the tail leads into the start: seamless loop
    out = lowpass(out[:total], cutoff=2200.0)
    return 0.5 * out / np.max(np.abs(out))


def write_wav(samples: np.ndarray, path: Path) -> None:
    pcm = np.clip(samples * 32767, -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())


def main() -> None:
    from repackage.render.video import encode_audio

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "assets/music/bed.m4a")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "bed.wav"
        write_wav(make_bed(), wav)
        encode_audio(wav, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
