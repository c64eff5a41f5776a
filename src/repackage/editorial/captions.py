"""On-screen captions and the hook: an extractive summary, compressed by cutting only.

``select_captions`` scores every candidate (position, overlap with the
headline, density of the story's top entities, length; sentences that are
mostly a direct quote are penalised or skipped, as quotes get their own card,
and so are captions whose pronoun has no referent before it), then picks the
best greedily: a candidate repeating what the hook, the dek or an earlier
caption already says is skipped, and each caption already taken from a
paragraph lowers the others of that paragraph, so the set covers the story.
Headings and signature lines ("— Société Dark Star") are never candidates.
Captions come back in article order.

Candidates are each sentence compressed, plus each independent clause of a
sentence joined by " ; " ("Sweden defeated Korea; Belgium defeated Panama").

``compress`` never adds a word: it removes character ranges of the sentence.
In order of preference:

1. always: leading date adverbials ("Ce lundi 26 février 2024,", "On
   Monday,", "Mardi,"), leading connectors and conjunctions ("Cependant,",
   "However,", "But"), parentheticals "( ... )", and a relative day at the
   very end (", ce vendredi", "today": wrong as soon as the post outlives
   the day);
2. only as needed, fewest first: a leading adverbial phrase ("Lors d’une
   conférence ...,"), an apposition beside a name ("le président français,
   Emmanuel Macron" -> "Emmanuel Macron"), a trailing attribution (", selon
   X", "according to X", ", a-t-il déclaré"), a trailing list of examples
   (", notamment ..."), a non-restrictive relative clause (", qui ...,"), a
   short adverbial or participial incise (", dans un verdict unanime,"), a
   purpose phrase ("pour vaincre la Russie");
3. last resort: a clause-level cut at ", " / " ; " / " : " before a
   subordinate clause, keeping the main clause (the head).

Among the renderings that fit with the fewest cuts, the longest wins (it
keeps the most of the sentence). Cuts never split a word and never touch the
inside of a quotation. A sentence that cannot fit is skipped, never truncated
with "…". After a cut the first letter is capitalised and the sentence keeps
(or gets) its final period.

The hook (``make_hook``) is the headline compressed the same way, after
dropping its kicker ("Guerre en Ukraine :") when the rest stands alone (not
when it is a quote: "Macron : « ... »" keeps its speaker), with cuts after a
comma or before a trailing prepositional phrase allowed as a last resort,
and no period added. Its ``sources`` is ``()``, which means "from the
headline". When the headline cannot be made short enough, the best caption
candidate that fits becomes the hook, with that sentence's index as its
source.

Word lists and patterns exist for French and English; other languages get
the language-neutral cuts only (parentheticals, " ; " clauses), and scripts
written without spaces are measured in characters.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from repackage.models import Article, Caption, Entity, Quote, Sentence

#: A caption shorter than this says too little to stand on a screen alone.
MIN_CAPTION_WORDS = 4
#: Sentences with more than this share of their characters quoted are left to quote cards.
MAX_QUOTED_SHARE = 0.6
#: A candidate whose content words were already shown beyond this share repeats them.
MAX_OVERLAP = 0.6
#: Each caption already taken from a paragraph scales the next one's score by this,
#: so the captions tell the whole story rather than its first paragraph.
SAME_PARAGRAPH = 0.75
#: Optional cuts tried in combination per sentence (2**n renderings).
_MAX_OPTIONAL = 8

#: A character range ``[start, end)`` of a sentence to remove.
Cut = tuple[int, int]

# --------------------------------------------------------------------------
# Per-language patterns (fr, en). Other languages get the language-neutral
# cuts only (parentheticals, " ; " clauses).
# --------------------------------------------------------------------------

_MONTHS = {
    "fr": "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre",
    "en": "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.",
}
_DAYS = {
    "fr": "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
    "en": "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday",
}


def _date_patterns(lang: str) -> list[str]:
    """Leading date/time adverbials, each followed by a comma."""
    if lang == "fr":
        day, month = _DAYS["fr"], _MONTHS["fr"]
        date = rf"(?:\d{{1,2}}(?:er)?\s+(?:{month})(?:\s+\d{{4}})?)"
        return [
            rf"(?:[Cc]e\s+|[Ll]e\s+)?(?:{day})(?:\s+{date})?(?:\s+(?:matin|soir|après-midi))?",
            rf"(?:[Cc]e\s+|[Ll]e\s+)?{date}",
            rf"(?:[Ee]n|[Dd]epuis)\s+(?:(?:{month})\s+)?\d{{4}}",
            rf"[Dd]u\s+{date}\s+au\s+{date}",
            r"(?:[Hh]ier|[Aa]ujourd[’']hui|[Dd]emain|[Cc]e\s+(?:matin|soir)|[Cc]ette\s+semaine"
            r"|[Ll]a\s+semaine\s+(?:dernière|passée)|[Ll]e\s+mois\s+dernier|[Ll]’an\s+dernier)",
            r"à\s+\d{1,2}\s?h(?:\s?\d{2})?",
        ]
    if lang == "en":
        day, month = _DAYS["en"], _MONTHS["en"]
        date = rf"(?:(?:{month})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s+\d{{4}})?)"
        return [
            rf"(?:[Oo]n\s+|[Ll]ast\s+|[Tt]his\s+|[Nn]ext\s+)?(?:{day})(?:\s+(?:morning|afternoon|evening|night))?(?:,?\s+{date})?",
            rf"(?:[Oo]n\s+)?{date}",
            rf"[Ii]n\s+(?:(?:{month})\s+)?\d{{4}}",
            r"(?:[Yy]esterday|[Tt]oday|[Tt]omorrow|[Ee]arlier\s+today|[Ll]ast\s+(?:week|month|year)"
            r"|[Tt]his\s+(?:week|month|year|morning))(?:\s+(?:morning|afternoon|evening))?",
            r"(?:[Aa]t\s+)?\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am|pm)",
        ]
    return []


_CONNECTORS = {
    "fr": (
        "Cependant|Toutefois|Néanmoins|Pourtant|Par ailleurs|En outre|De plus|Ainsi|En effet|"
        "D[’']ailleurs|Enfin|Inversement|Également|Aussi|Pour sa part|Pour leur part|"
        "De son côté|De leur côté|À l[’']inverse|Par contre|En revanche|Dès lors|Or|Bref|"
        "Néanmoins|Malgré tout|Entre-temps|Dans le même temps|Au contraire"
    ),
    "en": (
        "However|Meanwhile|Moreover|Furthermore|In addition|Additionally|Also|Nevertheless|"
        "Nonetheless|Still|Indeed|Instead|Thus|Therefore|Conversely|Separately|By contrast|"
        "In contrast|Likewise|Similarly|Besides|Even so|In turn|For (?:his|her|their|its) part"
    ),
}
#: Conjunctions opening a sentence, dropped with no comma after them.
_CONJUNCTIONS = {"fr": "Mais|Et|Puis|Donc", "en": "But|And|So|Yet|Then"}

#: Words opening a leading adverbial phrase that may be dropped ("Lors de ..., ").
_ADVERBIAL_OPENERS = {
    "fr": (
        "Lors|Pendant|Après|Avant|Au cours|À la suite|À l[’']occasion|Dans|En|Au|Aux|"
        "Du côté|Face|Malgré|Depuis|Sur|Devant|Alors|Dès|Outre"
    ),
    "en": (
        "During|After|Before|At|In|On|Following|Despite|With|Amid|Amidst|Ahead of|As part of|"
        "Under|Over|Since|Throughout|Just"
    ),
}
#: Words that may open the rest of a sentence once a leading phrase is gone.
_CLAUSE_STARTERS = {
    "fr": frozenset(
        """
        le la les l un une des ces ce cet cette son sa ses leur leurs plusieurs il elle
        ils elles on nous je certains aucun aucune chaque tous toutes deux trois quatre
        cinq six sept huit neuf dix près environ la plupart
        """.split()
    ),
    "en": frozenset(
        """
        the a an this these those that his her their its he she they it we i several
        many some both two three four five six seven eight nine ten most all each no
        neither either
        """.split()
    ),
}
#: Words whose presence after a cut means an inverted clause ("se tiendra le festival").
_INVERTED_STARTS = {
    "fr": frozenset("se s y sera seront est sont a ont fut était étaient aura auront".split()),
    "en": frozenset("is are was were will has have had".split()),
}

_APPOSITION_DETERMINERS = {"fr": r"(?:[Ll]e|[Ll]a|[Ll][’']|[Uu]n|[Uu]ne)", "en": r"(?:[Tt]he|[Aa]n?)"}
_NAME = r"[A-ZÀ-ÖØ-Þ][\w’'-]+(?:\s+(?:de\s+|van\s+|von\s+|da\s+)?[A-ZÀ-ÖØ-Þ][\w’'-]+)+"
_WORD_NAME = r"[A-ZÀ-ÖØ-Þ][\w-]+"
#: Words that show a verb follows a name (so what precedes the name is a role).
_VERB_SIGNALS = {
    "fr": r"a|ont|est|sont|était|avait|sera|va|serait|s[’']|se|ne|n[’']|y|fait|dit|reste",
    "en": r"said|says|has|have|had|is|was|will|would|told|added|announced|warned",
}

#: Markers of a trailing list of examples, cut with what follows (after a comma,
#: or for the unambiguous ones even without).
_TAIL_LISTS = {
    "fr": r",\s+(?:dont|soit|comme|surtout|notamment|en particulier)\b|,?\s+(?:tels?|telles?)\s+que\b",
    "en": r",\s+(?:like|among them|especially|particularly|in particular|notably)\b|,?\s+(?:including|such as)\b",
}
#: Short adverbial incises between commas (", dans un verdict unanime,").
_INCISES = {
    "fr": r"dans|avec|selon|en|par|pour|sans|lors|après|avant|depuis|malgré|sur|à",
    "en": r"in|with|by|for|without|during|after|before|since|despite|on|at",
}
#: Past participles opening an incise (", réunis depuis lundi à Bruxelles,").
_PARTICIPLES = {
    "fr": r"(?!\w*ai(?:t|ent)\b|(?:fait|dit|doit|soit|suit|vit|lit|eu|vu|su|pu|dû)\b)"
    r"[a-zàâçéèêëîïôûù]+(?:é|ée|és|ées|is|ise|ises|it|ite|its|ites|u|ue|us|ues)",
    "en": r"[a-z]+(?:ed|en)",
}
#: Relative days at the end of a sentence: wrong as soon as the post outlives the day.
_TRAILING_DAYS = {
    "fr": rf",?\s+(?:(?:ce|le)\s+(?:{_DAYS['fr']})|aujourd[’']hui|hier|demain|cette\s+semaine)",
    "en": rf",?\s+(?:(?:on|last|this)\s+(?:{_DAYS['en']})|today|yesterday|tomorrow|this\s+week|last\s+week)",
}
_TAIL_ATTRIBUTION = {
    "fr": r",\s+(?:selon|d[’']après)\s+[^,]+|,\s+(?:a|ont|avait|avaient)-t?-?(?:il|elle|ils|elles)\s+\w+[^,]*"
    r"|,\s+(?:a|ont)\s+(?:déclaré|affirmé|assuré|indiqué|précisé|expliqué|souligné|ajouté)\s+[^,]{0,60}$",
    "en": r",?\s+according\s+to\s+[^,]+|,\s+(?:he|she|they|it)\s+(?:said|says|added|told\s+\S+)$"
    r"|,\s+(?:said|says|added)\s+(?:[A-Z]|the\s)[^,]{0,60}$",
}
_PURPOSE = {
    "fr": r"\s+(?:pour|afin\s+de|afin\s+d[’'])\s*[a-zàâçéèêëîïôûù]+(?:er|ir|re|oir)\b[^,;]*",
    "en": r",?\s+(?:in\s+order\s+to|so\s+as\s+to)\s+[^,;]+",
}
_RELATIVES = {"fr": r"qui|où|lequel|laquelle", "en": r"which|who|where|whose"}
#: Words opening a clause that can be cut off after ", ", keeping the main clause.
_CLAUSE_TAILS = {
    "fr": (
        r"mais|car|alors\s+qu|tandis\s+qu|bien\s+qu|avant\s+d|après\s+avoir|afin|ce\s+qui|"
        r"qui|dont|où|puisqu|lorsqu|quand|comme|en\s+\w+ant|\w+ant|soit|sans|y\s+compris"
    ),
    "en": (
        r"but|while|whereas|as|which|who|where|after|before|with|despite|although|though|"
        r"because|since|leaving|so|\w+ing|when|putting|making|adding"
    ),
}
#: Prepositions before which a headline may be cut for the hook (last resort).
_HOOK_PREPOSITIONS = {
    "fr": r"face\s+à|en|au|aux|à|dans|pour|après|avant|lors|malgré|depuis|avec|chez|selon|sur|par|de|du|des|d[’']",
    "en": r"in|on|at|after|before|amid|over|for|with|despite|from|as|during|following|to|of",
}
#: Pronouns whose referent a caption read alone does not give.
_PRONOUNS = {
    "fr": frozenset("il elle ils elles lui eux celui-ci celle-ci ceux-ci celles-ci".split()),
    "en": frozenset("he she it they him her them".split()),
}
_DEMONSTRATIVE_STARTS = {
    "fr": frozenset("ce cet cette ces celle celui cela ça".split()),
    "en": frozenset("this these those that such".split()),
}
_STOPWORDS = frozenset(
    """
    le la les l un une des de du d au aux à en et ou mais que qu qui quoi dont où ce cet
    cette ces son sa ses leur leurs il elle ils elles on nous vous je se s y ne pas plus
    par pour sur dans avec sans est sont a ont été être avoir fait comme aussi très tout
    the a an of and or but to in on at for with by from as is are was were be been has
    have had it its this that these those he she they we his her their not no
    """.split()
)

_PREPOSITIONS = frozenset(
    """
    de du des d à au aux en sur dans pour par avec sans of in on at to for with by from
    """.split()
)
_ARTICLES = frozenset("le la les l un une the a an".split())
_TERMINAL = ".!?…。！？؟"
_CLOSERS = "»”\"’)"
_QUOTE_PAIR_RE = re.compile(r"«[^«»]*»?|“[^“”]*”?|\"[^\"]*\"?")


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def select_captions(
    article: Article,
    sentences: tuple[Sentence, ...],
    quotes: tuple[Quote, ...],
    entities: tuple[Entity, ...],
    *,
    n: int = 5,
    max_chars: int = 110,
    avoid: tuple[str, ...] = (),
) -> tuple[Caption, ...]:
    """Up to ``n`` captions of at most ``max_chars``, in article order.

    ``avoid`` holds texts already shown (the hook, the dek): a candidate saying
    the same thing is skipped.
    """
    pool = _ranked_candidates(article, sentences, quotes, entities, max_chars)
    chosen: list[_Candidate] = []
    shown = [_content_words(t) for t in avoid if t]
    while pool and len(chosen) < n:
        taken = [c.sentence.paragraph for c in chosen]
        best = min(pool, key=lambda c: (-c.score * SAME_PARAGRAPH ** taken.count(c.sentence.paragraph), c.order))
        pool.remove(best)
        words = _content_words(best.text)
        if all(_overlap(words, other) <= MAX_OVERLAP for other in shown):
            chosen.append(best)
            shown.append(words)
    chosen.sort(key=lambda c: c.order)
    return tuple(Caption(c.text, (c.sentence.index,)) for c in chosen)


def make_hook(
    article: Article,
    sentences: tuple[Sentence, ...],
    quotes: tuple[Quote, ...],
    entities: tuple[Entity, ...],
    *,
    max_chars: int = 60,
) -> Caption:
    """The hook: the headline compressed to ``max_chars`` (``sources=()``), or
    failing that the best caption candidate that fits (``sources=(i,)``)."""
    lang = _base(article.lang)
    headline = _drop_kicker(article.headline.strip())
    text = compress(headline, lang, max_chars, hook=True)
    if text:
        return Caption(text, ())
    ranked = _ranked_candidates(article, sentences, quotes, entities, max_chars)
    if ranked:
        return Caption(ranked[0].text, (ranked[0].sentence.index,))
    return Caption(_word_prefix(headline, max_chars), ())


def compress(
    text: str,
    lang: str,
    max_chars: int,
    *,
    protected: tuple[tuple[int, int], ...] = (),
    hook: bool = False,
) -> str | None:
    """``text`` shortened to ``max_chars`` by cutting only, or None if it cannot fit.

    ``protected`` ranges (offsets in ``text``) are never cut into; quotations
    are always protected. ``hook`` allows cuts before a trailing prepositional
    phrase, acceptable for a headline, not for a caption.
    """
    lang = _base(lang)
    guard = tuple(protected) + tuple(m.span() for m in _QUOTE_PAIR_RE.finditer(text))
    always, start = _leading_cuts(text, lang)
    always += _valid(_parenthetical_cuts(text) + _trailing_day_cuts(text, lang), guard, text)
    optional = _valid(_optional_cuts(text, lang, start), guard, text)[:_MAX_OPTIONAL]
    period = not hook or text.rstrip()[-1:] in _TERMINAL
    best = _best_fit(text, always, optional, max_chars, lang, period)
    if best:
        return best
    last_resort = _clause_cuts(text, lang, start)
    if hook:
        last_resort += _preposition_cuts(text, lang, start)
    fits = [
        _best_fit(text, always + [cut], optional, max_chars, lang, period)
        for cut in _valid(last_resort, guard, text)
    ]
    return max((f for f in fits if f), key=len, default=None)


# --------------------------------------------------------------------------
# Scoring and ranking
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    """A possible caption: its text, source sentence, score, and article order
    (sentence index, then clause within the sentence)."""

    text: str
    sentence: Sentence
    score: float
    order: tuple[int, int]


def _ranked_candidates(
    article: Article,
    sentences: tuple[Sentence, ...],
    quotes: tuple[Quote, ...],
    entities: tuple[Entity, ...],
    max_chars: int,
) -> list[_Candidate]:
    """Every usable caption of every sentence (the sentence compressed, and each
    of its " ; " clauses), best first."""
    lang = _base(article.lang)
    headline = _content_words(article.headline)
    weights = _entity_weights(entities)
    out: list[_Candidate] = []
    for sentence in sentences:
        quoted = _quoted_share(sentence, quotes)
        if quoted > MAX_QUOTED_SHARE or not _is_prose(sentence.text):
            continue
        protected = _quote_ranges(sentence, quotes)
        texts = [compress(sentence.text, lang, max_chars, protected=protected)]
        texts += [compress(c, lang, max_chars) for c in _clauses(sentence.text, protected)]
        for k, text in enumerate(texts):
            if not text or not _says_enough(text, MIN_CAPTION_WORDS) or text in texts[:k]:
                continue
            share = max(quoted, _marked_share(text))
            if share <= MAX_QUOTED_SHARE:
                score = _score(sentence, text, lang, headline, weights, len(sentences)) * _quote_factor(share)
                out.append(_Candidate(text, sentence, score, (sentence.index, max(k - 1, 0))))
    out.sort(key=lambda c: (-c.score, c.order))
    return out


def _clauses(text: str, protected: tuple[tuple[int, int], ...]) -> list[str]:
    """The independent clauses of a sentence joined by " ; " (outside quotations),
    each ending with the sentence's final punctuation: "Sweden defeated Korea;
    Belgium defeated Panama." gives a caption candidate for each match. A
    sentence with one clause gives none (it is a candidate already)."""
    guard = list(protected) + [m.span() for m in _QUOTE_PAIR_RE.finditer(text)]
    body_end = _body_end(text)
    cuts = [
        m for m in re.finditer(r"\s*;\s+", text[:body_end]) if not any(a <= m.start() < b for a, b in guard)
    ]
    if not cuts:
        return []
    bounds = [0, *(x for m in cuts for x in m.span()), body_end]
    final = text[body_end:].strip() or "."
    return [text[a:b] + final for a, b in zip(bounds[::2], bounds[1::2])]


def _is_prose(text: str) -> bool:
    """A sentence, not a heading ("Group F — Sweden 1 – 0 Korea") or a signature
    line ("— Société Dark Star"): ends with terminal punctuation, no leading dash."""
    return text.rstrip(_CLOSERS + " ")[-1:] in _TERMINAL and text[:1] not in "—–-"


def _score(
    sentence: Sentence,
    text: str,
    lang: str,
    headline: set[str],
    weights: dict[str, float],
    total: int,
) -> float:
    """How much a caption made from ``sentence`` tells the story (0..1)."""
    position = 1.0 / (1.0 + 8.0 * sentence.index / max(total, 1))
    words = _content_words(text)
    on_topic = len(words & headline) / max(len(headline), 1)
    named = min(1.0, sum(w for name, w in weights.items() if _mentions(text, name)))
    length = min(1.0, len(text) / 70)
    score = 0.35 * position + 0.3 * on_topic + 0.25 * named + 0.1 * length
    if _unresolved_pronoun(text, lang):
        score *= 0.4
    elif _first_word(text) in _DEMONSTRATIVE_STARTS.get(lang, ()):
        score *= 0.85
    if len(text) < 0.4 * len(sentence.text):
        score *= 0.8
    return score


def _unresolved_pronoun(text: str, lang: str) -> bool:
    """Does a personal pronoun ("il", "she", "selon lui") come before any name?"""
    pronouns = _PRONOUNS.get(lang, frozenset())
    for i, m in enumerate(re.finditer(r"[\w-]+", text)):
        word = m.group(0)
        if word.casefold() in pronouns:
            return True
        if i > 0 and word[:1].isupper():
            return False
    return False


def _entity_weights(entities: tuple[Entity, ...]) -> dict[str, float]:
    """The top entities, weighted by rank; a person also by surname."""
    weights: dict[str, float] = {}
    for rank, entity in enumerate(entities[:8]):
        weight = 0.5 / (1 + rank * 0.5)
        weights[entity.text] = weight
        if entity.kind == "person" and len(entity.text.split()) > 1:
            weights.setdefault(entity.text.split()[-1], weight)
    return weights


def _mentions(text: str, name: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text) is not None


def _quote_ranges(sentence: Sentence, quotes: tuple[Quote, ...]) -> tuple[tuple[int, int], ...]:
    """Quote parts overlapping ``sentence``, as offsets in the sentence text."""
    base, end = sentence.span.start, sentence.span.end
    return tuple(
        (max(p.start, base) - base, min(p.end, end) - base)
        for q in quotes
        for p in q.parts
        if p.start < end and p.end > base
    )


def _quoted_share(sentence: Sentence, quotes: tuple[Quote, ...]) -> float:
    """Share of the sentence's characters inside direct quotes or quotation marks."""
    ranges = list(_quote_ranges(sentence, quotes))
    ranges += [m.span() for m in _QUOTE_PAIR_RE.finditer(sentence.text) if m.end() - m.start() > 30]
    inside = set()
    for a, b in ranges:
        inside.update(range(a, b))
    return len(inside) / max(len(sentence.text), 1)


