"""Italian: sentence splitting only so far (quotes are found by their marks
but not attributed). Add ``RULES = QuoteRules(...)`` as in ``fr.py`` to
attribute quotes in Italian."""

from __future__ import annotations

RULES = None

TITLE_ABBREVIATIONS = frozenset(
    "Sig Sigg Dott Prof Ing Avv Sen On Gen Mons pag cf ecc".split()
)

SENTENCE_STARTERS = None

MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
          "ottobre", "novembre", "dicembre")
MONTH_ABBREVIATIONS = (("gen", "", "", "", "", "", "", "", "", "", "", ""),)
NAME_PARTICLES = frozenset("di de del della da".split())
