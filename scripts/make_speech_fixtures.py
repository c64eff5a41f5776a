"""Regenerate the speech test fixtures in tests/data/speech/ and their true word timings.

    python3 scripts/make_speech_fixtures.py [--footage-only]

Needs espeak-ng (``apt-get install espeak-ng``: its library libespeak-ng.so.1)
and ffmpeg; nothing from PyPI. The narrations are synthesised through the
espeak-ng library with ctypes, so the word timings are the synthesiser's own:
espeak-ng reports a WORD event with the audio position (ms) and the text
position of every word it speaks, in the same stream as the samples. Those
starts, with the word as written in the text, go to ``<name>.words.json``; a
word's end is where the next word starts, or the end of the voiced audio
(trailing silence trimmed) for the last one.

Files written (small, committed):

* ``narration-fr.m4a`` (AAC) and ``narration-en.opus`` (Opus), mono 16 kHz;
* ``narration-fr.mp4``: 640x360 16:9 H.264 video of a moving shape carrying
  the French narration (the footage case);
* ``narration-fr.words.json`` / ``narration-en.words.json``: text, rate,
  voice and per-word truth (the video shares the French file's timings);
* ``footage-face-fr.mp4`` and ``footage-noface-fr.mp4``: 640x360 16:9
  "interview footage" whose French speech holds the seed article's Macron
  quote (examples/otan-ukraine-fr.txt) between other sentences. In the first,
  a real face (scikit-image's public-domain NASA portrait,
  ``skimage.data.astronaut()``) moves from side to side, so a 9:16 crop must
  follow it; the second shows no face (a moving disc), for the blurred fill.
  ``footage-fr.words.json`` has their word timings and ``quote``: the
  quote's text and the time its first word starts and its last word ends
  (voiced audio, pauses excluded). Needs scikit-image for the portrait
  (``pip install scikit-image``; the tests do not).
* ``voiceover-en.opus`` + ``voiceover-en.words.json``: a ~60 s voice-over of
  the English example article (the voice-over clip's timing test).

``python3 scripts/make_speech_fixtures.py voiceover-en`` makes only that one.
"""

from __future__ import annotations

import ctypes
import json
import re
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "speech"

TEXTS = {
    "fr": ("L'OTAN est divisée sur l'envoi de soldats en Ukraine. Emmanuel Macron a déclaré que rien ne doit "
           "être exclu. Nous ferons tout ce qu'il faut pour que la Russie ne puisse pas gagner cette guerre. "
           "Le chancelier allemand Olaf Scholz s'y est opposé."),
    "en": ("NATO is divided over sending soldiers to Ukraine. Emmanuel Macron said that nothing should be ruled "
           "out. We will do whatever it takes so that Russia cannot win this war. The German chancellor Olaf "
           "Scholz rejected the idea."),
}
#: Footage: the Macron quote of examples/otan-ukraine-fr.txt, said between
#: other sentences (a greeting before, questions announced after).
FOOTAGE_QUOTE = ("Rien ne doit être exclu. Nous ferons tout ce qu'il faut pour que la Russie ne puisse pas gagner "
                 "cette guerre. La défaite de la Russie est indispensable à la sécurité et à la stabilité en Europe.")
FOOTAGE_TEXT = ("Bonjour à tous, et merci d'être venus si nombreux cet après-midi. " + FOOTAGE_QUOTE +
                " Je vous remercie, nous allons maintenant répondre à vos questions.")
FOOTAGE_SIZE = (640, 360)
FOOTAGE_FPS = 15
#: A ~60 s English voice-over reading the English example article
#: (examples/riverton-tidal-barrier-en.txt) in its own words: the voice-over
#: clip's timing and drift test.
VOICEOVER_EN = (
    "Riverton council approves tidal barrier after two-year fight over costs. The Riverton city council voted "
    "7-2 on Thursday to build a $48 million tidal barrier across the mouth of the Alder River. The barrier, due "
    "to be finished in 2029, will close automatically when the tide rises more than 1.8 metres above its normal "
    "level. Engineers say it would have kept water out of about 1,200 homes during the storm that flooded the "
    "district in November. Every family in the harbour district deserves to sleep through a storm, said Mayor "
    "Helen Achebe after the vote. The city's chief engineer, Tomás Lindqvist, told reporters the design had been "
    "tested against a once-in-a-century surge. Not everyone on the council was convinced. The mayor said "
    "construction would begin in the autumn."
)
RATE_WPM = 130  # espeak-ng's default is 175: slow, clear narration
VOICES = {"fr": "fr", "en": "en-us"}

