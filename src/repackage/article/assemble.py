"""Lines of an article -> ``Article``: the editorial-free clean-up every reader shares.

Readers turn their input into :class:`Line` objects (one per line of text,
with the blank-line block it belongs to) plus whatever metadata the format
gives (:class:`Draft`). :func:`build_article` then:

1. takes the headline (the first line that is not furniture), unless the
   format gave one;
2. sorts out lines that are not story text: credit lines, calls to action,
   read-also links, furniture and signed bylines ("By Jane Doe | Reuters",
   "Par Jean Dupont, le 12 février 2024") anywhere; other byline and date
   lines near the top only (see :func:`_sort_lines`), or a byline signing
   the story's last line;
3. groups the remaining lines into paragraphs (per block; Markdown joins a
   block's lines, plain text keeps one paragraph per line unless the block is
   hard-wrapped);
4. decides what the short lines between the headline and the last header
   metadata line are (see :func:`_header_role`): a **teaser** (dropped), a
   **dek** (standfirst) or a kicker (dropped as furniture);
5. strips a call to action ending a paragraph, re-joins broken sentences
   (:mod:`.heal`) and refuses an article without body text.

Teaser vs dek, the conservative rule: only lines that sit *before* the
header metadata (byline, date or credit line) are candidates, so a lede is
never taken for a dek. A candidate with clickbait phrasing is a teaser. Else
three weak signals are counted: no final punctuation, "Topic : rest" colon
shape, and little vocabulary shared with the body (under 30 % of its
content words). Two or more make a teaser; otherwise a candidate of five
words or more is the dek and a shorter one is a kicker. Right after the
header, a first paragraph is dropped as a teaser only when it is short,
clickbait and unpunctuated. In Markdown, a wholly emphasised paragraph right
under the title is the dek.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from ..errors import ArticleError
from ..models import Article, Credits, DroppedLine, PhotoCaption
from .credits import merge_credits, parse_credit_line
from .dates import dateline
from .furniture import Byline, furniture_reason, photo_caption, is_clickbait, parse_byline, split_trailing_cta
from .heal import Para, ends_sentence, heal_paragraphs, join_texts
from .lang import UNDETERMINED, detect_language

NO_TEXT_MESSAGE = "no article text found"

#: Header metadata (byline, date) is looked for in this many lines after the headline ...
_HEADER_MAX_LINES = 10
#: ... and never after a line this long (that is body text).
_BODY_LINE_CHARS = 200
#: At most this many lines (teaser, dek) come before the header metadata.
_HEADER_MAX_CANDIDATES = 2
#: Teaser candidates right after the header: at most this many words.
_TEASER_MAX_WORDS = 20
_DEK_MIN_WORDS = 5
_LOW_OVERLAP = 0.3


@dataclass(frozen=True)
class Line:
    """One line of input after markup is gone.

    ``block`` numbers the blank-line separated blocks; ``kind`` is "text",
    "heading", "quote" or "item"; ``emphasised`` marks a Markdown line that
    was wholly in ``*...*`` or ``**...**``.
    """

    text: str
    block: int
    kind: str = "text"
    emphasised: bool = False


@dataclass
class Draft:
    """What a reader knows besides the lines, and how to group them.

    ``grouping``: "text" (a line per paragraph unless its block is
    hard-wrapped) or "markdown" (a block's lines form one paragraph).
    ``dek`` is a summary from metadata; it is checked like a header line.
    """

    source_format: str
    grouping: str = "text"
    headline: str | None = None
    dek: str | None = None
    byline: str | None = None
    date: str | None = None
    date_text: str | None = None
    lang: str | None = None
    credits: list[Credits] = field(default_factory=list)
    photos: list[PhotoCaption] = field(default_factory=list)  # captions of photos found in the text
    source_path: str | None = None
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)


@dataclass
class _State:
    """Everything collected while reading the lines."""

    draft: Draft
    lang: str
    byline: str | None = None
    date: str | None = None
    date_text: str | None = None
    dropped: list[tuple[int, DroppedLine]] = field(default_factory=list)  # (line index, line)
    credits: list[Credits] = field(default_factory=list)
    photos: list[PhotoCaption] = field(default_factory=list)  # captions of photos found in the text
    last_header_meta: int = -1  # index of the last byline/date/credit line in the header

    def drop(self, text: str, reason: str, position: int) -> None:
        """Keep ``text`` out of the story; ``position`` (line index, -1 for metadata) orders the report."""
        self.dropped.append((position, DroppedLine(text=text, reason=reason)))

    def dropped_in_order(self) -> tuple[DroppedLine, ...]:
        return tuple(line for _, line in sorted(self.dropped, key=lambda item: item[0]))

    def first_cta(self) -> str | None:
        return next((d.text for d in self.dropped_in_order() if d.reason == "call-to-action"), None)


# --- step 1: headline ------------------------------------------------------------------

def _take_headline(lines: list[Line], state: _State) -> tuple[str, int]:
    """The first line that is not furniture, and the index of the line after it."""
    for i, line in enumerate(lines):
        if _classify_anywhere(line, state, i):
            continue
        headline, after = line.text, i + 1
        while (
            state.draft.grouping == "text" and after < len(lines) and lines[after].block == line.block
            and lines[after].text[:1].islower() and not ends_sentence(headline)
        ):  # a headline hard-wrapped over two lines
            headline, after = join_texts([headline, lines[after].text]), after + 1
        return headline, after
    raise ArticleError(NO_TEXT_MESSAGE, path=state.draft.source_path)


# --- step 2: line classification --------------------------------------------------------

def _classify_anywhere(line: Line, state: _State, position: int) -> str | None:
    """Drop a furniture, credit or signed byline line wherever it is; the reason when dropped.

    A signed byline (names with an agency or a date: "By Jane Doe | Reuters",
    "Par Jean Dupont, le 12 février 2024") is never story text; a bare one
    ("Par Jean Dupont") is only taken in the header (see :func:`_sort_lines`).
    """
    if line.kind not in ("text", "item"):
        return None
    reason = furniture_reason(line.text)
    if not reason and (photo := photo_caption(line.text)) and photo[0]:
        state.photos.append(PhotoCaption(caption=photo[0], credit=photo[1]))
        reason = "photo-caption"
    byline = parse_byline(line.text, state.lang) if not reason and line.kind == "text" else None
    if byline and byline.signed:
        _record_byline(byline, line.text, state)
        reason = "byline"
    elif not reason and not byline and line.kind == "text" and (credit := parse_credit_line(line.text)):
        state.credits.append(credit)
        reason = "credit"
    if reason:
        state.drop(line.text, reason, position)
    return reason


_META_SPLIT = re.compile(r"\s+[|•·–—-]\s+|\s*\|\s*|,\s+(?=(?:publié|mis à jour|updated|published|posted|le\s+\d|\d))", re.I)


def _header_meta(line: Line, state: _State, position: int) -> bool:
    """Record a byline and/or date line of the header; True when it was one.

    A line may combine them: "Par Jean Dupont | lundi 26 février 2024".
    """
    if line.kind != "text":
        return False
    candidates = [[line.text]]
    if _META_SPLIT.search(line.text):
        candidates.append([p for p in _META_SPLIT.split(line.text) if p.strip()])
    for parts in candidates:
        if _apply_meta(parts, state, dry_run=True):
            _apply_meta(parts, state, dry_run=False)
            state.drop(line.text, "date" if dateline(line.text, state.lang) else "byline", position)
            return True
    return False


def _apply_meta(parts: list[str], state: _State, dry_run: bool) -> bool:
    """Whether every part is a dateline, a byline or a credit (and record them unless dry run)."""
    for part in parts:
        date = dateline(part, state.lang)
        byline = None if date else parse_byline(part, state.lang)
        credit = None if date or byline else parse_credit_line(part)
        if not (date or byline or credit):
            return False
        if dry_run:
            continue
        if date and state.date is None:
            state.date, state.date_text = date.iso, part[date.start : date.end]
        if byline:
            _record_byline(byline, part, state)
        if credit:
            state.credits.append(credit)
    return True


def _record_byline(byline: Byline, raw: str, state: _State) -> None:
    """The first byline names the writers; its agency is a source, its date the article's if none yet."""
    if state.byline is None:
        state.byline = byline.names
        if byline.organisation:
            state.credits.append(Credits(source=byline.organisation, raw=(raw,)))
    if byline.date and state.date is None:
        state.date, state.date_text = byline.date, byline.date_text


def _sort_lines(lines: list[Line], start: int, state: _State) -> list[tuple[int, Line]]:
    """Story lines from ``start`` on, with their index; everything else recorded in ``state``.

    The header is open until the first story line after some metadata, a
    long line, or a third story line. Byline and date lines are recognised
    in the first lines even after it closes (a line that is only a date is
    never story text), but only metadata in the open header makes earlier
    lines dek/teaser candidates.
    """
    kept: list[tuple[int, Line]] = []
    header_open = True
    for i in range(start, len(lines)):
        line = lines[i]
        near_top = i - start < _HEADER_MAX_LINES
        if len(line.text) > _BODY_LINE_CHARS or not near_top:
            header_open = False
        reason = _classify_anywhere(line, state, i)
        if reason in ("credit", "byline") and header_open:
            state.last_header_meta = i
        if reason:
            continue
        if near_top and _header_meta(line, state, i):
            if header_open:
                state.last_header_meta = i
            continue
        if i == len(lines) - 1 and line.kind == "text" and (byline := parse_byline(line.text, state.lang)):
            _record_byline(byline, line.text, state)  # a story signed at its end: "Par Jean Dupont"
            state.drop(line.text, "byline", i)
            continue
        if state.last_header_meta >= 0 or len(kept) >= _HEADER_MAX_CANDIDATES:
            header_open = False
        kept.append((i, line))
    return kept


# --- step 3: paragraphs -----------------------------------------------------------------

@dataclass
class _Para:
    """A paragraph, the index of its first line, and whether it was wholly emphasised."""

    position: int
    para: Para
    emphasised: bool = False


def _hard_wrapped(lines: list[Line]) -> bool:
    """A block typed with line breaks at a fixed width (lines of similar length, mid-sentence breaks)."""
    if len(lines) < 3:
        return False
    body = [len(line.text) for line in lines[:-1]]
    soft = sum(not ends_sentence(line.text) for line in lines[:-1])
    return soft * 2 >= len(body) and max(body) <= 120 and min(body) >= 0.5 * max(body) and statistics.median(body) >= 30


def _group(kept: list[tuple[int, Line]], grouping: str, corpus_lower: str) -> list[_Para]:
    """Paragraphs from story lines; ``corpus_lower`` (the article) settles line-end hyphens."""
    blocks: list[list[tuple[int, Line]]] = []
    for item in kept:
        if blocks and blocks[-1][-1][1].block == item[1].block:
            blocks[-1].append(item)
        else:
            blocks.append([item])
    paras: list[_Para] = []
    for block in blocks:
        lines = [line for _, line in block]
        if grouping == "markdown" or (grouping == "text" and _hard_wrapped(lines)):
            paras.extend(_join_runs(block, corpus_lower))
        else:
            paras.extend(_Para(i, Para(line.text, line.kind), line.emphasised) for i, line in block)
    return paras


def _join_runs(block: list[tuple[int, Line]], corpus_lower: str) -> list[_Para]:
    """Consecutive text (or quote) lines form one paragraph; headings and items stand alone."""
    runs: list[list[tuple[int, Line]]] = []
    for item in block:
        line, prev = item[1], runs[-1][-1][1] if runs else None
        if prev and line.kind in ("text", "quote") and prev.kind == line.kind:
            runs[-1].append(item)
        else:
            runs.append([item])
    return [
        _Para(run[0][0], Para(join_texts([line.text for _, line in run], corpus_lower), run[0][1].kind),
              all(line.emphasised for _, line in run))
        for run in runs
    ]


# --- step 4: header: dek, teaser, kicker --------------------------------------------------

_WORD = re.compile(r"[^\W\d_]{4,}")
_COLON_SHAPE = re.compile(r"^[^:]{1,40}?\s?:\s")


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _header_role(text: str, body_words: set[str]) -> str:
    """"teaser", "dek" or "kicker" for a short line before the header metadata."""
    if is_clickbait(text):
        return "teaser"
    words = _content_words(text)
    overlap = len(words & body_words) / len(words) if words and body_words else 1.0
    signals = (not ends_sentence(text)) + bool(_COLON_SHAPE.match(text)) + (overlap < _LOW_OVERLAP)
    if signals >= 2:
        return "teaser"
    return "dek" if len(text.split()) >= _DEK_MIN_WORDS else "kicker"


def _split_header(paras: list[_Para], state: _State) -> tuple[str | None, list[_Para]]:
    """The dek and the body paragraphs; teasers and kickers are dropped."""
    header = [p for p in paras if p.position < state.last_header_meta and p.para.kind in ("text", "heading")]
    if not any(p.position > state.last_header_meta for p in paras):
        header = []  # metadata closing a short article is no header
    body = [p for p in paras if p not in header]
    body_text = " ".join(p.para.text for p in body)
    body_words = _content_words(body_text)
    dek: list[str] = []
    for p in header:
        role = _header_role(p.para.text, body_words)
        if role == "dek":
            dek.append(p.para.text)
        else:
            state.drop(p.para.text, "teaser" if role == "teaser" else "furniture", p.position)
    body = _drop_opening_teasers(body, state)
    if not dek and not header and body and body[0].emphasised and len(body) > 1:
        dek.append(body.pop(0).para.text)
    if state.draft.dek:
        return _metadata_dek(state.draft.dek, dek, body_text, body_words, state), body
    return (" ".join(dek) or None), body


def _metadata_dek(candidate: str, from_lines: list[str], body_text: str, body_words: set[str], state: _State) -> str | None:
    """A summary given as metadata (HTML description, ninjs descriptions) checked like a header line.

    An excerpt of the body (its first 80 characters appear in the body) is
    not a standfirst.
    """
    for text in from_lines:
        state.drop(text, "dek", -1)  # the metadata summary takes precedence
    if _squash(candidate[:80]) in _squash(body_text):
        state.drop(candidate, "excerpt", -1)
        return None
    role = _header_role(candidate, body_words)
    if role != "dek":
        state.drop(candidate, "teaser" if role == "teaser" else "furniture", -1)
        return None
    return candidate


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _drop_opening_teasers(body: list[_Para], state: _State) -> list[_Para]:
    """A short, unpunctuated clickbait line opening the body is a teaser too."""
    while body:
        text = body[0].para.text
        if not (is_clickbait(text) and not ends_sentence(text) and len(text.split()) <= _TEASER_MAX_WORDS):
            break
        state.drop(text, "teaser", body[0].position)
        body = body[1:]
    return body


# --- step 5: finish ---------------------------------------------------------------------

def _strip_ctas(paras: list[_Para], state: _State) -> list[Para]:
    """Paragraphs without a call to action tacked on as their last sentence."""
    out = []
    for p in paras:
        text, cta = split_trailing_cta(p.para.text) if p.para.kind == "text" else (p.para.text, None)
        if cta:
            state.drop(cta, "call-to-action", p.position)
        out.append(Para(text, p.para.kind))
    return out


def _language(lines: list[Line], draft: Draft, override: str | None) -> str:
    if override:
        return override
    if draft.lang:
        return draft.lang
    return detect_language("\n".join(line.text for line in lines))


def build_article(lines: list[Line], draft: Draft, *, lang: str | None = None) -> Article:
    """The Article these lines make, or ArticleError when there is no story text."""
    state = _State(draft, _language(lines, draft, lang), draft.byline, draft.date, draft.date_text)
    state.credits.extend(draft.credits)
    headline, start = draft.headline, 0
    if headline is None:
        headline, start = _take_headline(lines, state)
    kept = _sort_lines(lines, start, state)
    paras = _group(kept, draft.grouping, "\n".join(line.text for line in lines).lower())
    if paras and _same_text(paras[0].para.text, headline):
        paras = paras[1:]  # HTML extractors repeat the <h1> in the text
    dek, body = _split_header(paras, state)
    text_paras = _strip_ctas(body, state)
    healed, notes = heal_paragraphs([p for p in text_paras if p.text], state.lang)
    paragraphs = tuple(p.text for p in healed)
    if not headline.strip() or not any(ch.isalpha() for ch in "".join(paragraphs)):
        raise ArticleError(NO_TEXT_MESSAGE, path=draft.source_path)
    return Article(
        headline=headline,
        paragraphs=paragraphs,
        lang=state.lang or UNDETERMINED,
        dek=dek,
        credits=merge_credits(state.credits),
        byline=state.byline,
        date=state.date,
        date_text=state.date_text,
        cta=state.first_cta(),
        dropped=state.dropped_in_order(),
        source_path=draft.source_path,
        source_format=draft.source_format,
        encoding=draft.encoding,
        healed=tuple(draft.notes + notes),
        photo_captions=tuple(state.photos),
    )


def _same_text(a: str, b: str) -> bool:
    return _squash(a) == _squash(b)