def _marked_share(text: str) -> float:
    """Share of a caption's characters between quotation marks."""
    return sum(m.end() - m.start() for m in _QUOTE_PAIR_RE.finditer(text)) / max(len(text), 1)


def _quote_factor(share: float) -> float:
    """1 for a sentence quoting a few words, falling to 0 at ``MAX_QUOTED_SHARE``."""
    free = MAX_QUOTED_SHARE / 2
    return 1.0 if share <= free else max(0.0, 1 - (share - free) / free)


def _content_words(text: str) -> set[str]:
    """Lower-cased word stems (5 letters) of ``text`` minus function words."""
    words = re.findall(r"[^\W\d_]+|\d+", text.casefold())
    return {w[:5] for w in words if w not in _STOPWORDS and (len(w) > 2 or w.isdigit())}


def _overlap(new: set[str], shown: set[str]) -> float:
    """Share of the new text's content words already shown."""
    return len(new & shown) / max(len(new), 1)


def _first_word(text: str) -> str:
    m = re.match(r"\W*([\w-]+)", text)
    return m.group(1).casefold() if m else ""


# --------------------------------------------------------------------------
# Finding cuts: (start, end) ranges of the original text
# --------------------------------------------------------------------------


def _leading_cuts(text: str, lang: str) -> tuple[list[Cut], int]:
    """Always-dropped openers: dates, times, connectors, conjunctions. Returns the
    cuts and where the sentence proper starts."""
    cuts: list[Cut] = []
    pos = 0
    patterns = [rf"(?:{p})\s*,\s+" for p in _date_patterns(lang)]
    if lang in _CONNECTORS:
        patterns.append(rf"(?i:{_CONNECTORS[lang]})\s*,\s+")
        patterns.append(rf"(?i:{_CONJUNCTIONS[lang]})\s+(?=\w)")
    moved = True
    while moved:
        moved = False
        for pattern in patterns:
            m = re.compile(pattern).match(text, pos)
            if m and _stands_after(text, m.end(), lang):
                cuts.append((pos, m.end()))
                pos, moved = m.end(), True
    return cuts, pos


