"""A voice-over for a clip: its words, timed, spelled as the article has them.

``load_voiceover(path, article_text)`` transcribes the narration (any audio
or video file ffmpeg reads), respells what was heard with the article's
words (``align.spell_as_article``: "OF COS" -> "Olaf Scholz") and returns a
:class:`Voiceover`, the frozen record the clip planner times the clip from
(``repackage.plan.clip``) and the manifest describes. A file with no speech
in it is a MediaError: a clip cannot follow a voice that says nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import MediaError
from .align import SpokenWord, spell_as_article
from .engines import ProgressFn
from .locate import DEFAULT_ENGINE, DEFAULT_MODEL

#: A pause at least this long ends a spoken sentence even without a full stop.
SENTENCE_PAUSE = 0.7


@dataclass(frozen=True)
class Voiceover:
    """A narration and its words on the voice's clock (seconds from the file's start).

    ``words`` are in the article's spelling where the article has them
    (``from_article``); ``duration`` is the audio's length; ``engine``,
    ``model`` and ``language`` say how it was recognised.
    """

    path: Path
    words: tuple[SpokenWord, ...]
    duration: float
    engine: str
    model: str
    language: str

    @property
    def speech_end(self) -> float:
        return self.words[-1].end if self.words else 0.0

    @property
    def matched(self) -> float:
        """Share of the spoken words found in the article (0..1): how well the voice follows it."""
        return sum(w.from_article for w in self.words) / len(self.words) if self.words else 0.0

    @property
    def confidence(self) -> float:
        """Mean recogniser confidence over the words it heard as such."""
        heard = [w.probability for w in self.words if w.probability > 0]
        return sum(heard) / len(heard) if heard else 0.0

    def sentences(self) -> list[tuple[SpokenWord, ...]]:
        """The words split into spoken sentences: after a word ending in . ! ? … or before a long pause."""
        out: list[list[SpokenWord]] = []
        current: list[SpokenWord] = []
        for w in self.words:
            if current and w.start - current[-1].end >= SENTENCE_PAUSE:
                out.append(current)
                current = []
            current.append(w)
            if w.text.rstrip("»”\"')").endswith((".", "!", "?", "…")):
                out.append(current)
                current = []
        if current:
            out.append(current)
        return [tuple(s) for s in out]

    def to_dict(self) -> dict:
        """What the manifest records."""
        return {
            "file": self.path.name, "engine": self.engine, "model": Path(self.model).name or self.model,
            "language": self.language, "duration": round(self.duration, 3),
            "speech_end": round(self.speech_end, 3), "words": len(self.words),
            "alignment": {"matched": round(self.matched, 3), "confidence": round(self.confidence, 3)},
        }


def load_voiceover(path: str | os.PathLike, article_text: str, *, engine: str = DEFAULT_ENGINE,
                   model: str | os.PathLike | None = None, lang: str | None = None,
                   progress: ProgressFn | None = None) -> Voiceover:
    """Transcribe the voice-over at ``path`` and spell its words as ``article_text`` does.

    Raises MediaError (missing, unreadable or silent file), SpeechError
    (engine or model missing) and RenderError (no ffmpeg).
    """
    from . import transcribe

    path = Path(path)
    if not path.is_file():
        raise MediaError("voice-over not found" if not path.exists() else "voice-over is not a file", str(path))
    if path.stat().st_size == 0:
        raise MediaError("voice-over file is empty", str(path))
    transcript = transcribe(path, engine=engine, model=model or DEFAULT_MODEL, lang=lang, progress=progress)
    words = spell_as_article(article_text, transcript.words) if transcript.words else ()
    if not words:
        raise MediaError("no speech heard in the voice-over (silent, or not a voice)", str(path))
    return Voiceover(path=path, words=tuple(words), duration=transcript.duration, engine=transcript.engine,
                     model=str(model or DEFAULT_MODEL), language=transcript.language)
