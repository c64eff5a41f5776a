"""Put the article's own words on the voice's clock.

A recogniser writes names as it hears them ("Olaf Scholz" may come out as
"OF COS"); captions must show the article's spelling. ``align_text`` takes
the text that was read (the article's words) and the recognised words with
their times, and gives every word of the text a start and an end:

* words of the text the recogniser also wrote (compared lower-case, without
  accents or punctuation, elisions split: ``l'OTAN`` = ``l`` + ``otan``) take
  the recognised word's times;
* a run of text words heard as other words (``Scholz`` / ``COS``) shares the
  time span of what was heard there, in proportion to their lengths;
* text words with nothing heard for them share the gap between their
  neighbours' times the same way.

So every text word is timed, in order, and no time is invented outside the
span the recogniser heard speech in. Pure functions, no I/O.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

from .models import Segment, Transcript, Word

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class AlignedWord:
    """A word of the text as written (``text``, at ``span`` in it), with its time in the voice.

    ``matched`` is True when the recogniser wrote this very word; otherwise
    its time is shared out from what was heard around it.
    """

    text: str
    span: tuple[int, int]
    start: float
    end: float
    matched: bool


def tokens(text: str) -> list[str]:
    """Comparison form: lower case, accents and punctuation dropped, split at apostrophes."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", text)


def _share(lengths: Sequence[int], start: float, end: float) -> list[tuple[float, float]]:
    """Split [start, end] into consecutive pieces proportional to ``lengths``."""
    total = sum(lengths) or 1
    out, t = [], start
    for n in lengths:
        nxt = t + (end - start) * n / total
        out.append((t, nxt))
        t = nxt
    return out


def align_text(text: str, words: Sequence[Word]) -> tuple[AlignedWord, ...]:
    """Every whitespace-separated word of ``text``, timed from the recognised ``words``."""
    ref_words = [(m.group(0), m.span()) for m in _WORD.finditer(text)]
    ref: list[tuple[int, str]] = []  # (index of the text word, token)
    for i, (w, _) in enumerate(ref_words):
        ref += [(i, tok) for tok in tokens(w)]
    hyp: list[tuple[int, str]] = []
    for j, w in enumerate(words):
        hyp += [(j, tok) for tok in tokens(w.text)]
    if not ref_words:
        return ()
    if not hyp:
        raise ValueError("no recognised words to align to")

    # time per text token: (start, end, matched)
    times: list[tuple[float, float, bool] | None] = [None] * len(ref)
    sm = difflib.SequenceMatcher(a=[t for _, t in ref], b=[t for _, t in hyp], autojunk=False)
    pending: list[tuple[int, int, int, int]] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                w = words[hyp[j1 + k][0]]
                times[i1 + k] = (w.start, w.end, True)
        elif op in ("replace", "delete"):
            pending.append((i1, i2, j1, j2))
    for i1, i2, j1, j2 in pending:
        lengths = [len(ref[i][1]) for i in range(i1, i2)]
        if j2 > j1:  # heard as other words: share their span
            span = (words[hyp[j1][0]].start, words[hyp[j2 - 1][0]].end)
        else:  # nothing heard: share the gap between the neighbours
            before = next((times[i][1] for i in range(i1 - 1, -1, -1) if times[i]), words[0].start)
            after = next((times[i][0] for i in range(i2, len(ref)) if times[i]), words[-1].end)
            span = (before, max(before, after))
        for i, (s, e) in zip(range(i1, i2), _share(lengths, *span)):
            times[i] = (s, e, False)

    out = []
    for i, (w, span) in enumerate(ref_words):
        own = [times[k] for k, (idx, _) in enumerate(ref) if idx == i]
        if not own:  # punctuation only (a dash, a guillemet): at its neighbour's time
            prev = out[-1].end if out else words[0].start
            out.append(AlignedWord(w, span, prev, prev, False))
            continue
        out.append(AlignedWord(w, span, own[0][0], own[-1][1], all(m for _, _, m in own)))
    return tuple(out)


#: A misheard run is replaced by the article's words only when the two are
#: about the same length (a name heard as two short words, say), at most this many article words.
MAX_SWAP_WORDS = 6
#: ... and only when they sound alike: the letters of the two runs (compared
#: without spaces) at least this similar (difflib ratio). "OF COS" / "Olaf
#: Scholz" is 0.53; a paraphrase read instead of the article's sentence is
#: well below, and keeps the words the voice said.
MIN_SWAP_SIMILARITY = 0.5
#: Article words the recogniser skipped between two matched stretches are put
#: back when there are at most this many.
MAX_GAP_WORDS = 2


@dataclass(frozen=True)
class SpokenWord:
    """A word of the voice as captions show it: ``text`` in the article's
    spelling where the article has it (``from_article``), else as heard."""

    text: str
    start: float
    end: float
    from_article: bool
    probability: float = 0.0  # the recogniser's, for a word it heard as such; 0 for words put in


def _letters(text: str) -> str:
    return "".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text.lower())))


def _same_word(heard: str, written: str) -> bool:
    """The same word, whatever its case and punctuation; accents may differ only
    in longer words (Zelensky / Zélensky), never in short ones (a / à, ou / où)."""
    return _letters(heard) == _letters(written) or len(_letters(written)) >= 4


