"""Story + footage -> FootagePlan: which card quotes are spoken in the footage,
and for each one found, the clip job with every decision made.

Decisions taken here, never in the renderer (``repackage.render.footage``):

* **Which quotes.** Every quote that passes the card gate
  (``models.card_refusal``) is looked for in the footage's transcript
  (``footage.match``); each gets its score; one below ``FOUND_SCORE`` is
  listed as not found and no clip is cut for it.
* **In and out.** The cut runs from the start of the spoken sentence the
  quote begins in to the end of the one it ends in (sentences as the
  recogniser heard them: a full stop, or a pause of ``PAUSE`` s), reaching
  at most ``MAX_EXTEND`` s past the words matched, plus ``PAD`` s of the
  silence around it (never into a neighbouring word).
* **The window.** A 9:16 window the height of the frame that follows the
  speaker's face (``footage.faces``), as the window's left edge at sampled
  times; with no face seen, the whole frame over a blurred fill.
* **Captions.** The quote in the article's wording, character for character,
  cut into short cues timed from the matched words (``speech.align``).
* **Lower third and credits.** The speaker's name and role as the Story has
  them; "Vidéo : <credit> · Source : <outlet>".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from ..editorial.typography import typeset
from ..errors import MediaError
from ..models import Quote, Story, card_refusal
from ..speech.align import align_text
from ..speech.models import Transcript, Word
from .match import FOUND_SCORE, QuoteMatch, find_quote
from ..subtitles import Cue  # the one subtitle type: a verbatim slice of the quote, on screen start..end s into the clip

if TYPE_CHECKING:
    import numpy as np

#: Silence kept before the first word and after the last (s), at most half the gap to a neighbouring word.
PAD = 0.25
#: A pause at least this long (s) between two heard words ends a sentence.
PAUSE = 0.35
#: The cut reaches at most this far (s) past the matched words to find the sentence's edge.
MAX_EXTEND = 3.0
#: Caption cues: at most this many characters (about two lines on a 9:16 clip).
CUE_CHARS = 42
#: The lower third (name, role) shows from LOWER_THIRD_IN to LOWER_THIRD_OUT s into the clip.
LOWER_THIRD_IN, LOWER_THIRD_OUT = 0.3, 5.0
#: Output size of the clips (9:16) and the highest frame rate kept from the source.
CLIP_SIZE = (1080, 1920)
MAX_FPS = 30

_LABELS = {"fr": ("Vidéo : ", "Source : "), "en": ("Video: ", "Source: ")}
_SEPARATOR = " · "
_SENTENCE_END = re.compile(r"[.!?…»”\"]$")




@dataclass(frozen=True)
class FootageQuote:
    """A card quote looked for in the footage, found or not (manifest and review page)."""

    index: int  # in story.card_quotes (role "quote:<index>", as for cards)
    text: str
    speaker: str
    score: float
    found: bool
    start: float | None = None  # the cut, in source seconds (found quotes only)
    end: float | None = None
    heard: str = ""  # what the recogniser wrote over the matched words
    clip: str | None = None  # the clip's file, relative to the output folder, once rendered

    def to_dict(self) -> dict:
        return {"role": f"quote:{self.index}", "text": self.text, "speaker": self.speaker,
                "score": self.score, "found": self.found, "threshold": FOUND_SCORE,
                "start": self.start, "end": self.end, "heard": self.heard, "clip": self.clip}


@dataclass(frozen=True)
class FootageClipJob:
    """Everything the renderer needs to draw one quote's clip; no decision left."""

    name: str  # file stem: "footage-quote-0"
    quote_index: int
    quote: str
    source: Path
    source_size: tuple[int, int]
    fps: float  # of the clip (the source's, at most MAX_FPS)
    start: float  # in source seconds
    end: float
    size: tuple[int, int]  # output
    mode: str  # "face": a window following the face; "blur": the whole frame over a blurred fill
    crop_width: int  # source pixels (the window is the frame's height tall)
    crop_times: tuple[float, ...]  # s into the clip
    crop_lefts: tuple[int, ...]  # the window's left edge at those times, source pixels
    cues: tuple[Cue, ...]
    speaker: str
    speaker_role: str
    credits: str
    lang: str
    brand: Path | None = None  # brand file for fonts and colours (None: the shipped one)

    @property
    def duration(self) -> float:
        return self.end - self.start

    @property
    def frames(self) -> int:
        return max(1, round(self.duration * self.fps))

    def crop_left_at(self, t: float) -> int:
        """The window's left edge ``t`` s into the clip (linear between the planned times)."""
        times, lefts = self.crop_times, self.crop_lefts
        if not times:
            return 0
        if t <= times[0]:
            return lefts[0]
        for k in range(1, len(times)):
            if t <= times[k]:
                a = (t - times[k - 1]) / max(1e-9, times[k] - times[k - 1])
                return int(round(lefts[k - 1] + a * (lefts[k] - lefts[k - 1])))
        return lefts[-1]

    def to_dict(self) -> dict:
        return {"name": self.name, "role": f"quote:{self.quote_index}", "source": str(self.source),
                "start": round(self.start, 3), "end": round(self.end, 3), "duration": round(self.duration, 3),
                "fps": self.fps, "size": f"{self.size[0]}x{self.size[1]}", "mode": self.mode,
                "crop": [{"t": round(t, 3), "left": x, "width": self.crop_width}
                         for t, x in zip(self.crop_times, self.crop_lefts)],
                "cues": [{"start": round(c.start, 3), "end": round(c.end, 3), "text": c.text} for c in self.cues],
                "speaker": self.speaker, "speaker_role": self.speaker_role, "credits": self.credits}


