"""Direct quotes of an article, verbatim, with the speaker the article names.

``extract_quotes(article, sentences)`` finds every quotation by its marks
(« », “ ”, " ", „ “, ‹ ›, and ‘ ’ only when an attribution says it is speech),
joins a quote interrupted by its attribution (``"We will win," she said, "and
nothing will stop us."``) or running over several paragraphs into one
``Quote`` with several parts, drops what is not speech, and attributes the
rest.

What is not speech: titles (a title word such as "livre", "film", "entitled"
among the last two words before the opening mark, in the quote's own clause:
"le livre « ... »", "the book "...""; or a short Title Case span), and terms,
names and scare quotes: fewer than four words with no speech verb right next
to them, or a quoted phrase used as a noun ("une « jumelle de la Voie Lactée
»") with no attribution. A title word ending the sentence before ("... the
Clean Air Act. "Despite ...") says nothing about the quote, and a quote a
speech verb attributes after it (``», a déclaré X``) is speech whatever word
precedes it. Everything else is a quote; one with no attribution stays with
``speaker=None``.

Attribution, first match wins:

1. after the quote, in its sentence: ``», a déclaré X``, ``», a-t-il dit``,
   ``», souligne-t-elle``, ``", she said``, ``," Baird said``, ``, said X``;
   a quote followed only by a short link to another quote of the same sentence
   (``« A », mais « B », a affirmé X``) takes that quote's attribution;
2. before it, in its sentence, the nearest of ``selon X,`` / ``pour X,`` /
   ``according to X,`` and ``X a déclaré : «`` / ``X said, "``; failing
   those, a short name or role and a colon: ``X : « ... »``;
3. a sentence ending with ":" right before a quote that opens its sentence;
4. a ``— Speaker`` line right after a block quote paragraph;
5. for a quote opening its sentence with no attribution of its own: the
   speaker of a quote in the previous sentence (a continuation), a speech verb
   in the previous sentence, or the person subject of the previous sentence
   when the quote speaks in the first person.

Speakers are resolved by ``speakers.Cast`` (full name from a surname, a role
or a pronoun, "selon elle" included). A pronoun with no compatible person in
its sentence may stand for an organisation named with a determiner of its
gender ("l'Union américaine pour les libertés civiles (ACLU) : « ... »
a-t-elle déclaré") when that organisation is its nearest antecedent in this
sentence or the one before; with a compatible person there before it, the
pronoun is ambiguous and the quote stays unattributed. An attribution naming
a group ("ont souligné les juges") or an anonymous source ("selon une source
proche de l'enquête") leaves the quote unattributed; nothing else is tried
then. Each attributed quote records its evidence (``"<cue>/<resolution>"``:
where the cue was found, how its phrase resolved); its confidence is the
calibrated probability of that evidence (``calibration.py``), 0.0 when the
quote is unattributed.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from itertools import pairwise

from repackage.editorial import calibration
from repackage.editorial.nlp import whole_utterance
from repackage.lang import NAME_PARTICLES, TITLES, QuoteRules, quote_rules
from repackage.editorial.sentences import QUOTE_MARKS, Enclosure, find_enclosures
from repackage.editorial.speakers import MASK, Cast, Mention, Person, Speaker, Token, tokenize
from repackage.models import Article, CastMember, Quote, Sentence, Span

_INVERSION = re.compile(r"([^\W\d_]+)-(?:t-)?(il|elle|ils|elles|on)", re.IGNORECASE)
_SINGLE_MARKS = frozenset("‘‚’")
_NAME_PARTICLES = NAME_PARTICLES
_DASH_LINE = re.compile(r"[—–-][ \u00a0]*(\S[^.!?]{0,80}?)\.?")
_SPACES = " \u00a0\u202f\u2009\t"
_MIN_SPEECH_WORDS = 4
_LINK_WORDS_MAX = 3
_VERB_REACH = 25  # words between a speech verb and the quote it introduces
_ORGANISATION_MAX_WORDS = 8
_DOUBLE_MARKS = QUOTE_MARKS - _SINGLE_MARKS
_VERB_ELISIONS = frozenset("qu s c j n m t lorsqu puisqu jusqu quoiqu".split())
_TITLE_CUE_REACH = 2  # a title word ("livre", "book", "titled") is one of the last words before the mark


@dataclass(frozen=True)
class _Segment:
    """One run of quoted text inside its marks, in one paragraph."""

    paragraph: int
    open: int | None  # offset of the opening mark; None: continues an earlier paragraph
    close: int | None  # offset of the closing mark; None: runs on into the next paragraph
    content: Span  # the quoted words, marks and surrounding space excluded
    opener: str
    closer: str
    continues: bool = False  # resumes the previous segment after an incise


@dataclass(frozen=True)
class _Cue:
    """Words attributing a quote: ``phrase`` names the speaker (or is None for
    a dead end such as an anonymous source), ``words`` is what to report."""

    phrase: Span | None
    words: Span
    pronoun: str | None = None  # gender of a pronoun phrase
    adjacent: bool = True  # right next to the quote
    confidence: float | None = None  # fixed confidence (previous-sentence cues)
    verb: bool = False  # a speech verb says it ("a déclaré X", "she said")
    kind: str = ""  # where the cue was found: see ``calibration.CUE_KINDS``


@dataclass
class _Found:
    segments: list[_Segment]
    cue: _Cue | None = None
    speaker: Speaker | None = None


def extract_quotes(article: Article, sentences: tuple[Sentence, ...]) -> tuple[Quote, ...]:
    """The direct quotes of ``article``, in order, attributed where the article says who."""
    return quotes_and_cast(article, sentences)[0]


def quotes_and_cast(
    article: Article, sentences: tuple[Sentence, ...]
) -> tuple[tuple[Quote, ...], tuple[CastMember, ...]]:
    """The quotes, and the cast (entity table) their attribution was resolved against."""
    segments, masked = _find_segments(article)
    finder = _Attributor(article, masked, sentences)
    quotes: tuple[Quote, ...] = ()
    if segments:
        found = finder.merge_interrupted(_chain_paragraphs(segments, article.paragraph_spans()))
        kept: list[_Found] = []
        finder.kept = kept
        for i, item in enumerate(found):
            item.cue, item.speaker = finder.attribute(found, i, kept[-1] if kept else None)
            if finder.is_speech(item):
                kept.append(item)
        quotes = tuple(finder.to_quote(part) for item in kept for part in _by_paragraph(item))
    return quotes, finder.cast_table(quotes)


def _bare_word(word: str) -> str:
    """ "Cornyn's" -> "Cornyn"."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _says(tok: Token, rules: QuoteRules) -> bool:
    """Is ``tok`` a speech verb? A capitalised word mid-clause is a name
    ("The Huffington Post", "the United States"), not a verb."""
    return tok.lower in rules.speech_verbs and not tok.text[:1].isupper()


def _kind(cue: _Cue | None, kind: str) -> _Cue | None:
    """``cue`` stamped with where it was found (a previous-sentence cue keeps its own)."""
    if cue is None or cue.kind:
        return cue
    return dataclasses.replace(cue, kind=kind)


def _by_paragraph(item: _Found) -> list[_Found]:
    """A quotation running over paragraphs, as one quote per paragraph (each
    paragraph is a unit a card can hold), all with the speaker of the whole."""
    groups: list[list[_Segment]] = []
    for seg in item.segments:
        if groups and groups[-1][-1].paragraph == seg.paragraph:
            groups[-1].append(seg)
        else:
            groups.append([seg])
    if len(groups) == 1:
        return [item]
    return [_Found(group, item.cue, item.speaker) for group in groups]


# -- finding quotes -----------------------------------------------------------


def _find_segments(article: Article) -> tuple[list[_Segment], str]:
    """Outermost quotations of every paragraph, and the text with their words masked.

    A French incise inside the marks (« Nous ne signerons rien, a-t-il ajouté,
    tant que [...] ») splits the quotation in two segments and stays unmasked.
    """
    text = article.text
    rules = quote_rules(article.lang)
    masked = list(text)
    segments = []
    for number, para in enumerate(article.paragraph_spans()):
        ptext = text[para.start : para.end]
        quotes = [e for e in find_enclosures(ptext, article.lang) if e.is_quote]
        for enc in quotes:
            if any(_inside(enc, other) for other in quotes if other is not enc):
                continue
            first = 0 if enc.open is None else enc.open + 1
            last = len(ptext) if enc.close is None else enc.close
            for k in range(first, last):
                masked[para.start + k] = MASK
            if enc.open is None:
                while first < last and ptext[first] in "»«›‹":
                    first += 1
            opener = enc.opener
            opening = None if enc.open is None else para.start + enc.open
            continues = False
            for comma, resume in _incises(ptext, first, last, rules):
                masked[para.start + comma + 1 : para.start + resume] = text[
                    para.start + comma + 1 : para.start + resume
                ]
                content = _strip_span(text, para.start + first, para.start + comma + 1, punctuation=False)
                if content:
                    segments.append(
                        _Segment(number, opening, para.start + comma, content, opener, "", continues)
                    )
                first, opening, opener, continues = resume + 1, para.start + resume, "", True
            content = _strip_span(text, para.start + first, para.start + last, punctuation=False)
            if content:
                closing = None if enc.close is None else para.start + enc.close
                segments.append(_Segment(number, opening, closing, content, opener, enc.closer, continues))
    return segments, "".join(masked)


def _incises(ptext: str, start: int, end: int, rules: QuoteRules) -> list[tuple[int, int]]:
    """Attributions written inside a quotation's marks, as (comma before, comma
    or period after): ", a-t-il ajouté," / ", explique Marc Lefèvre,"."""
    found = []
    for m in re.finditer(r",[ \u00a0]+([^,.;:!?«»]{2,60}?)[ \u00a0]*([,.])[ \u00a0]+", ptext[start:end]):
        words = tokenize(m.group(1))
        if not words or len(words) > 6:
            continue
        inverted = _INVERSION.fullmatch(words[0].text)
        verb = inverted.group(1).lower() if inverted else words[0].lower
        if inverted and verb in rules.verb_fillers:
            verb = words[1].lower if len(words) > 1 else ""
        named = inverted or all(w.capitalised or w.lower in _NAME_PARTICLES for w in words[1:])
        if verb in rules.speech_verbs and named and len(words) > (0 if inverted else 1):
            found.append((start + m.start(), start + m.start(2)))
    return found