def _stands_after(text: str, pos: int, lang: str) -> bool:
    """Can the sentence start at ``pos`` (not an inverted verb, not empty)?"""
    word = _first_word(text[pos:])
    return bool(word) and word not in _INVERTED_STARTS.get(lang, ())


def _trailing_day_cuts(text: str, lang: str) -> list[Cut]:
    """", ce vendredi." / " today." at the very end of the sentence."""
    pattern = _TRAILING_DAYS.get(lang)
    body_end = _body_end(text)
    m = re.search(rf"(?:{pattern})$", text[:body_end]) if pattern else None
    return [(m.start(), body_end)] if m else []


def _parenthetical_cuts(text: str) -> list[Cut]:
    return [m.span() for m in re.finditer(r"\s*\([^()]*\)", text) if m.start() > 0]


def _optional_cuts(text: str, lang: str, start: int) -> list[Cut]:
    """Cuts made only when needed: adverbial openers, appositions, tails."""
    if lang not in _CONNECTORS:
        return []
    cuts = _opener_cuts(text, lang, start) + _apposition_cuts(text, lang, start) + _tail_cuts(text, lang)
    return sorted({c for c in cuts if c[0] >= start})


def _opener_cuts(text: str, lang: str, start: int) -> list[Cut]:
    """A leading adverbial phrase ("Lors d’une conférence ..., ") when a clause follows."""
    m = re.compile(rf"(?i:{_ADVERBIAL_OPENERS[lang]})\b[^,;:]{{0,90}}?,\s+").match(text, start)
    if m and (_first_word(text[m.end() :]) in _CLAUSE_STARTERS[lang] or _starts_name(text, m.end())):
        return [(start, m.end())]
    return []


