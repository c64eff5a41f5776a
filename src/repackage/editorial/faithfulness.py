"""The last gate before anything is rendered: does the Story say only what its article says?

``findings(story)`` lists every problem found; ``check_faithfulness(story)``
raises ``FaithfulnessError`` listing them all. A finding is a bug in the
editorial stages, never something to ship. Checked:

* each sentence is the article text at its span;
* each quote part lies inside the article, and ``quote.text`` is exactly the
  parts sliced from ``Article.text`` joined by one space (a changed letter or
  a wrong span is caught); each speaker occurs verbatim in the article;
* each caption has sources and they exist; every word of it (compared after
  ``typography.plain``, the first word case-insensitively) occurs in its source
  sentences: an invented name (capitalised word) or number is named as such.
  In scripts written without spaces (Chinese, Japanese, Thai) a run of
  characters need only occur in the sources;
* the hook's words occur in the headline (``sources == ()``) or in its sources;
* each entity occurs in the article or its headline;
* each quote's alt text names its speaker (in any case: "la société Dark
  Star" names "Société Dark Star") and carries its words verbatim, possibly
  cut short with "…", compared after ``typography.plain`` (alt text is
  typeset) and without the comma or colon the source left before the
  attribution (``typography.display_quote``).
"""

from __future__ import annotations

import re

from repackage.editorial.typography import plain
from repackage.errors import FaithfulnessError
from repackage.models import Caption, Story

_WORD_RE = re.compile(r"\w+")


def check_faithfulness(story: Story) -> None:
    """Raise ``FaithfulnessError`` listing every problem ``findings`` reports."""
    problems = findings(story)
    if problems:
        path = story.article.source_path
        raise FaithfulnessError(
            f"the story says what its article does not ({len(problems)} problem(s)):\n  "
            + "\n  ".join(problems),
            path=path,
        )


def findings(story: Story) -> list[str]:
    """Every way ``story`` departs from its article; empty when faithful."""
    return [
        *_sentence_findings(story),
        *_quote_findings(story),
        *_caption_findings(story),
        *_hook_findings(story),
        *_entity_findings(story),
        *_alt_text_findings(story),
    ]


def _sentence_findings(story: Story) -> list[str]:
    text = story.article.text
    return [
        f"sentence {s.index}: text differs from the article at {s.span.start}-{s.span.end}"
        for s in story.sentences
        if s.span.slice(text) != s.text
    ]


def _quote_findings(story: Story) -> list[str]:
    text = story.article.text
    found: list[str] = []
    for i, quote in enumerate(story.quotes):
        label = f"quote {i}" + (f" ({quote.speaker})" if quote.speaker else "")
        bad = [p for p in quote.parts if not 0 <= p.start < p.end <= len(text)]
        if not quote.parts or bad:
            found.append(f"{label}: part span outside the article text ({len(text)} characters)")
            continue
        verbatim = " ".join(p.slice(text) for p in quote.parts)
        if quote.text != verbatim:
            found.append(f"{label}: text differs from the article at its spans: {_difference(quote.text, verbatim)}")
        if quote.speaker and quote.speaker not in text and quote.speaker not in story.article.headline:
            found.append(f"{label}: speaker {quote.speaker!r} does not occur in the article")
    return found


def _caption_findings(story: Story) -> list[str]:
    found: list[str] = []
    for i, caption in enumerate(story.captions):
        label = f"caption {i}"
        if not caption.sources:
            found.append(f"{label}: has no source sentences")
            continue
        found += _source_findings(story, caption, label)
    return found


def _hook_findings(story: Story) -> list[str]:
    hook = story.hook
    if not hook.sources:
        return [f"hook: {p}" for p in _word_findings(hook.text, story.article.headline, "the headline")]
    return _source_findings(story, hook, "hook")


def _source_findings(story: Story, caption: Caption, label: str) -> list[str]:
    """Problems with a caption's sources, or with its words given those sources."""
    missing = [i for i in caption.sources if not 0 <= i < len(story.sentences)]
    if missing:
        return [f"{label}: source sentence {i} does not exist ({len(story.sentences)} sentences)" for i in missing]
    source = " ".join(story.sentences[i].text for i in caption.sources)
    where = "its source sentences " + ", ".join(str(i) for i in caption.sources)
    return [f"{label}: {p}" for p in _word_findings(caption.text, source, where)]


def _word_findings(text: str, source: str, where: str) -> list[str]:
    """Words of ``text`` absent from ``source``: names (capitalised words, the
    first one included: a text may open on a name) and numbers named as such."""
    source = plain(source)
    have = set(_WORD_RE.findall(source))
    folded = {w.casefold() for w in have}
    found: list[str] = []
    for k, word in enumerate(_WORD_RE.findall(plain(text))):
        if word in have or (k == 0 and word.casefold() in folded):
            continue
        if _unspaced(word) and word in source:
            continue  # Chinese, Japanese...: words are not separated by spaces
        if any(ch.isdigit() for ch in word):
            kind = "invented number"
        elif word[:1].isupper():
            kind = "invented name"
        else:
            kind = "word"
        found.append(f"{kind} {word!r} is not in {where}")
    return found


def _unspaced(word: str) -> bool:
    """Is ``word`` in a script written without spaces between words?"""
    return any("\u3040" <= ch <= "\u9fff" or "\u0e00" <= ch <= "\u0e7f" or "\uac00" <= ch <= "\ud7af" for ch in word)


def _entity_findings(story: Story) -> list[str]:
    haystack = plain(story.article.headline + "\n" + story.article.text)
    return [
        f"entity {e.text!r} does not occur in the article"
        for e in story.entities
        if plain(e.text) not in haystack
    ]


def _alt_text_findings(story: Story) -> list[str]:
    alts = {a.target: a.text for a in story.post_copy.alt_texts}
    found: list[str] = []
    for i, quote in enumerate(story.card_quotes):
        alt = alts.get(f"quote:{i}")
        if alt is None:
            found.append(f"alt text quote:{i}: missing")
            continue
        if quote.speaker and plain(quote.speaker).casefold() not in plain(alt).casefold():
            found.append(f"alt text quote:{i}: does not name the speaker {quote.speaker!r}")
        if not _carries_quote(alt, quote.text):
            found.append(f"alt text quote:{i}: does not carry the quote verbatim")
    return found


def _carries_quote(alt: str, quote: str) -> bool:
    """Is ``quote`` in ``alt`` whole, or as a word prefix followed by "…"
    (both compared plain and without white space, which typesetting adds
    before "!" or ":"; the quote without a trailing "," ";" ":")?"""
    alt = re.sub(r"\s+", "", plain(alt))
    quote = re.sub(r"\s+", "", plain(quote)).rstrip(",;:")
    if quote in alt:
        return True
    head = quote[: min(len(quote), 20)]
    start = alt.find(head)
    if start < 0:
        return False
    end = alt.find("...", start)
    return end > start and quote.startswith(alt[start:end])


def _difference(a: str, b: str) -> str:
    """Where two strings first differ, with a little context."""
    k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    lo = max(0, k - 15)
    return f"at character {k}: {a[lo:k + 15]!r} vs article {b[lo:k + 15]!r}"