def _inside(inner: Enclosure, outer: Enclosure) -> bool:
    """Is ``inner`` nested in ``outer`` (None offsets run to the paragraph's ends)?"""
    lo = -1 if outer.open is None else outer.open
    hi = float("inf") if outer.close is None else outer.close
    i_lo = -1 if inner.open is None else inner.open
    i_hi = float("inf") if inner.close is None else inner.close
    return lo <= i_lo and i_hi <= hi and (lo, hi) != (i_lo, i_hi)


def _chain_paragraphs(segments: list[_Segment], paragraphs: tuple[Span, ...]) -> list[_Found]:
    """Join a quotation left open at a paragraph's end with the quotation that
    opens the next paragraph (French « ... / « ... » and English " ... / " ... ")."""
    found: list[_Found] = []
    for seg in segments:
        prev = found[-1].segments[-1] if found else None
        opens_paragraph = seg.open is None or seg.open == paragraphs[seg.paragraph].start
        continued = prev is not None and prev.close is None and seg.paragraph == prev.paragraph + 1
        if seg.continues or (continued and opens_paragraph):
            found[-1].segments.append(seg)
        else:
            found.append(_Found([seg]))
    return found


# -- attribution ----------------------------------------------------------------


class _Attributor:
    """Everything needed to attribute the quotes of one article."""

    def __init__(self, article: Article, masked: str, sentences: tuple[Sentence, ...]):
        self.text = article.text
        self.masked = masked
        self.rules: QuoteRules = quote_rules(article.lang)
        self.sentences = sentences
        self._starts = [s.span.start for s in sentences]
        self.cast = Cast(masked, self.rules, self._starts)
        self._para_spans = article.paragraph_spans()
        self.kept: list[_Found] = []  # the quotes attributed so far, in order
        self.lang = article.lang

    # sentences -----------------------------------------------------------------

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def sentence_span(self, idx: int) -> Span:
        if not self.sentences:
            return Span(0, len(self.text))
        return self.sentences[idx].span

    # merging -------------------------------------------------------------------

    def merge_interrupted(self, found: list[_Found]) -> list[_Found]:
        """Join ``"We will win," she said, "and nothing will stop us."``: two
        quotations of one sentence separated only by their attribution, the
        first left unfinished (ends with a comma) or the second continuing it
        (starts in lower case)."""
        out: list[_Found] = []
        for item in found:
            prev = out[-1] if out else None
            if prev is not None and self._interrupts(prev.segments[-1], item.segments[0]):
                prev.segments.extend(item.segments)
            else:
                out.append(item)
        return out

    def _interrupts(self, a: _Segment, b: _Segment) -> bool:
        if a.close is None or b.open is None or a.paragraph != b.paragraph:
            return False
        if self.sentence_of(a.close) != self.sentence_of(b.open):
            return False
        cue = self._parse_after(a.close + 1, b.open)
        if cue is None or cue.phrase is None:
            return False
        tail = self.masked[cue.words.end : b.open].strip(_SPACES)
        if tail not in (",", ":", ", ", ""):
            return False
        unfinished = self.text[a.content.end - 1] == "," or self.masked[
            a.close + 1 : a.close + 3
        ].lstrip().startswith(",")
        return unfinished and self.text[b.content.start].islower()

    # attributing --------------------------------------------------------------------

    def attribute(
        self, found: list[_Found], i: int, previous: _Found | None
    ) -> tuple[_Cue | None, Speaker | None]:
        """The cue and speaker of ``found[i]``, trying the rules in order;
        ``previous`` is the last quote kept before it."""
        item = found[i]
        cue = (
            _kind(self._incise_cue(item), "incise")
            or _kind(self._after_cue(found, i), "after")
            or _kind(self._before_cue(item), "before")
        )
        if cue is None and (inner := self._inner_incise(item)) is not None:
            return inner  # a speech verb inside the marks outranks the sentences around
        if cue is None and self._opens_sentence(item):
            cue = (
                _kind(self._colon_cue(item), "colon")
                or _kind(self._dash_cue(item), "dash")
                or _kind(self._sentence_end_cue(item), "sentence-end")
            )
            if cue is None:
                if self._continues(item, previous):
                    return _Cue(None, previous.cue.words, confidence=0.8, kind="continuation"), Speaker(
                        previous.speaker.name,
                        previous.speaker.role,
                        0.8,
                        previous.speaker.organisation,
                        kind=previous.speaker.kind,
                    )
                cue = self._previous_sentence_cue(item)
        if cue is None:
            cue = _kind(self._sentence_end_cue(item), "sentence-end")
        if cue is None and (same := self._colon_after_quote(item)) is not None:
            return _Cue(None, same.cue.words, confidence=0.8, kind="continuation"), same.speaker
        if cue is None or cue.phrase is None:
            return cue, None
        speaker = self.resolve(cue)
        return cue, speaker

    def _inner_incise(self, item: _Found) -> tuple[_Cue, Speaker] | None:
        """The attribution written inside the marks, when nothing outside them
        attributes the quote: « J'entretiens avec lui une relation de
        confiance, confiait d'ailleurs Hamon en 2010. J'écoute ses conseils. »
        A comma, a speech verb, then a name the article gives elsewhere: only
        a named speaker is taken (names inside quotes are never speakers
        otherwise, so the name must be one of the article's cast)."""
        if len(item.segments) != 1:
            return None
        content = item.segments[0].content
        inside = self.text[content.start : content.end]
        saved = self.masked
        self.masked = saved[: content.start] + inside + saved[content.end :]
        try:
            for m in re.finditer(r",", inside):
                start = content.start + m.end()
                stop = re.search(r"[.;!?,]", inside[m.end() :])
                end = start + stop.start() if stop else content.end
                if end - start > 120:
                    continue
                cue = self._parse_after(start, end)
                if cue is None or not cue.verb or cue.phrase is None or cue.pronoun is not None:
                    continue
                speaker = self.resolve(cue)
                if speaker is not None and speaker.kind in ("name", "surname"):
                    return dataclasses.replace(cue, adjacent=False, kind="inside"), speaker
        finally:
            self.masked = saved
        return None

    def _colon_after_quote(self, item: _Found) -> _Found | None:
        """The attributed quote this one follows after a colon in the same
        sentence (« ... » : « ... »): the same speaker goes on."""
        prev = self.kept[-1] if self.kept else None
        first = item.segments[0]
        if prev is None or prev.speaker is None or prev.cue is None or first.open is None:
            return None
        last = prev.segments[-1]
        if last.close is None or self.sentence_of(last.close) != self.sentence_of(first.open):
            return None
        between = self.masked[last.close + 1 : first.open].strip(_SPACES).lower().replace("’", "'")
        if between in (":", ","):
            return prev
        words = [w.rstrip("'") for w in re.findall(r"[\w']+", between)]
        # "... qu'« A » existe déjà et que « B »": a second complement of the same verb
        joined = (
            2 <= len(words) <= 8
            and words[-2] in self.rules.conjunctions
            and words[-1] in self.rules.complementisers
            and not re.search(r"[.;:!?]", between)
            and not any(w in self.rules.speech_verbs for w in words)
        )
        return prev if joined else None

    def _sentence_end_cue(self, item: _Found) -> _Cue | None:
        """The attribution closing the quote's sentence after other quotes or
        words: « A » et le ministre doit « B », a précisé le Conseil d'État.
        A speech verb in the quote's own sentence outranks any cue taken from
        the sentences around it."""
        last = item.segments[-1]
        end_pos = last.content.end - 1
        sent = self.sentence_span(self.sentence_of(end_pos))
        for k in range(end_pos + 1, sent.end):
            closes = self.masked[k] in _DOUBLE_MARKS and self.masked[k - 1] in MASK + _SPACES
            if not closes and self.masked[k] != ",":
                continue
            cue = self._parse_after(k + 1, self._stop(k + 1))
            if cue is not None and cue.phrase is not None and cue.verb:
                return _Cue(cue.phrase, cue.words, cue.pronoun, adjacent=False, confidence=cue.confidence, verb=True)
        return None

    def _incise_cue(self, item: _Found) -> _Cue | None:
        """The attribution interrupting a quote: « A, a-t-il dit, b » or
        "A," she said, "b"."""
        for prev, seg in pairwise(item.segments):
            if prev.paragraph == seg.paragraph and prev.close is not None and seg.open is not None:
                return self._parse_after(prev.close + 1, seg.open)
        return None

    def _after_cue(self, found: list[_Found], i: int) -> _Cue | None:
        last = found[i].segments[-1]
        if last.close is None:
            return None
        start = last.close + 1
        end = self._stop(start)
        cue = self._parse_after(start, end)
        if cue is not None:
            return cue
        byline = self._byline(start, self._para_spans[last.paragraph].end)
        if byline is not None:
            return byline
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and nxt.segments[0].open == end and self._is_link(start, end):
            return self._after_cue(found, i + 1)
        return None

    def _stop(self, start: int) -> int:
        """End of the sentence from ``start``, or the next quotation if sooner."""
        end = self.sentence_span(self.sentence_of(start)).end
        for k in range(start, end):
            ch = self.masked[k]
            if ch == MASK or (ch in QUOTE_MARKS and ch not in "’'"):
                return k
        return end

    def _is_link(self, start: int, end: int) -> bool:
        """Is ``text[start:end]`` a short link between two quotes (", mais", " qu'il")?"""
        words = tokenize(self.masked, start, end)
        between = self.masked[start:end]
        return (
            len(words) <= _LINK_WORDS_MAX
            and not any(w.lower in self.rules.speech_verbs for w in words)
            and not re.search(r"[.!?;:]", between)
        )

    def _byline(self, start: int, end: int) -> _Cue | None:
        """'"..." - Matthew Ingram' closing its paragraph: a dash, then a name
        and nothing else."""
        dash = re.match(r"[ \u00a0]*[—–-][ \u00a0]+", self.masked[start:end])
        if not dash:
            return None
        name = tokenize(self.masked, start + dash.end(), end)
        if not name or len(name) > 5 or not name[0].capitalised:
            return None
        if self.masked[name[-1].end : end].strip(_SPACES + ".\n"):
            return None
        if not all(t.capitalised or t.lower in _NAME_PARTICLES for t in name):
            return None
        return _Cue(Span(name[0].start, name[-1].end), Span(start + dash.start(), name[-1].end), kind="dash")

    def _parse_after(self, start: int, end: int) -> _Cue | None:
        """Attribution right after a quote: ", a déclaré X", ", a-t-il dit", ", she said"."""
        byline = self._byline(start, end)
        if byline is not None:
            return byline
        lead = re.match(r"[\s,–—]*", self.masked[start:end])
        pos = start + lead.end()
        toks = tokenize(self.masked, pos, end)
        if not toks or toks[0].start - (len(toks[0].elided) + 1 if toks[0].elided else 0) != pos:
            return None  # ("s'enthousiasme X", "d'après X": the elided word is part of the cue)
        inverted = self._inversion(toks, pos)
        if inverted:
            return inverted
        j = 0
        while (
            j < min(4, len(toks))
            and toks[j].lower in self.rules.verb_fillers
            and toks[j].lower not in self.rules.speech_verbs
        ):
            j += 1
        if j < len(toks) and _says(toks[j], self.rules) and self._plain(pos, toks[j].start):
            for t in toks[j + 1 : j + 4]:
                if t.lower in self.rules.complementisers:
                    return None  # ", ajoutant (néanmoins) que « ... »": the verb introduces what follows
                if t.capitalised or t.lower in self.rules.determiners or t.lower in self.rules.pronouns:
                    break
            phrase = self._phrase_after(toks[j].end, end)
            return _Cue(phrase, Span(pos, phrase.end if phrase else toks[j].end), verb=True)
        marker = self._source_marker_at(pos, end)
        if marker:
            return marker
        return self._subject_then_verb(toks, pos) or self._apposed_subject(pos, end)

    def _apposed_subject(self, pos: int, end: int) -> _Cue | None:
        """ "...," Maria Lopez, the county's director of public works since 2019, said."""
        found = self.cast.mentions_in(pos, pos + 1)
        if not found:
            return None
        _, mention = found[0]
        m = re.match(
            r",[ \u00a0]*([^,;:.!?()«»\"“”" + MASK + r"][^;:!?«»\"“”" + MASK + r"]{0,160}?),[ \u00a0]*([^\W\d_]+)",
            self.masked[mention.end : end],
        )
        if not m or not m.group(1)[:1].islower() and m.group(1).split()[0].lower() not in self.rules.determiners:
            return None
        verb_end = mention.end + m.end(2)
        verb = m.group(2).lower()
        if verb in self.rules.verb_fillers:
            nxt = re.match(r"[ \u00a0]+([^\W\d_]+)", self.masked[verb_end:end])
            if not nxt:
                return None
            verb, verb_end = nxt.group(1).lower(), verb_end + nxt.end(1)
        if verb not in self.rules.speech_verbs:
            return None
        return _Cue(Span(mention.start, mention.end), Span(pos, verb_end), verb=True)

    def _inversion(self, toks: list[Token], pos: int) -> _Cue | None:
        """French inversions: "a-t-il écrit", "souligne-t-elle", "poursuit-il"."""
        m = _INVERSION.fullmatch(toks[0].text)
        if not m:
            return None
        verb, pronoun = m.group(1).lower(), m.group(2).lower()
        last = toks[0]
        if verb not in self.rules.speech_verbs:
            if verb not in self.rules.verb_fillers:
                return None
            j = 1
            while j < min(4, len(toks)) and toks[j].lower in self.rules.verb_fillers:
                j += 1
            if j >= len(toks) or toks[j].lower not in self.rules.speech_verbs:
                return None
            last = toks[j]
        phrase = Span(toks[0].end - len(pronoun), toks[0].end)
        return _Cue(phrase, Span(pos, last.end), pronoun=self.rules.pronouns.get(pronoun, ""), verb=True)

    def _subject_then_verb(self, toks: list[Token], pos: int) -> _Cue | None:
        """ "she said", "Baird said", "the minister said" after a quote."""
        for k, tok in enumerate(toks[:8]):
            if _says(tok, self.rules):
                subject = toks[:k]
                while subject and subject[-1].lower in self.rules.verb_fillers:
                    subject.pop()
                if not subject or not self._plain(pos, tok.start):
                    return None
                if any(t.lower in self.rules.breakers or t.lower in self.rules.phrase_stops for t in subject):
                    return None
                phrase = Span(pos, subject[-1].end)
                return _Cue(phrase, Span(pos, tok.end), pronoun=self._pronoun_gender(subject), verb=True)
        return None

    def _pronoun_gender(self, words: list[Token]) -> str | None:
        if len(words) == 1 and words[0].lower in self.rules.pronouns:
            return self.rules.pronouns[words[0].lower]
        return None

    def _plain(self, start: int, end: int) -> bool:
        """No punctuation (other than spaces, hyphens, apostrophes, title dots) in between."""
        return not re.search(r"[,;:!?()«»\"“”" + MASK + r"]", self.masked[start:end])

    def _phrase_after(self, start: int, end: int) -> Span | None:
        """The speaker's noun phrase after a speech verb, up to the clause's end."""
        toks = tokenize(self.masked, start, end)
        while toks:
            rest = self.masked[toks[0].start : end].lower().replace("’", "'")
            adverbial = next(
                (a for a in self.rules.adverbials if re.match(re.escape(a) + r"\b", rest)), None
            )  # "témoigne pour sa part un lycéen", "said, for her part, the mayor"
            if adverbial is not None:
                cut = toks[0].start + len(adverbial)
                toks = [t for t in toks if t.start >= cut]
            elif toks[0].lower in self.rules.verb_fillers and toks[0].lower not in self.rules.determiners:
                toks.pop(0)
            else:
                break
        if not toks:
            return None
        stop = end
        commas = 0
        for k in range(toks[0].start, end):
            ch = self.masked[k]
            if ch in ".;:!?()" + MASK and not self._abbreviation_dot(k):
                stop = k
                break
            if ch == ",":
                commas += 1
                if commas == 2:
                    stop = k
                    break
        lead = 1 if len(toks) > 1 and toks[0].lower in self.rules.determiners else 0
        head = toks[lead]
        in_name = head.capitalised or head.acronym or head.text in TITLES or head.text + "." in TITLES
        for t in toks[lead + 1 :]:
            if t.start >= stop:
                break
            if t.lower in self.rules.phrase_stops or (in_name and t.lower in self.rules.prepositions):
                stop = t.start
                break
            in_name = in_name and (t.capitalised or t.lower in _NAME_PARTICLES)
        return _strip_span(self.masked, toks[0].start, stop)

    def _abbreviation_dot(self, k: int) -> bool:
        """A period inside a name ("U.S.", "M.", "J. R. R.") rather than an end."""
        if self.masked[k] != ".":
            return False
        word = re.search(r"(\S+)$", self.masked[max(0, k - 6) : k])
        after = self.masked[k + 1 : k + 3]
        if not word:
            return False
        w = word.group(1)
        return (
            (w + "." in TITLES or len(w.strip("(")) == 1 or "." in w)
            and after[:1] in (" ", "")
            and after[1:2].isupper()
        )

    def _source_marker_at(self, pos: int, end: int) -> _Cue | None:
        """ "according to X" / "selon X" right at ``pos``."""
        rest = self.masked[pos:end].lower()
        for marker in self.rules.source_markers:
            if rest.startswith(marker + " "):
                phrase = self._phrase_after(pos + len(marker) + 1, end)
                if phrase:
                    return _Cue(phrase, Span(pos, phrase.end))
        return None

    def _before_cue(self, item: _Found) -> _Cue | None:
        """Nearest attribution before the quote in its sentence: "selon X," or
        "X a déclaré :"."""
        first = item.segments[0]
        opening = first.open if first.open is not None else first.content.start
        sent = self.sentence_span(self.sentence_of(opening))
        region_start = sent.start
        for k in range(opening - 1, sent.start - 1, -1):
            if self.masked[k] == MASK:
                region_start = k + 1
                break
        candidates = [
            c
            for c in (
                self._marker_before(region_start, opening),
                self._verb_before(sent.start, region_start, opening),
            )
            if c
        ]
        if not candidates:
            return self._name_colon(region_start, opening) or _kind(
                self._presenting_colon(sent.start, region_start, opening), "colon"
            )
        return max(candidates, key=lambda c: c.words.end)

    def _presenting_colon(self, sent_start: int, region_start: int, opening: int) -> _Cue | None:
        """A clause that presents the quote with a colon but no speech verb:
        "Mercredi, Lionel Messi a posté sur Instagram : « ... »". The subject
        opening the clause speaks, provided it is the one person or
        organisation the clause names: another name after it counts only
        inside a prepositional adjunct ("à Neymar", "after the vote"), and a
        genitive ("la lettre de X", "the words of X") makes the clause a
        report of someone else's words, so nothing is decided."""
        before = self.masked[region_start:opening].rstrip(_SPACES)
        if not before.endswith(":"):
            return None
        colon = region_start + len(before) - 1
        subject: Mention | None = None
        speaker: Person | None = None
        for person, mention in self.cast.mentions_in(sent_start, colon):
            if subject is None:
                if not mention.subject:
                    continue  # in a fronted adverbial: "During Prime Minister's Questions, Sunak ..."
                if not self._opens_clause(sent_start, mention.start):
                    return None
                subject, speaker = mention, person
                continue
            if person is speaker:
                continue
            words = tokenize(self.masked, max(sent_start, mention.start - 20), mention.start)
            prep = words[-1].lower if words else ""
            glued = self.masked[max(0, mention.start - 2) : mention.start]
            if len(glued) == 2 and glued[1] in "'’" and glued[0].isalpha():
                prep = glued[0].lower()  # "d'Instagram", "l'Élysée"
            genitive = prep in self.rules.genitives
            attached = not self.masked[subject.end : mention.start].strip(_SPACES).removesuffix(prep).strip()
            if attached and genitive:
                continue  # "Lionel Messi de Neymar": part of the subject
            if genitive or prep not in self.rules.prepositions:
                return None
        if subject is None:
            return None
        return _Cue(Span(subject.start, subject.end), Span(subject.start, colon + 1), adjacent=False)

    def _name_colon(self, start: int, opening: int) -> _Cue | None:
        """ "Tom Cotton : « ... »": a short name or role, a colon, the quote."""
        before = self.masked[start:opening].rstrip(_SPACES)
        if not before.endswith(":"):
            return None
        colon = start + len(before) - 1
        phrase = _strip_span(self.masked, self.cast.clause_start(colon), colon)
        if phrase is None:
            return None
        words = tokenize(self.masked, phrase.start, phrase.end)
        verbish = self.rules.breakers | self.rules.verb_fillers | self.rules.speech_verbs
        if not words or len(words) > 6 or any(w.lower in verbish for w in words):
            return None
        return _Cue(phrase, Span(phrase.start, colon + 1))

    def _marker_before(self, start: int, opening: int) -> _Cue | None:
        region = self.masked[start:opening]
        best = None
        markers = [(m, True) for m in self.rules.source_markers] + [
            (m, False) for m in self.rules.opinion_markers
        ]
        for marker, blocking in markers:
            for m in re.finditer(r"(?<![\w’'])" + re.escape(marker) + r"\s+", region, re.IGNORECASE):
                phrase_end = region.find(",", m.end())
                if phrase_end < 0:
                    continue
                phrase = _strip_span(self.masked, start + m.end(), start + phrase_end)
                if phrase is None or not self._names_someone(phrase, blocking):
                    continue
                cue = _Cue(
                    phrase, Span(start + m.start(), phrase.end), pronoun=self._pronoun_at(phrase), adjacent=False
                )
                if best is None or cue.words.start > best.words.start:
                    best = cue
        return best

    def _names_someone(self, phrase: Span, blocking: bool) -> bool:
        """Could ``phrase`` designate a speaker? With ``blocking``, any noun
        phrase counts ("selon une source proche": an anonymous source)."""
        words = tokenize(self.masked, phrase.start, phrase.end)
        if not words:
            return False
        if blocking:
            return True
        if len(words) == 1 and words[0].lower in self.rules.pronouns:
            return True
        return any(w.capitalised for w in words) or any(w.lower in self.rules.role_heads for w in words)

    def _verb_before(self, sent_start: int, region_start: int, opening: int) -> _Cue | None:
        toks = tokenize(self.masked, region_start, opening)
        for k in range(len(toks) - 1, -1, -1):
            if len(toks) - k > _VERB_REACH:
                return None
            tok = toks[k]
            if _says(tok, self.rules) and not _INVERSION.fullmatch(tok.text):
                if self._participle(tok, toks[k - 1] if k else None, sent_start):
                    return self._participle_cue(sent_start, tok)
                phrase = self._subject_before(sent_start, tok)
                if phrase is None:
                    return None
                adjacent = len(toks) - k - 1 <= 3
                return _Cue(
                    phrase,
                    Span(phrase.start, tok.end),
                    pronoun=self._pronoun_at(phrase),
                    adjacent=adjacent,
                    verb=True,
                )
        return None

    def _participle(self, verb: Token, before: Token | None, sent_start: int) -> bool:
        """A present participle with no subject of its own: ", ajoutant que",
        "en disant :", ", affirming that" (its subject is the main clause's)."""
        if not verb.lower.endswith(self.rules.participle_endings or ("\0",)):
            return False
        gap = self.masked[before.end : verb.start] if before else self.masked[sent_start : verb.start]
        return "," in gap or (before is not None and before.lower in self.rules.gerund_markers)

    def _participle_cue(self, sent_start: int, verb: Token) -> _Cue | None:
        """The subject of a participle's main clause: the speaker of the quote
        before it in the same sentence (« ... », a-t-il déclaré, ajoutant que
        « ... »), else the subject opening the sentence (a name or a pronoun)."""
        prev = next((k for k in reversed(self.kept) if k.speaker is not None), None)
        if prev is not None and prev.segments[-1].content.end > sent_start and prev.cue is not None:
            return _Cue(prev.cue.phrase, Span(verb.start, verb.end), prev.cue.pronoun, adjacent=False,
                        verb=True, kind="participle")
        toks = tokenize(self.masked, sent_start, verb.start)
        if not toks:
            return None
        first = toks[0]
        if first.lower in self.rules.pronouns:
            return _Cue(Span(first.start, first.end), Span(first.start, verb.end),
                        pronoun=self.rules.pronouns[first.lower], adjacent=False, verb=True, kind="participle")
        for _, mention in self.cast.mentions_in(sent_start, verb.start):
            if mention.subject and not mention.organisation and self._opens_clause(sent_start, mention.start):
                return _Cue(Span(mention.start, mention.end), Span(mention.start, verb.end), adjacent=False,
                            verb=True, kind="participle")
        return None

    def _opens_clause(self, sent_start: int, pos: int) -> bool:
        """Is ``pos`` the start of the sentence, or of a clause after a
        leading adverbial ("En janvier dernier, ..., Hamon")?"""
        before = self.masked[sent_start:pos]
        return not before.strip(_SPACES) or before.rstrip(_SPACES).endswith(",")

    def _subject_before(self, sent_start: int, verb: Token) -> Span | None:
        """The subject of a speech verb: a pronoun, a name (with its apposition
        "X, Panama coach, said"), or the noun phrase ending right before it."""
        toks = tokenize(self.masked, sent_start, verb.start)
        stop = verb.start
        while toks:
            before = self.masked[sent_start:stop].rstrip(_SPACES).lower().replace("’", "'")
            adverbial = next((a for a in self.rules.adverbials if before.endswith(" " + a)), None)
            if adverbial is not None:  # "Marisol Touraine a par conséquent annoncé"
                cut = sent_start + len(before) - len(adverbial)
                toks = [t for t in toks if t.end <= cut]
                stop = cut
            elif toks[-1].lower in self.rules.verb_fillers and toks[-1].lower not in self.rules.pronouns:
                stop = toks.pop().start
            else:
                break
        gap = self.masked[toks[-1].end : stop].strip(_SPACES + ",") if toks else ""
        if gap == ")":  # "Daniel Floret, ancien président du Comité (CTV), estime": skip the parenthesis
            opening = self.masked.rfind("(", sent_start, toks[-1].end)
            if opening > sent_start:
                stop = opening
                toks = [t for t in toks if t.end <= opening]
                gap = self.masked[toks[-1].end : stop].strip(_SPACES + ",") if toks else ""
        if gap and re.fullmatch(r"[\d\s,]+", gap):
            gap = ""  # "Smith, who has led the union since 2015, told": a number ends the chunk
        if not toks or gap:
            return None
        last = toks[-1]
        if (
            last.lower in self.rules.stressed_pronouns
            and len(toks) > 1
            and toks[-2].lower in self.rules.verb_fillers
            and toks[-2].lower not in self.rules.pronouns
        ):
            # "le PNF a lui indiqué": a stressed pronoun after the auxiliary
            # stresses the subject before it; it is no subject of its own
            aux = toks[-2]
            toks = toks[:-2]
            if not toks or self.masked[toks[-1].end : aux.start].strip(_SPACES + ","):
                return None
            last = toks[-1]
        if last.lower in self.rules.relatives and len(toks) > 1:
            # "le cas de Cyprien, qui commente": the relative's antecedent speaks
            # when it is a name right before it
            antecedent = self._mention_ending(sent_start, toks[-2].end)
            if antecedent is not None and not self.masked[antecedent.end : last.start].strip(_SPACES + ","):
                return Span(antecedent.start, antecedent.end)
            if not toks[-2].capitalised or self.masked[toks[-2].end : last.start].strip(_SPACES + ","):
                return None
            first = len(toks) - 2
            while first > 0 and toks[first - 1].capitalised and len(toks) - first < 5:
                first -= 1
            return Span(toks[first].start, toks[-2].end)  # a name met nowhere else
        if last.lower in self.rules.pronouns:
            return Span(last.start, last.end)
        mention = self._mention_ending(sent_start, last.end)
        if mention is not None:
            return Span(mention.start, mention.end)
        start = max(self.cast.clause_start(last.end), sent_start)
        stop = last.end
        for _ in range(3):
            # A chunk set off by commas between the subject and its verb is
            # crossed: a participle or adjective phrase ("le capitaine
            # montpelliérain, élu MVP, se dit fier") or a prepositional
            # adverbial ("Suleiman al-Amr, in remarks to al-Ikhbariya
            # television, said").
            words = tokenize(self.masked, start, stop)
            comma = self.masked[:start].rstrip(_SPACES)
            if not comma.endswith(",") or len(comma) - 1 <= sent_start:
                break
            if not words and re.fullmatch(r"[\s\d]+", self.masked[start:stop]):
                words = [Token("0", start, stop)]  # an age set off by commas: "Smith, 54, said"
            if not words:
                break
            first = words[0]
            if first.capitalised or first.lower in self.rules.determiners or first.lower in self.rules.pronouns:
                break
            relative = first.lower in self.rules.relatives  # "Smith, who has led the union since 2015, told"
            if first.lower in self.rules.breakers and first.lower not in self.rules.prepositions and not relative:
                break
            stop = len(comma) - 1
            mention = self._mention_ending(sent_start, stop)
            if mention is not None:
                return Span(mention.start, mention.end)
            start = max(self.cast.clause_start(stop), sent_start)
            head = tokenize(self.masked, start, stop)
            if head and head[0].lower in self.rules.determiners:
                return _strip_span(self.masked, start, stop)
            if head and len(head) <= 4 and all(t.capitalised for t in head) and start == sent_start:
                return _strip_span(self.masked, start, stop)  # a name opening the sentence: "Smith, 54, who ...
        start = max(self.cast.clause_start(last.end), sent_start)
        for t in tokenize(self.masked, start, last.end)[:-1]:
            if t.lower in self.rules.complementisers or t.lower in self.rules.speech_verbs:
                start = t.end  # "Johnson told the BBC that Smith had said": Smith
        return _strip_span(self.masked, start, last.end)

    def _mention_ending(self, start: int, end: int) -> Mention | None:
        """A name ending at ``end``, or followed by its apposition up to ``end``."""
        found = None
        apposed = False
        for person, mention in self.cast.mentions_in(start, end):
            if not mention.subject and self._agent(mention):
                continue  # "a letter seen by Sky News says": the agent is no subject
            between = self.masked[mention.end : end]
            if mention.end == end and apposed and not person.is_person:
                continue  # "X, curator at the University of Arkansas, Fayetteville, said": X
            if mention.end == end or (mention.role and re.fullmatch(r",[ \u00a0]*[^,]{1,100}", between)):
                found = mention
            elif found is None and self._apposition(between):
                found, apposed = mention, True  # "Cynthia Thompson, curator and director of ..., said"
        return found

    def _agent(self, mention: Mention) -> bool:
        """Is ``mention`` the agent of a passive ("seen by Sky News", "par X")?"""
        start = mention.role_span[0] if mention.role_span and mention.role_span[0] < mention.start else mention.start
        before = tokenize(self.masked, max(0, start - 20), start)
        return bool(before) and before[-1].lower in ("by", "par")

    def _apposition(self, between: str) -> bool:
        """Is ``between`` (", the county's director of public works since 2019")
        an apposition to a name, up to its verb? It opens with a determiner or a
        lower-case noun, never a conjunction or preposition ("and X", "with X")."""
        if not re.fullmatch(r",[ \u00a0]*[^" + MASK + r";:!?«»\"“”]{1,240}", between):
            return False
        words = tokenize(between)
        if not words:
            return False
        first = words[0].lower
        if first in ("qui", "who"):
            return True  # a non-restrictive relative: "José Mourinho, qui a dépensé ..., a déclaré"
        if first in self.rules.breakers or first in self.rules.prepositions or first in ("and", "or", "et", "ou"):
            return False
        last = tokenize(between[between.rfind(",") + 1 :])
        if len(last) >= 2 and last[0].lower in self.rules.definites and last[1].lower in self.rules.role_heads:
            return False  # ", ce jeudi matin, le secrétaire général de la CGT affirme": that one is the subject
        return words[0].text[:1].islower() or first in self.rules.determiners

    def _pronoun_at(self, phrase: Span) -> str | None:
        return self._pronoun_gender(tokenize(self.masked, phrase.start, phrase.end))

    def _opens_sentence(self, item: _Found) -> bool:
        first = item.segments[0]
        opening = first.open if first.open is not None else first.content.start
        sent = self.sentence_span(self.sentence_of(opening))
        return not self.masked[sent.start : opening].strip(_SPACES + "—–-")

    def _previous_sentence(self, item: _Found) -> int | None:
        first = item.segments[0]
        idx = self.sentence_of(first.open if first.open is not None else first.content.start)
        return idx - 1 if idx > 0 else None

    def _colon_cue(self, item: _Found) -> _Cue | None:
        """ "X has called the sentence "dangerous": / "We face ..."."""
        prev = self._previous_sentence(item)
        if prev is None:
            return None
        span = self.sentence_span(prev)
        if not self.masked[span.start : span.end].rstrip().endswith(":"):
            return None
        verb = self._verb_before(span.start, span.start, span.end)
        if verb:
            return verb
        for _, mention in self.cast.mentions_in(span.start, span.end):
            if mention.subject and not mention.organisation:
                return _Cue(Span(mention.start, mention.end), Span(mention.start, span.end), adjacent=True)
        return None

    def _dash_cue(self, item: _Found) -> _Cue | None:
        """A "— Speaker" line right after a block quote paragraph."""
        last = item.segments[-1]
        para = self._para_spans[last.paragraph]
        after = last.content.end if last.close is None else last.close + 1
        if self.masked[after : para.end].strip(_SPACES + ".,"):
            return None
        if last.paragraph + 1 >= len(self._para_spans):
            return None
        line = self._para_spans[last.paragraph + 1]
        m = _DASH_LINE.fullmatch(self.text[line.start : line.end])
        if not m or len(m.group(1).split()) > 8:
            return None
        return _Cue(
            Span(line.start + m.start(1), line.start + m.end(1)), Span(line.start, line.end), confidence=0.9
        )

    def _continues(self, item: _Found, previous: _Found | None) -> bool:
        """Does ``item`` open the sentence right after an attributed quote
        (the same speaker going on)?"""
        prev = self._previous_sentence(item)
        if prev is None or previous is None or previous.speaker is None or previous.cue is None:
            return False
        last = previous.segments[-1].content
        return self.sentence_of(last.end - 1) == prev

    def _previous_sentence_cue(self, item: _Found) -> _Cue | None:
        """A speech verb in the previous sentence ("Heald noted ... . "An air-quality
        ..."), or its person subject when the quote speaks in the first person."""
        prev = self._previous_sentence(item)
        if prev is None:
            return None
        span = self.sentence_span(prev)
        verb = self._verb_before(span.start, span.start, span.end)
        if verb:
            return _Cue(verb.phrase, verb.words, verb.pronoun, adjacent=False, confidence=0.75, kind="previous")
        if not self._first_person(item):
            return None
        for person, mention in self.cast.mentions_in(span.start, span.end):
            if mention.subject and person.is_person:
                return _Cue(
                    Span(mention.start, mention.end),
                    Span(mention.start, mention.end),
                    adjacent=False,
                    confidence=0.55,
                    kind="first-person",
                )
        return None

    def _first_person(self, item: _Found) -> bool:
        words = {t.lower for s in item.segments for t in tokenize(self.text, s.content.start, s.content.end)}
        elided = {
            t.elided
            for s in item.segments
            for t in tokenize(self.text, s.content.start, s.content.end)
            if t.elided
        }
        return bool((words | elided) & self.rules.first_person)

    # resolving ---------------------------------------------------------------------

    def resolve(self, cue: _Cue) -> Speaker | None:
        """The speaker a cue's phrase designates, or None."""
        phrase = cue.phrase
        if phrase is None:
            return None
        if cue.pronoun is not None:
            return self._by_pronoun(cue.pronoun, phrase.start)
        words = tokenize(self.masked, phrase.start, phrase.end)
        if not words:
            return None
        named = self._trailing_name(phrase)
        if named is not None:
            return named  # "a spokesman for the fire service, Brian Mitchelhill"
        document = self._document_author(words, phrase)
        if document is not None:
            return document  # "Cornyn's statement added", "The Home Office letter reads"
        if words[0].lower in self.rules.indefinites:
            return self._indefinite(words, phrase)
        speaker = (
            self._by_name(words, phrase)
            or self._by_role(words, phrase)
            or self._by_organisation(words, phrase)
            or self._description(words, phrase)
            or self._salient_role(words, phrase)
            or self._organisation_anaphor(words, phrase)
        )
        if speaker and cue.confidence is not None:
            speaker = Speaker(
                speaker.name,
                speaker.role,
                min(cue.confidence, speaker.confidence),
                speaker.organisation,
                kind=speaker.kind,
            )
        return speaker

    def _description(self, words: list[Token], phrase: Span) -> Speaker | None:
        """A definite role the article gives no name for: "la procureure de
        Grasse", "le secrétaire général de la CGT du livre". The speaker is the
        role as written; a bare role ("le ministre") names no one."""
        if words[0].lower not in self.rules.definites or len(words) < 3 or len(words) > 10:
            return None
        if words[1].lower not in self.rules.role_heads and not (
            words[0].elided and words[0].lower in self.rules.role_heads
        ):
            return None
        if not any(w.lower in self.rules.prepositions for w in words[2:]):
            return None  # "le ministre français": who? (a role needs its complement)
        text = _strip_determiner(self.masked[phrase.start : phrase.end], self.rules)
        if MASK in text or any(w.lower in self.rules.breakers for w in words[1:]):
            return None
        if text[-1:] in "'’" or words[-1].lower in self.rules.prepositions or len(words) < 4:
            return None  # cut short: "candidat d'", "secrétaire de"
        return Speaker(text, None, 0.8, kind="description")

    def _trailing_name(self, phrase: Span) -> Speaker | None:
        """A role, a comma, then the name: "a spokesman for X, Brian Mitchelhill"."""
        end = self._stop(phrase.start)
        while end > phrase.start and self.masked[end - 1] in _SPACES + ".,;:!?":
            end -= 1
        text = self.masked[phrase.start : end]
        cut = text.rfind(",")
        if cut <= 0 or not self._plain(phrase.start, phrase.start + cut):
            return None
        tail = tokenize(self.masked, phrase.start + cut + 1, end)
        while len(tail) > 2 and (tail[0].text in TITLES or tail[0].text + "." in TITLES):
            tail = tail[1:]  # "l'avocat de l'ancien ministre, Me Jean Dupont": Jean Dupont
        head = tokenize(self.masked, phrase.start, phrase.start + cut)
        if not (2 <= len(tail) <= 4) or not all(t.capitalised for t in tail):
            return None
        if not any(t.lower in self.rules.role_heads for t in head):
            return None
        name = " ".join(t.text for t in tail)
        person = self.cast.person_named(name, phrase.start)
        k = next(i for i, t in enumerate(head) if t.lower in self.rules.role_heads)
        if k > 0 and head[k - 1].lower in self.rules.determiners:
            k -= 1  # "a estimé mardi sur franceinfo la maire de Nantes, X": the role starts at "la maire"
        role = _strip_determiner(self.masked[head[k].start : phrase.start + cut], self.rules)
        return Speaker(person.name if person else name, role, 0.9, kind="name")

    def _document_author(self, words: list[Token], phrase: Span) -> Speaker | None:
        """A document speaks for its author: "Cornyn's statement", "PC World's
        recent analysis", "The Home Office letter", "un communiqué de l'Élysée".
        The author is the possessor, the name before the document noun, or the
        name after "of"/"de"; it is resolved like any other name."""
        doc = next((k for k, w in enumerate(words) if w.lower in self.rules.document_words), None)
        if doc is None:
            return None
        before = [w for w in words[:doc] if w.lower not in self.rules.determiners]
        after = words[doc + 1 :]
        names: list[Token] = []
        owner = max((k for k, w in enumerate(before) if w.possessive), default=None)
        if owner is not None:  # "PC World's recent analysis": the possessor, past its adjectives
            names = [w for w in before[: owner + 1] if w.capitalised or w.acronym or w.possessive]
        elif before and (before[-1].capitalised or before[-1].acronym):
            names = [w for w in before if w.capitalised or w.acronym or w.possessive]
        elif len(after) >= 2 and after[0].lower in self.rules.prepositions:
            names = [w for w in after[1:] if w.capitalised or w.acronym]
        if not names:
            return None
        author = " ".join(_bare_word(w.text) for w in names)
        person = self.cast.person_named(author, phrase.start)
        if person is not None:
            return self._speaker(person, None, 0.85, "document")
        return Speaker(author, None, 0.85, organisation=True, kind="document")

    def _indefinite(self, words: list[Token], phrase: Span) -> Speaker | None:
        """An indefinite noun phrase brings in someone new: never a person met
        earlier. "a spokeswoman for the British Transport Police" speaks for
        the organisation; "an unnamed ambulance official" is anonymous."""
        lowered = [w.lower for w in words]
        spokes = next((k for k, w in enumerate(lowered) if w in self.rules.spokes_words), None)
        if spokes is None or spokes + 1 >= len(words) or lowered[spokes + 1] not in self.rules.prepositions:
            return self._unnamed(words)
        org_words = words[spokes + 2 :]
        while org_words and (
            org_words[0].lower in self.rules.determiners or org_words[0].lower in self.rules.classifiers
        ):
            org_words = org_words[1:]  # "un porte-parole de l'entreprise RTE": RTE
        if not org_words or not (org_words[0].capitalised or org_words[0].acronym):
            return None
        for k in range(1, len(org_words)):
            if re.search(r"[(,;]", self.masked[org_words[k - 1].end : org_words[k].start]):
                org_words = org_words[:k]  # "l'entreprise RTE (Réseau de ...)": the name as written
                break
        name = self.masked[org_words[0].start : org_words[-1].end]
        if MASK in name or len(org_words) > _ORGANISATION_MAX_WORDS:
            return None
        return Speaker(name, None, 0.85, organisation=True, kind="spokesperson")

    def _unnamed(self, words: list[Token]) -> Speaker | None:
        """Someone the article does not name, brought in by an indefinite noun
        phrase whose head is a person noun: "un lycéen qui a pu se mettre à
        l'abri" -> "lycéen", "des témoins" -> "témoins", "a witness" ->
        "witness". The speaker is the description as written, without its
        article and without a relative clause or participle after it; a
        thing ("un communiqué") or a phrase holding a name is not taken."""
        head = 1
        if head >= len(words):
            return None
        noun = words[head].lower
        singular = noun[:-1] if noun.endswith(("s", "x")) and len(noun) > 3 else noun
        people = self.rules.role_heads | self.rules.person_nouns
        if noun not in people and singular not in people:
            return None
        vague = self.rules.spokes_words | self.rules.generic_roles
        if noun in vague or singular in vague:
            return None  # "un porte-parole", "un responsable": for whom? anonymous
        end = head + 1
        while end < len(words) and not (
            words[end].lower in self.rules.breakers
            or words[end].lower in self.rules.speech_verbs
            or words[end].capitalised
            or words[end].acronym
        ):
            end += 1
        if end < len(words) and (words[end].capitalised or words[end].acronym):
            return None  # "un porte-parole de Greenpeace": a name follows, resolved elsewhere
        text = self.masked[words[head].start : words[end - 1].end]
        if MASK in text or len(words[head:end]) > 6 or words[end - 1].lower in self.rules.prepositions:
            return None
        return Speaker(text, None, 0.8, kind="description")

    def _by_pronoun(self, gender: str, pos: int) -> Speaker | None:
        """The antecedent of a pronoun at ``pos``, by salience:

        1. the speaker of the previous quote, when it ends in this sentence or
           the two before, fits the pronoun, and no other fitting person is
           the subject or topic of a clause between that quote and the pronoun
           (the same speaker going on: « ... », ajoute-t-il);
        2. else the most recent fitting person that is the subject or the
           topic ("Pour X, ...", "Selon X") of a clause in this sentence;
        3. an organisation ("l'Union ... : « ... » a-t-elle déclaré") when it
           is the nearest antecedent of the pronoun's gender, in this sentence
           or the one before, and no person could be meant;
        4. else the most recent fitting person subject before (weak).
        """
        if gender == "p":
            return None
        idx = self.sentence_of(pos)
        sent_start = self.sentence_span(idx).start
        continuing = self._previous_speaker(gender, pos)
        if continuing is not None:
            return continuing
        person = self.cast.by_pronoun(gender, pos, not_before=sent_start)
        if person is not None:
            return self._speaker(person, None, 0.75, "pronoun-near")
        window = self.sentence_span(idx - 1).start if idx > 0 else sent_start
        organisation = self._organisation_antecedent(gender, window, pos)
        if organisation is not None:
            name, start = organisation
            person = self.cast.by_pronoun(gender, pos, not_before=window)
            if person is not None:
                mention = person.last_before(pos)
                if mention is not None and mention.start > start:
                    return self._speaker(person, None, 0.7, "pronoun-recent")
                return None  # a person or the organisation after them: do not guess
            return Speaker(
                name, None, 0.75 if start >= sent_start else 0.6, organisation=True, kind="pronoun-organisation"
            )
        recent = self.sentence_span(max(0, idx - 2)).start
        person = self.cast.by_pronoun(gender, pos, not_before=max(recent, self._paragraph_before(pos)))
        if person is not None:
            return None if self._coordinated(person, pos) else self._speaker(person, None, 0.7, "pronoun-recent")
        person = self.cast.by_pronoun(gender, pos)
        if person is None or self._coordinated(person, pos):
            return None
        return self._speaker(person, None, 0.6, "pronoun-far")

    def _coordinated(self, person: Person, pos: int) -> bool:
        """Is ``person``'s last mention before ``pos`` coordinated with someone
        else ("Pierre Durand et sa femme Claire", "Smith and Jones")? A
        singular pronoun after it may mean either."""
        mention = person.last_before(pos)
        if mention is None:
            return False
        after = self.masked[mention.end : mention.end + 60]
        before = self.masked[max(0, mention.start - 60) : mention.start]
        conj = "|".join(re.escape(c) for c in self.rules.conjunctions)
        if not conj:
            return False
        follows = re.match(r"[ \u00a0]+(?:" + conj + r")[ \u00a0]+(?:[\w’']+[ \u00a0]+){0,2}[A-ZÀ-Ý]", after)
        precedes = re.search(r"[A-ZÀ-Ý][\w’'-]*[ \u00a0]+(?:" + conj + r")[ \u00a0]+$", before)
        return bool(follows or precedes)

    def _paragraph_before(self, pos: int) -> int:
        """Start of the paragraph before the one holding ``pos``."""
        starts = [p.start for p in self._para_spans]
        k = max(0, bisect.bisect_right(starts, pos) - 2)
        return starts[k] if starts else 0

    def _previous_speaker(self, gender: str, pos: int) -> Speaker | None:
        """Rule 1 of ``_by_pronoun``: the previous quote's speaker, going on."""
        prev = next((k for k in reversed(self.kept) if k.speaker is not None), None)
        if prev is None or prev.cue is None:
            return None
        end = prev.segments[-1].content.end
        if end > pos or self.sentence_of(pos) - self.sentence_of(end - 1) > 2:
            return None
        speaker = prev.speaker
        person = self.cast.person_named(speaker.name, pos)
        if person is not None and gender and person.gender and person.gender != gender:
            return None
        if person is None and speaker.organisation:
            return None  # an organisation is "elle"/"il" only by its own gender
        between = [(p, m) for p in self.cast.people for m in p.mentions if end <= m.start < pos]
        for other, mention in between:  # names and roles ("la ministre")
            if other is person or not mention.subject or other.organisation:
                continue  # (a name with no evidence of being a person still takes the floor: "Her colleague Mark Chen")
            if not (gender and other.gender and other.gender != gender):
                return None  # someone else has taken the floor
        conf = 0.8 if self.sentence_of(pos) - self.sentence_of(end - 1) <= 1 else 0.7
        return Speaker(
            speaker.name, speaker.role, min(conf, speaker.confidence), speaker.organisation, kind="pronoun-continuing"
        )

    def _organisation_antecedent(self, gender: str, start: int, end: int) -> tuple[str, int] | None:
        """The last organisation of grammatical ``gender`` named in ``[start, end)``
        with a determiner ("la Commission européenne", "l'Union américaine pour
        les libertés civiles (ACLU)"): its name and where it starts. None when
        the nearest such name runs on into more than a name."""
        if gender not in ("m", "f"):
            return None
        toks = tokenize(self.masked, start, end)
        found: tuple[str | None, int] | None = None
        for k, tok in enumerate(toks):
            if not tok.capitalised or tok.lower not in self.rules.institution_genders:
                continue
            det, det_start = tok.elided, tok.start - 2
            if det is None and k > 0 and self.masked[toks[k - 1].end : tok.start] in (" ", "\u00a0"):
                det, det_start = toks[k - 1].lower, toks[k - 1].start
            if det is None or det not in self.rules.determiners:
                continue
            if det in self.rules.feminine_words:
                own = "f"
            elif det in self.rules.masculine_words:
                own = "m"
            elif det == "l":
                own = self.rules.institution_genders[tok.lower]
            else:
                continue  # "les", "ses": plural or possessive
            if own == gender:
                found = (self._organisation_name(tok, det_start, end), tok.start)
        if found is None or found[0] is None:
            return None
        return found[0], found[1]

    def _organisation_name(self, head: Token, det_start: int, end: int) -> str | None:
        """The name of an organisation from its head word: up to a verb ("l'Union
        européenne a publié" -> "Union européenne") or the end of the clause
        ("Union américaine pour les libertés civiles (ACLU)"). None when the
        words after it may be more than a name: an article after a verb
        ("condamne l'attaque"), or a clause it opens with no verb found."""
        stop = head.end
        while stop < end and not (self.masked[stop] in ",;:.!?" + MASK or self.masked[stop] in _DOUBLE_MARKS):
            stop += 1
        words = tokenize(self.masked, head.start, stop)
        verbish = self.rules.breakers | self.rules.phrase_stops | self.rules.speech_verbs
        linking = self.rules.prepositions | self.rules.determiners
        cut = False
        for prev, word in pairwise(words):
            if word.lower in verbish or (word.lower in self.rules.verb_fillers and word.lower not in linking):
                stop, cut = word.start, True
                break
            article = word.elided == "l" or word.lower in self.rules.determiners
            if (article and prev.lower not in self.rules.prepositions) or word.elided in _VERB_ELISIONS:
                return None  # "condamne l'attaque", "qu'elle": a verb and its object, a clause
        if not cut and not self.masked[self.cast.clause_start(det_start) : det_start].strip(_SPACES):
            return None  # "La Commission européenne regrette.": its verb may be among the words
        name = self.masked[head.start : stop].strip(_SPACES)
        if name.count("(") != name.count(")"):
            name = name[: name.find("(")].strip(_SPACES)
        if MASK in name or not 0 < len(tokenize(name)) <= _ORGANISATION_MAX_WORDS:
            return None
        return name

    def _by_name(self, words: list[Token], phrase: Span) -> Speaker | None:
        first = words[0]
        titled = first.text in TITLES or first.text + "." in TITLES
        if titled and len(words) > 1:
            first = words[1]
        if first.capitalised and (titled or first.lower not in self.rules.not_names | self.rules.role_heads):
            for person, mention in self.cast.mentions_in(first.start, first.end + 1):
                return self._speaker(person, mention, 0.95, "name")
            run = [first]
            for t in words[words.index(first) + 1 :]:
                if not t.capitalised or self.masked[run[-1].end : t.start] not in (" ", "\u00a0"):
                    break
                run.append(t)
            name = " ".join(t.text for t in run)
            if any(t.lower in self.rules.institution_words for t in run):
                return None
            person = self.cast.person_named(name, phrase.start)
            if person is not None:
                return self._speaker(person, None, 0.9, "surname")
            person = self.cast.person_misspelt(name, phrase.start)
            if person is not None:
                return self._speaker(person, None, 0.7, "misspelt")  # "Water said" for Kathryn Waters
            if self._recurring_name(name):
                return Speaker(name, None, 0.9, kind="name")  # "Neymar": one word, but the article's own name
            return Speaker(name, None, 0.9, kind="new-name")
        for person, mention in self.cast.mentions_in(phrase.start, phrase.end):
            if mention.subject and not mention.organisation:
                return self._speaker(person, mention, 0.95, "name")
        return None

    def _recurring_name(self, name: str) -> bool:
        """Is ``name`` (met by no person of the cast) written as a name at
        least three times in mid-sentence, outside quotes ("Neymar", "Xi")?
        A name the article keeps using is one of its cast, not a stray
        capitalised word ("Scientists" opening a sentence)."""
        hits = 0
        for m in re.finditer(r"(?<![\w’'-])" + re.escape(name) + r"(?![\w’'-])", self.masked):
            before = self.masked[max(0, m.start() - 3) : m.start()].rstrip(_SPACES)
            if before and before[-1] not in ".!?:«\"“\n" + MASK:
                hits += 1
        return hits >= 3

    def _by_role(self, words: list[Token], phrase: Span) -> Speaker | None:
        lowered = [w.lower for w in words]
        if (
            lowered[0] in ("les", "des", "ces", "leurs", "the")
            and len(words) > 1
            and words[1].lower.endswith(("s", "x"))
        ):
            return None  # a group: "les juges", "the officials"
        head = next((w for w in lowered if w in self.rules.role_heads), None)
        if head is None:
            return None
        description = self.masked[phrase.start : phrase.end]
        person = self.cast.by_role(description, phrase.start)
        if person is None:
            return None
        own = _strip_determiner(description, self.rules)
        known = self.cast.role_of(person)
        specific = head not in self.rules.generic_roles and len(own.split()) <= 6
        role = own if specific and not (known and _words_within(own, known)) else known
        self.cast.mark_speaker(person)
        return Speaker(person.name, role, 0.8, kind="role")

    def _salient_role(self, words: list[Token], phrase: Span) -> Speaker | None:
        """A definite role nobody in the article holds yet ("a confié le candidat
        d'En marche !" after a sentence about Emmanuel Macron): the person the
        text is about, as a pronoun would find them (the speaker going on, or
        the person subject of this sentence or the one before). Weak evidence:
        never enough for a card."""
        description = self.masked[phrase.start : phrase.end]
        if len(words) < 2 or words[0].lower not in self.rules.definites or words[1].lower not in self.rules.role_heads:
            return None
        if self.cast.role_known(description):
            return None
        gender = self.cast.description_gender(description)
        speaker = self._previous_speaker(gender, phrase.start)
        if speaker is None:
            idx = self.sentence_of(phrase.start)
            window = self.sentence_span(idx - 1).start if idx > 0 else self.sentence_span(idx).start
            person = self.cast.by_pronoun(gender, phrase.start, not_before=window)
            if person is None or not person.is_person:
                return None
            speaker = self._speaker(person, None, 0.6, "role-salient")
        person = self.cast.person_named(speaker.name, phrase.start)
        if person is not None and self.cast.holds_other_role(person, description):
            return None  # "Mayor John Smith met Governor Ann Lee": "the governor" is not the mayor
        if self._other_person_near(person, phrase.start):
            return None  # someone else is named in the sentences just before: either may be meant
        return Speaker(speaker.name, speaker.role, 0.6, speaker.organisation, kind="role-salient")

    def _other_person_near(self, person: Person | None, pos: int) -> bool:
        """Is another person named in this sentence or the one before?"""
        idx = self.sentence_of(pos)
        window = self.sentence_span(idx - 1).start if idx > 0 else self.sentence_span(idx).start
        return any(
            other is not person and other.is_person for other, _ in self.cast.mentions_in(window, pos)
        )

    def _organisation_anaphor(self, words: list[Token], phrase: Span) -> Speaker | None:
        """A bare definite organisation noun ("fustige encore l'association",
        "précise la préfecture", "the company said"): the one organisation of
        the cast named with that noun, else the organisation that spoke last,
        within the two sentences before (weak: never a card)."""
        lowered = [w.lower for w in words]
        glued = self.masked[max(0, phrase.start - 2) : phrase.start].lower()
        if len(glued) == 2 and glued[1] in "'’" and glued[0] in self.rules.definites:
            lowered = [glued[0], *lowered]  # "l'association"
        elif words[0].elided and words[0].elided in self.rules.definites:
            lowered = [words[0].elided, *lowered]
        if len(lowered) != 2 or lowered[0] not in self.rules.definites:
            return None
        noun = lowered[1]
        if noun not in self.rules.classifiers and noun not in self.rules.institution_words:
            return None
        named = [
            p for p in self.cast.people
            if p.organisation and p.first_before(phrase.start) and tokenize(p.name)[0].lower == noun
        ]
        if len(named) == 1:
            return Speaker(named[0].name, None, 0.8, organisation=True, kind="organisation")
        prev = next((k for k in reversed(self.kept) if k.speaker is not None), None)
        if prev is None:
            return None
        known = self.cast.person_named(prev.speaker.name, phrase.start)
        if not prev.speaker.organisation and (known is None or known.is_person) and prev.speaker.kind != "new-name":
            return None
        if known is not None and known.is_person:
            return None
        if self.sentence_of(phrase.start) - self.sentence_of(prev.segments[-1].content.end - 1) > 2:
            return None
        return Speaker(prev.speaker.name, None, 0.6, organisation=True, kind="organisation-salient")

    def _by_organisation(self, words: list[Token], phrase: Span) -> Speaker | None:
        content = words[1:] if words and words[0].lower in self.rules.determiners else list(words)
        if len(content) >= 2 and content[0].lower in self.rules.classifiers and not content[0].capitalised and all(
            w.capitalised or w.acronym or w.lower in self.rules.function_words for w in content[1:]
        ) and content[1].capitalised | content[1].acronym:
            # "le quotidien Le Monde", "the broadcaster ITV": the name after its classifier
            name = self.masked[content[1].start : content[-1].end]
            if MASK not in name:
                return Speaker(name, None, 0.9, organisation=True, kind="organisation")
        if not any(w.acronym or (w.capitalised and w.lower not in self.rules.not_names) for w in words):
            return None
        content = [w for w in words if w.lower not in self.rules.determiners]
        acronym = len(content) == 1 and content[0].acronym and len(content[0].text) <= 6
        if not acronym and not any(w.lower in self.rules.institution_words for w in words):
            return None  # ("EDF précise", "l'ASN a déclaré": an acronym names an organisation)
        name = _strip_determiner(self.masked[phrase.start : phrase.end], self.rules)
        if MASK in name:
            return None
        return Speaker(name, None, 0.9, organisation=True, kind="organisation")

    def _speaker(self, person: Person, mention: Mention | None, confidence: float, kind: str) -> Speaker:
        if not person.organisation:
            self.cast.mark_speaker(person)
        role = mention.role if mention and mention.role else self.cast.role_of(person)
        if confidence >= 0.95 and mention is not None and len(mention.name.split()) < len(person.tokens):
            confidence, kind = 0.9, "surname"  # named by surname only
        return Speaker(person.name, role, confidence, person.organisation, kind=kind)

    # deciding and building ------------------------------------------------------------

    def is_speech(self, item: _Found) -> bool:
        """Is this quotation someone speaking (not a title, name or scare quote)?"""
        first = item.segments[0]
        opening = first.open if first.open is not None else first.content.start
        words = [t for s in item.segments for t in tokenize(self.text, s.content.start, s.content.end)]
        sent_start = self.sentence_span(self.sentence_of(opening)).start
        before = tokenize(self.masked, max(sent_start, opening - 60), opening)[-3:]
        has_cue = item.cue is not None and (item.cue.phrase is not None or item.speaker is not None)
        said = item.cue is not None and item.cue.verb and item.cue.words.start > opening
        if (self._title_cue(sent_start, opening) and not said) or self._title_case(words, item):
            return False
        if first.opener in _SINGLE_MARKS and not has_cue:
            return False
        if _word_count(words) < _MIN_SPEECH_WORDS:
            if item.cue is not None and item.cue.words.end <= opening and not self._set_off(item.cue, opening):
                return False  # "qu'il considère comme « politisé »": wording woven in, not an utterance
            return has_cue and (item.cue.adjacent or (item.cue.verb and self._opens_sentence(item)))
        if not has_cue and (words[0].lower in self.rules.determiners and len(words) <= 6):
            return False  # a noun phrase used as a term: « un élément du langage télévisuel »
        if (
            before
            and len(words) <= 6
            and before[-1].lower in self.rules.determiners
            and not self.masked[before[-1].end : opening].strip(_SPACES)
            and not (has_cue and item.cue.adjacent and item.cue.words.start > opening)
        ):
            return False  # "une « jumelle de la Voie Lactée »": a term inside the reporter's noun phrase
        if not has_cue and before and self.masked[before[-1].end : opening].strip(_SPACES) == "":
            return before[-1].lower not in self.rules.determiners
        return True

    def _set_off(self, cue: _Cue, opening: int) -> bool:
        """Is a quote introduced before it set off by punctuation ("X a déclaré :
        « ... »", "X said, "...""), as an utterance is?"""
        return bool(re.search(r"[,:—–]", self.masked[cue.words.end : opening]))

    def _title_cue(self, sent_start: int, opening: int) -> bool:
        """A title word right before the opening mark, in the quote's own clause:
        "le livre « ... »", "the book "..."", "a film titled "..."". A title
        word ending the previous sentence ("... la loi. « ... »") or clause
        does not count."""
        start = max(sent_start, self.cast.clause_start(opening))
        near = tokenize(self.masked, start, opening)[-_TITLE_CUE_REACH:]
        return any(t.lower in self.rules.title_cues for t in near)

    def _title_case(self, words: list[Token], item: _Found) -> bool:
        """ "War and Peace", "Le Petit Prince": short, every content word capitalised."""
        if not words or len(words) > 8 or len(item.segments) > 1:
            return False
        seg = item.segments[0]
        if re.search(r"[,.;:!?]", self.text[seg.content.start : seg.content.end]):
            return False
        content = [w for w in words if w.lower not in self.rules.function_words]
        return (
            len(content) >= 2
            and all(w.text[:1].isupper() for w in content)
            and not all(w.acronym for w in content)
        )

    def cast_table(self, quotes: tuple[Quote, ...]) -> tuple[CastMember, ...]:
        """The article's cast as plain data, most mentioned first."""
        spoke: dict[str, int] = {}
        for q in quotes:
            if q.speaker:
                spoke[q.speaker] = spoke.get(q.speaker, 0) + 1
        table = []
        for person in self.cast.people:
            words = tokenize(person.name)
            institution = any(w.lower in self.rules.institution_words or w.acronym for w in words)
            # "the Alder River" is a thing after a determiner, not an organisation
            kind = "person" if person.is_person else "organisation" if person.organisation and institution else "unknown"
            roles = tuple(dict.fromkeys(r for r in person.roles if r))
            table.append(
                CastMember(
                    name=person.name,
                    kind=kind,
                    gender=person.gender or None,
                    roles=roles,
                    mentions=tuple(Span(m.start, m.end) for m in person.mentions),
                    quotes=spoke.get(person.name, 0),
                )
            )
        known = {m.name for m in table}
        for q in quotes:  # speakers resolved on the spot: "EDF précise", "des témoins"
            if not q.speaker or q.speaker in known:
                continue
            known.add(q.speaker)
            resolution = (q.evidence or "").partition("/")[2]
            kind = "unnamed" if resolution == "description" else "organisation" if resolution in (
                "organisation", "spokesperson", "pronoun-organisation", "document"
            ) else "unknown"
            mentions = tuple(
                Span(m.start(), m.end())
                for m in re.finditer(r"(?<!\w)" + re.escape(q.speaker) + r"(?!\w)", self.masked)
            )
            table.append(CastMember(q.speaker, kind, None, (), mentions, spoke[q.speaker]))
        table.sort(key=lambda m: (-len(m.mentions), m.mentions[0].start if m.mentions else 0))
        return tuple(table)

    def _introduced(self, item: _Found) -> bool:
        """Is the quote the complement of its speech verb, set off after it by
        a comma, a colon or "que"/"that" (« X a déclaré, pendant la conférence,
        "great capacity is a must" »)? Then the words are the speaker's clause,
        not the tail of the reporter's noun phrase."""
        cue = item.cue
        first = item.segments[0]
        if cue is None or not cue.verb or first.open is None or cue.words.end > first.open:
            return False
        between = self.masked[cue.words.end : first.open]
        if MASK in between or re.search(r"[.!?;]", between) or len(tokenize(between)) > _VERB_REACH:
            return False
        tail = between.rstrip(_SPACES)
        last = tokenize(tail)[-1].lower if tokenize(tail) else ""
        if not (tail.endswith((",", ":")) or last in self.rules.complementisers):
            return False
        close = item.segments[-1].close
        after = tokenize(self.masked, close + 1, min(len(self.masked), close + 40)) if close is not None else []
        if after and after[0].start - close <= 2 and after[0].text[:1].islower():
            # "précisant qu'« un kit gratuit » existe déjà": the reporter's clause
            # goes on after the marks, the quote is only its subject
            return after[0].lower in self.rules.conjunctions
        return True

    def to_quote(self, item: _Found) -> Quote:
        parts = tuple(s.content for s in item.segments)
        first, last = item.segments[0], item.segments[-1]
        opener = first.opener or _OPENING.get(last.closer, last.closer)
        closer = last.closer or _CLOSING.get(opener, opener)
        indices = sorted(
            {self.sentence_of(p.start) for p in parts} | {self.sentence_of(p.end - 1) for p in parts}
        )
        speaker = item.speaker
        attribution = self.text[item.cue.words.start : item.cue.words.end] if item.cue and speaker else None
        evidence = f"{item.cue.kind or 'after'}/{speaker.kind}" if item.cue and speaker else None
        return Quote(
            text=" ".join(p.slice(self.text) for p in parts),
            parts=parts,
            speaker=speaker.name if speaker else None,
            role=speaker.role if speaker else None,
            confidence=calibration.probability(evidence) if evidence else 0.0,
            evidence=evidence,
            whole=whole_utterance(
                " ".join(p.slice(self.text) for p in parts), self.lang, introduced=self._introduced(item)
            ),
            attribution=attribution,
            sentence_indices=tuple(indices),
            marks=opener + closer,
        )