def _apposition_cuts(text: str, lang: str, start: int) -> list[Cut]:
    """Descriptions beside a name: "le président français, Emmanuel Macron"
    (lower-case words at the start of a clause), "Andromède, la galaxie la
    plus proche ..., serait", "Dmitri Peskov, porte-parole du ..." at the end,
    and "le président français François Hollande a averti" (a role right
    before a name that a verb follows, at the start of a clause; a role
    holding a preposition only before a full name and never ending on one, so
    "Le président des États-Unis Donald Trump" is kept whole)."""
    det = _APPOSITION_DETERMINERS[lang]
    lower = r"[a-zà-ÿ][^\s,]*"
    before = rf"(?<!\w){det}\s*{lower}(?:\s+{lower}){{0,3}},\s+(?={_NAME})"
    cuts = [m.span() for m in re.finditer(before, text) if _at_clause_start(text, start, m.start())]
    body_end = _body_end(text)
    for name in re.finditer(_NAME + "|" + _WORD_NAME, text):
        after = re.compile(rf",\s+{det}\s*[^,]{{2,60}}?,(?=\s)").match(text, name.end())
        if after:
            cuts.append(after.span())
        trailing = re.compile(r",\s+[^,]{3,80}").match(text, name.end())
        if trailing and trailing.end() == body_end and " " in name.group(0):
            cuts.append(trailing.span())
    verbs = _VERB_SIGNALS.get(lang, "")
    role = rf"{det}\s*(?:[a-zà-ÿ][\w’'-]*\s+){{1,8}}?(?=({_NAME}|{_WORD_NAME})\s+(?:{verbs})\b)"
    for m in re.finditer(role, text):
        words = m.group(0).casefold().replace("’", " ").replace("'", " ").split()[1:]
        full_name = " " in m.group(1)
        ends_well = bool(words) and words[-1] not in _PREPOSITIONS | _ARTICLES
        short_role = len(words) <= 3 and not set(words) & _PREPOSITIONS
        if _at_clause_start(text, start, m.start()) and ends_well and (full_name or short_role):
            cuts.append(m.span())
    return cuts


