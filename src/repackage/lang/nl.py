"""Dutch: dates and names only so far (quotes are found by their marks but not
attributed). Add ``RULES = QuoteRules(...)`` as in ``fr.py`` to attribute quotes."""

from __future__ import annotations

RULES = None
TITLE_ABBREVIATIONS: frozenset[str] = frozenset()
SENTENCE_STARTERS: frozenset[str] = frozenset()

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
NAME_PARTICLES = frozenset("van de der den ter".split())
