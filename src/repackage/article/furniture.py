"""Page furniture: lines a web page or a CMS export adds around a story.

Each test looks at one line (or a paragraph's last sentence) and says what it
is; :mod:`repackage.article.assemble` decides what to do with it. Patterns
cover French and English first, with the usual German, Spanish, Italian,
Portuguese and Dutch wording where it is cheap to add.

- **Calls to action** ("Retrouvez l’actualité sur notre compte TikTok",
  "Suivez-nous sur Instagram", "Abonnez-vous ...", "Follow us on ...",
  "Subscribe ...", "Sign up for our newsletter") -> ``"call-to-action"``.
- **Read-also links** ("Lire aussi : ...", "À lire aussi", "Read more:",
  "Related:") -> ``"read-also"``.
- **Furniture** ("Advertisement", "Publicité", "Partager", a lone "---")
  -> ``"furniture"``.
- **Teasers**: clickbait phrasing ("; la raison", "voici pourquoi", "ce qu’il
  faut savoir", "you won’t believe", "here’s why"). Whether a header line is a
  teaser or a standfirst is decided in ``assemble`` from these signals.
- **Bylines** ("Par Jean Dupont", "By Jane Doe and John Roe, Reuters", "By Jane
  Doe | Reuters", "Par Jean Dupont (AFP)", "By Jane Doe, February 12, 2024",
  "Par Jean Dupont, le 12 février 2024"): names, agency or outlet, date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .credits import looks_like_person, parse_credit_line
from .dates import dateline, is_calendar_word

_A = r"['’]"  # apostrophes as typed or typeset

_SOCIAL = (
    r"(?:tik\s?tok|instagram|facebook|twitter|\bx\b|youtube|snapchat|linkedin|threads|bluesky|"
    r"whatsapp|telegram|twitch|newsletters?|infolettres?|lettres? d['’]information|r[ée]seaux sociaux|"
    r"social media|notre (?:site|application|appli|cha[iî]ne|compte|page|podcast)|"
    r"our (?:website|app|channel|account|page|podcast)|podcasts?)"
)
_CTA_PATTERNS = (
    # French
    rf"^(?:retrouvez|suivez|rejoignez|likez|aimez|partagez|t[ée]l[ée]chargez|[ée]coutez|regardez)\b.*{_SOCIAL}",
    r"^(?:suivez|rejoignez)[- ]nous\b",
    r"^(?:abonnez|inscrivez)[- ]vous\b",
    r"^pour ne rien manquer\b",
    rf"^(?:recevez|ne manquez)\b.*{_SOCIAL}",
    # English
    r"^follow us\b",
    r"^(?:subscribe|sign up)\b",
    rf"^(?:like|join|find|watch|listen|download|get)\b.*{_SOCIAL}",
    # German, Spanish, Italian, Portuguese, Dutch
    r"^(?:folgen sie uns|abonnieren sie|síguenos|suscríbete|seguici|iscriviti|siga-nos|assine|volg ons|abonneer)\b",
)
_CTA_RE = re.compile("|".join(f"(?:{p})" for p in _CTA_PATTERNS), re.IGNORECASE)

_READ_ALSO_RE = re.compile(
    r"^(?:[àa] lire aussi|lire aussi|lire [ée]galement|[àa] lire [ée]galement|[àa] voir aussi|voir aussi|"
    r"sur le m[êe]me sujet|read more|read also|also read|related(?: articles?| stories)?|see also|"
    r"more on this story|lesen sie auch|mehr zum thema|lee también|leggi anche|leia também|lees ook)\b"
    r"\s*[:.\-–—»>]?",
    re.IGNORECASE,
)
_FURNITURE_RE = re.compile(
    r"^(?:advertisement|publicit[ée]|sponsored|contenu sponsoris[ée]|partenariat|anzeige|publicidad|"
    r"pubblicit[àa]|partager(?: cet article| sur .*)?|share(?: this(?: article| story)?)?|imprimer|print|"
    r"commentaires?|comments?|fermer|close|menu|accueil|home|newsletter|"
    r"[-_*=·•~]{3,}|\[?(?:image|photo|video|vidéo)\]?|(?:voir|view) (?:la |the )?(?:vidéo|video|galerie|gallery))$",
    re.IGNORECASE,
)
_CLICKBAIT_RE = re.compile(
    rf"(?:[;:]\s*la raison\b|[;:]\s*voici (?:pourquoi|la raison|ce qu)|\bvoici pourquoi\b|"
    rf"\bce qu{_A}il faut savoir\b|\bon vous explique\b|\bon fait le point\b|\bla raison (?:est )?(?:surprenante|incroyable)\b|"
    rf"\bvous n{_A}allez pas (?:le )?croire\b|\bles d[ée]tails\b$|\bwhat (?:you need|to) know\b|"
    rf"\byou won{_A}t believe\b|\bhere{_A}s (?:why|what|how)\b|\bthe reason (?:why )?will\b|"
    rf"\bthis is why\b|\bfind out\b|\bla r[ée]ponse\b$)",
    re.IGNORECASE,
)

#: Longest line taken for a call to action, a read-also link or a byline.
_MAX_FURNITURE_CHARS = 220


def is_call_to_action(line: str) -> bool:
    text = line.strip()
    return len(text) <= _MAX_FURNITURE_CHARS and bool(_CTA_RE.search(text))


def is_read_also(line: str) -> bool:
    text = line.strip()
    return len(text) <= _MAX_FURNITURE_CHARS * 2 and bool(_READ_ALSO_RE.match(text))


def is_furniture(line: str) -> bool:
    return bool(_FURNITURE_RE.match(line.strip().strip(".:")))


#: Teasers are one short line; longer text is never tested for clickbait.
_MAX_TEASER_CHARS = 300


def is_clickbait(line: str) -> bool:
    text = line.strip()
    return len(text) <= _MAX_TEASER_CHARS and bool(_CLICKBAIT_RE.search(text))


_PHOTO_LABELS = (
    r"images?|photos?|pictures?|audio|vid[ée]o|illustration|cr[ée]dits?(?: photo)?|photo credit|"
    r"fotos?|bild|foto"
)
_PHOTO_TAIL = re.compile(
    rf"^(?P<caption>.*?)[\s.]*\b(?:{_PHOTO_LABELS})\s*:\s*(?P<credit>[^:«»\"“”]{{1,80}}?)[\s.]*$", re.IGNORECASE
)
_PHOTO_PAREN = re.compile(
    r"^(?P<caption>.*?)\s*\((?:photo|cr[ée]dit(?: photo)?|image|foto)\s*:?\s*(?P<credit>[^()]{1,60})\)[\s.]*$",
    re.IGNORECASE,
)
_PHOTO_COPYRIGHT = re.compile(r"^(?P<caption>.*?)[\s.]*©\s*(?P<credit>[^©]{1,60}?)[\s.]*$")


def photo_caption(line: str) -> tuple[str, str] | None:
    """``(caption, credit)`` for a photo caption line left in the text ("A
    firefighter at the scene on Monday. Image: John Doe.", "Le site (Photo X /
    AFP)", "... © Jane Roe"), or None. A bare credit line with no caption
    ("Crédit photo : X") is a credit line, not a caption: ``caption`` is ""."""
    text = line.strip()
    if not text or len(text) > 400:
        return None
    for pattern in (_PHOTO_TAIL, _PHOTO_PAREN, _PHOTO_COPYRIGHT):
        m = pattern.match(text)
        if not m:
            continue
        credit = m.group("credit").strip(" .;,")
        if not credit or len(credit.split()) > 8 or credit[:1].islower():
            continue
        caption = m.group("caption").strip()
        if caption and caption[-1] not in ".!?)" and pattern is _PHOTO_TAIL:
            caption = caption.rstrip(" ,;:–—-")
        return caption, credit
    return None


def furniture_reason(line: str) -> str | None:
    """"call-to-action", "read-also", "furniture" or None for an ordinary line."""
    if is_read_also(line):
        return "read-also"
    if is_call_to_action(line):
        return "call-to-action"
    if is_furniture(line):
        return "furniture"
    return None


_SENTENCE_END = re.compile(r"(?<=[.!?…»”])\s+(?=\S)")


def split_trailing_cta(paragraph: str) -> tuple[str, str | None]:
    """``("body.", "Suivez-nous sur Instagram.")`` when a paragraph ends with a CTA sentence."""
    pieces = _SENTENCE_END.split(paragraph)
    if len(pieces) < 2 or not is_call_to_action(pieces[-1]):
        return paragraph, None
    head = paragraph[: len(paragraph) - len(pieces[-1])].rstrip()
    if head.count("«") != head.count("»") or head.count("“") != head.count("”"):
        return paragraph, None  # the "CTA" is inside a quotation: leave the words alone
    return head, pieces[-1]


# --- bylines -------------------------------------------------------------------------

_BYLINE_PREFIX = re.compile(r"^(?:Par|PAR|By|BY|Von|VON|Por|POR|Di|Door|Texte|Text|Reportage)\s*:?\s+(?P<rest>.+)$")
_NAME_JOINERS = re.compile(r"\s*(?:,|&|\bet\b|\band\b|\bund\b|\by\b|\be\b|\ben\b|\bavec\b|\bwith\b)\s*")
_MAX_BYLINE_TAIL_WORDS = 6
_ORG_TAIL = re.compile(r"^(?P<names>.+?)(?:\s*\((?P<paren>[^)]+)\)|\s*(?:,|–|—|-|\|)\s*(?P<sep>[^,–—|-]+)|\s+(?:pour|for|für|para|per|voor)\s+(?P<for>.+))$")


@dataclass(frozen=True)
class Byline:
    names: str  # "Jean Dupont et Marie Curie", as written
    organisation: str | None = None  # "AFP" in "Par Jean Dupont (AFP)"
    date: str | None = None  # ISO date written after the names ("By Jane Doe, February 12, 2024")
    date_text: str | None = None  # that date as written ("February 12, 2024")

    @property
    def signed(self) -> bool:
        """Names with an agency or a date: a byline wherever it stands, never prose."""
        return bool(self.organisation or self.date)


#: Words of a job title, which bylines append to names ("Jane Doe, Staff Reporter").
_JOB_WORDS = frozenset(
    """reporter reporters correspondent correspondents editor editors writer writers staff
    bureau desk chief senior political economics journalist journaliste journalistes
    correspondant correspondante correspondants envoyé envoyée spécial spéciale rédacteur
    rédactrice rédaction service""".split()
)


def _names_ok(names: str) -> bool:
    parts = [p for p in _NAME_JOINERS.split(names) if p]
    return bool(parts) and all(
        (looks_like_person(p) or _single_name(p)) and not _JOB_WORDS & set(p.lower().split()) for p in parts
    )


def _single_name(part: str) -> bool:
    """One capitalised surname ("Par Dupont"), not a day or a month ("By Monday")."""
    return (
        bool(re.fullmatch(r"[^\W\d_][\w’'-]+", part))
        and part[0].isupper()
        and not part.isupper()
        and not is_calendar_word(part)
    )


#: Where a date may follow the names: "By Jane Doe, February 12, 2024",
#: "Par Jean Dupont | lundi 26 février 2024", "Par Jean Dupont le 12 février 2024".
_DATE_SEPARATOR = re.compile(r"\s*(?:[,|•·–—]|\s-)\s*|\s+(?=(?:le|on|published|publié|updated|mis à jour)\s)", re.I)


def parse_byline(line: str, lang: str | None = None) -> Byline | None:
    """Byline of a line such as "Par Jean Dupont", "By Jane Doe, Reuters",
    "By Jane Doe | Reuters" or "By Jane Doe, February 12, 2024"; else None."""
    text = line.strip().rstrip(".")
    if len(text) > _MAX_FURNITURE_CHARS // 2:
        return None
    m = _BYLINE_PREFIX.match(text)
    if not m:
        return None
    rest = m["rest"].strip()
    for sep in _DATE_SEPARATOR.finditer(rest):
        tail = rest[sep.end() :]
        date = dateline(tail, lang)
        if date and sep.start() > 0:
            byline = _names_and_tail(rest[: sep.start()].strip())
            if byline is None:
                return None
            return Byline(byline.names, byline.organisation, date.iso, tail[date.start : date.end])
    return _names_and_tail(rest)


def _names_and_tail(rest: str) -> Byline | None:
    """ "Jean Dupont", "Jean Dupont (AFP)", "Jane Doe | Reuters", "Jane Doe, Staff Reporter"."""
    if _names_ok(rest):
        return Byline(rest)
    tail = _ORG_TAIL.match(rest)
    if not tail or not _names_ok(tail["names"]):
        return None
    org = (tail["paren"] or tail["sep"] or tail["for"]).strip()
    if dateline(org) or len(org.split()) > _MAX_BYLINE_TAIL_WORDS:
        return None
    return Byline(tail["names"].strip(), organisation=_organisation(org, explicit=bool(tail["for"])))


def _organisation(tail: str, explicit: bool) -> str | None:
    """The outlet in a byline tail: an agency, or what follows "pour"/"for".

    Anything else ("Local Democracy Reporter", "correspondant à Bruxelles")
    is the writer's job title, not a source.
    """
    credit = parse_credit_line(tail)
    if credit and credit.source:
        return credit.source
    return tail if explicit else None