def _at_clause_start(text: str, start: int, pos: int) -> bool:
    """Is ``pos`` where the sentence proper starts, or right after a comma?"""
    return pos == start or text[start:pos].rstrip().endswith(",")


def _tail_cuts(text: str, lang: str) -> list[Cut]:
    """Trailing lists of examples, attributions, purpose phrases; non-restrictive
    relative clauses, short adverbial and participial incises between commas."""
    body_end = _body_end(text)
    body = text[:body_end]
    cuts = []
    for pattern in (_TAIL_LISTS[lang], _TAIL_ATTRIBUTION[lang], _PURPOSE[lang]):
        cuts += [(m.start(), body_end) for m in re.finditer(pattern, body)]
    relative = rf",\s+(?:{_RELATIVES[lang]})\b[^,;]*,(?=\s)"
    incise = rf"(?<=\w),\s+(?:{_INCISES[lang]})\s+(?:[^\s,]+\s+){{0,5}}[^\s,]+,(?=\s)"
    participle = rf"(?<=\w),\s+(?:{_PARTICIPLES[lang]})\s+[^,;]{{2,60}},(?=\s)"
    for m in itertools.chain(*(re.finditer(p, body) for p in (relative, incise, participle))):
        cuts.append(_between_commas(body, m.start(), m.end()))
    return cuts