# espeak_lib.h
AUDIO_OUTPUT_SYNCHRONOUS = 2
POS_CHARACTER = 1
espeakCHARS_UTF8 = 1
espeakRATE = 1
EVENT_LIST_TERMINATED, EVENT_WORD = 0, 1


class _Id(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint), ("text_position", ctypes.c_int),
                ("length", ctypes.c_int), ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", _Id)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))


_LIB: list = []


def _espeak() -> tuple[ctypes.CDLL, int]:
    """The library, initialised once per process (a second initialisation hangs)."""
    if not _LIB:
        lib = ctypes.CDLL("libespeak-ng.so.1")
        sr = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, None, 0)
        if sr <= 0:
            sys.exit("espeak-ng failed to initialise")
        _LIB.extend([lib, sr])
    return _LIB[0], _LIB[1]


def synthesise(text: str, voice: str, rate: int) -> tuple[np.ndarray, int, list[tuple[int, int, int]]]:
    """(int16 samples, sample rate, [(audio ms, text position (1-based chars), length)] per word)."""
    lib, sr = _espeak()
    chunks: list[np.ndarray] = []
    words: list[tuple[int, int, int]] = []

    def callback(wav, n, events):
        if n > 0:
            chunks.append(np.ctypeslib.as_array(wav, shape=(n,)).copy())
        i = 0
        while events[i].type != EVENT_LIST_TERMINATED:
            e = events[i]
            if e.type == EVENT_WORD:
                words.append((e.audio_position, e.text_position, e.length))
            i += 1
        return 0

    cb = _CALLBACK(callback)
    lib.espeak_SetSynthCallback(cb)
    if lib.espeak_SetVoiceByName(voice.encode()) != 0:
        sys.exit(f"espeak-ng has no voice {voice!r}")
    lib.espeak_SetParameter(espeakRATE, rate, 0)
    data = text.encode("utf-8") + b"\0"
    lib.espeak_Synth(data, len(data), 0, POS_CHARACTER, 0, espeakCHARS_UTF8, None, None)
    lib.espeak_Synchronize()
    return np.concatenate(chunks), sr, words


def truth(text: str, samples: np.ndarray, sr: int, events: list[tuple[int, int, int]]) -> list[dict]:
    # text_position counts characters (not bytes) from 1 for UTF-8 input.
    words = []
    for ms, pos, length in events:
        start_char = pos - 1
        m = re.compile(r"\S+").match(text, start_char)
        token = m.group(0) if m else text[start_char:start_char + length]
        word = token.strip(".,;:!?«»\"“”")
        if word:  # espeak-ng may report an empty word at the end of the text
            words.append({"word": word, "start": round(ms / 1000, 3), "char": start_char})
    voiced = np.nonzero(np.abs(samples.astype(np.int32)) > 300)[0]
    last = (voiced[-1] + 1) / sr if len(voiced) else len(samples) / sr
    for w, nxt in zip(words, words[1:] + [None]):
        w["end"] = nxt["start"] if nxt else round(float(last), 3)
    return words


def write_wav(path: Path, samples: np.ndarray, sr: int) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(samples.astype("<i2").tobytes())


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True)


def voiced_span(samples: np.ndarray, sr: int, start: float, end: float) -> tuple[float, float]:
    """First and last voiced sample (|x| > 300) between ``start`` and ``end`` seconds."""
    a, b = int(start * sr), int(end * sr)
    voiced = np.nonzero(np.abs(samples[a:b].astype(np.int32)) > 300)[0]
    if not len(voiced):
        return start, end
    return round((a + voiced[0]) / sr, 3), round((a + voiced[-1] + 1) / sr, 3)