@dataclass(frozen=True)
class FootagePlan:
    source: Path
    duration: float
    language: str
    engine: str
    quotes: tuple[FootageQuote, ...]
    jobs: tuple[FootageClipJob, ...]

    def to_dict(self) -> dict:
        return {"source": str(self.source), "duration": round(self.duration, 3), "language": self.language,
                "engine": self.engine, "threshold": FOUND_SCORE,
                "quotes": [q.to_dict() for q in self.quotes], "clips": [j.to_dict() for j in self.jobs]}


# --------------------------------------------------------------------------- the cut


def _ends_sentence(word: Word) -> bool:
    return bool(_SENTENCE_END.search(word.text.strip()))


def cut_span(words: Sequence[Word], first: int, last: int, duration: float) -> tuple[float, float]:
    """(in, out) in seconds for the matched words ``first..last``: widened to the
    heard sentences' edges (see the module doc), then padded into the silence."""
    lo, hi = first, last
    while (lo > 0 and not _ends_sentence(words[lo - 1]) and words[lo].start - words[lo - 1].end < PAUSE
           and words[first].start - words[lo - 1].start <= MAX_EXTEND):
        lo -= 1
    while (hi < len(words) - 1 and not _ends_sentence(words[hi]) and words[hi + 1].start - words[hi].end < PAUSE
           and words[hi + 1].end - words[last].end <= MAX_EXTEND):
        hi += 1
    start, end = words[lo].start, words[hi].end
    before = words[lo - 1].end if lo > 0 else 0.0
    after = words[hi + 1].start if hi < len(words) - 1 else duration
    start = max(0.0, start - min(PAD, max(0.0, start - before) / 2))
    end = min(duration, end + min(PAD, max(0.0, after - end) / 2))
    return round(start, 3), round(end, 3)


def _widened(words: Sequence[Word], start: float, end: float) -> list[Word]:
    return [w for w in words if w.end > start and w.start < end]


def caption_cues(quote: str, words: Sequence[Word], clip_start: float, clip_end: float) -> tuple[Cue, ...]:
    """The quote's words (verbatim) in cues of at most ``CUE_CHARS`` characters, a
    sentence never sharing a cue with the next, timed from the heard ``words``."""
    if not words:
        return (Cue(0.0, clip_end - clip_start, quote),)
    timed = align_text(quote, words)
    sentences: list[list] = [[]]
    for w in timed:
        if sentences[-1] and re.search(r"[.!?…]$", sentences[-1][-1].text):
            sentences.append([])
        sentences[-1].append(w)
    groups = [g for sentence in sentences for g in _balanced(quote, sentence)]
    cues = []
    for k, g in enumerate(groups):
        start = max(0.0, g[0].start - clip_start) if k else 0.0
        cues.append([start, quote[g[0].span[0]:g[-1].span[1]]])
    out = []
    for k, (start, text) in enumerate(cues):
        end = cues[k + 1][0] if k + 1 < len(cues) else clip_end - clip_start
        out.append(Cue(round(start, 3), round(max(end, start + 0.1), 3), text))
    return tuple(out)