def _between_commas(text: str, first: int, end: int) -> Cut:
    """The cut for ", incise," spanning ``first`` (its opening comma) to ``end``
    (just past its closing comma): both commas go, unless the incise follows
    another one ("ans, jusqu’en 2006, sur France Inter, l’émission"), where
    the closing comma still closes the first."""
    clause_start = max(text.rfind(ch, 0, first) for ch in ";:.!?") + 1
    inside_incise = text.count(",", clause_start, first) % 2 == 1
    return (first, end - 1) if inside_incise else (first, end)


def _clause_cuts(text: str, lang: str, start: int) -> list[Cut]:
    """Last-resort cuts: drop a clause after ", " / " ; " / " : " keeping the head."""
    body_end = _body_end(text)
    tails = _CLAUSE_TAILS.get(lang)
    cuts: list[Cut] = []
    for m in re.finditer(r"\s*[;:]\s+|,\s+", text[:body_end]):
        if m.start() <= start:
            continue
        rest = text[m.end() : body_end]
        is_clause = ";" in m.group(0) or ":" in m.group(0)
        if is_clause or (tails and re.match(rf"(?:{tails})\b", rest)):
            cuts.append((m.start(), body_end))
    return cuts


def _preposition_cuts(text: str, lang: str, start: int) -> list[Cut]:
    """Hook only: cut before a trailing prepositional phrase or after a comma."""
    preps = _HOOK_PREPOSITIONS.get(lang)
    if not preps:
        return []
    body_end = _body_end(text)
    return [
        (m.start(), body_end)
        for m in re.finditer(rf"\s+(?=(?:{preps})(?:\s|(?<=[’'])))|,\s+", text[:body_end])
        if m.start() > start
    ]


