"""German: sentence splitting only so far (quotes are found by their marks
but not attributed). Add ``RULES = QuoteRules(...)`` as in ``fr.py`` to
attribute quotes in German."""

from __future__ import annotations

RULES = None

TITLE_ABBREVIATIONS = frozenset(
    "Dr Prof Hr Hrn Fr Frl St bzw ca vgl usw sog ggf evtl inkl zzgl Str Abs Bd Jh geb gest Mio Mrd".split()
)

SENTENCE_STARTERS = frozenset(
    "Der Die Das Den Dem Des Er Sie Es Ich Wir Ihr Man Aber Und Doch Dann Auch Ein Eine Einer Dieser Diese Dieses Im In Am Nach Vor Bei Mit Seit".split()
)

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
MONTH_ABBREVIATIONS = (("", "", "Maerz", "", "", "", "", "", "", "", "", ""),)
NAME_PARTICLES = frozenset("von zu der den".split())
