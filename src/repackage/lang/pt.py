"""Portuguese: dates and names only so far (quotes are found by their marks but not
attributed). Add ``RULES = QuoteRules(...)`` as in ``fr.py`` to attribute quotes."""

from __future__ import annotations

RULES = None
TITLE_ABBREVIATIONS: frozenset[str] = frozenset()
SENTENCE_STARTERS: frozenset[str] = frozenset()

MONTHS = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
          "outubro", "novembro", "dezembro")
MONTH_ABBREVIATIONS = (("", "", "marco", "", "", "", "", "", "", "", "", ""),)
NAME_PARTICLES = frozenset("de da do dos das".split())