def _starts_name(text: str, pos: int) -> bool:
    """Does a capitalised name (two words or more) start at ``pos``?"""
    return re.compile(_NAME).match(text, pos) is not None


def _body_end(text: str) -> int:
    """Where the sentence's final punctuation (and closing marks) begins."""
    end = len(text.rstrip())
    while end > 0 and text[end - 1] in _TERMINAL + "»”\"' ":
        end -= 1
    return end


def _valid(cuts: list[Cut], guard: tuple[tuple[int, int], ...], text: str) -> list[Cut]:
    """Cuts that split no word and no quotation (a quotation wholly inside a cut is fine)."""
    ok = []
    for a, b in cuts:
        if a >= b:
            continue
        if any(a < q_end and b > q_start and not (a <= q_start and b >= q_end) for q_start, q_end in guard):
            continue
        if 0 < a < len(text) and text[a - 1].isalnum() and text[a].isalnum():
            continue
        if 0 < b < len(text) and text[b - 1].isalnum() and text[b].isalnum():
            continue
        ok.append((a, b))
    return ok


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------


def _best_fit(
    text: str, always: list[Cut], optional: list[Cut], max_chars: int, lang: str, period: bool
) -> str | None:
    """The longest rendering within ``max_chars`` with as few ``optional`` cuts as
    possible (each cut is a risk to grammar), or None."""
    for size in range(len(optional) + 1):
        fits = [
            rendered
            for subset in itertools.combinations(optional, size)
            if len(rendered := _render(text, always + list(subset), period)) <= max_chars
            and _usable(rendered, lang)
        ]
        if fits:
            return max(fits, key=len)
    return None


