"""Display typography per language: ``typeset`` for screens, ``plain`` to undo it.

``typeset(text, lang)`` only ever changes punctuation and spaces, never a
letter or digit, and is idempotent (``typeset(typeset(x)) == typeset(x)``).
URLs, e-mail addresses, @handles and #hashtags are left exactly as written.

French (rules of the *Lexique des règles typographiques en usage à
l'Imprimerie nationale*):

* apostrophe: the typographic ``’`` replaces ``'``;
* guillemets: ``« texte »`` with a no-break space (U+00A0) inside each mark;
  straight double quotes ``"texte"`` become guillemets;
* ``; ! ?`` take a narrow no-break space (U+202F) before them, ``:`` a
  no-break space (U+00A0); none is added after an opening mark or between
  two of these marks (``?!``), nor in times or ratios written ``20:30``;
* ``%`` is kept with its number by a narrow no-break space when a space was
  there (``77 %``), and groups of thousands (``1 000 000``) are joined by
  narrow no-break spaces;
* three periods become the ellipsis ``…``.

English: straight quotes become curly (``“ ”`` and ``‘ ’``), apostrophes
``’``, three periods ``…``; no spacing changes.

Other languages: only the apostrophe between two letters becomes ``’`` and
three periods ``…``; their quotation conventions vary too much to guess.

``display_caption(caption, lang)`` is a caption's text typeset for the screen;
``display_quote(text, lang)`` a quote's words typeset for a card, a clip or an
alt text, without the ``,`` ``;`` ``:`` the source left inside the marks before
its attribution ("… access to information," -> "… access to information").

``plain(text)`` maps every typographic form back to ASCII-ish plain text
(no-break spaces to spaces, curly quotes and guillemets to ``"``, ``’`` to
``'``, ``…`` to ``...``) so two texts can be compared whatever their
typography; for text written with straight quotes and regular French spacing,
``plain(typeset(x, lang)) == x``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from repackage.models import Caption

NBSP = "\u00a0"
NNBSP = "\u202f"
_SPACE_CLASS = " \u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a"

#: Spans typography must not touch: URLs, e-mail addresses, @handles, #hashtags.
_PROTECTED_RE = re.compile(
    r"(?:https?://|www\.)[^\s«»\"“”<>]*[^\s«»\"“”<>.,;:!?)\]]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@#])[@#]\w+"
)

#: Stands for a protected span while the rules run (a private-use character).
_PLACEHOLDER = "\ue000"

_OPENING_CONTEXT = set(_SPACE_CLASS) | set("([{«“‘—–-/\n\t")


def typeset(text: str, lang: str) -> str:
    """``text`` with the display typography of ``lang`` (see module doc)."""
    rule = _RULES.get(_base(lang), _typeset_other)
    return _outside_protected(text, rule)


def display_caption(caption: Caption, lang: str) -> str:
    """The caption's text as it is shown or posted: ``typeset`` for ``lang``."""
    return typeset(caption.text, lang)


def display_quote(text: str, lang: str) -> str:
    """A quote's words as shown between quotation marks: typeset for ``lang``,
    with a trailing comma, semicolon or colon (and the space before it) left
    by the source before its attribution removed. Letters are never touched."""
    return re.sub(r"[" + _SPACE_CLASS + r"]*[,;:]+[" + _SPACE_CLASS + r"]*$", "", typeset(text.rstrip(), lang))


def plain(text: str) -> str:
    """``text`` with typographic spaces, quotes, apostrophes and ellipses made plain."""
    text = re.sub(r"«[" + _SPACE_CLASS + r"]*", '"', text)
    text = re.sub(r"[" + _SPACE_CLASS + r"]*»", '"', text)
    text = re.sub("[“”„‟]", '"', text)
    text = re.sub("[‘’‚‛ʼ]", "'", text)
    text = text.replace("…", "...")
    return re.sub("[" + _SPACE_CLASS[1:] + "]", " ", text)


def _outside_protected(text: str, rule: Callable[[str], str]) -> str:
    """Apply ``rule`` to ``text`` with each protected span held out of reach.

    Each span is swapped for a placeholder character (so rules still see a
    word there: "@le_monde ; voilà" gets its narrow space) and put back after.
    """
    spans: list[str] = []

    def hold(m: re.Match[str]) -> str:
        spans.append(m.group(0))
        return _PLACEHOLDER

    held = rule(_PROTECTED_RE.sub(hold, text.replace(_PLACEHOLDER, "")))
    restored = iter(spans)
    return re.sub(_PLACEHOLDER, lambda _m: next(restored), held)


def _typeset_fr(text: str) -> str:
    text = text.replace("'", "’").replace("...", "…")
    text = _straight_double_quotes(text, "«", "»")
    text = re.sub(r"«[" + _SPACE_CLASS + r"]*(?=\S)", "«" + NBSP, text)
    text = re.sub(r"(?<=\S)[" + _SPACE_CLASS + r"]*»", NBSP + "»", text)
    text = re.sub(r"(?<=[^\s;:!?«(\[{])[" + _SPACE_CLASS + r"]*(?=[;!?])", NNBSP, text)
    text = re.sub(r"(?<=[^\s;:!?«(\[{\d])[" + _SPACE_CLASS + r"]*:", NBSP + ":", text)
    text = re.sub(r"(?<=\d)[" + _SPACE_CLASS + r"]+:(?!\d)", NBSP + ":", text)
    text = re.sub(r"(?<=\d):(?=[\s»]|$)", NBSP + ":", text)
    text = re.sub(r"(?<=\d)[ \u00a0](?=\d{3}(?!\d))", NNBSP, text)
    return re.sub(r"(?<=\d)[ \u00a0](?=%)", NNBSP, text)


def _typeset_en(text: str) -> str:
    text = text.replace("...", "…")
    text = _straight_double_quotes(text, "“", "”")
    return _straight_single_quotes(text)


def _typeset_other(text: str) -> str:
    text = text.replace("...", "…")
    return re.sub(r"(?<=[^\W\d_])'(?=[^\W\d_])", "’", text)


def _straight_double_quotes(text: str, opening: str, closing: str) -> str:
    """Each ``"`` opens after a space/start/opening mark and closes otherwise."""
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch == '"':
            prev = text[i - 1] if i else " "
            chars[i] = opening if prev in _OPENING_CONTEXT else closing
    return "".join(chars)


def _straight_single_quotes(text: str) -> str:
    """``'`` opens a quote (``‘``) before a letter after a space; else it is ``’``."""
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch == "'":
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            chars[i] = "‘" if prev in _OPENING_CONTEXT and nxt.isalpha() else "’"
    return "".join(chars)


def _base(lang: str) -> str:
    return (lang or "und").split("-")[0].lower()


_RULES: dict[str, Callable[[str], str]] = {"fr": _typeset_fr, "en": _typeset_en}