def _balanced(quote: str, words: list) -> list[list]:
    """One sentence's words in as few cues of at most ``CUE_CHARS`` as it takes, of even
    length, a cue never ending on a short linking word ("que la" | "Russie") when avoidable."""
    def length(ws: list) -> int:
        return ws[-1].span[1] - ws[0].span[0]

    if length(words) <= CUE_CHARS or len(words) < 2:
        return [words]
    k = -(-length(words) // CUE_CHARS)
    while True:
        target = length(words) / k
        cuts, start = [], 0
        for i in range(1, len(words)):
            if len(cuts) < k - 1 and words[i].span[0] - words[start].span[0] >= target * 0.95:
                cut = i
                if len(words[cut - 1].text) <= 3 and cut - 1 > start + 1:  # carry the linking word over
                    cut -= 1
                cuts.append(cut)
                start = cut
        groups = [words[a:b] for a, b in zip([0, *cuts], [*cuts, len(words)])]
        if all(length(g) <= CUE_CHARS for g in groups) or k >= len(words):
            return groups
        k += 1


def credit_text(story: Story, footage_credit: str | None, lang: str) -> str:
    video_label, source_label = _LABELS.get((lang or "en")[:2], _LABELS["en"])
    parts = []
    if footage_credit and footage_credit.strip():
        parts.append(video_label + footage_credit.strip())
    if story.article.credits.source:
        parts.append(source_label + story.article.credits.source)
    return typeset(_SEPARATOR.join(parts), lang) if parts else ""


# --------------------------------------------------------------------------- the plan


def match_quotes(story: Story, transcript: Transcript) -> list[tuple[int, Quote, QuoteMatch]]:
    """Each card quote with where it is spoken in ``transcript`` (found or not)."""
    lang = story.lang or transcript.language
    words = transcript.words
    return [(i, q, find_quote(q.text, words, lang)) for i, q in enumerate(story.card_quotes)
            if card_refusal(q) is None]


#: sample(path, start, duration, fps) -> [(seconds after start, RGB frame)]
Sampler = Callable[[Path, float, float, float], Sequence[tuple[float, "np.ndarray"]]]


def plan_footage(story: Story, footage: str | Path, transcript: Transcript, *, video_info: dict,
                 sample_frames: Sampler, footage_credit: str | None = None, brand: str | Path | None = None,
                 size: tuple[int, int] = CLIP_SIZE) -> FootagePlan:
    """The clips to cut from ``footage`` for ``story``'s card quotes (see the module doc).

    ``transcript`` is the footage's (``speech.transcribe``), ``video_info``
    what ``render.video.probe`` says of it, and ``sample_frames`` reads its
    frames for the face search (``render.video.sample_frames``: planning
    reads pixels through the one module that runs ffmpeg, handed in by the
    caller, ``pipeline.plan_footage_job``). MediaError for footage without a picture.
    """
    from . import faces

    footage = Path(footage)
    info = video_info
    if info.get("video") is None:
        raise MediaError("the footage holds no video stream", str(footage))
    src_w, src_h = info["video"]["width"], info["video"]["height"]
    src_fps = info["video"]["fps"] or 25.0
    fps = min(float(MAX_FPS), round(src_fps, 3))
    duration = info.get("duration") or transcript.duration
    lang = story.lang or transcript.language
    words = transcript.words
    # the window: the frame's full height at 9:16, when the footage is wider than that
    crop_w = min(src_w, 2 * round(src_h * size[0] / size[1] / 2))
    quotes, jobs = [], []
    for index, quote, match in match_quotes(story, transcript):
        speaker = quote.speaker or ""
        if not match.found:
            quotes.append(FootageQuote(index, quote.text, speaker, match.score, False, heard=match.heard))
            continue
        start, end = cut_span(words, match.first, match.last, duration)
        times, lefts = (), None
        if crop_w < src_w:
            samples = sample_frames(footage, start, end - start, faces.SAMPLE_FPS)
            scale = src_w / samples[0][1].shape[1]
            track = faces.follow(samples)
            track = faces.FaceTrack(track.times, tuple(None if c is None else c * scale for c in track.centres),
                                    track.boxes)
            lefts = faces.crop_lefts(track, src_w, crop_w)
            times = track.times
        name = f"footage-quote-{index}"
        jobs.append(FootageClipJob(
            name=name, quote_index=index, quote=quote.text, source=footage, source_size=(src_w, src_h),
            fps=fps, start=start, end=end, size=size, mode="face" if lefts else "blur", crop_width=crop_w,
            crop_times=times if lefts else (), crop_lefts=lefts or (),
            cues=caption_cues(quote.text, _widened(words, start, end), start, end),
            speaker=speaker, speaker_role=typeset(quote.role, lang) if quote.role else "",
            credits=credit_text(story, footage_credit, lang), lang=lang,
            brand=Path(brand) if brand else None,
        ))
        quotes.append(FootageQuote(index, quote.text, speaker, match.score, True, start, end, match.heard,
                                   clip=f"clips/{name}.mp4"))
    return FootagePlan(footage, duration, transcript.language, transcript.engine, tuple(quotes), tuple(jobs))
