"""Credit lines -> ``Credits(source, photographer, agency, raw)``.

Recognised shapes (French and English, any case)::

    Crédit : Le Devoir / Photo Kenzo Tribouillard AFP
    Photo : Kenzo Tribouillard/AFP        Photo: Jane Roe / Reuters
    Crédit photo : Jane Roe / Reuters     Credit: Jane Roe/AP
    Source : Le Monde                     © Jane Roe / Getty Images
    (AFP)

A credit is cut into segments at ``/``, ``|`` and ``;``. A segment introduced
by "Photo" (or a photo-only line) names the photographer, and an agency from
:data:`AGENCIES` written before or after the name is split off. In a generic
"Crédit :" line, a person-looking name next to an agency is a photographer;
any other segment is the source (the outlet the story comes from). A bare
agency line such as ``(AFP)`` credits the text, so it is the source.
"""

from __future__ import annotations

import re

from ..models import Credits
from repackage.lang import NAME_PARTICLES

#: Photo and news agencies, as usually written. Matching ignores case.
AGENCIES: tuple[str, ...] = (
    "AFP", "Agence France-Presse", "Reuters", "AP", "Associated Press", "Getty Images", "Getty",
    "EPA", "EPA-EFE", "EFE", "ANSA", "dpa", "Belga", "Keystone", "Keystone-ATS", "ATS", "Sipa",
    "Sipa Press", "Sipa USA", "Abaca", "Abacapress", "Hans Lucas", "MaxPPP", "Bloomberg", "Xinhua",
    "Anadolu", "Anadolu Agency", "AAP", "PA", "PA Images", "PA Wire", "Shutterstock", "Alamy",
    "NurPhoto", "ZUMA", "ZUMA Press", "Kyodo", "Yonhap", "TASS", "RIA Novosti", "Sputnik", "ANP",
    "Europa Press", "Lusa", "APA", "CTK", "PAP", "TT", "NTB", "Ritzau", "Scanpix", "Imago",
    "picture alliance", "IP3", "Starface", "Canadian Press", "La Presse Canadienne", "CP",
    "Magnum Photos", "Le Pictorium", "SOPA Images", "LightRocket", "Polaris",
    "Redux", "Xinhua News Agency", "WENN",
)
_AGENCY_KEYS = {a.lower(): a for a in AGENCIES}
#: Short all-caps agency names are only agencies when written in capitals ("AP", not "ap").
_CASE_SENSITIVE = frozenset({"ap", "pa", "cp", "tt", "ats", "apa", "anp"})

_PHOTO_WORD = r"(?:photos?|photographie|photograph|photo d[’']illustration|image|illustration|bild|foto|fotograf[íi]a)"
_CREDIT_WORD = r"(?:cr[ée]dits?|credits?)"
_SOURCE_WORD = r"(?:sources?|quelle|fuente|fonte|bron)"

_PHOTO_LINE = re.compile(rf"^(?:{_CREDIT_WORD}\s+)?{_PHOTO_WORD}(?:\s+{_CREDIT_WORD})?\s*(?::|–|—|-)\s*(?P<rest>.+)$", re.I)
_PHOTO_NOCOLON = re.compile(rf"^{_PHOTO_WORD}\s+(?P<rest>.+)$", re.I)
_CREDIT_LINE = re.compile(rf"^{_CREDIT_WORD}\s*(?::|–|—|-)\s*(?P<rest>.+)$", re.I)
_SOURCE_LINE = re.compile(rf"^{_SOURCE_WORD}\s*:\s*(?P<rest>.+)$", re.I)
_COPYRIGHT_LINE = re.compile(r"^(?:©|\(c\)|copyright\b)\s*(?:\d{4}\s*)?(?P<rest>.+?)(?:\s+\d{4})?$", re.I)
_BARE_AGENCY = re.compile(r"^[(\[]?\s*(?P<rest>[^()\[\]]{2,40}?)\s*[)\]]?\.?$")
_LICENCE = re.compile(r"\s*\((?:CC[\s-][^)]*|licen[cs]e[^)]*|domaine public|public domain)\)\s*$", re.I)

#: Longest credit line we consider; longer lines are prose.
MAX_CREDIT_CHARS = 160
#: Longest segment ("Le Devoir", "Photo Kenzo Tribouillard AFP") of a credit.
_MAX_SEGMENT_CHARS = 80


def _agency_key(text: str) -> str | None:
    """Canonical agency name if ``text`` is one, else None."""
    key = text.strip(" .,").lower()
    if key not in _AGENCY_KEYS:
        return None
    if key in _CASE_SENSITIVE and not text.strip(" .,").isupper():
        return None
    return text.strip(" .,")


def _split_agency(segment: str) -> tuple[str, str | None]:
    """"Kenzo Tribouillard AFP" -> ("Kenzo Tribouillard", "AFP"); agency first works too."""
    styled = re.fullmatch(r"(?P<agency>.+?)\s+photos?", segment, re.I)  # AP style: "AP Photo"
    if styled and _agency_key(styled["agency"]):
        return "", _agency_key(styled["agency"])
    words = segment.split()
    for n in range(min(3, len(words)), 0, -1):
        tail = " ".join(words[-n:])
        agency = _agency_key(tail)
        if agency:
            return " ".join(words[:-n]).strip(" ,-–—()"), agency
        head = " ".join(words[:n])
        agency = _agency_key(head)
        if agency and n < len(words):
            return " ".join(words[n:]).strip(" ,-–—()"), agency
    inner = re.fullmatch(r"(?P<name>.+?)\s*\((?P<agency>[^)]+)\)", segment)
    if inner and _agency_key(inner["agency"]):
        return inner["name"].strip(), _agency_key(inner["agency"])
    return segment.strip(), None


