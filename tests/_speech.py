"""Helpers for the speech tests: fixtures on disk, their truth, and scoring."""

from __future__ import annotations

import difflib
import json
import re
import statistics
import unicodedata
from pathlib import Path

SPEECH_DATA = Path(__file__).resolve().parent / "data" / "speech"


def truth(name: str) -> dict:
    """The true text and word timings of a fixture (``narration-fr``, ``narration-en``)."""
    return json.loads((SPEECH_DATA / f"{name}.words.json").read_text(encoding="utf-8"))


def tokens(text: str) -> list[str]:
    """Lower-case words without accents or punctuation; elisions split (l'OTAN -> l, otan)."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", text)


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate: word-level edit distance over the reference's length."""
    ref, hyp = tokens(reference), tokens(hypothesis)
    row = list(range(len(hyp) + 1))
    for i in range(1, len(ref) + 1):
        prev, row[0] = row[0], i
        for j in range(1, len(hyp) + 1):
            cur = min(row[j] + 1, row[j - 1] + 1, prev + (ref[i - 1] != hyp[j - 1]))
            prev, row[j] = row[j], cur
    return row[len(hyp)] / len(ref)


def start_errors(true_words: list[dict], words) -> list[tuple[float, float]]:
    """(true start, recognised start) of every word recognised exactly, matched in order.

    A true word like ``l'envoi`` is several tokens; its start is its first
    token's. Recognised words are split the same way.
    """
    ref: list[tuple[str, float]] = []
    for w in true_words:
        for k, tok in enumerate(tokens(w["word"])):
            ref.append((tok, w["start"] if k == 0 else None))
    hyp: list[tuple[str, float]] = []
    for w in words:
        for k, tok in enumerate(tokens(w.text)):
            hyp.append((tok, w.start if k == 0 else None))
    sm = difflib.SequenceMatcher(a=[t for t, _ in ref], b=[t for t, _ in hyp], autojunk=False)
    pairs = []
    for block in sm.get_matching_blocks():
        for k in range(block.size):
            r, h = ref[block.a + k][1], hyp[block.b + k][1]
            if r is not None and h is not None:
                pairs.append((r, h))
    return pairs


def median_abs_error(pairs: list[tuple[float, float]]) -> float:
    return statistics.median(abs(r - h) for r, h in pairs)
