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

from .models import Word

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
