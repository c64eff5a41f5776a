"""Plain data passed between the pipeline stages.

Every class here is a frozen dataclass with no I/O. Stages are functions over
these values: ``read_article(path) -> Article``, ``build_story(Article) ->
Story``, ``plan(...)`` and ``render(...)``. ``to_dict`` gives the JSON shape
used by ``story.json`` and ``--json``.

Character offsets (``Span``) always index ``Article.text``: the healed body,
paragraphs joined by a blank line (``"\\n\\n"``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Span:
    """Half-open character range ``[start, end)`` in ``Article.text``."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class Credits:
    """Who made the material: printed on cards, embedded in image metadata."""

    source: str | None = None  # the outlet the story comes from ("Le Devoir")
    photographer: str | None = None  # "Kenzo Tribouillard"
    agency: str | None = None  # "AFP"
    raw: tuple[str, ...] = ()  # the credit line(s) exactly as read

    def photo_credit(self) -> str | None:
        """"Kenzo Tribouillard / AFP", "AFP" or None."""
        parts = [p for p in (self.photographer, self.agency) if p]
        return " / ".join(parts) if parts else None

    def is_empty(self) -> bool:
        return not (self.source or self.photographer or self.agency)


@dataclass(frozen=True)
class DroppedLine:
    """A line of the input kept out of the story text, and why."""

    text: str
    reason: str  # teaser | call-to-action | read-also | furniture | photo-caption | credit | byline | date | dek | excerpt


@dataclass(frozen=True)
class PhotoCaption:
    """A photo's caption found in the input ("A firefighter at the scene.
    Image: John Doe."): kept for alt text and credits, never story text."""

    caption: str
    credit: str | None = None


@dataclass(frozen=True)
class Article:
    """What a reader makes of an input file; no editorial judgement yet."""

    headline: str
    paragraphs: tuple[str, ...]  # healed body paragraphs, NFC
    lang: str  # ISO 639-1 ("fr", "en", ...) or "und"
    dek: str | None = None  # standfirst
    credits: Credits = field(default_factory=Credits)
    byline: str | None = None
    date: str | None = None  # ISO 8601 date when parsed, else None (see date_text)
    date_text: str | None = None  # the date as written in the article
    cta: str | None = None  # call to action found in the input, for the outro
    dropped: tuple[DroppedLine, ...] = ()
    source_path: str | None = None
    source_format: str = "text"  # text | markdown | html | ninjs
    encoding: str = "utf-8"
    healed: tuple[str, ...] = ()  # human-readable notes of repairs made
    photo_captions: tuple[PhotoCaption, ...] = ()  # photo captions found in the input (not story text)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def paragraph_spans(self) -> tuple[Span, ...]:
        spans, pos = [], 0
        for p in self.paragraphs:
            spans.append(Span(pos, pos + len(p)))
            pos += len(p) + 2
        return tuple(spans)


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str  # exactly Article.text[span.start:span.end]
    span: Span
    paragraph: int


@dataclass(frozen=True)
class Quote:
    """A direct quote, verbatim. ``text`` joins ``parts`` with one space.

    Each part is a verbatim substring of ``Article.text`` at its span (quote
    marks excluded). A quote split by its attribution or running over several
    paragraphs has several parts.
    """

    text: str
    parts: tuple[Span, ...]
    speaker: str | None  # full name as the article gives it; None = unattributed
    role: str | None = None  # "porte-parole du président russe"
    confidence: float = 0.0  # 0..1
    attribution: str | None = None  # the words that attribute it ("a déclaré le dirigeant français")
    sentence_indices: tuple[int, ...] = ()
    marks: str = "«»"  # opening + closing marks as found
    evidence: str | None = None  # "<cue>/<resolution>", see editorial.calibration
    whole: bool = True  # a whole utterance that can stand alone on a card (not a fragment)

    @property
    def span(self) -> Span:
        return Span(self.parts[0].start, self.parts[-1].end)

    @property
    def attributed(self) -> bool:
        return self.speaker is not None


#: A quote goes on a card only when the calibrated probability that its
#: speaker is right (editorial/calibration.py) reaches this, and its evidence
#: names the speaker (or continues the one just named).
CARD_MIN_CONFIDENCE = 0.8


