"""Speech: timed words from a voice-over or footage, with Whisper.

One call over two engines (see ``engines``)::

    from repackage.speech import transcribe
    t = transcribe("voiceover.m4a", engine="faster-whisper", model="base", lang="fr")
    for w in t.words:
        print(w.start, w.end, w.text)

Model files are looked up offline (see ``locate``); a missing engine or model
is a ``SpeechError`` that says what to install or where to put the files.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import MediaError
from .engines import ProgressFn, default_threads, load_engine
from .locate import DEFAULT_ENGINE, DEFAULT_MODEL, ENGINES, ENV_MODEL_DIR, check_engine, locate_model
from .models import Segment, Transcript, Word

__all__ = [
    "DEFAULT_ENGINE", "DEFAULT_MODEL", "ENGINES", "ENV_MODEL_DIR", "Segment", "Transcript", "Word",
    "check_engine", "locate_model", "transcribe", "transcribe_samples",
]


def transcribe_samples(samples, *, engine: str = DEFAULT_ENGINE, model: str | os.PathLike | None = None,
                       lang: str | None = None, progress: ProgressFn | None = None,
                       threads: int | None = None) -> Transcript:
    """Transcribe 16 kHz mono float32 ``samples``."""
    check_engine(engine)
    path = locate_model(engine, model)
    backend = load_engine(engine, path.resolve(), threads or default_threads())
    return heard(backend.transcribe(samples, lang or None, progress), samples)


#: Below this RMS level (-60 dBFS) a word's stretch of audio holds no speech.
SILENCE_RMS = 1e-3


def heard(transcript: Transcript, samples) -> Transcript:
    """``transcript`` without the words Whisper wrote over silence (on a
    silent track it "hears" "You" or "Merci"): a word is kept only when its
    stretch of audio is louder than -60 dBFS."""
    import dataclasses

    import numpy as np

    from .engines import SAMPLE_RATE

    def loud(w: Word) -> bool:
        a = max(0, int(w.start * SAMPLE_RATE))
        b = max(a + 1, int(w.end * SAMPLE_RATE))
        chunk = np.asarray(samples[a:b], dtype=np.float32)
        return chunk.size > 0 and float(np.sqrt(np.mean(chunk * chunk))) >= SILENCE_RMS

    segments = []
    for seg in transcript.segments:
        words = tuple(w for w in seg.words if loud(w))
        if words or not seg.words:
            if words != seg.words:
                seg = dataclasses.replace(seg, text=" ".join(w.text for w in words), words=words)
            if seg.text.strip():
                segments.append(seg)
    return dataclasses.replace(transcript, segments=tuple(segments))


def transcribe(media: str | os.PathLike, *, engine: str = DEFAULT_ENGINE, model: str | os.PathLike | None = None,
               lang: str | None = None, progress: ProgressFn | None = None,
               threads: int | None = None) -> Transcript:
    """Every word spoken in ``media`` (any audio or video file ffmpeg reads), timed.

    The engine and model are checked before the audio is decoded, so a
    missing one fails at once. Raises SpeechError (engine/model), MediaError
    (the file), RenderError (no ffmpeg).
    """
    from ..render.video import decode_audio_samples

    media = Path(media)
    if not media.is_file():
        raise MediaError("no such file", str(media))
    check_engine(engine)
    path = locate_model(engine, model)
    backend = load_engine(engine, path.resolve(), threads or default_threads())
    samples = decode_audio_samples(media)
    return heard(backend.transcribe(samples, lang or None, progress), samples)
