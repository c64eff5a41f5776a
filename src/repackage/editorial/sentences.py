"""Rule-based sentence splitting that never cuts inside a quotation.

``split_sentences(article)`` gives the article's sentences with spans into
``Article.text``; ``split_text(text, lang)`` does the same for any text.

How a boundary is found, in short:

* Paragraphs (blocks separated by a blank line) are split independently: a
  sentence never crosses a paragraph boundary.
* Quote marks and brackets are paired first (``find_enclosures``). Nothing
  inside a quotation or a bracket is a boundary, so ``« Rien ne doit être
  exclu. Nous ferons tout [...] », a déclaré le dirigeant français.`` is one
  sentence: the quote and its attribution. A quotation closed by ``»`` right
  after its own final punctuation (``« C'est fini. » Puis ...``) ends the
  sentence at the closing mark.
* A block quote standing alone as its paragraph is kept whole, even when it
  holds several sentences: a quote is a unit for the editor, and captions
  skip quote sentences anyway. A quote left open at the end of its paragraph
  (French convention for quotes running over several paragraphs) protects the
  rest of the paragraph; a paragraph opening inside such a quote (its text
  runs up to a closing mark with no opener) is protected up to that mark.
* Outside quotes, ``. ! ? … ؟ ‽`` (and runs of them: ``?!``, ``...``) end a
  sentence when followed by white space and a word that can start one (capital
  letter, digit, opening mark, dash, or a letter of a script without case).
  ``。！？`` end a sentence without any following space.
* A period does not end a sentence after a title abbreviation (``M.``,
  ``Mme``, ``Dr.``, ``Mr.``, ``St.``...), after ``No.``/``p.``/month
  abbreviations before a number, after an initial (``J. R. R. Tolkien``) or a
  dotted abbreviation (``U.S.``, ``e.g.``, ``p. ex.``), unless the next word is
  a typical sentence opener ("The", "Il", ...), nor when the next word starts
  in lower case. Numbers (``3.5``, ``1,5``, ``26.02.2024``), URLs and e-mail
  addresses contain no space after their periods so they are never split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from repackage.lang import (
    number_abbreviations,
    sentence_starters,
    title_abbreviations,
)
from repackage.models import Article, Sentence, Span

#: Punctuation that ends a sentence when followed by space.
TERMINALS = frozenset(".!?…؟‽⁇⁈⁉")
#: Punctuation that ends a sentence on its own (CJK full-width forms).
CJK_TERMINALS = frozenset("。！？｡")
_ALL_TERMINALS = TERMINALS | CJK_TERMINALS

#: Opening mark -> the marks that close it, in every language.
_PAIRS: dict[str, str] = {
    "«": "»",
    "“": "”",
    "„": "“”",
    "‹": "›",
    '"': '"”“',  # typed quotes are sometimes closed by a curly mark, even the wrong one
    "‘": "’",
    "‚": "‘’",
    "「": "」",
    "『": "』",
    "(": ")",
    "[": "]",
}
#: Extra pairs of languages that write quotes »like this« (German, Danish...).
_REVERSED_GUILLEMETS: dict[str, str] = {"»": "«", "›": "‹"}
_REVERSED_LANGS = frozenset({"de", "da", "cs", "sk", "sl", "hr", "hu", "pl"})

#: Marks that delimit a quotation (as opposed to brackets).
QUOTE_MARKS = frozenset('«»“”„‹›"‘’‚「」『』')
#: Marks whose quotation may stay open at the end of a paragraph.
_CONTINUABLE_OPENERS = frozenset('«“„‹"「『')
#: Closing marks that may end a quotation begun in an earlier paragraph.
_CONTINUATION_CLOSERS = frozenset("»”›」』")
_DASHES = frozenset("—–-‒―•")
_SPACES = " \t\u00a0\u202f\u2009\u2007"
_WORD_RE = re.compile(r"[\w][\w'’.-]*")
_DOTTED_RE = re.compile(r"(?:\w{1,3}\.)+\w{1,3}")
_PARAGRAPH_SEP_RE = re.compile(r"\n[ \t\r]*\n\s*")


@dataclass(frozen=True)
class Enclosure:
    """A quotation or bracket in a paragraph: offsets of its marks.

    ``open`` is None when the paragraph starts inside a quotation begun in an
    earlier paragraph; ``close`` is None when the quotation runs on past the
    end of the paragraph. ``depth`` 0 is an outermost enclosure.
    """

    open: int | None
    close: int | None
    opener: str
    closer: str
    depth: int

    @property
    def is_quote(self) -> bool:
        return (self.opener or self.closer) in QUOTE_MARKS


def split_sentences(article: Article) -> tuple[Sentence, ...]:
    """The sentences of ``article``, in order, with spans into ``article.text``."""
    text = article.text
    sentences: list[Sentence] = []
    for number, para in enumerate(article.paragraph_spans()):
        for start, end in _split_paragraph(text[para.start : para.end], article.lang):
            span = Span(para.start + start, para.start + end)
            sentences.append(Sentence(len(sentences), span.slice(text), span, number))
    return tuple(sentences)


def split_text(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text``, stripped of surrounding space.

    Blocks separated by a blank line are paragraphs and are split apart.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for sep in [*_PARAGRAPH_SEP_RE.finditer(text), None]:
        end = sep.start() if sep else len(text)
        spans.extend((pos + s, pos + e) for s, e in _split_paragraph(text[pos:end], lang))
        if sep:
            pos = sep.end()
    return spans


def find_enclosures(paragraph: str, lang: str) -> list[Enclosure]:
    """Pair the quote marks and brackets of one paragraph.

    Marks are paired with a stack. A straight ``"`` opens only after a space,
    the start or an opening mark, and closes the innermost open ``"``; single
    curly quotes are treated the same way so that apostrophes (``l’OTAN``,
    ``don’t``) are never taken for quotes. Unclosed brackets and single quotes
    are dropped; unclosed double quotes run to the end of the paragraph.
    Closing guillemets/curly quotes with no opener mean the paragraph began
    inside a quotation: the last of them closes an enclosure opened at 0.
    """
    pairs = dict(_PAIRS)
    if _base(lang) in _REVERSED_LANGS:
        pairs.update(_REVERSED_GUILLEMETS)
    stack: list[tuple[int, str]] = []
    found: list[Enclosure] = []
    orphan_close: int | None = None
    for i, ch in enumerate(paragraph):
        if stack and ch in pairs[stack[-1][1]] and _can_close(paragraph, i):
            start, opener = stack.pop()
            found.append(Enclosure(start, i, opener, ch, len(stack)))
        elif ch in pairs and (_can_open(paragraph, i) or (not stack and _misplaced_opener(paragraph, i))):
            stack.append((i, ch))
        elif not stack and ch in _CONTINUATION_CLOSERS:
            orphan_close = i
    for depth, (start, opener) in enumerate(stack):
        if opener in _CONTINUABLE_OPENERS:
            found.append(Enclosure(start, None, opener, "", depth))
    if orphan_close is not None:
        found = [e for e in found if e.open is not None and e.open > orphan_close]
        found.append(Enclosure(None, orphan_close, "", paragraph[orphan_close], 0))
    return sorted(found, key=lambda e: (-1 if e.open is None else e.open, e.depth))


def _split_paragraph(paragraph: str, lang: str) -> list[tuple[int, int]]:
    """Stripped sentence spans of one paragraph (offsets within it)."""
    outer = [e for e in find_enclosures(paragraph, lang) if e.depth == 0]
    protected = [False] * len(paragraph)
    closes: set[int] = set()
    for enc in outer:
        first = 0 if enc.open is None else enc.open + 1
        last = len(paragraph) if enc.close is None else enc.close
        for k in range(first, last):
            protected[k] = True
        if enc.close is not None and (enc.is_quote or _has_letter(paragraph, first, last)):
            closes.add(enc.close)
    cuts = [0]
    for i, ch in enumerate(paragraph):
        ends = (ch in _ALL_TERMINALS and not protected[i]) or (
            i in closes and _ends_with_terminal(paragraph, i)
        )
        if ends and _is_boundary(paragraph, i, lang):
            cuts.append(i + 1)
    cuts.append(len(paragraph))
    return [span for a, b in pairwise(cuts) if (span := _strip(paragraph, a, b))]


def _is_boundary(text: str, i: int, lang: str) -> bool:
    """Does the sentence end right after ``text[i]`` (a terminal or a closing mark)?"""
    k = i + 1
    while k < len(text) and text[k].isspace():
        k += 1
    if k == len(text) or _cjk_end(text, i):
        return True
    if k == i + 1 or not _can_start(text[k]):
        return False  # "3.5", "www.example.org", "etc. et", "? » s'est-il demandé"
    if text[i] == "." and not (i > 0 and text[i - 1] == "."):
        return not _abbreviation_before(text, i, text[k:], lang)
    return True


def _can_start(ch: str) -> bool:
    """Can a sentence start with ``ch``? Capitals, digits, opening marks,
    dashes, and letters of scripts without case (Arabic, CJK, Hebrew...)."""
    if ch.isupper() or ch.isdigit() or ch in _PAIRS or ch in _DASHES or ch in "¿¡":
        return True
    return ch.isalpha() and ch.lower() == ch.upper()


def _abbreviation_before(text: str, i: int, rest: str, lang: str) -> bool:
    """Is the period at ``text[i]`` part of an abbreviation, given what follows?"""
    j = i
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    token = text[j:i].lstrip("([{«“\"'‘„‹")
    if not token:
        return False
    following = _WORD_RE.match(rest)
    next_word = following.group(0).rstrip(".") if following else ""
    opener = next_word in sentence_starters(lang)
    if token in title_abbreviations(lang):
        return True
    if token in number_abbreviations():
        return rest[:1].isdigit()
    if len(token) == 1 and token.isalpha():
        return not opener  # an initial: "J. R. R. Tolkien"
    if _DOTTED_RE.fullmatch(token):
        return not opener  # "U.S.", "e.g.", "z.B."
    if _base(lang) == "de" and token.isdigit() and len(token) <= 2:
        return not opener  # German ordinal: "am 26. Februar"
    return False


def _ends_with_terminal(text: str, close: int) -> bool:
    """Does the quotation closing at ``close`` end with its own final punctuation?"""
    k = close - 1
    while k >= 0 and text[k] in _SPACES:
        k -= 1
    return k >= 0 and text[k] in _ALL_TERMINALS


def _cjk_end(text: str, i: int) -> bool:
    """Is ``text[i]`` a CJK full stop (which needs no space after it)?

    A closing mark after one does not end the sentence by itself:
    ``“你好。”他说。`` is a quote and its attribution, one sentence.
    """
    return text[i] in CJK_TERMINALS


def _can_open(text: str, i: int) -> bool:
    """May the mark at ``i`` open a quotation (not an apostrophe or inch sign)?"""
    if text[i] not in '"‘':
        return True
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in _PAIRS or prev in _DASHES or prev in ":") and not nxt.isspace()


def _misplaced_opener(text: str, i: int) -> bool:
    """A typed ``"`` glued to the comma before it and spaced from its words,
    ``said," [Warhol] liked the way ..."``: a typo for ``said, "[Warhol] ...``.
    Taken as an opener only when nothing is open, a word comes right after the
    space, and a later ``"`` in the paragraph can close it."""
    if text[i] != '"' or i == 0 or text[i - 1] not in ",:" or not text[i - 2 : i - 1].isalpha():
        return False
    if text[i + 1 : i + 2] != " " or not re.match(r"[\w\[(]", text[i + 2 : i + 3]):
        return False
    return text.find('"', i + 1) > 0


def _can_close(text: str, i: int) -> bool:
    """May the mark at ``i`` close a quotation (``’`` inside a word is an
    apostrophe; a ``“`` closes only in closing position: after a word or
    punctuation, before a space, punctuation or the end)?"""
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "“":
        prev = text[i - 1] if i > 0 else " "
        return not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)")
    if text[i] != "’":
        return True
    return not nxt.isalpha()


def _has_letter(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` hold a letter (``[...]`` does not)?"""
    return any(ch.isalpha() for ch in text[start:end])


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _base(lang: str) -> str:
    return (lang or "und").split("-")[0].lower()
