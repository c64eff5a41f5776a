"""What a speech engine returns: timed words, in frozen dataclasses (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    """One recognised word, as spoken from ``start`` to ``end`` seconds.

    ``text`` is the word as the recogniser wrote it, stripped of the leading
    space Whisper's tokens carry (punctuation stays attached: ``"Kyiv,"``).
    ``probability`` is the engine's confidence in the word (0..1).
    """

    text: str
    start: float
    end: float
    probability: float


@dataclass(frozen=True)
class Segment:
    """A stretch of speech the engine decoded as one unit (about a sentence)."""

    text: str
    start: float
    end: float
    words: tuple[Word, ...]


@dataclass(frozen=True)
class Transcript:
    """Everything recognised in one media file.

    ``language`` is the ISO 639-1 code spoken (given with ``--lang`` or
    detected), ``duration`` the audio's length in seconds, ``engine`` and
    ``model`` say what produced it.
    """

    language: str
    duration: float
    segments: tuple[Segment, ...]
    engine: str
    model: str

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for s in self.segments for w in s.words)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments if s.text)

    def to_dict(self) -> dict:
        return {
            "schema": "repackage.transcript",
            "version": 1,
            "engine": self.engine,
            "model": self.model,
            "language": self.language,
            "duration": round(self.duration, 3),
            "text": self.text,
            "segments": [
                {
                    "start": round(s.start, 3),
                    "end": round(s.end, 3),
                    "text": s.text,
                    "words": [
                        {"text": w.text, "start": round(w.start, 3), "end": round(w.end, 3),
                         "probability": round(w.probability, 4)}
                        for w in s.words
                    ],
                }
                for s in self.segments
            ],
        }