def quote_truth(text: str, quote: str, samples: np.ndarray, sr: int, words: list[dict]) -> dict:
    """Where ``quote`` is spoken: its first word's voiced start, its last word's voiced end."""
    first = text.index(quote)
    last = first + len(quote)
    inside = [w for w in words if first <= w["char"] < last]
    start, _ = voiced_span(samples, sr, inside[0]["start"], inside[0]["end"])
    _, end = voiced_span(samples, sr, inside[-1]["start"], inside[-1]["end"])
    return {"text": quote, "start": start, "end": end, "words": len(inside)}


def portrait_frames(duration: float, fps: int, size: tuple[int, int]):
    """RGB frames: the NASA astronaut portrait (public domain) gliding from side to side."""
    import cv2
    from skimage import data

    w, h = size
    photo = data.astronaut()  # 512x512 RGB, Eileen Collins
    side = int(h * 0.92)
    photo = cv2.resize(photo, (side, side), interpolation=cv2.INTER_AREA)
    backdrop = np.zeros((h, w, 3), np.uint8)
    backdrop[:] = (38, 44, 52)
    backdrop[:, :, 2] = np.linspace(52, 90, w, dtype=np.uint8)[None, :]
    for k in range(int(round(duration * fps))):
        t = k / fps
        x = int(round((w - side) * (0.5 - 0.5 * np.cos(2 * np.pi * t / 12.0))))  # left -> right -> left
        frame = backdrop.copy()
        frame[h - side:, x:x + side] = photo
        yield frame


def write_footage(wav: Path, dest: Path, duration: float, frames) -> None:
    w, h = FOOTAGE_SIZE
    proc = subprocess.Popen(
        ["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}",
         "-r", str(FOOTAGE_FPS), "-i", "pipe:0", "-i", str(wav), "-map", "0:v", "-map", "1:a",
         "-c:v", "libx264", "-preset", "veryslow", "-crf", "33", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-ac", "1", "-ar", "16000", "-b:a", "24k", "-t", f"{duration:.3f}",
         "-movflags", "+faststart", str(dest)], stdin=subprocess.PIPE)
    for frame in frames:
        proc.stdin.write(np.ascontiguousarray(frame).tobytes())
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit(f"ffmpeg failed writing {dest}")


def make_footage(tmp: str) -> None:
    samples, sr, events = synthesise(FOOTAGE_TEXT, VOICES["fr"], RATE_WPM)
    wav = Path(tmp) / "footage.wav"
    write_wav(wav, samples, sr)
    words = truth(FOOTAGE_TEXT, samples, sr, events)
    duration = len(samples) / sr
    meta = {"text": FOOTAGE_TEXT, "lang": "fr", "voice": VOICES["fr"], "rate_wpm": RATE_WPM,
            "duration": round(duration, 3), "size": list(FOOTAGE_SIZE), "fps": FOOTAGE_FPS,
            "source": "espeak-ng WORD events (audio_position)",
            "quote": quote_truth(FOOTAGE_TEXT, FOOTAGE_QUOTE, samples, sr, words), "words": words}
    (OUT / "footage-fr.words.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
                                               encoding="utf-8")
    write_footage(wav, OUT / "footage-face-fr.mp4", duration, portrait_frames(duration, FOOTAGE_FPS, FOOTAGE_SIZE))
    w, h = FOOTAGE_SIZE
    ffmpeg("-f", "lavfi", "-i", f"color=c=0x335522:s={w}x{h}:r={FOOTAGE_FPS}:d={duration:.3f}",
           "-f", "lavfi", "-i", f"color=c=white:s=90x90:r={FOOTAGE_FPS}:d={duration:.3f}",
           "-i", str(wav), "-map", "[v]", "-map", "2:a",
           "-filter_complex", "[0][1]overlay=x='(W-w)*(0.5+0.45*sin(0.6*t))':y='(H-h)*(0.5+0.3*cos(0.4*t))',"
                              "hue=h=8*t[v]",
           "-c:v", "libx264", "-preset", "veryslow", "-crf", "34", "-pix_fmt", "yuv420p",
           "-c:a", "aac", "-ac", "1", "-ar", "16000", "-b:a", "24k", "-shortest",
           "-movflags", "+faststart", str(OUT / "footage-noface-fr.mp4"))
    print(f"footage: {duration:.1f} s, quote {meta['quote']['start']}-{meta['quote']['end']} s", file=sys.stderr)