def spell_as_article(article_text: str, words: Sequence[Word]) -> tuple[SpokenWord, ...]:
    """The recognised ``words`` in order, respelled as ``article_text`` writes them.

    Unlike :func:`align_text`, the voice leads: a voice-over reads some of the
    article, not all of it, so article passages nobody read are never timed.
    Matched words take the article's form (capitals, accents, punctuation:
    ``otan`` -> ``L’OTAN``); a short misheard run is replaced by the article
    words in the same place (``OF COS`` -> ``Olaf Scholz``), sharing its
    time, when the two sound alike (``MIN_SWAP_SIMILARITY``); words the recogniser dropped between matches (at most
    ``MAX_GAP_WORDS``) are put back in the gap; everything else stays as heard.
    """
    art = [(m.group(0)) for m in _WORD.finditer(article_text)]
    ref: list[tuple[int, str]] = []
    for i, w in enumerate(art):
        ref += [(i, tok) for tok in tokens(w)]
    hyp: list[tuple[int, str]] = []
    for j, w in enumerate(words):
        hyp += [(j, tok) for tok in tokens(w.text)]
    if not hyp:
        return ()
    sm = difflib.SequenceMatcher(a=[t for _, t in ref], b=[t for _, t in hyp], autojunk=False)
    out: list[SpokenWord] = []
    done_hyp = -1  # index of the last recognised word emitted
    ops = sm.get_opcodes()

    def heard(j1: int, j2: int) -> None:
        nonlocal done_hyp
        for j in sorted({hyp[k][0] for k in range(j1, j2)}):
            if j > done_hyp:
                w = words[j]
                out.append(SpokenWord(w.text, w.start, w.end, False, w.probability))
                done_hyp = j

    def article(i1: int, i2: int, start: float, end: float) -> None:
        idx = sorted({ref[k][0] for k in range(i1, i2)})
        for i, (s, e) in zip(idx, _share([len(art[i]) for i in idx], start, end)):
            if not out or out[-1].text != art[i] or out[-1].start != s:
                out.append(SpokenWord(art[i], s, e, True))

    def anchored(n: int) -> bool:
        """Between two stretches of at least two words heard as the article has them:
        a lone common word ("la", "a") matched somewhere in a long article is no anchor."""
        def solid(k: int) -> bool:
            return 0 <= k < len(ops) and ops[k][0] == "equal" and ops[k][2] - ops[k][1] >= 2
        return solid(n - 1) and solid(n + 1)

    for n, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            # a recognised word takes the article's form when it is that whole
            # word (l + air matching l + ukraine on "l" alone stays "l'air")
            pairs: dict[int, list[int]] = {}
            for k in range(i2 - i1):
                pairs.setdefault(hyp[j1 + k][0], []).append(ref[i1 + k][0])
            for j, arts in pairs.items():
                if j <= done_hyp:
                    continue
                w, i = words[j], arts[0]
                whole = (len(set(arts)) == 1 and len(arts) == len(tokens(w.text)) == len(tokens(art[i]))
                         and _same_word(w.text, art[i]))
                text = art[i] if whole else w.text
                starts = not out or out[-1].text[-1:] in ".!?…"
                if whole and starts and w.text[:1].isupper() and text[:1].islower():  # "Le" starting a sentence
                    text = text[0].upper() + text[1:]
                out.append(SpokenWord(text, w.start, w.end, whole, w.probability))
                done_hyp = j
        elif op == "insert":
            heard(j1, j2)
        elif op == "replace":
            n_art = len({ref[k][0] for k in range(i1, i2)})
            n_hyp = len({hyp[k][0] for k in range(j1, j2)})
            a, b = "".join(t for _, t in ref[i1:i2]), "".join(t for _, t in hyp[j1:j2])
            similar = max(difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio(),
                          difflib.SequenceMatcher(a=b, b=a, autojunk=False).ratio())
            if anchored(n) and n_art <= MAX_SWAP_WORDS and 0.5 <= n_art / n_hyp <= 2 and similar >= MIN_SWAP_SIMILARITY:
                first, last = words[hyp[j1][0]], words[hyp[j2 - 1][0]]
                done_hyp = max(done_hyp, hyp[j2 - 1][0])
                article(i1, i2, first.start, last.end)
            else:
                heard(j1, j2)
        elif op == "delete":
            n_art = len({ref[k][0] for k in range(i1, i2)})
            if anchored(n) and n_art <= MAX_GAP_WORDS and out:
                after = words[hyp[j1][0]].start if j1 < len(hyp) else out[-1].end
                article(i1, i2, out[-1].end, max(out[-1].end, after))
    return tuple(out)


def respell_transcript(transcript: Transcript, article_text: str) -> Transcript:
    """``transcript`` with its words spelled as ``article_text`` has them (see
    :func:`spell_as_article`), each in the segment its start falls in."""
    spoken = spell_as_article(article_text, transcript.words)
    segments = []
    k = 0
    for n, seg in enumerate(transcript.segments):
        last = n == len(transcript.segments) - 1
        mine = []
        while k < len(spoken) and (last or spoken[k].start < transcript.segments[n + 1].start):
            w = spoken[k]
            mine.append(Word(w.text, w.start, w.end, w.probability))
            k += 1
        segments.append(Segment(" ".join(w.text for w in mine), seg.start, seg.end, tuple(mine)))
    return Transcript(transcript.language, transcript.duration, tuple(segments), transcript.engine, transcript.model)