def _says_enough(text: str, words: int) -> bool:
    """At least ``words`` words, or for scripts written without spaces (Chinese,
    Japanese, Thai) at least three characters a word."""
    return len(text.split()) >= words or (" " not in text.strip() and len(text) >= 3 * words)


def _usable(text: str, lang: str) -> bool:
    """Long enough, not an inverted clause, not a relative fragment ("Lui qui ...")."""
    return (
        _says_enough(text, MIN_CAPTION_WORDS - 1)
        and _stands_after(text, 0, lang)
        and not re.match(r"(?i)(?:lui|celui|celle|ceux|celles|those|he|she)\s+(?:qui|who)\b", text)
    )


def _render(text: str, cuts: list[Cut], period: bool = True) -> str:
    """``text`` without the ``cuts``, tidied: spaces, first capital, and the final
    period kept or, when the end was cut and ``period``, restored."""
    keep = [True] * len(text)
    for a, b in cuts:
        for i in range(a, b):
            keep[i] = False
    body_end = _body_end(text)
    tail_cut = not all(keep[body_end - 1 : body_end]) if body_end else False
    out = "".join(ch for ch, k in zip(text, keep) if k)
    out = re.sub(r"[ \t]{2,}", " ", out)
    out = re.sub(r"\s+([,.])", r"\1", out)
    out = out.strip(" ,;:\u00a0\u202f")
    if tail_cut or not out or out[-1] not in _TERMINAL + "»”\"":
        out = out.rstrip(" ,;:–—-\u00a0\u202f")
        if period and out and out[-1] not in _TERMINAL:
            out += "."
    return _capitalise(out)


def _capitalise(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
        if ch.isdigit():
            return text
    return text


def _drop_kicker(headline: str) -> str:
    """``Guerre en Ukraine : l’OTAN divisée ...`` -> ``L’OTAN divisée ...`` when the
    kicker is short and the rest stands alone (not a quote)."""
    m = re.match(r"^([^:«“\"]{2,50}?)\s*:\s+(.+)$", headline)
    if not m:
        return headline
    kicker, rest = m.groups()
    if len(kicker.split()) > 6 or len(rest.split()) < 3 or rest[0] in "«“\"'":
        return headline
    return _capitalise(rest)


def _word_prefix(text: str, max_chars: int) -> str:
    """The longest run of whole words of ``text`` within ``max_chars`` not ending
    on a function word (last resort). A script written without spaces is cut
    between characters; a single longer word of any other script is kept whole,
    the only case where the hook exceeds ``max_chars``."""
    words = text.split()
    out = ""
    for w in words:
        if len(out) + len(w) + (1 if out else 0) > max_chars:
            break
        out = f"{out} {w}" if out else w
    while len(words := out.split()) > 1 and (words[-1].casefold() in _STOPWORDS or words[-1].endswith(("’", "'"))):
        out = " ".join(words[:-1])
    first = text.split()[0] if text.split() else ""
    if not out and _caseless(first):
        return first[:max_chars]  # no spaces between words in this script
    return out.rstrip(" ,;:") or first


def _caseless(word: str) -> bool:
    """Letters with no case (Chinese, Japanese, Thai, Arabic...)."""
    return any(ch.isalpha() for ch in word) and word.lower() == word.upper()


def _base(lang: str) -> str:
    return (lang or "und").split("-")[0].lower()