def voiceover(tmp: str) -> None:
    samples, sr, events = synthesise(VOICEOVER_EN, "en-us", RATE_WPM)
    wav = Path(tmp) / "voiceover-en.wav"
    write_wav(wav, samples, sr)
    meta = {"text": VOICEOVER_EN, "lang": "en", "voice": "en-us", "rate_wpm": RATE_WPM,
            "duration": round(len(samples) / sr, 3), "source": "espeak-ng WORD events (audio_position)",
            "article": "examples/riverton-tidal-barrier-en.txt", "words": truth(VOICEOVER_EN, samples, sr, events)}
    (OUT / "voiceover-en.words.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
    ffmpeg("-i", str(wav), "-ac", "1", "-ar", "16000", "-c:a", "libopus", "-b:a", "16k",
           str(OUT / "voiceover-en.opus"))
    print(f"voiceover-en: {meta['duration']:.1f} s, {len(meta['words'])} words", file=sys.stderr)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    only = set(sys.argv[1:])
    with tempfile.TemporaryDirectory() as tmp:
        if "--footage-only" in sys.argv:
            make_footage(tmp)
            return
        if not only or "voiceover-en" in only:
            voiceover(tmp)
        for lang, text in TEXTS.items():
            if only and f"narration-{lang}" not in only:
                continue
            samples, sr, events = synthesise(text, VOICES[lang], RATE_WPM)
            wav = Path(tmp) / f"{lang}.wav"
            write_wav(wav, samples, sr)
            words = truth(text, samples, sr, events)
            duration = len(samples) / sr
            meta = {"text": text, "lang": lang, "voice": VOICES[lang], "rate_wpm": RATE_WPM,
                    "duration": round(duration, 3), "source": "espeak-ng WORD events (audio_position)",
                    "words": words}
            (OUT / f"narration-{lang}.words.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
                                                             encoding="utf-8")
            if lang == "fr":
                ffmpeg("-i", str(wav), "-ac", "1", "-ar", "16000", "-c:a", "aac", "-b:a", "24k",
                       str(OUT / "narration-fr.m4a"))
                # 16:9 footage: a white disc moving across a slowly changing colour field
                ffmpeg("-f", "lavfi", "-i", f"color=c=0x224466:s=640x360:r=12:d={duration:.3f}",
                       "-f", "lavfi", "-i", f"color=c=white:s=80x80:r=12:d={duration:.3f}",
                       "-i", str(wav), "-map", "[v]", "-map", "2:a",
                       "-filter_complex", "[0][1]overlay=x='(W-w)*(0.5+0.45*sin(t))':y='(H-h)*(0.5+0.4*cos(0.7*t))',"
                                          "hue=h=10*t[v]",
                       "-c:v", "libx264", "-preset", "veryslow", "-crf", "34", "-pix_fmt", "yuv420p",
                       "-c:a", "aac", "-ac", "1", "-ar", "16000", "-b:a", "24k", "-shortest",
                       "-movflags", "+faststart", str(OUT / "narration-fr.mp4"))
            else:
                ffmpeg("-i", str(wav), "-ac", "1", "-ar", "16000", "-c:a", "libopus", "-b:a", "20k",
                       str(OUT / "narration-en.opus"))
            print(f"{lang}: {duration:.1f} s, {len(words)} words", file=sys.stderr)
        make_footage(tmp)


if __name__ == "__main__":
    main()
