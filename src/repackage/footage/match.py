"""Where in a transcript is a quote spoken? Fuzzy matching on normalised words.

A recogniser rarely writes a quote as the article does: names come out as
heard, robot or accented speech loses words ("Rien ne doit être exclu" heard
as "Il y a une droite exclue"), numbers come as digits or as words. So both
sides are brought to the same form first (:func:`words_of`): lower case,
accents and punctuation dropped, elisions and hyphens split (``qu’il`` ->
``qu`` + ``il``), digits spelled out in the language (``2024`` -> ``deux
mille vingt quatre``, with num2words when installed).

Then the quote's words are aligned with the transcript's (a Smith-Waterman
style alignment: the whole quote against any stretch of the transcript):
two words pair when they are the same, or alike enough to be the same word
misheard (``exclu``/``exclue``: letter similarity at least ``FUZZY``);
quote words not heard and heard words not in the quote cost the same.

The **score** of the best stretch is a Dice ratio over words: twice the
paired words (a fuzzy pair counts its similarity) over the quote's words
plus the heard words in the stretch. 1.0 is every word heard as written and
nothing else said in between; a quote that is not in the footage scores
what stray common words happen to pair (0.11-0.17 on our tests).
A quote is *found* only at ``FOUND_SCORE`` or more (calibrated on the test
footage, see the README), else it is listed as not found and never cut.

Pure functions, no I/O.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

from ..speech.models import Word

#: Two words pair as one misheard when their letters are at least this similar (difflib ratio).
FUZZY = 0.75
#: Alignment rewards and costs (a pair earns its similarity).
MISMATCH = -0.5
GAP = -0.5
#: A quote counts as found in the footage at this score or more. Measured on
#: the test footage (espeak-ng French that Whisper base hears with about half
#: its words wrong, both engines): the spoken Macron quote scores 0.72-0.76,
#: the article's two quotes that are not spoken 0.11-0.17, and 40 minutes of
#: random words drawn from the article itself at most 0.35. Clearer speech
#: scores higher when present; the threshold sits well above what unrelated
#: speech reaches and well below a quote heard with a third of its words wrong.
FOUND_SCORE = 0.45


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote is spoken, or that it is not.

    ``score`` is the Dice ratio of the best stretch (0..1, see the module
    doc), ``found`` whether it reaches ``FOUND_SCORE``. For a found quote,
    ``first``/``last`` index the transcript's words (inclusive) of the
    stretch, ``start``/``end`` are their times, ``pairs`` the (quote word
    index, transcript word index) pairs, and ``heard`` what the recogniser
    wrote there.
    """

    score: float
    found: bool
    first: int | None = None
    last: int | None = None
    start: float | None = None
    end: float | None = None
    pairs: tuple[tuple[int, int], ...] = ()
    heard: str = ""


# --------------------------------------------------------------------------- normalising


def _spell_number(digits: str, lang: str | None) -> str:
    try:
        from num2words import num2words
    except ImportError:  # without num2words, digits only match digits
        return digits
    try:
        return num2words(int(digits), lang=(lang or "en")[:2])
    except (NotImplementedError, ValueError, OverflowError):
        try:
            return num2words(int(digits), lang="en")
        except (ValueError, OverflowError):
            return digits


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


_NUMBER = re.compile(r"\d+(?:[  .,]\d{3})*")


def words_of(text: str, lang: str | None = None) -> list[str]:
    """``text`` as comparison words: folded, split at apostrophes and hyphens, numbers spelled out."""
    folded = _fold(text)
    folded = _NUMBER.sub(lambda m: " " + _fold(_spell_number(re.sub(r"\D", "", m.group(0)), lang)) + " ", folded)
    folded = folded.replace("œ", "oe").replace("æ", "ae")
    return re.findall(r"[^\W_]+", folded)


@functools.lru_cache(maxsize=1 << 16)
def similarity(a: str, b: str) -> float:
    """1.0 for the same word, the letters' similarity when at least ``FUZZY``, else 0."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if min(la, lb) < 3 or 2 * min(la, lb) / (la + lb) < FUZZY:  # short words are the same or not; the ratio's bound
        return 0.0
    ratio = difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()
    return ratio if ratio >= FUZZY else 0.0


# --------------------------------------------------------------------------- matching


def find_quote(quote: str, words: Sequence[Word], lang: str | None = None) -> QuoteMatch:
    """The stretch of ``words`` (a transcript's, in order) where ``quote`` is spoken, scored."""
    q = words_of(quote, lang)
    t: list[tuple[int, str]] = [(j, tok) for j, w in enumerate(words) for tok in words_of(w.text, lang)]
    if not q or not t:
        return QuoteMatch(0.0, False)
    n, m = len(q), len(t)
    # S[i][j]: best score aligning q[:i] with a stretch of t ending at j; the
    # stretch may start anywhere (row 0 is all zeros), the quote is whole.
    neg = float("-inf")
    S = [[0.0] * (m + 1)] + [[neg] * (m + 1) for _ in range(n)]
    back = [[0] * (m + 1) for _ in range(n + 1)]  # 1 diagonal, 2 up (quote word not heard), 3 left (extra heard word)
    sims: dict[tuple[int, int], float] = {}
    for i in range(1, n + 1):
        S[i][0] = S[i - 1][0] + GAP
        back[i][0] = 2
        qi = q[i - 1]
        row, prev = S[i], S[i - 1]
        for j in range(1, m + 1):
            s = similarity(qi, t[j - 1][1])
            if s:
                sims[(i - 1, j - 1)] = s
            best, how = prev[j - 1] + (s if s else MISMATCH), 1
            up = prev[j] + GAP
            if up > best:
                best, how = up, 2
            left = row[j - 1] + GAP
            if left > best:
                best, how = left, 3
            row[j], back[i][j] = best, how
    end = max(range(m + 1), key=lambda j: S[n][j])
    # trace back
    i, j = n, end
    pairs: list[tuple[int, int]] = []
    touched: list[int] = []  # transcript tokens inside the stretch
    while i > 0:
        how = back[i][j]
        if how == 1:
            if (i - 1, j - 1) in sims:
                pairs.append((i - 1, j - 1))
            touched.append(j - 1)
            i, j = i - 1, j - 1
        elif how == 2:
            i -= 1
        else:
            touched.append(j - 1)
            j -= 1
    pairs.reverse()
    if not pairs:
        return QuoteMatch(0.0, False)
    lo, hi = min(touched), max(touched)
    paired = sum(sims[p] for p in pairs)
    score = round(2 * paired / (n + hi - lo + 1), 3)
    first, last = t[lo][0], t[hi][0]
    return QuoteMatch(
        score=score, found=score >= FOUND_SCORE, first=first, last=last,
        start=words[first].start, end=words[last].end,
        pairs=tuple((a, t[b][0]) for a, b in pairs),
        heard=" ".join(w.text for w in words[first:last + 1]),
    )
