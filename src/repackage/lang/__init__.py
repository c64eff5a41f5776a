"""Everything language-specific, one module per language (as spaCy's ``lang/``).

It sits below every stage (article readers, editorial, planning read it) and
imports nothing from them. ``fr.py`` and ``en.py`` hold what the code knows
of French and English: speech verbs by lemma (their forms are generated), role nouns,
titles, name particles, months and days, determiners and prepositions,
sentence-splitting abbreviations. ``de.py``, ``es.py`` and ``it.py`` hold
sentence splitting only. Adding a language means adding a module here and
naming it in ``_MODULES``: no code elsewhere changes. Unknown languages get
empty rules: quotes are found by their marks but never attributed.
"""

from __future__ import annotations

from types import ModuleType

from . import de, en, es, fr, it, nl, pt
from .base import QuoteRules, english_forms, forms, french_forms

__all__ = [
    "ELISIONS",
    "TITLES",
    "QuoteRules",
    "english_forms",
    "forms",
    "french_forms",
    "number_abbreviations",
    "quote_rules",
    "sentence_starters",
    "speech_without_object",
    "title_abbreviations",
]

_MODULES: dict[str, ModuleType] = {"fr": fr, "en": en, "de": de, "es": es, "it": it, "pt": pt, "nl": nl}

#: Titles before a name, with the gender they imply ("" = unknown).
TITLES: dict[str, str] = {
    "M.": "m",
    "MM.": "m",
    "Mme": "f",
    "Mme.": "f",
    "Mmes": "f",
    "Mlle": "f",
    "Me": "",
    "Mr.": "m",
    "Mr": "m",
    "Mrs.": "f",
    "Mrs": "f",
    "Ms.": "f",
    "Ms": "f",
    "Miss": "f",
    "Dr.": "",
    "Dr": "",
    "Pr.": "",
    "Pr": "",
    "Prof.": "",
    "Sir": "m",
    "Dame": "f",
    "Lord": "m",
    "Lady": "f",
    "Herr": "m",
    "Frau": "f",
    "Sr.": "m",
    "Sra.": "f",
}

#: Lower-case particles inside people's names, whatever the article's
#: language: "Ludwig van Beethoven", "Mohammed bin Salman", "Jean de La
#: Fontaine". Each language module lists its own; this is their union, the
#: one list the code reads. Articles and conjunctions ("la", "le", "y") are
#: left out: "Debout la France" is a party, "Macron y a répondu" no name.
NAME_PARTICLES: frozenset[str] = frozenset()  # filled below from the modules

#: Lower-case words that may link the capitalised words of one name of a
#: thing or an organisation ("University of Sheffield", "Observatoire de Paris").
NAME_LINKS: frozenset[str] = frozenset()  # filled below

#: Elided French words glued to the next word by an apostrophe ("d’Emmanuel").
ELISIONS = frozenset("l d j m n s t c qu jusqu lorsqu puisqu quoiqu".split())

#: Abbreviations that do not end a sentence only when a number follows
#: ("No. 5", "p. 12", "Jan. 26"); before a capitalised word they may.
_NUMBER_ABBREVIATIONS: frozenset[str] = frozenset(
    "No Nos no nos Nr nr n° N° nº p pp Vol vol Fig fig Art art Ch ch Sect sect "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "janv févr avr juil sept oct nov déc".split()
)

_EMPTY = QuoteRules()

NAME_PARTICLES = frozenset().union(*(getattr(m, "NAME_PARTICLES", frozenset()) for m in _MODULES.values()))
NAME_LINKS = NAME_PARTICLES | frozenset().union(*(getattr(m, "NAME_LINKS", frozenset()) for m in _MODULES.values()))

#: Month name or abbreviation (lower case) -> month number, in every language
#: known here: dates are read whatever the article's language.
MONTH_NUMBERS: dict[str, int] = {
    name.lower(): number
    for module in _MODULES.values()
    for names in (getattr(module, "MONTHS", ()), *getattr(module, "MONTH_ABBREVIATIONS", ()))
    for number, name in enumerate(names, start=1)
    if name
}


def months(lang: str) -> tuple[str, ...]:
    """The twelve month names of ``lang`` as written in running text
    ("janvier", "January"); English for a language not known here."""
    module = _MODULES.get(_base(lang))
    return tuple(getattr(module, "MONTHS", ()) or en.MONTHS)


def days(lang: str) -> tuple[str, ...]:
    """The seven day names of ``lang``, Monday first; English when unknown."""
    module = _MODULES.get(_base(lang))
    return tuple(getattr(module, "DAYS", ()) or en.DAYS)


def quote_rules(lang: str) -> QuoteRules:
    """Quote rules for ``lang`` (``"fr-CA"`` -> ``"fr"``); empty rules if unknown."""
    module = _MODULES.get(_base(lang))
    return (module.RULES if module is not None else None) or _EMPTY


def title_abbreviations(lang: str) -> frozenset[str]:
    """Abbreviations never ending a sentence: those of ``lang`` plus English/French ones
    (articles quote foreign names and titles)."""
    module = _MODULES.get(_base(lang))
    own = module.TITLE_ABBREVIATIONS if module is not None else frozenset()
    return own | en.TITLE_ABBREVIATIONS | fr.TITLE_ABBREVIATIONS


def speech_without_object(lang: str) -> frozenset[str]:
    """Forms of the speech verbs of ``lang`` that need no object ("a réagi", "responded")."""
    module = _MODULES.get(_base(lang))
    return getattr(module, "SPEECH_WITHOUT_OBJECT", frozenset())


def number_abbreviations() -> frozenset[str]:
    """Abbreviations that do not end a sentence when a number follows."""
    return _NUMBER_ABBREVIATIONS


def sentence_starters(lang: str) -> frozenset[str]:
    """Frequent sentence-opening words of ``lang`` (English if unknown)."""
    module = _MODULES.get(_base(lang))
    own = module.SENTENCE_STARTERS if module is not None else None
    return own or en.SENTENCE_STARTERS


def _base(lang: str) -> str:
    return (lang or "und").split("-")[0].split("_")[0].lower()
