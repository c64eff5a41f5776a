"""Spanish: sentence splitting only so far (quotes are found by their marks
but not attributed). Add ``RULES = QuoteRules(...)`` as in ``fr.py`` to
attribute quotes in Spanish."""

from __future__ import annotations

RULES = None

TITLE_ABBREVIATIONS = frozenset(
    "Sr Sra Srta Sres Dr Dra Ud Uds Lic Ing Prof Av Gral Sto Sta pág cf aprox".split()
)

SENTENCE_STARTERS = frozenset(
    "El La Los Las Un Una Unos Unas Él Ella Ellos Pero Y En Con Por Para Según Sin Este Esta Estos Ese Esa Además También".split()
)

MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre")
MONTH_ABBREVIATIONS = (("ene", "", "", "", "", "", "", "", "", "", "", ""),)
NAME_PARTICLES = frozenset("de del".split())