def card_refusal(q: Quote) -> str | None:
    """Why ``q`` may not go on a card or in a clip, or None when it may:
    ``unattributed``, ``low confidence`` (the calibrated probability that its
    speaker is right is under CARD_MIN_CONFIDENCE), ``speaker not named in
    the attribution`` (a name met nowhere else, a pronoun reaching far back),
    ``fragment`` (not a whole utterance)."""
    from repackage.editorial.calibration import explicit

    if not q.attributed:
        return "unattributed"
    if q.confidence < CARD_MIN_CONFIDENCE:
        return "low confidence"
    if q.evidence is not None and not explicit(q.evidence):
        return "speaker not named in the attribution"
    if not q.whole:
        return "fragment"
    return None


def is_card_quote(q: Quote) -> bool:
    return card_refusal(q) is None


@dataclass(frozen=True)
class Entity:
    text: str  # as in the article ("Emmanuel Macron")
    kind: str  # "person" | "place" | "org" | "other"
    count: int = 1
    hashtag: str | None = None  # "#Macron"


@dataclass(frozen=True)
class CastMember:
    """One person or organisation of the article's cast: the entity table the
    attribution resolves names, roles and pronouns against."""

    name: str  # the fullest name the article writes ("Emmanuel Macron")
    kind: str  # "person" | "organisation" | "unknown" (a name with no evidence either way)
    gender: str | None = None  # "m" | "f" where the text shows it (a title, a determiner, an agreement)
    roles: tuple[str, ...] = ()  # the roles the article gives them, as written ("président français")
    mentions: tuple[Span, ...] = ()  # every mention, offsets into Article.text (titles and roles excluded)
    quotes: int = 0  # how many of the Story's quotes are attributed to them


@dataclass(frozen=True)
class Caption:
    """One on-screen caption; ``sources`` index ``Story.sentences``."""

    text: str
    sources: tuple[int, ...]


@dataclass(frozen=True)
class AltText:
    target: str  # what it describes: "quote:0", "headline", "caption:2"
    text: str


@dataclass(frozen=True)
class PostCopy:
    tiktok: str
    instagram: str
    x: str
    hashtags: tuple[str, ...]
    alt_texts: tuple[AltText, ...] = ()


@dataclass(frozen=True)
class Story:
    """Article -> everything the renderers need. Built by editorial.build_story."""

    article: Article
    slug: str
    lang: str
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]
    captions: tuple[Caption, ...]
    hook: Caption
    entities: tuple[Entity, ...]
    post_copy: PostCopy
    cast: tuple[CastMember, ...] = ()  # who the article names, as the attribution saw them

    @property
    def card_quotes(self) -> tuple[Quote, ...]:
        """Quotes safe to put on a card or in a clip.

        Those ``card_refusal`` lets through: attributed, with a calibrated
        confidence of at least CARD_MIN_CONFIDENCE, evidence that names the
        speaker, and a whole utterance (not a fragment woven into the
        reporter's sentence, like « payer nécessairement les conséquences »).
        The rest stay in the Story for the editor to see.
        """
        return tuple(q for q in self.quotes if is_card_quote(q))


def to_dict(obj: Any) -> Any:
    """JSON-ready dict of any model (properties ``text``/``span`` included)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        if isinstance(obj, Article):
            out["text"] = obj.text
        if isinstance(obj, Quote):
            out["span"] = to_dict(obj.span)
        return out
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


@dataclass(frozen=True)
class Asset:
    """One file written by a renderer, as listed in manifest.json."""

    kind: str  # "card" | "clip" | "subtitles" | "cover" | "story" | ...
    path: str  # relative to the story's output folder
    mime: str
    width: int | None = None
    height: int | None = None
    template: str | None = None
    template_version: str | None = None
    alt_text: str | None = None
    duration: float | None = None  # seconds, for clips
    codec: str | None = None
    role: str | None = None  # what it shows: "quote:0", "headline", "caption:2", "cover"
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Failure:
    """An output that could not be made; the rest of the run went on."""

    stage: str  # "cards" | "clips" | ...
    message: str


@dataclass(frozen=True)
class Skipped:
    """An output deliberately left out (a quote too long for its card): not a failure."""

    stage: str
    message: str
    role: str | None = None  # the card's role when known: "quote:0" indexes story.card_quotes