#: Closing mark of each opening mark, to report ``Quote.marks`` when a part
#: has no mark of its own (a quote continued from an earlier paragraph).
_CLOSING = {"«": "»", "“": "”", "„": "“", "‹": "›", '"': '"', "‘": "’", "‚": "‘", "「": "」", "『": "』"}
_OPENING = {close: open_ for open_, close in _CLOSING.items()}


def _word_count(words: list[Token]) -> int:
    """Words, counting a run of CJK characters (written without spaces) as one
    word per two characters."""
    return sum(max(1, len(w.text) // 2) if "\u3040" <= w.text[0] <= "\u9fff" else 1 for w in words)


def _words_within(short: str, long_: str) -> bool:
    """Are all words of ``short`` in ``long_`` ("ministre" in "ministre du Travail")?"""
    return {t.lower for t in tokenize(short)} <= {t.lower for t in tokenize(long_)}


def _strip_span(text: str, start: int, end: int, punctuation: bool = True) -> Span | None:
    """``[start, end)`` without surrounding space (and ``,;:`` with ``punctuation``)."""
    strip = ",;:" if punctuation else ""
    while start < end and (text[start].isspace() or text[start] in strip):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in strip):
        end -= 1
    return Span(start, end) if start < end else None


def _strip_determiner(phrase: str, rules: QuoteRules) -> str:
    """ "le chancelier allemand" -> "chancelier allemand", "l'Automobile club" -> "Automobile club"."""
    phrase = phrase.strip(_SPACES + ",")
    for det in sorted(rules.determiners, key=len, reverse=True):
        for sep in (" ", "’", "'"):
            if phrase.lower().startswith(det + sep) and len(phrase) > len(det) + 1:
                return phrase[len(det) + 1 :].strip()
    return phrase
