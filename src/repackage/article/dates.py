"""Dates as newsrooms write them -> ISO ``YYYY-MM-DD``.

Understands ISO 8601 (``2024-02-26``, ``2024-02-26T10:00:00Z``), numeric
dates (``26/02/2024``, ``26.02.2024``) and written dates with month names in
French, English, German, Spanish, Italian, Portuguese and Dutch, with or
without a weekday (``lundi 26 février 2024``, ``Monday, July 28, 2014``,
``1er mars 2024``, ``26. Februar 2024``, ``26 de febrero de 2024``).

Numeric dates are read day first (``03/04/2024`` is 3 April), except in
English articles where the US order is the convention of the sources we
read; an impossible reading (month 13) settles the order either way.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from repackage.lang import MONTH_NUMBERS

#: Month names and abbreviations of every language known here (repackage.lang).
_MONTHS: dict[str, int] = MONTH_NUMBERS

_WEEKDAYS = frozenset(
    """lundi mardi mercredi jeudi vendredi samedi dimanche
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    lunes martes miércoles miercoles jueves viernes sábado sabado domingo
    lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi sabato domenica
    segunda terça terca quarta quinta sexta feira
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag""".split()
)

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted((re.escape(w) for w in _WEEKDAYS), key=len, reverse=True))
_WEEKDAY_PREFIX = rf"(?:(?:{_WEEKDAY_ALT})(?:-feira)?\.?,?\s+)?"

_ISO_RE = re.compile(
    r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
)
_NUMERIC_RE = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})(?![\d/])")
_DAY_MONTH_RE = re.compile(
    rf"{_WEEKDAY_PREFIX}(?:le\s+)?(?P<d>\d{{1,2}})(?:er|ᵉʳ|e|st|nd|rd|th|º|\.)?\s+(?:de\s+)?"
    rf"(?P<mon>{_MONTH_ALT})\.?,?\s+(?:de\s+)?(?P<y>\d{{4}})\b",
    re.IGNORECASE,
)
_MONTH_DAY_RE = re.compile(
    rf"{_WEEKDAY_PREFIX}(?P<mon>{_MONTH_ALT})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a line: ISO value and where it was written."""

    iso: str
    start: int
    end: int


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric_iso(a: int, b: int, year: int, lang: str | None) -> str | None:
    """Day/month order of ``a/b/year``: impossible readings decide, then ``lang``."""
    if a > 12:
        return _iso(year, b, a)
    if b > 12:
        return _iso(year, a, b)
    return _iso(year, a, b) if lang == "en" else _iso(year, b, a)


def _matches(text: str, lang: str | None) -> list[DateMatch]:
    found: list[DateMatch] = []
    for m in _ISO_RE.finditer(text):
        iso = _iso(int(m["y"]), int(m["m"]), int(m["d"]))
        if iso:
            found.append(DateMatch(iso, m.start(), m.end()))
    for m in _NUMERIC_RE.finditer(text):
        iso = _numeric_iso(int(m["a"]), int(m["b"]), int(m["y"]), lang)
        if iso:
            found.append(DateMatch(iso, m.start(), m.end()))
    for regex in (_DAY_MONTH_RE, _MONTH_DAY_RE):
        for m in regex.finditer(text):
            iso = _iso(int(m["y"]), _MONTHS[m["mon"].lower()], int(m["d"]))
            if iso:
                found.append(DateMatch(iso, m.start(), m.end()))
    return _without_overlaps(found)


def _without_overlaps(found: list[DateMatch]) -> list[DateMatch]:
    """Keep the longest of overlapping matches, in text order."""
    kept: list[DateMatch] = []
    for match in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and match.start < kept[-1].end:
            continue
        kept.append(match)
    return kept


def is_calendar_word(word: str) -> bool:
    """A weekday or month name ("Monday", "mars")."""
    folded = word.lower().rstrip(".")
    return folded in _WEEKDAYS or folded in _MONTHS


def parse_date(text: str, lang: str | None = None) -> str | None:
    """ISO date of the first date written in ``text``, or None."""
    found = _matches(text, lang)
    return found[0].iso if found else None


# Words that may surround a date on a dateline without making it a sentence.
_DATELINE_FILLER = re.compile(
    r"\b(?:publié|publiée|publie|mis à jour|mise à jour|modifié|actualisé|le|à|a|h|"
    r"published|updated|posted|last|on|at|am|pm|"
    r"veröffentlicht|aktualisiert|am|um|uhr|publicado|actualizado|el|pubblicato|aggiornato|"
    r"il|alle|ore|gepubliceerd|bijgewerkt|op|om|"
    r"utc|gmt|cet|cest|est|edt|pst|pdt|bst|heure|heures)\b",
    re.IGNORECASE,
)
_TIME_RE = re.compile(r"\b\d{1,2}\s?(?:[:h.]\s?\d{2}|h)\b(?:\s?(?:am|pm))?", re.IGNORECASE)


def dateline(text: str, lang: str | None = None) -> DateMatch | None:
    """The date of a line that is only a date (with weekday, time, "Publié le" ...).

    ``"lundi 26 février 2024"`` and ``"Publié le 26/02/2024 à 10h30"`` are
    datelines; ``"Ce lundi 26 février 2024, le président ..."`` is a sentence.
    """
    if len(text) > 120:
        return None
    found = _matches(text, lang)
    if not found:
        return None
    rest = text
    for match in reversed(found):
        rest = rest[: match.start] + " " + rest[match.end :]
    rest = _TIME_RE.sub(" ", rest)
    rest = _DATELINE_FILLER.sub(" ", rest)
    rest = re.sub(rf"\b(?:{_WEEKDAY_ALT})\b", " ", rest, flags=re.IGNORECASE)
    letters = sum(ch.isalpha() for ch in rest)
    return found[0] if letters <= 3 else None