_NAME_PARTICLES = NAME_PARTICLES
_OUTLET_STARTS = frozenset("le la les l the el il lo der die das de het".split())


def looks_like_person(text: str) -> bool:
    """Two to five capitalised words, particles allowed, not starting with an article."""
    words = re.split(r"\s+", text.strip())
    if not 2 <= len(words) <= 5:
        return False
    if re.split(r"[’']", words[0].lower())[0] in _OUTLET_STARTS:
        return False
    capitalised = 0
    for word in words:
        if word.lower() in _NAME_PARTICLES:
            continue
        if not re.fullmatch(r"[^\W\d_][\w’'.-]*", word) or not word[0].isupper():
            return False
        capitalised += 1
    return capitalised >= 2


def _segments(text: str) -> list[str]:
    text = _LICENCE.sub("", text.strip().rstrip("."))
    return [s.strip(" ,") for s in re.split(r"\s*[/|;]\s*", text) if s.strip(" ,")]


def photo_credit(text: str) -> tuple[str | None, str | None]:
    """Photographer and agency of a photo credit ("Jane Roe / Reuters", "Jane Roe AFP")."""
    people, agencies = [], []
    for segment in _segments(text):
        name, agency = _split_agency(segment)
        if agency:
            agencies.append(agency)
        if name:
            people.append(name)
    return (" / ".join(people) or None), (" / ".join(agencies) or None)


def _generic_credit(text: str) -> Credits:
    """A "Crédit :" line: segments are a source, a photo part, a photographer or an agency."""
    source = photographer = agency = None
    segments = _segments(text)
    for i, segment in enumerate(segments):
        photo = _PHOTO_NOCOLON.match(segment) or _PHOTO_LINE.match(segment)
        if photo:
            p, a = photo_credit(photo["rest"])
            photographer, agency = photographer or p, agency or a
            continue
        name, found_agency = _split_agency(segment)
        neighbours = segments[max(i - 1, 0) : i] + segments[i + 1 : i + 2]
        if found_agency and not name:
            agency = agency or found_agency
        elif found_agency and looks_like_person(name):
            photographer, agency = photographer or name, agency or found_agency
        elif looks_like_person(segment) and any(_agency_key(n) for n in neighbours):
            photographer = photographer or segment
        else:
            source = source or segment
    return Credits(source=source, photographer=photographer, agency=agency)


def parse_credit_line(line: str) -> Credits | None:
    """Credits of one line, or None when the line is not a credit line.

    ``raw`` holds the line as written.
    """
    text = line.strip()
    if not text or len(text) > MAX_CREDIT_CHARS:
        return None
    parsed = _parse(text)
    if parsed is None or parsed.is_empty():
        return None
    return Credits(parsed.source, parsed.photographer, parsed.agency, raw=(text,))


def _parse(text: str) -> Credits | None:
    if m := _PHOTO_LINE.match(text):
        return _photo_line(m["rest"])
    if (m := _PHOTO_NOCOLON.match(text)) and (credits := _photo_line(m["rest"])) and credits.agency:
        return credits
    if m := (_CREDIT_LINE.match(text) or _COPYRIGHT_LINE.match(text)):
        if any(len(s) > _MAX_SEGMENT_CHARS for s in _segments(m["rest"])):
            return None
        return _generic_credit(m["rest"])
    if m := _SOURCE_LINE.match(text):
        segments = _segments(m["rest"])
        if any(len(s) > _MAX_SEGMENT_CHARS for s in segments):
            return None
        return Credits(source=" / ".join(segments) or None)
    if (m := _BARE_AGENCY.match(text)) and _agency_key(m["rest"]):
        return Credits(source=_agency_key(m["rest"]))
    return _name_and_agency(text)


def _photo_line(rest: str) -> Credits | None:
    """"Photo : X/AFP"; a caption ("Photo : le président à Kyiv") is not a credit."""
    photographer, agency = photo_credit(rest)
    if agency or (photographer and looks_like_person(photographer)):
        return Credits(photographer=photographer, agency=agency)
    return None


def _name_and_agency(text: str) -> Credits | None:
    """A keyword-less photo credit under a picture: "Kenzo Tribouillard / AFP"."""
    segments = _segments(text)
    if len(segments) != 2:
        return None
    for name, other in (segments, segments[::-1]):
        if looks_like_person(name) and _agency_key(other):
            return Credits(photographer=name, agency=_agency_key(other))
    return None


def merge_credits(found: list[Credits]) -> Credits:
    """One Credits from several lines: the first value of each field wins."""
    source = next((c.source for c in found if c.source), None)
    photographer = next((c.photographer for c in found if c.photographer), None)
    agency = next((c.agency for c in found if c.agency), None)
    raw = tuple(r for c in found for r in c.raw)
    return Credits(source=source, photographer=photographer, agency=agency, raw=raw)
