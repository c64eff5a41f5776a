"""Re-joining sentences that scraping broke across paragraphs or lines.

Rule (deliberately narrow, so real paragraph breaks survive): paragraph A is
joined to the next paragraph B with one space when

- A does not end a sentence (no ``. ! ? … :`` and no closing quote or
  bracket at its end), and A is not a heading or a quote/list block, and
- B starts with a lowercase letter, or A ends with a word that cannot end a
  sentence in the article's language (a preposition, article or conjunction:
  "évoquée par" / "Emmanuel Macron, ...");

or whenever B starts with a comma or semicolon (« ... » / ", a-t-il dit").

A short line without a final function word ("Group F — Sweden 1 – 0 Korea
Republic") is a heading and is never joined. Each join is reported as a
human-readable note.

Word hyphenation at a line end ("gou-" / "vernement") is undone only when the
article writes the whole word elsewhere; otherwise the hyphen stays, since
"porte-" / "parole" is a real compound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words after which a sentence cannot stop, per language (lowercase).
_DANGLING: dict[str, frozenset[str]] = {
    "fr": frozenset(
        """à au aux de des du d la le les l un une et ou mais car donc ni or par pour sans sous sur
        dans en entre vers avec chez contre selon depuis pendant avant après dont que qu qui
        quand lorsque puisque si ce cet cette ces son sa ses leur leurs mon ma mes notre nos votre
        vos est sont a ont été être était très plus moins""".split()
    ),
    "en": frozenset(
        """a an the of to in on at by for from with and or but nor as than that which who whose
        whom when while because if into onto upon about over under between among through
        during without within is are was were be been has have had will would its their his her
        our your my this these those very""".split()
    ),
    "de": frozenset("der die das den dem des ein eine einen einem einer und oder aber von zu mit für auf in im an bei nach aus über unter durch dass als wie".split()),
    "es": frozenset("el la los las un una unos unas de del al a en con por para sin sobre entre y o pero que como su sus".split()),
    "it": frozenset("il lo la i gli le un uno una di del della dei delle a al alla in nel nella con per su tra fra e o ma che come".split()),
    "pt": frozenset("o a os as um uma de do da dos das em no na nos nas com por para sem sobre entre e ou mas que como seu sua".split()),
    "nl": frozenset("de het een van in op te aan met voor door bij naar over uit en of maar dat die als".split()),
}
_TERMINAL = tuple(".!?…:»”\"’)]")
#: A line of at most this many words with no dangling last word is a heading.
_HEADING_MAX_WORDS = 12


@dataclass(frozen=True)
class Para:
    """A paragraph being assembled; ``kind`` is "text", "heading", "quote" or "item"."""

    text: str
    kind: str = "text"


def _last_word(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text.lower())
    return words[-1] if words else ""


def _dangling_words(lang: str) -> frozenset[str]:
    return _DANGLING.get(lang, _DANGLING["fr"] | _DANGLING["en"])


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def _starts_lower(text: str) -> bool:
    first = text.lstrip()[:1]
    return first.isalpha() and first.islower()


def should_join(a: Para, b: Para, lang: str) -> bool:
    """Whether ``b`` continues the sentence that ``a`` leaves open."""
    if a.kind != "text" or b.kind != "text":
        return False
    if b.text.lstrip()[:1] in (",", ";"):
        return True  # no paragraph starts with a comma: « … » / , a-t-il dit.
    if ends_sentence(a.text):
        return False
    dangling = _last_word(a.text) in _dangling_words(lang)
    if not dangling and len(a.text.split()) <= _HEADING_MAX_WORDS and not _starts_lower(b.text):
        return False
    return dangling or _starts_lower(b.text)


def _junction(a: str, b: str, corpus_lower: str) -> tuple[str, str]:
    """How ``a`` meets ``b``: (``a`` possibly without its line-end hyphen, separator)."""
    if b[:1] in (",", ";", ".", ")"):
        return a, ""
    hyphen = re.search(r"([^\W\d_]+)-$", a[-80:]) if a.endswith("-") else None
    second = re.match(r"[^\W\d_]+", b)
    if hyphen and second and _starts_lower(b):
        if _written_whole(hyphen.group(1), second.group(0), corpus_lower):
            return a[:-1], ""
        return a, ""
    return a, " "


def _written_whole(first: str, second: str, corpus_lower: str) -> bool:
    """Whether the article spells "gouvernement" (not "gouver-nement") elsewhere.

    Without that evidence the hyphen stays: "porte-" + "parole" must not
    become "porteparole".
    """
    whole, hyphenated = f"{first}{second}".lower(), f"{first}-{second}".lower()
    return whole in corpus_lower and hyphenated not in corpus_lower


def join_texts(texts: list[str], corpus_lower: str = "") -> str:
    """Lines or paragraphs of one sentence run joined with single spaces.

    A line-end hyphen is resolved against ``corpus_lower`` (the article,
    lowercased). Linear in the total length.
    """
    pieces = [texts[0].rstrip()]
    for text in texts[1:]:
        text = text.strip()
        pieces[-1], separator = _junction(pieces[-1], text, corpus_lower)
        pieces.append(separator + text)
    return "".join(pieces)


def _excerpt(a: str, b: str) -> str:
    tail = " ".join(a.split()[-3:])
    head = " ".join(b.split()[:4])
    return f"“…{tail}” + “{head}…”"


def heal_paragraphs(paras: list[Para], lang: str) -> tuple[list[Para], list[str]]:
    """Paragraphs with broken sentences re-joined, and a note per join."""
    notes: list[str] = []
    runs: list[list[Para]] = []
    for para in paras:
        if runs and should_join(runs[-1][-1], para, lang):
            notes.append(f"re-joined a sentence broken across paragraphs: {_excerpt(runs[-1][-1].text, para.text)}")
            runs[-1].append(para)
        else:
            runs.append([para])
    corpus_lower = "\n".join(p.text for p in paras).lower()
    healed = [Para(join_texts([p.text for p in run], corpus_lower), run[0].kind) for run in runs]
    return healed, notes
